/**
 * A ClickHouse table as one of our table sources: `scan` selects the columns the query reads
 * (the others come back as their null value) and turns the engine's pushed-down pre-filters
 * (src/kql/scan.ts) into a WHERE clause, so ClickHouse drops the rows a rule cannot match before
 * they cross over. The filters are translated exactly (string-sql.ts); the engine evaluates the
 * query's own where-clauses afterwards anyway.
 */
import type { ScanOptions, ScanPredicate, TableSource } from '../kql/scan.ts';
import { nullOf, type Batch, type Value } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';
import { inSql, termSql } from './string-sql.ts';
import { INGESTION_TIME, tableSql, type TableLayout } from './table.ts';
import { datetimeInRange, datetimeSql, identSql, outputSql } from './values.ts';

export { BATCH_ROWS } from './connection.ts';

export function clickHouseTableSource(conn: ClickHouseConnection, layout: TableLayout, database: string): TableSource {
  return {
    schema: layout.schema,
    scan: (options) => scanTable(conn, layout, database, options),
  };
}

export function scanSql(layout: TableLayout, database: string, options: ScanOptions): string {
  const wanted = layout.schema.map((c) => options.columns === undefined || options.columns.has(c.name));
  const select = layout.schema.filter((_c, i) => wanted[i]).map((c) => outputSql(c.type, identSql(c.name)));
  select.push(outputSql('datetime', identSql(INGESTION_TIME)));
  const where = options.predicates.map((p) => predicateSql(p)).filter((s): s is string => s !== undefined);
  return `SELECT ${select.join(', ')} FROM ${tableSql(database, layout)} FINAL${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

/** A pre-filter as SQL; undefined for one that cannot be said exactly (it is then not applied: pre-filters may keep extra rows). */
export function predicateSql(p: ScanPredicate): string | undefined {
  const col = identSql(p.column);
  switch (p.kind) {
    case 'has': {
      const sql = termSql(col, p.term, p.caseSensitive, 'term');
      return sql === undefined ? undefined : p.negated ? `NOT ${sql}` : sql;
    }
    case 'in':
      return inSql(col, p.values, !p.caseInsensitive);
    case 'timeRange': {
      const parts: string[] = [];
      if (p.min !== undefined && datetimeInRange(p.min)) parts.push(`${col} ${p.minInclusive ? '>=' : '>'} ${datetimeSql(p.min)}`);
      if (p.max !== undefined && datetimeInRange(p.max)) parts.push(`${col} ${p.maxInclusive ? '<=' : '<'} ${datetimeSql(p.max)}`);
      return parts.length > 0 ? parts.join(' AND ') : undefined;
    }
  }
}

async function* scanTable(conn: ClickHouseConnection, layout: TableLayout, database: string, options: ScanOptions): AsyncIterable<Batch> {
  const schema = layout.schema;
  const read = schema.map((c, i) => ({ i, type: c.type })).filter(({ i }) => options.columns === undefined || options.columns.has(schema[i]!.name));
  const types = [...read.map((r) => r.type), 'datetime' as const];
  for await (const b of conn.batches(scanSql(layout, database, options), types)) {
    const columns: Value[][] = schema.map((c) => new Array<Value>(b.length).fill(nullOf(c.type)));
    for (let k = 0; k < read.length; k++) columns[read[k]!.i] = b.columns[k]!;
    yield { schema, columns, length: b.length, ingestion: b.columns[read.length] as (bigint | null)[] };
    if (options.signal?.aborted) return;
  }
}
