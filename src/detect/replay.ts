/**
 * Replays rules over history: every scheduled run across a time range, in time order, each run
 * seeing only its lookback window (schedule.ts). Each table is read once for all rules, with the
 * pre-filters they share (compiled.tableFilters(): the seed rule keeps ~1% of events), kept
 * in time buckets (window-store.ts; spilled to disk past a memory budget) and sliced per run, so
 * the cost grows with events, not runs x lookback, and memory with the lookback, not the input.
 */
import { collect, selectRows } from '../kql/exec/batches.ts';
import { rowsPassing } from '../kql/exec/predicate-rows.ts';
import { bindExternalData, compileQuery, type CatalogSchema, type CompileOptions, type CompiledQuery } from '../kql/engine.ts';
import { KqlError, QueryCancelledError } from '../kql/errors.ts';
import { commonPredicates, predicateKey } from '../kql/exec/common-predicates.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import type { ScanPredicate, TableSource } from '../kql/scan.ts';
import type { RequestProperties } from '../kql/request-properties.ts';
import { MemoryTable } from '../kql/file-table.ts';
import { emptyBatch, type Batch } from '../kql/types.ts';
import { AlertDeduper, type Alert } from './alerts.ts';
import { placeholders } from './rule-yaml.ts';
import { elsewhereFor, type CompileAll } from './compile-batch.ts';
import { planReads, sharedColumns } from './shared-read.ts';
import { RuleError, type Rule } from './rule.ts';
import { DEFAULT_DELAY, tickAtOrAfter, tickAtOrBefore, ticksSeeing, triggers, windowAt, type RunWindow, type ScheduleOptions } from './schedule.ts';
import { timeGeneratedIndex, type IngestionMode } from './timeline.ts';
import { evaluateInParallel, withWindows } from './run-pool.ts';
import { errorMessage, evaluateRun, isLimitError, storeKey, releaseBefore, releasePoints, type RunResult, type RunRule, type ScheduledRun } from './run-units.ts';
import { SpillBudget, WindowStore, type SpilledTable } from './window-store.ts';
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
  /**
   * Worker threads that evaluate runs beside this one (default 0). On 2 cores a worker made the runs
   * slower, not faster (docs/performance.md, "Parallel runs").
   */
  readonly runWorkers?: number;
  /** Fewest runs and kept rows worth handing to worker threads (default PARALLEL_MINIMUM). */
  readonly parallelMinimum?: { readonly runs: number; readonly rows: number };
  /** Tests: with worker threads, they evaluate every run they can (this thread only what they did not). */
  readonly runsOnWorkers?: boolean;
  /** Client request properties of every run: the per-query memory budget (--max-memory). */
  readonly properties?: RequestProperties;
  /** Tests and measurements: the shared read maps every column, not only those the rules read. */
  readonly readAllColumns?: boolean;
  /**
   * Stops the replay (serve's detections call: the client went away, or its servertimeout passed):
   * checked between the batches it reads, between runs and between a run's batches. The replay
   * then throws the signal's reason when it is an Error, else a QueryCancelledError.
   */
  readonly signal?: AbortSignal;
  /**
   * The most scheduled runs of all rules together (default: no bound). serve bounds them: a
   * client's from/to could otherwise ask for billions of runs, whose schedule alone would
   * exhaust memory before any check.
   */
  readonly maxRuns?: number;
}

/** The replay's range holds more scheduled runs than ReplayOptions.maxRuns allows. */
export class TooManyRunsError extends Error {
  constructor(readonly maxRuns: number) {
    super(`The range holds more than ${maxRuns} scheduled runs of the rules: narrow from/to.`);
    this.name = 'TooManyRunsError';
  }
}

/**
 * Below this many runs or kept rows, evaluating the runs here is quicker than starting a worker
 * thread and writing every kept row to the spill file for it (docs/performance.md, "Parallel runs").
 */
export const PARALLEL_MINIMUM = { runs: 1000, rows: 20_000 } as const;

export interface RunRecord {
  readonly rule: Rule;
  readonly window: RunWindow;
  readonly resultCount: number;
  readonly triggered: boolean;
  readonly alerts: readonly Alert[];
}

/**
 * A run stopped by a query limit (E_RUNAWAY_QUERY): reported, and the other runs went on, as a
 * scheduled rule's failed run in Sentinel is recorded in its health and the next runs still run.
 */
export interface FailedRun {
  readonly rule: Rule;
  readonly window: RunWindow;
  readonly message: string;
}

export interface ReplayResult {
  readonly alerts: Alert[];
  readonly runs: RunRecord[];
  /** Runs stopped by a query limit, in order; they are not in `runs` and raised no alert. */
  readonly failedRuns: FailedRun[];
  /** Rows kept per rule (after pushdown). */
  readonly rowsKept: Map<string, number>;
  /** Bytes of kept rows that went to disk because they did not fit the memory budget. */
  readonly spilledBytes: number;
  /** Wall time of the runs, after every table was read (milliseconds). */
  readonly runsMs: number;
  /** Threads that evaluated runs (1, or more when worker threads took part). */
  readonly runThreads: number;
}

export interface CompiledRule {
  /** The rule as it runs: custom details naming a column the query does not output are left out. */
  readonly rule: Rule;
  readonly compiled: CompiledQuery;
  /** The rule's load warnings and those found compiling it, each naming the file and field. */
  readonly warnings: readonly string[];
}

/** The file name a rule's query errors give. */
const queryFile = (rule: Rule): string => `${rule.file} (query)`;

/**
 * Compiles a rule and checks that the columns its mappings name are in the result. Sentinel
 * refuses to save a rule whose entity mappings or alert details name a column the query does not
 * output ("Error in EntityMappings: The given column 'X' does not exist", Azure-Sentinel issues
 * 6363 and 11671), so those are errors; it accepts custom details that do (Microsoft publishes
 * such a rule), so such a detail is a warning and is left out of the alerts.
 */
export function compileRule(
  rule: Rule, workspace: Workspace, tables: ReadonlyMap<string, TableSource>,
  how: { readonly catalog?: CatalogSchema; readonly elsewhere?: CompileOptions['elsewhere'] } = {},
): CompiledRule {
  const compiled = compileQuery(rule.query, how.catalog ?? workspace.catalog(tables), { file: queryFile(rule), cache: workspace.planCache, ...(how.elsewhere ? { elsewhere: how.elsewhere } : {}) });
  const columns = new Set(compiled.schema.map((c) => c.name));
  const listed = (): string => [...columns].join(', ');
  const check = (field: string, column: string): void => {
    if (!columns.has(column)) throw new RuleError(rule.file, field, `column "${column}" is not in the query's result (${listed()})`);
  };
  rule.entityMappings.forEach((m, i) => m.fieldMappings.forEach((f, j) => check(`entityMappings[${i}].fieldMappings[${j}].columnName`, f.columnName)));
  const o = rule.alertDetailsOverride;
  if (o?.alertSeverityColumnName) check('alertDetailsOverride.alertSeverityColumnName', o.alertSeverityColumnName);
  if (o?.alertTacticsColumnName) check('alertDetailsOverride.alertTacticsColumnName', o.alertTacticsColumnName);
  for (const k of ['alertDisplayNameFormat', 'alertDescriptionFormat'] as const) {
    for (const col of placeholders(o?.[k] ?? '')) check(`alertDetailsOverride.${k}`, col);
  }
  const warnings = [...(rule.warnings ?? [])];
  const customDetails = new Map<string, string>();
  for (const [k, col] of rule.customDetails) {
    if (columns.has(col)) customDetails.set(k, col);
    else warnings.push(`${rule.file}: customDetails.${k}: column "${col}" is not in the query's result; the detail is left out of the alerts (${listed()})`);
  }
  const runs = customDetails.size === rule.customDetails.size ? rule : { ...rule, customDetails };
  return { rule: runs, compiled, warnings };
}

/**
 * Compiles rules (compileRule) against one catalog. The rules the plan cache lacks go to
 * `compileAll` together, when given: a process that compiles them all at once where the official
 * parser is already loaded (src/cli/compile-child.ts), so this one never loads it (~60 MB kept
 * for the whole replay, ~2 s of CPU).
 */
export function compileRules(rules: readonly Rule[], workspace: Workspace, tables: ReadonlyMap<string, TableSource>, compileAll?: CompileAll): CompiledRule[] {
  const catalog = workspace.catalog(tables);
  const elsewhere = elsewhereFor(compileAll, workspace, catalog, rules.map((r) => ({ text: r.query, file: queryFile(r) })));
  return rules.map((r) => compileRule(r, workspace, tables, { catalog, ...(elsewhere ? { elsewhere } : {}) }));
}

/**
 * The rule with its externaldata read once from the workspace's source (engine bindExternalData):
 * every scheduled run, in any thread, then uses the same rows, as they were when the replay began.
 */
export async function withExternalData(cr: CompiledRule, workspace: Workspace): Promise<CompiledRule> {
  let compiled: CompiledQuery;
  try {
    compiled = await bindExternalData(cr.compiled, workspace.externalData);
  } catch (e) {
    if (e instanceof KqlError && !e.source) throw new KqlError(e.kind, `${cr.rule.file} (query): ${e.message}`, e.span, cr.rule.file);
    throw e;
  }
  return compiled === cr.compiled ? cr : { ...cr, compiled };
}

/**
 * Whether runs with empty windows can be skipped: the query, run on empty tables, returns no
 * rows that would trigger. That holds for queries whose rows all come from input rows (the seed
 * rule) and fails for e.g. `summarize count()` (one row from no input) or `print`.
 */
async function emptyRunIsQuiet(
  cr: CompiledRule,
  tableNames: readonly string[],
  schemas: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist>,
  now: bigint,
  properties: RequestProperties | undefined,
): Promise<boolean> {
  const tables = new Map<string, TableSource>();
  for (const n of tableNames) tables.set(n, new MemoryTable(schemas.get(n)!.schema, emptyBatch(schemas.get(n)!.schema)));
  let r: Batch;
  try {
    r = await cr.compiled.run({ now, tables, watchlists, properties });
  } catch (e) {
    // A query that exceeds a limit on no rows at all fails every run: none is skipped.
    if (isLimitError(e)) return false;
    throw e;
  }
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

/** Every pending run of the plans, in order of scheduled time (ties: rule order). */
function scheduleOf(plans: RulePlan[], maxRuns = Infinity): ScheduledRun[] {
  const out: ScheduledRun[] = [];
  for (;;) {
    if (out.length > maxRuns) throw new TooManyRunsError(maxRuns);
    let p: number | undefined;
    for (const [i, q] of plans.entries()) {
      if (q.next === undefined) continue;
      if (p === undefined || q.next + q.schedule.delay < plans[p]!.next! + plans[p]!.schedule.delay) p = i;
    }
    if (p === undefined) return out;
    out.push({ rule: p, t: plans[p]!.next! });
    advance(plans[p]!);
  }
}

/** Every windowed table's rows written to its spill file, for threads that read it on their own. */
function handOff(stores: ReadonlyMap<string, WindowStore>): Map<string, SpilledTable> {
  const out = new Map<string, SpilledTable>();
  for (const [name, store] of stores) out.set(name, store.handOff());
  return out;
}

/**
 * The error a run threw. One that came from a worker thread is only its message: the run is
 * evaluated again here (over a fresh read of the spill files) to throw the error itself.
 */
async function originalError(
  error: unknown,
  r: RunRule,
  t: bigint,
  stores: ReadonlyMap<string, WindowStore>,
  others: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist>,
): Promise<unknown> {
  if (!(error instanceof Object && 'remote' in error)) return error;
  let again: RunResult | undefined;
  await withWindows(handOff(stores), async (windows) => {
    again = await evaluateRun(r, t, windows, others, watchlists);
  });
  return again && 'error' in again ? again.error : new Error(`a run at ${t} failed in a worker thread but not when repeated: ${(error as { message?: string }).message}`);
}

/** What an aborted replay throws: the signal's reason when it is an Error (serve's timeout), else a cancellation. */
function stopIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : new QueryCancelledError('cancelled', 'The replay was cancelled.');
}

/** How long the runs go on before they let the event loop in (so an abort from a socket or a timer gets through). */
const SLICE_MS = 50;

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
  const columnsRead = rules.map((cr) => cr.compiled.tableColumns());
  const reads = filters.map((f) => [...f.keys()].filter((n) => tables.has(n)));
  const spans = rules.map(() => new SpanSet());
  const loaded = new Map<string, WindowStore | Batch>();
  /** For each rule, the store of each windowed table it reads (run-units.ts storeKey). */
  const storeOf = rules.map(() => new Map<string, string>());
  const signal = options.signal;
  try {
    stopIfAborted(signal);
    // Each table is read for all rules at once (or in a few reads: planReads), with the pre-filters
    // every rule of a read implies.
    for (const [name, source] of tables) {
      const users = reads.flatMap((r, i) => (r.includes(name) ? [i] : []));
      if (users.length === 0) continue;
      const timed = timeGeneratedIndex(source.schema) >= 0;
      const also = timed ? ['TimeGenerated'] : [];
      const readOf = (rulesOfRead: readonly number[]) => {
        const lists = rulesOfRead.map((i) => filters[i]!.get(name)!);
        const predicates = lists.length > 1 ? commonPredicates(lists) : lists[0]!;
        // Only the columns the rules read are mapped (the window store files rows by TimeGenerated).
        const columns = options.readAllColumns ? undefined : sharedColumns(rulesOfRead.map((i) => columnsRead[i]!.get(name)), also);
        return { predicates, ...(columns ? { columns } : {}) };
      };
      if (!timed) {
        loaded.set(name, await collect(source.schema, source.scan(readOf(users))));
        stopIfAborted(signal);
        continue;
      }
      const listener = (i: number) => (time: bigint, visible: bigint) => {
        const r = ticksSeeing(time, visible, schedules[i]!);
        if (r) spans[i]!.add(r.first, r.last);
      };
      // Each rule keeps the rows its own pre-filter keeps, at the columns it reads (rules with the
      // same pre-filter and columns share them). Kept for all rules at once, a row that any rule
      // needs would carry every column any rule reads: Microsoft's 73 rules keep 83 % of records
      // (one pre-filter is `UserAgent has "aws"`) at all 53 columns that way.
      const groups = new Map<string, number[]>();
      for (const i of users) {
        const cols = columnsRead[i]!.get(name);
        const k = `${predicateKey(filters[i]!.get(name)!)} ${JSON.stringify(cols === undefined || options.readAllColumns ? null : [...cols].sort())}`;
        groups.set(k, [...(groups.get(k) ?? []), i]);
      }
      const budget = new SpillBudget(options.memoryBudget);
      const stores = [...groups.values()].map((group, g) => {
        const key = storeKey(name, g);
        for (const i of group) storeOf[i]!.set(name, key);
        const kept = options.readAllColumns ? undefined : columnsRead[group[0]!]!.get(name);
        const store = new WindowStore(
          source.schema,
          { ingestion: options.ingestion ?? 'ideal', latency: options.latency ?? 0n, budget, spillDir: options.spillDir, ...(kept ? { columns: kept } : {}) },
          group.map(listener),
        );
        loaded.set(key, store);
        return { store, rules: group, predicates: filters[group[0]!]!.get(name)! };
      });
      const plan = planReads(stores.map((s) => ({ predicates: s.predicates, columns: options.readAllColumns ? undefined : columnsRead[s.rules[0]!]!.get(name) })));
      for (const members of plan) {
        // with one store the read applied its pre-filter
        const fed = members.map((g) => ({ store: stores[g]!.store, own: members.length > 1 ? stores[g]!.predicates : [] }));
        for await (const b of source.scan(readOf(members.flatMap((g) => stores[g]!.rules)))) {
          stopIfAborted(signal);
          for (const { store, own } of fed) {
            const rows = own.length > 0 ? rowsPassing(b, own) : null;
            if (rows === null) store.add(b);
            else if (rows.length > 0) store.add(selectRows(b, rows));
          }
        }
        stopIfAborted(signal);
      }
    }

    const runsStarted = performance.now();
    const rowsKept = new Map<string, number>();
    const plans: RulePlan[] = [];
    for (const [index, cr] of rules.entries()) {
      const s = schedules[index]!;
      const names = reads[index]!;
      const keys = names.map((n) => storeOf[index]!.get(n) ?? n);
      rowsKept.set(cr.rule.id, keys.reduce((n, t) => { const x = loaded.get(t); return n + (x instanceof WindowStore ? x.rows : 0); }, 0));
      // The runs to consider: the given range, else every run that can see some row.
      let busy = spans[index]!.merged(s.frequency);
      const from = options.from !== undefined ? tickAtOrAfter(options.from, s) : busy[0]?.[0];
      const to = options.to !== undefined ? tickAtOrBefore(options.to, s) : busy[busy.length - 1]?.[1];
      if (from === undefined || to === undefined || from > to) continue;
      const skip = !options.allRuns && (await emptyRunIsQuiet(cr, names, tables, watchlists, windowAt(from, s).now, options.properties));
      stopIfAborted(signal);
      if (!skip) busy = [[from, to]];
      const intervals = busy.flatMap(([a, b]): Array<[bigint, bigint]> => {
        const lo = a > from ? a : from;
        const hi = b < to ? b : to;
        return lo <= hi ? [[lo, hi]] : [];
      });
      plans.push({ cr, schedule: s, tables: keys, intervals, interval: 0, next: intervals[0]?.[0] });
    }

    // All rules' runs in order of now() (ties: rule order): each table's windows then move
    // forward in time, loading each bucket once and dropping it when no later run reaches it.
    const scheduled = scheduleOf(plans, options.maxRuns);
    const runRules: RunRule[] = plans.map((p) => ({
      rule: p.cr.rule,
      compiled: p.cr.compiled,
      schedule: p.schedule,
      tables: p.tables.filter((n) => loaded.get(n) instanceof WindowStore),
      properties: options.properties,
    }));
    const others = new Map<string, TableSource>();
    for (const [name, x] of loaded) if (!(x instanceof WindowStore)) others.set(name, new MemoryTable(x.schema, x));
    const stores = new Map<string, WindowStore>();
    for (const [name, x] of loaded) if (x instanceof WindowStore) stores.set(name, x);
    const workers = options.runWorkers ?? 0;
    const minimum = options.parallelMinimum ?? PARALLEL_MINIMUM;
    const kept = [...stores.values()].reduce((n, s) => n + s.rows, 0);
    const parallel =
      workers > 0 && others.size === 0 && scheduled.length >= minimum.runs && kept >= minimum.rows
        ? await evaluateInParallel({ rules: runRules, runs: scheduled, tables: handOff(stores), watchlists, workers, workersOnly: options.runsOnWorkers })
        : null;
    stopIfAborted(signal);
    const results = parallel?.results;
    const release = results ? null : releasePoints(scheduled, runRules);

    // Suppression (§9.1): a rule that alerts is not run again for suppressionDuration. It depends
    // on earlier runs, so it is decided here, in order; in parallel mode the runs it skips were
    // evaluated anyway and their results are dropped.
    const runs: RunRecord[] = [];
    const failedRuns: FailedRun[] = [];
    const suppressedUntil = new Map<number, bigint>();
    let sliceEnd = performance.now() + SLICE_MS;
    for (const [i, run] of scheduled.entries()) {
      if (signal) {
        stopIfAborted(signal);
        if (performance.now() > sliceEnd) {
          await new Promise<void>((r) => setImmediate(r));
          sliceEnd = performance.now() + SLICE_MS;
          stopIfAborted(signal);
        }
      }
      const until = suppressedUntil.get(run.rule);
      if (until !== undefined && run.t < until) continue;
      const r = runRules[run.rule]!;
      let result = results?.[i];
      if (result === undefined) {
        releaseBefore(release!, stores, i);
        result = await evaluateRun(r, run.t, stores, others, watchlists, signal);
      }
      // A run stopped by the signal failed for the replay's reason, not its own.
      stopIfAborted(signal);
      if ('error' in result) {
        if (!isLimitError(result.error)) throw await originalError(result.error, r, run.t, stores, others, watchlists);
        failedRuns.push({ rule: r.rule, window: windowAt(run.t, r.schedule), message: errorMessage(result.error) });
        continue;
      }
      runs.push({ rule: r.rule, window: windowAt(run.t, r.schedule), ...result });
      if (result.triggered && r.rule.suppressionEnabled) suppressedUntil.set(run.rule, run.t + r.rule.suppressionDuration);
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
    return { alerts, runs, failedRuns, rowsKept, spilledBytes, runsMs: performance.now() - runsStarted, runThreads: parallel?.threads ?? 1 };
  } finally {
    for (const x of loaded.values()) if (x instanceof WindowStore) x.close();
  }
}
