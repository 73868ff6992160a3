/**
 * A Parquet file as hyparquet's AsyncBuffer, read through one open file handle: each slice is one
 * positioned read into a buffer of its own size. hyparquet's asyncBufferFromFile opens a read
 * stream per slice (an open, 64 KiB reads, a close, then a copy of the pieces into one buffer):
 * for the ~50 column chunks of each row group of a lake file, that was a tenth of a Parquet read.
 * The size is the one stat gave when the file was opened: a file that shrinks later gives short
 * slices, which the readers report (parquet-rows.ts), never bytes from past the end.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { AsyncBuffer } from 'hyparquet';

export interface ParquetFile extends AsyncBuffer {
  close(): Promise<void>;
}

export async function openParquetFile(path: string): Promise<ParquetFile> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return {
      byteLength: size,
      async slice(start: number, end: number = size): Promise<ArrayBuffer> {
        const from = Math.max(0, Math.min(start, size));
        const to = Math.max(from, Math.min(end, size));
        const out = new Uint8Array(to - from);
        let got = 0;
        while (got < out.length) {
          const { bytesRead } = await handle.read(out, got, out.length - got, from + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return got === out.length ? out.buffer : out.slice(0, got).buffer;
      },
      close: () => handle.close(),
    };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
