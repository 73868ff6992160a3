/**
 * `top N by keys` over a stream (src/kql/exec/ops/top.ts) keeps only the current top N between
 * batches; its result must be the first N rows of one stable sort of the whole input (top-operator
 * doc: "the first N records sorted by the specified column"), ties in input order, nulls and NaN
 * placed as sort places them. The row id column shows which rows, in which order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { batchFromRows, concatBatches, selectRows } from '../../../src/kql/exec/batches.ts';
import { newRunContext } from '../../../src/kql/exec/context.ts';
import { sortBatch } from '../../../src/kql/exec/ops/sort.ts';
import { topRows } from '../../../src/kql/exec/ops/top.ts';
import type { SortKey } from '../../../src/kql/plan/plan.ts';
import type { Batch, Schema, Value } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

const schema: Schema = [
  { name: 'id', type: 'long' },
  { name: 'r', type: 'real' },
  { name: 's', type: 'string' },
  { name: 'l', type: 'long' },
];

function batches(sizes: readonly number[]): Batch[] {
  let seed = 3;
  const rnd = (m: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % m);
  let id = 0n;
  return sizes.map((n) =>
    batchFromRows(
      schema,
      Array.from({ length: n }, (): Value[] => {
        const k = rnd(10);
        return [id++, k === 0 ? null : k === 1 ? NaN : rnd(5) / 2, ['a', 'b', ''][rnd(3)]!, rnd(6) === 0 ? null : BigInt(rnd(4))];
      }),
    ),
  );
}

const key = (index: number, descending: boolean, nullsFirst: boolean): SortKey => ({
  expr: { k: 'col', index, type: schema[index]!.type, name: schema[index]!.name },
  descending,
  nullsFirst,
});

const KEYS: Record<string, SortKey[]> = {
  'r desc (nulls last)': [key(1, true, false)],
  'r asc (nulls first)': [key(1, false, true)],
  's asc, l desc': [key(2, false, true), key(3, true, false)],
  'l desc': [key(3, true, false)],
};

async function* stream(bs: readonly Batch[]): AsyncIterable<Batch> {
  for (const b of bs) yield b;
}

for (const [name, keys] of Object.entries(KEYS)) {
  test(`top N by ${name}, pruned every few rows, equals the first N of one stable sort`, async () => {
    const input = batches([0, 1, 13, 40, 0, 7, 200, 3]);
    const ctx = newRunContext(0n, new Map());
    const all = concatBatches(schema, input);
    const sorted = sortBatch(all, keys, ctx, schema, ctx.memory.operator('Sort'));
    for (const n of [0, 1, 3, 10, 57, 1000]) {
      for (const pruneAt of [1, 5, 64]) {
        const got = await topRows(stream(input), keys, n, ctx, schema, ctx.memory.operator('Top'), pruneAt);
        const want = selectRows(sorted, Array.from({ length: Math.min(n, sorted.length) }, (_, i) => i), schema);
        assert.deepEqual(got.columns, want.columns, `n=${n} pruneAt=${pruneAt}`);
      }
    }
  });
}

test('the top operator in a query gives the rows sort | take gives', async () => {
  const q = 'range i from 1 to 200000 step 1 | extend h = (i * 7919) % 1000';
  const top = await runQuery(`${q} | top 25 by h desc`);
  const sorted = await runQuery(`${q} | sort by h desc | take 25`);
  assert.equal(top.rows.length, 25);
  assert.deepEqual(top.rows, sorted.rows);
});
