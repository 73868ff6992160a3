import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './helpers.ts';
import { dynToJson, parseJson } from '../../../src/kql/values/dynamic.ts';
import type { Dyn, Value } from '../../../src/kql/types.ts';

const J = (s: string) => parseJson(s)!;
const js = (v: Value) => dynToJson(v as Dyn);

test('array_length: 4 for [1,2,3,"four"], null for {} (array-length doc)', () => {
  assert.equal(call('array_length', ['dynamic'], 'long', [J('[1,2,3,"four"]')]), 4n);
  assert.equal(call('array_length', ['dynamic'], 'long', [J('{}')]), null);
  assert.equal(call('array_length', ['dynamic'], 'long', [null]), null);
});

test('bag_keys: root keys; {} -> []; non-bags -> null (bag-keys doc)', () => {
  assert.equal(js(call('bag_keys', ['dynamic'], 'dynamic', [J("{'a':'b','c':123}")])), '["a","c"]');
  assert.equal(js(call('bag_keys', ['dynamic'], 'dynamic', [J('{}')])), '[]');
  assert.equal(call('bag_keys', ['dynamic'], 'dynamic', [J('[]')]), null);
  assert.equal(call('bag_keys', ['dynamic'], 'dynamic', ['a']), null);
});

test('bag_pack / pack and pack_array examples (bag-pack doc, pack-array doc)', () => {
  assert.equal(js(call('bag_pack', ['string', 'string', 'string', 'long'], 'dynamic', ['Level', 'Information', 'ProcessID', 1234n])), '{"Level":"Information","ProcessID":1234}');
  assert.equal(js(call('pack', ['string', 'int'], 'dynamic', ['a', 1])), '{"a":1}');
  assert.equal(js(call('pack_array', ['long', 'string', 'timespan'], 'dynamic', [1n, '2', 20_000_000n])), '[1,"2","00:00:02"]');
  assert.throws(() => call('bag_pack', ['string'], 'dynamic', ['a']));
});

test('set functions keep distinct values in first-appearance order (set-union, set-intersect, set-difference docs)', () => {
  assert.equal(js(call('set_union', ['dynamic', 'dynamic'], 'dynamic', [J('[1,2,3]'), J('[3,4,1,"1"]')])), '[1,2,3,4,"1"]');
  assert.equal(js(call('set_intersect', ['dynamic', 'dynamic'], 'dynamic', [J('[1,2,3,2]'), J('[2,3,5]')])), '[2,3]');
  assert.equal(js(call('set_difference', ['dynamic', 'dynamic'], 'dynamic', [J('[1,2,3]'), J('[2]')])), '[1,3]');
  assert.equal(call('set_union', ['dynamic', 'dynamic'], 'dynamic', [J('[1]'), J('{}')]), null);
});

test('array_concat, array_slice (inclusive end, negative from the end), array_index_of', () => {
  assert.equal(js(call('array_concat', ['dynamic', 'dynamic'], 'dynamic', [J('[1,2]'), J('["a"]')])), '[1,2,"a"]');
  const arr = J('[1,2,3,4,5]');
  const slice = (s: bigint, e: bigint) => js(call('array_slice', ['dynamic', 'long', 'long'], 'dynamic', [arr, s, e]));
  assert.equal(slice(1n, 3n), '[2,3,4]'); // array-slice doc
  assert.equal(slice(2n, -1n), '[3,4,5]');
  assert.equal(slice(-3n, -2n), '[3,4]');
  assert.equal(slice(4n, 1n), '[]');
  assert.equal(slice(1n, 100n), '[2,3,4,5]');
  assert.equal(call('array_index_of', ['dynamic', 'string'], 'long', [J('["this","example","an","example"]'), 'example']), 1n);
  assert.equal(call('array_index_of', ['dynamic', 'long'], 'long', [J('[1,2,3]'), 4n]), -1n);
});

test('array_sort_asc / desc: nulls last by default, mixed types numbers then strings (array-sort-asc doc)', () => {
  assert.equal(js(call('array_sort_asc', ['dynamic'], 'dynamic', [J('[null,"blue","yellow","green",null]')])), '["blue","green","yellow",null,null]');
  assert.equal(js(call('array_sort_asc', ['dynamic', 'bool'], 'dynamic', [J('[null,"blue","yellow","green",null]'), false])), '[null,null,"blue","green","yellow"]');
  assert.equal(js(call('array_sort_asc', ['dynamic'], 'dynamic', [J('[1,3,4,5,2]')])), '[1,2,3,4,5]');
  assert.equal(js(call('array_sort_desc', ['dynamic'], 'dynamic', [J('["b",2,"a",10]')])), '["b","a",10,2]');
  assert.throws(() => call('array_sort_asc', ['dynamic', 'dynamic'], 'dynamic', [J('[1]'), J('[2]')]), /not supported/);
});

test('bag_has_key, bag_merge (leftmost value kept, bag-merge doc example), bag_remove_keys, zip, repeat', () => {
  const b = J('{"a":1,"n":{"x":2}}');
  assert.equal(call('bag_has_key', ['dynamic', 'string'], 'bool', [b, 'a']), true);
  assert.equal(call('bag_has_key', ['dynamic', 'string'], 'bool', [b, '$.n.x']), true);
  assert.equal(call('bag_has_key', ['dynamic', 'string'], 'bool', [b, 'x']), false);
  assert.equal(js(call('bag_merge', ['dynamic', 'dynamic'], 'dynamic', [J("{ 'A1':12, 'B1':2, 'C1':3}"), J("{ 'A2':81, 'B2':82, 'A1':1}")])), '{"A1":12,"B1":2,"C1":3,"A2":81,"B2":82}');
  assert.equal(js(call('bag_remove_keys', ['dynamic', 'dynamic'], 'dynamic', [b, J('["a","$.n.x"]')])), '{"n":{}}');
  assert.equal(js(b), '{"a":1,"n":{"x":2}}'); // the input is not modified
  assert.equal(js(call('zip', ['dynamic', 'dynamic'], 'dynamic', [J('[1,2,3]'), J('[10,20]')])), '[[1,10],[2,20],[3,null]]');
  assert.equal(js(call('repeat', ['long', 'long'], 'dynamic', [1n, 3n])), '[1,1,1]');
  assert.equal(js(call('repeat', ['string', 'long'], 'dynamic', ['a', 0n])), '[]');
});

test('repeat: the doc example; count 0 gives [], a negative count null (repeat doc); a huge count is the memory budget\'s (test/kql/exec/deep-values.test.ts)', () => {
  assert.equal(js(call('repeat', ['long', 'int'], 'dynamic', [1n, 3])), '[1,1,1]');
  assert.equal(js(call('repeat', ['string', 'int'], 'dynamic', ['a', 0])), '[]');
  assert.equal(call('repeat', ['string', 'int'], 'dynamic', ['a', -1]), null);
  assert.equal(call('repeat', ['string', 'int'], 'dynamic', ['a', null]), null);
});
