/**
 * A set of (group, id) pairs of non-negative int32s: the distinct values of every group of a
 * distinct count (aggregates.ts), one open-addressing table of typed arrays for all groups instead
 * of a Set per group. A Set entry costs ~30 bytes with its share of the table, and a large group's
 * Set is reallocated in V8's large-object space each time it doubles (the old one stays until the
 * next full GC); here a pair is 8 bytes in a table at most half full (3/4 once large, DENSE_FROM).
 *
 * The pairs come from input data (which values appear in which group), so the hash is seeded per
 * process: a crafted pattern of groups and values cannot pile pairs onto one probe sequence.
 */
import { randomBytes } from 'node:crypto';

const SEED = randomBytes(4).readUInt32LE(0) | 0;
const EMPTY = -1;
/**
 * From this many slots on, the table fills to 3/4 before it doubles, not 1/2: the merging thread's
 * table of a 10M-record top-calls (578,000 pairs) then takes 8 MB, not 16 MB, and its last doubling
 * holds 12 MB at once, not 24 MB. Small tables, a worker's per-block ones, keep the shorter probes.
 */
const DENSE_FROM = 1 << 17;

export class PairSet {
  /** group, id interleaved; group EMPTY marks a free slot. */
  private table: Int32Array;
  private mask: number;
  private used = 0;
  /** Pairs held before the table doubles. */
  private limit: number;

  constructor(capacity = 8) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.table = new Int32Array(slots * 2).fill(EMPTY);
    this.mask = slots - 1;
    this.limit = limitOf(slots);
  }

  /** Pairs in the set. */
  get size(): number {
    return this.used;
  }

  /** Adds (group, id); whether it was new. */
  add(group: number, id: number): boolean {
    if (this.used >= this.limit) this.grow();
    const t = this.table;
    const mask = this.mask;
    for (let s = slotOf(group, id) & mask; ; s = (s + 1) & mask) {
      const at = s * 2;
      const g = t[at]!;
      if (g === EMPTY) {
        t[at] = group;
        t[at + 1] = id;
        this.used++;
        return true;
      }
      if (g === group && t[at + 1] === id) return false;
    }
  }

  /** Calls f(group, id) for every pair, in no particular order. */
  forEach(f: (group: number, id: number) => void): void {
    const t = this.table;
    for (let at = 0; at < t.length; at += 2) if (t[at]! !== EMPTY) f(t[at]!, t[at + 1]!);
  }

  private grow(): void {
    const old = this.table;
    const slots = (this.mask + 1) * 2;
    const t = (this.table = new Int32Array(slots * 2).fill(EMPTY));
    const mask = (this.mask = slots - 1);
    this.limit = limitOf(slots);
    for (let from = 0; from < old.length; from += 2) {
      const group = old[from]!;
      if (group === EMPTY) continue;
      const id = old[from + 1]!;
      let s = slotOf(group, id) & mask;
      while (t[s * 2] !== EMPTY) s = (s + 1) & mask;
      t[s * 2] = group;
      t[s * 2 + 1] = id;
    }
  }
}

function limitOf(slots: number): number {
  return slots >= DENSE_FROM ? (slots >>> 2) * 3 : slots >>> 1;
}

function slotOf(group: number, id: number): number {
  let h = Math.imul(SEED ^ group, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 15) ^ id, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
