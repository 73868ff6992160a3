/**
 * Series statistics, regression, fills, filters and decomposition
 * (learn.microsoft.com/kusto/query/series-<name>-function).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.ts';
import type { Arg } from './call.ts';
import { DynInt, type Dyn, type Value } from '../../../src/kql/types.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { lookupScalarFunction } from '../../../src/kql/functions/index.ts';
import { QueryMemory } from '../../../src/kql/exec/memory.ts';
import { RunawayQueryError } from '../../../src/kql/errors.ts';

const a = (json: string): Arg => ['dynamic', parseJson(json)!];
const lng = (v: bigint | null): Arg => ['long', v];
const real = (v: number | null): Arg => ['real', v];
const str = (v: string): Arg => ['string', v];
const bool = (v: boolean): Arg => ['bool', v];
const dyn = (name: string, ...args: Arg[]) => call(name, args, 'dynamic') as Dyn;
const tuple = (name: string, ...args: Arg[]) => call(name, args, 'dynamic') as unknown as Value[];
/** Numbers of a dynamic array as plain numbers (integers as numbers too), for comparisons. */
const nums = (d: Dyn | Value): (number | null)[] => (d as Dyn[]).map((x) => (x === null ? null : Number(x instanceof DynInt ? x.value : (x as number | bigint))));
const close = (x: number[], y: number[]) => assert.ok(x.length === y.length && x.every((v, i) => Math.abs(v - y[i]!) < 1e-9), `${x} vs ${y}`);

const DOC_X = a('[23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]');

test('series_stats: the page\'s example to the last digit; variance as (nΣx² - (Σx)²)/(n(n-1)) (series-stats doc)', () => {
  assert.deepEqual(tuple('series_stats', DOC_X), [2, 8n, 87, 3n, 32.8, 28.503633853548269, 812.45714285714291]);
});

test('series_stats_dynamic: the page\'s bag (min 2.0, min_idx 8, ..., sum 492.0, len 15) in its key order', () => {
  const bag = dyn('series_stats_dynamic', DOC_X) as Map<string, Dyn>;
  assert.deepEqual([...bag.keys()], ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance', 'sum', 'len']);
  assert.deepEqual([...bag.values()], [2, 8n, 87, 3n, 32.8, 28.503633853548269, 812.45714285714291, 492, 15n]);
});

test('series_stats: a null or non-finite element makes the statistics null unless ignore_nonfinite (series-stats doc)', () => {
  assert.deepEqual(tuple('series_stats', a('[1, null, 3]')), [null, null, null, null, null, null, null]);
  assert.deepEqual(tuple('series_stats', a('[1, NaN, 3]')), [null, null, null, null, null, null, null]);
  assert.deepEqual(tuple('series_stats', a('[5, null, 1, 3]'), bool(true)), [1, 2n, 5, 0n, 3, 2, 4], 'positions count in the input array');
  assert.equal(dyn('series_stats_dynamic', a('[1, "x"]')), null);
  assert.equal((dyn('series_stats_dynamic', a('[1, "x", 3]'), bool(true)) as Map<string, Dyn>).get('len'), 2n);
});

test('series_fit_line: the page\'s example (rsquare 0.982, slope 2.730, variance 98.628, rvariance 1.686, interception -1.666) over x = 1..n', () => {
  const [rsquare, slope, variance, rvariance, interception, fit] = tuple('series_fit_line', a('[2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30]'));
  assert.equal((rsquare as number).toFixed(4), '0.9829');
  assert.equal((slope as number).toFixed(4), '2.7308');
  assert.equal((variance as number).toFixed(4), '98.6288');
  assert.equal((rvariance as number).toFixed(4), '1.6865');
  assert.equal((interception as number).toFixed(4), '-1.6667');
  assert.equal(((fit as number[])[0]! - (interception as number) - (slope as number)).toFixed(12), '0.000000000000', 'line_fit starts at x = 1');
  const bag = dyn('series_fit_line_dynamic', a('[1, 3, 5]')) as Map<string, Dyn>;
  assert.deepEqual([...bag.keys()], ['rsquare', 'slope', 'variance', 'rvariance', 'interception', 'line_fit']);
  assert.deepEqual([bag.get('slope'), bag.get('interception'), bag.get('line_fit')], [2, -1, [1, 3, 5]]);
});

test('analysis functions refuse a non-numeric element by name ("Only series_outliers() supports null values", fill pages)', () => {
  assert.throws(() => tuple('series_fit_line', a('[1, null, 3]')), /series_fit_line\(\): element 1 of the series is not a number/);
  assert.throws(() => tuple('series_decompose', a('[1, "a"]')), /element 1/);
  assert.equal(tuple('series_fit_line', lng(1n)).every((v) => v === null), true, 'not an array: null columns');
});

test('series_fill_forward / _backward: gaps filled from the left / right, edge gaps kept (the pages\' examples)', () => {
  assert.deepEqual(nums(dyn('series_fill_forward', a('[null, null, 36, 41, null, null, 16, 61, 33, null, null]'))), [null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33]);
  assert.deepEqual(nums(dyn('series_fill_backward', a('[111, null, 36, 41, null, null, 16, 61, 33, null, null]'))), [111, 36, 36, 41, 16, 16, 16, 61, 33, null, null]);
  assert.deepEqual(nums(dyn('series_fill_forward', a('[1, 0, 0, 2]'), lng(0n))), [1, 1, 1, 2], 'a numeric placeholder marks the missing values');
  const kept = dyn('series_fill_forward', a('[7, null]')) as Dyn[];
  assert.ok(kept[1] instanceof DynInt, 'the copied value keeps its kind');
});

test('series_fill_const: the constant as given, other elements untouched (series-fill-const doc)', () => {
  assert.deepEqual(dyn('series_fill_const', a('[111, null, 36]'), real(0)), [new DynInt(111), 0, new DynInt(36)]);
  assert.deepEqual(dyn('series_fill_const', a('[111, null, 36]'), lng(-1n)), [new DynInt(111), -1n, new DynInt(36)]);
  assert.deepEqual(dyn('series_fill_const', a('[1, 5, 1]'), lng(0n), lng(1n)), [0n, new DynInt(5), 0n]);
});

test('series_fill_linear: interpolates, fills edges unless told not to, truncates for int series, fills an all-missing series with the constant (series-fill-linear doc)', () => {
  assert.deepEqual(nums(dyn('series_fill_linear', a('[null, 111.0, null, 36.0, 41.0, null, null, 16.0]'))).map((v) => (v === null ? v : +v.toFixed(3))), [111, 111, 73.5, 36, 41, 32.667, 24.333, 16]);
  const ints = dyn('series_fill_linear', a('[null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]')) as Dyn[];
  assert.deepEqual(nums(ints), [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33]);
  assert.ok(ints[2] instanceof DynInt, 'an int series stays int');
  assert.deepEqual(nums(dyn('series_fill_linear', a('[null, 111, null, 36, null]'), real(null), bool(false))), [null, 111, 73, 36, null]);
  assert.deepEqual(dyn('series_fill_linear', a('[null, null]')), [0, 0]);
  assert.deepEqual(dyn('series_fill_linear', a('[null, null]'), real(null), bool(true), real(3.14159)), [3.14159, 3.14159]);
  assert.deepEqual(dyn('series_fill_linear', a('[null, null]'), real(null), bool(true), real(null)), [null, null]);
  assert.deepEqual(nums(dyn('series_fill_linear', a('[-1, null, -4]'))), [-1, -2, -4], '-2.5 truncates toward zero');
});

test('series_fir: moving average (normalized by default), centered window, differences with normalize=false (series-fir doc)', () => {
  const x = a('[0, 0, 0, 0, 9, 0, 0, 0]');
  assert.deepEqual(nums(dyn('series_fir', x, a('[1, 1, 1]'))), [0, 0, 0, 0, 3, 3, 3, 0]);
  assert.deepEqual(nums(dyn('series_fir', x, a('[1, 1, 1]'), bool(true), bool(true))), [0, 0, 0, 3, 3, 3, 0, 0], 'peak kept in place: shifted by (3-1)/2');
  assert.deepEqual(nums(dyn('series_fir', a('[0, 0, 2, 2, 3]'), a('[1, -1]'), bool(false), bool(false))), [0, 0, 2, 0, 1]);
  assert.equal(dyn('series_fir', x, a('[1, -1]'), bool(true)), null, 'normalize with a negative coefficient: null');
  assert.deepEqual(nums(dyn('series_fir', a('[0, 0, 2]'), a('[1, -1]'))), [0, 0, 2], 'a negative coefficient turns normalize off by default');
  assert.throws(() => dyn('series_fir', x, a('[1, 1]'), bool(true), bool(true)), /center=true and an even number of coefficients .* is not supported by trailhound/);
});

test('series_iir: the page\'s running sum (numerators [1], denominators [1,-1]); a[0] = 0 is an error (series-iir doc)', () => {
  assert.deepEqual(nums(dyn('series_iir', a('[1.0, 2.0, 3.0, 4.0]'), a('[1]'), a('[1, -1]'))), [1, 3, 6, 10]);
  assert.deepEqual(nums(dyn('series_iir', a('[2, 2, 2]'), a('[1]'), a('[2, -1]'))), [1, 1.5, 1.75], 'divided by a[0]');
  assert.throws(() => dyn('series_iir', a('[1]'), a('[1]'), a('[0, 1]')), /must not be 0/);
});

test('series_fir / series_iir: a filter that would take over 10^9 steps is refused by name instead of running for minutes', { timeout: 60_000 }, () => {
  const big: Arg = ['dynamic', new Array<Dyn>(200_000).fill(1n)];
  assert.throws(() => dyn('series_fir', big, big), /series_fir\(\) of 200000 points with 200000 coefficients is more than 1000000000 steps/);
  assert.throws(() => dyn('series_iir', big, a('[1]'), big), /series_iir\(\) of 200000 points/);
});

test('series_seasonal and series_decompose: a period longer than the series is each point its own phase, not one median a phase (a period of 2^31 - 1 crashed the process, fuzz seed 1711253626)', () => {
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 2, 3, 4, 5]'), lng(2147483647n))), [1, 2, 3, 4, 5]);
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 2, 3, 4, 5]'), lng(9007199254740991n))), [1, 2, 3, 4, 5]);
  // the same as any period past the end: series of 5 points, period 6
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 2, 3, 4, 5]'), lng(6n))), [1, 2, 3, 4, 5]);
  const [baseline, seasonal] = tuple('series_decompose', a('[1, 2, 3, 4, 5]'), lng(2147483647n), str('none')) as unknown as Dyn[];
  assert.deepEqual(nums(seasonal!), [1, 2, 3, 4, 5]);
  assert.deepEqual(nums(baseline!), [1, 2, 3, 4, 5]);
});

test('series_seasonal: per-phase medians with a given period (the page\'s "force a period" example); other values give zeros', () => {
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 3, 5, 2, 4, 6, 1, 3, 5, 2, 4, 6]'), lng(3n))), [1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5, 1.5, 3.5, 5.5]);
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 3, 5, 1, 3, 5, 2, 4, 6]'), lng(3n))), [1, 3, 5, 1, 3, 5, 1, 3, 5]);
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 2, 3]'), lng(0n))), [0, 0, 0]);
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 2, 3]'), lng(-5n))), [0, 0, 0]);
});

test('seasonality detection (-1, the default): no period fits fewer than 8 points (a period has 4 points and at most half the series); otherwise refused by name', () => {
  assert.deepEqual(nums(dyn('series_seasonal', a('[1, 3, 5, 1, 3, 5, 1]'))), [0, 0, 0, 0, 0, 0, 0]);
  assert.throws(() => dyn('series_seasonal', a('[1, 3, 5, 1, 3, 5, 1, 3]')), /detecting the seasonality of a series of 8 points .* is not supported by trailhound/);
  assert.throws(() => tuple('series_decompose_anomalies', a('[1, 2, 3, 4, 5, 6, 7, 8, 9]')), /series_decompose_anomalies\(\) detecting the seasonality/);
  const [baseline] = tuple('series_decompose', a('[1, 2, 3]'));
  assert.deepEqual(nums(baseline), [2, 2, 2]);
});

test('series_decompose: seasonal medians, then the trend of the rest (avg, linefit, none), baseline and residual (series-decompose doc)', () => {
  const [b1, s1, t1, r1] = tuple('series_decompose', a('[10, 20, 10, 20, 12, 22]'), lng(2n), str('avg'));
  assert.deepEqual(nums(s1), [10, 20, 10, 20, 10, 20]);
  close(nums(t1) as number[], [2 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 2 / 3]);
  close(nums(b1) as number[], [10, 20, 10, 20, 10, 20].map((v) => v + 2 / 3));
  close(nums(r1) as number[], [-2 / 3, -2 / 3, -2 / 3, -2 / 3, 4 / 3, 4 / 3]);
  const [b2, , t2, r2] = tuple('series_decompose', a('[1, 2, 3, 4]'), lng(0n), str('linefit'));
  close(nums(t2) as number[], [1, 2, 3, 4]);
  close(nums(b2) as number[], [1, 2, 3, 4]);
  close(nums(r2) as number[], [0, 0, 0, 0]);
  const [b3, , t3] = tuple('series_decompose', a('[5, 7]'), lng(0n), str('none'));
  assert.deepEqual([nums(b3), nums(t3)], [[0, 0], [0, 0]]);
  assert.throws(() => tuple('series_decompose', a('[1, 2]'), lng(0n), str('cubic')), /Trend must be 'avg', 'linefit' or 'none'/);
});

test('Test_points are left out of the learning and the components extend over them; series_decompose_forecast is that baseline (series-decompose-forecast doc)', () => {
  const [b, , , r] = tuple('series_decompose', a('[1, 2, 3, 4, 100]'), lng(0n), str('linefit'), lng(1n));
  close(nums(b) as number[], [1, 2, 3, 4, 5]);
  close(nums(r) as number[], [0, 0, 0, 0, 95]);
  const [f] = tuple('series_decompose_forecast', a('[1, 2, 3, 4, 0, 0]'), lng(2n), lng(0n), str('linefit'));
  close(nums(f) as number[], [1, 2, 3, 4, 5, 6]);
  const [s] = tuple('series_decompose_forecast', a('[10, 20, 10, 20, 0, 0]'), lng(2n), lng(2n), str('none'));
  assert.deepEqual(nums(s), [10, 20, 10, 20, 10, 20], 'the seasonal pattern repeats over the forecast points');
});

test('series_outliers: Tukey scores, (x - Q3)/(Q3 - Q1) above, (x - Q1)/(Q3 - Q1) below, 0 between; nulls and ignore_val score 0 (series-outliers doc)', () => {
  // ctukey 10th/90th percentiles of [1,2,3,4], interpolated: 1.3 and 3.7 (our reading).
  close(nums(dyn('series_outliers', a('[1, 2, 3, 4]'))) as number[], [-0.125, 0, 0, 0.125]);
  // tukey 25th/75th of [1,2,3,4]: 1.75 and 3.25.
  close(nums(dyn('series_outliers', a('[1, 2, 3, 4]'), str('tukey'))) as number[], [-0.5, 0, 0, 0.5]);
  close(nums(dyn('series_outliers', a('[1, null, 2, 3, 4, -1]'), str('ctukey'), lng(-1n))) as number[], [-0.125, 0, 0, 0, 0.125, 0]);
  close(nums(dyn('series_outliers', a('[1, 2, 3, 4]'), str('ctukey'), real(null), lng(25n), lng(75n))) as number[], [-0.5, 0, 0, 0.5]);
  assert.throws(() => dyn('series_outliers', a('[1, 2]'), str('ctukey'), real(null), lng(1n), lng(90n)), /range \[2\.0, 98\.0\]/);
  assert.throws(() => dyn('series_outliers', a('[1, 2]'), str('iqr')), /'tukey' or 'ctukey'/);
});

test('series_decompose_anomalies: flags where the residual\'s score passes the threshold, +1 up, -1 down (series-decompose-anomalies doc)', () => {
  const spike = a('[0, 0, 0, 0, 0, 0, 0, 0, 0, 10]');
  // avg trend 1, residuals -1 (x9) and 9; ctukey Q1 = -1, Q3 = 0 (interpolated), so the spike scores 9.
  const [flags, scores, baseline] = tuple('series_decompose_anomalies', spike, real(1.5), lng(0n), str('avg'));
  assert.deepEqual(flags, [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n, 1n]);
  close(nums(scores) as number[], [0, 0, 0, 0, 0, 0, 0, 0, 0, 9]);
  assert.deepEqual(nums(baseline), [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
  const [high] = tuple('series_decompose_anomalies', spike, real(10), lng(0n), str('avg'));
  assert.ok((high as Dyn[]).every((f) => f === 0n), 'score 9 is under a threshold of 10');
  const [dip] = tuple('series_decompose_anomalies', a('[10, 10, 10, 10, 10, 10, 10, 10, 10, 0]'), real(1.5), lng(0n), str('avg'));
  assert.equal((dip as Dyn[])[9], -1n);
});

test('series_periods_detect: num_periods "will be the length of the output dynamic arrays" (series-periods-detect doc), so a count past the memory budget is refused before the arrays are made (2147483647 hung the process; extreme-argument sweep)', () => {
  const detect = lookupScalarFunction('series_periods_detect').bind(
    [{ type: 'dynamic', constant: false }, { type: 'real', constant: false }, { type: 'real', constant: false }, { type: 'long', constant: false }],
    'dynamic',
  );
  const ctx = { now: 0n, memory: new QueryMemory(4 * 1024 * 1024) };
  const series = parseJson('[1, 2, 3, 4, 5, 6, 7]')!;
  for (const count of [9223372036854775807n, 2147483647n, 100000000n]) {
    assert.throws(() => detect([series, 0, 50, count], ctx), (e: unknown) => e instanceof RunawayQueryError && /series_periods_detect\(\) function/.test(e.message));
  }
  assert.deepEqual(detect([series, 0, 50, 3n], ctx), [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(detect([series, 0, 50, -1n], ctx), [[], []]);
});

test('series_periods_detect / _validate: decided only where no period fits (fewer than 4 points, or over half the series), else refused by name', () => {
  assert.deepEqual(tuple('series_periods_detect', a('[1, 2, 3, 4, 5, 6, 7]'), real(0), real(50), lng(2n)), [[0, 0], [0, 0]]);
  assert.deepEqual(tuple('series_periods_detect', a('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'), real(6), real(50), lng(1n)), [[0], [0]], 'min_period 6 > 10/2');
  assert.throws(() => tuple('series_periods_detect', a('[1, 2, 3, 4, 5, 6, 7, 8]'), real(0), real(50), lng(2n)), /series_periods_detect\(\) on a series that can hold periods of 4 to 4 points/);
  assert.deepEqual(tuple('series_periods_validate', a('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'), real(3), real(6)), [[3, 6], [0, 0]]);
  assert.throws(() => tuple('series_periods_validate', a('[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'), real(5)), /series_periods_validate\(\) of a period of 5 points/);
});
