/**
 * Replays rules over history: every scheduled run across a time range, in time order, each run
 * seeing only its lookback window (schedule.ts). The logs are read once per distinct pushed-down
 * filter (compiled.tableFilters(): the seed rule keeps ~1% of events), kept sorted in memory
 * (timeline.ts) and sliced per run, so the cost grows with events, not runs x lookback.
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
import { Timeline, type IngestionMode } from './timeline.ts';
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
  /** Rows read into memory per rule (after pushdown). */
  readonly rowsKept: Map<string, number>;
}

export interface CompiledRule {
  readonly rule: Rule;
  readonly compiled: CompiledQuery;
}

/** Compiles a rule and checks that the columns its mappings name are in the result. */
export function compileRule(rule: Rule, workspace: Workspace, tables: ReadonlyMap<string, TableSource>): CompiledRule {
  const compiled = compileQuery(rule.query, workspace.catalog(tables), { file: `${rule.file} (query)` });
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

/** Reads each table once per distinct pushed-down filter and keeps the rows as timelines. */
export class TimelineCache {
  private readonly cache = new Map<string, Promise<Timeline | Batch>>();
  constructor(
    readonly tables: ReadonlyMap<string, TableSource>,
    readonly ingestion: IngestionMode,
    readonly latency: bigint,
    /** Per table, predicates to read it with for every rule (one read shared by all rules). */
    readonly shared: ReadonlyMap<string, readonly ScanPredicate[]> = new Map(),
  ) {}

  /** A Timeline for tables with TimeGenerated, else the whole table as one batch (not windowed). */
  get(table: string, own: readonly ScanPredicate[]): Promise<Timeline | Batch> {
    const predicates = this.shared.get(table) ?? own;
    const key = `${table}\u0000${JSON.stringify(predicates, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    let p = this.cache.get(key);
    if (!p) {
      const source = this.tables.get(table);
      p = (async () => {
        if (!source) throw new Error(`no table ${table}`);
        const all = await collect(source.schema, source.scan({ predicates }));
        const windowed = source.schema.some((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
        return windowed ? new Timeline(source.schema, all, { ingestion: this.ingestion, latency: this.latency }) : all;
      })();
      this.cache.set(key, p);
    }
    return p;
  }
}

/** Merged, sorted [first, last] scheduled-time intervals whose runs see at least one row. */
function busyIntervals(timelines: readonly Timeline[], s: ScheduleOptions): Array<[bigint, bigint]> {
  const spans: Array<[bigint, bigint]> = [];
  for (const t of timelines) {
    for (let i = 0; i < t.length; i++) {
      const r = ticksSeeing(t.times[i]!, t.visible[i]!, s);
      if (r) spans.push([r.first, r.last]);
    }
  }
  spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: Array<[bigint, bigint]> = [];
  for (const sp of spans) {
    const last = out[out.length - 1];
    if (last && sp[0] <= last[1] + s.frequency) {
      if (sp[1] > last[1]) last[1] = sp[1];
    } else out.push([sp[0], sp[1]]);
  }
  return out;
}

/**
 * Whether runs with empty windows can be skipped: the query, run on empty tables, returns no
 * rows that would trigger. That holds for queries whose rows all come from input rows (the seed
 * rule) and fails for e.g. `summarize count()` (one row from no input) or `print`.
 */
async function emptyRunIsQuiet(cr: CompiledRule, tableNames: string[], schemas: Map<string, TableSource>, watchlists: ReadonlyMap<string, Watchlist>, now: bigint): Promise<boolean> {
  const tables = new Map<string, TableSource>();
  for (const n of tableNames) tables.set(n, new MemoryTable(schemas.get(n)!.schema, emptyBatch(schemas.get(n)!.schema)));
  const r = await cr.compiled.run({ now, tables, watchlists });
  return r.length === 0 && !triggers(0, cr.rule.triggerOperator, cr.rule.triggerThreshold);
}

export async function replayRule(
  cr: CompiledRule,
  cache: TimelineCache,
  watchlists: ReadonlyMap<string, Watchlist>,
  options: ReplayOptions = {},
): Promise<{ runs: RunRecord[]; rowsKept: number }> {
  const { rule, compiled } = cr;
  const s: ScheduleOptions = { frequency: rule.queryFrequency, period: rule.queryPeriod, delay: options.delay ?? DEFAULT_DELAY, anchor: options.anchor };
  const filters = compiled.tableFilters();
  const names = [...filters.keys()].filter((n) => cache.tables.has(n));
  const loaded = new Map<string, Timeline | Batch>();
  for (const n of names) loaded.set(n, await cache.get(n, filters.get(n)!));
  const timelines = [...loaded.values()].filter((x): x is Timeline => x instanceof Timeline);
  const rowsKept = timelines.reduce((n, t) => n + t.length, 0);

  // The runs to consider: the given range, else every run that can see some row.
  let busy = busyIntervals(timelines, s);
  const from = options.from !== undefined ? tickAtOrAfter(options.from, s) : busy[0]?.[0];
  const to = options.to !== undefined ? tickAtOrBefore(options.to, s) : busy[busy.length - 1]?.[1];
  if (from === undefined || to === undefined || from > to) return { runs: [], rowsKept };
  const sources = new Map<string, TableSource>([...cache.tables].filter(([n]) => names.includes(n)));
  const skip = !options.allRuns && (await emptyRunIsQuiet(cr, names, sources, watchlists, windowAt(from, s).now));
  if (!skip) busy = [[from, to]];

  const runs: RunRecord[] = [];
  let suppressedUntil: bigint | undefined;
  for (const [a, b] of busy) {
    const lo = a > from ? a : from;
    const hi = b < to ? b : to;
    for (let t = lo; t <= hi; t += s.frequency) {
      if (suppressedUntil !== undefined && t < suppressedUntil) continue;
      const w = windowAt(t, s);
      const tables = new Map<string, TableSource>();
      for (const [n, x] of loaded) {
        tables.set(n, x instanceof Timeline ? x.window(w) : new MemoryTable(x.schema, x));
      }
      const result = await compiled.run({ now: w.now, tables, watchlists });
      const triggered = triggers(result.length, rule.triggerOperator, rule.triggerThreshold);
      const alerts = triggered ? alertsForRun(rule, w, result) : [];
      runs.push({ rule, window: w, resultCount: result.length, triggered, alerts });
      // Suppression: stop running the rule for suppressionDuration after it alerts (§9.1).
      if (triggered && rule.suppressionEnabled) suppressedUntil = t + rule.suppressionDuration;
    }
  }
  return { runs, rowsKept };
}

/** Replays every rule and returns the alerts in time order (de-duplicated unless perRun). */
export async function replay(
  rules: readonly CompiledRule[],
  tables: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist>,
  options: ReplayOptions = {},
): Promise<ReplayResult> {
  // Each table is read once for all rules, with the pre-filters every rule's filter implies.
  const filters = rules.map((cr) => cr.compiled.tableFilters());
  const shared = new Map<string, ScanPredicate[]>();
  for (const name of tables.keys()) {
    const lists = filters.filter((f) => f.has(name)).map((f) => f.get(name)!);
    if (lists.length > 1) shared.set(name, sharedPredicates(lists));
  }
  const cache = new TimelineCache(tables, options.ingestion ?? 'ideal', options.latency ?? 0n, shared);
  const runs: RunRecord[] = [];
  const rowsKept = new Map<string, number>();
  for (const cr of rules) {
    const r = await replayRule(cr, cache, watchlists, options);
    runs.push(...r.runs);
    rowsKept.set(cr.rule.id, r.rowsKept);
  }
  runs.sort((x, y) => (x.window.now < y.window.now ? -1 : x.window.now > y.window.now ? 1 : 0));
  const dedupers = new Map<string, AlertDeduper>();
  const alerts: Alert[] = [];
  for (const run of runs) {
    let d = dedupers.get(run.rule.id);
    if (!d) dedupers.set(run.rule.id, (d = new AlertDeduper()));
    for (const a of run.alerts) if (options.perRun || d.accept(a)) alerts.push(a);
  }
  return { alerts, runs, rowsKept };
}
