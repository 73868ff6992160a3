/**
 * A workspace is what a Sentinel workspace gives a query: tables, stored functions and
 * watchlists. Built-in content comes first; user files of the same name replace it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import type { CatalogSchema, ExternalDataSource, PlanCache, StoredFunctionDecl, TableSource, Watchlist } from '../kql/engine.ts';
import { parseFunctionFile } from '../kql/function-file.ts';
import { parseWatchlistCsv } from '../kql/watchlist-file.ts';
import { TICKS_PER_MILLISECOND, UNIX_EPOCH_TICKS, type Schema } from '../kql/types.ts';
import { BUILTIN_FUNCTIONS_DIR, BUILTIN_WATCHLISTS_DIR } from './content.ts';
import { asimFunction, EmptyTable, sentinelCatalogue, type CatalogueEntry } from './sentinel-tables.ts';

export interface WorkspaceOptions {
  /** Folders (or single files) of `.kql` stored functions, applied after the built-in ones. */
  readonly functions?: readonly string[];
  /** `alias=file.csv` watchlists, applied after the built-in ones and the folders. */
  readonly watchlists?: ReadonlyArray<{ readonly alias: string; readonly path: string }>;
  /** Folders of watchlist CSV files (alias = file name without `.csv`), after the built-in ones. */
  readonly watchlistDirs?: readonly string[];
  /** Leave out the built-in functions and watchlists. */
  readonly noBuiltins?: boolean;
  /** Where compiled rule queries are kept between runs (none: always compile). */
  readonly planCache?: PlanCache;
  /** Where externaldata reads its URLs (none: a query with externaldata fails naming the URL). */
  readonly externalData?: ExternalDataSource;
}

export interface Workspace {
  readonly functions: readonly StoredFunctionDecl[];
  readonly watchlists: ReadonlyMap<string, Watchlist>;
  readonly planCache?: PlanCache;
  readonly externalData?: ExternalDataSource;
  /**
   * The catalog to compile against, given the tables the run will have: those, AWSCloudTrail,
   * and every catalogued Sentinel table and ASIM parser (docs/tables.md).
   */
  catalog(tables: ReadonlyMap<string, TableSource>): CatalogSchema;
  /**
   * The tables to run with: `tables`, and every catalogued table they lack as an empty table;
   * `onEmptyRead` gets the name (as queries write it) of each such table a query reads.
   */
  runTables(tables: ReadonlyMap<string, TableSource>, onEmptyRead?: (name: string) => void): Map<string, TableSource>;
  /** The catalogue entry of a Sentinel table or ASIM parser, by the name queries use. */
  sentinelTable(name: string): CatalogueEntry | undefined;
}

function kqlFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .filter((f) => f.endsWith('.kql'))
    .sort()
    .map((f) => join(path, f));
}

function csvFiles(path: string): string[] {
  return readdirSync(path)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(path, f));
}

export function loadWorkspace(options: WorkspaceOptions = {}): Workspace {
  const functions = new Map<string, StoredFunctionDecl>();
  const dirs = [...(options.noBuiltins ? [] : [BUILTIN_FUNCTIONS_DIR]), ...(options.functions ?? [])];
  for (const dir of dirs) {
    for (const file of kqlFiles(dir)) {
      const f = parseFunctionFile(readFileSync(file, 'utf8'), file);
      functions.set(f.name, f);
    }
  }
  const watchlists = new Map<string, Watchlist>();
  const dirsOfWatchlists = [...(options.noBuiltins ? [] : [BUILTIN_WATCHLISTS_DIR]), ...(options.watchlistDirs ?? [])];
  for (const dir of dirsOfWatchlists) {
    for (const file of csvFiles(dir)) {
      const alias = basename(file, '.csv');
      watchlists.set(alias, watchlistFile(alias, file));
    }
  }
  for (const w of options.watchlists ?? []) watchlists.set(w.alias, watchlistFile(w.alias, w.path));
  const fields = [...new Set([...watchlists.values()].flatMap((w) => w.fields))];
  const catalogue = sentinelCatalogue();
  const bySource = new Map([...catalogue.values()].map((e) => [e.source, e]));
  // An ASIM parser is declared unless a stored function of the same name replaces it.
  const asim = [...catalogue.values()].filter((e) => e.kind === 'asim-parser' && !functions.has(e.name)).map(asimFunction);
  return {
    functions: [...functions.values()],
    watchlists,
    planCache: options.planCache,
    externalData: options.externalData,
    catalog(tables) {
      const decls: { name: string; schema: Schema }[] = [...tables].map(([name, t]) => ({ name, schema: t.schema }));
      // AWSCloudTrail is always declared, so a rule compiles even before any logs are given.
      if (!tables.has(AWS_CLOUDTRAIL_TABLE)) decls.push({ name: AWS_CLOUDTRAIL_TABLE, schema: AWS_CLOUDTRAIL_SCHEMA });
      for (const e of catalogue.values()) if (!tables.has(e.source)) decls.push({ name: e.source, schema: e.schema });
      return { tables: decls, functions: [...functions.values(), ...asim], watchlistFields: fields };
    },
    runTables(tables, onEmptyRead = () => {}) {
      const out = new Map(tables);
      for (const [source, e] of bySource) if (!out.has(source)) out.set(source, new EmptyTable(e.name, e.schema, onEmptyRead));
      return out;
    },
    sentinelTable: (name) => catalogue.get(name),
  };
}

/** A watchlist CSV; its items were last updated when the file was written. */
function watchlistFile(alias: string, path: string): Watchlist {
  const w = parseWatchlistCsv(alias, readFileSync(path, 'utf8'), path);
  const ms = BigInt(Math.trunc(statSync(path).mtimeMs));
  return { ...w, lastUpdated: ms * TICKS_PER_MILLISECOND + UNIX_EPOCH_TICKS };
}

/** Parses `alias=path` / `Name=path` command-line pairs. */
export function parseAssignment(text: string, what: string): { name: string; path: string } {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new Error(`${what} must be written NAME=PATH, got "${text}"`);
  return { name: text.slice(0, eq), path: text.slice(eq + 1) };
}
