import type { EvalContext } from '../functions/contract.ts';
import type { Plan } from '../plan/plan.ts';
import type { TableSource } from '../scan.ts';
import type { ExternalDataSource } from '../external/read.ts';
import type { Batch, Value } from '../types.ts';
import { QueryMemory } from './memory.ts';

/** A watchlist as Sentinel stores it: the CSV header's fields and the item rows (strings). */
export interface Watchlist {
  readonly alias: string;
  readonly fields: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** The field designated as SearchKey when the watchlist was created (default: the first). */
  readonly searchKey?: string;
  /** LastUpdatedTimeUTC of its items (datetime ticks); null when unknown. */
  readonly lastUpdated?: bigint | null;
}

/** Everything one run of a compiled query needs; `now` is fixed for the run. */
export interface RunContext extends EvalContext {
  readonly tables: ReadonlyMap<string, TableSource>;
  readonly watchlists: ReadonlyMap<string, Watchlist>;
  /** Results of shared plan nodes and scalar subqueries, computed once per run. */
  readonly cache: Map<object, Promise<Batch> | Value>;
  /** Where externaldata reads its URIs (absent: a query with externaldata fails naming the URI). */
  readonly externalData?: ExternalDataSource;
  /** The run's memory budget (memory.ts). */
  readonly memory: QueryMemory;
  /**
   * Throws QueryCancelledError once the run is past its deadline or cancelled; called between
   * batches (execute.ts); may return a promise to pause the run for the event loop's other work.
   * Absent: the run goes to its end.
   */
  readonly checkpoint?: () => void | Promise<void>;
  /** Per scan node, the columns the plan reads from it (projection.ts); absent: every column. */
  readonly scanColumns?: ReadonlyMap<Plan, ReadonlySet<string>>;
  /** false: no partial aggregation (partial.ts) in this run; absent: where a table can. */
  readonly partialAggregation?: boolean;
}

export function newRunContext(
  now: bigint,
  tables: ReadonlyMap<string, TableSource>,
  watchlists: ReadonlyMap<string, Watchlist> = new Map(),
  externalData?: ExternalDataSource,
  memory: QueryMemory = new QueryMemory(Infinity),
): RunContext {
  return { now, tables, watchlists, cache: new Map(), externalData, memory };
}

export type { Plan };
