/**
 * `top N by keys`: the first N rows of a stable sort by the keys (top-operator doc), without
 * holding the whole input. Batches are buffered and, past a threshold, pruned to the current top
 * N. A pruned row cannot come back: N rows already sort before it, and they stay before it
 * whatever follows. The kept rows go first in the next sort, so rows with equal keys keep their
 * input order, as in one stable sort of everything.
 */
import type { SortKey } from '../../plan/plan.ts';
import type { Batch, Schema } from '../../types.ts';
import { concatBatches, firstRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { batchBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import { sortBatch } from './sort.ts';

/** Rows buffered beyond N before the buffer is pruned back to the top N. */
export const TOP_PRUNE_ROWS = 65536;

export async function topRows(
  input: AsyncIterable<Batch>,
  keys: readonly SortKey[],
  n: number,
  ctx: RunContext,
  planSchema: Schema,
  account: OperatorMemory,
  pruneAt: number = TOP_PRUNE_ROWS,
): Promise<Batch> {
  // the plan's columns, unless the data brought others (bag_unpack's columns come from its
  // values), as sort and take keep them
  let schema = planSchema;
  // What is held is charged; after a prune, only the kept rows (the rest is garbage).
  const prune = (parts: Batch[]): Batch => {
    const kept = firstRows(sortBatch(concatBatches(schema, parts), keys, ctx, schema, account), n, schema);
    account.release();
    account.charge(batchBytes(kept, account.left));
    return kept;
  };
  if (n === 0) return prune([]);
  let parts: Batch[] = [];
  let held = 0;
  for await (const b of input) {
    if (b.length === 0) continue;
    if (parts.length === 0 && b.columns.length !== planSchema.length) schema = b.schema;
    account.charge(batchBytes(b, account.left));
    parts.push(b);
    held += b.length;
    if (held >= n + pruneAt) {
      const kept = prune(parts);
      parts = [kept];
      held = kept.length;
    }
  }
  return prune(parts);
}
