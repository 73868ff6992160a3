/**
 * Replays rules over history: every scheduled run across a time range, in time order, each run
 * seeing only its lookback window (schedule.ts). Each table is read once for all rules, with the
 * pre-filters they share (compiled.tableFilters(): the seed rule keeps ~1% of events), kept
 * in time buckets (window-store.ts; spilled to disk past a memory budget) and sliced per run, so
 * the cost grows with events, not runs x lookback, and memory with the lookback, not the input.
 */
import { collect } from '../kql/exec/batches.ts';
import { compileQuery, type CompiledQuery } from '../kql/engine.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import type { ScanPredicate, TableSource } from '../kql/scan.ts';
import { MemoryTable } from '../kql/file-table.ts';
import { emptyBatch, type Batch } from '../kql/types.ts';
import { AlertDeduper, alertsForRun, type Alert } from './alerts.ts';
import { placeholders } from './rule-yaml.ts';
import { sharedPredicates } from './shared-read.ts';
import { RuleError, type Rule } from './rule.ts';
import { DEFAULT_DELAY, tickAtOrAfter, tickAtOrBefore, ticksSeeing, triggers, windowAt, type RunWindow, type ScheduleOptions } from './schedule.ts';
import { timeGeneratedIndex, type IngestionMode } from './timeline.ts';
import { WindowStore } from './window-store.ts';
import type { Workspace } from './workspace.ts';

export interface ReplayOptions {
  /** Execution delay after each scheduled time (default 5m, Sentinel's). */
  readonly delay?: bigint;
  readonly ingestion?: IngestionMode;
  /** Added to delivery times in `delivery` mode (default 0). */
  readonly latency?: bigint;
  /** Scheduled times from/to (inclusive); default: every run whose window sees the data. */
  readonly from?: bigint;
  readonly to?: bigint;
  /** Scheduled times are anchor + k * frequency (default: clock-aligned). */
  readonly anchor?: bigint;
  /** Report every run's alerts, repeats included (Sentinel's raw behaviour). */
  readonly perRun?: boolean;
  /** Run the query even for runs whose window holds no rows (default: skip when safe). */
  readonly allRuns?: boolean;
  /** Estimated bytes of kept rows held in memory while reading before they are spilled to disk. */
  readonly memoryBudget?: number;
  /** Folder for spilled rows (default: the OS temp folder). */
  readonly spillDir?: string;
}

export interface RunRecord {
  readonly rule: Rule;
  readonly window: RunWindow;
  readonly resultCount: number;
  readonly triggered: boolean;
  readonly alerts: readonly Alert[];
}

export interface ReplayResult {
  readonly alerts: Alert[];
  readonly runs: RunRecord[];
  /** Rows kept per rule (after pushdown). */
  readonly rowsKept: Map<string, number>;
  /** Bytes of kept rows that went to disk because they did not fit the memory budget. */
  readonly spilledBytes: number;
  /** Wall time of the runs, after every table was read (milliseconds). */
  readonly runsMs: number;
}

export interface CompiledRule {
  readonly rule: Rule;
  readonly compiled: CompiledQuery;
}

/** Compiles a rule and checks that the columns its mappings name are in the result. */
export function compileRule(rule: Rule, workspace: Workspace, tables: ReadonlyMap<string, TableSource>): CompiledRule {
  const compiled = compileQuery(rule.query, workspace.catalog(tables), { file: `${rule.file} (query)`, cache: workspace.planCache });
  const columns = new Set(compiled.schema.map((c) => c.name));
  const check = (field: string, column: string): void => {
    if (!columns.has(column)) throw new RuleError(rule.file, field, `column "${column}" is not in the query's result (${[...columns].join(', ')})`);
  };
  rule.entityMappings.forEach((m, i) => m.fieldMappings.forEach((f, j) => check(`entityMappings[${i}].fieldMappings[${j}].columnName`, f.columnName)));
  for (const [k, col] of rule.customDetails) check(`customDetails.${k}`, col);
  const o = rule.alertDetailsOverride;
  if (o?.alertSeverityColumnName) check('alertDetailsOverride.alertSeverityColumnName', o.alertSeverityColumnName);
  if (o?.alertTacticsColumnName) check('alertDetailsOverride.alertTacticsColumnName', o.alertTacticsColumnName);
  for (const k of ['alertDisplayNameFormat', 'alertDescriptionFormat'] as const) {
    for (const col of placeholders(o?.[k] ?? '')) check(`alertDetailsOverride.${k}`, col);
  }
  return { rule, compiled };
}

/**
 * Whether runs with empty windows can be skipped: the query, run on empty tables, returns no
 * rows that would trigger. That holds for queries whose rows all come from input rows (the seed
 * rule) and fails for e.g. `summarize count()` (one row from no input) or `print`.
 */
async function emptyRunIsQuiet(cr: CompiledRule, tableNames: readonly string[], schemas: ReadonlyMap<string, TableSource>, watchlists: ReadonlyMap<string, Watchlist>, now: bigint): Promise<boolean> {
  const tables = new Map<string, TableSource>();
  for (const n of tableNames) tables.set(n, new MemoryTable(schemas.get(n)!.schema, emptyBatch(schemas.get(n)!.schema)));
  const r = await cr.compiled.run({ now, tables, watchlists });
  return r.length === 0 && !triggers(0, cr.rule.triggerOperator, cr.rule.triggerThreshold);
}

/** Scheduled-time spans of runs that can see some row, collected while the rows are read. */
class SpanSet {
  private readonly last = new Map<bigint, bigint>();

  add(first: bigint, last: bigint): void {
    const cur = this.last.get(first);
    if (cur === undefined || last > cur) this.last.set(first, last);
  }

  /** Merged, sorted [first, last] intervals (runs one frequency apart join). */
  merged(frequency: bigint): Array<[bigint, bigint]> {
    const spans = [...this.last].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const out: Array<[bigint, bigint]> = [];
    for (const sp of spans) {
      const last = out[out.length - 1];
      if (last && sp[0] <= last[1] + frequency) {
        if (sp[1] > last[1]) last[1] = sp[1];
      } else out.push([sp[0], sp[1]]);
    }
    return out;
  }
}

/** One rule's pending runs: scheduled times through its intervals, in order. */
interface RulePlan {
  readonly cr: CompiledRule;
  readonly schedule: ScheduleOptions;
  readonly tables: readonly string[];
  readonly intervals: Array<[bigint, bigint]>;
  interval: number;
  /** Next scheduled time, undefined when done. */
  next: bigint | undefined;
  suppressedUntil?: bigint;
}

function advance(p: RulePlan): void {
  if (p.next === undefined) return;
  const t = p.next + p.schedule.frequency;
  if (t <= p.intervals[p.interval]![1]) {
    p.next = t;
    return;
  }
  p.interval++;
  p.next = p.intervals[p.interval]?.[0];
}

/** Replays every rule and returns the alerts in time order (de-duplicated unless perRun). */
export async function replay(
  rules: readonly CompiledRule[],
  tables: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist>,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  const delay = options.delay ?? DEFAULT_DELAY;
  const schedules = rules.map((cr): ScheduleOptions => ({ frequency: cr.rule.queryFrequency, period: cr.rule.queryPeriod, delay, anchor: options.anchor }));
  const filters = rules.map((cr) => cr.compiled.tableFilters());
  const reads = filters.map((f) => [...f.keys()].filter((n) => tables.has(n)));
  const spans = rules.map(() => new SpanSet());
  const loaded = new Map<string, WindowStore | Batch>();
  try {
    // Each table is read once for all rules, with the pre-filters every rule's filter implies.
    for (const [name, source] of tables) {
      const users = reads.flatMap((r, i) => (r.includes(name) ? [i] : []));
      if (users.length === 0) continue;
      const lists = users.map((i) => filters[i]!.get(name)!);
      const predicates = lists.length > 1 ? sharedPredicates(lists) : lists[0]!;
      if (timeGeneratedIndex(source.schema) < 0) {
        loaded.set(name, await collect(source.schema, source.scan({ predicates })));
        continue;
      }
      const listeners = users.map((i) => (time: bigint, visible: bigint) => {
        const r = ticksSeeing(time, visible, schedules[i]!);
        if (r) spans[i]!.add(r.first, r.last);
      });
      const store = new WindowStore(
        source.schema,
        { ingestion: options.ingestion ?? 'ideal', latency: options.latency ?? 0n, memoryBudget: options.memoryBudget, spillDir: options.spillDir },
        listeners,
      );
      loaded.set(name, store);
      for await (const b of source.scan({ predicates })) store.add(b);
    }

    const runsStarted = performance.now();
    const rowsKept = new Map<string, number>();
    const plans: RulePlan[] = [];
    for (const [index, cr] of rules.entries()) {
      const s = schedules[index]!;
      const names = reads[index]!;
      rowsKept.set(cr.rule.id, names.reduce((n, t) => { const x = loaded.get(t); return n + (x instanceof WindowStore ? x.rows : 0); }, 0));
      // The runs to consider: the given range, else every run that can see some row.
      let busy = spans[index]!.merged(s.frequency);
      const from = options.from !== undefined ? tickAtOrAfter(options.from, s) : busy[0]?.[0];
      const to = options.to !== undefined ? tickAtOrBefore(options.to, s) : busy[busy.length - 1]?.[1];
      if (from === undefined || to === undefined || from > to) continue;
      const skip = !options.allRuns && (await emptyRunIsQuiet(cr, names, tables, watchlists, windowAt(from, s).now));
      if (!skip) busy = [[from, to]];
      const intervals = busy.flatMap(([a, b]): Array<[bigint, bigint]> => {
        const lo = a > from ? a : from;
        const hi = b < to ? b : to;
        return lo <= hi ? [[lo, hi]] : [];
      });
      plans.push({ cr, schedule: s, tables: names, intervals, interval: 0, next: intervals[0]?.[0] });
    }

    // All rules' runs in order of now() (ties: rule order), so each table's buckets are loaded
    // once and released as soon as no pending run's lookback reaches them.
    const runs: RunRecord[] = [];
    for (;;) {
      let p: RulePlan | undefined;
      for (const q of plans) {
        if (q.next === undefined) continue;
        if (!p || q.next + q.schedule.delay < p.next! + p.schedule.delay) p = q;
      }
      if (!p) break;
      const t = p.next!;
      // Suppression: stop running the rule for suppressionDuration after it alerts (§9.1).
      if (p.suppressedUntil === undefined || t >= p.suppressedUntil) {
        const { rule, compiled } = p.cr;
        const w = windowAt(t, p.schedule);
        const runTables = new Map<string, TableSource>();
        for (const n of p.tables) {
          const x = loaded.get(n)!;
          runTables.set(n, x instanceof WindowStore ? x.window(w) : new MemoryTable(x.schema, x));
        }
        const result = await compiled.run({ now: w.now, tables: runTables, watchlists });
        const triggered = triggers(result.length, rule.triggerOperator, rule.triggerThreshold);
        const alerts = triggered ? alertsForRun(rule, w, result) : [];
        runs.push({ rule, window: w, resultCount: result.length, triggered, alerts });
        if (triggered && rule.suppressionEnabled) p.suppressedUntil = t + rule.suppressionDuration;
      }
      advance(p);
      for (const [name, x] of loaded) {
        if (!(x instanceof WindowStore)) continue;
        let before: bigint | undefined;
        for (const q of plans) {
          if (q.next === undefined || !q.tables.includes(name)) continue;
          const start = windowAt(q.next, q.schedule).start;
          if (before === undefined || start < before) before = start;
        }
        if (before !== undefined) x.release(before);
      }
    }

    const dedupers = new Map<string, AlertDeduper>();
    const alerts: Alert[] = [];
    for (const run of runs) {
      let d = dedupers.get(run.rule.id);
      if (!d) dedupers.set(run.rule.id, (d = new AlertDeduper()));
      for (const a of run.alerts) if (options.perRun || d.accept(a)) alerts.push(a);
    }
    let spilledBytes = 0;
    for (const x of loaded.values()) if (x instanceof WindowStore) spilledBytes += x.spilledBytes;
    return { alerts, runs, rowsKept, spilledBytes, runsMs: performance.now() - runsStarted };
  } finally {
    for (const x of loaded.values()) if (x instanceof WindowStore) x.close();
  }
}
