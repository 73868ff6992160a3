/**
 * How a plan's `call` got its per-row function, as plain data. The planner makes every function
 * through bindCall, and a cached plan is rebuilt through it, so the two cannot drift apart.
 */
import type { Expr } from '../plan/expr.ts';
import type { ScalarType } from '../types.ts';
import type { ArgInfo, RowFn } from './contract.ts';
import { lookupScalarFunction } from './index.ts';
import { parseColumnFn, parseTestFn, type ParseSpec } from './parse-pattern.ts';

export type CallOrigin =
  /** A registry function bound to its arguments' types and constants. */
  | { readonly by: 'function'; readonly name: string; readonly args: readonly ArgInfo[]; readonly type: ScalarType }
  /** One column of a `parse` (column index), or parse-where's filter (column null). */
  | { readonly by: 'parse'; readonly spec: ParseSpec; readonly column: number | null };

export function bindCall(origin: CallOrigin): RowFn {
  switch (origin.by) {
    case 'function':
      return lookupScalarFunction(origin.name).bind(origin.args, origin.type);
    case 'parse':
      return origin.column === null ? parseTestFn(origin.spec) : parseColumnFn(origin.spec, origin.column);
  }
  throw new Error(`unknown call origin ${String((origin as { by?: unknown }).by)}`);
}

/**
 * A plan's call of the registry function `name` on `args`, bound to their types and to the
 * literals among them: what the planner lowers a call to, and what a plan rewrite adds.
 */
export function boundCall(name: string, args: Expr[], type: ScalarType): Expr & { k: 'call' } {
  const infos: ArgInfo[] = args.map((a) => (a.k === 'lit' ? { type: a.type, constant: true, value: a.value } : { type: a.type, constant: false }));
  const origin: CallOrigin = { by: 'function', name, args: infos, type };
  return { k: 'call', name, args, type, fn: bindCall(origin), origin };
}
