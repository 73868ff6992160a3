/**
 * The radix paths of sort (one int, real, long, datetime or timespan key) must give exactly the
 * order of the general comparison sort: ties in input order, nulls and NaN placed per the
 * sort-operator doc, -0 tied with 0, 64-bit extremes ordered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { comparatorOrder, sortOrder } from '../../../src/kql/exec/ops/sort.ts';
import type { SortKey } from '../../../src/kql/plan/plan.ts';
import type { ScalarType, Value } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const REALS = [0, -0, 1, -1, 0.5, -0.5, NaN, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE, 1e-300, 2 ** 53, -(2 ** 53)];
const INTS = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 7, -7, 100];
const LONGS = [0n, 1n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 32n, -(2n ** 32n), 2n ** 32n - 1n, 4294967296n * 7n + 3n, -5n];

function column(type: ScalarType, n: number, rand: () => number): Value[] {
  const out: Value[] = [];
  for (let i = 0; i < n; i++) {
    const r = rand();
    if (r < 0.1) out.push(null);
    else if (type === 'real') out.push(r < 0.5 ? REALS[Math.floor(rand() * REALS.length)]! : (rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10));
    else if (type === 'int') out.push(r < 0.5 ? INTS[Math.floor(rand() * INTS.length)]! : Math.floor((rand() - 0.5) * 2000));
    else out.push(r < 0.5 ? LONGS[Math.floor(rand() * LONGS.length)]! : BigInt(Math.floor((rand() - 0.5) * 2 ** 40)) * BigInt(Math.floor(rand() * 5000)));
  }
  return out;
}

function key(type: ScalarType, descending: boolean, nullsFirst: boolean): SortKey {
  return { expr: { k: 'col', index: 0, type, name: 'x' }, descending, nullsFirst };
}

for (const type of ['real', 'int', 'long', 'datetime', 'timespan'] as const) {
  test(`sort fast path on one ${type} key gives the comparison sort's order`, () => {
    const rand = seeded(type.length * 7919);
    for (const n of [0, 1, 2, 3, 17, 300, 5000]) {
      const col = column(type, n, rand);
      for (const descending of [false, true]) {
        for (const nullsFirst of [false, true]) {
          const k = [key(type, descending, nullsFirst)];
          assert.deepEqual(Array.from(sortOrder([col], k, n)), comparatorOrder([col], k, n), `${type} n=${n} desc=${descending} nullsFirst=${nullsFirst}`);
        }
      }
    }
  });
}

test('sort by a long key with nulls, extremes and ties (sort-operator doc: nulls last for desc)', async () => {
  const q = 'datatable(x:long, i:long)[5,1, long(null),2, 9223372036854775807,3, -9223372036854775808,4, 5,5, -1,6] | sort by x';
  const r = await runQuery(q);
  assert.deepEqual(r.rows.map((row) => row['i']), [3n, 1n, 5n, 6n, 4n, 2n]);
  const asc = await runQuery(q.replace('sort by x', 'sort by x asc'));
  assert.deepEqual(asc.rows.map((row) => row['i']), [2n, 4n, 6n, 1n, 5n, 3n]);
});

test('sort by a real key ties -0 with 0 in input order', async () => {
  const r = await runQuery('datatable(x:real, i:long)[0.0,1, -0.0,2, 0.0,3, -0.0,4] | sort by x asc');
  assert.deepEqual(r.rows.map((row) => row['i']), [1n, 2n, 3n, 4n]);
});
