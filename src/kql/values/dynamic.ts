/**
 * Dynamic values (learn.microsoft.com/kusto/query/scalar-data-types/dynamic): our own JSON
 * parser so that number kinds follow Kusto (gettype(parse_json('1')) is `int`, gettype doc),
 * bags keep key order in a Map, and the compact JSON text Kusto prints for dynamic values.
 */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn } from '../types.ts';
import { formatDatetime } from './datetime.ts';
import { formatReal } from './real.ts';
import { formatTimespan } from './timespan.ts';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function isBag(d: Dyn): d is Map<string, Dyn> {
  return d instanceof Map;
}

export function isArray(d: Dyn): d is Dyn[] {
  return Array.isArray(d);
}

/** A JSON integer as Kusto types it: int when it fits 32 bits, else long, else real. */
export function dynInteger(text: string): Dyn {
  const b = BigInt(text);
  if (b >= BigInt(INT32_MIN) && b <= BigInt(INT32_MAX)) return new DynInt(Number(b));
  if (b >= INT64_MIN && b <= INT64_MAX) return b;
  return Number(text);
}

class JsonParser {
  i = 0;
  constructor(readonly s: string) {}

  ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  value(): Dyn {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'") return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, v] of WORDS) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    throw SYNTAX;
  }

  object(): Map<string, Dyn> {
    this.i++;
    const m = new Map<string, Dyn>();
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return m;
    }
    for (;;) {
      this.ws();
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") throw SYNTAX;
      const k = this.string();
      this.ws();
      if (this.s[this.i] !== ':') throw SYNTAX;
      this.i++;
      const v = this.value();
      // A repeated key keeps its first position and takes the last value (Json.NET's default).
      m.set(k, v);
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return m;
      if (c !== ',') throw SYNTAX;
    }
  }

  array(): Dyn[] {
    this.i++;
    const a: Dyn[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return a;
    }
    for (;;) {
      a.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return a;
      if (c !== ',') throw SYNTAX;
    }
  }

  string(): string {
    const quote = this.s[this.i++];
    let out = '';
    let start = this.i;
    for (;;) {
      if (this.i >= this.s.length) throw SYNTAX;
      const c = this.s[this.i]!;
      if (c === quote) {
        out += this.s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c === '\\') {
        out += this.s.slice(start, this.i);
        const e = this.s[this.i + 1];
        this.i += 2;
        switch (e) {
          case '"': out += '"'; break;
          case "'": out += "'"; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const h = this.s.slice(this.i, this.i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) throw SYNTAX;
            out += String.fromCharCode(parseInt(h, 16));
            this.i += 4;
            break;
          }
          default:
            throw SYNTAX;
        }
        start = this.i;
        continue;
      }
      if (c.charCodeAt(0) < 0x20) throw SYNTAX;
      this.i++;
    }
  }

  number(): Dyn {
    const m = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
    m.lastIndex = this.i;
    const r = m.exec(this.s);
    if (!r) {
      if (this.s.startsWith('-Infinity', this.i)) {
        this.i += 9;
        return -Infinity;
      }
      throw SYNTAX;
    }
    this.i += r[0].length;
    if (r[1] === undefined && r[2] === undefined) return dynInteger(r[0]);
    return Number(r[0]);
  }
}

/** Literal words; NaN and Infinity are accepted as Json.NET does. */
const WORDS: [string, Dyn][] = [['true', true], ['false', false], ['null', null], ['NaN', NaN], ['Infinity', Infinity]];
const SYNTAX = new Error('json syntax');

/**
 * Parses JSON text into a dynamic value; undefined when the text is not valid JSON.
 * Integers that fit 32 bits become int (DynInt), larger ones long (bigint), beyond 64 bits real;
 * numbers with a fraction or exponent are real. Also accepted, as Kusto's dynamic literals and
 * Json.NET do: single-quoted strings, NaN, Infinity, -Infinity.
 */
export function parseJson(text: string): Dyn | undefined {
  const p = new JsonParser(text);
  try {
    const v = p.value();
    p.ws();
    return p.i === text.length ? v : undefined;
  } catch (e) {
    if (e === SYNTAX) return undefined;
    throw e;
  }
}

/**
 * A sequence of JSON values separated by white space (the MultiJSON ingestion format), each
 * parsed as parseJson does; undefined when the text is not such a sequence. `at` receives the
 * offset where the text stopped being JSON.
 */
export function parseJsonValues(text: string, at?: (offset: number) => void): Dyn[] | undefined {
  const p = new JsonParser(text);
  const out: Dyn[] = [];
  try {
    p.ws();
    while (p.i < text.length) {
      out.push(p.value());
      p.ws();
    }
    return out;
  } catch (e) {
    if (e === SYNTAX) {
      at?.(p.i);
      return undefined;
    }
    throw e;
  }
}

/**
 * A dynamic value from the output of JSON.parse (or any plain JS value). Integral numbers that
 * fit 32 bits become int, other safe integers long, the rest real (JSON.parse cannot tell 1.0
 * from 1: callers who need that distinction use parseJson on the text).
 */
export function dynFromJs(x: unknown): Dyn {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
      return x;
    case 'bigint':
      return x;
    case 'number':
      if (Number.isInteger(x) && !Object.is(x, -0)) {
        if (x >= INT32_MIN && x <= INT32_MAX) return new DynInt(x);
        if (Number.isSafeInteger(x)) return BigInt(x);
      }
      return x;
    case 'object':
      if (Array.isArray(x)) return x.map(dynFromJs);
      if (x instanceof Map) return x as Map<string, Dyn>;
      if (x instanceof DynInt || x instanceof DynDatetime || x instanceof DynTimespan || x instanceof DynGuid || x instanceof DynDecimal) return x;
      if (x instanceof Date) return new DynDatetime(BigInt(x.getTime()) * 10_000n + 621_355_968_000_000_000n);
      return new Map(Object.entries(x as Record<string, unknown>).map(([k, v]) => [k, dynFromJs(v)]));
    default:
      return null;
  }
}

/** A JS string as a JSON string literal (control characters, quote and backslash escaped). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/** Text of a real inside JSON: .NET number text; NaN and ±Infinity as strings (Json.NET's default). */
function jsonReal(x: number): string {
  return Number.isFinite(x) ? formatReal(x) : `"${formatReal(x)}"`;
}

/**
 * Compact JSON text of a dynamic value as Kusto prints it (tostring of an array or bag):
 * no whitespace, bag keys in stored order, datetime/timespan/guid as JSON strings in their
 * tostring form (pack_array doc: `pack_array(1, "2", 2s)` -> `[1,"2","00:00:02"]`).
 */
export function dynToJson(d: Dyn): string {
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
  if (d instanceof DynGuid) return jsonString(d.text);
  if (Array.isArray(d)) return `[${d.map(dynToJson).join(',')}]`;
  let out = '{';
  let first = true;
  for (const [k, v] of d) {
    out += `${first ? '' : ','}${jsonString(k)}:${dynToJson(v)}`;
    first = false;
  }
  return `${out}}`;
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
 * kql-semantics.md §8.3 leaves it open; NaN is not equal to itself.
 */
export function dynEquals(a: Dyn, b: Dyn): boolean {
  if (a === b) return a === a || typeof a !== 'number';
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
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (a instanceof DynDatetime) return b instanceof DynDatetime && a.ticks === b.ticks;
  if (a instanceof DynTimespan) return b instanceof DynTimespan && a.ticks === b.ticks;
  if (a instanceof DynGuid) return b instanceof DynGuid && a.text === b.text;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => dynEquals(x, b[i]!));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !dynEquals(v, b.get(k)!)) return false;
    return true;
  }
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
