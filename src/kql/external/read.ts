/**
 * Reads an externaldata operator's table: each URI's bytes from the run's ExternalDataSource,
 * its files and records (files.ts, records.ts), mapped to the declared columns and converted to
 * their types as ingestion does.
 *
 * Mapping (mappings doc, "Identity mapping"): without `ingestionMapping`, delimited and text
 * formats map "All table columns ... in their respective order to data columns in order they
 * appear in the data source", JSON maps "All table columns ... to ... record fields having the
 * same name (case-sensitive)". With one, each column takes its element's `Ordinal` (CSV mapping),
 * `Path` (JSON mapping; a Path not starting with `$` is a constant), `ConstValue` or `Transform`;
 * other columns are null.
 *
 * Types ("Column data type is taken from the table schema"): a field or JSON value becomes the
 * column's type as the to*() conversions turn a string or dynamic value into it: a string column
 * takes text as it is (a JSON array or bag: its JSON text, as in the AWS ip-ranges.json rules'
 * `prefixes: string`), a dynamic column parses text as JSON, other types parse the text; what
 * does not convert, and an empty field, is null.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { converter } from '../functions/convert-to.ts';
import { batchOf } from '../exec/batches.ts';
import type { Batch, Dyn, ScalarType, Schema, Value } from '../types.ts';
import { TICKS_PER_MILLISECOND, TICKS_PER_SECOND, UNIX_EPOCH_TICKS } from '../types.ts';
import { evalJsonPath } from '../values/json-path.ts';
import { numOfDyn } from '../values/numbers.ts';
import { ExternalFileError, externalFiles } from './files.ts';
import { readRecords, type Records } from './records.ts';
import { displayUri, type ColumnMapping, type ExternalDataSpec } from './spec.ts';

/** Where externaldata's bytes come from: the CLI reads URIs over HTTP(S) with a cache, tests serve files. */
export type ExternalDataSource = (uri: string) => Promise<Uint8Array>;

/** A value before conversion to its column's type. */
interface Raw {
  readonly type: ScalarType;
  readonly v: Value;
}

const NULL_RAW: Raw = { type: 'dynamic', v: null };

/** Per column, the conversion of a raw value of each source type (bound once). */
function converters(schema: Schema): ((raw: Raw) => Value)[] {
  return schema.map((c) => {
    const bound = new Map<ScalarType, (v: Value) => Value>();
    return (raw) => {
      let f = bound.get(raw.type);
      if (!f) bound.set(raw.type, (f = converter(raw.type, c.type)));
      return f(raw.v);
    };
  });
}

const UNIX_UNITS: Record<string, number | bigint> = {
  DateTimeFromUnixSeconds: TICKS_PER_SECOND,
  DateTimeFromUnixMilliseconds: TICKS_PER_MILLISECOND,
  DateTimeFromUnixMicroseconds: 10n,
  DateTimeFromUnixNanoseconds: 0.01,
};

/** A unix-time number (text or JSON) as a datetime (mapping transformations: "Converts number representing unix-time"). */
function fromUnix(raw: Raw, transform: string): Raw {
  const n = raw.type === 'string' ? Number((raw.v as string).trim()) : numOfDyn(raw.v as Dyn) ? Number(numOfDyn(raw.v as Dyn)!.v) : NaN;
  if ((raw.type === 'string' && (raw.v as string).trim() === '') || !Number.isFinite(n)) return NULL_RAW;
  const unit = UNIX_UNITS[transform]!;
  const ticks = typeof unit === 'bigint' ? BigInt(Math.trunc(n)) * unit + BigInt(Math.round((n - Math.trunc(n)) * Number(unit))) : BigInt(Math.trunc(n * unit));
  return { type: 'datetime', v: UNIX_EPOCH_TICKS + ticks };
}

/** The raw value of one column in one record under a mapping element. */
function mapped(m: ColumnMapping, records: Records, r: number, uri: string): Raw {
  let raw: Raw;
  if (m.constValue !== undefined) raw = { type: 'string', v: m.constValue };
  else if (m.transform === 'SourceLocation') return { type: 'string', v: uri };
  else if (m.transform === 'SourceLineNumber') return { type: 'long', v: BigInt(r + 1) };
  else if (m.ordinal !== undefined) {
    if (records.kind !== 'fields') throw new ExternalFileError(`a CSV mapping (Ordinal) cannot read JSON records (column ${m.column})`);
    const f = records.rows[r]![m.ordinal];
    raw = f === undefined ? NULL_RAW : { type: 'string', v: f };
  } else if (m.path !== undefined) {
    if (records.kind !== 'json') throw new ExternalFileError(`a JSON mapping (Path) cannot read delimited records (column ${m.column})`);
    const v = evalJsonPath(records.rows[r]!, m.path);
    raw = v === undefined ? NULL_RAW : { type: 'dynamic', v };
  } else raw = NULL_RAW;
  return m.transform && m.transform in UNIX_UNITS ? fromUnix(raw, m.transform) : raw;
}

/** Appends the records of one file to `columns`. */
function ingest(spec: ExternalDataSpec, schema: Schema, records: Records, uri: string, columns: Value[][], convert: ((raw: Raw) => Value)[]): void {
  const first = spec.ignoreFirstRecord ? 1 : 0;
  const mapping = spec.mapping;
  const byColumn = mapping ? schema.map((c) => mapping.find((m) => m.column === c.name)) : undefined;
  for (let r = first; r < records.rows.length; r++) {
    for (let c = 0; c < schema.length; c++) {
      let raw: Raw;
      if (byColumn) raw = byColumn[c] ? mapped(byColumn[c]!, records, r, uri) : NULL_RAW;
      else if (records.kind === 'fields') {
        const f = records.rows[r]![c];
        raw = f === undefined ? NULL_RAW : { type: 'string', v: f };
      } else {
        const rec = records.rows[r]!;
        raw = rec instanceof Map && rec.has(schema[c]!.name) ? { type: 'dynamic', v: rec.get(schema[c]!.name)! } : NULL_RAW;
      }
      columns[c]!.push(convert[c]!(raw));
    }
  }
}

/** The table an externaldata operator returns, its URIs read from `source`. */
export async function readExternalData(spec: ExternalDataSpec, schema: Schema, source: ExternalDataSource | undefined): Promise<Batch> {
  const columns: Value[][] = schema.map(() => []);
  const convert = converters(schema);
  for (const [i, uri] of spec.uris.entries()) {
    const shown = displayUri(uri, spec.hidden[i] ?? false);
    if (!source) throw new KqlError('runtime', `externaldata: nothing to read ${shown} with (this run was given no external data source)`);
    let bytes: Uint8Array;
    try {
      bytes = await source(uri);
    } catch (e) {
      if (e instanceof KqlError) throw e;
      throw new KqlError('runtime', `externaldata: cannot read ${shown}: ${(e as Error).message}`);
    }
    try {
      for (const file of externalFiles(uri, bytes, spec.format)) {
        ingest(spec, schema, readRecords(file.text, file.format), uri, columns, convert);
      }
    } catch (e) {
      if (e instanceof ExternalFileError) throw new KqlError('runtime', `externaldata: ${shown} ${e.message}`);
      if (e instanceof UnsupportedError) throw e;
      throw e;
    }
  }
  return batchOf(schema, columns);
}
