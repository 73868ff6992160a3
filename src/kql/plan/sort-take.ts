/**
 * `sort by K | take N` as `top N by K`. The top-operator doc (learn.microsoft.com/kusto/query/
 * top-operator): "`top 5 by name` is equivalent to the expression `sort by name | take 5` both
 * from semantic and performance perspectives". A responder's "latest events",
 * `AWSCloudTrail | sort by TimeGenerated desc | take 20`, sorted every row of the trail and
 * stopped at the memory budget on 1M records; `top` keeps N rows (exec/ops/top.ts).
 *
 * The rows are the same ones in the same order, ties included: trailhound's sort is stable, and
 * top gives the first N rows of that stable sort (top.ts). `limit` and `order by` are the same
 * nodes. A sort that other operators also read (`as`, a tabular `let` used twice) stays.
 */
import type { Plan } from './plan.ts';
import { rewritePlan } from './rewrite.ts';

/** The plan with every `take` straight over an unshared `sort` made a `top`; the same object when there is none. */
export function sortTakeAsTop(plan: Plan): Plan {
  return rewritePlan(plan, (node) => {
    if (node.op !== 'take' || node.input.op !== 'sort' || node.input.shared) return node;
    const sort = node.input;
    return { op: 'top', input: sort.input, count: node.count, keys: sort.keys, schema: node.schema, ...(node.shared ? { shared: true } : {}) };
  });
}
