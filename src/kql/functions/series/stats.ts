/**
 * series_stats() and series_stats_dynamic() (learn.microsoft.com/kusto/query/series-stats-function,
 * series-stats-dynamic-function): min, min_idx (first position of the minimum), max, max_idx,
 * avg, stdev and variance (sample), and for the dynamic form also sum and len.
 *
 * The sample variance is computed as (n*Σx² - (Σx)²) / (n*(n-1)): the formula that reproduces the
 * doc example to the last digit (812.45714285714291, stdev 28.503633853548269; a two-pass sum of
 * squared deviations gives 812.45714285714280). With one value it is 0/0, NaN (unverified).
 * ignore_nonfinite (default false): with false, any null, NaN, ±Infinity or non-numeric element
 * makes the statistics null (series_stats: every column; series_stats_dynamic: the whole value,
 * as its page says "returns null"); with true those elements are left out (positions still count
 * in the input array). No value left: the statistics are null (our reading). `len` counts the
 * values the statistics are computed over (the array's length when none is left out).
 */
import type { Dyn, Value } from '../../types.ts';
import type { ArgInfo, RowFn, ScalarFunction } from '../contract.ts';
import { arity, elemOf, realOf } from './vector.ts';

interface Stats {
  min: number;
  minIdx: number;
  max: number;
  maxIdx: number;
  avg: number;
  stdev: number;
  variance: number;
  sum: number;
  len: number;
}

function stats(v: Value, ignoreNonFinite: boolean): Stats | null {
  if (!Array.isArray(v)) return null;
  let n = 0;
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  let minIdx = -1;
  let maxIdx = -1;
  const arr = v as Dyn[];
  for (let i = 0; i < arr.length; i++) {
    const x = realOf(elemOf(arr[i]));
    if (x === null || !Number.isFinite(x)) {
      if (ignoreNonFinite) continue;
      return null;
    }
    n++;
    sum += x;
    sq += x * x;
    if (x < min) [min, minIdx] = [x, i];
    if (x > max) [max, maxIdx] = [x, i];
  }
  if (n === 0) return null;
  const variance = (n * sq - sum * sum) / (n * (n - 1));
  return { min, minIdx, max, maxIdx, avg: sum / n, stdev: Math.sqrt(variance), variance, sum, len: n };
}

function readFlag(name: string, args: readonly ArgInfo[]): (vals: Value[]) => boolean {
  arity(name, args, 1, 2);
  return (vals) => vals.length > 1 && vals[1] === true;
}

const seriesStats: ScalarFunction = {
  name: 'series_stats',
  doc: 'learn.microsoft.com/kusto/query/series-stats-function',
  tuple: true,
  bind(args): RowFn {
    const ignore = readFlag('series_stats', args);
    return (vals) => {
      const s = stats(vals[0]!, ignore(vals));
      if (!s) return [null, null, null, null, null, null, null];
      return [s.min, BigInt(s.minIdx), s.max, BigInt(s.maxIdx), s.avg, s.stdev, s.variance];
    };
  },
};

const seriesStatsDynamic: ScalarFunction = {
  name: 'series_stats_dynamic',
  doc: 'learn.microsoft.com/kusto/query/series-stats-dynamic-function',
  bind(args): RowFn {
    const ignore = readFlag('series_stats_dynamic', args);
    return (vals) => {
      const s = stats(vals[0]!, ignore(vals));
      if (!s) return null;
      return new Map<string, Dyn>([
        ['min', s.min],
        ['min_idx', BigInt(s.minIdx)],
        ['max', s.max],
        ['max_idx', BigInt(s.maxIdx)],
        ['avg', s.avg],
        ['stdev', s.stdev],
        ['variance', s.variance],
        ['sum', s.sum],
        ['len', BigInt(s.len)],
      ]);
    };
  },
};

export const functions: ScalarFunction[] = [seriesStats, seriesStatsDynamic];
