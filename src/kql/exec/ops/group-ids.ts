/**
 * Dense group ids, in first-appearance order, for the key tuples of summarize and distinct.
 * Several key columns: each value gets a small id per column (one Map lookup, no text built),
 * then the tuple of ids is found in an open-addressing table over Int32Arrays. Equality is
 * groupKey's (values/compare.ts): null equals null, NaN equals NaN, -0 equals 0, longs and
 * ticks by value, decimals and dynamics by their key text.
 */
import type { ScalarType, Value } from '../../types.ts';
import { groupKey } from '../../values/compare.ts';
import { tupleKey } from './group-keys.ts';
import { int32s } from '../vector/small-arrays.ts';

export interface Grouper {
  /** Number of groups so far. */
  readonly size: number;
  /** The group of each of the first n rows; a new tuple gets the next id. */
  ids(cols: readonly Value[][], n: number): Int32Array;
}

export function grouper(types: readonly ScalarType[]): Grouper {
  if (types.length === 0) return new SingleGrouper();
  return types.length >= 2 ? new TupleGrouper(types) : new MapGrouper(types);
}

/** No key columns (`count`, a summarize without `by`): every row is in group 0. */
class SingleGrouper implements Grouper {
  size = 0;

  ids(_cols: readonly Value[][], n: number): Int32Array {
    if (n > 0) this.size = 1;
    return int32s(n);
  }
}

/** One key column (or none): one Map from the key to its group. */
class MapGrouper implements Grouper {
  private readonly groups = new Map<unknown, number>();
  constructor(private readonly types: readonly ScalarType[]) {}

  get size(): number {
    return this.groups.size;
  }

  ids(cols: readonly Value[][], n: number): Int32Array {
    // One column's values are Map keys themselves unless they need key text (decimal, dynamic).
    const single = this.types.length === 1 && !mapKeyFn(this.types[0]!) ? cols[0]! : undefined;
    const key = single ? (i: number) => single[i] : tupleKey(this.types, cols);
    const out = int32s(n);
    const groups = this.groups;
    for (let i = 0; i < n; i++) {
      const k = key(i);
      let g = groups.get(k);
      if (g === undefined) {
        g = groups.size;
        groups.set(k, g);
      }
      out[i] = g;
    }
    return out;
  }
}

/** A value as a Map key with groupKey's equality; Map's SameValueZero already gives it for these types. */
function mapKeyFn(type: ScalarType): ((v: Value) => unknown) | undefined {
  switch (type) {
    case 'decimal':
    case 'dynamic':
      return (v) => groupKey(type, v);
    default:
      // bool, int, real, string, guid: the value; long, datetime, timespan: the bigint (by value).
      return undefined;
  }
}

const SEED = 0x811c9dc5;
const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193);
function finish(h: number): number {
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 12);
}

class TupleGrouper implements Grouper {
  private readonly dicts: Map<unknown, number>[];
  private readonly keyFns: (((v: Value) => unknown) | undefined)[];
  private readonly width: number;
  /**
   * Group id + 1 per slot, 0 when free. Both arrays start small and double: a replay groups a few
   * dozen rows per run, and 1,024-slot arrays were most of a summarize's allocation.
   */
  private slots = int32s(32);
  /** The column ids of group g at [g * width, (g + 1) * width). */
  private tuples = int32s(32);
  private count = 0;

  constructor(types: readonly ScalarType[]) {
    this.width = types.length;
    this.dicts = types.map(() => new Map<unknown, number>());
    this.keyFns = types.map(mapKeyFn);
  }

  get size(): number {
    return this.count;
  }

  ids(cols: readonly Value[][], n: number): Int32Array {
    const w = this.width;
    const colIds = cols.map((c, j) => this.columnIds(j, c, n));
    const out = int32s(n);
    for (let i = 0; i < n; i++) {
      let h = SEED;
      for (let j = 0; j < w; j++) h = mix(h, colIds[j]![i]!);
      out[i] = this.find(finish(h), colIds, i);
    }
    return out;
  }

  private columnIds(j: number, col: Value[], n: number): Int32Array {
    const dict = this.dicts[j]!;
    const keyFn = this.keyFns[j];
    const out = int32s(n);
    for (let i = 0; i < n; i++) {
      const k = keyFn ? keyFn(col[i]!) : col[i];
      let id = dict.get(k);
      if (id === undefined) {
        id = dict.size;
        dict.set(k, id);
      }
      out[i] = id;
    }
    return out;
  }

  private find(h: number, colIds: readonly Int32Array[], i: number): number {
    const w = this.width;
    const mask = this.slots.length - 1;
    let p = h & mask;
    for (;;) {
      const s = this.slots[p]!;
      if (s === 0) break;
      const base = (s - 1) * w;
      let j = 0;
      while (j < w && this.tuples[base + j] === colIds[j]![i]) j++;
      if (j === w) return s - 1;
      p = (p + 1) & mask;
    }
    const g = this.count++;
    if ((g + 1) * w > this.tuples.length) {
      const t = int32s(Math.max(this.tuples.length * 2, (g + 1) * w));
      t.set(this.tuples);
      this.tuples = t;
    }
    for (let j = 0; j < w; j++) this.tuples[g * w + j] = colIds[j]![i]!;
    this.slots[p] = g + 1;
    // Kept at most half full so that probe runs stay short.
    if (this.count * 2 > this.slots.length) this.rehash();
    return g;
  }

  private rehash(): void {
    const w = this.width;
    const slots = int32s(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let g = 0; g < this.count; g++) {
      let h = SEED;
      for (let j = 0; j < w; j++) h = mix(h, this.tuples[g * w + j]!);
      let p = finish(h) & mask;
      while (slots[p] !== 0) p = (p + 1) & mask;
      slots[p] = g + 1;
    }
    this.slots = slots;
  }
}
