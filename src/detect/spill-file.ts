/**
 * An append-only temporary file of row chunks, so a replay over more kept rows than its memory
 * budget holds keeps them on disk until a run's lookback needs them. Chunks are written once and
 * read back whole; the file is deleted on close (and by the OS's temp cleaning if we crash).
 *
 * Encoding: v8.serialize, with dynamic values' typed wrappers tagged (kql/values/dyn-codec.ts).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Dyn, Schema, Value } from '../kql/types.ts';
import { decodeDyn, encodeDyn } from '../kql/values/dyn-codec.ts';

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
    if (this.fd === null) {
      this.dir = mkdtempSync(join(this.parent, 'trailhound-spill-'));
      this.fd = openSync(join(this.dir, 'rows.bin'), 'w+');
    }
    const columns = chunk.columns.map((col, c) => (this.schema[c]!.type === 'dynamic' ? col.map((v) => encodeDyn(v as Dyn)) : col));
    const data = serialize({ columns, ingestion: chunk.ingestion });
    const ref = { offset: this.size, length: data.length };
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done, this.size + done);
    this.size += data.length;
    return ref;
  }

  read(ref: ChunkRef): SpilledChunk {
    if (this.fd === null) throw new Error('nothing was spilled');
    const buf = Buffer.allocUnsafe(ref.length);
    let done = 0;
    while (done < ref.length) {
      const n = readSync(this.fd, buf, done, ref.length - done, ref.offset + done);
      if (n === 0) throw new Error(`spill file ended early at ${ref.offset + done}`);
      done += n;
    }
    const chunk = deserialize(buf) as SpilledChunk;
    chunk.columns.forEach((col, c) => {
      if (this.schema[c]!.type === 'dynamic') for (let i = 0; i < col.length; i++) col[i] = decodeDyn(col[i]);
    });
    return chunk;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
  }
}
