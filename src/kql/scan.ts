import type { Batch, Schema } from './types.ts';

/**
 * A condition the engine pushes down to a table's reader. The reader MAY return rows that do
 * not satisfy it (it is a pre-filter) but MUST NOT drop a row that does: the engine still
 * evaluates the query's own filter afterwards. All predicates of a scan are AND-ed.
 */
export type ScanPredicate =
  /** A datetime column within bounds (ticks). */
  | {
      readonly kind: 'timeRange';
      readonly column: string;
      readonly min?: bigint;
      readonly minInclusive?: boolean;
      readonly max?: bigint;
      readonly maxInclusive?: boolean;
    }
  /** `column has term` (Kusto term match); negated for `!has` / `not(... has ...)`. */
  | {
      readonly kind: 'has';
      readonly column: string;
      readonly term: string;
      readonly caseSensitive: boolean;
      readonly negated: boolean;
    }
  /** `column == v`, `column in (v1, ...)`, `=~`, `in~` on a string column. */
  | {
      readonly kind: 'in';
      readonly column: string;
      readonly values: readonly string[];
      readonly caseInsensitive: boolean;
    };

export interface ScanOptions {
  readonly predicates: readonly ScanPredicate[];
  /** Columns the query reads; a reader may leave the others as their null value. Absent = all. */
  readonly columns?: ReadonlySet<string>;
  /** Abort reading early (e.g. after `take`). */
  readonly signal?: AbortSignal;
}

/**
 * What a partial scan hands back, in the order of the rows it read: the groups of a summarize
 * over some rows (computed where the rows were read: exec/partial-accumulate.ts), or rows the
 * engine aggregates itself (rows the reader could not aggregate, e.g. a file with duplicates).
 */
export type PartialChunk =
  | { readonly kind: 'groups'; readonly groups: unknown }
  | { readonly kind: 'rows'; readonly batch: Batch };

/** A table the engine can read: a fixed schema and a stream of batches. */
export interface TableSource {
  readonly schema: Schema;
  scan(options: ScanOptions): AsyncIterable<Batch>;
  /**
   * Optional: the scan with a summarize computed by the reader (partial aggregation,
   * exec/partial.ts). `fragment` is the encoded summarize and the where/project chain under it;
   * the reader feeds its batches to a PartialAccumulator built from it, one per file or part.
   */
  scanPartial?(options: ScanOptions, fragment: Uint8Array): AsyncIterable<PartialChunk>;
}
