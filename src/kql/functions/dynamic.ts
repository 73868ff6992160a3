/**
 * Dynamic builders and inspectors (learn.microsoft.com/kusto/query/<name>-function;
 * kql-semantics.md §7.5). A non-array (or non-bag) where one is required gives null.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { DynDatetime, DynGuid, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { dynKey } from '../values/compare.ts';
import { numOf, numOfDyn, numToReal } from '../values/numbers.ts';
import { parseJsonPath } from '../values/json-path.ts';
import { toDynValue } from './conversions.ts';
import type { ArgInfo, RowFn, ScalarFunction } from './contract.ts';
import { chargeMade, reserveBytes, reserveParts } from './reserve.ts';
import { dynBytes, SLOT } from '../exec/memory-size.ts';

function fn(name: string, bind: (args: readonly ArgInfo[], result: ScalarType) => RowFn, doc = name): ScalarFunction {
  return { name, doc: `learn.microsoft.com/kusto/query/${doc.replace(/_/g, '-')}-function`, bind };
}

function arity(name: string, args: readonly ArgInfo[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new KqlError('binding', `${name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

/** Arguments as dynamic values (typed scalars keep their kind). */
function dyns(args: readonly ArgInfo[], values: Value[]): Dyn[] {
  return values.map((v, i) => toDynValue(args[i]!.type, v));
}

/** array_length (array-length doc): element count of an array; null for anything else ({} -> null). */
const arrayLength = fn('array_length', (args) => {
  arity('array_length', args, 1);
  return ([a]) => (Array.isArray(a) ? BigInt(a.length) : null);
});

/** bag_keys (bag-keys doc): the root keys of a bag in stored order; null for non-bags. */
const bagKeys = fn('bag_keys', (args) => {
  arity('bag_keys', args, 1);
  return ([b], ctx) => {
    if (!(b instanceof Map)) return null;
    const keys = [...b.keys()];
    chargeMade(ctx, keys, 'bag_keys');
    return keys;
  };
});

/**
 * bag_pack / pack / pack_dictionary (bag-pack doc): a bag from key, value pairs, e.g.
 * bag_pack("Level", "Information", "ProcessID", 1234) = {"Level":"Information","ProcessID":1234}.
 * Keys are converted to their string form; a repeated key keeps its first position and takes
 * the last value (our choice).
 */
function bagPack(name: string): ScalarFunction {
  return fn(name, (args) => {
    if (args.length % 2 !== 0) throw new KqlError('binding', `${name}() needs an even number of arguments (key, value pairs)`);
    return (vals, ctx) => {
      const d = dyns(args, vals);
      reserveParts(ctx, d, name);
      const m = new Map<string, Dyn>();
      for (let i = 0; i < d.length; i += 2) {
        const k = d[i]!;
        const key = typeof k === 'string' ? k : k === null ? '' : dynKeyText(k);
        m.set(key, d[i + 1]!);
      }
      return m;
    };
  }, 'bag_pack');
}

/** A non-string key as text: the tostring form of the scalar. */
function dynKeyText(k: Dyn): string {
  if (k instanceof DynDatetime || k instanceof DynTimespan || k instanceof DynGuid) return JSON.parse(dynKey(k).slice(1)) as string;
  return dynKey(k);
}

/** pack_array (pack-array doc): pack_array(1, "2", 2s) = [1,"2","00:00:02"]; typed scalars are kept. */
const packArray = fn('pack_array', (args) => (vals, ctx) => {
  const d = dyns(args, vals);
  reserveParts(ctx, d, 'pack_array');
  return d;
});

/** Distinct elements by dynamic key, first appearance kept. */
function distinct(items: Iterable<Dyn>): Dyn[] {
  const seen = new Set<string>();
  const out: Dyn[] = [];
  for (const x of items) {
    const k = dynKey(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/** set_union / set_intersect / set_difference (their docs): distinct values, in first-appearance order. */
function setFn(name: 'set_union' | 'set_intersect' | 'set_difference'): ScalarFunction {
  return fn(name, (args) => {
    arity(name, args, 2, 64);
    const set = (arrays: Dyn[][]): Dyn[] => {
      if (name === 'set_union') return distinct(arrays.flat());
      const rest = arrays.slice(1).map((a) => new Set(a.map(dynKey)));
      const first = distinct(arrays[0]!);
      if (name === 'set_intersect') return first.filter((x) => rest.every((s) => s.has(dynKey(x))));
      return first.filter((x) => !rest.some((s) => s.has(dynKey(x))));
    };
    return (vals, ctx) => {
      if (!vals.every((v) => Array.isArray(v))) return null;
      // At most the arguments' elements: charged once made.
      const out = set(vals as Dyn[][]);
      chargeMade(ctx, out, name);
      return out;
    };
  });
}

/** array_concat (array-concat doc): the arrays joined; null if any argument is not an array. */
const arrayConcat = fn('array_concat', (args) => {
  arity('array_concat', args, 1, 64);
  return (vals, ctx) => {
    if (!vals.every((v) => Array.isArray(v))) return null;
    // The same array given several times is that many copies (array_concat(a, a, a, ...)).
    reserveParts(ctx, vals as Dyn[], 'array_concat');
    return (vals as Dyn[][]).flat();
  };
});

function intArg(type: ScalarType, v: Value): number | undefined {
  const n = numOf(type, v);
  if (!n) return undefined;
  return n.k === 'i' ? Number(n.v) : Math.trunc(numToReal(n));
}

/**
 * array_slice(array, start, end) (array-slice doc): elements start..end inclusive; negative
 * indexes count from the end; out-of-range bounds are clamped, an empty range gives [].
 */
const arraySlice = fn('array_slice', (args) => {
  arity('array_slice', args, 3);
  return ([a, s, e], ctx) => {
    if (!Array.isArray(a)) return null;
    let start = intArg(args[1]!.type, s!);
    let end = intArg(args[2]!.type, e!);
    if (start === undefined || end === undefined) return null;
    if (start < 0) start += a.length;
    if (end < 0) end += a.length;
    start = Math.max(start, 0);
    end = Math.min(end, a.length - 1);
    if (start > end) return [];
    const out = a.slice(start, end + 1);
    chargeMade(ctx, out, 'array_slice');
    return out;
  };
});

/**
 * array_index_of(array, value) (array-index-of doc): index of the first element equal to value,
 * -1 when absent, null for a non-array. Elements compare by dynamic key (numbers by value).
 * The optional start/length/occurrence arguments are not supported.
 */
const arrayIndexOf = fn('array_index_of', (args) => {
  if (args.length !== 2) throw new UnsupportedError('array_index_of() with start, length or occurrence arguments');
  return (vals) => {
    const i = indexOfElement(dyns(args, vals));
    return i === null ? null : BigInt(i);
  };
});

/** The index of `v` in `a` by dynamic key, -1 when absent; null for a non-array or a null value. */
function indexOfElement([a, v]: Dyn[]): number | null {
  if (!Array.isArray(a) || v === null || v === undefined) return null;
  const k = dynKey(v);
  return a.findIndex((x) => dynKey(x) === k);
}

/**
 * set_has_element(set, value) (set-has-element doc): whether the array holds the value, compared
 * as array_index_of compares ("use array_index_of(arr, value) to find the position"); null where
 * array_index_of is null (a non-array, a null value).
 */
const setHasElement = fn('set_has_element', (args) => {
  arity('set_has_element', args, 2);
  return (vals) => {
    const i = indexOfElement(dyns(args, vals));
    return i === null ? null : i >= 0;
  };
});

/** Sort groups of array_sort_asc (doc): numbers, datetimes and timespans; strings; guids; everything else. */
function sortRank(d: Dyn): number {
  if (numOfDyn(d) || d instanceof DynDatetime || d instanceof DynTimespan) return 0;
  if (typeof d === 'string') return 1;
  if (d instanceof DynGuid) return 2;
  return 3;
}

function compareElements(a: Dyn, b: Dyn): number {
  const ra = sortRank(a);
  const rb = sortRank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) {
    const x = numOfDyn(a);
    const y = numOfDyn(b);
    if (x && y) {
      if (x.k === 'i' && y.k === 'i') return x.v < y.v ? -1 : x.v > y.v ? 1 : 0;
      const p = numToReal(x);
      const q = numToReal(y);
      return p < q ? -1 : p > q ? 1 : 0;
    }
    // Numbers before datetimes before timespans (our choice); each kind by ticks.
    const kind = (d: Dyn): number => (numOfDyn(d) ? 0 : d instanceof DynDatetime ? 1 : 2);
    if (kind(a) !== kind(b)) return kind(a) - kind(b);
    const ta = (a as DynDatetime | DynTimespan).ticks;
    const tb = (b as DynDatetime | DynTimespan).ticks;
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  }
  const ka = ra === 1 ? (a as string) : ra === 2 ? (a as DynGuid).text : dynKey(a);
  const kb = rb === 1 ? (b as string) : rb === 2 ? (b as DynGuid).text : dynKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * array_sort_asc / array_sort_desc (their docs) for one array: nulls last unless the optional
 * bool says otherwise (doc example: [null,"blue","yellow","green",null] -> ["blue","green","yellow",null,null]).
 * Sorting several arrays together returns several columns and is not supported.
 */
function sortFn(name: 'array_sort_asc' | 'array_sort_desc'): ScalarFunction {
  const desc = name === 'array_sort_desc';
  return fn(name, (args) => {
    const last = args[args.length - 1];
    const hasNullsArg = args.length === 2 && last!.type === 'bool';
    if (args.length > (hasNullsArg ? 2 : 1)) throw new UnsupportedError(`${name}() of several arrays`);
    return (vals, ctx) => {
      const a = vals[0];
      if (!Array.isArray(a)) return null;
      const nullsLast = hasNullsArg ? vals[1] !== false : true;
      const nulls = a.filter((x) => x === null);
      const rest = a.filter((x) => x !== null).sort((x, y) => (desc ? -compareElements(x, y) : compareElements(x, y)));
      const out = nullsLast ? [...rest, ...nulls] : [...nulls, ...rest];
      chargeMade(ctx, out, name);
      return out;
    };
  });
}

/**
 * A bag_has_key / bag_remove_keys key: a plain key, or a JSONPath `$.a.b` / `$['a']` naming a
 * nested property (bag-has-key doc). Returns the path steps, or undefined for paths we do not support.
 */
function keyPath(key: string): string[] | undefined {
  if (!key.startsWith('$')) return [key];
  const steps = parseJsonPath(key);
  if (!steps || steps.length === 0 || !steps.every((s) => 'prop' in s)) return undefined;
  return steps.map((s) => (s as { prop: string }).prop);
}

/** bag_has_key(bag, key) (bag-has-key doc): whether the bag has the key (or JSONPath); null for non-bags. */
const bagHasKey = fn('bag_has_key', (args) => {
  arity('bag_has_key', args, 2);
  return ([b, k]) => {
    if (!(b instanceof Map)) return null;
    const path = keyPath(String(k ?? ''));
    if (!path) throw new UnsupportedError(`the JSONPath ${String(k)} in bag_has_key()`);
    let cur: Dyn = b;
    for (const step of path) {
      if (!(cur instanceof Map) || !cur.has(step)) return false;
      cur = cur.get(step)!;
    }
    return true;
  };
});

/**
 * bag_merge(bag1, bag2, ...) (bag-merge doc): keys of all bags; for a key in several bags the
 * leftmost value is kept, as the doc's example shows (A1 stays 12). Non-bag arguments give null (our choice).
 */
const bagMerge = fn('bag_merge', (args) => {
  arity('bag_merge', args, 2, 64);
  return (vals, ctx) => {
    if (!vals.every((v) => v instanceof Map)) return null;
    const out = new Map<string, Dyn>();
    for (const b of vals as Map<string, Dyn>[]) for (const [k, v] of b) if (!out.has(k)) out.set(k, v);
    chargeMade(ctx, out, 'bag_merge');
    return out;
  };
});

/** bag_remove_keys(bag, keys) (bag-remove-keys doc): a copy without the listed keys (plain or JSONPath). */
const bagRemoveKeys = fn('bag_remove_keys', (args) => {
  arity('bag_remove_keys', args, 2);
  const copy = (b: Map<string, Dyn>): Map<string, Dyn> => new Map(b);
  return ([b, keys], ctx) => {
    if (!(b instanceof Map) || !Array.isArray(keys)) return null;
    chargeMade(ctx, b, 'bag_remove_keys');
    const out = copy(b);
    for (const k of keys) {
      if (typeof k !== 'string') continue;
      const path = keyPath(k);
      if (!path) throw new UnsupportedError(`the JSONPath ${k} in bag_remove_keys()`);
      let cur = out;
      for (let i = 0; i < path.length - 1; i++) {
        const next = cur.get(path[i]!);
        if (!(next instanceof Map)) {
          cur = new Map();
          break;
        }
        const c = copy(next);
        cur.set(path[i]!, c);
        cur = c;
      }
      cur.delete(path[path.length - 1]!);
    }
    return out;
  };
});

/** zip(arr1, arr2, ...) (zip doc): arrays of the i-th elements; shorter arrays are padded with null. */
const zip = fn('zip', (args) => {
  arity('zip', args, 2, 16);
  return (vals, ctx) => {
    if (!vals.every((v) => Array.isArray(v))) return null;
    const arrays = vals as Dyn[][];
    let n = 0;
    for (const a of arrays) if (a.length > n) n = a.length;
    // The arrays' elements, and one new array of arrays.length elements per index.
    reserveParts(ctx, arrays, 'zip');
    reserveBytes(ctx, n * SLOT * (arrays.length + 4), 'zip');
    return Array.from({ length: n }, (_, i) => arrays.map((a) => (i < a.length ? a[i]! : null)));
  };
});

/**
 * repeat(value, count) (repeat doc): an array of count copies; "If count is equal to zero, an
 * empty array is returned. If count is less than zero, a null value is returned." A null count
 * gives null. The doc sets no limit on count; the query's memory budget does (charged before the
 * array is made, so repeat("a", 1000000000) is Kusto's runaway-query error, not an out-of-memory
 * crash).
 */
const repeat = fn('repeat', (args) => {
  arity('repeat', args, 2);
  return (vals, ctx) => {
    const n = intArg(args[1]!.type, vals[1]!);
    if (n === undefined || n < 0) return null;
    const v = toDynValue(args[0]!.type, vals[0]!);
    // n copies of the value, refused before the array is made when they do not fit.
    const memory = ctx.memory;
    if (memory && n > 0) reserveBytes(ctx, n * (SLOT + dynBytes(v, memory.left / n)), 'repeat');
    return new Array<Dyn>(n).fill(v);
  };
});

export const functions: ScalarFunction[] = [
  arrayLength, bagKeys, bagPack('bag_pack'), bagPack('pack'), bagPack('pack_dictionary'), packArray,
  setFn('set_union'), setFn('set_intersect'), setFn('set_difference'), arrayConcat, arraySlice, arrayIndexOf, setHasElement,
  sortFn('array_sort_asc'), sortFn('array_sort_desc'), bagHasKey, bagMerge, bagRemoveKeys, zip, repeat,
];
