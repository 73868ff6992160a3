/**
 * `mv-apply` (mv-apply-operator doc): per input row, its expanded table (as mv-expand: arrays
 * zipped, shorter ones padded with null, a bag gives one single-property bag per property, a
 * scalar or null one row, an empty array or bag no row), the subquery over it, and the subquery's
 * rows with the row's other columns.
 *
 * The subquery runs once per input row with its own cache of shared nodes (a `let` table used
 * inside is computed per row; correct, not fast).
 */
import { KqlError } from '../../errors.ts';
import type { Plan } from '../../plan/plan.ts';
import type { Batch, Dyn, Value } from '../../types.ts';
import { batchOf, collect } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, prepareExpr, toDyn } from '../eval.ts';
import { execute } from '../execute.ts';
import { elementCaster } from './element-cast.ts';

const ROW_TABLES = Symbol('mv-apply row tables');

type RowContext = RunContext & { [ROW_TABLES]?: Map<Plan, Batch> };

function elements(v: Dyn): Dyn[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) return [...v].map(([k, x]) => new Map([[k, x]]));
  return [v];
}

/** The current row's table for a `rowTable` node of an enclosing mv-apply. */
export function rowTableBatch(plan: Plan, ctx: RunContext): Batch {
  const b = (ctx as RowContext)[ROW_TABLES]?.get(plan);
  if (!b) throw new KqlError('runtime', 'internal: an mv-apply row table outside its mv-apply');
  return b;
}

export async function* mvApply(plan: Plan & { op: 'mvApply' }, ctx: RunContext): AsyncIterable<Batch> {
  for (const x of plan.expansions) await prepareExpr(x.expr, ctx);
  const convert = plan.expansions.map((x) => elementCaster(x.toType));
  const limit = plan.limit ?? 2147483647;
  const rowSchema = plan.rowTable.schema;
  const outer = (ctx as RowContext)[ROW_TABLES];
  for await (const b of execute(plan.input, ctx)) {
    const values = plan.expansions.map((x) => evalExpr(x.expr, b, ctx).map((v) => toDyn(x.expr.type, v)));
    const out: Value[][] = plan.schema.map(() => []);
    for (let i = 0; i < b.length; i++) {
      const lists = values.map((col) => elements(col[i]!));
      const n = Math.min(limit, Math.max(0, ...lists.map((l) => l.length)));
      const columns: Value[][] = rowSchema.map(() => new Array<Value>(n));
      for (let r = 0; r < n; r++) {
        plan.rowColumns.forEach((rc, c) => {
          if (rc.from === 'input') columns[c]![r] = b.columns[rc.index]![i]!;
          else if (rc.from === 'itemIndex') columns[c]![r] = BigInt(r);
          else {
            const list = lists[rc.index]!;
            const d = r < list.length ? list[r]! : null;
            const conv = convert[rc.index];
            columns[c]![r] = conv ? conv(d) : d;
          }
        });
      }
      const tables = new Map(outer ?? []);
      tables.set(plan.rowTable, batchOf(rowSchema, columns));
      const rowCtx: RowContext = { ...ctx, cache: new Map(), [ROW_TABLES]: tables };
      const result = await collect(plan.right.schema, execute(plan.right, rowCtx));
      for (let r = 0; r < result.length; r++) {
        plan.mapping.forEach((from, c) => {
          out[c]!.push(from >= 0 ? b.columns[from]![i]! : result.columns[-from - 1]![r]!);
        });
      }
    }
    if (out.length > 0 && out[0]!.length > 0) yield batchOf(plan.schema, out);
  }
}
