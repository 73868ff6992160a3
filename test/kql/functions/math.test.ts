/** Math functions: the doc pages' examples and null rules, and .NET Math results where JS differs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, i, l } from './call.ts';
import { compileQuery } from '../../../src/kql/engine.ts';
import type { Arg } from './call.ts';

const r = (v: number | null): Arg => ['real', v];
const ts = (v: bigint | null): Arg => ['timespan', v];

test('abs: doc example abs(-5) = 5; int, long, real and timespan keep their type (abs-function)', () => {
  assert.equal(call('abs', [l(-5n)], 'long'), 5n);
  assert.equal(call('abs', [i(-3)], 'int'), 3);
  assert.equal(call('abs', [r(-2.5)], 'real'), 2.5);
  assert.equal(call('abs', [ts(-36_000_000_000n)], 'timespan'), 36_000_000_000n);
  assert.equal(call('abs', [l(null)], 'long'), null);
  // .NET Math.Abs(long.MinValue) overflows: no long holds the answer (our choice, UNVERIFIED)
  assert.equal(call('abs', [l(-(2n ** 63n))], 'long'), null);
});

test('sign: doc example sign(-42), sign(0), sign(11.2) = -1, 0, 1 (sign-function); NaN has no sign', () => {
  assert.deepEqual([call('sign', [l(-42n)], 'real'), call('sign', [l(0n)], 'real'), call('sign', [r(11.2)], 'real')], [-1, 0, 1]);
  assert.equal(call('sign', [r(-0)], 'real'), 0);
  assert.equal(call('sign', [r(Number.NaN)], 'real'), null, '.NET Math.Sign(NaN) throws');
});

test('ceiling: doc example ceiling(-1.1), ceiling(0), ceiling(0.9) = -1, 0, 1 (ceiling-function)', () => {
  assert.deepEqual([call('ceiling', [r(-1.1)], 'real'), call('ceiling', [l(0n)], 'long'), call('ceiling', [r(0.9)], 'real')], [-1, 0n, 1]);
  assert.equal(call('ceiling', [l(9_007_199_254_740_993n)], 'long'), 9_007_199_254_740_993n, 'longs stay exact beyond 2^53');
});

test('sqrt and log*: null for negative arguments as the pages say; log(5) doc value (sqrt-function, log-function)', () => {
  assert.equal(call('sqrt', [l(16n)], 'real'), 4);
  assert.equal(call('sqrt', [r(-1)], 'real'), null);
  assert.equal(call('log', [l(5n)], 'real'), 1.6094379124341003);
  assert.equal(call('log', [r(-1)], 'real'), null);
  assert.equal(call('log', [r(0)], 'real'), -Infinity);
  assert.equal(call('log10', [l(1000n)], 'real'), 3);
  assert.equal(call('log2', [l(8n)], 'real'), 3);
  assert.equal(call('log2', [r(-8)], 'real'), null);
  assert.equal(call('exp', [l(0n)], 'real'), 1);
  assert.equal(call('exp2', [l(3n)], 'real'), 8);
  assert.equal(call('exp10', [l(2n)], 'real'), 100);
});

test('pow follows .NET Math.Pow (IEEE 754) where JavaScript gives NaN: pow(1, NaN) = 1, pow(-1, ±inf) = 1', () => {
  assert.equal(call('pow', [l(2n), l(10n)], 'real'), 1024);
  assert.equal(call('pow', [r(1), r(Number.NaN)], 'real'), 1);
  assert.equal(call('pow', [r(-1), r(Infinity)], 'real'), 1);
  assert.ok(Number.isNaN(call('pow', [r(-8), r(1 / 3)], 'real') as number), 'negative base, fractional exponent');
  assert.equal(call('pow', [l(null), l(2n)], 'real'), null);
});

test('pi, trigonometry, degrees and radians', () => {
  assert.equal(call('pi', [], 'real'), Math.PI);
  assert.equal(call('atan2', [l(1n), l(1n)], 'real'), Math.PI / 4);
  assert.equal(call('degrees', [r(Math.PI)], 'real'), 180);
  assert.equal(call('radians', [l(180n)], 'real'), Math.PI);
  assert.equal(call('cot', [r(1)], 'real'), 1 / Math.tan(1));
  assert.equal(call('acos', [r(2)], 'real') !== null && Number.isNaN(call('acos', [r(2)], 'real') as number), true);
});

test('a non-numeric argument is rejected by name; the binder types the results (sign -> real, abs(int) -> long)', async () => {
  assert.throws(() => call('sqrt', [['string', 'x']], 'real'), /sqrt\(\) of a string value/);
  const q = compileQuery('print a = abs(int(-2)), s = sign(-42), c = ceiling(2), q = sqrt(4)', { tables: [], functions: [], watchlistFields: [] });
  assert.deepEqual(q.schema.map((c) => `${c.name}:${c.type}`), ['a:long', 's:real', 'c:long', 'q:real']);
  const rows = await q.run({ now: 0n, tables: new Map() });
  assert.deepEqual(rows.columns.map((c) => c[0]), [2n, -1, 2n, 2]);
});

// The extreme-argument sweep (its check of every result's kind): abs of the shortest timespan
// gave 2^63 ticks, past the longest one, in a timespan column.
test('abs of the shortest timespan is null (past the longest), as timespan arithmetic past the ends', () => {
  assert.equal(call('abs', [ts(-(2n ** 63n))], 'timespan'), null);
  assert.equal(call('abs', [ts(-(2n ** 63n) + 1n)], 'timespan'), 2n ** 63n - 1n);
});
