/**
 * The hunting suite's answer check (bench/lib/hunt-queries.ts): a difference in any value fails,
 * row order does not matter, and a top-N may break a tie at the N-th place either way but may not
 * leave out a larger group.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareHunt, HUNT_QUERIES, normalize, tableOf } from '../../bench/lib/hunt-queries.ts';

const q = (name: string) => HUNT_QUERIES.find((x) => x.name === name)!;

test('exact queries compare rows as a multiset', () => {
  const cols = ['TimeGenerated', 'EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'];
  const th = tableOf(cols, [['2026-03-02T08:00:01Z', 's', 'A', '1.1.1.1', ''], ['2026-03-02T08:00:00Z', 's', 'B', '1.1.1.1', '']], ['TimeGenerated']);
  const duck = tableOf(cols, [[1772438400n, 's', 'B', '1.1.1.1', ''], [1772438401n, 's', 'A', '1.1.1.1', '']], ['TimeGenerated']);
  assert.equal(compareHunt(q('access-key'), th, duck), undefined);
  const other = tableOf(cols, [[1772438400n, 's', 'B', '1.1.1.1', ''], [1772438402n, 's', 'A', '1.1.1.1', '']], ['TimeGenerated']);
  assert.match(compareHunt(q('access-key'), th, other)!, /row/);
});

test('top queries: a tie at the last place may go either way, a missing larger group may not', () => {
  const cols = ['EventSource', 'EventName', 'c', 'ips', 'errs'];
  // DuckDB's whole grouping: twelve groups, the 10th and 11th tie at c = 5
  const all = Array.from({ length: 12 }, (_, i) => ['s', `E${i}`, String(i < 9 ? 100 - i : i < 11 ? 5 : 1), '1', '0']);
  const duck = tableOf(cols, all, []);
  const top = (rows: string[][]) => tableOf(cols, rows, []);
  assert.equal(compareHunt(q('top-calls'), top(all.slice(0, 10)), duck), undefined);
  assert.equal(compareHunt(q('top-calls'), top([...all.slice(0, 9), all[10]!]), duck), undefined, 'the other tied group');
  assert.match(compareHunt(q('top-calls'), top([...all.slice(1, 10), all[10]!]), duck)!, /top c values/, 'the largest group left out');
  assert.match(compareHunt(q('top-calls'), top([...all.slice(0, 9), ['s', 'E9', '5', '2', '0']]), duck)!, /not one of DuckDB's groups/, 'a wrong dcount');
});

test('datetimes compare as epoch seconds whichever side they come from', () => {
  assert.equal(normalize('2026-03-02T08:00:00Z', true), '1772438400');
  assert.equal(normalize(1772438400n, true), '1772438400');
  assert.equal(normalize('1772438400', true), '1772438400');
  assert.equal(normalize(12n, false), '12');
});
