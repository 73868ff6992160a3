/**
 * Runs hunting queries as Sentinel's hunting page does (docs/hunting.md): each query once, over
 * one time range, with `{{StartTimeISO}}` / `{{EndTimeISO}}` filled from it.
 *
 * The range limits what a query reads the way Log Analytics' time picker does: it applies to
 * every table a query reads, unless the query sets its own time filter, which "overrides the time
 * range selected in the time picker" (learn.microsoft.com/azure/azure-monitor/logs/
 * get-started-queries, "Specify a time range"). A query sets its own when it holds the
 * placeholders or a `where` on TimeGenerated: Microsoft's hunting queries that do look back up
 * to 14 days before the range's start, which a cut table would not hold. now() is the range's
 * end: the hunt runs as if at the end of the range, so `ago()` counts back from there.
 *
 * Each query reads the tables itself, with the filters it pushes down (no read shared between
 * queries: they rarely share filters), and its result streams to `onBatch`, so memory follows
 * one query's result, not the logs.
 */
import { columnSpanPlan } from '../kql/plan/column-span.ts';
import { cutTimeRange } from '../kql/plan/time-cut.ts';
import { compiledFromPlan, compileQuery, filtersOnColumn, type CatalogSchema, type CompileOptions, type CompiledQuery, type RequestProperties } from '../kql/engine.ts';
import { elsewhereFor, type CompileAll } from './compile-batch.ts';
import { KqlError } from '../kql/errors.ts';
import type { TableSource } from '../kql/scan.ts';
import type { Batch, Schema } from '../kql/types.ts';
import type { Watchlist } from '../kql/exec/context.ts';
import { fillTimePlaceholders, hasTimePlaceholders, type HuntingQuery } from './hunting-query.ts';
import { RuleError } from './rule.ts';
import type { Workspace } from './workspace.ts';

export interface HuntRange {
  /** Inclusive bounds of TimeGenerated (ticks). */
  readonly from: bigint;
  readonly to: bigint;
}

/**
 * The first and last TimeGenerated of the tables that have one, or undefined when no row has one:
 * a summarize min/max, which the readers compute in their threads.
 */
export async function dataSpan(tables: ReadonlyMap<string, TableSource>, properties?: RequestProperties): Promise<HuntRange | undefined> {
  let from: bigint | undefined;
  let to: bigint | undefined;
  for (const [name, source] of tables) {
    const plan = columnSpanPlan(name, source.schema, 'TimeGenerated');
    if (plan === undefined) continue;
    const r = await compiledFromPlan(`${name} | summarize min(TimeGenerated), max(TimeGenerated)`, plan).run({ now: 0n, tables: new Map([[name, source]]), ...(properties ? { properties } : {}) });
    const [min, max] = r.columns.map((c) => c[0] as bigint | null | undefined);
    if (min === null || min === undefined || max === null || max === undefined) continue;
    if (from === undefined || min < from) from = min;
    if (to === undefined || max > to) to = max;
  }
  return from === undefined || to === undefined ? undefined : { from, to };
}

export interface HuntOutcome {
  readonly query: HuntingQuery;
  /** Result rows (undefined when the query could not run). */
  readonly count?: number;
  /** Why the query could not run: a message naming the file. */
  readonly error?: string;
  /** `range`: its tables were limited to the range; `query`: it set its own time filter. */
  readonly timeFilter?: 'range' | 'query';
}

export interface HuntInput {
  readonly workspace: Workspace;
  /** The tables as given (AWSCloudTrail, --table files); catalogued ones nobody gave read as empty. */
  readonly tables: ReadonlyMap<string, TableSource>;
  readonly watchlists: ReadonlyMap<string, Watchlist>;
  /** Client request properties of every query (the memory budget of --max-memory). */
  readonly properties?: RequestProperties;
  /** Told of each catalogued table a query read without data. */
  readonly onEmptyRead?: (name: string) => void;
  /**
   * Compiles the queries the plan cache lacks elsewhere, all at once (compile-batch.ts), when
   * huntCompiler prepares a hunt's queries.
   */
  readonly compileAll?: CompileAll;
  /** Told of each compiled query before it runs (e.g. to note the watchlists it calls). */
  readonly onCompiled?: (compiled: CompiledQuery) => void;
  /**
   * Another engine computes a part of the query (--engine chdb|clickhouse): the query to run
   * instead, and the tables its pushed parts read. `range`: the rows its tables must be limited
   * to (undefined when the query sets its own time filter).
   */
  readonly push?: (compiled: CompiledQuery, range: HuntRange | undefined, now: bigint) => { compiled: CompiledQuery; tables: ReadonlyMap<string, TableSource> };
}

/** Whether an error is the query's (bad or unsupported KQL, a bad file), not trailhound's. */
function isQueryError(e: unknown): e is Error {
  return e instanceof KqlError || e instanceof RuleError || (e instanceof Error && e.name === 'UsageError');
}

/** The query's text as it runs over the range, and the file name its errors give. */
function huntText(query: HuntingQuery, range: HuntRange): { text: string; file: string } {
  return { text: fillTimePlaceholders(query.query, range.from, range.to), file: query.file };
}

/** What runHuntingQuery compiles with: one catalog, and the queries the cache lacks compiled elsewhere at once. */
export interface HuntCompiler {
  readonly catalog: CatalogSchema;
  readonly elsewhere: CompileOptions['elsewhere'];
}

/** A HuntCompiler for running `queries` over `range`: the misses of the plan cache go to input.compileAll in one batch. */
export function huntCompiler(queries: readonly HuntingQuery[], range: HuntRange, input: HuntInput): HuntCompiler {
  const catalog = input.workspace.catalog(input.tables);
  return { catalog, elsewhere: elsewhereFor(input.compileAll, input.workspace, catalog, queries.map((q) => huntText(q, range))) };
}

/**
 * Runs one hunting query over the range; its result batches go to `onBatch` (after `onSchema`).
 * A query that cannot run (bad or unsupported KQL) gives an outcome with its error; the others
 * still run. Errors that are not the query's (internal errors, failing output) are thrown.
 */
export async function runHuntingQuery(
  query: HuntingQuery,
  range: HuntRange,
  input: HuntInput,
  sink: { onSchema?(schema: Schema): void; onBatch?(batch: Batch): void } = {},
  compiler: HuntCompiler = huntCompiler([], range, input),
): Promise<HuntOutcome> {
  const ownTime = hasTimePlaceholders(query.query);
  const { text, file } = huntText(query, range);
  let compiled: CompiledQuery;
  try {
    compiled = compileQuery(text, compiler.catalog, { file, cache: input.workspace.planCache, ...(compiler.elsewhere ? { elsewhere: compiler.elsewhere } : {}) });
  } catch (e) {
    if (isQueryError(e)) return { query, error: e.message };
    throw e;
  }
  input.onCompiled?.(compiled);
  const timeFilter = ownTime || filtersOnColumn(compiled.plan, 'TimeGenerated') ? 'query' : 'range';
  // The range is a `where` above every scan: pushed down to the reader and run by partial
  // aggregation in its threads, as the query's own filter would be.
  if (timeFilter === 'range') compiled = compiledFromPlan(compiled.text, cutTimeRange(compiled.plan, 'TimeGenerated', range.from, range.to), compiled.properties);
  const given = new Map(input.tables);
  if (input.push) {
    // The pushed parts also read from the range's cut of the table (timeRangeTarget), as before.
    const pushed = input.push(compiled, timeFilter === 'range' ? range : undefined, range.to);
    compiled = pushed.compiled;
    for (const [name, t] of pushed.tables) given.set(name, t);
  }
  const tables = input.workspace.runTables(given, input.onEmptyRead);
  sink.onSchema?.(compiled.schema);
  let count = 0;
  try {
    for await (const b of compiled.stream({ now: range.to, tables, watchlists: input.watchlists, externalData: input.workspace.externalData, properties: input.properties })) {
      count += b.length;
      if (b.length > 0) sink.onBatch?.(b);
    }
  } catch (e) {
    if (isQueryError(e)) return { query, error: e.message, timeFilter };
    throw e;
  }
  return { query, count, timeFilter };
}
