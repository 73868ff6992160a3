/**
 * `where` over a source that yields several batches (an empty one, a single row, more than
 * BATCH_SIZE rows) keeps exactly the rows whose predicate is true, in order — the same rows
 * as filtering the predicate's values computed by `extend` (checked against the general
 * path in vector-kernels.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableSource } from '../../../src/kql/engine.ts';
import { batchFromRows } from '../../../src/kql/exec/batches.ts';
import type { Schema, Value } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

const schema: Schema = [
  { name: 'v', type: 'real' },
  { name: 'l', type: 'long' },
  { name: 'i', type: 'long' },
];

function source(sizes: readonly number[]): TableSource {
  let s = 11;
  const rand = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
  let id = 0n;
  const batches = sizes.map((n) =>
    batchFromRows(
      schema,
      Array.from({ length: n }, (): Value[] => {
        const r = rand();
        const v = r < 0.1 ? null : r < 0.15 ? NaN : rand();
        const l = rand() < 0.1 ? null : BigInt(Math.floor(rand() * 6));
        return [v, l, id++];
      }),
    ),
  );
  return {
    schema,
    async *scan() {
      for (const b of batches) yield b;
    },
  };
}

const PREDICATES = ['v > 0.5', 'v > 0.5 and l != 3', 'v <= 0.25 or l == 2', 'not(v > 0.5) or isnull(l)', 'l >= 2 and l < 4 and v * 2 + 1 > 1.5'];

for (const p of PREDICATES) {
  test(`where ${p} across batches keeps the rows whose predicate is true`, async () => {
    const T = source([0, 1, 5000, 3, 0, 4096]);
    const kept = await runQuery(`T | where ${p} | project i`, { tables: { T } });
    const all = await runQuery(`T | extend p = ${p} | project i, p`, { tables: { T } });
    const want = all.rows.filter((r) => r['p'] === true).map((r) => r['i']);
    assert.deepEqual(kept.rows.map((r) => r['i']), want);
    assert.ok(want.length > 0 && want.length < 9100);
  });
}

test('where over a source with only empty batches gives no rows', async () => {
  const r = await runQuery('T | where v > 0.5', { tables: { T: source([0, 0]) } });
  assert.equal(r.rows.length, 0);
});
