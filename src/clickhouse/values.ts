/**
 * Our scalar types as ClickHouse column types, and values both ways: rows to RowBinary for
 * INSERT (row-binary.ts), query results (RowBinary, from the select list `outputSql` builds:
 * row-binary-reader.ts) back to our representation (docs/values.md). Exact in both directions for the types listed; anything else
 * is refused by name rather than approximated.
 *
 *   string    String                     (Kusto has no null string; "" stands in, as in our rows)
 *   datetime  DateTime64(7, 'UTC')       (100 ns ticks, like Kusto's; Nullable unless the column is a key)
 *   bool      Nullable(Bool)
 *   long      Nullable(Int64)            int: Nullable(Int32)
 *
 * Datetimes travel as the Int64 behind DateTime64(7) (100 ns since 1970, reinterpretAsInt64), so
 * no text formatting or time zone is involved on the way back. ClickHouse documents DateTime64's
 * range as 1900-01-01 .. 2299-12-31 (clickhouse.com/docs/sql-reference/data-types/datetime64);
 * a value outside it cannot be stored exactly, so it is refused (load.ts reports the record).
 */
import { UnsupportedError } from '../kql/errors.ts';
import { datetimeFromParts, datetimeParts } from '../kql/values/datetime.ts';
import { UNIX_EPOCH_TICKS, type ScalarType, type Value } from '../kql/types.ts';

export const MIN_DATETIME = datetimeFromParts(1900, 1, 1);
/** Exclusive. */
export const MAX_DATETIME = datetimeFromParts(2300, 1, 1);

export function clickHouseType(type: ScalarType, nullable = true): string {
  switch (type) {
    case 'string': return 'String';
    case 'datetime': return nullable ? "Nullable(DateTime64(7, 'UTC'))" : "DateTime64(7, 'UTC')";
    case 'bool': return 'Nullable(Bool)';
    case 'long': return 'Nullable(Int64)';
    case 'int': return 'Nullable(Int32)';
    default: throw new UnsupportedError(`a ${type} column in a ClickHouse table (supported: string, datetime, bool, long, int)`);
  }
}

export function datetimeInRange(ticks: bigint): boolean {
  return ticks >= MIN_DATETIME && ticks < MAX_DATETIME;
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD hh:mm:ss.fffffff`: the text DateTime64(7, 'UTC') parses exactly. */
export function datetimeText(ticks: bigint): string {
  const p = datetimeParts(ticks);
  return `${String(p.year).padStart(4, '0')}-${p2(p.month)}-${p2(p.day)} ${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}.${String(p.fraction).padStart(7, '0')}`;
}

/** A datetime literal in SQL (the caller checked datetimeInRange). */
export function datetimeSql(ticks: bigint): string {
  return `toDateTime64('${datetimeText(ticks)}', 7, 'UTC')`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a value cannot be stored exactly, or undefined when it can. Strings must be well-formed
 * UTF-16 (a lone surrogate has no UTF-8 form: ClickHouse would store a replacement character).
 */
export function unstorable(type: ScalarType, v: Value): string | undefined {
  if (type === 'string') return !LONE_SURROGATE.test(v as string) ? undefined : 'a string with a lone UTF-16 surrogate (no UTF-8 form)';
  if (type === 'datetime' && v !== null && !datetimeInRange(v as bigint)) return `a datetime outside ClickHouse's DateTime64 range 1900-01-01 .. 2299-12-31`;
  return undefined;
}

/**
 * The select-list form of an expression of our type: one exact ClickHouse type per our type, so
 * that a RowBinary result needs no header and decodes straight into our values (row-binary-reader.ts).
 */
export function outputSql(type: ScalarType, sql: string): string {
  switch (type) {
    case 'datetime': return `CAST(reinterpretAsInt64(${sql}) AS Nullable(Int64))`;
    case 'long': return `CAST(${sql} AS Nullable(Int64))`;
    case 'int': return `CAST(${sql} AS Nullable(Int32))`;
    case 'bool': return `CAST(${sql} AS Nullable(Bool))`;
    // Kusto has no null string: "" stands in (values.ts header)
    case 'string': return `CAST(ifNull(${sql}, '') AS String)`;
    default: throw new UnsupportedError(`a ${type} result from ClickHouse`);
  }
}

/** A string literal in ClickHouse SQL: quoted, with backslash and quote escaped, control bytes as \xHH. */
export function stringSql(s: string): string {
  return `'${s.replace(/[\\'\x00-\x1f\x7f]/g, (c) => (c === '\\' || c === "'" ? `\\${c}` : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))}'`;
}

/** An identifier in backquotes (column names come from schemas, and may be any text). */
export function identSql(name: string): string {
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}
