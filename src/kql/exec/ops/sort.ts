/** `sort`/`order`/`top`: stable multi-key sort with Kusto's null placement. */
import type { SortKey } from '../../plan/plan.ts';
import type { Batch, Schema, Value } from '../../types.ts';
import { compareValues } from '../../values/compare.ts';
import { selectRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalExpr } from '../eval.ts';

/** sort-operator doc: null and NaN sort together, first for asc and last for desc by default. */
function isNullish(v: Value): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

export function sortBatch(batch: Batch, keys: readonly SortKey[], ctx: RunContext, schema: Schema): Batch {
  const cols = keys.map((k) => evalExpr(k.expr, batch, ctx));
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
