/**
 * A Parquet file as hyparquet's AsyncBuffer, read through one open file descriptor: each slice is
 * one positioned read into a buffer of its own size, synchronous (a column chunk is a local read
 * of kilobytes to a few megabytes, and its decoding waits for it anyway; a promise per read cost
 * more than the read). hyparquet's asyncBufferFromFile opens a read stream per slice (an open,
 * 64 KiB reads, a close, then a copy of the pieces into one buffer): for the ~50 column chunks of
 * each row group of a lake file, that was a tenth of a Parquet read.
 * The size is the one stat gave when the file was opened: a file that shrinks later gives short
 * slices, which the readers report (parquet-rows.ts), never bytes from past the end.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { AsyncBuffer } from 'hyparquet';

export interface ParquetFile extends AsyncBuffer {
  close(): Promise<void>;
}

export async function openParquetFile(path: string): Promise<ParquetFile> {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    return {
      byteLength: size,
      async slice(start: number, end: number = size): Promise<ArrayBuffer> {
        const from = Math.max(0, Math.min(start, size));
        const to = Math.max(from, Math.min(end, size));
        const out = new Uint8Array(to - from);
        let got = 0;
        while (got < out.length) {
          const n = readSync(fd, out, got, out.length - got, from + got);
          if (n === 0) break;
          got += n;
        }
        return got === out.length ? out.buffer : out.slice(0, got).buffer;
      },
      close: async () => closeSync(fd),
    };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}
