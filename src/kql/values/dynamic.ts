/**
 * Dynamic values (learn.microsoft.com/kusto/query/scalar-data-types/dynamic): conversion from
 * JS values, the compact JSON text Kusto prints, equality and type names. Parsing JSON text is
 * in dyn-json-parse.ts. Nothing here recurses: arrays and bags nested 100,000 levels deep are
 * walked with explicit stacks.
 */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn } from '../types.ts';
import { formatDatetime } from './datetime.ts';
import { dynText, jsonString } from './dyn-text.ts';
import { formatReal } from './real.ts';
import { formatTimespan } from './timespan.ts';

export { jsonString };
export { dynInteger, parseJson, parseJsonValues } from './dyn-json-parse.ts';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function isBag(d: Dyn): d is Map<string, Dyn> {
  return d instanceof Map;
}

export function isArray(d: Dyn): d is Dyn[] {
  return Array.isArray(d);
}

/**
 * A dynamic value from the output of JSON.parse (or any plain JS value). Integral numbers that
 * fit 32 bits become int, other safe integers long, the rest real (JSON.parse cannot tell 1.0
 * from 1: callers who need that distinction use parseJson on the text). Arrays and objects are
 * copied level by level from a work list, not by recursion.
 */
export function dynFromJs(x: unknown): Dyn {
  // Arrays and bags made empty by dynShell, after the JS array or object they are to hold.
  const todo: unknown[] = [];
  const root = dynShell(x, todo);
  while (todo.length > 0) {
    const to = todo.pop() as Dyn[] | Map<string, Dyn>;
    const from = todo.pop();
    if (Array.isArray(to)) {
      const items = from as unknown[];
      for (let i = 0; i < items.length; i++) to.push(dynShell(items[i], todo));
    } else {
      for (const [k, v] of Object.entries(from as Record<string, unknown>)) to.set(k, dynShell(v, todo));
    }
  }
  return root;
}

/**
 * A JS value as a dynamic value. An array or object gives an empty array or bag, queued on
 * `todo` after its source to be filled. A Map is taken as a dynamic bag already.
 */
function dynShell(x: unknown, todo: unknown[]): Dyn {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
    case 'bigint':
      return x;
    case 'number':
      if (Number.isInteger(x) && !Object.is(x, -0)) {
        if (x >= INT32_MIN && x <= INT32_MAX) return new DynInt(x);
        if (Number.isSafeInteger(x)) return BigInt(x);
      }
      return x;
    case 'object': {
      if (x instanceof Map) return x as Map<string, Dyn>;
      if (x instanceof DynInt || x instanceof DynDatetime || x instanceof DynTimespan || x instanceof DynGuid || x instanceof DynDecimal) return x;
      if (x instanceof Date) return new DynDatetime(BigInt(x.getTime()) * 10_000n + 621_355_968_000_000_000n);
      const to: Dyn = Array.isArray(x) ? [] : new Map<string, Dyn>();
      todo.push(x, to);
      return to;
    }
    default:
      return null;
  }
}

/**
 * Compact JSON text of a dynamic value as Kusto prints it (tostring of an array or bag):
 * no whitespace, bag keys in stored order, datetime/timespan/guid as JSON strings in their
 * tostring form (pack_array doc: `pack_array(1, "2", 2s)` -> `[1,"2","00:00:02"]`).
 */
export function dynToJson(d: Dyn): string {
  return dynText(d, jsonLeaf);
}

/** Text of a real inside JSON: .NET number text; NaN and ±Infinity as strings (Json.NET's default). */
function jsonReal(x: number): string {
  return Number.isFinite(x) ? formatReal(x) : `"${formatReal(x)}"`;
}

/** JSON text of a value that is neither an array nor a bag. */
function jsonLeaf(d: Dyn): string {
  if (d === null) return 'null';
  switch (typeof d) {
    case 'boolean':
      return d ? 'true' : 'false';
    case 'number':
      return jsonReal(d);
    case 'bigint':
      return d.toString();
    case 'string':
      return jsonString(d);
  }
  if (d instanceof DynInt) return String(d.value);
  if (d instanceof DynDecimal) return d.text;
  if (d instanceof DynDatetime) return jsonString(formatDatetime(d.ticks));
  if (d instanceof DynTimespan) return jsonString(formatTimespan(d.ticks));
  return jsonString((d as DynGuid).text);
}

/** The numeric value of a dynamic number (int, long, real, decimal), else undefined. */
export function dynNumber(d: Dyn): number | bigint | undefined {
  if (typeof d === 'number' || typeof d === 'bigint') return d;
  if (d instanceof DynInt) return d.value;
  if (d instanceof DynDecimal) return Number(d.text);
  return undefined;
}

/**
 * Deep equality of dynamic values. Numbers compare by value across int/long/real (1 == 1.0),
 * arrays element-wise, bags by key set and values (key order ignored). Our choice where
 * kql-semantics.md §8.3 leaves it open; NaN is not equal to itself. The pairs still to compare
 * wait in a list (two entries per pair), not on the call stack.
 */
export function dynEquals(a: Dyn, b: Dyn): boolean {
  const todo: Dyn[] = [a, b];
  while (todo.length > 0) {
    const y = todo.pop() as Dyn;
    const x = todo.pop() as Dyn;
    if (x === y && (x === x || typeof x !== 'number')) continue;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) todo.push(x[i]!, y[i]!);
    } else if (x instanceof Map) {
      if (!(y instanceof Map) || x.size !== y.size) return false;
      for (const [k, v] of x) {
        if (!y.has(k)) return false;
        todo.push(v, y.get(k)!);
      }
    } else if (!leafEquals(x, y)) return false;
  }
  return true;
}

/** Equality of `a`, which is neither an array nor a bag, with `b` (not the same JS value). */
function leafEquals(a: Dyn, b: Dyn): boolean {
  if (a === null || b === null) return false;
  const na = dynNumber(a);
  const nb = dynNumber(b);
  if (na !== undefined || nb !== undefined) {
    if (na === undefined || nb === undefined) return false;
    if (typeof na === 'bigint' && typeof nb === 'bigint') return na === nb;
    if (typeof na === 'bigint' && typeof nb === 'number') return Number.isInteger(nb) && Number.isFinite(nb) ? na === BigInt(nb) : false;
    if (typeof na === 'number' && typeof nb === 'bigint') return Number.isInteger(na) && Number.isFinite(na) ? BigInt(na) === nb : false;
    return na === nb;
  }
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof DynDatetime) return b instanceof DynDatetime && a.ticks === b.ticks;
  if (a instanceof DynTimespan) return b instanceof DynTimespan && a.ticks === b.ticks;
  if (a instanceof DynGuid) return b instanceof DynGuid && a.text === b.text;
  return false;
}

/**
 * gettype() of a dynamic value (gettype doc): `null`, `bool`, `int`, `long`, `real`, `decimal`,
 * `string`, `datetime`, `timespan`, `guid`, `array`, `dictionary`.
 */
export function dynTypeName(d: Dyn): string {
  if (d === null) return 'null';
  switch (typeof d) {
    case 'boolean': return 'bool';
    case 'number': return 'real';
    case 'bigint': return 'long';
    case 'string': return 'string';
  }
  if (d instanceof DynInt) return 'int';
  if (d instanceof DynDecimal) return 'decimal';
  if (d instanceof DynDatetime) return 'datetime';
  if (d instanceof DynTimespan) return 'timespan';
  if (d instanceof DynGuid) return 'guid';
  return Array.isArray(d) ? 'array' : 'dictionary';
}
