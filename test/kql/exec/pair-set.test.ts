/**
 * PairSet (src/kql/exec/pair-set.ts), the (group, value id) pairs behind dcount: it must answer
 * exactly like a Set of the pairs through every growth of its table, for dense and sparse groups
 * and ids, the largest int32s included, and list each pair once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PairSet } from '../../../src/kql/exec/pair-set.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

test('PairSet: add() answers "new" exactly when a Set of the pairs grows, through every growth', () => {
  for (const [groups, ids, seed] of [
    [1, 100_000, 1],
    [3_000, 40, 2],
    [50_000, 50_000, 3],
  ] as const) {
    const set = new PairSet();
    const seen = new Set<string>();
    const rnd = lcg(seed);
    for (let k = 0; k < 200_000; k++) {
      const g = rnd() % groups;
      const id = rnd() % ids;
      const key = `${g},${id}`;
      const wasNew = !seen.has(key);
      seen.add(key);
      assert.equal(set.add(g, id), wasNew, `pair ${key}`);
    }
    assert.equal(set.size, seen.size);
    const listed = new Set<string>();
    set.forEach((g, id) => {
      const key = `${g},${id}`;
      assert.ok(seen.has(key), `listed ${key} was never added`);
      assert.ok(!listed.has(key), `${key} listed twice`);
      listed.add(key);
    });
    assert.equal(listed.size, seen.size);
  }
});

test('PairSet: pairs that differ only in group or only in id, zero and the largest int32s', () => {
  const set = new PairSet(1);
  const max = 2 ** 31 - 1;
  const pairs = [[0, 0], [0, 1], [1, 0], [max, 0], [0, max], [max, max], [max - 1, max], [max, max - 1]] as const;
  for (const [g, id] of pairs) assert.equal(set.add(g, id), true, `${g},${id} first`);
  for (const [g, id] of pairs) assert.equal(set.add(g, id), false, `${g},${id} again`);
  assert.equal(set.size, pairs.length);
});
