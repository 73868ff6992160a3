/**
 * Scheduled-rule timing, kql-semantics.md §9.1: run at T executes at T + 5m, now() = T + 5m,
 * lookback [now - queryPeriod, now]; scheduled times clock-aligned by default; trigger operators.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DELAY, tickAtOrAfter, tickAtOrBefore, ticksSeeing, triggers, windowAt } from '../../src/detect/schedule.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { formatDatetimeJson } from '../../src/kql/values/datetime.ts';
import { ticks } from '../helpers/cloudtrail-rows.ts';

const M = TICKS_PER_MINUTE;
const S = { frequency: 5n * M, period: 10n * M, delay: DEFAULT_DELAY };
const iso = (t: bigint): string => formatDatetimeJson(t);

test('the delay: a run scheduled at 12:00 executes at 12:05, now() = 12:05, lookback [11:55, 12:05] (§9.1)', () => {
  const w = windowAt(ticks('2024-05-01T12:00:00Z'), S);
  assert.equal(DEFAULT_DELAY, 5n * M);
  assert.deepEqual([iso(w.scheduled), iso(w.now), iso(w.start), iso(w.end)], ['2024-05-01T12:00:00Z', '2024-05-01T12:05:00Z', '2024-05-01T11:55:00Z', '2024-05-01T12:05:00Z']);
  const noDelay = windowAt(ticks('2024-05-01T12:00:00Z'), { ...S, delay: 0n });
  assert.equal(iso(noDelay.now), '2024-05-01T12:00:00Z');
});

test('scheduled times are multiples of the frequency on the clock, or from an anchor', () => {
  assert.equal(iso(tickAtOrAfter(ticks('2024-05-01T12:01:00Z'), S)), '2024-05-01T12:05:00Z');
  assert.equal(iso(tickAtOrAfter(ticks('2024-05-01T12:05:00Z'), S)), '2024-05-01T12:05:00Z');
  assert.equal(iso(tickAtOrBefore(ticks('2024-05-01T12:04:59Z'), S)), '2024-05-01T12:00:00Z');
  const anchored = { ...S, anchor: ticks('2024-05-01T00:02:00Z') };
  assert.equal(iso(tickAtOrAfter(ticks('2024-05-01T12:01:00Z'), anchored)), '2024-05-01T12:02:00Z');
});

test('ticksSeeing: the runs whose window holds an event, and the first run after it became visible', () => {
  // Event at 12:03: runs with now in [12:03, 12:13] see it: scheduled 12:00 (now 12:05) and 12:05 (now 12:10).
  const r = ticksSeeing(ticks('2024-05-01T12:03:00Z'), ticks('2024-05-01T12:03:00Z'), S)!;
  assert.deepEqual([iso(r.first), iso(r.last)], ['2024-05-01T12:00:00Z', '2024-05-01T12:05:00Z']);
  // Delivered at 12:11: only the run with now 12:15 could, but its window starts at 12:05: none.
  assert.equal(ticksSeeing(ticks('2024-05-01T12:03:00Z'), ticks('2024-05-01T12:11:00Z'), S), undefined);
});

test('trigger operators compare the number of result rows with the threshold (§9.1)', () => {
  assert.deepEqual([0, 1, 2].map((n) => triggers(n, 'gt', 1)), [false, false, true]);
  assert.deepEqual([0, 1, 2].map((n) => triggers(n, 'lt', 1)), [true, false, false]);
  assert.deepEqual([0, 1, 2].map((n) => triggers(n, 'eq', 1)), [false, true, false]);
  assert.deepEqual([0, 1, 2].map((n) => triggers(n, 'ne', 1)), [true, false, true]);
});
