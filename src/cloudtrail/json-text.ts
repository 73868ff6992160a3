/**
 * Sentinel-style compact JSON text for the columns that hold nested objects
 * (RequestParameters, ResponseElements, AdditionalEventData, Resources, ServiceEventDetails).
 *
 * Why re-encode from the raw text instead of JSON.stringify(JSON.parse(...)):
 *  - key order must be the raw order; JS objects move integer-like keys ("0", "42") first;
 *  - numbers keep their raw spelling ("1.0", 12345678901234567890) instead of JS doubles.
 *
 * Escaping: the real Sentinel export stores AWS's literal `&` as `\u0026`, which is what
 * .NET System.Text.Json's default JavaScriptEncoder does. That encoder also escapes
 * `< > ' " + \`` and every non-ASCII character as \uXXXX (upper-case hex), and writes
 * \n \r \t \b \f \\ in short form. Only `&` is observed in real data, so the policy is
 * configurable: 'sentinel' (the full System.Text.Json default set, our best evidence) or
 * 'minimal' (JSON's required escapes plus `&`).
 */
export type EscapePolicy = 'sentinel' | 'minimal';

const HEX = '0123456789ABCDEF';

function uEscape(c: number): string {
  return '\\u' + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
}

/** Characters each policy escapes (ASCII range); index = char code. */
function escapeTable(policy: EscapePolicy): (string | null)[] {
  const t: (string | null)[] = new Array(128).fill(null);
  for (let c = 0; c < 0x20; c++) t[c] = uEscape(c);
  t[0x08] = '\\b';
  t[0x09] = '\\t';
  t[0x0a] = '\\n';
  t[0x0c] = '\\f';
  t[0x0d] = '\\r';
  t[0x5c] = '\\\\';
  t[0x26] = '\\u0026';
  if (policy === 'sentinel') {
    for (const ch of '"<>\'+`') t[ch.charCodeAt(0)] = uEscape(ch.charCodeAt(0));
    t[0x7f] = uEscape(0x7f);
  } else {
    t[0x22] = '\\"';
  }
  return t;
}

const TABLES: Record<EscapePolicy, (string | null)[]> = {
  sentinel: escapeTable('sentinel'),
  minimal: escapeTable('minimal'),
};

/** A decoded string as a JSON string literal, quotes included. */
export function encodeString(s: string, policy: EscapePolicy): string {
  const table = TABLES[policy];
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null;
    if (c < 128) {
      esc = table[c]!;
      if (esc === null) continue;
    } else if (policy === 'sentinel') {
      esc = uEscape(c);
    } else {
      continue;
    }
    if (i > from) out += s.slice(from, i);
    out += esc;
    from = i + 1;
  }
  if (from === 0) return out + s + '"';
  return out + s.slice(from) + '"';
}

export class JsonTextError extends Error {}

/**
 * A copy of `s` that holds no other string alive. A value cut out of a file's text (a slice, or
 * a concatenation of slices) keeps the whole decoded file in memory for as long as the row
 * lives: one kept row could hold a megabyte. V8 copies substrings under 13 characters anyway;
 * a concatenation is flattened into a new string, and the slice of it keeps only that alive.
 */
export function ownedCopy(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * Re-encode one JSON value given as raw text (text.slice(start, end)) in compact form.
 * The text has already been validated by JSON.parse, so this only walks tokens.
 */
const NEEDS_WORK: Record<EscapePolicy, RegExp> = {
  // whitespace (maybe outside strings), escapes, or characters the policy escapes
  sentinel: /[\s\\&<>'+`\x00-\x1f\x7f-\uffff]/,
  minimal: /[\s\\&\x00-\x1f\u2028\u2029]/,
};

export function reencodeJson(text: string, policy: EscapePolicy, start = 0, end = text.length): string {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  // compact raw JSON with nothing to escape is already in Sentinel's form
  if (!NEEDS_WORK[policy].test(slice)) return slice;
  let out = '';
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // string: find its end, decode only if it has escapes or needs escaping
      let j = i + 1;
      let plain = true;
      for (; j < end; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x22) break;
        if (d === 0x5c) {
          plain = false;
          j++;
        }
      }
      if (j >= end) throw new JsonTextError('unterminated string');
      const raw = text.slice(i, j + 1);
      out += encodeString(plain ? raw.slice(1, -1) : (JSON.parse(raw) as string), policy);
      i = j + 1;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
    } else {
      // structural chars, numbers, true/false/null: copied as written
      let j = i + 1;
      while (j < end) {
        const d = text.charCodeAt(j);
        if (d === 0x22 || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
        j++;
      }
      out += text.slice(i, j);
      i = j;
    }
  }
  return out;
}

/**
 * Compact JSON of a JS value that has no raw text (records built from Parquet, or Maps).
 * Key order is the object's own order (integer-like keys may have moved: unavoidable here).
 * Open arrays and objects wait on an explicit stack: a record's value nested 100,000 levels
 * deep is written like a flat one.
 */
export function encodeValue(root: unknown, policy: EscapePolicy): string {
  const out: string[] = [];
  // Open arrays and objects: their keys (undefined for arrays), values and next index.
  const open: { keys: string[] | undefined; values: unknown[]; i: number }[] = [];
  let v = root;
  for (;;) {
    if (Array.isArray(v)) {
      out.push('[');
      open.push({ keys: undefined, values: v, i: 0 });
    } else if (v instanceof Map) {
      out.push('{');
      open.push({ keys: [...v.keys()].map(String), values: [...v.values()], i: 0 });
    } else if (typeof v === 'object' && v !== null && !(v instanceof Date)) {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      out.push('{');
      open.push({ keys: entries.map(([k]) => k), values: entries.map(([, x]) => x), i: 0 });
    } else {
      out.push(scalarJson(v, policy));
    }
    // The next value to write, after closing the arrays and objects that are done.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return out.join('');
      if (top.i < top.values.length) {
        if (top.i > 0) out.push(',');
        if (top.keys !== undefined) out.push(encodeString(top.keys[top.i]!, policy), ':');
        v = top.values[top.i++];
        break;
      }
      out.push(top.keys === undefined ? ']' : '}');
      open.pop();
    }
  }
}

function scalarJson(v: unknown, policy: EscapePolicy): string {
  switch (typeof v) {
    case 'string':
      return encodeString(v, policy);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      return v instanceof Date ? encodeString(v.toISOString(), policy) : 'null';
    default:
      return 'null';
  }
}

/**
 * End (exclusive) of the JSON value that starts at `start` (no leading whitespace): a
 * matching close bracket, the end of a string, or the end of a literal/number.
 */
export function valueEnd(text: string, start: number): number {
  const c0 = text.charCodeAt(start);
  if (c0 === 0x22) return stringEnd(text, start) + 1;
  if (c0 !== 0x7b && c0 !== 0x5b) {
    let j = start;
    while (j < text.length) {
      const d = text.charCodeAt(j);
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      j++;
    }
    return j;
  }
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) i = stringEnd(text, i);
    else if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      if (--depth === 0) return i + 1;
    }
  }
  return text.length;
}

/** Index of the closing quote of the string whose opening quote is at `start`. */
function stringEnd(text: string, start: number): number {
  let q = text.indexOf('"', start + 1);
  while (q > 0) {
    let b = 0;
    for (let k = q - 1; text.charCodeAt(k) === 0x5c; k--) b++;
    if ((b & 1) === 0) return q;
    q = text.indexOf('"', q + 1);
  }
  return text.length;
}

/**
 * Span of the top-level member `key` found by text search, without walking the record:
 * valid when the text has no \u escapes (so the top-level key is spelled literally) and the
 * quoted key occurs exactly once — then that one occurrence is the top-level member, which
 * the caller knows exists. Null = not decidable this way (use topLevelSpans).
 */
export function quickSpan(text: string, key: string): [number, number] | null {
  const needle = '"' + key + '"';
  const at = text.indexOf(needle);
  if (at <= 0 || text.indexOf(needle, at + needle.length) >= 0 || text.charCodeAt(at - 1) === 0x5c) return null;
  let i = at + needle.length;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x09)) i++;
  if (text.charCodeAt(i) !== 0x3a) return null;
  i++;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x0a || text.charCodeAt(i) === 0x0d || text.charCodeAt(i) === 0x09)) i++;
  return [i, valueEnd(text, i)];
}

/**
 * Spans of the members of the top-level object in `text` (which JSON.parse accepted).
 * Returns key -> [start, end) of the raw value text. Later duplicates win, like JSON.parse.
 */
export function topLevelSpans(text: string): Map<string, [number, number]> {
  const spans = new Map<string, [number, number]>();
  const n = text.length;
  let i = 0;
  while (i < n && text.charCodeAt(i) !== 0x7b) i++;
  i++;
  let depth = 0;
  let key: string | null = null;
  let valueStart = -1;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const s = i;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x22) break;
        if (d === 0x5c) i++;
      }
      if (depth === 0 && key === null) {
        const raw = text.slice(s, i + 1);
        key = raw.indexOf('\\') < 0 ? raw.slice(1, -1) : (JSON.parse(raw) as string);
      } else if (depth === 0 && valueStart < 0) {
        valueStart = s;
      }
    } else if (c === 0x3a && depth === 0) {
      valueStart = -1;
      // value begins at the next non-space char
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 0x20 || text.charCodeAt(j) === 0x0a || text.charCodeAt(j) === 0x0d || text.charCodeAt(j) === 0x09)) j++;
      valueStart = j;
      i = j - 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      if (depth === 0) {
        if (key !== null && valueStart >= 0) spans.set(key, [valueStart, trimEnd(text, valueStart, i)]);
        break;
      }
      depth--;
    } else if (c === 0x2c && depth === 0) {
      if (key !== null && valueStart >= 0) spans.set(key, [valueStart, trimEnd(text, valueStart, i)]);
      key = null;
      valueStart = -1;
    }
  }
  return spans;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start) {
    const d = text.charCodeAt(end - 1);
    if (d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) end--;
    else break;
  }
  return end;
}
