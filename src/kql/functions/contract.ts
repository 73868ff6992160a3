import type { QueryMemory } from '../exec/memory.ts';
import type { ScalarType, Value } from '../types.ts';

/** What the planner knows about one argument of a call when it binds the call. */
export interface ArgInfo {
  readonly type: ScalarType;
  /** True when the argument is a compile-time constant (literal, let constant, now(), ...). */
  readonly constant: boolean;
  /** The constant's value, when `constant` is true. */
  readonly value?: Value;
}

/** Per-query state visible to scalar functions. */
export interface EvalContext {
  /** The instant of now() for this query run: datetime ticks. One value per run. */
  readonly now: bigint;
  /**
   * The run's memory budget: a function about to make a large value reserves its size first
   * (exec/memory.ts). Absent when a function is called outside a query run.
   */
  readonly memory?: QueryMemory;
}

/** Evaluates one row. `args` holds the argument values of that row, already evaluated. */
export type RowFn = (args: Value[], ctx: EvalContext) => Value;

/**
 * A scalar function or operator. `bind` runs once per call site at plan time, with the
 * argument types the official binder computed and the result type it computed; it returns
 * the per-row evaluator (and is where constant arguments such as a regex are compiled).
 * It throws UnsupportedError (naming the function and overload) for what is not implemented,
 * and KqlError('runtime', ...) for constant arguments that are invalid.
 */
export interface ScalarFunction {
  readonly name: string;
  bind(args: readonly ArgInfo[], resultType: ScalarType): RowFn;
  /** The documentation page this implementation follows (for the coverage table). */
  readonly doc?: string;
  /**
   * The function returns several columns (the binder types its call as a tuple): its RowFn
   * returns one value per column, in the binder's column order (syntax/lower-tuple.ts).
   */
  readonly tuple?: true;
  /**
   * What of the documented behaviour is not implemented (and fails with an error naming it), for
   * the coverage table; absent when the whole page is.
   */
  readonly partial?: string;
}
