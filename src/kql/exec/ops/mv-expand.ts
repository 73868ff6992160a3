/** `mv-expand` (mv-expand-operator doc): one row per array element / bag property, zipped across columns. */
import type { Plan } from '../../plan/plan.ts';
import { nullOf, type Batch, type Dyn, type Value } from '../../types.ts';
import { batchOf } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, prepareExpr, toDyn } from '../eval.ts';
import { execute } from '../execute.ts';
import { elementCaster } from './element-cast.ts';

/** The elements one value expands to; undefined means "no rows" (empty array or bag). */
function elements(v: Dyn, bag: 'bag' | 'array'): Dyn[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v].map(([k, x]) => (bag === 'bag' ? new Map([[k, x]]) : [k, x]));
  // A null or scalar value expands to one row holding it.
  return [v];
}

export async function* mvExpand(plan: Plan & { op: 'mvexpand' }, ctx: RunContext): AsyncIterable<Batch> {
  for (const x of plan.expansions) await prepareExpr(x.expr, ctx);
  const convert = plan.expansions.map((x) => elementCaster(x.toType));
  const limit = plan.limit ?? 2147483647;
  for await (const b of execute(plan.input, ctx)) {
    const values = plan.expansions.map((x) => evalExpr(x.expr, b, ctx).map((v) => toDyn(x.expr.type, v)));
    const columns: Value[][] = plan.schema.map(() => []);
    const ingestion: (bigint | null)[] | undefined = b.ingestion ? [] : undefined;
    for (let i = 0; i < b.length; i++) {
      const lists = values.map((col) => elements(col[i]!, plan.bagExpansion));
      const rows = Math.min(limit, Math.max(...lists.map((l) => l.length)));
      for (let r = 0; r < rows; r++) {
        plan.passthrough.forEach((from, c) => {
          if (from >= 0) columns[c]!.push(b.columns[from]![i]!);
        });
        plan.expansions.forEach((x, e) => {
          const d = r < lists[e]!.length ? lists[e]![r]! : null;
          const conv = convert[e];
          columns[x.target]!.push(conv ? conv(d) : d);
        });
        if (plan.itemIndexColumn !== undefined && plan.itemIndexColumn >= 0) columns[plan.itemIndexColumn]!.push(BigInt(r));
        ingestion?.push(b.ingestion![i]!);
      }
    }
    // Columns neither passed through nor expanded (should not happen) are filled with nulls.
    const n = columns.reduce((m, c) => Math.max(m, c.length), 0);
    columns.forEach((c, i) => {
      if (c.length < n) for (let k = c.length; k < n; k++) c.push(nullOf(plan.schema[i]!.type));
    });
    if (n > 0) yield batchOf(plan.schema, columns, ingestion);
  }
}
