/**
 * Filters (learn.microsoft.com/kusto/query/series-fir-function, series-iir-function).
 *
 * series_iir(x, b, a): the page's recursive formula
 *   y[i] = (b[0]x[i] + b[1]x[i-1] + ... - a[1]y[i-1] - a[2]y[i-2] - ...) / a[0]
 * with the points before the series taken as 0 (its example, a running sum, starts y[0] = x[0]).
 * a[0] = 0 is an error ("mustn't be zero").
 *
 * series_fir(x, filter, normalize, center): y[i] = Σj filter[j] * x[i - j], the same formula
 * without feedback; normalize (default true, false when a coefficient is negative) divides the
 * coefficients by their sum, and normalize=true with a negative coefficient gives null (page).
 * center=true keeps the peak in place: the window is shifted by (length-1)/2 points (the page's
 * five-point example: "shifted by (5-1)/2 = 2h"); with an even number of coefficients that is not
 * a whole number of points and the page does not say where the window goes: an error. Points
 * outside the series count as 0 (as series_iir; our reading for series_fir).
 *
 * Both take (points x coefficients) steps; a query asking for more than MAX_STEPS (a million
 * points through a thousand coefficients) is refused by name rather than left to run for hours.
 */
import { RuntimeError, UnsupportedError } from '../../errors.ts';
import type { Value } from '../../types.ts';
import type { RowFn, ScalarFunction } from '../contract.ts';
import { arity, realSeries, realsToDyn } from './vector.ts';

function coefficients(name: string, v: Value): number[] | null {
  return realSeries(name, v, 'the coefficients');
}

const MAX_STEPS = 1e9;

function checkWork(name: string, points: number, coefficients: number): void {
  if (points * coefficients > MAX_STEPS) {
    throw new RuntimeError(`${name}() of ${points} points with ${coefficients} coefficients is more than ${MAX_STEPS} steps; trailhound refuses it rather than run for minutes`);
  }
}

const fir: ScalarFunction = {
  name: 'series_fir',
  doc: 'learn.microsoft.com/kusto/query/series-fir-function',
  bind(args): RowFn {
    arity('series_fir', args, 2, 4);
    return (vals) => {
      const x = realSeries('series_fir', vals[0]!);
      let b = coefficients('series_fir', vals[1]!);
      if (!x || !b || b.length === 0) return null;
      const negative = b.some((c) => c < 0);
      const normalize = vals.length > 2 && vals[2] !== null ? vals[2] === true : !negative;
      const center = vals.length > 3 && vals[3] === true;
      if (normalize) {
        if (negative) return null;
        const sum = b.reduce((s, c) => s + c, 0);
        b = b.map((c) => c / sum);
      }
      if (center && b.length % 2 === 0) {
        throw new UnsupportedError('series_fir() with center=true and an even number of coefficients (the docs do not say how the window is centered)');
      }
      checkWork('series_fir', x.length, b.length);
      const shift = center ? (b.length - 1) / 2 : 0;
      const y = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        let s = 0;
        for (let j = 0; j < b.length; j++) {
          const k = i + shift - j;
          if (k >= 0 && k < x.length) s += b[j]! * x[k]!;
        }
        y[i] = s;
      }
      return realsToDyn(y);
    };
  },
};

const iir: ScalarFunction = {
  name: 'series_iir',
  doc: 'learn.microsoft.com/kusto/query/series-iir-function',
  bind(args): RowFn {
    arity('series_iir', args, 3);
    return (vals) => {
      const x = realSeries('series_iir', vals[0]!);
      const b = coefficients('series_iir', vals[1]!);
      const a = coefficients('series_iir', vals[2]!);
      if (!x || !b || !a || a.length === 0) return null;
      if (a[0] === 0) throw new RuntimeError('series_iir(): the first denominator coefficient must not be 0');
      checkWork('series_iir', x.length, a.length + b.length);
      const y = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) {
        let s = 0;
        for (let j = 0; j < b.length && j <= i; j++) s += b[j]! * x[i - j]!;
        for (let j = 1; j < a.length && j <= i; j++) s -= a[j]! * y[i - j]!;
        y[i] = s / a[0]!;
      }
      return realsToDyn(y);
    };
  },
};

export const functions: ScalarFunction[] = [fir, iir];
