import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareValues, groupKey, valuesEqual } from '../../../src/kql/values/compare.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { DynDatetime, DynInt } from '../../../src/kql/types.ts';

test('strings sort ordinally by UTF-16 code unit: upper case before lower case (kql-semantics.md §2.4, §11.22)', () => {
  const c = compareValues('string');
  assert.deepEqual(['b', 'a', 'B', 'ä', 'A'].sort(c), ['A', 'B', 'a', 'b', 'ä']);
});

test('numbers, bigint ticks, bools; NaN sorts below numbers (sort-operator doc: null, NaN, -inf, ...)', () => {
  assert.deepEqual([3, NaN, -Infinity, 1].sort(compareValues('real')), [NaN, -Infinity, 1, 3]);
  assert.deepEqual([3n, -1n, 2n].sort(compareValues('long')), [-1n, 2n, 3n]);
  assert.deepEqual([true, false].sort(compareValues('bool')), [false, true]);
  assert.equal(compareValues('decimal')('1.50', '1.5'), 0);
  assert.equal(compareValues('decimal')('-2', '1.5'), -1);
});

test('grouping equality: null equals null, NaN groups with NaN, decimals by value', () => {
  assert.ok(valuesEqual('long', null, null));
  assert.ok(!valuesEqual('long', null, 0n));
  assert.ok(valuesEqual('real', NaN, NaN));
  assert.ok(valuesEqual('decimal', '1.50', '1.5'));
  assert.ok(valuesEqual('datetime', 5n, 5n));
});

test('dynamic group keys: JSON-like text, numbers across kinds agree, typed scalars never equal strings', () => {
  assert.equal(groupKey('dynamic', new DynInt(1)), groupKey('dynamic', 1n));
  assert.equal(groupKey('dynamic', 1), groupKey('dynamic', 1n));
  assert.notEqual(groupKey('dynamic', '1'), groupKey('dynamic', 1n));
  assert.notEqual(groupKey('dynamic', new DynDatetime(0n)), groupKey('dynamic', '0001-01-01T00:00:00.0000000Z'));
  assert.equal(groupKey('dynamic', parseJson('{"a":[1,"x"]}')!), '{"a":[1,"x"]}');
  assert.equal(groupKey('dynamic', null), null);
  assert.equal(groupKey('long', 12n), '12');
});
