/**
 * Group ids of summarize/distinct (ops/group-ids.ts) against the general grouping: one Map
 * keyed by tupleKey's text per row. Same groups, same first-appearance order, across batches
 * (an empty one included), for key tuples mixing nulls, NaN, -0, longs beyond 2^53, decimals
 * that differ only in trailing zeros and dynamic values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grouper } from '../../../src/kql/exec/ops/group-ids.ts';
import { tupleKey } from '../../../src/kql/exec/ops/group-keys.ts';
import { DynInt, type ScalarType, type Value } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const SAMPLES: Partial<Record<ScalarType, readonly Value[]>> = {
  string: ['', 'a', 'b', 'null', '0', '1:a|'],
  long: [0n, 1n, -1n, 2n ** 53n, 2n ** 53n + 1n, -(2n ** 63n), null],
  int: [0, 1, -1, 2 ** 31 - 1, null],
  real: [0, -0, 1, NaN, Infinity, 0.1, 2 ** 53, null],
  bool: [true, false, null],
  datetime: [0n, 638500000000000000n, null],
  decimal: ['1.5', '1.50', '2', '2.0', '-0', '0', null],
  dynamic: [null, 1n, 1, new DynInt(1), 'a', [1n, 'a'], new Map([['k', 1n]]), true],
  guid: ['00000000-0000-0000-0000-000000000001', null],
};

function reference(types: readonly ScalarType[], batches: readonly Value[][][]): number[] {
  const groups = new Map<unknown, number>();
  const out: number[] = [];
  for (const cols of batches) {
    const key = tupleKey(types, cols);
    const n = cols[0]!.length;
    for (let i = 0; i < n; i++) {
      const k = key(i);
      let g = groups.get(k);
      if (g === undefined) groups.set(k, (g = groups.size));
      out.push(g);
    }
  }
  return out;
}

const TYPE_SETS: ScalarType[][] = [
  ['string'],
  ['real'],
  ['long'],
  ['datetime'],
  ['decimal'],
  ['dynamic'],
  ['bool'],
  ['string', 'long'],
  ['string', 'long', 'string'],
  ['real', 'int', 'bool'],
  ['decimal', 'dynamic'],
  ['datetime', 'guid', 'dynamic', 'long'],
];

for (const types of TYPE_SETS) {
  test(`group ids by (${types.join(', ')}) equal grouping by tupleKey text, across batches`, () => {
    const rand = seeded(types.length * 31 + types[0]!.length);
    const pick = (t: ScalarType) => SAMPLES[t]![Math.floor(rand() * SAMPLES[t]!.length)]!;
    const batches = [3000, 0, 1, 2500].map((n) => types.map((t) => Array.from({ length: n }, () => pick(t))));
    const g = grouper(types);
    const got: number[] = [];
    for (const cols of batches) got.push(...g.ids(cols, cols[0]!.length));
    const want = reference(types, batches);
    assert.deepEqual(got, want);
    assert.equal(g.size, new Set(want).size);
  });
}

test('summarize by several keys: groups in first-appearance order, null and NaN keys grouped (summarize-operator doc)', async () => {
  const r = await runQuery(
    'datatable(a:string, b:long, c:real)["x",1,1.0, "y",long(null),real(nan), "x",1,1.0, "y",long(null),real(nan), "x",2,-0.0, "x",2,0.0] | summarize count() by a, b, c',
  );
  assert.deepEqual(
    r.rows.map((row) => [row['a'], row['b'], row['count_']]),
    [['x', 1n, 2n], ['y', null, 2n], ['x', 2n, 2n]],
  );
});

test('no key columns (count, summarize without by): every row in group 0, no group before the first row', () => {
  const g = grouper([]);
  assert.equal(g.size, 0);
  assert.deepEqual([...g.ids([], 0)], []);
  assert.equal(g.size, 0, 'an empty batch makes no group (summarize without by over no rows: one row of defaults, made by the caller)');
  assert.deepEqual([...g.ids([], 3)], [0, 0, 0]);
  assert.equal(g.size, 1);
  assert.deepEqual([...g.ids([], 2)], [0, 0]);
  assert.equal(g.size, 1);
});
