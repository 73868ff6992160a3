/**
 * The duplicate filter's id table (src/cloudtrail/id-set.ts) against a Map: exact on every kind
 * of id (canonical lower-case UUIDs as 128 bits; upper-case, braced, short, long and other ids as
 * strings), through growth and replaced values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEFAULT_MEMORY_IDS, IdSet, memoryIdsFor, SMALL_INPUT_BYTES } from '../../src/cloudtrail/id-set.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

test('the same answers as a Map, for UUIDs and any other id', () => {
  const set = new IdSet();
  const map = new Map<string, number>();
  const rnd = lcg(7);
  const uuids = Array.from({ length: 50_000 }, () => randomUUID());
  const ids: string[] = [];
  for (const u of uuids.slice(0, 2000)) {
    ids.push(u, u.toUpperCase(), `{${u}}`, u.slice(0, 35), u + '0', u.replace(/-/g, ''), u.replace(/-/g, '_'), u.slice(0, 35) + 'g');
  }
  ids.push('', 'x', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-ffff-ffff-ffff-ffffffffffff');
  // ids that differ in one hex digit only, at every position (one-to-one parse)
  const base = '0123abcd-4567-89ef-0123-456789abcdef';
  for (let i = 0; i < 36; i++) {
    if (base[i] === '-') continue;
    for (const d of '0123456789abcdef') ids.push(base.slice(0, i) + d + base.slice(i + 1));
  }
  ids.push(...uuids);
  for (let k = 0; k < 200_000; k++) {
    const id = ids[rnd() % ids.length]!;
    const op = rnd() % 10;
    if (op < 7) {
      const v = rnd() % 1000;
      const had = map.get(id);
      if (had === undefined) map.set(id, v);
      assert.equal(set.putIfAbsent(id, v), had, id);
    } else if (op < 9) {
      assert.equal(set.get(id), map.get(id), id);
    } else {
      const v = rnd() % 1000;
      map.set(id, v);
      set.set(id, v);
    }
  }
  for (const id of ids) assert.equal(set.get(id), map.get(id), id);
});

test('one million UUIDs sharing all but their last digits: every one found, no false hit', { timeout: 120_000 }, () => {
  const set = new IdSet();
  const id = (i: number) => `00000000-0000-0000-0000-${i.toString(16).padStart(12, '0')}`;
  for (let i = 0; i < 1_000_000; i++) assert.equal(set.putIfAbsent(id(i), i & 0xffff), undefined);
  for (let i = 0; i < 1_000_000; i += 7) assert.equal(set.get(id(i)), i & 0xffff);
  assert.equal(set.get(id(1_000_000)), undefined);
});

test('the table holds its whole budget (memoryIds) in memory, then spills, and answers the same', () => {
  const ids = Array.from({ length: 3000 }, () => randomUUID());
  for (const memoryIds of [1024, 1000]) {
    const set = new IdSet({ memoryIds });
    for (let i = 0; i < memoryIds; i++) assert.equal(set.putIfAbsent(ids[i]!, i), undefined);
    assert.equal(set.spilledRuns, 0, `${memoryIds}: the whole budget stays in memory`);
    for (let i = memoryIds; i < ids.length; i++) assert.equal(set.putIfAbsent(ids[i]!, i), undefined);
    assert.ok(set.spilledRuns > 0, `${memoryIds}: past the budget, a run`);
    for (let i = 0; i < ids.length; i++) assert.equal(set.get(ids[i]!), i);
    // words and text are one id
    const words = new Int32Array(4);
    assert.equal(set.putWordsIfAbsent(words, 0, 7), undefined);
    assert.equal(set.get('00000000-0000-0000-0000-000000000000'), 7);
    set.close();
  }
});

test('a small input gets the larger id budget, a large one the default (memory at 10M records stays bounded)', () => {
  assert.equal(memoryIdsFor(0), 2 * DEFAULT_MEMORY_IDS);
  assert.equal(memoryIdsFor(SMALL_INPUT_BYTES), 2 * DEFAULT_MEMORY_IDS);
  assert.equal(memoryIdsFor(SMALL_INPUT_BYTES + 1), DEFAULT_MEMORY_IDS);
  assert.equal(memoryIdsFor(10 * SMALL_INPUT_BYTES), DEFAULT_MEMORY_IDS);
});
