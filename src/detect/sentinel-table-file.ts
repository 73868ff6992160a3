/**
 * A JSON, JSON Lines or CSV file as a catalogued Sentinel table (`--table SigninLogs=file`): its
 * values converted to the table's documented column types, as Log Analytics stores them.
 * Columns the file lacks read as null (""), `Type` as the table's name; columns the table does
 * not have are dropped and named (AzureDiagnostics keeps them, typed by their suffix); a value
 * that does not convert reads as null and is counted. docs/tables.md, "Supplying data".
 */
import { sentinelTime } from '../cloudtrail/sentinel-rows.ts';
import { convert, MemoryTable, readRecords } from '../kql/file-table.ts';
import { nullOf, type ColumnSchema, type ScalarType, type Schema, type Value } from '../kql/types.ts';
import { dynFromJs } from '../kql/values/dynamic.ts';
import { stringifyJson } from '../kql/values/json-stringify.ts';
import type { CatalogueEntry } from './sentinel-tables.ts';

export interface SentinelFileTable {
  readonly table: MemoryTable;
  /** Columns of the file the table does not have (dropped). */
  readonly dropped: readonly string[];
  /** Values that did not convert: how many, and the first few, as `row N: column X: "value" is not a T`. */
  readonly badValues: number;
  readonly examples: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Column types of the HTTP Data Collector API's name suffixes, which AzureDiagnostics' added
 * columns carry (learn.microsoft.com/azure/azure-monitor/logs/data-collector-api, "Record type and properties").
 */
const SUFFIX_TYPES: ReadonlyArray<readonly [string, ScalarType]> = [['_s', 'string'], ['_d', 'real'], ['_b', 'bool'], ['_t', 'datetime'], ['_g', 'guid']];

/** The Sentinel portal's CSV export writes a time column `TimeGenerated` as `TimeGenerated [UTC]`. */
function columnName(header: string): string {
  return header.replace(/ \[UTC\]$/, '');
}

/** A raw JSON or CSV value as the column type stores it; undefined when it does not convert. */
function sentinelValue(type: ScalarType, raw: unknown): Value | undefined {
  if (raw === null || raw === undefined || raw === '') return nullOf(type);
  switch (type) {
    case 'datetime':
      return sentinelTime(raw) ?? undefined;
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
      return undefined;
    case 'guid':
      return typeof raw === 'string' && GUID.test(raw.trim()) ? raw.trim().toLowerCase() : undefined;
    case 'dynamic':
      // A CSV cell (or a JSON string) holds the value's JSON text.
      if (typeof raw === 'string') {
        try {
          return dynFromJs(JSON.parse(raw));
        } catch {
          return raw;
        }
      }
      return dynFromJs(raw);
    default:
      return convert(type, raw);
  }
}

export function readSentinelTable(path: string, entry: CatalogueEntry): SentinelFileTable {
  const { columns: headers, rows } = readRecords(path);
  const names = headers.map(columnName);
  const known = new Set(entry.schema.map((c) => c.name));
  const extra = names.filter((n) => !known.has(n));
  const added: ColumnSchema[] = entry.open
    ? extra.map((name) => ({ name, type: SUFFIX_TYPES.find(([s]) => name.endsWith(s))?.[1] ?? 'string' }))
    : [];
  const schema: Schema = [...entry.schema, ...added];
  const index = schema.map((c) => names.indexOf(c.name));
  let badValues = 0;
  const examples: string[] = [];
  const values = rows.map((r, ri) =>
    schema.map((c, ci): Value => {
      const raw = index[ci]! >= 0 ? r[index[ci]!] : undefined;
      // Log Analytics sets Type to the table's name.
      if (c.name === 'Type' && (raw === undefined || raw === null || raw === '')) return entry.name;
      const v = sentinelValue(c.type, raw);
      if (v !== undefined) return v;
      badValues++;
      if (examples.length < 3) examples.push(`row ${ri + 1}: column ${c.name}: ${(stringifyJson(raw) ?? String(raw)).slice(0, 80)} is not a ${c.type}`);
      return nullOf(c.type);
    }),
  );
  return { table: MemoryTable.fromRows(schema, values), dropped: entry.open ? [] : extra, badValues, examples };
}
