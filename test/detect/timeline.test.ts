/** The per-run view of a table: lookback window and ingestion visibility (kql-semantics.md §9.1). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../src/detect/timeline.ts';
import { windowAt, DEFAULT_DELAY } from '../../src/detect/schedule.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { batchFromRows } from '../../src/kql/exec/batches.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { cloudTrailRow, ticks } from '../helpers/cloudtrail-rows.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';

const S = { frequency: 5n * TICKS_PER_MINUTE, period: 10n * TICKS_PER_MINUTE, delay: DEFAULT_DELAY };
const ID = AWS_CLOUDTRAIL_SCHEMA.findIndex((c) => c.name === 'AwsEventId');

function timeline(rows: Array<[string, string, string | null]>, ingestion: 'ideal' | 'delivery', latency = 0n): Timeline {
  const b = batchFromRows(AWS_CLOUDTRAIL_SCHEMA, rows.map(([id, t]) => cloudTrailRow({ AwsEventId: id, TimeGenerated: t })));
  return new Timeline(AWS_CLOUDTRAIL_SCHEMA, { ...b, ingestion: rows.map(([, , d]) => (d ? ticks(d) : null)) }, { ingestion, latency });
}

const ids = (t: Timeline, scheduled: string): string[] => {
  const b = t.windowRows(windowAt(ticks(scheduled), S));
  return b.columns[ID]!.map(String);
};

test('rows are sorted by TimeGenerated; the window [now - period, now] includes both bounds', () => {
  const t = timeline([['late', '2024-05-01T12:05:00Z', null], ['edge', '2024-05-01T11:55:00Z', null], ['old', '2024-05-01T11:54:59Z', null], ['mid', '2024-05-01T12:00:00Z', null]], 'ideal');
  assert.deepEqual(ids(t, '2024-05-01T12:00:00Z'), ['edge', 'mid', 'late']);
});

test('ideal ingestion: every event visible when it happened, whatever its delivery time', () => {
  const t = timeline([['e', '2024-05-01T12:03:00Z', '2024-05-01T12:20:00Z']], 'ideal');
  assert.deepEqual(ids(t, '2024-05-01T12:00:00Z'), ['e']);
});

test('delivery ingestion: a run sees only rows delivered by its now(); latency adds to the delivery time (ingestion-delay doc)', () => {
  const t = timeline([['e', '2024-05-01T12:03:00Z', '2024-05-01T12:08:00Z']], 'delivery');
  assert.deepEqual(ids(t, '2024-05-01T12:00:00Z'), [], 'now 12:05: not delivered yet');
  assert.deepEqual(ids(t, '2024-05-01T12:05:00Z'), ['e'], 'now 12:10: delivered at 12:08');
  const slow = timeline([['e', '2024-05-01T12:03:00Z', '2024-05-01T12:08:00Z']], 'delivery', 3n * TICKS_PER_MINUTE);
  assert.deepEqual(ids(slow, '2024-05-01T12:05:00Z'), [], 'now 12:10 < 12:11');
  // The row's ingestion time is what ingestion_time() returns.
  assert.equal(slow.visible[0], ticks('2024-05-01T12:11:00Z'));
});

test("a run's scan copies only the part of its window that the scan's TimeGenerated bounds keep (both taken inclusive); other bounds are not used", async () => {
  const { collect } = await import('../../src/kql/exec/batches.ts');
  const t = timeline([['a', '2024-05-01T11:54:00Z', null], ['b', '2024-05-01T11:58:00Z', null], ['c', '2024-05-01T11:59:00Z', null], ['d', '2024-05-01T12:04:00Z', null]], 'ideal');
  const w = windowAt(ticks('2024-05-01T12:00:00Z'), S); // [11:55, 12:05]
  const scan = async (predicates: ScanPredicate[]) => (await collect(AWS_CLOUDTRAIL_SCHEMA, t.window(w).scan({ predicates }))).columns[ID]!.map(String);
  assert.deepEqual(await scan([]), ['b', 'c', 'd']);
  // a where TimeGenerated > 11:58 keeps 11:58 too (a pre-filter may keep extra rows; the where decides)
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T11:58:00Z'), minInclusive: false }]), ['b', 'c', 'd']);
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T11:58:30Z') }]), ['c', 'd']);
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'TimeGenerated', max: ticks('2024-05-01T11:59:00Z'), maxInclusive: false }]), ['b', 'c']);
  // never wider than the run's lookback, and empty when the bounds cross
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T11:00:00Z'), max: ticks('2024-05-01T13:00:00Z') }]), ['b', 'c', 'd']);
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T12:01:00Z'), max: ticks('2024-05-01T11:59:00Z') }]), []);
  assert.deepEqual(await scan([{ kind: 'timeRange', column: 'SessionCreationDate', min: ticks('2024-05-01T12:01:00Z') }]), ['b', 'c', 'd']);
});
