/**
 * The consuming thread's string interning (src/cloudtrail/intern-columns.ts): values stay equal,
 * repeats hit the table, and attacker-written floods stay bounded (entries, characters) and turn
 * a column's lookups off while its values do not repeat. Then the scan end to end: the same rows
 * with and without it, from worker threads and from this one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ColumnInterner, INTERN_LIMITS } from '../../src/cloudtrail/intern-columns.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import type { Value } from '../../src/kql/types.ts';
import { collect, INVICTUS, STRATUS } from './helpers.ts';

/** A fresh string of the same text (not the literal's object, as a reader makes it). */
const fresh = (s: string): string => (' ' + s).slice(1);

test('values stay equal; repeats come from the table; other columns and non-strings are left alone', () => {
  const interner = new ColumnInterner([true, false, true]);
  const names = ['GetObject', 'PutObject', 'GetObject', 'ListBuckets', 'GetObject'];
  const cols: Value[][] = [names.map(fresh), names.map(fresh), [1, null, 'x', '', 'x']];
  interner.intern(cols, 5);
  assert.deepEqual(cols[0], names);
  assert.deepEqual(cols[1], names);
  assert.deepEqual(cols[2], [1, null, 'x', '', 'x']);
  // GetObject, PutObject, ListBuckets and x: the empty string and non-strings are not held
  assert.equal(interner.held, 4);
  // a second batch adds nothing for values seen
  const again: Value[][] = [names.map(fresh), [], ['x']];
  interner.intern(again, 5);
  assert.equal(interner.held, 4);
  assert.deepEqual(again[0], names);
  assert.deepEqual(again[1], [], 'a column of another length (not mapped) is left as it is');
});

test('a flood of distinct values stays within the bounds and turns the column off for a while', () => {
  const { MAX_ENTRIES, MAX_LENGTH, SAMPLE, SKIP } = INTERN_LIMITS;
  const interner = new ColumnInterner([true]);
  const n = SAMPLE * 3;
  const col: Value[] = Array.from({ length: n }, (_, i) => `req-${i}-${'z'.repeat(i % 200)}`);
  const copy = [...col];
  interner.intern([col], n);
  assert.deepEqual(col, copy);
  assert.ok(interner.held <= MAX_ENTRIES);
  assert.equal(interner.skipping, 1, 'values that never repeat: lookups skipped');
  assert.ok(interner.held < SAMPLE, `the table is emptied when the column is turned off (${interner.held})`);
  // SKIP values after it was turned off (2 x SAMPLE of them in this batch) it is looked up again
  const rest = SKIP - 2 * SAMPLE;
  interner.intern([Array.from({ length: rest }, () => 'skipped')], rest);
  assert.equal(interner.skipping, 0);
  interner.intern([Array.from({ length: 10 }, () => fresh('ec2.amazonaws.com'))], 10);
  assert.equal(interner.held, 1);
  // too long to hold
  interner.intern([['y'.repeat(MAX_LENGTH + 1)]], 1);
  assert.equal(interner.held, 1);
});

test('the table is emptied when full, by entries or by characters', () => {
  const { MAX_ENTRIES, MAX_CHARS, MAX_LENGTH } = INTERN_LIMITS;
  // values repeating often enough to stay on, but more of them than the table holds
  const interner = new ColumnInterner([true]);
  const distinct = MAX_ENTRIES + 100;
  for (let round = 0; round < 2; round++) {
    const col: Value[] = Array.from({ length: distinct * 2 }, (_, i) => `v${i % distinct}`);
    interner.intern([col], col.length);
    assert.ok(interner.held <= MAX_ENTRIES, `entries ${interner.held}`);
  }
  const long = new ColumnInterner([true]);
  const each = MAX_LENGTH;
  const count = Math.ceil(MAX_CHARS / each) + 10;
  const col: Value[] = Array.from({ length: count * 2 }, (_, i) => `${i % count}`.padEnd(each, 'q'));
  long.intern([col], col.length);
  assert.ok(long.held * each <= MAX_CHARS, `characters ${long.held * each}`);
});

test('a scan gives the same rows with the consuming thread interning, from workers and from this thread', { timeout: 120_000 }, async () => {
  for (const threads of [1, 2]) {
    const src = openCloudTrail([INVICTUS, STRATUS], { workers: threads, parallelMinBytes: 0 });
    const { rows } = await collect(src);
    assert.ok(rows.length > 100);
    const byId = new Map(rows.map((r) => [r['AwsEventId'] as string, r]));
    // the same records read row by row by JSON.parse (no field scanner, no interning in the reader)
    const plain = await collect(openCloudTrail([INVICTUS, STRATUS], { workers: 1, extractFields: false }));
    assert.equal(plain.rows.length, rows.length);
    for (const r of plain.rows) assert.deepEqual(byId.get(r['AwsEventId'] as string), r, `threads ${threads}`);
  }
});
