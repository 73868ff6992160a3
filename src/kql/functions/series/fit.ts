/**
 * Linear regression of a series (learn.microsoft.com/kusto/query/series-fit-line-function,
 * series-fit-line-dynamic-function): the least-squares line y = slope*x + interception over
 * x = 1, 2, ..., n (the doc example's line_fit starts at interception + slope: 1.064 for
 * slope 2.730 and interception -1.666), with
 *   rsquare      1 - Σ(y - fit)² / Σ(y - avg)²
 *   variance     the sample variance of the input (as series_stats, stats.ts)
 *   rvariance    Σ(y - fit)² / (n - 1), the sample variance of the residuals
 *   line_fit     the fitted values.
 * These reproduce the doc example (0.982, 2.730, 98.628, 1.686, -1.666, ...). A series shorter
 * than two points (or a constant one, for rsquare) gives what the formulas give, NaN (unverified).
 */
import type { Dyn } from '../../types.ts';
import type { RowFn, ScalarFunction } from '../contract.ts';
import { arity, realSeries, realsToDyn } from './vector.ts';

export interface LineFit {
  readonly rsquare: number;
  readonly slope: number;
  readonly variance: number;
  readonly rvariance: number;
  readonly interception: number;
  /** The fitted line at x = 1..n. */
  readonly fit: Float64Array;
}

/** Sample variance by (n*Σx² - (Σx)²) / (n*(n-1)) (stats.ts). */
export function sampleVariance(y: ArrayLike<number>, n = y.length): number {
  let s = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    s += y[i]!;
    sq += y[i]! * y[i]!;
  }
  return (n * sq - s * s) / (n * (n - 1));
}

/**
 * The least-squares line through the first `n` points (x = 1..n), evaluated at x = 1..length:
 * series_decompose fits its trend on the learning points and extends it over the test points.
 */
export function fitLine(y: ArrayLike<number>, n = y.length, length = n): LineFit {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const x = i + 1;
    sx += x;
    sy += y[i]!;
    sxy += x * y[i]!;
    sxx += x * x;
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const interception = (sy - slope * sx) / n;
  const fit = new Float64Array(length);
  for (let i = 0; i < length; i++) fit[i] = slope * (i + 1) + interception;
  const avg = sy / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (y[i]! - fit[i]!) ** 2;
    ssTot += (y[i]! - avg) ** 2;
  }
  return { rsquare: 1 - ssRes / ssTot, slope, variance: sampleVariance(y, n), rvariance: ssRes / (n - 1), interception, fit };
}

const seriesFitLine: ScalarFunction = {
  name: 'series_fit_line',
  doc: 'learn.microsoft.com/kusto/query/series-fit-line-function',
  tuple: true,
  bind(args): RowFn {
    arity('series_fit_line', args, 1);
    return ([v]) => {
      const y = realSeries('series_fit_line', v!);
      if (!y) return [null, null, null, null, null, null];
      const f = fitLine(y);
      return [f.rsquare, f.slope, f.variance, f.rvariance, f.interception, realsToDyn(f.fit)];
    };
  },
};

const seriesFitLineDynamic: ScalarFunction = {
  name: 'series_fit_line_dynamic',
  doc: 'learn.microsoft.com/kusto/query/series-fit-line-dynamic-function',
  bind(args): RowFn {
    arity('series_fit_line_dynamic', args, 1);
    return ([v]) => {
      const y = realSeries('series_fit_line_dynamic', v!);
      if (!y) return null;
      const f = fitLine(y);
      return new Map<string, Dyn>([
        ['rsquare', f.rsquare],
        ['slope', f.slope],
        ['variance', f.variance],
        ['rvariance', f.rvariance],
        ['interception', f.interception],
        ['line_fit', realsToDyn(f.fit)],
      ]);
    };
  },
};

export const functions: ScalarFunction[] = [seriesFitLine, seriesFitLineDynamic];
