/**
 * An append-only temporary file of row chunks, so a replay over more kept rows than its memory
 * budget holds keeps them on disk until a run's lookback needs them. Chunks are written once and
 * read back whole; the file is deleted on close (and by the OS's temp cleaning if we crash).
 *
 * Encoding: v8.serialize of each column in the form of spill-columns.ts (string dictionaries,
 * 64-bit integer arrays, dynamic values' typed wrappers tagged).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Schema, Value } from '../kql/types.ts';
import { decodeColumn, encodeColumn, type EncodedColumn } from './spill-columns.ts';

/** Where a chunk is in the file. */
export interface ChunkRef {
  readonly offset: number;
  readonly length: number;
}

/** What a chunk holds: column-major values and each row's ingestion (delivery) time. */
export interface SpilledChunk {
  readonly columns: Value[][];
  readonly ingestion: (bigint | null)[] | null;
}

const FILE_NAME = 'rows.bin';

/** The spill file could not be written (reported to the user like a usage error: exit 2). */
export class SpillError extends Error {
  override name = 'UsageError';
}

export class SpillFile {
  private fd: number | null = null;
  private dir: string | null = null;
  private size = 0;

  constructor(
    private readonly schema: Schema,
    private readonly parent: string = tmpdir(),
  ) {}

  /** Bytes written so far. */
  get bytes(): number {
    return this.size;
  }

  write(chunk: SpilledChunk): ChunkRef {
    try {
      return this.append(chunk);
    } catch (e) {
      // A full disk or an unusable folder is the user's to fix: say where and how.
      const err = e as NodeJS.ErrnoException;
      throw new SpillError(
        `cannot write kept rows to the spill folder ${this.dir ?? this.parent} (${err.code ?? 'error'}: ${err.message}); ` +
          'free space there, choose another folder with --spill-dir, or raise --memory',
      );
    }
  }

  private append(chunk: SpilledChunk): ChunkRef {
    if (this.fd === null) {
      this.dir = mkdtempSync(join(this.parent, 'trailhound-spill-'));
      this.fd = openSync(join(this.dir, FILE_NAME), 'w+');
    }
    const columns = chunk.columns.map((col, c) => encodeColumn(this.schema[c]!.type, col));
    const ingestion = chunk.ingestion === null ? null : encodeColumn('datetime', chunk.ingestion);
    const data = serialize({ columns, ingestion });
    const ref = { offset: this.size, length: data.length };
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done, this.size + done);
    this.size += data.length;
    return ref;
  }

  read(ref: ChunkRef): SpilledChunk {
    if (this.fd === null) throw new Error('nothing was spilled');
    return readChunk(this.fd, ref);
  }

  /** The file's path once something was spilled (another thread can read it: SpillReader). */
  get path(): string | null {
    return this.dir === null ? null : join(this.dir, FILE_NAME);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}

function readChunk(fd: number, ref: ChunkRef): SpilledChunk {
  const buf = Buffer.allocUnsafe(ref.length);
  let done = 0;
  while (done < ref.length) {
    const n = readSync(fd, buf, done, ref.length - done, ref.offset + done);
    if (n === 0) throw new Error(`spill file ended early at ${ref.offset + done}`);
    done += n;
  }
  const stored = deserialize(buf) as { columns: EncodedColumn[]; ingestion: EncodedColumn | null };
  return {
    columns: stored.columns.map(decodeColumn),
    ingestion: stored.ingestion === null ? null : (decodeColumn(stored.ingestion) as (bigint | null)[]),
  };
}

/** Reads chunks of a spill file another SpillFile wrote (the writer owns and deletes the file). */
export class SpillReader {
  private fd: number | null;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }

  read(ref: ChunkRef): SpilledChunk {
    if (this.fd === null) throw new Error('spill reader closed');
    return readChunk(this.fd, ref);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
