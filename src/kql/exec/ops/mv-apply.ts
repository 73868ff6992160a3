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
import { BATCH_SIZE, batchOf, collectCharged } from '../batches.ts';
import { SLOT, slotBytes } from '../memory-size.ts';
import { elements } from './mv-expand.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, prepareExpr, toDyn } from '../eval.ts';
import { execute } from '../execute.ts';
import { elementCaster } from './element-cast.ts';

const ROW_TABLES = Symbol('mv-apply row tables');

type RowContext = RunContext & { [ROW_TABLES]?: Map<Plan, Batch> };


/** The current row's table for a `rowTable` node of an enclosing mv-apply. */
export function rowTableBatch(plan: Plan, ctx: RunContext): Batch {
  const b = (ctx as RowContext)[ROW_TABLES]?.get(plan);
  if (!b) throw new KqlError('runtime', 'internal: an mv-apply row table outside its mv-apply');
  return b;
}

/**
 * Output comes in batches of about BATCH_SIZE rows (a row's subquery result is never split). The
 * row tables, the subqueries' results and the batch being filled are charged while held.
 */
export async function* mvApply(plan: Plan & { op: 'mvApply' }, ctx: RunContext): AsyncIterable<Batch> {
  for (const x of plan.expansions) await prepareExpr(x.expr, ctx);
  const convert = plan.expansions.map((x) => elementCaster(x.toType));
  const limit = plan.limit ?? 2147483647;
  const rowSchema = plan.rowTable.schema;
  const outer = (ctx as RowContext)[ROW_TABLES];
  const memory = ctx.memory;
  const account = memory.operator('MvApply');
  const outRowBytes = SLOT * (plan.schema.length + 1);
  try {
    for await (const b of execute(plan.input, ctx)) {
      const mark = memory.scratch;
      const values = plan.expansions.map((x) => evalExpr(x.expr, b, ctx).map((v) => toDyn(x.expr.type, v)));
      const made = memory.scratch - mark;
      let out: Value[][] = plan.schema.map(() => []);
      try {
        for (let i = 0; i < b.length; i++) {
          const lists = values.map((col) => elements(col[i]!, 'bag', account));
          let longest = 0;
          for (const l of lists) if (l.length > longest) longest = l.length;
          const n = Math.min(limit, longest);
          const rowTable = memory.operator('MvApply');
          rowTable.charge(slotBytes(rowSchema.length, n));
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
          const result = await collectCharged(plan.right.schema, execute(plan.right, rowCtx), rowTable);
          account.charge(outRowBytes * result.length);
          for (let r = 0; r < result.length; r++) {
            plan.mapping.forEach((from, c) => {
              out[c]!.push(from >= 0 ? b.columns[from]![i]! : result.columns[-from - 1]![r]!);
            });
          }
          // The row's table and result are garbage now, but the result's values are in `out`.
          rowTable.release();
          if (out[0]!.length >= BATCH_SIZE) {
            const full = out;
            out = plan.schema.map(() => []);
            yield batchOf(plan.schema, full);
            account.release();
          }
        }
        if (out.length > 0 && out[0]!.length > 0) yield batchOf(plan.schema, out);
        account.release();
      } finally {
        memory.freeScratch(made);
      }
    }
  } finally {
    account.release();
  }
}
