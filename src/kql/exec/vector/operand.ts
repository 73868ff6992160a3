/** An operand of a column-at-a-time kernel: a column, or one value for every row (a literal). */
import type { Value } from '../../types.ts';

export type Operand = { readonly col: Value[] } | { readonly col?: undefined; readonly value: Value };

export const column = (col: Value[]): Operand => ({ col });
export const constant = (value: Value): Operand => ({ value });

/** A kernel over two operands and n rows. */
export type Binary<R> = (a: Operand, b: Operand, n: number) => R;
