/** `mv-expand` (mv-expand-operator doc): one row per array element / bag property, zipped across columns. */
import type { Plan } from '../../plan/plan.ts';
import { nullOf, type Batch, type Dyn, type Value } from '../../types.ts';
import { BATCH_SIZE, batchOf } from '../batches.ts';
import { SLOT } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, prepareExpr, toDyn } from '../eval.ts';
import { execute } from '../execute.ts';
import { elementCaster } from './element-cast.ts';

/** Bytes of the bags or pairs one property of a bag expands to (kind=bag / kind=array). */
const BAG_ELEMENT_BYTES = 96;

/** The elements one value expands to; undefined means "no rows" (empty array or bag). */
export function elements(v: Dyn, bag: 'bag' | 'array', account: OperatorMemory): Dyn[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Map) {
    // New single-property bags (or pairs), made before any row is emitted: charged first.
    account.charge(BAG_ELEMENT_BYTES * v.size);
    return [...v].map(([k, x]) => (bag === 'bag' ? new Map([[k, x]]) : [k, x]));
  }
  // A null or scalar value expands to one row holding it.
  return [v];
}

/**
 * Output comes in batches of at most BATCH_SIZE rows, whatever the arrays' lengths: the rows one
 * input batch expands to are not all held at once. The batch being filled is charged as it grows,
 * and released when the consumer is done with it.
 */
export async function* mvExpand(plan: Plan & { op: 'mvexpand' }, ctx: RunContext): AsyncIterable<Batch> {
  for (const x of plan.expansions) await prepareExpr(x.expr, ctx);
  const convert = plan.expansions.map((x) => elementCaster(x.toType));
  const limit = plan.limit ?? 2147483647;
  const memory = ctx.memory;
  const account = memory.operator('MvExpand');
  const width = plan.schema.length;
  const rowBytes = SLOT * (width + 1);
  const itemIndex = plan.itemIndexColumn !== undefined && plan.itemIndexColumn >= 0 ? plan.itemIndexColumn : -1;
  // Columns neither passed through nor expanded (should not happen) are filled with nulls.
  const filled = new Array<boolean>(width).fill(false);
  plan.passthrough.forEach((from, c) => {
    if (from >= 0) filled[c] = true;
  });
  for (const x of plan.expansions) filled[x.target] = true;
  if (itemIndex >= 0) filled[itemIndex] = true;
  try {
    for await (const b of execute(plan.input, ctx)) {
      const mark = memory.scratch;
      const values = plan.expansions.map((x) => evalExpr(x.expr, b, ctx).map((v) => toDyn(x.expr.type, v)));
      const made = memory.scratch - mark;
      let columns: Value[][] = plan.schema.map(() => []);
      let ingestion: (bigint | null)[] | undefined = b.ingestion ? [] : undefined;
      let n = 0;
      const flush = (): Batch => {
        columns.forEach((c, i) => {
          if (!filled[i]) for (let k = c.length; k < n; k++) c.push(nullOf(plan.schema[i]!.type));
        });
        const out = batchOf(plan.schema, columns, ingestion);
        columns = plan.schema.map(() => []);
        ingestion = b.ingestion ? [] : undefined;
        n = 0;
        return out;
      };
      try {
        for (let i = 0; i < b.length; i++) {
          const lists = values.map((col) => elements(col[i]!, plan.bagExpansion, account));
          let longest = 0;
          for (const l of lists) if (l.length > longest) longest = l.length;
          const rows = Math.min(limit, longest);
          for (let r = 0; r < rows; r++) {
            plan.passthrough.forEach((from, c) => {
              if (from >= 0) columns[c]!.push(b.columns[from]![i]!);
            });
            plan.expansions.forEach((x, e) => {
              const d = r < lists[e]!.length ? lists[e]![r]! : null;
              const conv = convert[e];
              columns[x.target]!.push(conv ? conv(d) : d);
            });
            if (itemIndex >= 0) columns[itemIndex]!.push(BigInt(r));
            ingestion?.push(b.ingestion![i]!);
            account.charge(rowBytes);
            if (++n === BATCH_SIZE) {
              yield flush();
              account.release();
            }
          }
        }
        if (n > 0) yield flush();
        account.release();
      } finally {
        memory.freeScratch(made);
      }
    }
  } finally {
    account.release();
  }
}
