/**
 * Math functions (learn.microsoft.com/kusto/query/*-function, "Math functions"): abs, sign,
 * ceiling on their argument's own type; the real-valued ones (sqrt, exp*, log*, pow, pi,
 * trigonometry, degrees/radians) on the argument converted to real, with .NET's Math results.
 * Where a page says so, out-of-domain arguments give null instead of NaN: sqrt and log/log2/log10
 * of a negative number.
 */
import { UnsupportedError } from '../errors.ts';
import type { ScalarType } from '../types.ts';
import { numOf, numToReal, numToValue, wrap64 } from '../values/numbers.ts';
import { timespanOrNull } from '../values/timespan.ts';
import type { RowFn, ScalarFunction } from './contract.ts';
import { naturalLog } from '../values/natural-log.ts';

const DOC = (page: string) => `learn.microsoft.com/kusto/query/${page}-function`;
const INTEGER = new Set<ScalarType>(['int', 'long']);
const NUMERIC = new Set<ScalarType>(['int', 'long', 'real', 'dynamic']);

function checkArgs(name: string, types: readonly ScalarType[]): void {
  for (const t of types) if (!NUMERIC.has(t)) throw new UnsupportedError(`${name}() of a ${t} value`);
}

/** A function of one real: the argument as real (null stays null), then `f`. */
function real1(name: string, f: (x: number) => number | null, doc = DOC(name)): ScalarFunction {
  return {
    name,
    doc,
    bind(args, result): RowFn {
      checkArgs(name, args.map((a) => a.type));
      const t = args[0]!.type;
      return ([v]) => {
        const n = numOf(t, v!);
        if (n === undefined) return null;
        const r = f(numToReal(n));
        return r === null ? null : numToValue({ k: 'r', v: r }, result);
      };
    },
  };
}

/**
 * abs / sign / ceiling keep integers exact (long, int) and apply `real` to reals; `timespan`,
 * when given, handles timespan arguments (their ticks).
 */
function sameType(
  name: string,
  integer: (v: bigint) => bigint | null,
  real: (x: number) => number | null,
  timespan?: (ticks: bigint) => bigint | null,
): ScalarFunction {
  return {
    name,
    doc: DOC(name),
    bind(args, result): RowFn {
      const t = args[0]!.type;
      if (timespan && t === 'timespan') return ([v]) => (v === null ? null : timespan(v as bigint));
      checkArgs(name, [t]);
      if (result === 'decimal') throw new UnsupportedError(`${name}() of a decimal value`);
      return ([v]) => {
        const n = numOf(t, v!);
        if (n === undefined) return null;
        if (n.k === 'i' && INTEGER.has(result)) {
          const r = integer(n.v);
          return r === null ? null : numToValue({ k: 'i', v: r }, result);
        }
        const r = real(numToReal(n));
        return r === null ? null : numToValue({ k: 'r', v: r }, result);
      };
    },
  };
}

const LONG_MIN = -(2n ** 63n);

/** .NET Math.Pow follows IEEE 754 pow where JavaScript's Math.pow gives NaN. */
export function dotnetPow(x: number, y: number): number {
  if (x === 1) return 1; // pow(1, NaN) and pow(1, ±Infinity) are 1
  if (x === -1 && (y === Infinity || y === -Infinity)) return 1;
  return Math.pow(x, y);
}

const nonNegative = (f: (x: number) => number) => (x: number) => (x < 0 ? null : f(x));

export const functions: ScalarFunction[] = [
  // Math.Abs(long.MinValue) overflows in .NET: not representable, so null (UNVERIFIED against Kusto)
  // (likewise TimeSpan.Duration() of the shortest timespan: null, as timespan arithmetic past the ends)
  sameType('abs', (v) => (v === LONG_MIN ? null : v < 0n ? -v : v), (x) => Math.abs(x), (ticks) => timespanOrNull(ticks < 0n ? -ticks : ticks)),
  // Math.Sign(NaN) throws in .NET: null
  sameType('sign', (v) => (v > 0n ? 1n : v < 0n ? -1n : 0n), (x) => (Number.isNaN(x) ? null : x > 0 ? 1 : x < 0 ? -1 : 0)),
  sameType('ceiling', (v) => wrap64(v), (x) => Math.ceil(x)),
  real1('sqrt', nonNegative(Math.sqrt)),
  // Correctly rounded, as .NET prints log(3); V8's Math.log can be one ulp off (values/natural-log.ts).
  real1('log', nonNegative(naturalLog)),
  real1('log2', nonNegative(Math.log2)),
  real1('log10', nonNegative(Math.log10)),
  real1('exp', Math.exp),
  real1('exp2', (x) => dotnetPow(2, x)),
  real1('exp10', (x) => dotnetPow(10, x)),
  real1('sin', Math.sin),
  real1('cos', Math.cos),
  real1('tan', Math.tan),
  real1('asin', Math.asin),
  real1('acos', Math.acos),
  real1('atan', Math.atan),
  real1('cot', (x) => 1 / Math.tan(x)),
  real1('degrees', (x) => (x * 180) / Math.PI),
  real1('radians', (x) => (x * Math.PI) / 180),
  {
    name: 'pi',
    doc: DOC('pi'),
    bind: (_args, result) => () => numToValue({ k: 'r', v: Math.PI }, result),
  },
  ...(['pow', 'atan2'] as const).map(
    (name): ScalarFunction => ({
      name,
      doc: DOC(name),
      bind(args, result): RowFn {
        checkArgs(name, args.map((a) => a.type));
        const [ta, tb] = [args[0]!.type, args[1]!.type];
        const f = name === 'pow' ? dotnetPow : Math.atan2;
        return ([a, b]) => {
          const x = numOf(ta, a!);
          const y = numOf(tb, b!);
          if (x === undefined || y === undefined) return null;
          return numToValue({ k: 'r', v: f(numToReal(x), numToReal(y)) }, result);
        };
      },
    }),
  ),
];

