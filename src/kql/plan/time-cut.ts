/**
 * A time range applied to every read of a table, the way Log Analytics' time picker limits a
 * query (learn.microsoft.com/azure/azure-monitor/logs/get-started-queries, "Specify a time
 * range"): `where <column> >= from and <column> <= to` right above each scan of a table that has
 * that datetime column, sub-plans of toscalar() and `in (T)` included. Rows whose column is null
 * fail both comparisons (null-values doc) and are left out, as the picker leaves them.
 *
 * The cut is a plan node, not a wrapper around the table, so it is a `where` like the query's own:
 * pushed down to the reader as a time bound and run by partial aggregation in the reading threads.
 */
import { boundCall } from '../functions/call-origin.ts';
import type { Expr } from './expr.ts';
import type { Plan } from './plan.ts';
import { rewritePlan } from './rewrite.ts';

const compare = (op: '>=' | '<=', column: Expr, bound: bigint): Expr => boundCall(op, [column, { k: 'lit', type: 'datetime', value: bound }], 'bool');

/** `plan` with every scan of a table that has the datetime `column` limited to [from, to] (both included). */
export function cutTimeRange(plan: Plan, column: string, from: bigint, to: bigint): Plan {
  return rewritePlan(plan, (node) => {
    if (node.op !== 'scan') return node;
    const index = node.schema.findIndex((c) => c.name === column && c.type === 'datetime');
    if (index < 0) return node;
    const col: Expr = { k: 'col', index, type: 'datetime', name: column };
    return { op: 'where', input: node, predicate: { k: 'and', args: [compare('>=', col, from), compare('<=', col, to)], type: 'bool' }, schema: node.schema };
  });
}
