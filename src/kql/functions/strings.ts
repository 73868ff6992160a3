/**
 * String operators (`has`, `contains`, `=~`, `in`, `has_any`, …) and string functions.
 * Semantics: learn.microsoft.com/kusto/query/datatypes-string-operators and each function's page;
 * kql-semantics.md §3, §7.3, §8.3. Strings are never null ("" instead); operands that are not
 * strings (dynamic values in particular) are compared through their tostring() text (§8.3:
 * a dynamic string without quotes, arrays/bags as JSON).
 */
import { UnsupportedError } from '../errors.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { dynKey } from '../values/compare.ts';
import { valueToString } from '../values/format.ts';
import type { ArgInfo, EvalContext, RowFn, ScalarFunction } from './contract.ts';
import { reserveBytes, reserveString } from './reserve.ts';
import { SLOT } from '../exec/memory-size.ts';
import {
  asciiEndsWith, asciiEqualsIgnoreCase, asciiIndexOf, asciiLower, asciiStartsWith, containsMatcher, matchTerm, termMatcher,
  TermSearch, type TermMode,
} from './terms.ts';

const DOCS = 'https://learn.microsoft.com/kusto/query/';

export function define(name: string, doc: string, bind: (args: readonly ArgInfo[], resultType: ScalarType) => RowFn): ScalarFunction {
  return { name, doc: doc.startsWith('http') ? doc : DOCS + doc, bind };
}

export function arity(name: string, args: readonly ArgInfo[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    throw new UnsupportedError(`${name}() with ${args.length} argument(s)`);
  }
}

/** tostring() of an argument of the given type (identity for strings). */
export function textOf(type: ScalarType): (v: Value) => string {
  return type === 'string' ? (v) => v as string : (v) => valueToString(type, v);
}

/** An integer argument (int/long/real/decimal/dynamic number) as a JS number; null when null or not numeric. */
export function intOf(type: ScalarType, v: Value): number | null {
  if (v === null) return null;
  switch (type) {
    case 'int': return v as number;
    case 'long': return Number(v as bigint);
    case 'real': return Number.isFinite(v as number) ? Math.trunc(v as number) : null;
    case 'decimal': return Math.trunc(Number(v as string));
    case 'dynamic': {
      const d = v as Dyn;
      if (typeof d === 'bigint') return Number(d);
      if (typeof d === 'number') return Number.isFinite(d) ? Math.trunc(d) : null;
      if (d instanceof DynInt) return d.value;
      return null;
    }
    default: return null;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Code points of a string (strlen counts code points: strlen-function doc). */
function codePoints(s: string): string[] | null {
  return SURROGATE.test(s) ? Array.from(s) : null;
}

// ---------------------------------------------------------------------------------------------
// Binary string operators

type Test = (hay: string, needle: string) => boolean;

/**
 * A binary string predicate with the RHS pre-processed once when it is a constant (`compile`,
 * when given, builds a faster matcher for a constant needle; it must agree with `test`).
 */
function stringOperator(
  name: string, doc: string, prepare: (needle: string) => string, test: Test, negate: boolean,
  compile?: (needle: string) => (hay: string) => boolean,
): ScalarFunction {
  return define(name, doc, (args) => {
    arity(name, args, 2, 2);
    const lhs = textOf(args[0]!.type);
    const rhs = textOf(args[1]!.type);
    if (args[1]!.constant) {
      const raw = rhs(args[1]!.value ?? null);
      if (compile) {
        const m = compile(raw);
        return negate ? (a) => !m(lhs(a[0]!)) : (a) => m(lhs(a[0]!));
      }
      const needle = prepare(raw);
      return negate ? (a) => !test(lhs(a[0]!), needle) : (a) => test(lhs(a[0]!), needle);
    }
    return negate ? (a) => !test(lhs(a[0]!), prepare(rhs(a[1]!))) : (a) => test(lhs(a[0]!), prepare(rhs(a[1]!)));
  });
}

const same = (s: string): string => s;

function termOps(base: string, mode: TermMode, doc: string): ScalarFunction[] {
  const ci: Test = (h, n) => matchTerm(h, n, false, mode);
  const cs: Test = (h, n) => matchTerm(h, n, true, mode);
  const cic = (n: string) => termMatcher(n, false, mode);
  const csc = (n: string) => termMatcher(n, true, mode);
  return [
    stringOperator(base, doc, asciiLower, ci, false, cic),
    stringOperator(`!${base}`, doc, asciiLower, ci, true, cic),
    stringOperator(`${base}_cs`, doc.replace('-operator', '-cs-operator'), same, cs, false, csc),
    stringOperator(`!${base}_cs`, doc.replace('-operator', '-cs-operator'), same, cs, true, csc),
  ];
}

function substringOps(base: string, doc: string, ci: Test, cs: Test, compile?: (needle: string, caseSensitive: boolean) => (hay: string) => boolean): ScalarFunction[] {
  const cic = compile && ((n: string) => compile(n, false));
  const csc = compile && ((n: string) => compile(n, true));
  return [
    stringOperator(base, doc, asciiLower, ci, false, cic),
    stringOperator(`!${base}`, doc, asciiLower, ci, true, cic),
    stringOperator(`${base}_cs`, doc.replace('-operator', '-cs-operator'), same, cs, false, csc),
    stringOperator(`!${base}_cs`, doc.replace('-operator', '-cs-operator'), same, cs, true, csc),
  ];
}

const operators: ScalarFunction[] = [
  ...termOps('has', 'term', 'has-operator'),
  ...termOps('hasprefix', 'prefix', 'hasprefix-operator'),
  ...termOps('hassuffix', 'suffix', 'hassuffix-operator'),
  ...substringOps('contains', 'contains-operator', (h, n) => asciiIndexOf(h, n) >= 0, (h, n) => h.includes(n), containsMatcher),
  ...substringOps('startswith', 'startswith-operator', asciiStartsWith, (h, n) => h.startsWith(n)),
  ...substringOps('endswith', 'endswith-operator', asciiEndsWith, (h, n) => h.endsWith(n)),
  stringOperator('=~', 'equals-operator', same, asciiEqualsIgnoreCase, false),
  stringOperator('!~', 'not-equals-operator', same, asciiEqualsIgnoreCase, true),
];

// ---------------------------------------------------------------------------------------------
// in, !in, in~, !in~, has_any, has_all

/** One element of an `in`/`has_any` list after flattening dynamic arrays. */
interface Element {
  readonly type: ScalarType;
  readonly value: Value;
}

/** List elements: scalars as they are, dynamic arrays flattened into their elements (in-operator doc). */
function flatten(types: readonly ScalarType[], values: readonly Value[], out: Element[]): Element[] {
  for (let i = 0; i < values.length; i++) {
    const t = types[i]!;
    const v = values[i]!;
    if (t === 'dynamic' && Array.isArray(v)) for (const e of v) out.push({ type: 'dynamic', value: e });
    else out.push({ type: t, value: v });
  }
  return out;
}

function numberKey(x: number | bigint): string | null {
  if (typeof x === 'bigint') return `n${x}`;
  if (Number.isNaN(x)) return null; // NaN equals nothing, as with ==
  if (Number.isInteger(x)) return `n${BigInt(x)}`;
  return `n${x}`;
}

function decimalKey(text: string): string {
  let t = text.startsWith('+') ? text.slice(1) : text;
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  if (t === '-0' || t === '') t = '0';
  return `n${t}`;
}

/** Typed equality key (`==` across int/long/real/decimal by value); null never matches. */
function dynTypedKey(d: Dyn): string | null {
  if (d === null) return null;
  switch (typeof d) {
    case 'boolean': return d ? 'b1' : 'b0';
    case 'number':
    case 'bigint': return numberKey(d);
    case 'string': return `s${d}`;
  }
  if (d instanceof DynInt) return numberKey(d.value);
  if (d instanceof DynDecimal) return decimalKey(d.text);
  if (d instanceof DynDatetime) return `d${d.ticks}`;
  if (d instanceof DynTimespan) return `t${d.ticks}`;
  if (d instanceof DynGuid) return `g${d.text}`;
  return `j${dynKey(d)}`;
}

function typedKey(type: ScalarType, v: Value): string | null {
  if (v === null) return null;
  switch (type) {
    case 'bool': return v ? 'b1' : 'b0';
    case 'int':
    case 'long':
    case 'real': return numberKey(v as number | bigint);
    case 'decimal': return decimalKey(v as string);
    case 'string': return `s${v as string}`;
    case 'datetime': return `d${v as bigint}`;
    case 'timespan': return `t${v as bigint}`;
    case 'guid': return `g${(v as string).toLowerCase()}`;
    case 'dynamic': return dynTypedKey(v as Dyn);
  }
}

/**
 * Key of a value compared as a string: its tostring() text (ASCII-lowered for in~). A null of a
 * non-string type matches nothing (in-operator doc: `in` is an OR of `==`, and `==` with one null
 * side is false; null-values doc).
 */
function stringKey(type: ScalarType, v: Value, ci: boolean): string | null {
  if (v === null) return null;
  const s = valueToString(type, v);
  return ci ? asciiLower(s) : s;
}

/**
 * `in`/`!in`/`in~`/`!in~` (in-operator, in-cs-operator docs; kql-semantics.md §3.8).
 * `in` uses `==` equality: strings ordinally, numbers by value across int/long/real/decimal,
 * datetimes/timespans by ticks. When the LHS is a string — or a dynamic compared with a list of
 * strings — values compare as strings (tostring of list elements: our choice for a dynamic
 * array holding non-strings). `in~` compares strings with ASCII case folding.
 */
function inOperator(name: string, ci: boolean, negate: boolean): ScalarFunction {
  return define(name, ci ? 'in-operator' : 'in-cs-operator', (args) => {
    if (args.length < 1) throw new UnsupportedError(`${name} without a left operand`);
    const lhsType = args[0]!.type;
    const elemArgs = args.slice(1);
    const asString = ci || lhsType === 'string' || (lhsType === 'dynamic' && elemArgs.length > 0 && elemArgs.every((a) => a.type === 'string'));
    const key = asString ? (t: ScalarType, v: Value) => stringKey(t, v, ci) : typedKey;
    const types = elemArgs.map((a) => a.type);
    const buildSet = (values: readonly Value[]): Set<string> => {
      const set = new Set<string>();
      for (const e of flatten(types, values, [])) {
        const k = key(e.type, e.value);
        if (k !== null) set.add(k);
      }
      return set;
    };
    if (elemArgs.every((a) => a.constant)) {
      const set = buildSet(elemArgs.map((a) => a.value ?? null));
      return (a) => {
        const k = key(lhsType, a[0]!);
        return (k !== null && set.has(k)) !== negate;
      };
    }
    // A list computed per run (a subquery's column, a let-bound array) is the same object on every
    // row: rebuild the set only when an element value changes.
    const memo = memoByIdentity(buildSet);
    return (a) => {
      const k = key(lhsType, a[0]!);
      return (k !== null && memo(a, 1).has(k)) !== negate;
    };
  });
}

/** f(args.slice(from)), recomputed only when some of those argument values differ (===) from the last call's. */
export function memoByIdentity<T>(f: (values: readonly Value[]) => T): (args: readonly Value[], from: number) => T {
  let last: Value[] | undefined;
  let result: T;
  return (args, from) => {
    if (last && last.length === args.length - from) {
      let same = true;
      for (let i = from; i < args.length; i++) {
        if (args[i] !== last[i - from]) {
          same = false;
          break;
        }
      }
      if (same) return result;
    }
    last = args.slice(from);
    result = f(last);
    return result;
  };
}

/** Needles of has_any/has_all: tostring of each flattened element; null elements are skipped (our choice). */
function needlesOf(types: readonly ScalarType[], values: readonly Value[]): string[] {
  const out: string[] = [];
  for (const e of flatten(types, values, [])) {
    if (e.value === null) continue;
    out.push(asciiLower(valueToString(e.type, e.value)));
  }
  return out;
}

/**
 * `has_any`: true when the LHS `has` at least one element; `has_all`: when it `has` every one
 * (has-any-operator, has-all-operator docs). Case-insensitive. An empty list gives false for
 * has_any and true for has_all (our choice: the empty OR / AND; kql-semantics.md §3.5).
 */
function hasAnyAll(name: 'has_any' | 'has_all'): ScalarFunction {
  const any = name === 'has_any';
  return define(name, any ? 'has-any-operator' : 'has-all-operator', (args) => {
    if (args.length < 1) throw new UnsupportedError(`${name} without a left operand`);
    const lhs = textOf(args[0]!.type);
    const types = args.slice(1).map((a) => a.type);
    if (args.slice(1).every((a) => a.constant)) {
      const needles = needlesOf(types, args.slice(1).map((a) => a.value ?? null));
      if (needles.length > 8) {
        // Many needles: the text's terms are looked up in a map of them (terms.ts, TermSearch).
        const search = new TermSearch(needles);
        return any ? (a) => search.firstIndex(lhs(a[0]!), true) >= 0 : (a) => search.hasAll(lhs(a[0]!));
      }
      const matchers = needles.map((n) => termMatcher(n, false));
      return any
        ? (a) => {
          const hay = lhs(a[0]!);
          for (const m of matchers) if (m(hay)) return true;
          return false;
        }
        : (a) => {
          const hay = lhs(a[0]!);
          for (const m of matchers) if (!m(hay)) return false;
          return true;
        };
    }
    const memo = memoByIdentity((values) => new TermSearch(needlesOf(types, values)));
    return any ? (a) => memo(a, 1).firstIndex(lhs(a[0]!), true) >= 0 : (a) => memo(a, 1).hasAll(lhs(a[0]!));
  });
}

const listOperators: ScalarFunction[] = [
  inOperator('in', false, false),
  inOperator('!in', false, true),
  inOperator('in~', true, false),
  inOperator('!in~', true, true),
  hasAnyAll('has_any'),
  hasAnyAll('has_all'),
];

// ---------------------------------------------------------------------------------------------
// Functions

/** A function whose arguments are all converted with tostring() first. */
function textFunction(name: string, doc: string, min: number, max: number, f: (texts: string[], args: Value[], ctx: EvalContext) => Value): ScalarFunction {
  return define(name, doc, (args) => {
    arity(name, args, min, max);
    const conv = args.map((a) => textOf(a.type));
    return (a, ctx) => f(a.map((v, i) => conv[i]!(v)), a, ctx);
  });
}

/** Total length of strings (the length of their concatenation). */
function totalLength(texts: readonly string[], from = 0): number {
  let n = 0;
  for (let i = from; i < texts.length; i++) n += texts[i]!.length;
  return n;
}

/**
 * `text` with every `lookup` replaced by `rewrite`, its length reserved first: it can be any
 * number of times the text's (replace_string(s, "a", <a long rewrite>)).
 */
function replaceAll(text: string, lookup: string, rewrite: string, ctx: EvalContext): string {
  if (lookup === '') return text;
  const parts = text.split(lookup);
  reserveString(ctx, text.length + (parts.length - 1) * (rewrite.length - lookup.length), 'replace_string');
  return parts.join(rewrite);
}

/** tolower/toupper: per code point simple case mapping (.NET invariant culture; no context rules such as final sigma). */
function mapCase(s: string, upper: boolean): string {
  if (!/[^\x00-\x7f]/.test(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  let out = '';
  for (const ch of s) {
    const m = upper ? ch.toUpperCase() : ch.toLowerCase();
    if (m.length === ch.length || [...m].length === 1) out += m;
    else if (!upper && ch === '\u0130') out += 'i'; // simple lower-case mapping of İ (UnicodeData.txt)
    else out += ch; // e.g. ß: no simple upper-case mapping
  }
  return out;
}

function substringOf(s: string, start: number, length: number | undefined): string {
  const cps = codePoints(s);
  const n = cps ? cps.length : s.length;
  let from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
  let to = length === undefined ? n : Math.min(n, from + Math.max(0, length));
  if (to < from) to = from;
  return cps ? cps.slice(from, to).join('') : s.slice(from, to);
}

/** indexof: see the doc's examples idx1..idx9 (lookup must fit in [start, start+length); the count is kept for later occurrences). */
function indexOf(s: string, lookup: string, start: number, length: number, occurrence: number): number | null {
  const cps = codePoints(s) ?? codePoints(lookup);
  const hay = cps ? Array.from(s) : null;
  const needle = cps ? Array.from(lookup) : null;
  const n = hay ? hay.length : s.length;
  const m = needle ? needle.length : lookup.length;
  let from = start < 0 ? n + start : start;
  if (from < 0 || occurrence < 0 || length < -1) return null;
  if (occurrence === 0) occurrence = 1; // our choice: occurrence 0 behaves as the default 1
  let found = -1;
  for (let k = 0; k < occurrence; k++) {
    if (from > n) return -1;
    const end = length === -1 ? n : Math.min(n, from + length);
    found = -1;
    for (let p = from; p + m <= end; p++) {
      if (hay ? matchesAt(hay, needle!, p) : s.startsWith(lookup, p)) {
        found = p;
        break;
      }
    }
    if (found < 0) return -1;
    from = found + 1;
  }
  return found;
}

function matchesAt(hay: string[], needle: string[], p: number): boolean {
  for (let j = 0; j < needle.length; j++) if (hay[p + j] !== needle[j]) return false;
  return true;
}

/** A string a function made at most a few times the size of its input: charged once made. */
function madeString(ctx: EvalContext, s: string, fn: string): string {
  reserveString(ctx, s.length, fn);
  return s;
}

function utf8Bytes(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** url_encode: .NET HttpUtility.UrlEncode — lower-case hex, space as '+', unreserved: A-Z a-z 0-9 - _ . ! * ( ). */
function urlEncode(s: string, spaceAsPlus: boolean): string {
  let out = '';
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || '-_.!*()'.includes(c)) out += c;
    else if (b === 32 && spaceAsPlus) out += '+';
    else out += `%${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/** url_decode: .NET HttpUtility.UrlDecode — '+' is a space, %XX bytes decoded as UTF-8, %uXXXX, malformed escapes kept. */
function urlDecode(s: string): string {
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '+') {
      flush();
      out += ' ';
    } else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '%' && (s[i + 1] === 'u' || s[i + 1] === 'U') && /^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) {
      flush();
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else {
      flush();
      out += c;
    }
  }
  flush();
  return out;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** base64_decode_tostring: invalid base64 or bytes that are not valid UTF-8 give null, i.e. "" (doc example). */
function base64DecodeToString(s: string): string {
  const t = s.replace(/[\t\n\r ]/g, '');
  if (!BASE64.test(t)) return '';
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(t, 'base64'));
  } catch {
    return '';
  }
}

function intArgs(name: string, args: readonly ArgInfo[], from: number): void {
  for (let i = from; i < args.length; i++) {
    const t = args[i]!.type;
    if (t !== 'int' && t !== 'long' && t !== 'real' && t !== 'decimal' && t !== 'dynamic') {
      throw new UnsupportedError(`${name}() with a ${t} argument ${i + 1}`);
    }
  }
}

const functions_: ScalarFunction[] = [
  // strcat: 1..64 arguments, each through tostring (strcat-function doc).
  textFunction('strcat', 'strcat-function', 1, 64, (t, _a, ctx) => {
    // Reserved before it is made: nested or repeated arguments multiply the length.
    reserveString(ctx, totalLength(t), 'strcat');
    return t.join('');
  }),
  textFunction('strcat_delim', 'strcat-delim-function', 2, 65, (t, _a, ctx) => {
    reserveString(ctx, totalLength(t, 1) + (t.length - 2) * t[0]!.length, 'strcat_delim');
    return t.slice(1).join(t[0]);
  }),
  // strlen counts Unicode code points (strlen-function doc: combining characters count separately).
  textFunction('strlen', 'strlen-function', 1, 1, ([s]) => {
    const cps = codePoints(s!);
    return BigInt(cps ? cps.length : s!.length);
  }),
  textFunction('tolower', 'tolower-function', 1, 1, ([s]) => mapCase(s!, false)),
  textFunction('toupper', 'toupper-function', 1, 1, ([s]) => mapCase(s!, true)),
  textFunction('reverse', 'reverse-function', 1, 1, ([s], _a, ctx) => {
    // The code points as an array of strings while the copy is made.
    reserveBytes(ctx, s!.length * (SLOT + 24), 'reverse');
    return Array.from(s!).reverse().join('');
  }),
  // string_size: bytes of the UTF-8 encoding (string-size-function doc).
  textFunction('string_size', 'string-size-function', 1, 1, ([s]) => BigInt(Buffer.byteLength(s!, 'utf8'))),
  textFunction('url_encode', 'url-encode-function', 1, 1, ([s], _a, ctx) => madeString(ctx, urlEncode(s!, true), 'url_encode')),
  textFunction('url_encode_component', 'url-encode-component-function', 1, 1, ([s], _a, ctx) => madeString(ctx, urlEncode(s!, false), 'url_encode_component')),
  textFunction('url_decode', 'url-decode-function', 1, 1, ([s]) => urlDecode(s!)),
  textFunction('base64_encode_tostring', 'base64-encode-tostring-function', 1, 1, ([s], _a, ctx) => madeString(ctx, utf8Bytes(s!).toString('base64'), 'base64_encode_tostring')),
  textFunction('base64_decode_tostring', 'base64-decode-tostring-function', 1, 1, ([s]) => base64DecodeToString(s!)),
  // strcmp: ordinal comparison, -1 / 0 / 1 (strcmp-function doc).
  textFunction('strcmp', 'strcmp-function', 2, 2, ([a, b]) => (a! < b! ? -1n : a! > b! ? 1n : 0n)),
  // replace_string: every non-overlapping occurrence, left to right. Empty lookup: text unchanged (our choice).
  textFunction('replace_string', 'replace-string-function', 3, 3, ([text, lookup, rewrite], _a, ctx) => replaceAll(text!, lookup!, rewrite!, ctx)),
  define('substring', 'substring-function', (args) => {
    arity('substring', args, 2, 3);
    intArgs('substring', args, 1);
    const text = textOf(args[0]!.type);
    return (a) => {
      const start = intOf(args[1]!.type, a[1]!);
      const len = args.length > 2 ? intOf(args[2]!.type, a[2]!) : undefined;
      if (start === null || len === null) return '';
      return substringOf(text(a[0]!), start, len);
    };
  }),
  define('indexof', 'indexof-function', (args) => {
    arity('indexof', args, 2, 5);
    intArgs('indexof', args, 2);
    const text = textOf(args[0]!.type);
    const look = textOf(args[1]!.type);
    return (a) => {
      const start = args.length > 2 ? intOf(args[2]!.type, a[2]!) : 0;
      const length = args.length > 3 ? intOf(args[3]!.type, a[3]!) : -1;
      const occ = args.length > 4 ? intOf(args[4]!.type, a[4]!) : 1;
      if (start === null || length === null || occ === null) return null;
      const r = indexOf(text(a[0]!), look(a[1]!), start, length, occ);
      return r === null ? null : BigInt(r);
    };
  }),
  define('strrep', 'strrep-function', (args) => {
    arity('strrep', args, 2, 3);
    intArgs('strrep', args.slice(0, 2), 1);
    const text = textOf(args[0]!.type);
    const delim = args.length > 2 ? textOf(args[2]!.type) : () => '';
    return (a, ctx) => {
      const n = intOf(args[1]!.type, a[1]!);
      // Doc: multiplier 1..; more than 1024 repeats 1024 times. Below 1 (or null): "" (our choice).
      if (n === null || n < 1) return '';
      const times = Math.min(n, 1024);
      const s = text(a[0]!);
      const d = delim(a[2] ?? null);
      reserveString(ctx, times * s.length + (times - 1) * d.length, 'strrep');
      return new Array<string>(times).fill(s).join(d);
    };
  }),
  define('split', 'split-function', (args, resultType) => {
    arity('split', args, 2, 3);
    if (resultType !== 'dynamic') throw new UnsupportedError(`split() returning ${resultType}`);
    const text = textOf(args[0]!.type);
    const delim = textOf(args[1]!.type);
    if (args.length > 2) intArgs('split', args, 2);
    return (a, ctx) => {
      const s = text(a[0]!);
      const d = delim(a[1]!);
      // Empty delimiter: the whole string as the only element (our choice, as .NET String.Split).
      const parts: Dyn[] = d === '' ? [s] : s.split(d);
      // At most one small string per character: charged once made.
      reserveBytes(ctx, parts.length * (SLOT + 16) + 2 * s.length, 'split');
      if (args.length < 3) return parts;
      const i = intOf(args[2]!.type, a[2]!);
      // requestedIndex: "the requested substring at the index if it exists" — otherwise an empty array (our choice).
      return i !== null && i >= 0 && i < parts.length ? [parts[i]!] : [];
    };
  }),
  define('strcat_array', 'strcat-array-function', (args) => {
    arity('strcat_array', args, 2, 2);
    const delim = textOf(args[1]!.type);
    return (a, ctx) => {
      const arr = a[0] as Dyn;
      if (!Array.isArray(arr)) return '';
      const texts = arr.map((e) => valueToString('dynamic', e));
      const d = delim(a[1]!);
      reserveString(ctx, totalLength(texts) + Math.max(0, texts.length - 1) * d.length, 'strcat_array');
      return texts.join(d);
    };
  }),
  define('translate', 'translate-function', (args) => {
    arity('translate', args, 3, 3);
    const conv = args.map((x) => textOf(x.type));
    // translate(searchList, replacementList, source): chars of searchList map to the char at the same
    // index of replacementList, or to the last one when it is shorter; an empty replacementList deletes.
    return (a) => {
      const from = Array.from(conv[0]!(a[0]!));
      const to = Array.from(conv[1]!(a[1]!));
      const map = new Map<string, string>();
      from.forEach((c, i) => {
        if (!map.has(c)) map.set(c, to.length === 0 ? '' : to[Math.min(i, to.length - 1)]!);
      });
      let out = '';
      for (const c of conv[2]!(a[2]!)) out += map.get(c) ?? c;
      return out;
    };
  }),
  define('unicode_codepoints_from_string', 'unicode-codepoints-from-string-function', (args) => {
    arity('unicode_codepoints_from_string', args, 1, 1);
    const text = textOf(args[0]!.type);
    return (a, ctx) => {
      const s = text(a[0]!);
      // One int object per code point.
      reserveBytes(ctx, s.length * (SLOT + 32), 'unicode_codepoints_from_string');
      return Array.from(s, (c) => new DynInt(c.codePointAt(0)!));
    };
  }),
];

/**
 * replace_strings(text, lookups, rewrites) (replace-strings-function): matches never overlap and
 * earlier lookups take precedence — lookup i claims its left-to-right matches in the text not
 * already claimed by lookups 0..i-1 (the doc's "This"/"is" example: ['is','This'] gives "Thwas").
 * Non-string lookups, lookups whose rewrite is missing, and empty lookups are ignored (empty
 * lookup: our choice). A lookup whose rewrite is not a string still claims its matches and keeps
 * them as they are (doc: "The match is still considered being valid, and other possible
 * replacements aren't performed on the matched string": ['This','is'] -> [12345,'was'] keeps
 * "This").
 */
function replaceStrings(text: string, lookups: Dyn, rewrites: Dyn, ctx: EvalContext): string {
  if (!Array.isArray(lookups) || !Array.isArray(rewrites)) return text;
  const claims: { start: number; end: number; rewrite: string }[] = [];
  // The characters claimed so far: a match overlaps an earlier claim when one of its characters
  // is taken. (Comparing with every claim was quadratic in the matches: a text of 10^6 "a"s with
  // lookup "a" took some 10 minutes.)
  let taken: Uint8Array | undefined;
  const overlaps = (s: number, e: number): boolean => {
    if (!taken) return false;
    for (let i = s; i < e; i++) if (taken[i] === 1) return true;
    return false;
  };
  lookups.forEach((lookup, k) => {
    if (typeof lookup !== 'string' || lookup === '' || k >= rewrites.length) return;
    const rewrite = typeof rewrites[k] === 'string' ? (rewrites[k] as string) : lookup;
    let p = text.indexOf(lookup);
    while (p >= 0) {
      const e = p + lookup.length;
      if (overlaps(p, e)) {
        p = text.indexOf(lookup, p + 1);
        continue;
      }
      claims.push({ start: p, end: e, rewrite });
      (taken ??= new Uint8Array(text.length)).fill(1, p, e);
      p = text.indexOf(lookup, e);
    }
  });
  if (claims.length === 0) return text;
  let length = text.length;
  for (const c of claims) length += c.rewrite.length - (c.end - c.start);
  reserveString(ctx, length, 'replace_strings');
  claims.sort((x, y) => x.start - y.start);
  let out = '';
  let last = 0;
  for (const c of claims) {
    out += text.slice(last, c.start) + c.rewrite;
    last = c.end;
  }
  return out + text.slice(last);
}

function alias(f: ScalarFunction, name: string): ScalarFunction {
  return { ...f, name };
}

/** unicode_codepoints_to_string(values...): ints or dynamic arrays of ints; an invalid code point gives "" (our choice). */
function codePointsToString(types: readonly ScalarType[], values: readonly Value[]): string {
  let out = '';
  for (const e of flatten(types, values, [])) {
    const n = intOf(e.type, e.value);
    if (n === null || n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return '';
    out += String.fromCodePoint(n);
  }
  return out;
}

/**
 * Query parameters as .NET HttpUtility.ParseQueryString reads them: split on '&', name and value
 * URL-decoded ('+' is a space), a segment without '=' has no name and is dropped, repeated names
 * join their values with ','. Keys in ordinal order. Evidence for the model (real outputs in
 * microsoft/Kusto-Query-Language issue #112): "tag=networking&order=newest" gives
 * {"order":"newest","tag":"networking"}; "objectClass?one" gives {}.
 */
function queryParameters(query: string): Map<string, Dyn> {
  const found = new Map<string, string>();
  if (query !== '') {
    for (const segment of query.split('&')) {
      const eq = segment.indexOf('=');
      if (eq < 0) continue;
      const name = urlDecode(segment.slice(0, eq));
      const value = urlDecode(segment.slice(eq + 1));
      const prev = found.get(name);
      found.set(name, prev === undefined ? value : `${prev},${value}`);
    }
  }
  const out = new Map<string, Dyn>();
  for (const k of [...found.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out.set(k, found.get(k)!);
  return out;
}

const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/?#]*):([^@/?#]*)@)?([^/?#]*)(\/[^?#]*)?(?:\?([^#]*))?(?:#([\s\S]*))?$/;

/**
 * parse_url(url) (parse-url-function). The fields, in the doc's order: Scheme, Host, Port, Path,
 * Username, Password, Query Parameters, Fragment. Behaviour follows the service's real outputs
 * quoted in microsoft/Kusto-Query-Language issue #112: Path keeps its leading '/' (the doc example
 * prints "this/is/a/path"; the service returned "/forum/questions/"); user info is only taken as
 * `user:password@` ("john.doe@www.example.com" stays in Host); Host and Port split at the last ':'
 * of the authority ("[2001:db8::7]" gives Host "[2001:db8:", Port "7]"); URLs without "//" (mailto:,
 * urn:) give every field empty.
 */
function parseUrl(url: string): Map<string, Dyn> {
  const m = URL_PARTS.exec(url);
  let host = m?.[4] ?? '';
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0) {
    port = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  return new Map<string, Dyn>([
    ['Scheme', m?.[1] ?? ''],
    ['Host', host],
    ['Port', port],
    ['Path', m?.[5] ?? ''],
    ['Username', m?.[2] ?? ''],
    ['Password', m?.[3] ?? ''],
    ['Query Parameters', queryParameters(m?.[6] ?? '')],
    ['Fragment', m?.[7] ?? ''],
  ]);
}

const moreFunctions: ScalarFunction[] = [
  define('replace_strings', 'replace-strings-function', (args) => {
    arity('replace_strings', args, 3, 3);
    const text = textOf(args[0]!.type);
    return (a, ctx) => replaceStrings(text(a[0]!), a[1] as Dyn, a[2] as Dyn, ctx);
  }),
  // has_any_index(source, values): index of the first element (array order) that source `has`; -1 when none or empty (has-any-index-function).
  define('has_any_index', 'has-any-index-function', (args) => {
    arity('has_any_index', args, 2, 2);
    const text = textOf(args[0]!.type);
    const needles = (v: Value): (string | null)[] => (Array.isArray(v) ? (v as Dyn[]).map((e) => (e === null ? null : asciiLower(valueToString('dynamic', e)))) : []);
    const fixed = args[1]!.constant ? new TermSearch(needles(args[1]!.value ?? null)) : undefined;
    const memo = memoByIdentity((values) => new TermSearch(needles(values[0]!)));
    return (a) => BigInt((fixed ?? memo(a, 1)).firstIndex(text(a[0]!)));
  }),
  // isascii: every character is ASCII (isascii-function).
  textFunction('isascii', 'isascii-function', 1, 1, ([s]) => !/[^\x00-\x7f]/.test(s!)),
  // isutf8: the text is well-formed Unicode, i.e. encodes as valid UTF-8 (no lone surrogates).
  textFunction('isutf8', 'isutf8-function', 1, 1, ([s]) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s!)),
  define('unicode_codepoints_to_string', 'unicode-codepoints-to-string-function', (args) => {
    if (args.length < 1) throw new UnsupportedError('unicode_codepoints_to_string() without arguments');
    const types = args.map((x) => x.type);
    return (a) => codePointsToString(types, a);
  }),
];

const base64Arrays: ScalarFunction[] = [
  // base64_decode_toarray(s): the bytes as an array of longs (doc: "S3VzdG8=" → [75,117,115,116,111]);
  // invalid base64 → null (the doc's unpadded "U3RyaW5n0KHR0tGA0L7Rh9C60LA" example ends up empty).
  textFunction('base64_decode_toarray', 'base64-decode-toarray-function', 1, 1, ([s], _a, ctx) => {
    const t = s!.replace(/[\t\n\r ]/g, '');
    if (!BASE64.test(t)) return null;
    // One long per byte, three bytes per four characters.
    reserveBytes(ctx, Math.ceil(t.length / 4) * 3 * (SLOT + 24), 'base64_decode_toarray');
    return Array.from(Buffer.from(t, 'base64'), (b) => BigInt(b));
  }),
  // base64_encode_fromarray(bytes): null, a non-array or an element that is not an integer 0..255 gives "" (our choice).
  define('base64_encode_fromarray', 'base64-encode-fromarray-function', (args) => {
    arity('base64_encode_fromarray', args, 1, 1);
    return (a) => {
      const arr = a[0] as Dyn;
      if (!Array.isArray(arr)) return '';
      const bytes: number[] = [];
      for (const e of arr) {
        const n = intOf('dynamic', e);
        if (n === null || n < 0 || n > 255 || (typeof e === 'number' && !Number.isInteger(e))) return '';
        bytes.push(n);
      }
      return Buffer.from(bytes).toString('base64');
    };
  }),
];

const urlFunctions: ScalarFunction[] = [
  define('parse_url', 'parse-url-function', (args) => {
    arity('parse_url', args, 1, 1);
    const text = textOf(args[0]!.type);
    return (a) => parseUrl(text(a[0]!));
  }),
  // parse_urlquery(query): {"Query Parameters": {...}}; a leading '?' is part of the first name (docs issue #1056).
  define('parse_urlquery', 'parse-urlquery-function', (args) => {
    arity('parse_urlquery', args, 1, 1);
    const text = textOf(args[0]!.type);
    return (a) => new Map<string, Dyn>([['Query Parameters', queryParameters(text(a[0]!))]]);
  }),
];

const aliases: ScalarFunction[] = [
  alias(urlFunctions[0]!, 'parseurl'),
  alias(urlFunctions[1]!, 'parseurlquery'),
  // Deprecated aliases named on the functions' doc pages.
  alias(moreFunctions[4]!, 'make_string'),
  alias(functions_.find((f) => f.name === 'unicode_codepoints_from_string')!, 'to_utf8'),
  alias(functions_.find((f) => f.name === 'base64_encode_tostring')!, 'base64_encodestring'),
  alias(functions_.find((f) => f.name === 'base64_decode_tostring')!, 'base64_decodestring'),
];

export const functions: ScalarFunction[] = [...operators, ...listOperators, ...functions_, ...moreFunctions, ...base64Arrays, ...urlFunctions, ...aliases];
