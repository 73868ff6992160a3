/** The rows of a pushed-down SQL query (translate.ts) as a table source of the local plan. */
import type { TableSource } from '../kql/scan.ts';
import type { Schema } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';

export function sqlSource(conn: ClickHouseConnection, sql: string, schema: Schema): TableSource {
  const types = schema.map((c) => c.type);
  return {
    schema,
    async *scan(options) {
      for await (const { columns, length } of conn.batches(sql, types)) {
        yield { schema, columns, length };
        if (options.signal?.aborted) return;
      }
    },
  };
}
