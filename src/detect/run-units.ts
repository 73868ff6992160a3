/**
 * A replay's scheduled runs as one ordered list, cut into units of consecutive runs that any
 * thread can evaluate (run-pool.ts). A run's outcome depends only on its window, now() and the
 * watchlists, so runs can be evaluated in any thread and any order; what depends on earlier
 * runs (suppression, de-duplication of alerts) is decided afterwards, in order (replay.ts).
 */
import type { CompiledQuery, RequestProperties } from '../kql/engine.ts';
import { QueryLimitError } from '../kql/errors.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import type { TableSource } from '../kql/scan.ts';
import { alertsForRun, type Alert } from './alerts.ts';
import type { Rule } from './rule.ts';
import { triggers, windowAt, type RunWindow, type ScheduleOptions } from './schedule.ts';

export interface RunOutcome {
  readonly resultCount: number;
  readonly triggered: boolean;
  readonly alerts: readonly Alert[];
}

/**
 * An outcome, or the error the run threw. A run stopped by a query limit (E_RUNAWAY_QUERY, ...)
 * is a failed run, reported with the others going on, as Sentinel records a failed run in the
 * rule's health; any other error is thrown again when the replay reaches that run.
 */
export type RunResult = RunOutcome | { readonly error: unknown };

/** A limit error, here or as it crossed from a worker thread (run-worker.ts). */
export function isLimitError(e: unknown): boolean {
  return e instanceof QueryLimitError || (typeof e === 'object' && e !== null && 'remote' in e && (e as { limit?: boolean }).limit === true);
}

/** The message of an error, here or from a worker thread. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e);
}

/** A scheduled run: which rule (index) and its scheduled time. */
export interface ScheduledRun {
  readonly rule: number;
  readonly t: bigint;
}

/**
 * The key of a table's g-th store in a replay (replay.ts: rules with different pre-filters or
 * columns keep their rows apart); the first one's is the table's name.
 */
export function storeKey(table: string, g: number): string {
  return g === 0 ? table : `${table}\u0000${g}`;
}

/** The table whose rows a store holds. */
export function tableOfStore(key: string): string {
  const at = key.indexOf('\u0000');
  return at < 0 ? key : key.slice(0, at);
}

/** A table as the runs see it: one window per run, runs in order of time. */
export interface RunTable {
  window(w: RunWindow): TableSource;
  /** No later run needs rows older than `before`. */
  release(before: bigint): void;
}

export interface RunRule {
  readonly rule: Rule;
  readonly compiled: CompiledQuery;
  readonly schedule: ScheduleOptions;
  /**
   * Tables the rule reads that have windows (others are not cut per run), by the key of the
   * store holding the rows it sees (storeKey).
   */
  readonly tables: readonly string[];
  /** Client request properties of every run (the memory budget: --max-memory). */
  readonly properties?: RequestProperties;
}

/** Runs per unit: big enough that a thread reloads few buckets at unit edges, small enough to balance. */
export const RUNS_PER_UNIT = 48;

/** Start index of each unit in `runs` (a unit never splits runs of one scheduled time). */
export function unitStarts(runs: readonly ScheduledRun[], perUnit = RUNS_PER_UNIT): number[] {
  const starts: number[] = [];
  let i = 0;
  while (i < runs.length) {
    starts.push(i);
    i = Math.min(i + perUnit, runs.length);
    while (i < runs.length && runs[i]!.t === runs[i - 1]!.t) i++;
  }
  return starts;
}

/**
 * For each table and run i, the earliest row time runs i.. that read the table need: a thread
 * about to evaluate run i (and only later runs after it) can drop older rows.
 */
export function releasePoints(runs: readonly ScheduledRun[], rules: readonly Pick<RunRule, 'schedule' | 'tables' | 'compiled'>[]): Map<string, (bigint | undefined)[]> {
  const out = new Map<string, (bigint | undefined)[]>();
  for (const r of rules) for (const name of r.tables) if (!out.has(name)) out.set(name, new Array<bigint | undefined>(runs.length));
  const needs = new Map<number, (t: bigint, store: string) => bigint>();
  for (const [name, points] of out) {
    let min: bigint | undefined;
    for (let i = runs.length - 1; i >= 0; i--) {
      const run = runs[i]!;
      const rule = rules[run.rule]!;
      if (rule.tables.includes(name)) {
        let need = needs.get(run.rule);
        if (need === undefined) needs.set(run.rule, (need = neededFrom(rule, run.t)));
        const start = need(run.t, name);
        if (min === undefined || start < min) min = start;
      }
      points[i] = min;
    }
  }
  return out;
}

/**
 * The earliest row time a rule's run needs of a store's table: its lookback's start, or later when
 * every scan of the table is bounded later (a threat-intelligence rule looks back 14 days for the
 * indicators and one hour in AWSCloudTrail). The bounds are worked out per run only for a rule
 * whose bound at `t0` is later than its lookback's start: for the others it does not matter.
 */
function neededFrom(rule: Pick<RunRule, 'schedule' | 'compiled'>, t0: bigint): (t: bigint, store: string) => bigint {
  const bounded = (t: bigint, store: string): bigint => {
    const w = windowAt(t, rule.schedule);
    const floor = rule.compiled.tableLowerBounds(w.now, 'TimeGenerated').get(tableOfStore(store));
    return floor !== undefined && floor > w.start ? floor : w.start;
  };
  const w0 = windowAt(t0, rule.schedule);
  const later = [...rule.compiled.tableLowerBounds(w0.now, 'TimeGenerated').values()].some((f) => f !== undefined && f > w0.start);
  return later ? bounded : (t) => windowAt(t, rule.schedule).start;
}

/** Before run i: drops what no run from i on needs, in every table (points from releasePoints). */
export function releaseBefore(points: ReadonlyMap<string, readonly (bigint | undefined)[]>, tables: ReadonlyMap<string, RunTable>, i: number): void {
  for (const [name, at] of points) {
    const before = at[i];
    if (before !== undefined) tables.get(name)!.release(before);
  }
}

/** Evaluates one run over the tables' windows; errors become the result. */
export async function evaluateRun(
  r: RunRule,
  t: bigint,
  tables: ReadonlyMap<string, RunTable>,
  others: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist>,
  signal?: AbortSignal,
): Promise<RunResult> {
  try {
    const w = windowAt(t, r.schedule);
    const runTables = new Map<string, TableSource>(others);
    for (const n of r.tables) runTables.set(tableOfStore(n), tables.get(n)!.window(w));
    const result = await r.compiled.run({ now: w.now, tables: runTables, watchlists, properties: r.properties, ...(signal ? { signal } : {}) });
    const triggered = triggers(result.length, r.rule.triggerOperator, r.rule.triggerThreshold);
    return { resultCount: result.length, triggered, alerts: triggered ? alertsForRun(r.rule, w, result) : [] };
  } catch (error) {
    return { error };
  }
}

/** What a thread needs to evaluate units. */
export interface UnitContext {
  readonly rules: readonly RunRule[];
  readonly runs: readonly ScheduledRun[];
  readonly starts: readonly number[];
  readonly tables: ReadonlyMap<string, RunTable>;
  /** Tables without windows: every run sees all of their rows. */
  readonly others: ReadonlyMap<string, TableSource>;
  readonly watchlists: ReadonlyMap<string, Watchlist>;
  readonly release: ReadonlyMap<string, readonly (bigint | undefined)[]>;
}

/**
 * Evaluates the units `claim()` hands out (increasing, so each table's windows move forward in
 * time) until it returns undefined, giving each unit's results to `done`.
 */
export async function evaluateUnits(ctx: UnitContext, claim: () => number | undefined, done: (unit: number, results: RunResult[]) => void): Promise<void> {
  for (let u = claim(); u !== undefined; u = claim()) {
    const from = ctx.starts[u]!;
    const to = ctx.starts[u + 1] ?? ctx.runs.length;
    const results: RunResult[] = [];
    for (let i = from; i < to; i++) {
      releaseBefore(ctx.release, ctx.tables, i);
      const run = ctx.runs[i]!;
      results.push(await evaluateRun(ctx.rules[run.rule]!, run.t, ctx.tables, ctx.others, ctx.watchlists));
    }
    done(u, results);
    // A run's awaits settle as microtasks and never let the event loop turn: without this, the
    // messages of worker threads (ready, their results) would wait until this thread ran out.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
