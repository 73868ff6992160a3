import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './helpers.ts';
import { parseDatetime } from '../../../src/kql/values/datetime.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_SECOND, DynInt } from '../../../src/kql/types.ts';

const D = (s: string) => parseDatetime(s)!;

test('integer division truncates, long wraps at 64 bits (kql-semantics.md §2.3, docs/values.md)', () => {
  assert.equal(call('/', ['long', 'long'], 'long', [7n, 2n]), 3n);
  assert.equal(call('/', ['long', 'long'], 'long', [-7n, 2n]), -3n);
  assert.equal(call('/', ['long', 'long'], 'long', [1n, 0n]), null);
  assert.equal(call('+', ['long', 'long'], 'long', [2n ** 63n - 1n, 1n]), -(2n ** 63n));
  assert.equal(call('+', ['int', 'int'], 'long', [2147483647, 1]), 2147483648n);
  assert.equal(call('*', ['long', 'real'], 'real', [3n, 0.5]), 1.5);
  assert.equal(call('/', ['real', 'real'], 'real', [1, 0]), Infinity);
});

test('modulo is never negative: -14 % 12 = 10, 14 % -12 = 2, -14 % -12 = 10 (numerical-operators doc)', () => {
  assert.equal(call('%', ['long', 'long'], 'long', [-14n, 12n]), 10n);
  assert.equal(call('%', ['long', 'long'], 'long', [14n, -12n]), 2n);
  assert.equal(call('%', ['long', 'long'], 'long', [-14n, -12n]), 10n);
});

test('datetime and timespan arithmetic (datetime-timespan-arithmetic doc, timespan doc)', () => {
  assert.equal(call('-', ['datetime', 'datetime'], 'timespan', [D('2020-01-02'), D('2020-01-01')]), TICKS_PER_DAY);
  assert.equal(call('+', ['datetime', 'timespan'], 'datetime', [D('2020-01-01'), TICKS_PER_HOUR]), D('2020-01-01 01:00'));
  assert.equal(call('+', ['timespan', 'timespan'], 'timespan', [TICKS_PER_DAY, 2n * TICKS_PER_DAY]), 3n * TICKS_PER_DAY);
  // 1d / 5h = 4.8; 1h / 1s = 3600; 1.5 * 1h = 01:30:00; 24 * 60 * time(00:01:00) / time(1s) = 86400.
  assert.equal(call('/', ['timespan', 'timespan'], 'real', [TICKS_PER_DAY, 5n * TICKS_PER_HOUR]), 4.8);
  assert.equal(call('/', ['timespan', 'timespan'], 'real', [TICKS_PER_HOUR, TICKS_PER_SECOND]), 3600);
  assert.equal(call('*', ['real', 'timespan'], 'timespan', [1.5, TICKS_PER_HOUR]), 90n * 600_000_000n);
  assert.equal(call('*', ['long', 'timespan'], 'timespan', [1440n, 600_000_000n]), TICKS_PER_DAY);
  assert.equal(call('-', ['datetime', 'timespan'], 'datetime', [D('0001-01-01'), 1n]), null);
  assert.equal(call('unary-', ['timespan'], 'timespan', [5n]), -5n);
  assert.equal(call('unary-', ['int'], 'long', [5]), -5n);
});

test('null is sticky for arithmetic and relational operators; == / != with one null side are false / true (null-values doc)', () => {
  assert.equal(call('+', ['long', 'long'], 'long', [null, 1n]), null);
  assert.equal(call('<', ['long', 'long'], 'bool', [null, 1n]), null);
  assert.equal(call('==', ['long', 'long'], 'bool', [null, 1n]), false);
  assert.equal(call('!=', ['long', 'long'], 'bool', [null, 1n]), true);
  assert.equal(call('==', ['long', 'long'], 'bool', [null, null]), null);
  assert.equal(call('==', ['string', 'string'], 'bool', ['', '']), true);
});

test('comparisons across int/long/real, case-sensitive string equality, dynamic unwrapped (kql-semantics.md §2.4, §8.3)', () => {
  assert.equal(call('==', ['long', 'real'], 'bool', [1n, 1.0]), true);
  assert.equal(call('<', ['int', 'real'], 'bool', [1, 1.5]), true);
  assert.equal(call('>', ['long', 'real'], 'bool', [2n ** 53n + 1n, 2 ** 53]), true);
  assert.equal(call('==', ['string', 'string'], 'bool', ['a', 'A']), false);
  assert.equal(call('==', ['dynamic', 'long'], 'bool', [new DynInt(1), 1n]), true);
  assert.equal(call('==', ['dynamic', 'string'], 'bool', ['x', 'x']), true);
  assert.equal(call('==', ['dynamic', 'string'], 'bool', [new DynInt(1), '1']), false);
  assert.equal(call('>=', ['datetime', 'datetime'], 'bool', [D('2020-01-02'), D('2020-01-01')]), true);
  assert.equal(call('==', ['real', 'real'], 'bool', [NaN, NaN]), false);
});

test('between is inclusive; datetime between (d .. timespan) means [d, d+span] (between-operator doc)', () => {
  assert.equal(call('between', ['long', 'long', 'long'], 'bool', [5n, 1n, 5n]), true);
  assert.equal(call('between', ['long', 'long', 'long'], 'bool', [6n, 1n, 5n]), false);
  assert.equal(call('!between', ['long', 'long', 'long'], 'bool', [6n, 1n, 5n]), true);
  assert.equal(call('between', ['datetime', 'datetime', 'timespan'], 'bool', [D('2020-01-01 12:00'), D('2020-01-01'), TICKS_PER_DAY]), true);
  assert.equal(call('between', ['datetime', 'datetime', 'timespan'], 'bool', [D('2020-01-02 00:00:01'), D('2020-01-01'), TICKS_PER_DAY]), false);
  assert.equal(call('between', ['long', 'long', 'long'], 'bool', [null, 1n, 5n]), null);
});

test('dynamic accessors: d.a, d[0], d[-1] from the end, missing -> null (kql-semantics.md §8.2)', () => {
  const d = parseJson('{"a":{"b":"x"},"n":[1,2,3]}')!;
  assert.equal(call('__getprop', ['dynamic', 'string'], 'dynamic', [call('__getprop', ['dynamic', 'string'], 'dynamic', [d, 'a']), 'b']), 'x');
  const n = call('__getprop', ['dynamic', 'string'], 'dynamic', [d, 'n']);
  assert.deepEqual(call('__index', ['dynamic', 'long'], 'dynamic', [n, -1n]), new DynInt(3));
  assert.deepEqual(call('__index', ['dynamic', 'long'], 'dynamic', [n, 0n]), new DynInt(1));
  assert.equal(call('__index', ['dynamic', 'long'], 'dynamic', [n, 5n]), null);
  assert.equal(call('__index', ['dynamic', 'long'], 'dynamic', [n, -4n]), null);
  assert.equal(call('__index', ['dynamic', 'string'], 'dynamic', [d, 'missing']), null);
  assert.equal(call('__getprop', ['dynamic', 'string'], 'dynamic', [n, 'a']), null);
  assert.equal(call('__getprop', ['dynamic', 'string'], 'dynamic', [null, 'a']), null);
});
