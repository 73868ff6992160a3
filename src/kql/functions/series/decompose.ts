/**
 * Seasonal decomposition and anomaly scoring (learn.microsoft.com/kusto/query/...):
 * series_seasonal, series_decompose, series_decompose_anomalies, series_decompose_forecast,
 * series_outliers, series_periods_detect, series_periods_validate.
 *
 * series-decompose doc, component order: the seasonal series (per phase of the period, "median
 * of the series points in the same phase"; 0 without a period), subtracted from x; the trend of
 * that deseasonal series (`avg`: its average, `linefit`: its linear regression as in
 * series_fit_line, `none`: 0); baseline = seasonal + trend; residual = x - baseline. The last
 * Test_points points are left out of the learning: medians, average and regression use the
 * other points, and the components extend over all of them (series_decompose_forecast is this
 * with Test_points = Points; the binder gives it the same four columns).
 *
 * series-decompose-anomalies doc: ad_score = series_outliers(residual, AD_method); ad_flag is +1
 * where ad_score > Threshold, -1 where ad_score < -Threshold, else 0. Threshold is Tukey's k
 * ("1.5, k value"), and series-outliers doc says a score above 1.5 marks a rise anomaly: for
 * "score > k" to be Tukey's fence x > Q3 + k*(Q3 - Q1) for every k, the score must be
 * (x - Q3)/(Q3 - Q1) above Q3, (x - Q1)/(Q3 - Q1) below Q1, and 0 between. Q1 and Q3 are the
 * 25th/75th percentiles (`tukey`) or min_percentile/max_percentile, default 10th/90th (`ctukey`).
 * The docs do not say how a percentile of the points is computed: we interpolate linearly
 * between the closest ranks (position (count-1)*p/100 in the sorted values), our reading,
 * unverified against the service. In series_decompose_anomalies the percentiles are those of
 * the learning points' residuals.
 *
 * Seasonality -1 (the default) detects the period with series_periods_detect, whose algorithm
 * and scores the docs do not describe. What they do say decides one case exactly: a period has
 * at least 4 points and at most half the series, so a series of fewer than 8 points has none
 * (no seasonal component, periods_detect finds nothing, periods_validate scores 0). Anything
 * that would need the detector fails with an error that names it.
 */
import { RuntimeError, UnsupportedError } from '../../errors.ts';
import type { Dyn, Value } from '../../types.ts';
import type { RowFn, ScalarFunction } from '../contract.ts';
import { reserveBytes } from '../reserve.ts';
import { SLOT } from '../../exec/memory-size.ts';
import { fitLine } from './fit.ts';
import { arity, elemOf, realOf, realSeries, realsToDyn, seriesDoc } from './vector.ts';

const DOC = seriesDoc;

/** What the decompositions leave out (coverage table); docs/series-seasonality.md says why. */
const SEASONALITY_AUTODETECT = "Seasonality -1 (autodetect, the default) on a series of 8 or more points is an error: the docs do not describe series_periods_detect's scoring";

/** The smallest period series_periods_detect can find (series-periods-detect doc). */
const MIN_PERIOD = 4;

/** The argument at `i`, or `dflt` when it is omitted or null. */
function arg<T extends Value>(vals: readonly Value[], i: number, dflt: T): Value {
  return i < vals.length && vals[i] !== null ? vals[i]! : dflt;
}

function num(name: string, what: string, v: Value): number {
  const e = realOf(elemOf(typeof v === 'number' || typeof v === 'bigint' ? v : null));
  if (e === null) throw new RuntimeError(`${name}(): ${what} must be a number`);
  return e;
}

/**
 * The period for Seasonality `s`: 0 for none, or a positive number of points. -1 asks for
 * detection, decided only when no period can exist (fewer than 2 * MIN_PERIOD points).
 */
function periodOf(name: string, s: number, n: number): number {
  if (s === -1) {
    if (n < 2 * MIN_PERIOD) return 0;
    throw new UnsupportedError(
      `${name}() detecting the seasonality of a series of ${n} points (Seasonality -1, the default: the docs do not describe series_periods_detect's algorithm); give the period in bins, or 0 for none,`,
    );
  }
  if (s === 0) return 0;
  if (s > 0 && Number.isInteger(s)) return s;
  throw new RuntimeError(`${name}(): Seasonality must be -1, 0 or a positive whole number of bins, got ${s}`);
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = xs.slice().sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 === 1 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/** Per-phase medians of the first `learn` points, repeated over `n` points (0 without a period). */
function seasonalOf(x: readonly number[], period: number, learn: number): Float64Array {
  const out = new Float64Array(x.length);
  if (period === 0) return out;
  // a phase at or past the series' end holds no point: never computed (a period is input, up to
  // 2^31 - 1 of them would be 2^31 medians)
  const med: number[] = [];
  const phases = Math.min(period, x.length);
  for (let k = 0; k < phases; k++) {
    const phase: number[] = [];
    for (let i = k; i < learn; i += period) phase.push(x[i]!);
    med.push(median(phase));
  }
  for (let i = 0; i < x.length; i++) out[i] = med[i % period]!;
  return out;
}

interface Decomposition {
  readonly baseline: Float64Array;
  readonly seasonal: Float64Array;
  readonly trend: Float64Array;
  readonly residual: Float64Array;
  /** Points the model learned from (the series without its test points). */
  readonly learn: number;
}

function decompose(name: string, x: readonly number[], seasonality: number, trend: Value, testPoints: number): Decomposition {
  const n = x.length;
  if (!Number.isInteger(testPoints) || testPoints < 0 || testPoints > n) {
    throw new RuntimeError(`${name}(): the number of test points must be a whole number from 0 to the series length (${n}), got ${testPoints}`);
  }
  const learn = n - testPoints;
  const seasonal = seasonalOf(x, periodOf(name, seasonality, n), learn);
  const deseasonal = x.map((v, i) => v - seasonal[i]!);
  const t = new Float64Array(n);
  switch (String(trend).toLowerCase()) {
    case 'avg': {
      let s = 0;
      for (let i = 0; i < learn; i++) s += deseasonal[i]!;
      t.fill(s / learn);
      break;
    }
    case 'linefit':
      t.set(fitLine(deseasonal, learn, n).fit);
      break;
    case 'none':
      break;
    default:
      throw new RuntimeError(`${name}(): Trend must be 'avg', 'linefit' or 'none', got '${String(trend)}'`);
  }
  const baseline = new Float64Array(n);
  const residual = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    baseline[i] = seasonal[i]! + t[i]!;
    residual[i] = x[i]! - baseline[i]!;
  }
  return { baseline, seasonal, trend: t, residual, learn };
}

/** The p-th percentile (0..100) of sorted values, linearly interpolated between closest ranks (our reading). */
function percentile(sorted: readonly number[], p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Tukey scores of `values` (null: missing, score 0), the fences from the first `learn` values'
 * percentiles `low` and `high`.
 */
function tukeyScores(values: readonly (number | null)[], low: number, high: number, learn = values.length): Float64Array {
  const known: number[] = [];
  for (let i = 0; i < learn; i++) {
    const v = values[i];
    if (v !== null && v !== undefined && !Number.isNaN(v)) known.push(v);
  }
  const out = new Float64Array(values.length);
  if (known.length === 0) return out;
  known.sort((a, b) => a - b);
  const q1 = percentile(known, low);
  const q3 = percentile(known, high);
  const range = q3 - q1;
  values.forEach((v, i) => {
    if (v === null || Number.isNaN(v)) return;
    out[i] = v > q3 ? (v - q3) / range : v < q1 ? (v - q1) / range : 0;
  });
  return out;
}

/** The percentile range of an outlier method: `tukey` 25/75, `ctukey` the given one (default 10/90). */
function methodRange(name: string, method: Value, low: Value, high: Value): [number, number] {
  const m = String(method).toLowerCase();
  if (m === 'tukey') return [25, 75];
  if (m !== 'ctukey') throw new RuntimeError(`${name}(): the anomaly detection method must be 'tukey' or 'ctukey', got '${String(method)}'`);
  const lo = num(name, 'min_percentile', low);
  const hi = num(name, 'max_percentile', high);
  // series-outliers doc: "The value must be in the range [2.0, 98.0]".
  for (const p of [lo, hi]) if (!(p >= 2 && p <= 98)) throw new RuntimeError(`${name}(): percentiles must be in the range [2.0, 98.0], got ${p}`);
  return [lo, hi];
}

const seasonal: ScalarFunction = {
  name: 'series_seasonal',
  doc: DOC('series_seasonal'),
  partial: "period -1 (autodetect, the default) on a series of 8 or more points is an error: the docs do not describe series_periods_detect's scoring",
  bind(args): RowFn {
    arity('series_seasonal', args, 1, 2);
    return (vals) => {
      const x = realSeries('series_seasonal', vals[0]!);
      if (!x) return null;
      const p = num('series_seasonal', 'period', arg(vals, 1, -1n));
      // series-seasonal doc: -1 detects the period; a positive one is used; any other value gives zeros.
      const period = p === -1 ? periodOf('series_seasonal', -1, x.length) : p > 0 && Number.isInteger(p) ? p : 0;
      return realsToDyn(seasonalOf(x, period, x.length));
    };
  },
};

function decomposition(name: string, forecast: boolean): ScalarFunction {
  return {
    name,
    doc: DOC(name),
    partial: SEASONALITY_AUTODETECT,
    tuple: true,
    bind(args): RowFn {
      const [min, max] = forecast ? [2, 5] : [1, 5];
      arity(name, args, min, max);
      // (Series, Seasonality, Trend, Test_points, threshold) or (Series, Points, Seasonality, Trend, threshold).
      const at = forecast ? { test: 1, seasonality: 2, trend: 3 } : { seasonality: 1, trend: 2, test: 3 };
      return (vals) => {
        const x = realSeries(name, vals[0]!);
        if (!x) return [null, null, null, null];
        const d = decompose(
          name,
          x,
          num(name, 'Seasonality', arg(vals, at.seasonality, -1n)),
          arg(vals, at.trend, 'avg'),
          num(name, forecast ? 'Points' : 'Test_points', arg(vals, at.test, 0n)),
        );
        return [realsToDyn(d.baseline), realsToDyn(d.seasonal), realsToDyn(d.trend), realsToDyn(d.residual)];
      };
    },
  };
}

const decomposeAnomalies: ScalarFunction = {
  name: 'series_decompose_anomalies',
  doc: DOC('series_decompose_anomalies'),
  partial: SEASONALITY_AUTODETECT,
  tuple: true,
  bind(args): RowFn {
    const name = 'series_decompose_anomalies';
    arity(name, args, 1, 7);
    return (vals) => {
      const x = realSeries(name, vals[0]!);
      if (!x) return [null, null, null];
      const threshold = num(name, 'Threshold', arg(vals, 1, 1.5));
      const d = decompose(name, x, num(name, 'Seasonality', arg(vals, 2, -1n)), arg(vals, 3, 'avg'), num(name, 'Test_points', arg(vals, 4, 0n)));
      const [low, high] = methodRange(name, arg(vals, 5, 'ctukey'), 10, 90);
      const scores = tukeyScores(Array.from(d.residual), low, high, d.learn);
      const flags: Dyn[] = Array.from(scores, (s) => (s > threshold ? 1n : s < -threshold ? -1n : 0n));
      return [flags, realsToDyn(scores), realsToDyn(d.baseline)];
    };
  },
};

const outliers: ScalarFunction = {
  name: 'series_outliers',
  doc: DOC('series_outliers'),
  bind(args): RowFn {
    arity('series_outliers', args, 1, 5);
    return (vals) => {
      const a = vals[0];
      if (!Array.isArray(a)) return null;
      const [low, high] = methodRange('series_outliers', arg(vals, 1, 'ctukey'), arg(vals, 3, 10), arg(vals, 4, 90));
      // series-outliers doc: "The score of nulls and ignore values is set to 0".
      const ignore = vals.length > 2 && vals[2] !== null ? num('series_outliers', 'ignore_val', vals[2]!) : undefined;
      const values = (a as Dyn[]).map((d) => {
        const v = realOf(elemOf(d));
        return v === null || v === ignore ? null : v;
      });
      return realsToDyn(tukeyScores(values, low, high));
    };
  },
};

/** series_periods_detect(series, min_period, max_period, num_periods): decided only when no period fits. */
const periodsDetect: ScalarFunction = {
  name: 'series_periods_detect',
  doc: DOC('series_periods_detect'),
  partial: 'a series that can hold a period (8 or more points, min_period up to max_period) is an error: the docs do not describe the scoring',
  tuple: true,
  bind(args): RowFn {
    const name = 'series_periods_detect';
    arity(name, args, 4);
    return (vals, ctx) => {
      const x = realSeries(name, vals[0]!);
      if (!x) return [null, null];
      const lo = Math.max(MIN_PERIOD, num(name, 'min_period', vals[1]!));
      const hi = Math.min(x.length / 2, num(name, 'max_period', vals[2]!));
      const count = num(name, 'num_periods', vals[3]!);
      if (lo <= hi) {
        throw new UnsupportedError(`${name}() on a series that can hold periods of ${lo} to ${hi} points (the docs do not describe its algorithm)`);
      }
      // Nothing found: the page's output pads with 0 ("The other value is zero that indicates no
      // additional pattern"). num_periods is input and "will be the length of the output dynamic
      // arrays" (page): the two arrays are reserved before they are made, so a count of 2^31 is
      // refused (E_RUNAWAY_QUERY), not attempted.
      const n = count > 0 ? Math.trunc(count) : 0;
      reserveBytes(ctx, 2 * n * SLOT, name);
      const zeros = new Array<Dyn>(n).fill(0);
      return [zeros, zeros.slice()];
    };
  },
};

/** series_periods_validate(series, period1, ...): a period outside [4, length/2] scores 0 (page); others need the detector. */
const periodsValidate: ScalarFunction = {
  name: 'series_periods_validate',
  doc: DOC('series_periods_validate'),
  partial: 'a period inside [4, length/2] is an error (outside it scores 0, as documented): the docs do not describe the scoring',
  tuple: true,
  bind(args): RowFn {
    const name = 'series_periods_validate';
    arity(name, args, 2, 17);
    return (vals) => {
      const x = realSeries(name, vals[0]!);
      if (!x) return [null, null];
      const periods = vals.slice(1).map((p) => num(name, 'a period', p));
      const scores = periods.map((p) => {
        if (p < MIN_PERIOD || p > x.length / 2) return 0;
        throw new UnsupportedError(`${name}() of a period of ${p} points in a series of ${x.length} (the docs do not describe how it is scored)`);
      });
      return [periods, scores];
    };
  },
};

export const functions: ScalarFunction[] = [
  seasonal,
  decomposition('series_decompose', false),
  decomposition('series_decompose_forecast', true),
  decomposeAnomalies,
  outliers,
  periodsDetect,
  periodsValidate,
];
