/**
 * Loads a table source's rows into a ClickHouse table, value for value (values.ts), in chunks.
 * A row that cannot be stored exactly (values.ts `unstorable`, or a null partition column) is
 * not loaded: it is reported through `onRejected` and counted, and the other rows go on.
 */
import { createHash } from 'node:crypto';
import type { TableSource } from '../kql/scan.ts';
import type { Value } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';
import { createDatabaseSql, createTableSql, DEDUP_KEY, INGESTION_TIME, plainName, tableSql, type TableLayout } from './table.ts';
import { datetimeInRange, jsonInput, unstorable } from './values.ts';

export interface LoadResult {
  /** Rows sent (a row sent again by a re-run is collapsed into its first copy: table.ts). */
  readonly rows: number;
  readonly rejected: number;
}

export interface LoadOptions {
  readonly database: string;
  /** A row not loaded: its id (or "") and why. */
  readonly onRejected?: (id: string, reason: string) => void;
  /** Bytes of JSON per INSERT. */
  readonly chunkBytes?: number;
}

export async function createTable(conn: ClickHouseConnection, layout: TableLayout, database: string): Promise<void> {
  await conn.exec(createDatabaseSql(database));
  await conn.exec(createTableSql(database, layout));
}

export async function loadTable(conn: ClickHouseConnection, layout: TableLayout, source: TableSource, options: LoadOptions): Promise<LoadResult> {
  await createTable(conn, layout, options.database);
  // chDB's insert takes a plain db.table name (the names are checked plain: plainName).
  const table = `${plainName(options.database)}.${plainName(layout.name)}`;
  const schema = layout.schema;
  const names = schema.map((c) => JSON.stringify(c.name));
  const idIndex = schema.findIndex((c) => c.name === layout.idColumn);
  const dayIndex = schema.findIndex((c) => c.name === layout.partitionDay);
  const chunkBytes = options.chunkBytes ?? 8 * 1024 * 1024;
  let rows = 0;
  let rejected = 0;
  let chunk: string[] = [];
  let size = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await conn.insertJsonLines(table, chunk.join(''));
    chunk = [];
    size = 0;
  };
  const row: Value[] = new Array<Value>(schema.length);
  for await (const batch of source.scan({ predicates: [] })) {
    for (let r = 0; r < batch.length; r++) {
      for (let c = 0; c < schema.length; c++) row[c] = batch.columns[c]![r]!;
      const id = idIndex >= 0 ? (row[idIndex] as string) : '';
      const why = whyNot(layout, row, dayIndex);
      if (why !== undefined) {
        rejected++;
        options.onRejected?.(id, why);
        continue;
      }
      let line = '{';
      for (let c = 0; c < schema.length; c++) line += `${names[c]}:${jsonInput(schema[c]!.type, row[c]!)},`;
      const ingestion = batch.ingestion?.[r] ?? null;
      const ingestionJson = ingestion !== null && datetimeInRange(ingestion) ? jsonInput('datetime', ingestion) : 'null';
      line += `${JSON.stringify(DEDUP_KEY)}:${JSON.stringify(id !== '' ? id : contentKey(row))},${JSON.stringify(INGESTION_TIME)}:${ingestionJson}}\n`;
      chunk.push(line);
      size += line.length;
      rows++;
      if (size >= chunkBytes) await flush();
    }
  }
  await flush();
  return { rows, rejected };
}

function whyNot(layout: TableLayout, row: readonly Value[], dayIndex: number): string | undefined {
  if (row[dayIndex] === null) return `no ${layout.partitionDay}`;
  for (let c = 0; c < layout.schema.length; c++) {
    const why = unstorable(layout.schema[c]!.type, row[c]!);
    if (why !== undefined) return `${layout.schema[c]!.name} holds ${why}`;
  }
  return undefined;
}

/** The dedup key of a row without an id: a hash of all its values, so only identical rows collapse. */
function contentKey(row: readonly Value[]): string {
  const h = createHash('sha256');
  for (const v of row) h.update(`${typeof v}:${v === null ? '' : String(v)}\u0000`);
  return `sha256:${h.digest('hex')}`;
}

/** The number of rows the table holds, duplicates collapsed. */
export async function countRows(conn: ClickHouseConnection, layout: TableLayout, database: string): Promise<bigint> {
  for await (const [n] of conn.rows(`SELECT toString(count()) FROM ${tableSql(database, layout)} FINAL`)) return BigInt(n as string);
  return 0n;
}
