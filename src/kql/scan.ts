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

/** A table the engine can read: a fixed schema and a stream of batches. */
export interface TableSource {
  readonly schema: Schema;
  scan(options: ScanOptions): AsyncIterable<Batch>;
}
