// The grid's sort, in the order of trailhound's own `sort` operator (src/kql/exec/ops/sort.ts,
// src/kql/values/compare.ts), on the values as the v2 REST response carries them
// (src/server/kusto-values.ts). Plain ES module with no DOM, so a test runs it beside the engine.
//
// - nulls first ascending, last descending (the sort-operator doc's defaults), NaN with them:
//   "null, NaN, -inf, ..., +inf" ascending, "+inf, ..., -inf, NaN, null" descending;
// - strings ordinally by UTF-16 code unit (.NET's CompareOrdinal, as the executor's `<`); Kusto
//   has no null string, so a missing string cell is the empty string, which sorts first;
// - int, long, real by value ("NaN", "Infinity", "-Infinity" arrive as strings); decimal by its
//   exact value (the text, not a double); datetime and timespan by their 100 ns ticks (the text,
//   not Date.parse's milliseconds); bool false < true; guid by its text;
// - dynamic: numbers by value, then strings, then every other value by its key text (arrays and
//   bags as JSON-like text), as the executor's compareDyn;
// - ties keep their order (a stable sort, as the executor's).
//
// What the wire loses cannot be restored: a long beyond 2^53 arrives as a rounded JSON number,
// and inside a dynamic value a datetime, timespan or guid arrives as a string (the executor
// orders it after strings), so those may order differently from the server's `sort`.

const NAN = Symbol('NaN');

/** Ticks of a v2 datetime, `2024-05-01T12:00:00.1234567Z` (trailing fraction zeros trimmed), as a BigInt. */
function datetimeTicks(s) {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,7}))?Z$/.exec(s);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}Z`);
  return Number.isNaN(ms) ? null : BigInt(ms) * 10000n + BigInt((m[2] ?? '').padEnd(7, '0'));
}

/** Ticks of a timespan in .NET's "c" form, `[-][d.]hh:mm:ss[.fffffff]`, as a BigInt. */
function timespanTicks(s) {
  const m = /^(-)?(?:(\d+)\.)?(\d+):(\d+):(\d+)(?:\.(\d{1,7}))?$/.exec(s);
  if (!m) return null;
  const t = ((((BigInt(m[2] ?? 0) * 24n + BigInt(m[3])) * 60n + BigInt(m[4])) * 60n + BigInt(m[5])) * 10_000_000n) + BigInt((m[6] ?? '').padEnd(7, '0'));
  return m[1] ? -t : t;
}

/** A decimal's text as [mantissa, scale] (BigInt, digits after the point), exactly. */
function decimalParts(s) {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const mantissa = BigInt(`${m[2]}${m[3] ?? ''}`);
  return [m[1] ? -mantissa : mantissa, (m[3] ?? '').length];
}

function compareDecimal([a, as], [b, bs]) {
  const x = bs > as ? a * 10n ** BigInt(bs - as) : a;
  const y = as > bs ? b * 10n ** BigInt(as - bs) : b;
  return x < y ? -1 : x > y ? 1 : 0;
}

const realOf = (v) => (typeof v === 'number' ? v : v === 'Infinity' ? Infinity : v === '-Infinity' ? -Infinity : v === 'NaN' ? NaN : Number(v));

/** A number inside a dynamic value as key text: integers by their digits (as compare.ts numberKey). */
const numberKey = (x) => (Number.isInteger(x) ? BigInt(x).toString() : String(x));

/** Key text of a dynamic array, bag or bool (as compare.ts dynKey), without recursion: data may nest deeply. */
function dynKey(root) {
  const out = [];
  const stack = [root];
  while (stack.length) {
    const d = stack.pop();
    if (d === CLOSE_ARRAY) out.push(']');
    else if (d === CLOSE_BAG) out.push('}');
    else if (d === COMMA) out.push(',');
    else if (d instanceof Key) out.push(`${JSON.stringify(d.name)}:`);
    else if (Array.isArray(d)) {
      out.push('[');
      stack.push(CLOSE_ARRAY);
      for (let i = d.length - 1; i >= 0; i--) stack.push(d[i], ...(i > 0 ? [COMMA] : []));
    } else if (d !== null && typeof d === 'object') {
      out.push('{');
      stack.push(CLOSE_BAG);
      const keys = Object.keys(d);
      for (let i = keys.length - 1; i >= 0; i--) stack.push(d[keys[i]], new Key(keys[i]), ...(i > 0 ? [COMMA] : []));
    } else if (d === null) out.push('null');
    else if (typeof d === 'boolean') out.push(d ? 'true' : 'false');
    else if (typeof d === 'number') out.push(numberKey(d));
    else out.push(JSON.stringify(String(d)));
  }
  return out.join('');
}
const CLOSE_ARRAY = Symbol(']');
const CLOSE_BAG = Symbol('}');
const COMMA = Symbol(',');
class Key {
  constructor(name) {
    this.name = name;
  }
}

/** The key a cell sorts by: null (null), NAN, or a value `compare` orders. */
function keyOf(type, v) {
  if (type === 'string' || type === 'guid') return typeof v === 'string' ? v : v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'int': case 'long': case 'real': {
      const x = realOf(v);
      return Number.isNaN(x) ? NAN : x;
    }
    case 'bool': return v === true || v === 1 ? 1 : 0;
    case 'decimal': return decimalParts(String(v)) ?? null;
    case 'datetime': return datetimeTicks(String(v));
    case 'timespan': return timespanTicks(String(v));
    case 'dynamic':
      if (typeof v === 'number') return Number.isNaN(v) ? NAN : [0, v];
      if (typeof v === 'string') return [1, v];
      return [2, dynKey(v)];
    default: return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

const cmpPrim = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function comparatorOf(type) {
  if (type === 'decimal') return compareDecimal;
  if (type === 'dynamic') return (a, b) => (a[0] !== b[0] ? a[0] - b[0] : cmpPrim(a[1], b[1]));
  return cmpPrim;
}

/**
 * Sorts `idx` (positions in `values`) in place by the column's values, ascending or descending,
 * in the executor's order; returns it.
 */
export function sortPositions(idx, values, type, descending) {
  const keys = values.map((v) => keyOf(type, v));
  const cmp = comparatorOf(type);
  const nullsFirst = !descending;
  return idx.sort((a, b) => {
    const x = keys[a];
    const y = keys[b];
    const xn = x === null || x === NAN;
    const yn = y === null || y === NAN;
    if (xn || yn) {
      if (xn && yn) {
        // null before NaN when nulls come first, after it when last (sort-operator doc).
        const d = (x === null ? 0 : 1) - (y === null ? 0 : 1);
        return d !== 0 ? (nullsFirst ? d : -d) : a - b;
      }
      return xn === nullsFirst ? -1 : 1;
    }
    const c = cmp(x, y);
    return c !== 0 ? (descending ? -c : c) : a - b;
  });
}
