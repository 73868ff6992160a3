/**
 * Evaluates a replay's runs on this thread and worker threads at once (docs/performance.md,
 * "Parallel runs"). Every kept row is in the spill files (WindowStore.handOff), which each thread
 * reads on its own; units of consecutive runs are handed out by one shared atomic counter, so a
 * thread that started late or got cheap units simply takes more. This thread starts on the
 * units at once and the workers join when they have loaded; units a worker claimed but did not
 * finish (it failed or died) are evaluated here afterwards. Results come back by run index.
 */
import type { Worker } from 'node:worker_threads';
import { encodeValue } from '../kql/cache/plan-codec.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import type { RequestProperties } from '../kql/request-properties.ts';
import { startWorker, whenReady } from '../threads/start-worker.ts';
import type { Rule } from './rule.ts';
import type { ScheduleOptions } from './schedule.ts';
import { evaluateUnits, releasePoints, unitStarts, type RunResult, type RunRule, type ScheduledRun } from './run-units.ts';
import { SpilledWindows, type SpilledTable } from './window-store.ts';

/** The message that starts a worker on the runs. */
export interface RunsInit {
  readonly rules: readonly {
    rule: Rule;
    schedule: ScheduleOptions;
    tables: readonly string[];
    text: string;
    plan: Uint8Array;
    /** The query's `set` statements, and the client's properties (--max-memory). */
    queryProperties: RequestProperties;
    properties?: RequestProperties;
  }[];
  readonly runs: readonly ScheduledRun[];
  readonly starts: readonly number[];
  readonly tables: readonly [string, SpilledTable][];
  readonly watchlists: readonly [string, Watchlist][];
  readonly counter: Int32Array;
}

export type FromRunWorker =
  | { type: 'ready' }
  | { type: 'unit'; unit: number; results: RunResult[] }
  /** The same as JSON text, for results too deeply nested for postMessage's structured clone. */
  | { type: 'unitJson'; unit: number; json: string }
  | { type: 'done' }
  | { type: 'failed'; message: string };

/** Claims the next unit from a counter shared by every thread; undefined when none are left. */
export function claimer(counter: Int32Array, units: number): () => number | undefined {
  return () => {
    const u = Atomics.add(counter, 0, 1);
    return u < units ? u : undefined;
  };
}

export interface ParallelRunsInput {
  readonly rules: readonly RunRule[];
  readonly runs: readonly ScheduledRun[];
  readonly tables: ReadonlyMap<string, SpilledTable>;
  readonly watchlists: ReadonlyMap<string, Watchlist>;
  readonly workers: number;
  /** Tests: this thread waits for the workers and then evaluates only the units they did not. */
  readonly workersOnly?: boolean;
}

export interface ParallelRuns {
  /** By run index. */
  readonly results: RunResult[];
  /** Threads that evaluated runs: this one and the workers that took part. */
  readonly threads: number;
}

/**
 * Every run's result, or null when the plans cannot be sent to another thread (the caller then
 * evaluates the runs itself).
 */
export async function evaluateInParallel(input: ParallelRunsInput): Promise<ParallelRuns | null> {
  let plans: Uint8Array[];
  try {
    plans = input.rules.map((r) => encodeValue(r.compiled.plan));
  } catch {
    return null;
  }
  const { rules, runs } = input;
  const starts = unitStarts(runs);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const results = new Array<RunResult | undefined>(runs.length);
  const reported = new Set<number>();
  const put = (unit: number, rs: readonly RunResult[]) => {
    reported.add(unit);
    rs.forEach((r, k) => (results[starts[unit]! + k] = r));
  };
  const init: RunsInit = {
    rules: rules.map((r, i) => ({ rule: r.rule, schedule: r.schedule, tables: r.tables, text: r.compiled.text, plan: plans[i]!, queryProperties: r.compiled.properties, properties: r.properties })),
    runs,
    starts,
    tables: [...input.tables],
    watchlists: [...input.watchlists],
    counter,
  };
  const helpers = Array.from({ length: input.workers }, () => new Helper());
  const helping = helpers.map((h) => h.help(init, put));
  const release = releasePoints(runs, rules);
  const here = (claim: () => number | undefined) => withWindows(input.tables, (tables) => evaluateUnits({ rules, runs, starts, tables, others: new Map(), watchlists: input.watchlists, release }, claim, put));
  if (!input.workersOnly) {
    await here(claimer(counter, starts.length));
    for (const h of helpers) h.stop();
  }
  await Promise.all(helping);
  // Units a worker claimed but never reported (it failed, or was stopped before it was ready).
  const missing = starts.map((_, u) => u).filter((u) => !reported.has(u));
  if (missing.length > 0) {
    let next = 0;
    await here(() => missing[next++]);
  }
  return { results: results as RunResult[], threads: 1 + helpers.filter((h) => h.units > 0).length };
}

/** Runs `f` with a fresh reader of each table's windows, closed afterwards. */
export async function withWindows(tables: ReadonlyMap<string, SpilledTable>, f: (windows: Map<string, SpilledWindows>) => Promise<void>): Promise<void> {
  const windows = new Map<string, SpilledWindows>();
  try {
    for (const [name, t] of tables) windows.set(name, new SpilledWindows(t));
    await f(windows);
  } finally {
    for (const w of windows.values()) w.close();
  }
}

/**
 * One worker's share. A worker that is not ready by the time this thread runs out of units is
 * stopped rather than waited for (it would only find the counter exhausted).
 */
class Helper {
  private worker: Worker | null = null;
  private stopped = false;
  private started = false;
  /** Units this worker reported. */
  units = 0;

  async help(init: RunsInit, put: (unit: number, rs: readonly RunResult[]) => void): Promise<void> {
    let w: Worker;
    try {
      w = this.worker = await startWorker('run-worker', import.meta.url);
      if (!this.stopped) await whenReady(w);
    } catch {
      return; // could not start (e.g. a process started from the V8 snapshot): this thread does it all
    }
    try {
      if (this.stopped) return;
      this.started = true;
      await new Promise<void>((resolve) => {
        w.on('message', (m: FromRunWorker) => {
          if (m.type === 'unit' || m.type === 'unitJson') {
            this.units++;
            put(m.unit, m.type === 'unit' ? m.results : (JSON.parse(m.json) as RunResult[]));
          }
          else if (m.type === 'done' || m.type === 'failed') resolve();
        });
        w.once('error', () => resolve());
        w.once('exit', () => resolve());
        w.postMessage(init);
      });
    } finally {
      await w.terminate();
    }
  }

  /** This thread has no units left: a worker still loading will not get any. */
  stop(): void {
    this.stopped = true;
    if (!this.started) void this.worker?.terminate();
  }
}
