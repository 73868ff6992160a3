/** Compiles and runs a query the way the CLI does, returning rows as plain objects. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileQuery, type TableSource } from '../../src/kql/engine.ts';
import type { Batch, Value } from '../../src/kql/types.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { ticks } from './cloudtrail-rows.ts';

export interface QueryRun {
  readonly result: Batch;
  readonly columns: string[];
  readonly rows: Record<string, Value>[];
}

export async function runQuery(
  text: string,
  options: { now?: string; tables?: Record<string, TableSource>; watchlistCsv?: Record<string, string> } = {},
): Promise<QueryRun> {
  const dir = mkdtempSync(join(tmpdir(), 'trailhound-test-'));
  const watchlists = Object.entries(options.watchlistCsv ?? {}).map(([alias, csv]) => {
    const path = join(dir, `${alias}.csv`);
    writeFileSync(path, csv);
    return { alias, path };
  });
  const workspace = loadWorkspace({ watchlists });
  const tables = new Map(Object.entries(options.tables ?? {}));
  const compiled = compileQuery(text, workspace.catalog(tables));
  const result = await compiled.run({ now: ticks(options.now ?? '2024-05-01T12:00:00Z'), tables, watchlists: workspace.watchlists });
  const columns = result.schema.map((c) => c.name);
  const rows: Record<string, Value>[] = [];
  for (let i = 0; i < result.length; i++) {
    const row: Record<string, Value> = {};
    columns.forEach((c, j) => (row[c] = result.columns[j]![i]!));
    rows.push(row);
  }
  return { result, columns, rows };
}
