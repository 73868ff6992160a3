/** The rows of a pushed-down SQL query (translate.ts) as a table source of the local plan. */
import type { TableSource } from '../kql/scan.ts';
import type { Batch, Schema, Value } from '../kql/types.ts';
import type { ClickHouseConnection } from './connection.ts';
import { BATCH_ROWS } from './table-source.ts';
import { decode } from './values.ts';

export function sqlSource(conn: ClickHouseConnection, sql: string, schema: Schema): TableSource {
  return {
    schema,
    async *scan(options) {
      let columns: Value[][] = schema.map(() => []);
      let length = 0;
      for await (const row of conn.rows(sql)) {
        for (let c = 0; c < schema.length; c++) columns[c]!.push(decode(schema[c]!.type, row[c]));
        if (++length >= BATCH_ROWS) {
          yield { schema, columns, length } satisfies Batch;
          if (options.signal?.aborted) return;
          columns = schema.map(() => []);
          length = 0;
        }
      }
      if (length > 0) yield { schema, columns, length };
    },
  };
}
