/**
 * JSON text -> dynamic value (parse_json, todynamic, dynamic literals). Our own parser so that
 * number kinds follow Kusto (gettype(parse_json('1')) is `int`, gettype doc) and bags keep key
 * order in a Map. It keeps open arrays and bags on an explicit stack, never on the call stack:
 * text nested 100,000 levels deep parses like flat text (no depth limit is documented for
 * parse_json; learn.microsoft.com/kusto/query/parse-json-function).
 */
import { DynInt, type Dyn } from '../types.ts';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A JSON integer as Kusto types it: int when it fits 32 bits, else long, else real. */
export function dynInteger(text: string): Dyn {
  const b = BigInt(text);
  if (b >= BigInt(INT32_MIN) && b <= BigInt(INT32_MAX)) return new DynInt(Number(b));
  if (b >= INT64_MIN && b <= INT64_MAX) return b;
  return Number(text);
}

/** Literal words; NaN and Infinity are accepted as Json.NET does. */
const WORDS: [string, Dyn][] = [['true', true], ['false', false], ['null', null], ['NaN', NaN], ['Infinity', Infinity]];
const SYNTAX = new Error('json syntax');
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

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

  /**
   * One whole value. `open` holds the arrays and bags not yet closed, innermost last, and `keys`
   * the key each open bag is reading a value for.
   */
  value(): Dyn {
    const open: (Dyn[] | Map<string, Dyn>)[] = [];
    const keys: string[] = [];
    for (;;) {
      // A value starts here: a scalar, an empty container, or the first element of a container.
      let v: Dyn;
      this.ws();
      const c = this.s[this.i];
      if (c === '[' || c === '{') {
        this.i++;
        this.ws();
        if (c === '[') {
          if (this.s[this.i] !== ']') {
            open.push([]);
            continue;
          }
          this.i++;
          v = [];
        } else {
          if (this.s[this.i] !== '}') {
            open.push(new Map());
            keys.push(this.key());
            continue;
          }
          this.i++;
          v = new Map();
        }
      } else {
        v = this.scalar(c);
      }
      // Store v in its container; every container that this closes is itself stored in turn.
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return v;
        // A repeated key keeps its first position and takes the last value (Json.NET's default).
        if (Array.isArray(top)) top.push(v);
        else top.set(keys.pop()!, v);
        this.ws();
        const d = this.s[this.i++];
        if (d === ',') {
          if (!Array.isArray(top)) keys.push(this.key());
          break;
        }
        if (d !== (Array.isArray(top) ? ']' : '}')) throw SYNTAX;
        v = open.pop()!;
      }
    }
  }

  /** A bag key and its colon. */
  key(): string {
    this.ws();
    const q = this.s[this.i];
    if (q !== '"' && q !== "'") throw SYNTAX;
    const k = this.string();
    this.ws();
    if (this.s[this.i] !== ':') throw SYNTAX;
    this.i++;
    return k;
  }

  scalar(c: string | undefined): Dyn {
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
    NUMBER.lastIndex = this.i;
    const r = NUMBER.exec(this.s);
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
