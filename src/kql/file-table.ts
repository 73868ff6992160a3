/**
 * Any JSON (array of objects), JSON Lines or CSV file as a table (`--table Name=path`).
 * Column types are inferred from the values (integers long, other numbers real, true/false bool,
 * objects and arrays dynamic, everything else string; a column with mixed kinds is dynamic,
 * CSV columns are strings unless every value parses as one kind), unless a schema is given:
 * `--table 'Name(a:string, b:long)=path'`.
 */
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { KqlError } from './errors.ts';
import { CSV_OPTIONS } from './csv-limits.ts';
import type { ScanOptions, TableSource } from './scan.ts';
import { batchFromRows, replay } from './exec/batches.ts';
import { markResident } from './exec/memory-size.ts';
import { nullOf, type Batch, type ScalarType, type Schema, type Value } from './types.ts';
import { dynFromJs } from './values/dynamic.ts';
import { stringifyJson } from './values/json-stringify.ts';
import { parseDatetime } from './values/datetime.ts';

type Kind = 'long' | 'real' | 'bool' | 'string' | 'dynamic' | 'null';

function kindOfJson(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'long' : 'real';
  if (typeof v === 'string') return 'string';
  return 'dynamic';
}

function unify(a: Kind, b: Kind): Kind {
  if (a === 'null') return b;
  if (b === 'null' || a === b) return a;
  if ((a === 'long' && b === 'real') || (a === 'real' && b === 'long')) return 'real';
  return 'dynamic';
}

function kindOfCsv(v: string): Kind {
  if (v === '') return 'null';
  if (/^[+-]?\d+$/.test(v) && BigInt(v) < 2n ** 63n && BigInt(v) >= -(2n ** 63n)) return 'long';
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(v)) return 'real';
  if (/^(true|false)$/i.test(v)) return 'bool';
  return 'string';
}

/** Converts a raw cell to a value of the column's type; undefined when it does not fit. */
export function convert(type: ScalarType, raw: unknown): Value | undefined {
  if (raw === null || raw === undefined || raw === '') return nullOf(type);
  switch (type) {
    case 'string':
      return typeof raw === 'string' ? raw : typeof raw === 'object' ? stringifyJson(raw)! : String(raw);
    case 'long':
      if (typeof raw === 'number' && Number.isInteger(raw)) return BigInt(raw);
      if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) return BigInt(raw.trim());
      return undefined;
    case 'int':
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) return Number(raw.trim());
      return undefined;
    case 'real': {
      const n = typeof raw === 'number' ? raw : Number(String(raw));
      return Number.isNaN(n) && String(raw).toLowerCase() !== 'nan' ? undefined : n;
    }
    case 'bool':
      if (typeof raw === 'boolean') return raw;
      if (/^true$/i.test(String(raw))) return true;
      if (/^false$/i.test(String(raw))) return false;
      return undefined;
    case 'datetime':
      return typeof raw === 'string' ? (parseDatetime(raw) ?? undefined) : undefined;
    case 'dynamic':
      return dynFromJs(typeof raw === 'string' ? tryJson(raw) : raw);
    default:
      return typeof raw === 'string' ? raw : undefined;
  }
}

function tryJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}

export function readRecords(path: string): { columns: string[]; rows: unknown[][]; csv: boolean } {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(path)) {
    let records: string[][];
    try {
      records = parseCsv(text, CSV_OPTIONS) as string[][];
    } catch (e) {
      throw new KqlError('runtime', `${path}: not valid CSV: ${(e as Error).message}`);
    }
    if (records.length === 0) throw new KqlError('runtime', `${path}: empty CSV file (a header row is needed)`);
    return { columns: records[0]!, rows: records.slice(1), csv: true };
  }
  let objects: unknown[];
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[')) {
    try {
      objects = JSON.parse(text) as unknown[];
    } catch (e) {
      throw new KqlError('runtime', `${path}: not valid JSON: ${(e as Error).message}`);
    }
  } else {
    objects = [];
    text.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      try {
        objects.push(JSON.parse(line));
      } catch (e) {
        throw new KqlError('runtime', `${path}:${i + 1}: not a JSON line: ${(e as Error).message}`);
      }
    });
  }
  // a Set: records with many distinct keys made `includes` quadratic
  const seen = new Set<string>();
  for (const o of objects) {
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new KqlError('runtime', `${path}: every record must be a JSON object`);
    for (const k of Object.keys(o)) seen.add(k);
  }
  const columns = [...seen];
  return { columns, rows: objects.map((o) => columns.map((c) => (o as Record<string, unknown>)[c])), csv: false };
}

export class FileTable implements TableSource {
  readonly schema: Schema;
  private readonly batch: Batch;

  constructor(readonly path: string, declared?: Schema) {
    const { columns, rows, csv } = readRecords(path);
    let schema: Schema;
    if (declared) schema = declared;
    else {
      schema = columns.map((name, c) => {
        let k: Kind = 'null';
        for (const r of rows) k = unify(k, csv ? kindOfCsv(String(r[c] ?? '')) : kindOfJson(r[c]));
        return { name, type: (k === 'null' ? 'string' : k) as ScalarType };
      });
    }
    const index = schema.map((c) => columns.indexOf(c.name));
    const values = rows.map((r, ri) =>
      schema.map((c, ci) => {
        const raw = index[ci]! >= 0 ? r[index[ci]!] : undefined;
        const v = convert(c.type, raw);
        if (v === undefined) throw new KqlError('runtime', `${path}: row ${ri + 1}: ${stringifyJson(raw)?.slice(0, 80)} is not a ${c.type} (column ${c.name})`);
        return v;
      }),
    );
    this.schema = schema;
    // Held for the whole run: a query that holds its rows adds only pointers (memory-size.ts).
    this.batch = markResident(batchFromRows(schema, values));
  }

  scan(_options: ScanOptions): AsyncIterable<Batch> {
    return replay(this.batch);
  }
}

/** An in-memory table (tests, rule test cases). */
export class MemoryTable implements TableSource {
  constructor(
    readonly schema: Schema,
    private readonly batch: Batch,
  ) {
    // Held for the whole run: a query that holds its rows adds only pointers (memory-size.ts).
    markResident(batch);
  }

  static fromRows(schema: Schema, rows: readonly (readonly Value[])[], ingestion?: (bigint | null)[]): MemoryTable {
    const b = batchFromRows(schema, rows);
    return new MemoryTable(schema, ingestion ? { ...b, ingestion } : b);
  }

  /** The rows are already in memory: one batch, no copy. */
  async *scan(_options: ScanOptions): AsyncIterable<Batch> {
    if (this.batch.length > 0) yield this.batch;
  }
}
