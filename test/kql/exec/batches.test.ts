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
