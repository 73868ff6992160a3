/**
 * The internal aggregate behind top's first read (src/kql/exec/nth-key.ts): the first key of the
 * N-th row of `top N by key`, when that bound keeps all N rows, else null; over one pass and over
 * parts merged in any split (states cloned as they are between threads), against a reference that
 * sorts everything.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AggregateCall } from '../../../src/kql/plan/plan.ts';
import { makeAggregator } from '../../../src/kql/exec/aggregates.ts';
import { NTH_KEY } from '../../../src/kql/exec/nth-key.ts';

function call(n: number, descending: boolean, nullsFirst: boolean): AggregateCall {
  return {
    name: NTH_KEY,
    args: [
      { k: 'col', index: 0, type: 'datetime', name: 'TimeGenerated' },
      { k: 'lit', type: 'long', value: BigInt(n) },
      { k: 'lit', type: 'bool', value: descending },
      { k: 'lit', type: 'bool', value: nullsFirst },
    ],
    outputs: [{ name: 'bound', type: 'datetime' }],
    resultType: 'datetime',
  };
}

/** The sort's order (nulls placed as asked), the N-th row's key if all N keys are non-null. */
function reference(keys: (bigint | null)[], n: number, descending: boolean, nullsFirst: boolean): bigint | null {
  const nonNull = keys.filter((k): k is bigint => k !== null).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (descending) nonNull.reverse();
  const nulls = keys.length - nonNull.length;
  const order: (bigint | null)[] = nullsFirst ? [...Array<null>(nulls).fill(null), ...nonNull] : [...nonNull, ...Array<null>(nulls).fill(null)];
  if (n < 1 || order.length < n) return null;
  return order.slice(0, n).every((k) => k !== null) ? order[n - 1]! : null;
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test('one pass and any split of merged parts give the N-th key of the sort, or null when a null is among the N', () => {
  const rnd = random(7);
  for (let round = 0; round < 300; round++) {
    const length = Math.floor(rnd() * 60);
    const distinct = 1 + Math.floor(rnd() * 12); // ties
    const nullShare = rnd() < 0.5 ? 0 : rnd() * 0.3;
    const keys = Array.from({ length }, () => (rnd() < nullShare ? null : BigInt(Math.floor(rnd() * distinct)) * 10_000_000n - 5n));
    const n = Math.floor(rnd() * 20);
    const descending = rnd() < 0.5;
    const nullsFirst = rnd() < 0.5;
    const agg = makeAggregator(call(n, descending, nullsFirst));
    const args = [keys];
    const whole = agg.init();
    for (let i = 0; i < keys.length; i++) agg.add(whole, i, args, []);
    const want = reference(keys, n, descending, nullsFirst);
    assert.deepEqual(agg.result(whole), [want], `whole, round ${round}`);
    // parts in order, each a state as a reading thread hands it over
    const cuts = [0, ...Array.from({ length: 3 }, () => Math.floor(rnd() * (length + 1))).sort((a, b) => a - b), length];
    const merged = agg.init();
    for (let p = 0; p + 1 < cuts.length; p++) {
      const part = agg.init();
      for (let i = cuts[p]!; i < cuts[p + 1]!; i++) agg.add(part, i, args, []);
      agg.merge!(merged, structuredClone(part));
    }
    assert.deepEqual(agg.result(merged), [want], `merged at ${cuts.join(',')}, round ${round}`);
  }
});

test('keys arriving in the worst order (every one better than the last) keep only N: the state stays bounded', () => {
  const agg = makeAggregator(call(10, true, false));
  const keys = Array.from({ length: 50_000 }, (_, i) => BigInt(i));
  const s = agg.init() as { best: bigint[] };
  for (let i = 0; i < keys.length; i++) agg.add(s, i, [keys], []);
  assert.equal(s.best.length, 10);
  assert.deepEqual(agg.result(s), [49_990n]);
});
