import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dynEquals, dynFromJs, dynToJson, dynTypeName, isArray, isBag, parseJson } from '../../../src/kql/values/dynamic.ts';
import { DynDatetime, DynGuid, DynInt, DynTimespan } from '../../../src/kql/types.ts';

test('gettype doc: parse_json number kinds, string, dictionary, array, null (learn.microsoft.com/kusto/query/gettype-function)', () => {
  assert.equal(dynTypeName(parseJson('1')!), 'int');
  assert.equal(dynTypeName(parseJson(' "abc" ')!), 'string');
  assert.equal(dynTypeName(parseJson(' {"abc":1} ')!), 'dictionary');
  assert.equal(dynTypeName(parseJson(' [1, 2, 3] ')!), 'array');
  assert.equal(dynTypeName(null), 'null');
});

test('JSON integers: int32 -> int, then long, then real; fractions and exponents -> real (kql-semantics.md §7.4)', () => {
  assert.deepEqual(parseJson('2147483647'), new DynInt(2147483647));
  assert.equal(parseJson('2147483648'), 2147483648n);
  assert.equal(parseJson('-9223372036854775808'), -(2n ** 63n));
  assert.equal(parseJson('9223372036854775808'), 9223372036854775808);
  assert.equal(parseJson('1.0'), 1);
  assert.equal(parseJson('1e3'), 1000);
});

test('bags keep key order in a Map, including numeric-looking keys', () => {
  const d = parseJson('{"b":1,"0":2,"a":[true,null,"x"]}')!;
  assert.ok(isBag(d));
  assert.deepEqual([...d.keys()], ['b', '0', 'a']);
  assert.ok(isArray(d.get('a')!));
  assert.equal(dynToJson(d), '{"b":1,"0":2,"a":[true,null,"x"]}');
});

test('invalid JSON is undefined; single quotes accepted as in dynamic literals (bag_keys doc uses {\'a\':\'b\'})', () => {
  for (const s of ['', '{', '[1,]', '{"a" 1}', 'abc', '1 2', '"\\x"', '01']) assert.equal(parseJson(s), undefined, s);
  assert.equal(dynToJson(parseJson("{'a':'b','c':123}")!), '{"a":"b","c":123}');
  assert.equal(parseJson('"a\\u0041\\n"'), 'aA\n');
});

test('dynToJson: compact, typed scalars as their tostring text (pack_array doc: [1,"2","00:00:02"])', () => {
  assert.equal(dynToJson([new DynInt(1), '2', new DynTimespan(20_000_000n)]), '[1,"2","00:00:02"]');
  assert.equal(dynToJson(new DynDatetime(0n)), '"0001-01-01T00:00:00.0000000Z"');
  assert.equal(dynToJson(new DynGuid('74be27de-1e4e-49d9-b579-fe0b331d3642')), '"74be27de-1e4e-49d9-b579-fe0b331d3642"');
  assert.equal(dynToJson(118), '118'); // a real 118.0 prints as 118 (kql-semantics.md §11.11)
  assert.equal(dynToJson(1.5), '1.5');
  assert.equal(dynToJson(2n ** 62n), '4611686018427387904');
  assert.equal(dynToJson(NaN), '"NaN"');
});

test('dynFromJs: JSON.parse output to dynamic', () => {
  const d = dynFromJs(JSON.parse('{"a":1,"b":[2.5,"x",null],"c":5000000000}'));
  assert.ok(d instanceof Map);
  assert.deepEqual(d.get('a'), new DynInt(1));
  assert.deepEqual(d.get('b'), [2.5, 'x', null]);
  assert.equal(d.get('c'), 5000000000n);
});

test('dynEquals: numbers by value across kinds, deep arrays and bags (our choice, kql-semantics.md §8.3)', () => {
  assert.ok(dynEquals(new DynInt(1), 1n));
  assert.ok(dynEquals(new DynInt(1), 1.0));
  assert.ok(!dynEquals('1', new DynInt(1)));
  assert.ok(dynEquals(parseJson('{"a":[1,2],"b":"x"}')!, parseJson('{"b":"x","a":[1,2]}')!));
  assert.ok(!dynEquals(parseJson('[1,2]')!, parseJson('[2,1]')!));
  assert.ok(!dynEquals(NaN, NaN));
  assert.ok(dynEquals(null, null));
});

// Issue #13: no recursion that input can drive. JSON nested 100,000 levels deep (no depth limit
// is documented for parse_json: learn.microsoft.com/kusto/query/parse-json-function) parses,
// prints, compares and converts like flat JSON; recursion would end in a RangeError at a few
// thousand levels.
const DEEP = 100_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepBag = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

test('100,000-level arrays and bags: parseJson, dynToJson, dynEquals and dynFromJs without recursion', { timeout: 120_000 }, () => {
  const a = parseJson(deepArray)!;
  const b = parseJson(deepBag)!;
  assert.equal(dynToJson(a), deepArray);
  assert.equal(dynToJson(b), deepBag);
  assert.equal(dynEquals(a, parseJson(deepArray)!), true);
  assert.equal(dynEquals(b, parseJson(deepBag)!), true);
  // One difference at the bottom is found.
  assert.equal(dynEquals(b, parseJson('{"a":'.repeat(DEEP) + '2' + '}'.repeat(DEEP))!), false);
  assert.equal(dynEquals(a, b), false);
  assert.equal(dynToJson(dynFromJs(JSON.parse(deepBag))), deepBag);
  // Unbalanced deep text is not JSON (undefined), without a stack overflow.
  assert.equal(parseJson('['.repeat(DEEP)), undefined);
  assert.equal(parseJson('{"a":'.repeat(DEEP)), undefined);
});

test('the explicit-stack parser and writer keep what the recursive ones did: order, repeated keys, nesting, typed scalars', () => {
  const text = `{"b":[1,{"c":[],"d":{}},[[2.5]]],"0":null,"b2":'x',"e":{"f":{"g":[true,false,-Infinity,NaN]}},"0":7}`;
  const d = parseJson(text)!;
  // A repeated key keeps its first position and takes the last value (Json.NET's default).
  assert.equal(dynToJson(d), '{"b":[1,{"c":[],"d":{}},[[2.5]]],"0":7,"b2":"x","e":{"f":{"g":[true,false,"-Infinity","NaN"]}}}');
  assert.deepEqual(dynFromJs({ a: [1, { b: [2.5, null, 'x'] }], c: {} }), new Map<string, unknown>([
    ['a', [new DynInt(1), new Map([['b', [2.5, null, 'x']]])]],
    ['c', new Map()],
  ]));
  for (const bad of ['[1,[2,]', '{"a":{"b":1}', '[{]', '{"a":[}', '[1]]', '{"a":1}}', '[,1]', '{,"a":1}']) assert.equal(parseJson(bad), undefined, bad);
});
