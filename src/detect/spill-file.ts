/**
 * An append-only temporary file of row chunks, so a replay over more kept rows than its memory
 * budget holds keeps them on disk until a run's lookback needs them. Chunks are written once and
 * read back whole; the file is deleted on close (and by the OS's temp cleaning if we crash).
 *
 * Encoding: v8.serialize keeps bigint, Map (property bags, key order included), arrays and
 * strings exactly. It drops class identity, so dynamic values' typed wrappers (DynInt, ...) are
 * tagged on the way out and rebuilt on the way in; plain objects never occur in a Dyn otherwise.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn, type Schema, type Value } from '../kql/types.ts';

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

type Tagged = { t: 'i' | 'dt' | 'ts' | 'g' | 'd'; v: unknown };

function encodeDyn(v: Dyn): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(encodeDyn);
  if (v instanceof Map) {
    const m = new Map<string, unknown>();
    for (const [k, x] of v) m.set(k, encodeDyn(x));
    return m;
  }
  if (v instanceof DynInt) return { t: 'i', v: v.value } satisfies Tagged;
  if (v instanceof DynDatetime) return { t: 'dt', v: v.ticks } satisfies Tagged;
  if (v instanceof DynTimespan) return { t: 'ts', v: v.ticks } satisfies Tagged;
  if (v instanceof DynGuid) return { t: 'g', v: v.text } satisfies Tagged;
  if (v instanceof DynDecimal) return { t: 'd', v: v.text } satisfies Tagged;
  throw new Error(`cannot spill a dynamic value of class ${(v as object).constructor?.name}`);
}

function decodeDyn(v: unknown): Dyn {
  if (v === null || typeof v !== 'object') return v as Dyn;
  if (Array.isArray(v)) return v.map(decodeDyn);
  if (v instanceof Map) {
    const m = new Map<string, Dyn>();
    for (const [k, x] of v) m.set(k as string, decodeDyn(x));
    return m;
  }
  const { t, v: x } = v as Tagged;
  switch (t) {
    case 'i':
      return new DynInt(x as number);
    case 'dt':
      return new DynDatetime(x as bigint);
    case 'ts':
      return new DynTimespan(x as bigint);
    case 'g':
      return new DynGuid(x as string);
    case 'd':
      return new DynDecimal(x as string);
  }
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
