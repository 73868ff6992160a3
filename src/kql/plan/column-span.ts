/**
 * `T | summarize min(c), max(c)` built as a plan, without the parser: the first and last value
 * of a datetime column (a hunt's default range). As a summarize straight over a scan it is
 * computed where the rows are read (exec/partial.ts), by every reading thread at once.
 */
import type { Schema } from '../types.ts';
import type { Expr } from './expr.ts';
import type { AggregateCall, Plan } from './plan.ts';

/** The plan, or undefined when the table has no datetime column of that name. Output: min_<c>, max_<c>. */
export function columnSpanPlan(table: string, schema: Schema, column: string): Plan | undefined {
  const index = schema.findIndex((c) => c.name === column && c.type === 'datetime');
  if (index < 0) return undefined;
  const col: Expr = { k: 'col', index, type: 'datetime', name: column };
  const aggregate = (name: 'min' | 'max'): AggregateCall => ({ name, args: [col], outputs: [{ name: `${name}_${column}`, type: 'datetime', expr: col }], resultType: 'datetime' });
  return {
    op: 'summarize',
    input: { op: 'scan', table, predicates: [], schema },
    keys: [],
    aggregates: [aggregate('min'), aggregate('max')],
    schema: [{ name: `min_${column}`, type: 'datetime' }, { name: `max_${column}`, type: 'datetime' }],
  };
}
