/**
 * The AWSCloudTrail table as `watch`'s source of rows (docs/clickhouse.md, "watch"): the rows
 * whose `_IngestionTime` (the delivery time of their CloudTrail file, which `load` keeps) falls in
 * a band, with each row's dedup key (so the watcher knows which rows it has read already) and,
 * per rule, whether the rule's pushed-down pre-filters (kql/scan.ts) may match it — ClickHouse
 * evaluates them, so only rows some rule can match cross over, and each rule's buffer gets only
 * its own.
 */
import type { ScanPredicate } from '../kql/scan.ts';
import type { Batch } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';
import { predicateSql } from './table-source.ts';
import { DEDUP_KEY, INGESTION_TIME, tableSql, type TableLayout } from './table.ts';
import { datetimeInRange, datetimeSql, identSql, outputSql } from './values.ts';

export interface FeedBatch {
  /** Rows in the layout's schema, with `ingestion` (null when the table has none for the row). */
  readonly batch: Batch;
  /** Each row's `_DedupKey`: the record's eventID, or a hash of its content (table.ts). */
  readonly keys: readonly string[];
  /** `matches[rule][row]`: whether that rule's pre-filters may match the row. */
  readonly matches: readonly (readonly boolean[])[];
}

export interface FeedRead {
  /** One list of pre-filters per rule (AND-ed within a rule; an empty list keeps every row). */
  readonly filters: readonly (readonly ScanPredicate[])[];
  /** Only rows with TimeGenerated at or after this (no window still to run needs older ones). */
  readonly eventsFrom: bigint;
  /** Only rows delivered after this (ticks), or any when null... */
  readonly after: bigint | null;
  /** ...and at or before this. Rows without an ingestion time are always in the band. */
  readonly upTo: bigint;
}

export interface TableFeed {
  readonly description: string;
  read(r: FeedRead): AsyncIterable<FeedBatch>;
}

/** A rule's pre-filters as one SQL condition; "1" when none can be said (pre-filters may keep extra rows). */
function filtersSql(filters: readonly ScanPredicate[]): string {
  const parts = filters.map(predicateSql).filter((s): s is string => s !== undefined);
  return parts.length === 0 ? '1' : parts.map((p) => `(${p})`).join(' AND ');
}

export function feedSql(layout: TableLayout, database: string, r: FeedRead): string {
  const ing = identSql(INGESTION_TIME);
  const time = identSql(layout.partitionDay);
  // NULL from a pre-filter (a comparison with a null datetime) means no match, as in a WHERE.
  const flags = r.filters.map((f) => outputSql('bool', `if(${filtersSql(f)}, 1, 0)`));
  const select = [...layout.schema.map((c) => outputSql(c.type, identSql(c.name))), outputSql('datetime', ing), outputSql('string', identSql(DEDUP_KEY)), ...flags];
  const band: string[] = [];
  if (r.after !== null && datetimeInRange(r.after)) band.push(`${ing} > ${datetimeSql(r.after)}`);
  band.push(`${ing} <= ${datetimeSql(r.upTo)}`);
  const where = [`(${ing} IS NULL OR (${band.join(' AND ')}))`];
  if (datetimeInRange(r.eventsFrom)) where.push(`${time} >= ${datetimeSql(r.eventsFrom)}`);
  where.push(`(${r.filters.length === 0 ? '0' : r.filters.map(filtersSql).map((s) => `(${s})`).join(' OR ')})`);
  return `SELECT ${select.join(', ')} FROM ${tableSql(database, layout)} FINAL WHERE ${where.join(' AND ')}`;
}

export function clickHouseFeed(conn: ClickHouseConnection, layout: TableLayout, database: string): TableFeed {
  const schema = layout.schema;
  return {
    description: `${conn.description} table ${database}.${layout.name}`,
    async *read(r) {
      const n = schema.length;
      const types = [...schema.map((c) => c.type), 'datetime' as const, 'string' as const, ...r.filters.map(() => 'bool' as const)];
      for await (const b of conn.batches(feedSql(layout, database, r), types)) {
        yield {
          batch: { schema, columns: b.columns.slice(0, n), length: b.length, ingestion: b.columns[n] as (bigint | null)[] },
          keys: b.columns[n + 1] as string[],
          matches: b.columns.slice(n + 2).map((m) => m.map((v) => v === true)),
        };
      }
    },
  };
}
