/**
 * Conversion functions (learn.microsoft.com/kusto/query/tostring-function, toint-function,
 * tolong-function, toreal-function, tobool-function, toguid-function, todecimal-function,
 * parse-json-function, gettype-function; kql-semantics.md §2.6, §7.4). A failed conversion is
 * null ("" for tostring).
 */
import { UnsupportedError } from '../errors.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { decToString, parseDec } from '../values/decimal.ts';
import { dynTypeName, parseJson } from '../values/dynamic.ts';
import { valueToString } from '../values/format.ts';
import { numOf, numToValue, type Num } from '../values/numbers.ts';
import type { EvalContext, RowFn, ScalarFunction } from './contract.ts';
import { chargeMade } from './reserve.ts';
import { SMALL_VALUE_CHARS } from '../exec/memory.ts';

/** A typed value as a dynamic value (typed scalars keep their kind: pack_array doc). */
export function toDynValue(type: ScalarType, v: Value): Dyn {
  if (v === null) return null;
  switch (type) {
    case 'int': return new DynInt(v as number);
    case 'datetime': return new DynDatetime(v as bigint);
    case 'timespan': return new DynTimespan(v as bigint);
    case 'guid': return new DynGuid(v as string);
    case 'decimal': return new DynDecimal(v as string);
    default: return v as Dyn;
  }
}

/** The type and value of the primitive inside a dynamic value (arrays and bags: undefined). */
export function unwrapDyn(d: Dyn): { type: ScalarType; v: Value } | undefined {
  if (d === null) return { type: 'dynamic', v: null };
  switch (typeof d) {
    case 'string': return { type: 'string', v: d };
    case 'boolean': return { type: 'bool', v: d };
    case 'number': return { type: 'real', v: d };
    case 'bigint': return { type: 'long', v: d };
  }
  if (d instanceof DynInt) return { type: 'int', v: d.value };
  if (d instanceof DynDatetime) return { type: 'datetime', v: d.ticks };
  if (d instanceof DynTimespan) return { type: 'timespan', v: d.ticks };
  if (d instanceof DynGuid) return { type: 'guid', v: d.text };
  if (d instanceof DynDecimal) return { type: 'decimal', v: d.text };
  return undefined;
}

const INT_TEXT = /^[+-]?\d+$/;
const REAL_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A number from text, as double.Parse/long.Parse with the invariant culture would read it:
 * integers exactly, otherwise a real; NaN, Infinity, -Infinity spelled as .NET writes them.
 */
function numFromText(s: string): Num | undefined {
  const t = s.trim();
  if (INT_TEXT.test(t)) return { k: 'i', v: BigInt(t) };
  if (REAL_TEXT.test(t)) return { k: 'r', v: Number(t) };
  if (t === 'NaN') return { k: 'r', v: NaN };
  if (t === 'Infinity' || t === '+Infinity') return { k: 'r', v: Infinity };
  if (t === '-Infinity') return { k: 'r', v: -Infinity };
  return undefined;
}

/**
 * The number held by any scalar for toint/tolong/toreal/todecimal: numbers; strings parsed;
 * bool as 1/0; datetime and timespan as their ticks (our choice, matching `tolong(1d)` =
 * 864000000000 ticks); dynamic through its primitive.
 */
function anyNum(type: ScalarType, v: Value): Num | undefined {
  if (v === null) return undefined;
  switch (type) {
    case 'string': return numFromText(v as string);
    case 'bool': return { k: 'i', v: v ? 1n : 0n };
    case 'datetime':
    case 'timespan': return { k: 'i', v: v as bigint };
    case 'guid': return undefined;
    case 'dynamic': {
      const u = unwrapDyn(v as Dyn);
      return u && u.type !== 'dynamic' ? anyNum(u.type, u.v) : undefined;
    }
    default: return numOf(type, v);
  }
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Integer conversion: reals truncate toward zero (toint doc: toint(2.3) = 2); out of range or NaN -> null. */
function toInteger(n: Num | undefined, bits: 32 | 64): bigint | null {
  if (!n) return null;
  let b: bigint;
  if (n.k === 'i') b = n.v;
  else if (n.k === 'r') {
    if (!Number.isFinite(n.v)) return null;
    b = BigInt(Math.trunc(n.v));
  } else {
    const s = n.v.scale;
    b = n.v.m / 10n ** BigInt(s);
  }
  const [lo, hi] = bits === 32 ? [INT32_MIN, INT32_MAX] : [INT64_MIN, INT64_MAX];
  return b >= lo && b <= hi ? b : null;
}

function simple(name: string, doc: string, make: (t: ScalarType, result: ScalarType) => (v: Value, ctx: EvalContext) => Value): ScalarFunction {
  return {
    name,
    doc,
    bind(args, result) {
      if (args.length !== 1) throw new UnsupportedError(`${name}() with ${args.length} arguments`);
      const f = make(args[0]!.type, result);
      const fn: RowFn = ([v], ctx) => f(v!, ctx);
      return fn;
    },
  };
}

const tostring = simple('tostring', 'learn.microsoft.com/kusto/query/tostring-function', (t) => (v) => valueToString(t, v));

const toint = (name: string) =>
  simple(name, 'learn.microsoft.com/kusto/query/toint-function', (t) => (v) => {
    const b = toInteger(anyNum(t, v), 32);
    return b === null ? null : Number(b);
  });

const tolong = simple('tolong', 'learn.microsoft.com/kusto/query/tolong-function', (t) => (v) => toInteger(anyNum(t, v), 64));

const toreal = (name: string) =>
  simple(name, 'learn.microsoft.com/kusto/query/toreal-function', (t) => (v) => {
    const n = anyNum(t, v);
    return n ? numToValue(n, 'real') : null;
  });

const todecimal = simple('todecimal', 'learn.microsoft.com/kusto/query/todecimal-function', (t) => (v) => {
  if (t === 'string') return parseDec(v as string) ? decToString(parseDec(v as string)!) : null;
  const n = anyNum(t, v);
  return n ? numToValue(n, 'decimal') : null;
});

/**
 * tobool (tobool doc): "true"/"false" strings (case-insensitive, trimmed, as .NET bool.Parse;
 * our reading), numbers non-zero -> true (tobool(123) == true), NaN -> null.
 */
function boolOf(type: ScalarType, v: Value): boolean | null {
  if (v === null) return null;
  switch (type) {
    case 'bool': return v as boolean;
    case 'string': {
      const s = (v as string).trim().toLowerCase();
      return s === 'true' ? true : s === 'false' ? false : null;
    }
    case 'dynamic': {
      const u = unwrapDyn(v as Dyn);
      return u && u.type !== 'dynamic' ? boolOf(u.type, u.v) : null;
    }
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const n = numOf(type, v);
      if (!n) return null;
      if (n.k === 'r') return Number.isNaN(n.v) ? null : n.v !== 0;
      return n.k === 'i' ? n.v !== 0n : n.v.m !== 0n;
    }
    default: return null;
  }
}

const tobool = (name: string) => simple(name, 'learn.microsoft.com/kusto/query/tobool-function', (t) => (v) => boolOf(t, v));

/** Guid text: 32 hex digits, dashed 8-4-4-4-12 or plain, optionally in braces or parentheses (.NET Guid.Parse). */
export function parseGuid(s: string): string | null {
  const t = s.trim();
  const m = /^[{(]?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})[})]?$/i.exec(t);
  if (!m) return null;
  const open = t[0] === '{' || t[0] === '(';
  const close = t.endsWith('}') || t.endsWith(')');
  if (open !== close) return null;
  const dashed = t.includes('-');
  if (dashed && !/^[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[})]?$/i.test(t)) return null;
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

const toguid = simple('toguid', 'learn.microsoft.com/kusto/query/toguid-function', (t) => (v) => {
  if (v === null) return null;
  if (t === 'guid') return v;
  if (t === 'string') return parseGuid(v as string);
  if (t === 'dynamic') {
    if (v instanceof DynGuid) return v.text;
    return typeof v === 'string' ? parseGuid(v) : null;
  }
  return null;
});

/**
 * parse_json / todynamic (parse-json doc): dynamic input as is; a string holding JSON -> the
 * value; a string that is not JSON -> a dynamic string of the text; "" -> null (isnull doc:
 * isnull(parse_json("")) is true); other scalars -> the value as dynamic.
 */
const parseJsonFn = (name: string) =>
  simple(name, 'learn.microsoft.com/kusto/query/parse-json-function', (t) => (v, ctx) => {
    if (v === null) return null;
    if (t === 'dynamic') return v;
    if (t === 'string') {
      const s = v as string;
      if (s.trim() === '') return null;
      const d = parseJson(s);
      if (d === undefined) return s;
      // A value takes several times the bytes of its text ("[1,1,1,...]"): charged once parsed.
      if (s.length >= SMALL_VALUE_CHARS) chargeMade(ctx, d, name);
      return d;
    }
    return toDynValue(t, v);
  });

/** gettype (gettype doc): the runtime type; for dynamic the kind of the value it holds ("null" for dynamic(null)). */
const gettype = simple('gettype', 'learn.microsoft.com/kusto/query/gettype-function', (t) => (v) => (t === 'dynamic' ? dynTypeName(v as Dyn) : t));

export const functions: ScalarFunction[] = [
  tostring, toint('toint'), tolong, toreal('toreal'), toreal('todouble'), tobool('tobool'), tobool('toboolean'),
  toguid, todecimal, parseJsonFn('todynamic'), parseJsonFn('parse_json'), parseJsonFn('parsejson'), parseJsonFn('toobject'), gettype,
];
