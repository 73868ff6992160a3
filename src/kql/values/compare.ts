/** Ordering and equality of values for sort, min/max, grouping and joins. */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { decCompare, decText, decToString, normalize } from './decimal.ts';
import { dynText, jsonString } from './dyn-text.ts';
import { formatReal } from './real.ts';
import { formatDatetime } from './datetime.ts';
import { formatTimespan } from './timespan.ts';

export type Comparator = (a: Value, b: Value) => number;

const cmpPrim = (a: number | bigint | string, b: number | bigint | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Reals: NaN sorts below every number (sort doc: "null, NaN, -inf, ..., +inf" ascending). */
function cmpReal(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ascending comparator for non-null values of a type. Strings compare ordinally by UTF-16 code
 * unit (.NET string.CompareOrdinal; kql-semantics.md §2.4, §11.22); guids by their lower-case
 * text, which orders as .NET Guid.CompareTo does (fields compared unsigned, in text order);
 * bool false < true. Dynamic (our choice): numbers by value, before strings (ordinal), then
 * every other value by its key text.
 */
export function compareValues(type: ScalarType): Comparator {
  switch (type) {
    case 'bool':
      return (a, b) => Number(a) - Number(b);
    case 'int':
    case 'real':
      return (a, b) => cmpReal(a as number, b as number);
    case 'long':
    case 'datetime':
    case 'timespan':
      return (a, b) => cmpPrim(a as bigint, b as bigint);
    case 'decimal':
      return (a, b) => decCompare(decText(a as string), decText(b as string));
    case 'string':
    case 'guid':
      return (a, b) => cmpPrim(a as string, b as string);
    case 'dynamic':
      return (a, b) => compareDyn(a as Dyn, b as Dyn);
  }
}

function dynRank(d: Dyn): number {
  if (typeof d === 'number' || typeof d === 'bigint' || d instanceof DynInt || d instanceof DynDecimal) return 0;
  if (typeof d === 'string') return 1;
  return 2;
}

function dynNum(d: Dyn): number {
  if (typeof d === 'number') return d;
  if (typeof d === 'bigint') return Number(d);
  if (d instanceof DynInt) return d.value;
  if (d instanceof DynDecimal) return Number(d.text);
  return NaN;
}

function compareDyn(a: Dyn, b: Dyn): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const ra = dynRank(a);
  const rb = dynRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return cmpPrim(a, b);
    return cmpReal(dynNum(a), dynNum(b));
  }
  if (ra === 1) return cmpPrim(a as string, b as string);
  return cmpPrim(dynKey(a), dynKey(b));
}

/** Equality for grouping and join keys: null equals null; NaN equals NaN; decimals by value. */
export function valuesEqual(type: ScalarType, a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  const x = groupKey(type, a);
  const y = groupKey(type, b);
  // SameValueZero, as a Map key: NaN equals NaN.
  return x === y || (x !== x && y !== y);
}

/** Canonical decimal text for keys: trailing fraction zeros removed, so 1.50 and 1.5 group together. */
function decimalKey(text: string): string {
  let d = decText(text);
  while (d.scale > 0 && d.m % 10n === 0n) d = normalize(d.m / 10n, d.scale - 1)!;
  if (d.m === 0n) d = { m: 0n, scale: 0 };
  return decToString(d);
}

/** A number inside a dynamic value as key text: integral values by their integer digits (1, 1.0 and long 1 agree). */
function numberKey(x: number): string {
  if (Number.isInteger(x)) return BigInt(x).toString();
  return Number.isNaN(x) || !Number.isFinite(x) ? `n${formatReal(x)}` : formatReal(x);
}

/**
 * Key text of a dynamic value: JSON-like, with typed primitives tagged so that they never equal
 * a string of the same text (d"…" datetime, t"…" timespan, g"…" guid), numbers by value across
 * int/long/real/decimal, and bags with their keys in stored order (order is part of the key:
 * our choice; bags built by the same query keep one order). Any depth of nesting (dynText).
 */
export function dynKey(d: Dyn): string {
  return dynText(d, keyLeaf);
}

function keyLeaf(d: Dyn): string {
  if (d === null) return 'null';
  switch (typeof d) {
    case 'boolean': return d ? 'true' : 'false';
    case 'number': return numberKey(d);
    case 'bigint': return d.toString();
    case 'string': return jsonString(d);
  }
  if (d instanceof DynInt) return String(d.value);
  if (d instanceof DynDecimal) return decimalKey(d.text);
  if (d instanceof DynDatetime) return `d"${formatDatetime(d.ticks)}"`;
  if (d instanceof DynTimespan) return `t"${formatTimespan(d.ticks)}"`;
  return `g"${(d as DynGuid).text}"`;
}

/**
 * A primitive usable as a Map/Set key, equal iff the values are equal for grouping:
 * null -> null; bool, int, real -> themselves (Map treats NaN as one key, and 0 and -0 alike);
 * long/datetime/timespan -> decimal digits of the ticks; decimal -> normalised text;
 * string/guid -> the text; dynamic -> dynKey text.
 */
export function groupKey(type: ScalarType, v: Value): string | number | boolean | null {
  if (v === null) return null;
  switch (type) {
    case 'bool':
    case 'int':
    case 'real':
      return v as boolean | number;
    case 'long':
    case 'datetime':
    case 'timespan':
      return (v as bigint).toString();
    case 'decimal':
      return decimalKey(v as string);
    case 'string':
    case 'guid':
      return v as string;
    case 'dynamic':
      return dynKey(v as Dyn);
  }
}
