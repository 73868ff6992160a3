/**
 * The management commands clients send when they connect and build their schema view, answered
 * from the catalog, read-only (learn.microsoft.com/kusto/management/show-databases,
 * show-tables-command, show-table-cslschema-command, show-function-command (".show functions"),
 * show-schema-database (".show database schema as json"), show-version). Every command that would
 * change something is refused (403); any other `.show` fails naming it.
 */
import type { CatalogSchema, StoredFunctionDecl } from '../kql/engine.ts';
import type { ScalarType, Schema } from '../kql/types.ts';
import { scalarTypeName } from '../kql/syntax/types.ts';
import { badRequest, forbidden, kustoError, type KustoError } from './kusto-errors.ts';
import { SYSTEM_TYPE } from './kusto-values.ts';
import { v1Table } from './response-encoders.ts';

export const DATABASE = 'trailhound';
export const VERSION = '0.1.0';

export type CommandAnswer = { readonly ok: true; readonly body: string } | { readonly ok: false; readonly error: KustoError };

const S = (name: string): { name: string; type: ScalarType } => ({ name, type: 'string' });

/** `a:string,b:long`, the cslschema form. */
const cslSchema = (schema: Schema): string => schema.map((c) => `${quoteName(c.name)}:${c.type}`).join(',');
const quoteName = (n: string): string => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(n) ? n : `['${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`);

/** An entity name as written in a command: `T`, `['T']` or `["T"]`. */
function entityName(text: string): string {
  const m = /^\[\s*(['"])(.*)\1\s*\]$/.exec(text.trim());
  return m ? m[2]! : text.trim();
}

/** Commands that change something start with one of these verbs (management docs). */
const WRITE_VERBS = /^\.(create|alter|drop|set|append|ingest|delete|purge|rename|move|replace|add|clear|update|enable|disable|cancel|execute|attach|detach|merge|seal|export|undo|dup-next|set-or-append|set-or-replace|create-or-alter|create-merge|alter-merge|abandon|run)\b/i;

export function runCommand(csl: string, catalog: CatalogSchema): CommandAnswer {
  // Kusto allows a client request properties prefix and comments; one command, one line of words.
  const text = csl.replace(/\/\/[^\n]*/g, ' ').replace(/\s+/g, ' ').trim();
  const ok = (body: string): CommandAnswer => ({ ok: true, body });
  let m: RegExpExecArray | null;
  if (/^\.show databases$/i.test(text)) {
    return ok(
      v1Table(
        [S('DatabaseName'), S('PersistentStorage'), S('Version'), { name: 'IsCurrent', type: 'bool' }, S('DatabaseAccessMode'), S('PrettyName'), { name: 'CurrentUserIsUnrestrictedViewer', type: 'bool' }, S('DatabaseId')],
        [[DATABASE, '', 'v1.0', true, 'ReadOnly', DATABASE, false, '']],
      ),
    );
  }
  if (/^\.show tables$/i.test(text)) {
    return ok(v1Table([S('TableName'), S('DatabaseName'), S('Folder'), S('DocString')], sortedTables(catalog).map((t) => [t.name, DATABASE, '', ''])));
  }
  if ((m = /^\.show table (.+?) cslschema$/i.exec(text))) {
    const name = entityName(m[1]!);
    const table = catalog.tables.find((t) => t.name === name);
    if (!table) return { ok: false, error: kustoError(400, 'BadRequest_EntityNotFound', 'EntityNotFoundException', `Table '${name}' was not found in database '${DATABASE}'.`) };
    return ok(v1Table([S('TableName'), S('Schema'), S('DatabaseName'), S('Folder'), S('DocString')], [[table.name, cslSchema(table.schema), DATABASE, '', '']]));
  }
  if (/^\.show functions$/i.test(text)) {
    return ok(v1Table([S('Name'), S('Parameters'), S('Body'), S('Folder'), S('DocString')], sortedFunctions(catalog).map((f) => [f.name, f.parameters, f.body, '', ''])));
  }
  if ((m = /^\.show (?:database(?: (.+?))?|databases) schema as json$/i.exec(text))) {
    const named = m[1] === undefined ? undefined : entityName(m[1]);
    if (named !== undefined && named !== DATABASE) return { ok: false, error: kustoError(400, 'BadRequest_DatabaseNotExist', 'DatabaseNotFoundException', `Database '${named}' was not found.`) };
    return ok(v1Table([S('DatabaseSchema')], [[JSON.stringify(databaseSchema(catalog))]]));
  }
  if (/^\.show version$/i.test(text)) {
    return ok(v1Table([S('BuildVersion'), { name: 'BuildTime', type: 'datetime' }, S('ServiceType'), S('ProductVersion')], [[VERSION, '0001-01-01T00:00:00Z', 'Engine', `trailhound ${VERSION}`]]));
  }
  if (WRITE_VERBS.test(text)) return { ok: false, error: forbidden(`trailhound serve is read-only: the command ${firstWords(text)} is refused.`) };
  return { ok: false, error: badRequest(`Unsupported by trailhound: the management command ${firstWords(text)} (serve answers .show databases, .show tables, .show table T cslschema, .show functions, .show database schema as json, .show version).`) };
}

const firstWords = (text: string): string => text.split(' ').slice(0, 3).join(' ').slice(0, 80);

const sortedTables = (c: CatalogSchema) => [...c.tables].sort((a, b) => a.name.localeCompare(b.name));
const sortedFunctions = (c: CatalogSchema) => [...c.functions].sort((a, b) => a.name.localeCompare(b.name));

/** Kusto's database schema document, as schema-aware clients (intellisense) read it. */
function databaseSchema(catalog: CatalogSchema): object {
  const tables: Record<string, object> = {};
  for (const t of sortedTables(catalog)) {
    tables[t.name] = { Name: t.name, EntityType: 'Table', OrderedColumns: t.schema.map((c) => ({ Name: c.name, Type: SYSTEM_TYPE[c.type], CslType: c.type })), Folder: null, DocString: null };
  }
  const functions: Record<string, object> = {};
  for (const f of sortedFunctions(catalog)) {
    functions[f.name] = { Name: f.name, InputParameters: inputParameters(f), Body: f.body, Folder: null, DocString: null, FunctionKind: 'Unknown', OutputKind: 'Unknown' };
  }
  return {
    Plugins: [],
    Databases: {
      [DATABASE]: { Name: DATABASE, Tables: tables, ExternalTables: {}, MaterializedViews: {}, Functions: functions, DatabaseAccessMode: 'ReadOnly', MajorVersion: 1, MinorVersion: 0 },
    },
  };
}

/** Splits at the commas outside brackets and quotes. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start);
  if (last.trim() !== '') parts.push(last);
  return parts.map((p) => p.trim());
}

/** A function's parameters, `(T:(*), n:long = 5)`, as the schema document lists them. */
function inputParameters(f: StoredFunctionDecl): object[] {
  const inner = f.parameters.trim().replace(/^\(/, '').replace(/\)$/, '');
  return splitTop(inner).map((p) => {
    const colon = p.indexOf(':');
    const name = (colon < 0 ? p : p.slice(0, colon)).trim();
    const rest = colon < 0 ? '' : p.slice(colon + 1).trim();
    if (rest.startsWith('(')) {
      const cols = splitTop(rest.slice(1, rest.lastIndexOf(')'))).filter((c) => c !== '*');
      return { Name: name, Columns: cols.map((c) => columnOf(c)) };
    }
    const eq = rest.indexOf('=');
    const typeText = (eq < 0 ? rest : rest.slice(0, eq)).trim();
    const type = scalarTypeName(typeText) ?? 'dynamic';
    return { Name: name, Type: SYSTEM_TYPE[type], CslType: type, ...(eq < 0 ? {} : { CslDefaultValue: rest.slice(eq + 1).trim() }) };
  });
}

function columnOf(text: string): object {
  const [n, t] = text.split(':').map((s) => s.trim());
  const type = scalarTypeName(t ?? '') ?? 'dynamic';
  return { Name: n, Type: SYSTEM_TYPE[type], CslType: type };
}
