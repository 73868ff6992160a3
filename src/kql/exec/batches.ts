/** Small helpers over column batches. */
import { nullOf, type Batch, type Schema, type Value } from '../types.ts';
import { batchBytes, isResident, markResidentColumn, residentAs, slotBytes } from './memory-size.ts';
import type { OperatorMemory } from './memory.ts';

export const BATCH_SIZE = 4096;

export function batchOf(schema: Schema, columns: Value[][], ingestion?: (bigint | null)[]): Batch {
  const length = columns.length > 0 ? columns[0]!.length : 0;
  return ingestion ? { schema, columns, length, ingestion } : { schema, columns, length };
}

function pick<T extends Value>(col: readonly T[], indexes: ArrayLike<number>): T[] {
  const n = indexes.length;
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = col[indexes[i]!]!;
  residentAs(col, out);
  return out;
}

/**
 * The rows at `indexes`, in that order. With `only`, just those columns are copied and the others
 * are left out (a batch for evaluating one expression over some rows).
 */
export function selectRows(batch: Batch, indexes: ArrayLike<number>, schema: Schema = batch.schema, only?: readonly number[]): Batch {
  let columns: Value[][];
  if (only === undefined) {
    // Columns that are one array (a reader's or a window's columns of nulls that a scan did not
    // ask for) stay one array: copied once, not once per column.
    const made = new Map<readonly Value[], Value[]>();
    columns = batch.columns.map((col) => {
      let out = made.get(col);
      if (out === undefined) made.set(col, (out = pick(col, indexes)));
      return out;
    });
  } else {
    columns = new Array<Value[]>(batch.columns.length);
    for (const c of only) columns[c] = pick(batch.columns[c]!, indexes);
  }
  const length = indexes.length;
  return batch.ingestion ? { schema, columns, length, ingestion: pick(batch.ingestion, indexes) } : { schema, columns, length };
}

/** The first `n` rows (all of them when there are fewer). */
export function firstRows(batch: Batch, n: number, schema: Schema = batch.schema): Batch {
  const count = Math.min(n, batch.length);
  const rows = new Uint32Array(count);
  for (let i = 0; i < count; i++) rows[i] = i;
  return selectRows(batch, rows, schema);
}

export function concatBatches(schema: Schema, batches: readonly Batch[]): Batch {
  // After `evaluate bag_unpack` without a declared schema the data decides the columns.
  if (batches.length > 0 && batches[0]!.columns.length !== schema.length) schema = batches[0]!.schema;
  if (batches.length === 1) return batches[0]!.schema === schema ? batches[0]! : { ...batches[0]!, schema };
  let total = 0;
  for (const b of batches) total += b.length;
  // Sized once and filled by index: growing by push copied every column ~log(n) times. Columns
  // that are one array in every batch (columns of nulls: selectRows) stay one array.
  const sameAs = schema.map((_s, c) => sharedColumnOf(batches, c));
  const columns: Value[][] = schema.map((_s, c) => (sameAs[c]! < c ? [] : new Array<Value>(total)));
  const withIngestion = batches.length > 0 && batches.every((b) => b.ingestion);
  const ingestion: (bigint | null)[] | undefined = withIngestion ? new Array<bigint | null>(total) : undefined;
  let at = 0;
  for (const b of batches) {
    const n = b.length;
    for (let c = 0; c < columns.length; c++) {
      if (sameAs[c]! < c) continue;
      const dst = columns[c]!;
      const src = b.columns[c]!;
      for (let i = 0; i < n; i++) dst[at + i] = src[i]!;
    }
    if (ingestion) {
      const src = b.ingestion!;
      for (let i = 0; i < n; i++) ingestion[at + i] = src[i]!;
    }
    at += n;
  }
  for (let c = 0; c < columns.length; c++) {
    if (sameAs[c]! < c) columns[c] = columns[sameAs[c]!]!;
    else if (batches.every((b) => isResident(b.columns[c]!))) markResidentColumn(columns[c]!);
  }
  return { schema, columns, length: total, ingestion };
}

/** The first column that is, in every batch, the same array as column c (c itself when none is). */
function sharedColumnOf(batches: readonly Batch[], c: number): number {
  const first = batches[0]?.columns[c];
  if (first === undefined) return c;
  const d = batches[0]!.columns.indexOf(first);
  if (d === c) return c;
  for (const b of batches) if (b.columns[d] !== b.columns[c]) return c;
  return d;
}

export async function collect(schema: Schema, stream: AsyncIterable<Batch>): Promise<Batch> {
  const batches: Batch[] = [];
  for await (const b of stream) if (b.length > 0) batches.push(b);
  return concatBatches(schema, batches);
}

/**
 * collect() for an operator that holds the whole stream: each batch is charged to `account`
 * (its values at full size: they stay alive because they are held here) before the next is read.
 */
export async function collectCharged(schema: Schema, stream: AsyncIterable<Batch>, account: OperatorMemory): Promise<Batch> {
  const batches: Batch[] = [];
  let total = 0;
  for await (const b of stream) {
    if (b.length === 0) continue;
    account.charge(batchBytes(b, account.left));
    batches.push(b);
    total += b.length;
  }
  // Several batches are copied into new columns.
  if (batches.length > 1) account.charge(slotBytes(schema.length, total));
  return concatBatches(schema, batches);
}

/** Splits a materialized table back into batches of BATCH_SIZE rows. */
export async function* replay(batch: Batch): AsyncIterable<Batch> {
  if (batch.length <= BATCH_SIZE) {
    yield batch;
    return;
  }
  for (let start = 0; start < batch.length; start += BATCH_SIZE) {
    const end = Math.min(batch.length, start + BATCH_SIZE);
    // columns that are one array (a window's unread columns: one array of nulls) stay one array
    const made = new Map<readonly Value[], Value[]>();
    yield {
      schema: batch.schema,
      columns: batch.columns.map((c) => {
        let part = made.get(c);
        if (part === undefined) {
          made.set(c, (part = c.slice(start, end)));
          residentAs(c, part);
        }
        return part;
      }),
      length: end - start,
      ingestion: batch.ingestion?.slice(start, end),
    };
  }
}

/** One value n times; its content is that one value (memory-size.ts: resident). */
export function constantColumn(value: Value, n: number): Value[] {
  const col = new Array<Value>(n).fill(value);
  markResidentColumn(col);
  return col;
}

export function nullColumn(schema: Schema, index: number, n: number): Value[] {
  return constantColumn(nullOf(schema[index]!.type), n);
}

/** Rows built from row-major values. */
export function batchFromRows(schema: Schema, rows: readonly (readonly Value[])[]): Batch {
  const columns: Value[][] = schema.map(() => new Array<Value>(rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let c = 0; c < schema.length; c++) {
      const v = row[c];
      columns[c]![r] = v === undefined || (v === null && schema[c]!.type === 'string') ? nullOf(schema[c]!.type) : v;
    }
  }
  return { schema, columns, length: rows.length };
}
