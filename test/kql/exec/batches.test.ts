/** Batch helpers (src/kql/exec/batches.ts): columns that are one array stay one array. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatBatches, selectRows } from '../../../src/kql/exec/batches.ts';
import type { Batch, Schema, Value } from '../../../src/kql/types.ts';

const SCHEMA: Schema = [
  { name: 'a', type: 'string' },
  { name: 'b', type: 'string' },
  { name: 'c', type: 'string' },
  { name: 'd', type: 'long' },
];

function batch(a: Value[], shared: Value[], d: Value[]): Batch {
  return { schema: SCHEMA, columns: [a, shared, shared, d], length: a.length };
}

test('selectRows copies a column that several columns share once, and they share the copy', () => {
  const nulls = ['', '', ''];
  const out = selectRows(batch(['x', 'y', 'z'], nulls, [1n, 2n, 3n]), [2, 0]);
  assert.deepEqual(out.columns, [['z', 'x'], ['', ''], ['', ''], [3n, 1n]]);
  assert.equal(out.columns[1], out.columns[2]);
  assert.notEqual(out.columns[1], nulls);
});

test('concatBatches keeps columns that are one array in every batch one array; shared in only some batches, they are copied apart', () => {
  const one = concatBatches(SCHEMA, [batch(['x'], [''], [1n]), batch(['y', 'z'], ['', ''], [2n, 3n])]);
  assert.deepEqual(one.columns, [['x', 'y', 'z'], ['', '', ''], ['', '', ''], [1n, 2n, 3n]]);
  assert.equal(one.columns[1], one.columns[2]);
  const mixed = concatBatches(SCHEMA, [batch(['x'], [''], [1n]), { schema: SCHEMA, columns: [['y'], ['b'], ['c'], [2n]], length: 1 }]);
  assert.deepEqual(mixed.columns, [['x', 'y'], ['', 'b'], ['', 'c'], [1n, 2n]]);
  assert.notEqual(mixed.columns[1], mixed.columns[2]);
});

test('replay splits a large batch into BATCH_SIZE rows, a column several columns share sliced once and shared', async () => {
  const { replay, BATCH_SIZE } = await import('../../../src/kql/exec/batches.ts');
  const n = BATCH_SIZE * 2 + 5;
  const nulls = new Array<Value>(n).fill('');
  const a = Array.from({ length: n }, (_, i) => `r${i}`);
  const d = Array.from({ length: n }, (_, i) => BigInt(i));
  const parts: Batch[] = [];
  for await (const b of replay(batch(a, nulls, d))) parts.push(b);
  assert.deepEqual(parts.map((b) => b.length), [BATCH_SIZE, BATCH_SIZE, 5]);
  assert.deepEqual(parts.flatMap((b) => b.columns[0]!), a);
  assert.deepEqual(parts.flatMap((b) => b.columns[3]!), d);
  for (const b of parts) {
    assert.equal(b.columns[1], b.columns[2]);
    assert.equal(b.columns[1]!.length, b.length);
  }
});
