/**
 * Element-wise series functions (learn.microsoft.com/kusto/query/series-<name>-function):
 * arithmetic (series_add, _subtract, _multiply, _divide, _pow), comparisons (series_greater,
 * _greater_equals, _less, _less_equals, _equals, _not_equals) and one-argument math
 * (series_abs, _sign, _ceiling, _floor, _exp, _log, _sin, _cos, _tan, _asin, _acos, _atan).
 *
 * Per the pages: "Any non-numeric element or non-existing element (arrays of different sizes)
 * yields a null element value"; the result is as long as the longer array. A numeric scalar
 * argument stands for an array of that value (series-decompose-anomalies doc example:
 * `series_multiply(10, series_decompose_anomalies_y_ad_flag)`; series-dot-product doc: "one of
 * the two function arguments can be a numerical scalar"). An argument that is neither an array
 * nor a number makes the result null (our choice).
 *
 * Kinds, from the pages' outputs: adding, subtracting or multiplying two integer elements gives
 * an integer ([1,2,4] + [4,2,1] = [5,4,5]; 64-bit, wrapping like long arithmetic), otherwise a
 * real; series_divide and series_pow give reals ([1,2,4] / [4,2,1] = [0.25,1.0,4.0]); series_abs
 * and series_sign keep an integer element an integer (sign of [-6,0,8] = [-1,0,1]); the other
 * math functions give reals (series_floor of [-1.5,1,2.5] = [-2.0,1.0,2.0]).
 */
import type { Dyn } from '../../types.ts';
import { compareNum } from '../../values/numbers.ts';
import type { RowFn, ScalarFunction } from '../contract.ts';
import { dotnetPow } from '../math.ts';
import { arity, arrayFunction, operandOf, realOf, type Elem, type Operand, seriesDoc } from './vector.ts';
import { naturalLog } from '../../values/natural-log.ts';

const DOC = seriesDoc;
const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);

function at(o: Operand, i: number): Elem {
  return o.kind === 'array' ? (o.items[i] ?? null) : o.kind === 'scalar' ? o.item : null;
}

/** A binary element-wise function; `f` sees two numeric elements. */
function binary(name: string, f: (a: Elem & {}, b: Elem & {}) => Dyn): ScalarFunction {
  return {
    name,
    doc: DOC(name),
    bind(args): RowFn {
      arity(name, args, 2);
      const [ta, tb] = [args[0]!.type, args[1]!.type];
      return ([va, vb]) => {
        const a = operandOf(ta, va!);
        const b = operandOf(tb, vb!);
        if (a.kind === 'none' || b.kind === 'none') return null;
        if (a.kind === 'scalar' && b.kind === 'scalar') return null;
        const n = Math.max(a.kind === 'array' ? a.items.length : 0, b.kind === 'array' ? b.items.length : 0);
        const out = new Array<Dyn>(n);
        for (let i = 0; i < n; i++) {
          const x = at(a, i);
          const y = at(b, i);
          out[i] = x === null || y === null ? null : f(x, y);
        }
        return out;
      };
    },
  };
}

/** Integer elements stay integers (wrapping), anything else is computed on doubles. */
function arithmetic(name: string, int: (a: bigint, b: bigint) => bigint, real: (a: number, b: number) => number): ScalarFunction {
  return binary(name, (a, b) => (typeof a === 'bigint' && typeof b === 'bigint' ? wrap64(int(a, b)) : real(realOf(a)!, realOf(b)!)));
}

/**
 * Compares two numbers exactly across kinds (a long and a real are not rounded to doubles); NaN
 * is unordered, as in .NET: only "not equals" holds for it.
 */
function comparison(name: string, test: (c: number | undefined) => boolean): ScalarFunction {
  return binary(name, (a, b) =>
    test(compareNum(typeof a === 'bigint' ? { k: 'i', v: a } : { k: 'r', v: a }, typeof b === 'bigint' ? { k: 'i', v: b } : { k: 'r', v: b })),
  );
}

/** A one-argument element-wise function; a non-array argument gives null. */
function unary(name: string, f: (x: Elem & {}) => Dyn): ScalarFunction {
  return arrayFunction(name, (items) => items.map((x) => (x === null ? null : f(x))));
}

/** A real-valued math function of each element (as in the scalar function of the same name). */
const real1 = (name: string, f: (x: number) => number | null) => unary(name, (x) => f(realOf(x)!));

const LONG_MIN = -(2n ** 63n);

export const functions: ScalarFunction[] = [
  arithmetic('series_add', (a, b) => a + b, (a, b) => a + b),
  arithmetic('series_subtract', (a, b) => a - b, (a, b) => a - b),
  arithmetic('series_multiply', (a, b) => a * b, (a, b) => a * b),
  binary('series_divide', (a, b) => realOf(a)! / realOf(b)!),
  binary('series_pow', (a, b) => dotnetPow(realOf(a)!, realOf(b)!)),
  comparison('series_greater', (c) => c !== undefined && c > 0),
  comparison('series_greater_equals', (c) => c !== undefined && c >= 0),
  comparison('series_less', (c) => c !== undefined && c < 0),
  comparison('series_less_equals', (c) => c !== undefined && c <= 0),
  comparison('series_equals', (c) => c === 0),
  comparison('series_not_equals', (c) => c !== 0),
  // Math.Abs(long.MinValue) overflows in .NET: null, as the scalar abs() (math.ts).
  unary('series_abs', (x) => (typeof x === 'bigint' ? (x === LONG_MIN ? null : x < 0n ? -x : x) : Math.abs(x))),
  unary('series_sign', (x) => (typeof x === 'bigint' ? (x > 0n ? 1n : x < 0n ? -1n : 0n) : Number.isNaN(x) ? null : x > 0 ? 1 : x < 0 ? -1 : 0)),
  real1('series_ceiling', Math.ceil),
  real1('series_floor', Math.floor),
  real1('series_exp', Math.exp),
  // log-function doc: "null if the argument is negative".
  real1('series_log', (x) => (x < 0 ? null : naturalLog(x))),
  real1('series_sin', Math.sin),
  real1('series_cos', Math.cos),
  real1('series_tan', Math.tan),
  real1('series_asin', Math.asin),
  real1('series_acos', Math.acos),
  real1('series_atan', Math.atan),
];
