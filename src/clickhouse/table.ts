/**
 * A table of ours kept in ClickHouse: its layout (the caller's knowledge of the data: which column
 * partitions it, which order serves its filters, which column identifies a record) and the DDL.
 *
 * Exactly once (docs/clickhouse.md, "Loading exactly once"): the table is a ReplacingMergeTree
 * whose sorting key ends with `_DedupKey` (the record's id, or a hash of the whole row when it has
 * none), so a row loaded twice, by a re-run or after an interrupted load, has the same sorting key
 * as its first copy and is collapsed into it; every read says FINAL, so copies not merged yet are
 * collapsed at read time too. Nothing is lost: rows with different keys are never merged.
 */
import type { ScalarType, Schema } from '../kql/types.ts';
import { UsageErrorKind } from './errors.ts';
import { clickHouseType, identSql } from './values.ts';

export interface TableLayout {
  readonly name: string;
  readonly schema: Schema;
  /** A non-null datetime column: one partition per UTC day of it. */
  readonly partitionDay: string;
  /** Sorting key, before the dedup key: the columns filters most often test, most selective first. */
  readonly orderBy: readonly string[];
  /** The column that identifies a record (rows with "" get a hash of their content instead). */
  readonly idColumn: string;
}

/** Hidden columns after the schema's own. */
export const DEDUP_KEY = '_DedupKey';
export const INGESTION_TIME = '_IngestionTime';

export function tableSql(database: string, layout: TableLayout): string {
  return `${identSql(database)}.${identSql(layout.name)}`;
}

/** Every column of the table in order, the hidden ones last, with whether ClickHouse's type is Nullable. */
export function tableColumns(layout: TableLayout): { name: string; type: ScalarType; nullable: boolean }[] {
  const keyColumns = new Set([layout.partitionDay, ...layout.orderBy]);
  return [
    ...layout.schema.map((c) => ({ name: c.name, type: c.type, nullable: !keyColumns.has(c.name) })),
    { name: DEDUP_KEY, type: 'string' as const, nullable: false },
    { name: INGESTION_TIME, type: 'datetime' as const, nullable: true },
  ];
}

/** The columns as a structure (`name Type, ...`), as the file() and input() table functions take it. */
export function tableStructure(layout: TableLayout): string {
  return tableColumns(layout).map((c) => `${identSql(c.name)} ${clickHouseType(c.type, c.nullable)}`).join(', ');
}

export function createTableSql(database: string, layout: TableLayout): string {
  const columns = tableColumns(layout).map((c) => `  ${identSql(c.name)} ${clickHouseType(c.type, c.nullable)}`);
  return [
    `CREATE TABLE IF NOT EXISTS ${tableSql(database, layout)} (`,
    columns.join(',\n'),
    ')',
    'ENGINE = ReplacingMergeTree',
    `PARTITION BY toYYYYMMDD(${identSql(layout.partitionDay)})`,
    `ORDER BY (${[...layout.orderBy, DEDUP_KEY].map(identSql).join(', ')})`,
  ].join('\n');
}

export function createDatabaseSql(database: string): string {
  return `CREATE DATABASE IF NOT EXISTS ${identSql(database)}`;
}

/** A database or table name as a plain identifier (what INSERT targets accept); refused otherwise. */
export function plainName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageErrorKind(`not a plain ClickHouse name (letters, digits, _): ${name}`);
  return name;
}
