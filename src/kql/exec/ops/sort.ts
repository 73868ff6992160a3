/** `sort`/`order`/`top`: stable multi-key sort with Kusto's null placement. */
import type { SortKey } from '../../plan/plan.ts';
import type { Batch, Schema, Value } from '../../types.ts';
import { compareValues } from '../../values/compare.ts';
import { selectRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalExpr } from '../eval.ts';
import { argsortAscending } from './argsort.ts';

/** sort-operator doc: null and NaN sort together, first for asc and last for desc by default. */
function isNullish(v: Value): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * One numeric key (int, real): the common case, sorted on a Float64Array of the keys with nulls
 * and NaN placed apart, so the comparison does no type checks. Same order as the general path.
 */
function sortByNumber(col: Value[], key: SortKey): ArrayLike<number> {
  const n = col.length;
  const keys = new Float64Array(n);
  const nulls: number[] = [];
  const nans: number[] = [];
  const rows = new Uint32Array(n);
  let m = 0;
  // Descending sorts the negated keys ascending, which keeps ties in input order too.
  const sign = key.descending ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (v === null) nulls.push(i);
    else if (Number.isNaN(v as number)) nans.push(i);
    else {
      keys[i] = sign * (v as number);
      rows[m++] = i;
    }
  }
  const sorted = argsortAscending(keys, rows.subarray(0, m));
  // null before NaN when nulls come first ("null, NaN, -inf ..."), NaN before null when last.
  const out = new Uint32Array(n);
  let o = 0;
  const put = (xs: ArrayLike<number>) => {
    for (let i = 0; i < xs.length; i++) out[o++] = xs[i]!;
  };
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

export function sortBatch(batch: Batch, keys: readonly SortKey[], ctx: RunContext, schema: Schema): Batch {
  const cols = keys.map((k) => evalExpr(k.expr, batch, ctx));
  if (keys.length === 1 && (keys[0]!.expr.type === 'real' || keys[0]!.expr.type === 'int')) {
    return selectRows(batch, sortByNumber(cols[0]!, keys[0]!), schema);
  }
  const cmps = keys.map((k) => compareValues(k.expr.type));
  const order = Array.from({ length: batch.length }, (_, i) => i);
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
  return selectRows(batch, order, schema);
}
