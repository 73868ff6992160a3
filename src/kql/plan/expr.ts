import type { CallOrigin } from '../functions/call-origin.ts';
import type { RowFn } from '../functions/contract.ts';
import type { Span } from '../errors.ts';
import type { ScalarType, Value } from '../types.ts';
import type { Plan } from './plan.ts';

/** A scalar expression of our typed plan, evaluated against the rows of one input. */
export type Expr =
  | { readonly k: 'lit'; readonly type: ScalarType; readonly value: Value }
  /** A column of the input, by position. */
  | { readonly k: 'col'; readonly index: number; readonly type: ScalarType; readonly name: string }
  /** A scalar function or operator, bound at plan time. */
  | {
      readonly k: 'call';
      readonly name: string;
      readonly args: readonly Expr[];
      readonly type: ScalarType;
      readonly fn: RowFn;
      /** How `fn` was made, so that a cached plan can make it again (a call without it is not cached). */
      readonly origin?: CallOrigin;
      readonly span?: Span;
    }
  /** Three-valued `and` / `or` (kql-semantics.md §2.2). */
  | { readonly k: 'and' | 'or'; readonly args: readonly [Expr, Expr]; readonly type: 'bool' }
  /** ingestion_time(): the row's ingestion instant, or null where the source does not know it. */
  | { readonly k: 'ingestionTime'; readonly type: 'datetime' }
  /** toscalar(T): the first column of the first row of a tabular plan, computed once per run. */
  | { readonly k: 'scalarQuery'; readonly plan: Plan; readonly type: ScalarType }
  /** The first column of a tabular plan as a dynamic array (right side of `in`, `has_any`). */
  | { readonly k: 'columnList'; readonly plan: Plan; readonly type: 'dynamic' };

export function isConstantExpr(e: Expr): boolean {
  return e.k === 'lit';
}
