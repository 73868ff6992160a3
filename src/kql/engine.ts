/**
 * The KQL engine's public face: compile a query against a catalog (official parser and binder,
 * then our plan; or the plan kept by a PlanCache from an earlier compile), and run the plan with
 * a pinned now() over table sources.
 */
import type { RunContext, Watchlist } from './exec/context.ts';
import { newRunContext } from './exec/context.ts';
import { execute } from './exec/execute.ts';
import { defaultMaxMemory, DEFAULT_PER_ITERATOR, QueryMemory } from './exec/memory.ts';
import { collectResultSet, truncated, truncationLimits, type ResultSet } from './exec/truncation.ts';
import { mergeProperties, type RequestProperties } from './request-properties.ts';
import type { Visualization } from './visualization.ts';
import { scanPredicates } from './exec/pushdown.ts';
import { commonPredicates } from './exec/common-predicates.ts';
import { scanColumns, tableColumns } from './exec/projection.ts';
import type { Plan } from './plan/plan.ts';
import { pushFiltersBelowProjections } from './plan/filter-pushdown.ts';
import { sortTakeAsTop } from './plan/sort-take.ts';
import type { ScanPredicate, TableSource } from './scan.ts';
import { analyze, checkNesting, DiagnosticsError, formatDiagnostic, type Diagnostic } from './syntax/analyze.ts';
import { buildGlobalState, type CatalogSchema, type StoredFunctionDecl } from './syntax/catalog.ts';
import { Lowerer } from './syntax/lowerer.ts';
import { storeParserCodeCache, useParserCodeCache } from './syntax/bridge.ts';
import { dropUnresolvedFuzzyLegs } from './syntax/fuzzy-union.ts';
import { KqlError, QueryCancelledError } from './errors.ts';
import type { CachedCompile, PlanCache } from './cache/plan-cache.ts';
import type { CompileRequest } from './cache/remote-compile.ts';
import type { ExternalDataSource } from './external/read.ts';
import { bindPlanExternalData } from './external/bind.ts';
import type { Batch, Schema } from './types.ts';

export type { CatalogSchema, StoredFunctionDecl, Watchlist, TableSource, Batch, Schema, PlanCache, Diagnostic, ExternalDataSource, RequestProperties, ResultSet };
export { formatDiagnostic };

export interface RunInput {
  /** now() for this run: datetime ticks. */
  readonly now: bigint;
  readonly tables: ReadonlyMap<string, TableSource>;
  readonly watchlists?: ReadonlyMap<string, Watchlist>;
  /** Where externaldata reads its URIs (see bindExternalData to read them once for many runs). */
  readonly externalData?: ExternalDataSource;
  /**
   * The client's request properties (e.g. `max_memory_consumption_per_query_per_node` from the
   * CLI's --max-memory); the query's own `set` statements combine with them as in Kusto (the lower
   * limit wins). Without a memory budget anywhere, the run gets defaultMaxMemory().
   */
  readonly properties?: RequestProperties;
  /**
   * When the run must stop (Date.now() milliseconds): past it, the run fails with
   * QueryCancelledError('timeout'), as a query past its `servertimeout` does in Kusto.
   */
  readonly deadline?: number;
  /** Stops the run (QueryCancelledError('cancelled')), e.g. when the client went away. */
  readonly signal?: AbortSignal;
  /**
   * Scans read every column of their table, not only those the query reads (projection
   * pushdown off): for tests and measurements that compare the two.
   */
  readonly readAllColumns?: boolean;
  /**
   * Summarize and count over a table run as before, on rows handed to this thread, instead of
   * being computed by the table's readers (partial aggregation off, exec/partial.ts): for tests
   * and measurements that compare the two.
   */
  readonly noPartialAggregation?: boolean;
}

export interface CompiledQuery {
  readonly text: string;
  readonly plan: Plan;
  readonly schema: Schema;
  readonly warnings: readonly Diagnostic[];
  /** Request properties of the query's `set` statements. */
  readonly properties: RequestProperties;
  /** How the query's final `render` asks a client to draw the result (none without render). */
  readonly visualization?: Visualization;
  /** The result as a stream of batches. */
  stream(input: RunInput): AsyncIterable<Batch>;
  /** The whole result in one batch (no result truncation: for rules and tests). */
  run(input: RunInput): Promise<Batch>;
  /**
   * The result as Kusto returns it to a client: truncated past 500,000 records or 64 MB unless
   * the properties say otherwise, with Kusto's partial query failure message when it was.
   */
  resultSet(input: RunInput): Promise<ResultSet>;
  /** resultSet as a stream (flat memory for any number of rows); the failure is known once it ends. */
  resultStream(input: RunInput): ResultStream;
  /**
   * For each table the query reads, the pre-filter that holds for every scan of it whatever
   * now() is (time bounds, which depend on now(), are left out). A table scanned in several
   * places gets what every scan's filter implies (exec/common-predicates.ts).
   */
  tableFilters(): Map<string, ScanPredicate[]>;
  /**
   * For each table the query reads, the columns it reads (all its scans together); undefined
   * when some scan needs every column. A reader that reads once for many runs asks for these.
   */
  tableColumns(): Map<string, ReadonlySet<string> | undefined>;
  /**
   * For each table, the earliest value of a datetime `column` that a run at this now() reads:
   * the loosest of its scans' pushed-down lower bounds (`where TimeGenerated > ago(1h)`), or
   * undefined when some scan has none. A replay drops kept rows older than this sooner.
   */
  tableLowerBounds(now: bigint, column: string): Map<string, bigint | undefined>;
}

export interface ResultStream {
  readonly batches: AsyncIterable<Batch>;
  /** Kusto's partial query failure message when the stream was truncated (after it ended). */
  partialFailure(): string | undefined;
}

export interface CompileOptions {
  /** File name used in error messages. */
  readonly file?: string;
  /** Where compiled plans are kept between runs; a hit does not load the official parser at all. */
  readonly cache?: PlanCache;
  /**
   * Compiles in another process where the official parser is already loaded (cache/remote-compile.ts),
   * on a cache miss: the compile, or undefined to compile in this process; throws the binder's errors.
   */
  readonly elsewhere?: (request: CompileRequest) => CachedCompile | undefined;
}

/** Diagnostics the service would not report: see docs/kql.md ("late-bound function bodies"). */
function ignorable(d: Diagnostic, text: string): boolean {
  // A let-function whose tabular parameter is declared `(*)` may use columns the declaration
  // cannot know; Kusto binds such a body at its call site, and so do we (the expansion is
  // checked when it is lowered).
  if (!/does not refer to any known column/.test(d.message)) return false;
  const before = text.slice(0, d.start);
  const letStart = before.lastIndexOf('let ');
  return letStart >= 0 && /\(\s*\*\s*\)/.test(text.slice(letStart, d.start));
}

export function compileQuery(text: string, catalog: CatalogSchema, options: CompileOptions = {}): CompiledQuery {
  const { cache } = options;
  const key = cache?.keyOf(text, catalog);
  const hit = key === undefined ? undefined : cache!.get(key);
  if (hit) return compiledQuery(text, hit.plan, hit.warnings, hit.properties ?? {}, hit.visualization);
  const remote = options.elsewhere?.({ text, catalog, ...(options.file !== undefined ? { file: options.file } : {}) });
  const compiled = remote ? compiledQuery(text, remote.plan, remote.warnings, remote.properties ?? {}, remote.visualization) : compileHere(text, catalog, options);
  // Stored before anything runs it: the executor sets a bag_unpack node's schema from its data.
  if (key !== undefined) cache!.put(key, { plan: compiled.plan, warnings: compiled.warnings, properties: compiled.properties, visualization: compiled.visualization });
  return compiled;
}

/** compileFresh, with the parser's compiled code kept beside the plan cache (syntax/bridge.ts). */
function compileHere(text: string, catalog: CatalogSchema, options: CompileOptions): CompiledQuery {
  if (options.cache) useParserCodeCache(options.cache.parserCodeDir);
  try {
    return compileFresh(text, catalog, options);
  } finally {
    storeParserCodeCache();
  }
}

function compileFresh(text: string, catalog: CatalogSchema, options: CompileOptions): CompiledQuery {
  checkNesting(text, options.file);
  const globals = buildGlobalState(catalog, text);
  let { code, diagnostics } = analyze(text, globals);
  const errorsOf = (ds: readonly Diagnostic[]) => ds.filter((d) => d.severity === 'error' && !ignorable(d, text));
  const check = (ds: readonly Diagnostic[]) => {
    const errors = errorsOf(ds);
    if (errors.length > 0) throw new DiagnosticsError(errors, text, options.file);
  };
  const lowerer = new Lowerer({ tables: new Set(catalog.tables.map((t) => t.name)) });
  let plan: Plan;
  let warnings: Diagnostic[] = [];
  try {
    // union isfuzzy=true legs naming what does not exist (a table, a function, or a column: the
    // binder's errors inside a leg) are dropped and the rest bound again; other errors stay.
    const fuzzy = dropUnresolvedFuzzyLegs(code.Syntax, text, catalog.functions, errorsOf(diagnostics));
    if (!fuzzy) check(diagnostics);
    else {
      const again = fuzzy.functions === catalog.functions ? globals : buildGlobalState({ ...catalog, functions: fuzzy.functions }, fuzzy.text);
      ({ code, diagnostics } = analyze(fuzzy.text, again));
      check(diagnostics);
      warnings = fuzzy.warnings;
    }
    plan = lowerer.lowerQuery(code.Syntax);
  } catch (e) {
    if (e instanceof KqlError && e.span && !e.source && !(e instanceof DiagnosticsError)) {
      const { line, column } = lineCol(text, e.span.start);
      throw new KqlError(e.kind, `${options.file ?? '<query>'}:${line}:${column}: ${e.message}`, e.span, options.file);
    }
    throw e;
  }
  return compiledQuery(text, plan, [...warnings, ...diagnostics.filter((d) => d.severity === 'warning')], lowerer.properties, lowerer.visualization);
}

/** A compiled query around a plan decoded elsewhere (plan-codec.ts), e.g. in another thread. */
export function compiledFromPlan(text: string, plan: Plan, properties: RequestProperties = {}): CompiledQuery {
  return compiledQuery(text, plan, [], properties);
}

/** The context of one run: now() and the memory budget from the client's and the query's properties. */
function runContextOf(input: RunInput, properties: RequestProperties, scanColumns: () => RunContext['scanColumns']): { ctx: RunContext; props: RequestProperties } {
  const props = mergeProperties(input.properties, properties);
  const memory = new QueryMemory(props.max_memory_consumption_per_query_per_node ?? defaultMaxMemory(), props.maxmemoryconsumptionperiterator ?? DEFAULT_PER_ITERATOR);
  const ctx = newRunContext(props.query_now ?? input.now, input.tables, input.watchlists, input.externalData, memory);
  const checkpoint = checkpointOf(input);
  const columns = input.readAllColumns ? undefined : scanColumns();
  const partial = input.noPartialAggregation ? { partialAggregation: false } : {};
  return { ctx: { ...ctx, ...(checkpoint ? { checkpoint } : {}), ...(columns ? { scanColumns: columns } : {}), ...partial }, props };
}

/** How long a run with a checkpoint computes before it lets the event loop run other work. */
const SLICE_MS = 50;

/**
 * The check between batches for a run with a deadline or an abort signal (none without). Every
 * 50 ms it also yields to the event loop, so a run that never waits for I/O (`range`, work on data
 * in memory) does not hold up the process's other work, and an abort from an event gets through.
 */
function checkpointOf(input: RunInput): (() => void | Promise<void>) | undefined {
  const { deadline, signal } = input;
  if (deadline === undefined && signal === undefined) return undefined;
  let sliceEnd = Date.now() + SLICE_MS;
  return () => {
    if (signal?.aborted) throw new QueryCancelledError('cancelled', 'The query was cancelled.');
    const now = Date.now();
    if (deadline !== undefined && now > deadline) throw new QueryCancelledError('timeout', 'Query execution has exceeded its servertimeout and was stopped (query is expired).');
    if (now < sliceEnd) return undefined;
    return new Promise<void>((resolve) => setImmediate(() => {
      sliceEnd = Date.now() + SLICE_MS;
      resolve();
    }));
  };
}

function compiledQuery(text: string, given: Plan, warnings: readonly Diagnostic[], properties: RequestProperties, visualization?: Visualization): CompiledQuery {
  // Here, so that every way a plan comes in (a compile, the plan cache, another process or
  // thread, bindExternalData, the ClickHouse split) has its filters where the readers see them,
  // and a `sort | take` runs as the `top` it is.
  const plan = sortTakeAsTop(pushFiltersBelowProjections(given));
  // Worked out on the first run, once for all runs of this compiled query.
  let columns: Map<Plan, ReadonlySet<string>> | undefined;
  const columnsRead = () => (columns ??= scanColumns(plan));
  const runContext = (input: RunInput, props: RequestProperties) => runContextOf(input, props, columnsRead);
  const resultSet = (input: RunInput, truncate: boolean): Promise<ResultSet> => {
    const { ctx, props } = runContext(input, properties);
    const limits = truncate ? truncationLimits(props) : undefined;
    return collectResultSet(plan.schema, execute(plan, ctx), limits, ctx.memory.account('query result set'));
  };
  return {
    text,
    plan,
    schema: plan.schema,
    warnings,
    properties,
    visualization,
    stream: (input) => execute(plan, runContext(input, properties).ctx),
    run: async (input) => (await resultSet(input, false)).table,
    resultSet: (input) => resultSet(input, true),
    resultStream: (input) => {
      const { ctx, props } = runContext(input, properties);
      let failure: string | undefined;
      const batches = truncated(plan.schema, execute(plan, ctx), truncationLimits(props), (f) => (failure = f));
      return { batches, partialFailure: () => failure };
    },
    tableFilters: () => tableFilters(plan),
    tableColumns: () => tableColumns(plan),
    tableLowerBounds: (now, column) => tableLowerBounds(plan, properties.query_now ?? now, column),
  };
}

/**
 * The query with its externaldata read now, from `source`, once: the result runs any number of
 * times (and in other threads) without reading again. A query without externaldata is returned as is.
 */
export async function bindExternalData(compiled: CompiledQuery, source: ExternalDataSource | undefined): Promise<CompiledQuery> {
  const plan = await bindPlanExternalData(compiled.plan, source);
  return plan === compiled.plan ? compiled : compiledQuery(compiled.text, plan, compiled.warnings, compiled.properties, compiled.visualization);
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Walks the plan DAG once per node. */
function walk(plan: Plan, visit: (p: Plan, parent: Plan | undefined) => void, seen = new Set<Plan>(), parent?: Plan): void {
  visit(plan, parent);
  if (seen.has(plan)) return;
  seen.add(plan);
  const p = plan as Plan & Record<string, unknown>;
  for (const key of ['input', 'left', 'right'] as const) {
    const child = p[key] as Plan | undefined;
    if (child && typeof child === 'object' && 'op' in child) walk(child, visit, seen, plan);
  }
  if (plan.op === 'union') for (const c of plan.inputs) walk(c, visit, seen, plan);
  for (const e of exprsOf(plan)) walkExprPlans(e, (sub) => walk(sub, visit, seen, undefined));
}

function exprsOf(plan: Plan): unknown[] {
  const out: unknown[] = [];
  const p = plan as unknown as Record<string, unknown>;
  for (const v of Object.values(p)) {
    if (Array.isArray(v)) out.push(...v);
    else if (v && typeof v === 'object' && 'k' in (v as object)) out.push(v);
  }
  return out;
}

function walkExprPlans(e: unknown, f: (p: Plan) => void): void {
  if (!e || typeof e !== 'object') return;
  const x = e as { k?: string; plan?: Plan; args?: unknown[]; expr?: unknown; outputs?: unknown[] };
  if ((x.k === 'scalarQuery' || x.k === 'columnList') && x.plan) f(x.plan);
  for (const a of x.args ?? []) walkExprPlans(a, f);
  if (x.expr) walkExprPlans(x.expr, f);
  for (const o of x.outputs ?? []) walkExprPlans(o, f);
}

/** The aliases a plan's `_GetWatchlist` calls name. */
export function watchlistAliases(plan: Plan): Set<string> {
  const out = new Set<string>();
  walk(plan, (p) => {
    if (p.op === 'watchlist') out.add(p.alias);
  });
  return out;
}

/** Whether some `where` of the plan (subqueries included) tests a column of this name. */
export function filtersOnColumn(plan: Plan, column: string): boolean {
  let found = false;
  const refers = (e: unknown): boolean => {
    const stack = [e];
    while (stack.length > 0) {
      const x = stack.pop() as { k?: string; name?: string; args?: unknown[] } | undefined;
      if (!x || typeof x !== 'object') continue;
      if (x.k === 'col' && x.name === column) return true;
      if (x.k !== 'scalarQuery' && x.k !== 'columnList') stack.push(...(x.args ?? []));
    }
    return false;
  };
  walk(plan, (p) => {
    if (p.op === 'where' && refers(p.predicate)) found = true;
  });
  return found;
}

/** Each table's scans, each with the predicates pushed down to it (time bounds too, given a run's context). */
function scanFilters(plan: Plan, ctx?: RunContext): Map<string, ScanPredicate[][]> {
  const parents = new Map<Plan, Plan[]>();
  const scans: (Plan & { op: 'scan' })[] = [];
  walk(plan, (p, parent) => {
    if (parent) parents.set(p, [...(parents.get(p) ?? []), parent]);
    if (p.op === 'scan' && !scans.includes(p)) scans.push(p);
  });
  const found = new Map<string, ScanPredicate[][]>();
  for (const scan of scans) {
    // The chain of wheres directly above the scan, each the only consumer of the one below.
    const chain: (Plan & { op: 'where' })[] = [];
    let node: Plan = scan;
    for (;;) {
      const ps = parents.get(node) ?? [];
      if (ps.length !== 1 || node.shared) break;
      const up = ps[0]!;
      if (up.op !== 'where') break;
      chain.push(up);
      node = up;
    }
    // A scan with several consumers or none above it reads everything.
    const usable = (parents.get(scan)?.length ?? 0) <= 1 ? scanPredicates(chain, scan, ctx) : [];
    found.set(scan.table, [...(found.get(scan.table) ?? []), usable]);
  }
  return found;
}

function tableFilters(plan: Plan): Map<string, ScanPredicate[]> {
  // a table scanned in several places: what every scan's filter implies (one read serves them all)
  const out = new Map<string, ScanPredicate[]>();
  for (const [table, lists] of scanFilters(plan)) out.set(table, commonPredicates(lists.map((l) => l.filter((x) => x.kind !== 'timeRange'))));
  return out;
}

function tableLowerBounds(plan: Plan, now: bigint, column: string): Map<string, bigint | undefined> {
  const out = new Map<string, bigint | undefined>();
  let scans: Map<string, ScanPredicate[][]>;
  try {
    scans = scanFilters(plan, newRunContext(now, new Map()));
  } catch {
    return out; // a bound that fails to evaluate bounds nothing (the run itself will say why)
  }
  for (const [table, lists] of scans) {
    let floor: bigint | undefined;
    for (const list of lists) {
      let min: bigint | undefined;
      for (const p of list) if (p.kind === 'timeRange' && p.column === column && p.min !== undefined && (min === undefined || p.min > min)) min = p.min;
      floor = min === undefined ? undefined : floor === undefined || min < floor ? min : floor;
      if (min === undefined) break;
    }
    out.set(table, floor);
  }
  return out;
}
