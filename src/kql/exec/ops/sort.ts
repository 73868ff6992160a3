/** `sort`/`order`/`top`: stable multi-key sort with Kusto's null placement. */
import type { SortKey } from '../../plan/plan.ts';
import type { Batch, Schema, Value } from '../../types.ts';
import { compareValues } from '../../values/compare.ts';
import { selectRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalExpr } from '../eval.ts';
import { slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import { doubleKeyWords, int64KeyWords, radixArgsort } from './radix-argsort.ts';

/** sort-operator doc: null and NaN sort together, first for asc and last for desc by default. */
function isNullish(v: Value): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/** Rows in the order sort's contract gives them: null rows, NaN rows and the sorted others. */
function placeApart(key: SortKey, n: number, nulls: readonly number[], nans: readonly number[], sorted: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(n);
  let o = 0;
  const put = (xs: ArrayLike<number>) => {
    for (let i = 0; i < xs.length; i++) out[o++] = xs[i]!;
  };
  // null before NaN when nulls come first ("null, NaN, -inf ..."), NaN before null when last.
  if (key.nullsFirst) {
    put(nulls);
    put(nans);
    put(sorted);
  } else {
    put(sorted);
    put(nans);
    put(nulls);
  }
  return out;
}

/**
 * One int or real key, the common case: the non-null, non-NaN keys are radix-sorted apart from
 * the null and NaN rows, so no comparison does type checks. Same order as the general path.
 */
function sortByNumber(col: Value[], key: SortKey): Uint32Array {
  const n = col.length;
  const values = new Float64Array(n);
  const rows = new Uint32Array(n);
  const nulls: number[] = [];
  const nans: number[] = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === null) nulls.push(i);
    else if (Number.isNaN(v as number)) nans.push(i);
    else {
      values[m] = v as number;
      rows[m++] = i;
    }
  }
  const { hi, lo } = doubleKeyWords(values.subarray(0, m), key.descending);
  return placeApart(key, n, nulls, nans, radixArgsort(hi, lo, rows.subarray(0, m)));
}

/** One long, datetime or timespan key: the ticks are radix-sorted as 64-bit integers. */
function sortByInt64(col: Value[], key: SortKey): Uint32Array {
  const n = col.length;
  const values = new BigInt64Array(n);
  const rows = new Uint32Array(n);
  const nulls: number[] = [];
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === null) nulls.push(i);
    else {
      values[m] = v as bigint;
      rows[m++] = i;
    }
  }
  const { hi, lo } = int64KeyWords(values.subarray(0, m), key.descending);
  return placeApart(key, n, nulls, [], radixArgsort(hi, lo, rows.subarray(0, m)));
}

/** Bytes per row of a sort's order: keys as numbers, row numbers, the permutation. */
const ORDER_BYTES_PER_ROW = 24;

export function sortBatch(batch: Batch, keys: readonly SortKey[], ctx: RunContext, schema: Schema, account: OperatorMemory): Batch {
  // The sorted rows, and the keys' columns and the order while they are computed.
  account.charge(slotBytes(schema.length + keys.length + 1, batch.length) + ORDER_BYTES_PER_ROW * batch.length);
  const mark = ctx.memory.scratch;
  const cols = keys.map((k) => evalExpr(k.expr, batch, ctx));
  const sorted = selectRows(batch, sortOrder(cols, keys, batch.length), schema);
  ctx.memory.freeScratchSince(mark);
  return sorted;
}

/** The row order of a sort by `keys` whose values are `cols`. */
export function sortOrder(cols: readonly Value[][], keys: readonly SortKey[], n: number): ArrayLike<number> {
  if (keys.length === 1) {
    const t = keys[0]!.expr.type;
    if (t === 'real' || t === 'int') return sortByNumber(cols[0]!, keys[0]!);
    if (t === 'long' || t === 'datetime' || t === 'timespan') return sortByInt64(cols[0]!, keys[0]!);
  }
  return comparatorOrder(cols, keys, n);
}

/** The general path: a stable comparison sort over any number of keys of any type. */
export function comparatorOrder(cols: readonly Value[][], keys: readonly SortKey[], n: number): number[] {
  const cmps = keys.map((k) => compareValues(k.expr.type));
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const x = cols[k]![a]!;
      const y = cols[k]![b]!;
      const xn = isNullish(x);
      const yn = isNullish(y);
      if (xn || yn) {
        if (xn && yn) {
          // null before NaN when nulls come first (sort-operator doc, "null, NaN, -inf ...").
          const xr = x === null ? 0 : 1;
          const yr = y === null ? 0 : 1;
          if (xr !== yr) return key.nullsFirst ? xr - yr : yr - xr;
          continue;
        }
        return xn === key.nullsFirst ? -1 : 1;
      }
      const c = cmps[k]!(x, y);
      if (c !== 0) return key.descending ? -c : c;
    }
    return 0;
  });
  return order;
}
