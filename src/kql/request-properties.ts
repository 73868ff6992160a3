/**
 * Request properties (learn.microsoft.com/kusto/api/rest/request-properties): what a query's
 * `set` statements (set-statement doc) and a client set for one run. trailhound acts on the ones
 * about limits and now(); the ones that cannot change a result are accepted and ignored; any
 * other fails naming it (docs/kql.md, "Limits").
 */
import { KqlError, UnsupportedError, type Span } from './errors.ts';
import { MAX_PER_ITERATOR } from './exec/memory.ts';
import type { ScalarType, Value } from './types.ts';

export interface RequestProperties {
  /** Disables result truncation, unless a truncation limit is also set (query-limits doc). */
  readonly notruncation?: boolean;
  /** Most records returned to the caller (default 500,000). */
  readonly truncationmaxrecords?: number;
  /** Most bytes of data returned to the caller (default 64 MB). */
  readonly truncationmaxsize?: number;
  /** Per-operator memory budget in bytes (default 5 GB). */
  readonly maxmemoryconsumptionperiterator?: number;
  /** Per-query memory budget in bytes (trailhound's default: exec/memory.ts defaultMaxMemory). */
  readonly max_memory_consumption_per_query_per_node?: number;
  /** now() for the run, in datetime ticks (overrides the caller's now). */
  readonly query_now?: bigint;
}

type Kind = 'limit' | 'flag' | 'datetime';

/** Properties trailhound applies, by the names Kusto accepts for them. */
const APPLIED: Record<string, { readonly key: keyof RequestProperties; readonly kind: Kind; readonly max?: number }> = {
  notruncation: { key: 'notruncation', kind: 'flag' },
  truncationmaxrecords: { key: 'truncationmaxrecords', kind: 'limit' },
  // The request-properties page spells these two with underscores; the query-limits page without.
  truncation_max_records: { key: 'truncationmaxrecords', kind: 'limit' },
  truncationmaxsize: { key: 'truncationmaxsize', kind: 'limit' },
  truncation_max_size: { key: 'truncationmaxsize', kind: 'limit' },
  maxmemoryconsumptionperiterator: { key: 'maxmemoryconsumptionperiterator', kind: 'limit', max: MAX_PER_ITERATOR },
  max_memory_consumption_per_query_per_node: { key: 'max_memory_consumption_per_query_per_node', kind: 'limit' },
  query_now: { key: 'query_now', kind: 'datetime' },
};

/**
 * Properties that cannot change what a query returns on one machine (tracing, reporting, fan-out,
 * caching, consistency, and switches that disable features trailhound does not have): accepted
 * and ignored. `querytrace` is the set-statement doc's own example.
 */
const IGNORED = new Set([
  'querytrace', 'request_app_name', 'request_description', 'request_user', 'query_fanout_nodes_percent',
  'query_fanout_threads_percent', 'query_distribution_nodes_span', 'query_results_cache_max_age',
  'query_results_cache_per_shard', 'query_log_query_parameters', 'push_selection_through_aggregation',
  'queryconsistency', 'query_weakconsistency_session_id', 'request_readonly', 'request_callout_disabled',
  'request_external_data_disabled', 'request_external_table_disabled', 'request_remote_entities_disabled',
  'request_sandboxed_execution_disabled', 'request_impersonation_disabled', 'request_block_row_level_security',
]);

/** A `set` statement's option value: a literal (typed) or an identifier (its text). */
export interface OptionValue {
  readonly type: ScalarType | 'identifier' | 'none';
  readonly value: Value;
}

/**
 * `props` with `name` set to `value`. A limit set more than once keeps the lower value
 * (query-limits doc, "Setting multiple result truncation properties", and the same rule for the
 * memory limits); a flag or now() keeps the last one.
 */
export function withProperty(props: RequestProperties, name: string, value: OptionValue, span?: Span): RequestProperties {
  const lower = name.toLowerCase();
  const applied = APPLIED[lower];
  if (!applied) {
    if (IGNORED.has(lower)) return props;
    throw new UnsupportedError(`the request property ${name} (set statement)`, span);
  }
  const bad = (what: string): KqlError => new KqlError('binding', `set ${name}: ${what}`, span);
  switch (applied.kind) {
    case 'flag': {
      if (value.type === 'none') return { ...props, [applied.key]: true };
      if (value.type !== 'bool' || value.value === null) throw bad('expects true or false');
      return { ...props, [applied.key]: value.value };
    }
    case 'datetime': {
      if (value.type !== 'datetime' || value.value === null) throw bad('expects a datetime, e.g. datetime(2024-01-01)');
      return { ...props, [applied.key]: value.value };
    }
    case 'limit': {
      const n = value.type === 'long' || value.type === 'int' ? Number(value.value) : NaN;
      if (!Number.isSafeInteger(n) || n < 0) throw bad('expects a whole number of at least 0');
      if (applied.max !== undefined && n > applied.max) throw bad(`at most ${applied.max}`);
      const before = props[applied.key] as number | undefined;
      return { ...props, [applied.key]: before === undefined ? n : Math.min(before, n) };
    }
  }
}

/** Client properties and the query's own: limits take the lower value, the query's now() wins. */
export function mergeProperties(client: RequestProperties | undefined, query: RequestProperties): RequestProperties {
  if (!client) return query;
  let out: RequestProperties = { ...client, ...query };
  for (const key of ['truncationmaxrecords', 'truncationmaxsize', 'maxmemoryconsumptionperiterator', 'max_memory_consumption_per_query_per_node'] as const) {
    const a = client[key];
    const b = query[key];
    if (a !== undefined && b !== undefined) out = { ...out, [key]: Math.min(a, b) };
  }
  if (client.notruncation || query.notruncation) out = { ...out, notruncation: true };
  return out;
}
