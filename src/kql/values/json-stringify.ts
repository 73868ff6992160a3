/**
 * JSON.stringify for plain data of any nesting depth. V8's JSON.stringify recurses and throws
 * "Maximum call stack size exceeded" a few thousand levels down, and alerts carry evidence
 * values parsed from records (a dynamic column nested 16,000 levels fits in a 32 KB field).
 * The native one runs first; only when it overflows the stack is the same text written with an
 * explicit stack: objects' own enumerable keys in order, `toJSON` honoured, undefined, functions
 * and symbols left out of objects and written as null in arrays, non-finite numbers as null, and
 * a bigint a TypeError, exactly as JSON.stringify does (no indentation, no replacer).
 */
export function stringifyJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (e) {
    if (!(e instanceof RangeError) || !/call stack/i.test(e.message)) throw e;
  }
  return stringifyJsonDeep(value);
}

/** An open array or object: its values, an object's keys, and the index of the next one. */
interface Open {
  readonly values: unknown[];
  readonly keys: string[] | undefined;
  i: number;
  /** Something was written inside (so the next member needs a comma). */
  any: boolean;
}

/** The explicit-stack writer (exported for tests: stringifyJson uses it only past the native one's depth). */
export function stringifyJsonDeep(root: unknown): string | undefined {
  const out: string[] = [];
  const open: Open[] = [];
  let v = prepared(root, '');
  if (v === undefined) return undefined;
  for (;;) {
    if (Array.isArray(v)) {
      out.push('[');
      open.push({ values: v, keys: undefined, i: 0, any: false });
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v);
      out.push('{');
      open.push({ values: keys.map((k) => (v as Record<string, unknown>)[k]), keys, i: 0, any: false });
    } else {
      out.push(scalarText(v));
    }
    // The next value to write, after closing the arrays and objects that are done.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return out.join('');
      if (top.i < top.values.length) {
        const i = top.i++;
        const key = top.keys === undefined ? String(i) : top.keys[i]!;
        const next = prepared(top.values[i], key);
        if (next === undefined && top.keys !== undefined) continue;
        if (top.any) out.push(',');
        top.any = true;
        if (top.keys !== undefined) out.push(`${JSON.stringify(key)}:`);
        v = next === undefined ? null : next;
        break;
      }
      out.push(top.keys === undefined ? ']' : '}');
      open.pop();
    }
  }
}

/** The value as JSON.stringify sees it: after toJSON; undefined for what it leaves out. */
function prepared(v: unknown, key: string): unknown {
  if (v !== null && (typeof v === 'object' || typeof v === 'bigint')) {
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') v = (toJSON as (k: string) => unknown).call(v, key);
  }
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  // Boxed primitives are written as the primitive.
  if (v instanceof Number || v instanceof String || v instanceof Boolean) return v.valueOf();
  return v;
}

function scalarText(v: unknown): string {
  if (typeof v === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return JSON.stringify(v);
}
