/**
 * Reading the arguments of the series functions (learn.microsoft.com/kusto/query/series-*):
 * a series is a dynamic array of numbers (make-series / make_list output). Its elements keep
 * their kind: int and long elements are integers (several functions keep them integers: the
 * series_add doc adds [1,2,4] and [4,2,1] into [5,4,5], series_fill_linear "preserves the
 * original type of the array elements"), real elements are doubles, anything else (null,
 * strings, bools, bags) is "non-numeric".
 */
import { KqlError, RuntimeError } from '../../errors.ts';
import { DynDecimal, DynInt, type Dyn, type ScalarType, type Value } from '../../types.ts';
import { decToNumber, parseDec } from '../../values/decimal.ts';
import { toDynValue } from '../conversions.ts';
import type { ArgInfo, RowFn, ScalarFunction } from '../contract.ts';

/** One element of a series: an integer (int/long), a real, or non-numeric (null). */
export type Elem = bigint | number | null;

/** The element as a number: integers as bigint, reals and decimals as double, else null. */
export function elemOf(d: Dyn | undefined): Elem {
  if (typeof d === 'number' || typeof d === 'bigint') return d;
  if (d instanceof DynInt) return BigInt(d.value);
  if (d instanceof DynDecimal) {
    const x = parseDec(d.text);
    return x ? decToNumber(x) : null;
  }
  return null;
}

export const realOf = (e: Elem): number | null => (e === null ? null : typeof e === 'bigint' ? Number(e) : e);

/** A series argument: the array's elements, or a numeric scalar to broadcast, or neither. */
export type Operand = { readonly kind: 'array'; readonly items: readonly Elem[] } | { readonly kind: 'scalar'; readonly item: Elem } | { readonly kind: 'none' };

/** An argument of a series function as an operand: an array, a number (broadcast), or neither. */
export function operandOf(type: ScalarType, v: Value): Operand {
  const d = toDynValue(type, v);
  if (Array.isArray(d)) return { kind: 'array', items: d.map(elemOf) };
  const e = elemOf(d);
  return e === null ? { kind: 'none' } : { kind: 'scalar', item: e };
}

/** The series argument as an array of elements, or null when it is not an array. */
export function seriesOf(v: Value): Elem[] | null {
  return Array.isArray(v) ? (v as Dyn[]).map(elemOf) : null;
}

/**
 * The series as doubles, for the analysis functions (fits, decomposition, filters), which the
 * docs define on numbers only ("Only series_outliers() supports null values in input arrays",
 * series-fill-const doc): a non-numeric element is an error that names it.
 */
export function realSeries(name: string, v: Value, what = 'the series'): number[] | null {
  if (!Array.isArray(v)) return null;
  const out = new Array<number>(v.length);
  for (let i = 0; i < v.length; i++) {
    const e = elemOf((v as Dyn[])[i]);
    if (e === null) {
      throw new RuntimeError(
        `${name}(): element ${i} of ${what} is not a number; the Kusto docs define this function on numeric series only (fill missing values first, e.g. with series_fill_linear())`,
      );
    }
    out[i] = typeof e === 'bigint' ? Number(e) : e;
  }
  return out;
}

/** An element as a dynamic value: integers are long. */
export function elemToDyn(e: Elem): Dyn {
  return e;
}

/** Doubles as a dynamic array of reals. */
export function realsToDyn(xs: ArrayLike<number>): Dyn[] {
  return Array.from(xs);
}

/** The doc page of a series function: series_fit_line -> .../series-fit-line-function. */
export const seriesDoc = (name: string): string => `learn.microsoft.com/kusto/query/${name.replace(/_/g, '-')}-function`;

/** Checks the argument count of a call. */
export function arity(name: string, args: readonly ArgInfo[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw new KqlError('binding', `${name}() takes ${min === max ? min : `${min} to ${max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

/** A function of one series argument: `f` sees its elements; a non-array argument gives null. */
export function arrayFunction(name: string, f: (items: readonly Elem[]) => Dyn): ScalarFunction {
  return {
    name,
    doc: seriesDoc(name),
    bind(args): RowFn {
      arity(name, args, 1);
      const t = args[0]!.type;
      return ([v]) => {
        const o = operandOf(t, v!);
        return o.kind === 'array' ? f(o.items) : null;
      };
    },
  };
}
