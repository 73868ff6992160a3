/**
 * `join` (every kind) and `lookup`: hash join on the key columns. Output rows follow the left
 * side's order, each with its matches in right-side order; unmatched right rows come last.
 * Null keys match each other, as in grouping (kql-semantics.md §4.8.1: UNVERIFIED in the service).
 */
import type { Plan } from '../../plan/plan.ts';
import { nullOf, type Batch, type Schema, type Value } from '../../types.ts';
import { batchOf, constantColumn, selectRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { materialize } from '../execute.ts';
import { columnBytes, residentAs, slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import { tupleKey, type KeyFn } from './group-keys.ts';
import { int32s, uint32s, uint8s } from '../vector/small-arrays.ts';

interface Side {
  readonly batch: Batch;
  readonly keys: unknown[];
}

function keyOf(batch: Batch, keyIndexes: readonly number[]): KeyFn {
  const types = keyIndexes.map((k) => batch.schema[k]!.type);
  return tupleKey(types, keyIndexes.map((k) => batch.columns[k]!));
}

/** A hash table entry and the row's place in its key's list. */
const INDEX_ENTRY_BYTES = 48;

/**
 * Bytes of a side's key per row: a slot, and, when the key is text built from the values (several
 * columns, or a type whose key is its text), about the size of the key columns.
 */
function keyBytes(batch: Batch, keyIndexes: readonly number[], account: OperatorMemory): number {
  let n = slotBytes(1, batch.length);
  if (keyIndexes.length > 1 || batch.schema[keyIndexes[0]!]?.type !== 'string') {
    for (const k of keyIndexes) n += columnBytes(batch.schema[k]!.type, batch.columns[k]!, 0, batch.length, account.left);
  }
  return n;
}

function keyed(batch: Batch, keyIndexes: readonly number[], account: OperatorMemory): Side {
  account.charge(keyBytes(batch, keyIndexes, account));
  const key = keyOf(batch, keyIndexes);
  const keys = new Array<unknown>(batch.length);
  for (let i = 0; i < batch.length; i++) keys[i] = key(i);
  return { batch, keys };
}

function index(side: Side, account: OperatorMemory): Map<unknown, number[]> {
  account.charge(INDEX_ENTRY_BYTES * side.keys.length);
  const m = new Map<unknown, number[]>();
  side.keys.forEach((k, i) => {
    const list = m.get(k);
    if (list) list.push(i);
    else m.set(k, [i]);
  });
  return m;
}

/** (left row, right row) pairs, interleaved in a typed array that doubles when full. */
class Pairs {
  data: Int32Array;
  length = 0;

  /**
   * Sized for `expected` pairs: a fixed 8 KB array was zeroed for every join, however few its rows.
   * Each array is charged before it is allocated (a join whose keys all match is quadratic).
   */
  constructor(
    expected: number,
    private readonly account: OperatorMemory,
  ) {
    account.charge(8 * Math.max(8, expected));
    this.data = int32s(2 * Math.max(8, expected));
  }

  push(i: number, j: number): void {
    if (this.length + 2 > this.data.length) {
      this.account.charge(8 * this.data.length);
      const d = int32s(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.length++] = i;
    this.data[this.length++] = j;
  }
}

const ALL = 0;
const NONE = 1;
const SOME = 2;

/**
 * Whether one side's rows in the pairs are exactly its rows 0..length-1 in order (ALL: e.g. a
 * lookup whose left rows each matched once or not at all), no row (NONE: nothing matched), or
 * anything else (SOME).
 */
function sideRows(pairs: Int32Array, n: number, offset: number, length: number): number {
  let all = n === length;
  let none = true;
  for (let r = 0; r < n && (all || none); r++) {
    const i = pairs[2 * r + offset]!;
    if (i !== r) all = false;
    if (i >= 0) none = false;
  }
  return all ? ALL : none ? NONE : SOME;
}

/** Assembles output rows from (left row, right row) pairs; -1 means "no row" (null cells). */
function assemble(schema: Schema, left: Batch | null, right: Batch | null, found: Pairs, account: OperatorMemory, rightCols?: readonly number[]): Batch {
  const n = found.length / 2;
  // New columns of n rows (a side whose rows are all kept in order shares its own: charged anyway).
  account.charge(slotBytes(schema.length + 1, n));
  const pairs = found.data;
  const columns: Value[][] = [];
  const emit = (b: Batch, offset: number, rows: number, cols: readonly number[] | undefined): void => {
    const width = cols ? cols.length : b.schema.length;
    for (let k = 0; k < width; k++) {
      const c = cols ? cols[k]! : k;
      const src = b.columns[c]!;
      const empty = nullOf(b.schema[c]!.type);
      if (rows === ALL) {
        // Columns are never written once made, so the side's own array can be shared.
        columns.push(src);
        continue;
      }
      if (rows === NONE) {
        columns.push(constantColumn(empty, n));
        continue;
      }
      const out = new Array<Value>(n);
      for (let r = 0; r < n; r++) {
        const i = pairs[2 * r + offset]!;
        out[r] = i < 0 ? empty : src[i]!;
      }
      residentAs(src, out);
      columns.push(out);
    }
  };
  const leftRows = left ? sideRows(pairs, n, 0, left.length) : NONE;
  if (left) emit(left, 0, leftRows, undefined);
  if (right) emit(right, 1, sideRows(pairs, n, 1, right.length), rightCols);
  // Rows keep their ingestion time from the side that owns them (ingestion_time() after a join).
  const owner = left ?? right;
  const offset = left ? 0 : 1;
  let ingestion: (bigint | null)[] | undefined;
  if (owner?.ingestion) {
    if (left && leftRows === ALL) ingestion = owner.ingestion;
    else {
      ingestion = new Array(n);
      for (let r = 0; r < n; r++) {
        const i = pairs[2 * r + offset]!;
        ingestion[r] = i < 0 ? null : owner.ingestion[i]!;
      }
    }
  }
  return batchOf(schema, columns, ingestion);
}

export async function join(plan: Plan & { op: 'join' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  const [l, r] = await Promise.all([materialize(plan.left, ctx, account), materialize(plan.right, ctx, account)]);
  const right = keyed(r, plan.rightKeys, account);
  const pairs = new Pairs(Math.max(l.length, r.length), account);
  switch (plan.kind) {
    case 'leftsemi':
    case 'leftanti': {
      account.charge(INDEX_ENTRY_BYTES * right.keys.length);
      const keys = new Set(right.keys);
      const want = plan.kind === 'leftsemi';
      // The (large) left side's keys are looked up as they are made, not kept.
      const key = keyOf(l, plan.leftKeys);
      account.charge(4 * l.length);
      const keep = uint32s(l.length);
      let m = 0;
      for (let i = 0; i < l.length; i++) if (keys.has(key(i)) === want) keep[m++] = i;
      account.charge(slotBytes(plan.schema.length + 1, m));
      return selectRows(l, keep.subarray(0, m), plan.schema);
    }
    case 'rightsemi':
    case 'rightanti': {
      const leftKeys = keyed(l, plan.leftKeys, account).keys;
      account.charge(INDEX_ENTRY_BYTES * leftKeys.length);
      const keys = new Set(leftKeys);
      const want = plan.kind === 'rightsemi';
      const rk = right.keys;
      for (let i = 0; i < rk.length; i++) if (keys.has(rk[i]) === want) pairs.push(-1, i);
      return assemble(plan.schema, null, r, pairs, account);
    }
    default: {
      const left = keyed(l, plan.leftKeys, account);
      const byKey = index(right, account);
      account.charge(r.length);
      const matchedRight = uint8s(r.length);
      // join-operator doc: innerunique first keeps one left row per key (we keep the first).
      const seenLeft = plan.kind === 'innerunique' ? new Set<unknown>() : undefined;
      const keepUnmatched = plan.kind === 'leftouter' || plan.kind === 'fullouter';
      const lk = left.keys;
      for (let i = 0; i < lk.length; i++) {
        const k = lk[i];
        if (seenLeft) {
          if (seenLeft.has(k)) continue;
          seenLeft.add(k);
        }
        const matches = byKey.get(k);
        if (matches) {
          for (let m = 0; m < matches.length; m++) {
            const j = matches[m]!;
            pairs.push(i, j);
            matchedRight[j] = 1;
          }
        } else if (keepUnmatched) {
          pairs.push(i, -1);
        }
      }
      if (plan.kind === 'rightouter' || plan.kind === 'fullouter') {
        for (let j = 0; j < r.length; j++) if (!matchedRight[j]) pairs.push(-1, j);
      }
      return assemble(plan.schema, l, r, pairs, account);
    }
  }
}

/** lookup-operator doc: every matching pair (no de-duplication); leftouter keeps unmatched left rows. */
export async function lookup(plan: Plan & { op: 'lookup' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  const [l, r] = await Promise.all([materialize(plan.left, ctx, account), materialize(plan.right, ctx, account)]);
  if (r.length === 0) {
    // Nothing can match (an empty watchlist): no left key is built or looked up.
    const pairs = new Pairs(plan.kind === 'leftouter' ? l.length : 0, account);
    if (plan.kind === 'leftouter') for (let i = 0; i < l.length; i++) pairs.push(i, -1);
    return assemble(plan.schema, l, r, pairs, account, plan.rightOutputs);
  }
  const left = keyed(l, plan.leftKeys, account);
  const byKey = index(keyed(r, plan.rightKeys, account), account);
  const pairs = new Pairs(l.length, account);
  const lk = left.keys;
  for (let i = 0; i < lk.length; i++) {
    const matches = byKey.get(lk[i]);
    if (matches) for (let m = 0; m < matches.length; m++) pairs.push(i, matches[m]!);
    else if (plan.kind === 'leftouter') pairs.push(i, -1);
  }
  return assemble(plan.schema, l, r, pairs, account, plan.rightOutputs);
}
