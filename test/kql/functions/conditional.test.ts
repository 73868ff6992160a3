import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, i, l, s } from './call.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import type { Dyn } from '../../../src/kql/types.ts';

const b = (v: boolean | null) => ['bool', v] as ['bool', boolean | null];
const dyn = (json: string) => ['dynamic', parseJson(json) as Dyn] as ['dynamic', Dyn];

test('iff / iif: null condition takes the else branch; int widens to a long result (iff-function; §7.2, §2.7)', () => {
  assert.equal(call('iff', [b(true), s('a'), s('b')], 'string'), 'a');
  assert.equal(call('iff', [b(false), s('a'), s('b')], 'string'), 'b');
  assert.equal(call('iff', [b(null), s('a'), s('b')], 'string'), 'b');
  assert.equal(call('iif', [b(true), i(0), l(5n)], 'long'), 0n);
  assert.equal(call('iff', [b(false), i(0), l(5n)], 'long'), 5n);
  assert.equal(call('iff', [b(true), l(1n), ['real', 2.5]], 'real'), 1);
});

test('case: first true predicate, else the last argument (case-function doc example)', () => {
  const size = (n: bigint) => call('case', [b(n <= 3n), s('Small'), b(n <= 10n), s('Medium'), s('Large')], 'string');
  assert.equal(size(1n), 'Small');
  assert.equal(size(5n), 'Medium');
  assert.equal(size(11n), 'Large');
  assert.equal(call('case', [b(null), s('x'), s('y')], 'string'), 'y', 'null counts as not true');
});

test('coalesce skips nulls and, for strings, "" (coalesce-function: "first non-null (or non-empty for string)")', () => {
  assert.equal(call('coalesce', [l(null), l(42n), l(33n)], 'long'), 42n);
  assert.equal(call('coalesce', [s(''), s('x')], 'string'), 'x');
  assert.equal(call('coalesce', [s(''), s('')], 'string'), '');
  assert.equal(call('coalesce', [l(null), l(null)], 'long'), null);
  assert.equal(call('coalesce', [i(null), l(7n)], 'long'), 7n);
});

test('isempty / isnotempty (isempty-function doc table)', () => {
  assert.equal(call('isempty', [s('')]), true);
  assert.equal(call('isempty', [s('x')]), false);
  assert.equal(call('isempty', [l(null)]), true);
  assert.equal(call('isempty', [l(0n)]), false);
  assert.equal(call('isempty', [['dynamic', null]]), true, 'parse_json("") → true');
  assert.equal(call('isempty', [dyn('[]')]), false);
  assert.equal(call('isempty', [dyn('{}')]), false);
  assert.equal(call('isnotempty', [s('')]), false);
  assert.equal(call('isnotempty', [dyn('[]')]), true);
});

test('isnull / isnotnull: strings are never null (isnull-function doc table)', () => {
  assert.equal(call('isnull', [s('')]), false);
  assert.equal(call('isnull', [l(null)]), true);
  assert.equal(call('isnull', [['dynamic', null]]), true);
  assert.equal(call('isnull', [dyn('[]')]), false);
  assert.equal(call('isnull', [dyn('{}')]), false);
  assert.equal(call('isnotnull', [s('')]), true);
  assert.equal(call('isnotnull', [l(1n)]), true);
});

test('not: not(null) = null (null-values doc; not-function)', () => {
  assert.equal(call('not', [b(true)]), false);
  assert.equal(call('not', [b(false)]), true);
  assert.equal(call('not', [b(null)]), null);
  assert.equal(call('not', [dyn('true')]), false);
});

test('max_of / min_of: doc examples; non-null values take precedence (max-of-function, min-of-function)', () => {
  assert.equal(call('max_of', [l(10n), l(1n), l(-3n), l(17n)], 'long'), 17n);
  assert.equal(call('min_of', [l(10n), l(1n), l(-3n), l(17n)], 'long'), -3n);
  const rows: [number | null, number | null, number | null][] = [[1, 6, 6], [8, 1, 8], [null, 2, 2], [1, null, 1], [null, null, null]];
  for (const [a, c, want] of rows) assert.equal(call('max_of', [i(a), i(c)], 'int'), want);
  assert.equal(call('min_of', [i(null), i(2)], 'int'), 2);
  assert.equal(call('max_of', [['datetime', 5n], ['datetime', 9n]], 'datetime'), 9n);
  assert.equal(call('max_of', [i(1), l(2n)], 'long'), 2n, 'int widened to the common type');
  assert.equal(call('max_of', [s('a'), s('b')], 'string'), 'b');
  assert.equal(call('min_of', [s(''), s('b')], 'string'), 'b', '"" is the null string (our choice)');
});

test('isnan / isinf / isfinite: doc examples (isnan-function, isinf-function, isfinite-function)', () => {
  const r = (x: number | null) => ['real', x] as ['real', number | null];
  assert.deepEqual([-1, NaN, -1].map((x) => call('isnan', [r(x)])), [false, true, false]);
  assert.deepEqual([-Infinity, NaN, Infinity].map((x) => call('isinf', [r(x)])), [true, false, true]);
  assert.deepEqual([-Infinity, NaN, Infinity, 1.5].map((x) => call('isfinite', [r(x)])), [false, false, false, true]);
  assert.equal(call('isnan', [r(null)]), false, 'null: "false otherwise" (our reading)');
  assert.equal(call('isfinite', [l(3n)]), true);
});

test('conditional: documented choices', () => {
  assert.equal(call('not', [dyn('"true"')]), null, 'a dynamic that is not a bool (our choice)');
  assert.deepEqual(call('iff', [b(true), dyn('[1]'), ['dynamic', null]], 'dynamic'), parseJson('[1]'));
  assert.equal(call('iff', [b(false), dyn('[1]'), ['dynamic', null]], 'dynamic'), null);
  assert.throws(() => call('iff', [b(true), s('a'), l(1n)], 'string'), /not supported/, 'no implicit string/number mixing (§2.7)');
});

test('iif with a dynamic branch where the binder types the call string: the value as tostring() gives it (Microsoft\'s BEC S3 rule: iif(c, split(u, "@")[0], u))', async () => {
  assert.equal(call('iif', [b(true), dyn('"alice"'), s('bob')], 'string'), 'alice');
  assert.equal(call('iif', [b(false), dyn('"alice"'), s('bob')], 'string'), 'bob');
  assert.equal(call('iif', [b(true), dyn('null'), s('bob')], 'string'), '');
  assert.equal(call('iif', [b(true), dyn('[1,"x"]'), s('bob')], 'string'), '[1,"x"]');
  const { runQuery } = await import('../../helpers/run-query.ts');
  const r = await runQuery(`print u = 'alice@example.com' | extend Name = iif(u contains "@", split(u, "@")[0], u), Suffix = iif(u contains "@", split(u, "@")[1], "")`);
  assert.deepEqual(r.rows, [{ u: 'alice@example.com', Name: 'alice', Suffix: 'example.com' }]);
});
