/**
 * `--table Name=path` for query and detect, and the warning for the catalogued Sentinel tables a
 * run read without data (docs/tables.md).
 */
import { watchlistAliases, type CompiledQuery } from '../kql/engine.ts';
import type { TableSource } from '../kql/scan.ts';
import { FileTable } from '../kql/file-table.ts';
import type { Schema } from '../kql/types.ts';
import { scalarTypeName } from '../kql/syntax/types.ts';
import { readSentinelTable } from '../detect/sentinel-table-file.ts';
import type { Workspace } from '../detect/workspace.ts';
import { visible } from './visible.ts';
import { UsageError } from './errors.ts';

export const TABLE_OPTION_HELP =
  "a JSON, JSON Lines or CSV file as a table; a Sentinel table (SigninLogs, ...) takes its documented column types, any other name infers them or takes 'Name(a:string, b:long)=path' (repeatable)";

/** `Name=path` or `Name(a:string, b:long)=path`. */
export function parseTableOption(text: string): { name: string; path: string; schema?: Schema } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*(\(([^)]*)\))?=(.+)$/.exec(text);
  if (!m) throw new UsageError(`--table must be Name=path or 'Name(col:type, ...)=path', got "${text}"`);
  let schema: Schema | undefined;
  if (m[3] !== undefined) {
    schema = m[3].split(',').map((part) => {
      const [n, t] = part.split(':').map((s) => s.trim());
      const type = t ? scalarTypeName(t) : undefined;
      if (!n || !type) throw new UsageError(`--table ${m[1]}: bad column "${part.trim()}" (write name:type)`);
      return { name: n, type };
    });
  }
  return { name: m[1]!, path: m[4]!, schema };
}

/**
 * The tables of `--table` options, by the name the engine reads (an ASIM parser's rows go to the
 * table behind it). Problems with a Sentinel table's file (dropped columns, values that did not
 * convert) go to `warn`.
 */
export function openTables(options: readonly string[], workspace: Workspace, warn: (line: string) => void): Map<string, TableSource> {
  const tables = new Map<string, TableSource>();
  for (const text of options) {
    const spec = parseTableOption(text);
    const entry = workspace.sentinelTable(spec.name);
    if (!entry) {
      tables.set(spec.name, new FileTable(spec.path, spec.schema));
      continue;
    }
    if (spec.schema) throw new UsageError(`--table ${spec.name}: a Sentinel table has its documented columns (docs/tables.md); give it as ${spec.name}=${spec.path}`);
    const read = readSentinelTable(spec.path, entry);
    if (read.dropped.length > 0) warn(`warning: ${spec.path}: ${spec.name} has no column ${read.dropped.join(', ')}; dropped`);
    if (read.badValues > 0) warn(`warning: ${spec.path}: ${read.badValues} value(s) did not convert to ${spec.name}'s column types and read as null (${read.examples.join('; ')})`);
    tables.set(entry.source, read.table);
  }
  return tables;
}

/**
 * Collects the catalogued tables a run read without data and the watchlists its queries call
 * that nobody gave, and prints one warning for each.
 */
export class MissingDataReport {
  private readonly tables = new Set<string>();
  private readonly watchlists = new Set<string>();

  constructor(private readonly workspace: Workspace) {}

  readonly onEmptyRead = (name: string): void => {
    this.tables.add(name);
  };

  /** Notes the watchlists a compiled query calls that the workspace does not have. */
  checkWatchlists(compiled: CompiledQuery): void {
    for (const alias of watchlistAliases(compiled.plan)) if (!this.workspace.watchlists.has(alias)) this.watchlists.add(alias);
  }

  print(): void {
    for (const name of [...this.tables].sort()) {
      const what = this.workspace.sentinelTable(name)?.kind === 'asim-parser' ? 'ASIM parser' : 'table';
      process.stderr.write(`warning: ${what} ${name} has no data (give it with --table ${name}=FILE); it reads as empty\n`);
    }
    for (const alias of [...this.watchlists].sort()) {
      // The alias comes from a query text, which may be someone else's rule file.
      const a = visible(alias);
      process.stderr.write(`warning: watchlist ${a} was not given (--watchlist ${a}=FILE.csv or --watchlists DIR); _GetWatchlist('${a}') returns no rows\n`);
    }
  }
}
