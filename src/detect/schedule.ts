/**
 * Sentinel's scheduled-rule timing (kql-semantics.md §9.1): a run scheduled at T executes at
 * T + delay (5 minutes by default), now() is the execution time, and every table is limited to
 * TimeGenerated within the lookback [now - queryPeriod, now] before the query's own filters.
 * Scheduled times are aligned to multiples of queryFrequency (on the clock: :00, :05, ... for 5m)
 * unless an anchor is given; Sentinel anchors them at the rule's creation time, which a replay
 * does not have.
 */
import { TICKS_PER_MINUTE } from '../kql/types.ts';
import type { TriggerOperator } from './rule.ts';

export const DEFAULT_DELAY = 5n * TICKS_PER_MINUTE;

export interface ScheduleOptions {
  readonly frequency: bigint;
  readonly period: bigint;
  /** Execution delay after the scheduled time (Sentinel: 5 minutes). */
  readonly delay: bigint;
  /** Scheduled times are anchor + k * frequency (default 0 = 0001-01-01, i.e. clock-aligned). */
  readonly anchor?: bigint;
}

export interface RunWindow {
  /** The scheduled time T. */
  readonly scheduled: bigint;
  /** now() of the run: T + delay. */
  readonly now: bigint;
  /** Lookback start: now - queryPeriod (inclusive). */
  readonly start: bigint;
  /** Lookback end: now (inclusive; the bounds' inclusivity is UNVERIFIED, §11.17). */
  readonly end: bigint;
}

export function windowAt(scheduled: bigint, s: ScheduleOptions): RunWindow {
  const now = scheduled + s.delay;
  return { scheduled, now, start: now - s.period, end: now };
}

/** The first scheduled time >= t. */
export function tickAtOrAfter(t: bigint, s: ScheduleOptions): bigint {
  const a = s.anchor ?? 0n;
  const k = floorDiv(t - a, s.frequency);
  const at = a + k * s.frequency;
  return at === t ? at : at + s.frequency;
}

/** The last scheduled time <= t. */
export function tickAtOrBefore(t: bigint, s: ScheduleOptions): bigint {
  const a = s.anchor ?? 0n;
  return a + floorDiv(t - a, s.frequency) * s.frequency;
}

/** Division rounding toward -infinity (BigInt division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/**
 * The scheduled times of the runs whose window can see an event that happened at `time` and
 * became visible at `visible` (>= time): now >= visible and now - period <= time <= now.
 */
export function ticksSeeing(time: bigint, visible: bigint, s: ScheduleOptions): { first: bigint; last: bigint } | undefined {
  const first = tickAtOrAfter((visible > time ? visible : time) - s.delay, s);
  const last = tickAtOrBefore(time + s.period - s.delay, s);
  return first <= last ? { first, last } : undefined;
}

/** Whether a run with this many result rows raises alerts (triggerOperator/triggerThreshold, §9.1). */
export function triggers(rows: number, op: TriggerOperator, threshold: number): boolean {
  switch (op) {
    case 'gt':
      return rows > threshold;
    case 'lt':
      return rows < threshold;
    case 'eq':
      return rows === threshold;
    case 'ne':
      return rows !== threshold;
  }
}
