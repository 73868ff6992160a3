/**
 * Every join kind over a few thousand rows with repeated and null keys, against a nested-loop
 * reference of the order docs/kql.md states: left order, matches in right order, unmatched
 * right rows last; innerunique keeps the first left row per key; null keys match each other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { Schema, Value } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
const rand = seeded(5);

const L: Value[][] = Array.from({ length: 3000 }, (_, i) => [rand() < 0.05 ? null : BigInt(Math.floor(rand() * 400)), BigInt(i)]);
const R: Value[][] = Array.from({ length: 500 }, (_, i) => [rand() < 0.05 ? null : BigInt(Math.floor(rand() * 600)), BigInt(i)]);
const ls: Schema = [{ name: 'k', type: 'long' }, { name: 'a', type: 'long' }];
const rs: Schema = [{ name: 'k', type: 'long' }, { name: 'b', type: 'long' }];
const tables = { L: MemoryTable.fromRows(ls, L), R: MemoryTable.fromRows(rs, R) };

const eq = (x: Value, y: Value) => x === y;

/** [left id or null, right id or null] per output row. */
function reference(kind: string): [Value, Value][] {
  const out: [Value, Value][] = [];
  const matchedRight = new Set<number>();
  const seen = new Set<Value>();
  L.forEach((l) => {
    if (kind === 'innerunique') {
      if (seen.has(l[0]!)) return;
      seen.add(l[0]!);
    }
    const ms = R.map((r, j) => [r, j] as const).filter(([r]) => eq(r[0]!, l[0]!));
    if (kind === 'leftsemi' || kind === 'leftanti') {
      if ((ms.length > 0) === (kind === 'leftsemi')) out.push([l[1]!, null]);
      return;
    }
    if (kind === 'rightsemi' || kind === 'rightanti') return;
    for (const [r, j] of ms) {
      out.push([l[1]!, r[1]!]);
      matchedRight.add(j);
    }
    if (ms.length === 0 && (kind === 'leftouter' || kind === 'fullouter')) out.push([l[1]!, null]);
  });
  if (kind === 'rightsemi' || kind === 'rightanti') {
    R.forEach((r) => {
      if (L.some((l) => eq(l[0]!, r[0]!)) === (kind === 'rightsemi')) out.push([null, r[1]!]);
    });
  }
  if (kind === 'rightouter' || kind === 'fullouter') R.forEach((r, j) => !matchedRight.has(j) && out.push([null, r[1]!]));
  return out;
}

for (const kind of ['innerunique', 'inner', 'leftouter', 'rightouter', 'fullouter', 'leftsemi', 'leftanti', 'rightsemi', 'rightanti']) {
  test(`join kind=${kind}: rows and order as the nested-loop reference (join docs)`, async () => {
    const r = await runQuery(`L | join kind=${kind} (R) on k`, { tables });
    const got = r.rows.map((row): [Value, Value] => [row['a'] ?? null, row['b'] ?? null]);
    const want = reference(kind);
    assert.equal(got.length, want.length);
    assert.deepEqual(got, want);
  });
}
