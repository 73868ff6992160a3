/**
 * Declares our catalog (tables, stored functions, Sentinel's _GetWatchlist) to the official
 * binder as a GlobalState. Every $ctorN overload number of the pinned package version lives here.
 */
import type { Schema } from '../types.ts';
import { kustoLanguage, type BridgeObject } from './bridge.ts';
import { reachable } from './reachable.ts';

export interface StoredFunctionDecl {
  readonly name: string;
  /** Parameter list in KQL syntax, e.g. `(T:(*))` or `(x:long, y:string = "a")`; `()` for none. */
  readonly parameters: string;
  /** Body in KQL syntax including braces: `{ T | extend a = 1 }`. */
  readonly body: string;
  /** Where the function came from (a file path), for error messages. */
  readonly source?: string;
}

export interface CatalogSchema {
  readonly tables: ReadonlyArray<{ readonly name: string; readonly schema: Schema }>;
  readonly functions: readonly StoredFunctionDecl[];
  /**
   * The field columns of every watchlist the catalog knows. `_GetWatchlist(alias)` is declared
   * with Sentinel's fixed columns followed by these (all strings), so any watchlist binds.
   */
  readonly watchlistFields: readonly string[];
}

/** The columns `_GetWatchlist` returns before the watchlist's own fields (kql-semantics.md §9.3). */
export const WATCHLIST_FIXED_COLUMNS: Schema = [
  { name: '_DTItemId', type: 'string' },
  { name: 'LastUpdatedTimeUTC', type: 'datetime' },
  { name: 'SearchKey', type: 'string' },
  { name: 'WatchlistItem', type: 'dynamic' },
];

export const GET_WATCHLIST = '_GetWatchlist';

/** `name` as it must be written in KQL: bracketed unless it is a plain identifier. */
export function quoteName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export function schemaText(schema: Schema): string {
  return `(${schema.map((c) => `${quoteName(c.name)}:${c.type}`).join(', ')})`;
}

function watchlistFunction(fields: readonly string[]): StoredFunctionDecl {
  const fixed = new Set(WATCHLIST_FIXED_COLUMNS.map((c) => c.name));
  const schema: Schema = [
    ...WATCHLIST_FIXED_COLUMNS,
    ...fields.filter((f) => !fixed.has(f)).map((name) => ({ name, type: 'string' as const })),
  ];
  // The body only gives the binder the result schema; the planner replaces every call with the
  // watchlist's rows for the alias.
  return { name: GET_WATCHLIST, parameters: '(watchlistAlias:string)', body: `{ datatable${schemaText(schema)}[] }` };
}

/**
 * Symbols by their declaration text. Symbols are immutable, and building one parses its text: the
 * Sentinel tables and ASIM parsers (docs/tables.md) took ~350 ms per compile without this.
 */
const symbolCache = new Map<string, BridgeObject>();
const schemaTexts = new WeakMap<Schema, string>();

function cachedSymbol(key: string, make: () => BridgeObject): BridgeObject {
  let sym = symbolCache.get(key);
  if (!sym) {
    sym = make();
    if (symbolCache.size >= 1000) symbolCache.clear();
    symbolCache.set(key, sym);
  }
  return sym;
}

function tableSymbol(name: string, schema: Schema): BridgeObject {
  let text = schemaTexts.get(schema);
  if (text === undefined) schemaTexts.set(schema, (text = schemaText(schema)));
  return cachedSymbol(`T\u0000${name}\u0000${text}`, () => new (kustoLanguage().Symbols.TableSymbol.$ctor7)(name, text, ''));
}

function functionSymbol(f: StoredFunctionDecl): BridgeObject {
  return cachedSymbol(`F\u0000${f.name}\u0000${f.parameters}\u0000${f.body}`, () => new (kustoLanguage().Symbols.FunctionSymbol.$ctor16)(f.name, f.parameters, f.body, ''));
}

/**
 * The binder's view of the catalog. Given the query's text, only the tables and functions the
 * text can reach are declared (reachable.ts): the same binding, without building the others.
 */
export function buildGlobalState(catalog: CatalogSchema, text?: string): BridgeObject {
  const K = kustoLanguage();
  const S = K.Symbols;
  const symbols: BridgeObject[] = [];
  const all = [...catalog.functions];
  if (!all.some((f) => f.name === GET_WATCHLIST)) all.push(watchlistFunction(catalog.watchlistFields));
  const { tables, functions } = text === undefined ? { tables: catalog.tables, functions: all } : reachable(text, catalog.tables, all);
  for (const t of tables) symbols.push(tableSymbol(t.name, t.schema));
  for (const f of functions) symbols.push(functionSymbol(f));
  const db = new S.DatabaseSymbol.$ctor1('trailhound', symbols, false);
  return K.GlobalState.Default.WithDatabase(db);
}
