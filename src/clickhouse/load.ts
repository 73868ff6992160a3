/**
 * Loads a table source's rows into a ClickHouse table, value for value, in large RowBinary
 * batches (row-binary.ts), one INSERT in flight while the next batch is encoded.
 * A row that cannot be stored exactly (values.ts `unstorable`, or a null partition column) is
 * not loaded: it is reported through `onRejected` and counted, and the other rows go on.
 */
import { createHash } from 'node:crypto';
import type { TableSource } from '../kql/scan.ts';
import type { Value } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';
import { RowBinaryWriter } from './row-binary.ts';
import { createDatabaseSql, createTableSql, plainName, tableColumns, tableSql, tableStructure, type TableLayout } from './table.ts';
import { datetimeInRange, unstorable } from './values.ts';

export interface LoadResult {
  /** Rows sent (a row sent again by a re-run is collapsed into its first copy: table.ts). */
  readonly rows: number;
  readonly rejected: number;
}

export interface LoadOptions {
  readonly database: string;
  /** A row not loaded: its id (or "") and why. */
  readonly onRejected?: (id: string, reason: string) => void;
  /** Bytes of RowBinary per INSERT (default 64 MiB: few, large parts for ClickHouse to merge). */
  readonly chunkBytes?: number;
}

export async function createTable(conn: ClickHouseConnection, layout: TableLayout, database: string): Promise<void> {
  await conn.exec(createDatabaseSql(database));
  await conn.exec(createTableSql(database, layout));
}

export async function loadTable(conn: ClickHouseConnection, layout: TableLayout, source: TableSource, options: LoadOptions): Promise<LoadResult> {
  await createTable(conn, layout, options.database);
  // An INSERT target is a plain db.table name (the names are checked plain: plainName).
  const table = `${plainName(options.database)}.${plainName(layout.name)}`;
  const structure = tableStructure(layout);
  const schema = layout.schema;
  const nullable = tableColumns(layout).map((c) => c.nullable);
  const idIndex = schema.findIndex((c) => c.name === layout.idColumn);
  const dayIndex = schema.findIndex((c) => c.name === layout.partitionDay);
  const chunkBytes = options.chunkBytes ?? 64 * 1024 * 1024;
  let rows = 0;
  let rejected = 0;
  const out = new RowBinaryWriter(Math.min(chunkBytes + (1 << 20), 128 * 1024 * 1024));
  // One INSERT runs (in chDB's thread, or on the server) while the next batch is read and encoded.
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    if (out.length === 0) return;
    const data = out.take();
    await inFlight;
    inFlight = conn.insertRowBinary(table, structure, data);
    inFlight.catch(() => undefined); // awaited (and thrown) at the next flush or at the end
  };
  try {
    const row: Value[] = new Array<Value>(schema.length);
    for await (const batch of source.scan({ predicates: [] })) {
      const columns = batch.columns;
      for (let r = 0; r < batch.length; r++) {
        for (let c = 0; c < schema.length; c++) row[c] = columns[c]![r]!;
        const id = idIndex >= 0 ? (row[idIndex] as string) : '';
        const why = whyNot(layout, row, dayIndex);
        if (why !== undefined) {
          rejected++;
          options.onRejected?.(id, why);
          continue;
        }
        for (let c = 0; c < schema.length; c++) out.value(schema[c]!.type, nullable[c]!, row[c]!);
        out.string(id !== '' ? id : contentKey(row));
        const ingestion = batch.ingestion?.[r] ?? null;
        out.value('datetime', true, ingestion !== null && datetimeInRange(ingestion) ? ingestion : null);
        rows++;
        if (out.length >= chunkBytes) await flush();
      }
    }
    await flush();
    await inFlight;
  } finally {
    // A failed read leaves no INSERT running behind the caller's back (it closes the connection next).
    await inFlight?.catch(() => undefined);
  }
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
