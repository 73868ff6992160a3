/**
 * round() and around() (learn.microsoft.com/kusto/query/round-function, around-function).
 *
 * round(number, precision = 0) rounds to `precision` decimal digits; a negative precision rounds
 * to tens, hundreds, ... (round(-50.55, -2) = -100, round(21.5, -1) = 20). A real is rounded the
 * way .NET's Math.Round(value, digits) does it, by scaling: round(2.15, 1) is 2.2 on the page,
 * although the double nearest 2.15 is below it, because 2.15 * 10 is exactly 21.5 in doubles; a
 * negative precision divides by 10^-precision instead. int, long and decimal are rounded
 * exactly; the result keeps the argument's type (the binder's).
 *
 * Ties: the page's examples have no value exactly halfway that the two .NET rules round apart
 * (21.5 rounds to 22 both half to even and half away from zero), and the page does not say
 * which rule Kusto uses. A tie where the rules disagree (round(2.5): 2 or 3) fails with an error
 * that names it instead of picking one; a tie they agree on (round(2.15, 1) = 2.2) is rounded.
 * A precision above 15 (.NET's limit for doubles) is an error too.
 */
import { KqlError, RuntimeError, UnsupportedError } from '../errors.ts';
import type { ScalarType, Value } from '../types.ts';
import { decToString, normalize } from '../values/decimal.ts';
import { compareNum, numOf, numToReal, type Num } from '../values/numbers.ts';
import type { RowFn, ScalarFunction } from './contract.ts';

const MAX_DIGITS = 15;

function tieError(text: string, precision: number): UnsupportedError {
  return new UnsupportedError(
    `round() of a value exactly halfway, here round(${text}, ${precision}) (the Kusto docs do not say whether ties round to even or away from zero),`,
  );
}

/** Rounds a non-negative magnitude to an integer; undefined at a tie the two rules round apart. */
function roundMagnitude(m: number): number | undefined {
  const fl = Math.floor(m);
  const frac = m - fl;
  if (frac < 0.5) return fl;
  if (frac > 0.5) return fl + 1;
  // Half to even and half away from zero agree when the integer above is even.
  return fl % 2 === 1 ? fl + 1 : undefined;
}

function roundReal(x: number, p: number): number {
  if (!Number.isFinite(x)) return x;
  if (p > MAX_DIGITS) throw new UnsupportedError(`round() with a precision above ${MAX_DIGITS}`);
  // .NET leaves values of 1e16 and more alone: they have no fractional digits.
  if (p >= 0 && Math.abs(x) >= 1e16) return x;
  const scale = 10 ** Math.abs(p);
  // 10^-p past the doubles (p < -308): every finite x is below half of it, so 0 (0 * Infinity
  // would be NaN), signed as a smaller negative precision leaves it.
  if (p < 0 && scale === Infinity) return x < 0 ? -0 : 0;
  const scaled = p >= 0 ? x * scale : x / scale;
  const r = roundMagnitude(Math.abs(scaled));
  if (r === undefined) throw tieError(String(x), p);
  const signed = scaled < 0 ? -r : r;
  return p >= 0 ? signed / scale : signed * scale;
}

/** m / 10^drop rounded to an integer, exactly (ties as roundMagnitude). */
function roundQuotient(m: bigint, drop: number, text: string, p: number): bigint {
  if (drop <= 0) return times10(m, -drop);
  const neg = m < 0n;
  const a = neg ? -m : m;
  // Fewer digits than dropped: |m| < 10^drop / 2, so 0, without making 10^drop (a precision is
  // input: round(x, -2147483648) would be a 2^31-digit power, past what a BigInt holds).
  if (a.toString().length < drop) return 0n;
  const d = 10n ** BigInt(drop);
  let q = a / d;
  const twice = (a - q * d) * 2n;
  if (twice > d) q += 1n;
  else if (twice === d) {
    if (q % 2n === 0n) throw tieError(text, p);
    q += 1n;
  }
  return neg ? -q : q;
}

/** q * 10^n; 0 whatever n (round's 0 beside a huge negative precision: see roundQuotient). */
function times10(q: bigint, n: number): bigint {
  return q === 0n ? 0n : q * 10n ** BigInt(n);
}

const round: ScalarFunction = {
  name: 'round',
  doc: 'learn.microsoft.com/kusto/query/round-function',
  partial: 'a tie the two .NET midpoint rules round apart (round(2.5)) is an error: the page does not say which rule Kusto uses',
  bind(args, result): RowFn {
    if (args.length < 1 || args.length > 2) throw new KqlError('binding', `round() takes 1 or 2 arguments, got ${args.length}`);
    const [t, tp] = [args[0]!.type, args[1]?.type];
    if (!['int', 'long', 'real', 'decimal', 'dynamic'].includes(t)) throw new UnsupportedError(`round() of a ${t} value`);
    return ([v, pv]) => {
      const n = numOf(t, v!);
      const pn = tp === undefined ? ({ k: 'i', v: 0n } as Num) : numOf(tp, pv!);
      if (n === undefined || pn === undefined) return null;
      const p = Math.trunc(numToReal(pn));
      return roundNum(n, p, result);
    };
  },
};

function roundNum(n: Num, p: number, result: ScalarType): Value {
  switch (n.k) {
    case 'r':
      return result === 'real' || result === 'dynamic' ? roundReal(n.v, p) : null;
    case 'i': {
      // In units of 10^-p, then back: exact for every long.
      const r = p >= 0 ? n.v : times10(roundQuotient(n.v, -p, n.v.toString(), p), -p);
      if (result === 'int') return Number(BigInt.asIntN(32, r));
      if (result === 'real') return Number(r);
      return BigInt.asIntN(64, r);
    }
    case 'd': {
      if (p >= n.v.scale) return result === 'decimal' ? decToString(n.v) : numToReal(n);
      const text = decToString(n.v);
      const q = roundQuotient(n.v.m, n.v.scale - p, text, p);
      const d = p >= 0 ? normalize(q, p) : normalize(times10(q, -p), 0);
      if (!d) throw new RuntimeError(`round(${text}, ${p}): the result is out of the decimal range`);
      return result === 'decimal' ? decToString(d) : numToReal({ k: 'd', v: d });
    }
  }
}

/**
 * around(value, center, delta): whether value is in [center - delta, center + delta], bounds
 * included (the page's example keeps 01:29, 01:30 and 01:31 around 01:30 with 1min); null when an
 * argument is null. datetime/timespan compare in ticks, numbers exactly across kinds.
 */
const around: ScalarFunction = {
  name: 'around',
  doc: 'learn.microsoft.com/kusto/query/around-function',
  bind(args): RowFn {
    if (args.length !== 3) throw new KqlError('binding', `around() takes 3 arguments, got ${args.length}`);
    const types = args.map((a) => a.type);
    const ticks = (t: ScalarType) => t === 'datetime' || t === 'timespan';
    if (types.some(ticks)) {
      if (!ticks(types[0]!) || !ticks(types[1]!) || types[2] !== 'timespan') throw new UnsupportedError(`around() of ${types.join(', ')}`);
      return ([v, c, d]) => {
        if (v === null || c === null || d === null) return null;
        const diff = (v as bigint) - (c as bigint);
        return (diff < 0n ? -diff : diff) <= (d as bigint);
      };
    }
    return ([v, c, d]) => {
      const [x, y, z] = [numOf(types[0]!, v!), numOf(types[1]!, c!), numOf(types[2]!, d!)];
      if (x === undefined || y === undefined || z === undefined) return null;
      if (x.k === 'i' && y.k === 'i' && z.k === 'i') {
        const diff = x.v - y.v;
        return (diff < 0n ? -diff : diff) <= z.v;
      }
      const [lo, hi] = [numToReal(y) - numToReal(z), numToReal(y) + numToReal(z)];
      const a = compareNum(x, { k: 'r', v: lo });
      const b = compareNum(x, { k: 'r', v: hi });
      return a !== undefined && b !== undefined && a >= 0 && b <= 0;
    };
  },
};

export const functions: ScalarFunction[] = [round, around];
