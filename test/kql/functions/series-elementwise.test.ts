/** Element-wise and reducing series functions (learn.microsoft.com/kusto/query/series-<name>-function). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './call.ts';
import type { Arg } from './call.ts';
import { DynInt, type Dyn } from '../../../src/kql/types.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';

const a = (json: string): Arg => ['dynamic', parseJson(json)!];
const num = (v: number): Arg => ['real', v];
const lng = (v: bigint): Arg => ['long', v];
const dyn = (name: string, ...args: Arg[]) => call(name, args, 'dynamic') as Dyn;
const real = (name: string, ...args: Arg[]) => call(name, args, 'real');

test('series_add / _subtract / _multiply: integer elements stay 64-bit integers, else reals (series-add doc: [1,2,4]+[4,2,1] = [5,4,5])', () => {
  assert.deepEqual(dyn('series_add', a('[1,2,4]'), a('[4,2,1]')), [5n, 4n, 5n]);
  assert.deepEqual(dyn('series_subtract', a('[1,2,4]'), a('[4,2,1]')), [-3n, 0n, 3n]);
  assert.deepEqual(dyn('series_multiply', a('[1,2,4]'), a('[4,2,1]')), [4n, 4n, 4n]);
  assert.deepEqual(dyn('series_add', a('[1,2.5]'), a('[1,1]')), [2n, 3.5], 'element by element (series-abs doc: abs of [-6.5,0,8.2] keeps 0 an integer)');
  assert.deepEqual(dyn('series_add', a('[9223372036854775807]'), a('[1]')), [-(2n ** 63n)], 'wraps like long arithmetic');
});

test('element-wise: a non-numeric or missing element gives null; the result is as long as the longer array (series-add doc)', () => {
  assert.deepEqual(dyn('series_add', a('[1,"x",null,true]'), a('[1,1,1,1,5]')), [2n, null, null, null, null]);
  assert.deepEqual(dyn('series_greater', a('[1]'), a('[0,0]')), [true, null]);
  assert.equal(dyn('series_add', ['dynamic', null], a('[1]')), null, 'neither array nor number: null (our choice)');
});

test('element-wise: a numeric scalar stands for an array of its value (series-decompose-anomalies doc: series_multiply(10, flags))', () => {
  assert.deepEqual(dyn('series_multiply', lng(10n), a('[1,-1,0]')), [10n, -10n, 0n]);
  assert.deepEqual(dyn('series_subtract', a('[1,2]'), num(0.5)), [0.5, 1.5]);
  assert.deepEqual(dyn('series_greater_equals', a('[1,2,3]'), lng(2n)), [false, true, true]);
});

test('series_divide and series_pow give reals (series-divide doc: [0.25,1.0,4.0]; series-pow doc: [1.0,4.0,27.0,2.0])', () => {
  assert.deepEqual(dyn('series_divide', a('[1,2,4]'), a('[4,2,1]')), [0.25, 1, 4]);
  assert.deepEqual(dyn('series_divide', a('[1,0,-1]'), a('[0,0,0]')), [Infinity, NaN, -Infinity]);
  assert.deepEqual(dyn('series_pow', a('[1,2,3,4]'), a('[1,2,3,0.5]')), [1, 4, 27, 2]);
});

test('comparisons: booleans, exact across kinds; NaN is unordered (series-greater, series-equals docs)', () => {
  assert.deepEqual(dyn('series_greater', a('[1,2,4]'), a('[4,2,1]')), [false, false, true]);
  assert.deepEqual(dyn('series_less_equals', a('[1,2,4]'), a('[4,2,1]')), [true, true, false]);
  assert.deepEqual(dyn('series_equals', a('[1,2,4]'), a('[4,2.0,1]')), [false, true, false]);
  assert.deepEqual(dyn('series_not_equals', a('[1,2,4]'), a('[4,2,1]')), [true, false, true]);
  assert.deepEqual(dyn('series_greater', a('[9007199254740993]'), a('[9007199254740992.0]')), [true], 'a long beyond 2^53 is not rounded to a double');
  assert.deepEqual(dyn('series_equals', a('[NaN]'), a('[NaN]')), [false]);
  assert.deepEqual(dyn('series_not_equals', a('[NaN]'), a('[NaN]')), [true]);
});

test('one-argument functions: abs and sign keep integers; the others give reals; non-numeric gives null (series-abs, series-sign, series-floor docs)', () => {
  assert.deepEqual(dyn('series_abs', a('[-6.5,0,8.2]')), [6.5, 0n, 8.2]);
  assert.deepEqual(dyn('series_sign', a('[-6,0,8]')), [-1n, 0n, 1n]);
  assert.deepEqual(dyn('series_floor', a('[-1.5,1,2.5]')), [-2, 1, 2]);
  assert.deepEqual(dyn('series_ceiling', a('[-1.5,1,2.5,"a"]')), [-1, 1, 3, null]);
  assert.deepEqual(dyn('series_log', a('[1,-1,0]')), [0, null, -Infinity], 'log-function doc: null for a negative number');
  assert.deepEqual(dyn('series_exp', a('[0]')), [1]);
  assert.equal(dyn('series_abs', lng(5n)), null, 'not an array');
});

test('series_sum / _product / _magnitude (pages: 10, 24, 5.4772255750516612); non-numeric elements left out, nothing left: null', () => {
  assert.equal(real('series_sum', a('[1,2,3,4]')), 10);
  assert.equal(real('series_product', a('[1,2,3,4]')), 24);
  assert.equal(real('series_magnitude', a('[1,2,3,4]')), 5.477225575051661);
  assert.equal(real('series_sum', a('[1,null,"2",3]')), 4);
  assert.equal(real('series_sum', a('[]')), null);
  assert.equal(real('series_product', a('[null]')), null);
});

test('series_dot_product: truncated to the shorter array, scalars broadcast, non-numeric ignored, empty is null (series-dot-product doc)', () => {
  assert.equal(real('series_dot_product', a('[1,2,4]'), a('[4,2,1]')), 12);
  assert.equal(real('series_dot_product', a('[1,2,4]'), lng(1n)), 7);
  assert.equal(real('series_dot_product', lng(2n), a('[2,4,8]')), 28);
  assert.equal(real('series_dot_product', a('[1,2,4,100]'), a('[4,2,1]')), 12);
  assert.equal(real('series_dot_product', a('[1,"x",4]'), a('[4,2,1]')), 8);
  assert.equal(real('series_dot_product', a('[]'), a('[1]')), null);
});

test('series_cosine_similarity: the page\'s values; given magnitudes are used (series-cosine-similarity doc)', () => {
  assert.ok(Math.abs((real('series_cosine_similarity', a('[0.1,0.2,0.1,0.2]'), a('[0.11,0.2,0.11,0.21]')) as number) - 0.99935343825504) < 1e-14);
  assert.ok(Math.abs((real('series_cosine_similarity', a('[0.1,0.2,0.1,0.2]'), a('[1,2,3,4]')) as number) - 0.923760430703401) < 1e-14);
  assert.equal(real('series_cosine_similarity', a('[1,0]'), a('[1,0]'), num(2), num(2)), 0.25);
  assert.equal(real('series_cosine_similarity', a('[]'), a('[1]')), null);
});

test('series_pearson_correlation: 1 for a perfect correlation; null for different lengths or a non-numeric element (series-pearson-correlation doc)', () => {
  assert.equal(real('series_pearson_correlation', a('[1,2,3,4,5]'), a('[2,4,6,8,10]')), 1);
  assert.equal(real('series_pearson_correlation', a('[1,2,3]'), a('[3,2,1]')), -1);
  assert.equal(real('series_pearson_correlation', a('[1,2,3]'), a('[1,2]')), null);
  assert.equal(real('series_pearson_correlation', a('[1,null,3]'), a('[1,2,3]')), null);
});

test('dynamic arrays of ints are read as integers (JSON integers that fit 32 bits are int, dynamic doc)', () => {
  const arr = parseJson('[1]') as Dyn[];
  assert.ok(arr[0] instanceof DynInt);
  assert.deepEqual(dyn('series_add', ['dynamic', arr], ['dynamic', arr]), [2n]);
});
