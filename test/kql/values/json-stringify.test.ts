/** stringifyJson writes what JSON.stringify writes, at any nesting depth (issue #13). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringifyJson, stringifyJsonDeep } from '../../../src/kql/values/json-stringify.ts';

/** The same value, `depth` levels down inside arrays and objects by turns. */
function buried(inner: unknown, depth: number): unknown {
  let v = inner;
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { k: v };
  return v;
}

const samples: unknown[] = [
  null, true, 0, -0, 1.5, NaN, -Infinity, 'a"\\\n\u2028', '', [], {}, undefined, () => 1,
  [1, undefined, () => 1, Symbol('s'), null], { a: undefined, b: () => 1, c: 1, '0': 'zero', d: [{}] },
  { when: new Date(Date.UTC(2024, 4, 1)), box: [new Number(3), new String('s'), new Boolean(false)] },
  { toJSON: (k: string) => `key ${k}` }, [{ toJSON: (k: string) => `key ${k}` }],
];

test('the explicit-stack writer gives JSON.stringify\'s text (toJSON and its key, undefined, functions, boxed values, -0, NaN)', () => {
  for (const inner of samples) {
    for (let depth = 0; depth < 4; depth++) {
      const v = buried(inner, depth);
      assert.equal(stringifyJsonDeep(v), JSON.stringify(v), `sample ${samples.indexOf(inner)} at depth ${depth}`);
      assert.equal(stringifyJson(v), JSON.stringify(v));
    }
  }
  assert.throws(() => stringifyJsonDeep({ n: 1n }), TypeError);
  assert.throws(() => stringifyJson({ n: 1n }), TypeError);
});

test('past the native stack limit, 100,000 levels: the text JSON.stringify would write', { timeout: 60_000 }, () => {
  const depth = 100_000;
  const value = buried({ x: [1, 'two', null, undefined] }, depth);
  assert.throws(() => JSON.stringify(value), RangeError, 'the native one overflows here');
  let expected = '{"x":[1,"two",null,null]}';
  for (let i = 0; i < depth; i++) expected = i % 2 === 0 ? `[${expected}]` : `{"k":${expected}}`;
  const text = stringifyJson(value);
  assert.ok(text === expected, 'same text');
  assert.throws(() => stringifyJson(buried({ n: 1n }, depth)), TypeError);
});
