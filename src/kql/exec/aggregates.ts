/**
 * Aggregation functions of `summarize`. Each aggregate keeps one state per group; `add` sees
 * the batch's evaluated argument columns (`args`) and tuple output columns (`outs`) at row i.
 * Semantics follow the Kusto docs page of each aggregate (cited below) and kql-semantics.md §5.
 */
import { NTH_KEY, nthKeyAggregator } from './nth-key.ts';
import { RuntimeError, UnsupportedError } from '../errors.ts';
import type { AggregateCall } from '../plan/plan.ts';
import type { Dyn, ScalarType, Value } from '../types.ts';
import { compareValues, groupKey } from '../values/compare.ts';
import { flattenDyns, unflattenDyns, type FlatDyns } from '../values/dyn-codec.ts';
import { converter } from '../functions/convert-to.ts';
import { toDyn } from './eval.ts';
import { cellBytes, dynBytes, isResident, SLOT, stringBytes } from './memory-size.ts';
import type { OperatorMemory } from './memory.ts';
import { PairSet } from './pair-set.ts';
import { StringIds } from './string-ids.ts';
import { int32s } from './vector/small-arrays.ts';

export interface Aggregator {
  init(): unknown;
  add(state: unknown, i: number, args: readonly Value[][], outs: readonly Value[][]): unknown;
  /** One value per output column. `empty` is true for the single row of a summarize without by over no rows. */
  result(state: unknown): Value[];
  /**
   * Optional (arg_min/arg_max): from now on keep a chosen row as a reference to the batch's output
   * columns and row number instead of copying its values; columns are never written once made.
   */
  shareRows?(): void;
  /**
   * Copies the rows `states` refer to, and copies again from now on: called before a second
   * batch, so that a group's row does not keep a whole earlier batch alive.
   */
  copyRows?(states: readonly unknown[]): void;
  /** result() of states[0..count) written into `cols` (one column per output), without row arrays. */
  resultColumns?(states: readonly unknown[], count: number, cols: readonly Value[][]): void;
  /**
   * Partial aggregation (exec/partial.ts): `from` is the state of the same group over rows that
   * come after the rows of `into`; the merged state is the state `add` would have reached over
   * all of them in that order, exactly. Only aggregates whose state merges exactly have it (a sum
   * of reals does not: floating-point addition is not associative); states must survive a
   * structured clone (they cross worker threads).
   */
  merge?(into: unknown, from: unknown): unknown;
  /**
   * add() over rows [0, n) of a batch, row i into states[groups[i]], states updated in place: one
   * call per batch and aggregate, whose loop sees one aggregate (the per-row call site that sees
   * every aggregate's add cannot be inlined).
   */
  addRows?(states: readonly unknown[], groups: ArrayLike<number>, n: number, args: readonly Value[][], outs: readonly Value[][]): void;
  /**
   * Partial aggregation of a whole table's states[0..count) at once, in place of partial() and
   * merge() per state: for states that share a table-wide structure (dcount's dictionary of
   * values) or cross threads cheaper as one typed array (counts). What mergeStates takes.
   */
  partialStates?(states: readonly unknown[], count: number): unknown;
  /** merge() of each group g of partialStates' `from` into `into[groups[g]]` (same rules as merge). */
  mergeStates?(into: readonly unknown[], groups: ArrayLike<number>, count: number, from: unknown): void;
  /**
   * The state as `merge` takes it in `from`, when the state itself does not survive a structured
   * clone as it is: dynamic values (typed wrappers lose their class; deep nesting overflows the
   * clone) go flattened (values/dyn-codec.ts), a row kept by reference is copied.
   */
  partial?(state: unknown): unknown;
}

/**
 * Makes an aggregate's per-group logic. Aggregates whose state grows with the rows (lists, sets,
 * bags, percentile values, distinct counts) and those that keep a row charge `memory` as they grow.
 */
type Factory = (call: AggregateCall, memory: OperatorMemory | undefined) => Aggregator;

/**
 * The rows of a batch an aggregate's batch loop (addRows) takes: those in [0, n) whose value
 * (args[0]) is not null, nor NaN with `skipNaN`, and, for an *if aggregate, whose predicate is true.
 */
function valueRows(args: readonly Value[][], predIndex: number | undefined, n: number, skipNaN = false): Int32Array {
  const col = args[0]!;
  const pred = predIndex === undefined ? undefined : args[predIndex]!;
  const rows = int32s(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (pred !== undefined && pred[i] !== true) continue;
    const x = col[i]!;
    if (x === null || (skipNaN && typeof x === 'number' && Number.isNaN(x))) continue;
    rows[count++] = i;
  }
  return rows.subarray(0, count);
}

/** A Set or Map entry's share of its hash table (also charged per pair of dcount's pair table: an upper bound). */
const ENTRY = 32;

/**
 * Bytes of kept rows: the outputs' values at row i (a reference to them keeps them alive), resident
 * columns' values (memory-size.ts) costing their pointer only. Which columns those are is decided
 * once per batch (the `outs` arrays), not per row.
 */
function rowMeter(call: AggregateCall): (outs: readonly Value[][], i: number, memory: OperatorMemory) => number {
  let seen: readonly Value[][] | undefined;
  let measured: number[] = [];
  let base = 0;
  return (outs, i, memory) => {
    if (outs !== seen) {
      seen = outs;
      measured = [];
      base = 48;
      for (let o = 0; o < outs.length; o++) {
        if (isResident(outs[o]!)) base += SLOT;
        else measured.push(o);
      }
    }
    let n = base;
    for (const o of measured) n += cellBytes(call.outputs[o]!.type, outs[o]![i]!, memory.left);
    return n;
  };
}

/** Bytes of a kept row given as values (a merged partial state's row), as rowMeter counts one. */
function rowValueBytes(call: AggregateCall, row: readonly Value[], memory: OperatorMemory): number {
  let n = 48;
  for (let o = 0; o < row.length; o++) n += cellBytes(call.outputs[o]!.type, row[o]!, memory.left);
  return n;
}

const MAX_SET = 1_048_576;

function sizeLimit(call: AggregateCall, index: number): number {
  const a = call.args[index];
  if (!a) return MAX_SET;
  if (a.k !== 'lit' || a.value === null) throw new UnsupportedError(`${call.name}() with a non-constant size limit`, call.span);
  // make_list/make_set/make_bag docs: "The default and max value is 1048576".
  return Math.min(Number(a.value), MAX_SET);
}

/** Counts rows; count(expr) also counts rows whose expr is null (summarize-operator doc example). */
const count: Factory = () => ({
  init: () => ({ n: 0 }),
  add: (s) => {
    (s as { n: number }).n++;
    return s;
  },
  addRows: (states, groups, n) => {
    for (let i = 0; i < n; i++) (states[groups[i]!] as { n: number }).n++;
  },
  result: (s) => [BigInt((s as { n: number }).n)],
  partialStates: partialCounts,
  mergeStates: mergeCounts,
});

/**
 * Counts as they cross threads: one number a group (exact: counts stay far below 2^53), in a plain
 * array (a typed array's own buffer costs more to make than a file's few dozen counts).
 */
function partialCounts(states: readonly unknown[], count: number): number[] {
  const out = new Array<number>(count);
  for (let g = 0; g < count; g++) out[g] = (states[g] as { n: number }).n;
  return out;
}

function mergeCounts(into: readonly unknown[], groups: ArrayLike<number>, count: number, from: unknown): void {
  const n = from as readonly number[];
  for (let g = 0; g < count; g++) (into[groups[g]!] as { n: number }).n += n[g]!;
}

/** countif-aggregation-function doc: rows where the predicate is true. */
const countif: Factory = () => ({
  init: () => ({ n: 0 }),
  add: (s, i, args) => {
    if (args[0]![i] === true) (s as { n: number }).n++;
    return s;
  },
  addRows: (states, groups, n, args) => {
    const pred = args[0]!;
    for (let i = 0; i < n; i++) if (pred[i] === true) (states[groups[i]!] as { n: number }).n++;
  },
  result: (s) => [BigInt((s as { n: number }).n)],
  partialStates: partialCounts,
  mergeStates: mergeCounts,
});

/**
 * A group's distinct count: its number in the aggregator's set of (group, value id) pairs
 * (pair-set.ts), and how many pairs it has there. States are made by init() in the order of their
 * groups, but the row-at-a-time add() sees only the state, so each one carries its own number.
 */
interface DistinctState {
  readonly g: number;
  n: number;
}

/** dcount's states as they cross threads: the file's dictionary once, then each group's ids into it. */
interface DistinctPartial {
  readonly values: readonly unknown[];
  /** Group g's ids are ids[offsets[g] .. offsets[g + 1]) (plain arrays: cheaper to make than typed ones at a file's sizes). */
  readonly offsets: readonly number[];
  readonly ids: readonly number[];
}

/**
 * A value as a dictionary key, equal iff groupKey's are (values/compare.ts): Map's SameValueZero
 * already gives that equality for these values (bigints by value, NaN one key, -0 equal to 0);
 * decimal and dynamic values by their key text.
 */
function distinctKeyFn(type: ScalarType): (v: Value) => unknown {
  return type === 'decimal' || type === 'dynamic' ? (v) => groupKey(type, v) : (v) => v;
}

/**
 * Distinct strings at which a dcount's dictionary moves from a Map to string-ids.ts's arena. Below
 * it the Map is faster (V8 keeps each string's hash; the arena hashes in JS) and small; above it
 * the arena's ~30 bytes a value against the Map's ~100 count (a 10M-record hunt merges 410,000).
 */
const COMPACT_AT = 1 << 16;

/** Bytes of a dictionary key in string-ids.ts: a byte a character (two if wide), its index, its half-empty slots. */
function compactKeyBytes(k: string): number {
  return 2 * k.length + 20;
}

/** Bytes of a dictionary key (with its entry and slot). */
function dictKeyBytes(k: unknown): number {
  return ENTRY + SLOT + (typeof k === 'string' ? stringBytes(k.length) : typeof k === 'bigint' ? 24 : 16);
}

/**
 * dcount-aggregation-function doc: distinct non-null values. The service estimates with
 * HyperLogLog but is exact for small cardinalities (estimation-accuracy include); we count exactly.
 * Each distinct value is held once in the aggregator's dictionary, groups hold its id: a value
 * seen by many groups is hashed as text once per file, and a merge maps a file's dictionary
 * into this one (one lookup a distinct value), then unites ids.
 */
function distinctCount(predIndex: number | undefined): Factory {
  return (call, memory) => {
    const type = call.args[0]!.type;
    const keyOf = distinctKeyFn(type);
    // values that are their own key (all but decimal and dynamic): no call a row
    const plain = type !== 'decimal' && type !== 'dynamic';
    let dict = new Map<unknown, number>();
    let values: unknown[] = [];
    /** The dictionary once it holds COMPACT_AT strings (string-ids.ts); dict and values are then empty. */
    let compact: StringIds | null = null;
    const pairs = new PairSet();
    /** States made so far (each one's number). */
    let made = 0;
    const idOf = (k: unknown): number => {
      if (compact !== null) {
        const known = compact.size;
        const id = compact.idOf(k as string);
        if (compact.size !== known) memory?.charge(compactKeyBytes(k as string));
        return id;
      }
      let id = dict.get(k);
      if (id === undefined) {
        id = values.length;
        dict.set(k, id);
        values.push(k);
        memory?.charge(dictKeyBytes(k));
        if (id + 1 === COMPACT_AT && type === 'string') {
          compact = new StringIds(COMPACT_AT * 2);
          for (const v of values) compact.idOf(v as string);
          dict = new Map();
          values = [];
        }
      }
      return id;
    };
    const addId = (st: DistinctState, id: number): void => {
      if (!pairs.add(st.g, id)) return;
      st.n++;
      memory?.charge(ENTRY);
    };
    return {
      init: (): DistinctState => ({ g: made++, n: 0 }),
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const v = args[0]![i]!;
        if (v !== null) addId(s as DistinctState, idOf(keyOf(v)));
        return s;
      },
      addRows: (states, groups, n, args) => {
        const col = args[0]!;
        const rows = valueRows(args, predIndex, n);
        for (let r = 0; r < rows.length; r++) {
          const i = rows[r]!;
          const v = col[i]!;
          const k = plain ? v : keyOf(v);
          addId(states[groups[i]!] as DistinctState, compact === null ? (dict.get(k) ?? idOf(k)) : idOf(k));
        }
      },
      result: (s) => [BigInt((s as DistinctState).n)],
      partialStates: (states, count): DistinctPartial => {
        // group g's ids at offsets[g] .., in the order of the states given (their own numbers
        // may differ: top-nested and make-series make states of their own)
        const at = new Int32Array(made).fill(-1);
        const offsets = [0];
        for (let g = 0; g < count; g++) {
          const st = states[g] as DistinctState;
          at[st.g] = offsets[g]!;
          offsets.push(offsets[g]! + st.n);
        }
        const ids = new Array<number>(offsets[count]!).fill(0);
        pairs.forEach((g, id) => {
          const p = at[g]!;
          if (p < 0) return;
          ids[p] = id;
          at[g] = p + 1;
        });
        const c = compact as StringIds | null;
        return { values: c === null ? values : Array.from({ length: c.size }, (_, id) => c.value(id)), offsets, ids };
      },
      // the union of the exact sets: the count is the same as over all rows at once
      mergeStates: (into, groups, count, from) => {
        const p = from as DistinctPartial;
        const local = int32s(p.values.length);
        for (let k = 0; k < local.length; k++) local[k] = idOf(p.values[k]);
        const { offsets, ids } = p;
        for (let g = 0; g < count; g++) {
          const st = into[groups[g]!] as DistinctState;
          for (let j = offsets[g]!; j < offsets[g + 1]!; j++) addId(st, local[ids[j]!]!);
        }
      },
    };
  };
}

function toBig(v: Value): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

const LONG_WRAP = (x: bigint): bigint => BigInt.asIntN(64, x);

/** sum-aggregation-function doc: nulls are ignored; the sum of nothing is 0. */
function sum(predIndex: number | undefined): Factory {
  return (call) => {
    const t = call.resultType;
    if (t === 'long' || t === 'timespan') {
      return {
        init: () => ({ v: 0n }),
        add: (s, i, args) => {
          if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
          const x = args[0]![i]!;
          if (x !== null) (s as { v: bigint }).v = LONG_WRAP((s as { v: bigint }).v + toBig(x));
          return s;
        },
        addRows: (states, groups, n, args) => {
          const col = args[0]!;
          const rows = valueRows(args, predIndex, n);
          for (let r = 0; r < rows.length; r++) {
            const i = rows[r]!;
            const st = states[groups[i]!] as { v: bigint };
            st.v = LONG_WRAP(st.v + toBig(col[i]!));
          }
        },
        result: (s) => [(s as { v: bigint }).v],
        // addition modulo 2^64 is associative: the wrapped sum is the same in any grouping
        merge: (into, from) => {
          (into as { v: bigint }).v = LONG_WRAP((into as { v: bigint }).v + (from as { v: bigint }).v);
          return into;
        },
      };
    }
    if (t === 'real' || t === 'int') {
      return {
        init: () => ({ v: 0 }),
        add: (s, i, args) => {
          if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
          const x = args[0]![i]!;
          if (x !== null) (s as { v: number }).v += typeof x === 'bigint' ? Number(x) : (x as number);
          return s;
        },
        result: (s) => [t === 'int' ? (s as { v: number }).v | 0 : (s as { v: number }).v],
      };
    }
    throw new UnsupportedError(`${call.name}() of ${t}`, call.span);
  };
}

/** min/max-aggregation-function docs: nulls ignored; no value gives null. */
function extreme(sign: 1 | -1, predIndex: number | undefined): Factory {
  return (call) => {
    const type = call.args[0]!.type;
    if (type === 'dynamic') throw new UnsupportedError(`${call.name}() of dynamic`, call.span);
    const cmp = compareValues(type);
    // ticks compare as bigints, without the comparator's call
    const ticks = type === 'long' || type === 'datetime' || type === 'timespan';
    return {
      init: () => ({ v: null as Value }),
      addRows: (states, groups, n, args) => {
        const col = args[0]!;
        const rows = valueRows(args, predIndex, n, true);
        for (let r = 0; r < rows.length; r++) {
          const i = rows[r]!;
          const x = col[i]!;
          const st = states[groups[i]!] as { v: Value };
          // strictly better only: the first of equal values stays, as in add
          if (st.v === null || (ticks ? (sign === 1 ? (x as bigint) < (st.v as bigint) : (x as bigint) > (st.v as bigint)) : sign * cmp(x, st.v) < 0)) st.v = x;
        }
      },
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const x = args[0]![i]!;
        const st = s as { v: Value };
        if (x === null || (typeof x === 'number' && Number.isNaN(x))) return s;
        if (st.v === null || sign * cmp(x, st.v) < 0) st.v = x;
        return s;
      },
      result: (s) => [(s as { v: Value }).v ?? (call.resultType === 'string' ? '' : null)],
      // `add` keeps the first of equal values; so does this, `into` holding the earlier rows
      merge: (into, from) => {
        const a = into as { v: Value };
        const b = (from as { v: Value }).v;
        if (b !== null && (a.v === null || sign * cmp(b, a.v) < 0)) a.v = b;
        return into;
      },
    };
  };
}

/** avg-aggregation-function doc: mean of the non-null values (real). */
function avg(predIndex: number | undefined): Factory {
  return (call) => {
    if (call.resultType !== 'real') throw new UnsupportedError(`avg() returning ${call.resultType}`, call.span);
    return {
      init: () => ({ sum: 0, n: 0 }),
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const x = args[0]![i]!;
        if (x === null) return s;
        const st = s as { sum: number; n: number };
        st.sum += typeof x === 'bigint' ? Number(x) : (x as number);
        st.n++;
        return s;
      },
      // summarize-operator doc: avg over no rows is NaN.
      result: (s) => {
        const st = s as { sum: number; n: number };
        return [st.n === 0 ? NaN : st.sum / st.n];
      },
    };
  };
}

function isDynArray(v: Value): v is Dyn[] {
  return Array.isArray(v);
}

/**
 * make_list doc: all non-null values in input order; make_list_with_nulls keeps nulls. A merge
 * appends the later rows' list to the earlier one's, up to the limit: the list `add` makes.
 */
function makeList(predIndex: number | undefined, withNulls: boolean): Factory {
  return (call, memory) => {
    const type = call.args[0]!.type;
    const limit = sizeLimit(call, predIndex === undefined ? 1 : 2);
    const push = (list: Dyn[], d: Dyn): void => {
      memory?.charge(SLOT + dynBytes(d, memory.left));
      list.push(d);
    };
    return {
      init: () => [] as Dyn[],
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const list = s as Dyn[];
        const x = args[0]![i]!;
        if ((x === null && !withNulls) || list.length >= limit) return s;
        push(list, toDyn(type, x));
        return s;
      },
      result: (s) => [s as Dyn[]],
      partial: (s) => flattenDyns(s as Dyn[]),
      merge: (into, from) => {
        const list = into as Dyn[];
        if (list.length >= limit) return into;
        for (const d of unflattenDyns(from as FlatDyns)) {
          if (list.length >= limit) break;
          push(list, d);
        }
        return into;
      },
    };
  };
}

interface SetState {
  readonly keys: Set<unknown>;
  readonly list: Dyn[];
}

/**
 * make_set doc: distinct non-null values; a dynamic array's elements are added one by one. The
 * doc leaves the order undefined; ours is first appearance in input order, and a merge keeps it:
 * the later rows' first `limit` distinct values, in their order, are all a set that is not yet
 * full can take from them, and adding them one by one is what `add` did with those rows.
 */
function makeSet(predIndex: number | undefined): Factory {
  return (call, memory) => {
    const type = call.args[0]!.type;
    const limit = sizeLimit(call, predIndex === undefined ? 1 : 2);
    const push = (st: SetState, d: Dyn): void => {
      if (d === null || st.list.length >= limit) return;
      const k = groupKey('dynamic', d);
      if (!st.keys.has(k)) {
        if (memory) memory.charge(SLOT + ENTRY + dynBytes(d, memory.left) + (typeof k === 'string' ? stringBytes(k.length) : 0));
        st.keys.add(k);
        st.list.push(d);
      }
    };
    return {
      init: (): SetState => ({ keys: new Set<unknown>(), list: [] }),
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const st = s as SetState;
        const x = args[0]![i]!;
        if (type === 'dynamic' && isDynArray(x)) for (const d of x) push(st, d);
        else push(st, toDyn(type, x));
        return s;
      },
      result: (s) => [(s as SetState).list],
      // the keys are made again on the merging side: only the values cross
      partial: (s) => flattenDyns((s as SetState).list),
      merge: (into, from) => {
        const st = into as SetState;
        if (st.list.length >= limit) return into;
        for (const d of unflattenDyns(from as FlatDyns)) {
          if (st.list.length >= limit) break;
          push(st, d);
        }
        return into;
      },
    };
  };
}

/**
 * make_bag doc: the union of the property bags; the first value seen for a key is kept; at most
 * maxSize keys. A merge adds the later rows' bag (its keys in first-appearance order, each with
 * its first value) as `add` adds a row's bag: the keys a bag that is not yet full can take from
 * those rows are among that bag's first maxSize keys.
 */
function makeBag(predIndex: number | undefined): Factory {
  return (call, memory) => {
    const limit = sizeLimit(call, predIndex === undefined ? 1 : 2);
    const union = (bag: Map<string, Dyn>, x: Map<string, Dyn>): void => {
      for (const [k, v] of x) {
        if (bag.size >= limit) break;
        if (bag.has(k)) continue;
        memory?.charge(ENTRY + stringBytes(k.length) + dynBytes(v, memory.left));
        bag.set(k, v);
      }
    };
    return {
      init: () => new Map<string, Dyn>(),
      add: (s, i, args) => {
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        const x = args[0]![i]!;
        if (x instanceof Map) union(s as Map<string, Dyn>, x);
        return s;
      },
      result: (s) => [s as Map<string, Dyn>],
      partial: (s) => flattenDyns([s as Map<string, Dyn>]),
      merge: (into, from) => {
        union(into as Map<string, Dyn>, unflattenDyns(from as FlatDyns)[0] as Map<string, Dyn>);
        return into;
      },
    };
  };
}

/** arg_min/arg_max's state as it crosses threads: the best value and the row, flattened together. */
interface ArgPartial {
  readonly found: boolean;
  readonly hasRow: boolean;
  readonly flat: FlatDyns;
}

/**
 * arg_min/arg_max docs: the row with the smallest/largest value of the first argument (rows
 * where it is null are ignored); all outputs come from that row. Ties keep the first row in input
 * order; when every value is null the first row is returned (null-handling doc example). A merge
 * takes the later rows' row only when its value is strictly better (ties keep the earlier row),
 * or when the earlier rows left no row at all: what `add` does over the same rows.
 */
function argExtreme(sign: 1 | -1): Factory {
  return (call, memory) => {
    const type = call.args[0]!.type;
    const cmp = compareValues(type);
    const n = call.outputs.length;
    const defaults = (): Value[] => call.outputs.map((o) => (o.type === 'string' ? '' : null));
    type State = { best: Value; found: boolean; row: Value[] | null; outs: readonly Value[][] | null; i: number };
    // A replay's summarize sees one batch of a few dozen rows: copying the ~60 values of every
    // group's row (arg_min(x, *)) was most of its work, and the row is read once at the end.
    let share = false;
    const copyOf = (outs: readonly Value[][], i: number): Value[] => {
      const row = new Array<Value>(n);
      for (let o = 0; o < n; o++) row[o] = outs[o]![i]!;
      return row;
    };
    const rowBytes = rowMeter(call);
    const keep = (st: State, outs: readonly Value[][], i: number): void => {
      // A group's first row is charged; a later row that replaces it is taken to be of its size.
      if (memory && st.row === null && st.outs === null) memory.charge(rowBytes(outs, i, memory));
      if (share) {
        st.outs = outs;
        st.i = i;
      } else {
        st.row = copyOf(outs, i);
        st.outs = null;
      }
    };
    const hasRow = (st: State): boolean => st.row !== null || st.outs !== null;
    const adopt = (st: State, row: Value[]): void => {
      if (memory && !hasRow(st)) memory.charge(rowValueBytes(call, row, memory));
      st.row = row;
      st.outs = null;
    };
    return {
      init: (): State => ({ best: null, found: false, row: null, outs: null, i: 0 }),
      add: (s, i, args, outs) => {
        const st = s as State;
        const x = args[0]![i]!;
        const isNull = x === null || (typeof x === 'number' && Number.isNaN(x));
        if (isNull) {
          if (!hasRow(st)) keep(st, outs, i);
          return s;
        }
        if (!st.found || sign * cmp(x, st.best) < 0) {
          st.best = x;
          st.found = true;
          keep(st, outs, i);
        }
        return s;
      },
      result: (s) => {
        const st = s as State;
        return st.outs ? copyOf(st.outs, st.i) : (st.row ?? defaults());
      },
      shareRows: () => {
        share = true;
      },
      copyRows: (states) => {
        share = false;
        for (const s of states) {
          const st = s as State;
          if (st.outs) {
            st.row = copyOf(st.outs, st.i);
            st.outs = null;
          }
        }
      },
      partial: (s): ArgPartial => {
        const st = s as State;
        const row = st.outs ? copyOf(st.outs, st.i) : st.row;
        return { found: st.found, hasRow: row !== null, flat: flattenDyns(row === null ? [st.best] : [st.best, ...row]) };
      },
      merge: (into, from) => {
        const st = into as State;
        const p = from as ArgPartial;
        const [best, ...row] = unflattenDyns(p.flat) as Value[];
        if (p.found && (!st.found || sign * cmp(best!, st.best) < 0)) {
          st.best = best!;
          st.found = true;
          adopt(st, row);
        } else if (p.hasRow && !hasRow(st)) adopt(st, row);
        return into;
      },
      resultColumns: (states, count, cols) => {
        const none = defaults();
        // Column by column: each output column is written in order.
        for (let o = 0; o < n; o++) {
          const col = cols[o]!;
          for (let g = 0; g < count; g++) {
            const st = states[g] as State;
            col[g] = st.outs ? st.outs[o]![st.i]! : (st.row ?? none)[o]!;
          }
        }
      },
    };
  };
}

function isEmptyValue(v: Value): boolean {
  return v === null || v === '';
}

/**
 * take_any doc: values from an arbitrary row; with one argument a non-null, non-empty value is
 * preferred. We take the first such row in input order (deterministic); a merge keeps that: the
 * earlier rows' row if it is a preferred one, else the later rows' preferred one, else the first.
 */
function takeAny(predIndex: number | undefined): Factory {
  return (call, memory) => {
    const single = call.outputs.length === 1;
    const rowBytes = rowMeter(call);
    return {
      init: () => ({ row: null as Value[] | null, good: false }),
      add: (s, i, args, outs) => {
        const st = s as { row: Value[] | null; good: boolean };
        if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
        if (st.good) return s;
        if (memory && st.row === null) memory.charge(rowBytes(outs, i, memory));
        const row = outs.map((c) => c[i]!);
        if (st.row === null) st.row = row;
        if (!single || !isEmptyValue(row[0]!)) {
          st.row = row;
          st.good = true;
        }
        return s;
      },
      result: (s) => (s as { row: Value[] | null }).row ?? call.outputs.map((o) => (o.type === 'string' ? '' : null)),
      partial: (s) => {
        const st = s as { row: Value[] | null; good: boolean };
        return { good: st.good, row: st.row === null ? null : flattenDyns(st.row) };
      },
      merge: (into, from) => {
        const st = into as { row: Value[] | null; good: boolean };
        const p = from as { row: FlatDyns | null; good: boolean };
        if (st.good || p.row === null || !(p.good || st.row === null)) return into;
        const row = unflattenDyns(p.row) as Value[];
        if (memory && st.row === null) memory.charge(rowValueBytes(call, row, memory));
        st.row = row;
        st.good = p.good;
        return into;
      },
    };
  };
}

/** Sample (n-1) or population (n) variance; stdev is its square root. */
function variance(population: boolean, root: boolean, predIndex: number | undefined): Factory {
  return () => ({
    init: () => ({ n: 0, mean: 0, m2: 0 }),
    add: (s, i, args) => {
      if (predIndex !== undefined && args[predIndex]![i] !== true) return s;
      const x = args[0]![i]!;
      if (x === null) return s;
      const v = typeof x === 'bigint' ? Number(x) : (x as number);
      const st = s as { n: number; mean: number; m2: number };
      st.n++;
      const d = v - st.mean;
      st.mean += d / st.n;
      st.m2 += d * (v - st.mean);
      return s;
    },
    result: (s) => {
      const st = s as { n: number; m2: number };
      const denom = population ? st.n : st.n - 1;
      const v = st.n === 0 ? 0 : denom <= 0 ? 0 : st.m2 / denom;
      return [root ? Math.sqrt(v) : v];
    },
  });
}

/**
 * percentile/percentiles docs: estimated with T-Digest, which returns an actual input value for
 * small inputs. We return the nearest-rank value of the non-null inputs (exact for small sets),
 * one output column per percentage; documented in docs/kql.md.
 */
const percentiles: Factory = (call, memory) => {
  const type = call.args[0]!.type;
  const pcts = call.args.slice(1).map((p) => {
    if (p.k !== 'lit' || p.value === null) throw new UnsupportedError(`${call.name}() with a non-constant percentage`, call.span);
    const v = Number(p.value);
    if (!(v >= 0 && v <= 100)) throw new RuntimeError(`percentile must be between 0 and 100, got ${v}`, call.span);
    return v;
  });
  const cmp = compareValues(call.args[0]!.type);
  // The value picked is an input value; a column the binder types otherwise (a decimal's
  // percentile is a real) gets it converted, as toreal() would.
  const convert = pcts.map((_, k) => {
    const out = call.outputs[k]?.type ?? call.resultType;
    return out === type ? undefined : converter(type, out);
  });
  return {
    init: () => [] as Value[],
    add: (s, i, args) => {
      const x = args[0]![i]!;
      if (x === null) return s;
      memory?.charge(cellBytes(type, x, memory.left));
      (s as Value[]).push(x);
      return s;
    },
    result: (s) => {
      const vals = (s as Value[]).slice().sort(cmp);
      return pcts.map((p, k) => {
        if (vals.length === 0) return null;
        const v = vals[Math.max(1, Math.ceil((p / 100) * vals.length)) - 1]!;
        return convert[k] ? convert[k](v) : v;
      });
    },
    // the later rows' values after the earlier ones': the very list `add` makes, sorted alike
    partial: (s) => flattenDyns(s as Value[]),
    merge: (into, from) => {
      const vals = into as Value[];
      for (const x of unflattenDyns(from as FlatDyns)) {
        memory?.charge(cellBytes(type, x, memory.left));
        vals.push(x);
      }
      return into;
    },
  };
};

const FACTORIES: Record<string, Factory> = {
  count,
  countif,
  dcount: distinctCount(undefined),
  dcountif: distinctCount(1),
  count_distinct: distinctCount(undefined),
  count_distinctif: distinctCount(1),
  sum: sum(undefined),
  sumif: sum(1),
  min: extreme(1, undefined),
  max: extreme(-1, undefined),
  minif: extreme(1, 1),
  maxif: extreme(-1, 1),
  avg: avg(undefined),
  avgif: avg(1),
  make_list: makeList(undefined, false),
  makelist: makeList(undefined, false),
  make_list_if: makeList(1, false),
  make_list_with_nulls: makeList(undefined, true),
  make_set: makeSet(undefined),
  makeset: makeSet(undefined),
  make_set_if: makeSet(1),
  make_bag: makeBag(undefined),
  make_bag_if: makeBag(1),
  arg_min: argExtreme(1),
  arg_max: argExtreme(-1),
  take_any: takeAny(undefined),
  any: takeAny(undefined),
  take_anyif: takeAny(0),
  anyif: takeAny(0),
  stdev: variance(false, true, undefined),
  stdevif: variance(false, true, 1),
  stdevp: variance(true, true, undefined),
  variance: variance(false, false, undefined),
  varianceif: variance(false, false, 1),
  variancep: variance(true, false, undefined),
  percentile: percentiles,
  percentiles,
};

export function isAggregate(name: string): boolean {
  return name in FACTORIES;
}

export function aggregateNames(): string[] {
  return Object.keys(FACTORIES).sort();
}

/** Whether the aggregate's states merge (partial aggregation: exec/partial.ts). */
export function canMerge(agg: Aggregator): boolean {
  return agg.merge !== undefined || agg.mergeStates !== undefined;
}

/** The aggregate of `call`; states that grow are charged to `memory` (the operator's account). */
export function makeAggregator(call: AggregateCall, memory?: OperatorMemory): Aggregator {
  if (call.name === NTH_KEY) return nthKeyAggregator(call); // internal: top's first read
  const f = FACTORIES[call.name];
  if (!f) throw new UnsupportedError(`the aggregate ${call.name}()`, call.span);
  return f(call, memory);
}

export type { ScalarType };
