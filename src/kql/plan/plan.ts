import type { Span } from '../errors.ts';
import type { ScanPredicate } from '../scan.ts';
import type { Schema, ScalarType, Value } from '../types.ts';
import type { Expr } from './expr.ts';
import type { ExternalDataSpec } from '../external/spec.ts';

/** An output column computed by an expression. */
export interface NamedExpr {
  readonly name: string;
  readonly expr: Expr;
}

export type JoinKind =
  | 'innerunique' | 'inner' | 'leftouter' | 'rightouter' | 'fullouter'
  | 'leftsemi' | 'rightsemi' | 'leftanti' | 'rightanti';

export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** One aggregate of a summarize; `outputs` are the columns it produces (tuples make several). */
export interface AggregateCall {
  readonly name: string;
  readonly args: readonly Expr[];
  /** For arg_min/arg_max/take_any: which expressions feed each output column. */
  readonly outputs: ReadonlyArray<{ readonly name: string; readonly type: ScalarType; readonly expr?: Expr }>;
  readonly resultType: ScalarType;
  readonly span?: Span;
}

interface PlanBase {
  /** Output schema, as the official binder computed it. */
  readonly schema: Schema;
  /** Marks a node referenced from several places (`as`, tabular `let`): computed once per run. */
  readonly shared?: boolean;
}

export type Plan = PlanBase &
  (
    | { readonly op: 'scan'; readonly table: string; readonly predicates: ScanPredicate[]; readonly columns?: Set<string> }
    | { readonly op: 'watchlist'; readonly alias: string }
    | { readonly op: 'values'; readonly rows: readonly (readonly Value[])[] }
    /** externaldata (externaldata-operator doc): a table read from storage URIs when the plan runs. */
    | ({ readonly op: 'externalData' } & ExternalDataSpec)
    | { readonly op: 'print'; readonly exprs: readonly NamedExpr[] }
    | { readonly op: 'range'; readonly from: Expr; readonly to: Expr; readonly step: Expr }
    | { readonly op: 'where'; readonly input: Plan; readonly predicate: Expr }
    /** Every output column is an expression over the input (project, extend, rename, reorder, away, keep). */
    | { readonly op: 'project'; readonly input: Plan; readonly exprs: readonly Expr[] }
    | {
        readonly op: 'summarize';
        readonly input: Plan;
        readonly keys: readonly Expr[];
        readonly aggregates: readonly AggregateCall[];
      }
    | {
        readonly op: 'join';
        readonly kind: JoinKind;
        readonly left: Plan;
        readonly right: Plan;
        readonly leftKeys: readonly number[];
        readonly rightKeys: readonly number[];
      }
    | {
        readonly op: 'lookup';
        readonly kind: 'leftouter' | 'inner';
        readonly left: Plan;
        readonly right: Plan;
        readonly leftKeys: readonly number[];
        readonly rightKeys: readonly number[];
        /** Right columns appended to the output (the non-key ones), by position. */
        readonly rightOutputs: readonly number[];
      }
    | { readonly op: 'sort'; readonly input: Plan; readonly keys: readonly SortKey[] }
    | { readonly op: 'take'; readonly input: Plan; readonly count: Expr }
    | { readonly op: 'top'; readonly input: Plan; readonly count: Expr; readonly keys: readonly SortKey[] }
    | { readonly op: 'distinct'; readonly input: Plan; readonly exprs: readonly Expr[] }
    | { readonly op: 'count'; readonly input: Plan }
    | {
        readonly op: 'union';
        readonly inputs: readonly Plan[];
        /** For each input, for each output column: the input column index or -1 (null). */
        readonly mapping: readonly (readonly number[])[];
        readonly sourceColumn?: { readonly names: readonly string[] };
      }
    | {
        readonly op: 'mvexpand';
        readonly input: Plan;
        /** The input columns copied through, by position, then expanded columns replace/append. */
        readonly expansions: ReadonlyArray<{
          readonly expr: Expr;
          /** Output column index the expanded value goes to. */
          readonly target: number;
          readonly toType?: ScalarType;
        }>;
        readonly passthrough: readonly number[];
        readonly bagExpansion: 'bag' | 'array';
        readonly itemIndexColumn?: number;
        readonly limit?: number;
      }
    | {
        readonly op: 'activityCountsMetrics';
        readonly input: Plan;
        readonly idColumn: number;
        readonly timeColumn: number;
        readonly start: Expr;
        readonly end: Expr;
        readonly step: Expr;
        readonly dims: readonly number[];
      }
    /** make-series (make-series-operator doc): per group, one dynamic array per aggregate over a regular axis grid. */
    | {
        readonly op: 'makeSeries';
        readonly input: Plan;
        readonly keys: readonly Expr[];
        readonly aggregates: readonly AggregateCall[];
        /** The value of an empty bin per aggregate (`default=`); undefined: 0 of the aggregate's type. */
        readonly defaults: readonly (Expr | undefined)[];
        readonly axis: Expr;
        readonly from?: Expr;
        readonly to?: Expr;
        readonly step: Expr;
        /** 'fromTo': bin_at(axis, step, from), `to` exclusive; 'inRange': bin(axis, step), stop inclusive. */
        readonly grid: 'fromTo' | 'inRange';
        readonly nonEmpty: boolean;
      }
    /** top-nested (top-nested-operator doc): one level per clause, each keeping the top N values of its key. */
    | {
        readonly op: 'topNested';
        readonly input: Plan;
        readonly levels: ReadonlyArray<{
          /** Row count N (null: all values). */
          readonly count: Expr | null;
          readonly key: Expr;
          /** The aggregate calls of the clause's `by` expression. */
          readonly aggregates: readonly AggregateCall[];
          /** The `by` value over one row of the aggregates' results (column j = aggregates[j]). */
          readonly value: Expr;
          readonly descending: boolean;
          /** `with others = v`: the rows outside the top N aggregate into one extra value. */
          readonly others?: Expr;
        }>;
        /* Output: per level, its key column then its aggregate column. */
      }
    /** mv-apply (mv-apply-operator doc): a subquery over each row's expanded arrays. */
    | {
        readonly op: 'mvApply';
        readonly input: Plan;
        readonly expansions: ReadonlyArray<{ readonly expr: Expr; readonly toType?: ScalarType }>;
        /** The per-row table's columns: an input column, an expansion, or the item index. */
        readonly rowColumns: ReadonlyArray<
          { readonly from: 'input'; readonly index: number } | { readonly from: 'expansion'; readonly index: number } | { readonly from: 'itemIndex' }
        >;
        readonly limit?: number;
        /** The subquery's implicit source: the executor binds it to each row's table. */
        readonly rowTable: Plan;
        /** The subquery; named `right` so that generic plan walks (engine.ts `walk`) reach its scans. */
        readonly right: Plan;
        /** For each output column: from the input row (index >= 0) or the subquery column (-(j + 1)). */
        readonly mapping: readonly number[];
      }
    /**
     * evaluate bag_unpack (bag_unpack-plugin doc): one column per top-level property. Without an
     * output schema the data decides the columns: the executor sets them on this node's schema.
     */
    | {
        readonly op: 'bagUnpack';
        readonly input: Plan;
        readonly column: number;
        readonly prefix: string;
        /** Output columns when the query declares the output schema (`: (...)`). */
        readonly declared?: ReadonlyArray<
          { readonly from: 'input'; readonly index: number } | { readonly from: 'property'; readonly name: string | null; readonly type: ScalarType }
        >;
        /** Without a declared schema: the input columns kept (all but the unpacked one), by position. */
        readonly kept: readonly number[];
      }
    /** A placeholder source: the per-row table of an enclosing mv-apply. */
    | { readonly op: 'rowTable' }
    | { readonly op: 'getschema'; readonly input: Plan }
    | { readonly op: 'serialize'; readonly input: Plan; readonly exprs: readonly Expr[] }
    /** Implicit Sentinel time window on a table (`TimeGenerated` in the lookback), see detect/. */
    | { readonly op: 'timeWindow'; readonly input: Plan; readonly column: number }
  );
