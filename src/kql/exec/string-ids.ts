/**
 * Strings to dense ids (0, 1, 2, ... in the order first seen), their characters kept in one byte
 * arena rather than as a JS string each with a Map entry: an IPv4 address costs its ~13
 * characters plus 20 bytes of index here, against ~100 bytes as a Map key with its id in a values
 * array (measured: 410,000 addresses, 40 MB of heap). dcount's dictionary (aggregates.ts) moves
 * here once it is large: the thread that merges a 10-million-record hunt's dcount holds every
 * distinct value of the input.
 *
 * A string whose code units all fit a byte is kept a byte a unit, others two (UTF-16LE), so a
 * value comes back with exactly the code units it went in with, lone surrogates included.
 *
 * The strings come from input data, so the hash is seeded per process, and no lookup walks far:
 * a probe sequence stops at MAX_PROBES slots, and a string that finds no free slot within them
 * goes to an overflow Map (V8's own seeded hash). A lookup thus costs at most MAX_PROBES
 * comparisons plus a Map lookup, however the strings were crafted to collide here.
 */
import { randomBytes } from 'node:crypto';

const SEED = randomBytes(4).readUInt32LE(0) | 0;
const EMPTY = -1;
/** Slots a lookup walks before it asks the overflow Map. */
const MAX_PROBES = 64;
/** `lens` high bit: the string is kept two bytes a code unit. */
const WIDE = 0x80000000;

export class StringIds {
  /** Slot -> id, EMPTY when free; at most half full. */
  private slots: Int32Array;
  private mask: number;
  /** Per id: the hash, the arena offset, the length in code units (| WIDE). */
  private hashes: Int32Array;
  private starts: Uint32Array;
  private lens: Int32Array;
  private arena: Buffer;
  private used = 0;
  private count = 0;
  /** Strings no slot within MAX_PROBES of their home could take. */
  private readonly overflow = new Map<string, number>();

  /** `hashMask`: tests only, keeps those bits of every hash (0: every string collides). */
  constructor(capacity = 1024, private readonly hashMask = -1) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.slots = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    this.hashes = new Int32Array(slots >>> 1);
    this.starts = new Uint32Array(slots >>> 1);
    this.lens = new Int32Array(slots >>> 1);
    this.arena = Buffer.alloc(Math.max(256, capacity * 16));
  }

  /** Distinct strings held. */
  get size(): number {
    return this.count;
  }

  /** Strings in the overflow Map (tests). */
  get overflowed(): number {
    return this.overflow.size;
  }

  /** Bytes this dictionary has allocated (index arrays and arena). */
  get bytes(): number {
    return this.slots.byteLength + this.hashes.byteLength * 3 + this.arena.length;
  }

  /** The id of `s`, given the next id if it is new. */
  idOf(s: string): number {
    const h = hashOf(s) & this.hashMask;
    const slots = this.slots;
    const mask = this.mask;
    let at = h & mask;
    for (let probe = 0; probe < MAX_PROBES; probe++, at = (at + 1) & mask) {
      const id = slots[at]!;
      if (id === EMPTY) {
        const added = this.add(s, h);
        slots[at] = added;
        if (this.count * 2 > mask + 1) this.grow();
        return added;
      }
      if (this.hashes[id] === h && this.holds(id, s)) return id;
    }
    const known = this.overflow.get(s);
    if (known !== undefined) return known;
    const added = this.add(s, h);
    this.overflow.set(s, added);
    if (this.count * 2 > mask + 1) this.grow();
    return added;
  }

  /** The string of `id`. */
  value(id: number): string {
    const start = this.starts[id]!;
    const len = this.lens[id]!;
    return (len & WIDE) === 0 ? this.arena.toString('latin1', start, start + len) : this.arena.toString('utf16le', start, start + 2 * (len & ~WIDE));
  }

  /** Whether id's characters are those of `s`. */
  private holds(id: number, s: string): boolean {
    const len = this.lens[id]!;
    const a = this.arena;
    let p = this.starts[id]!;
    if ((len & WIDE) === 0) {
      if (len !== s.length) return false;
      for (let i = 0; i < len; i++, p++) if (a[p] !== s.charCodeAt(i)) return false;
      return true;
    }
    if ((len & ~WIDE) !== s.length) return false;
    for (let i = 0; i < s.length; i++, p += 2) if ((a[p]! | (a[p + 1]! << 8)) !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Appends `s` to the arena under the next id. */
  private add(s: string, h: number): number {
    let wide = false;
    for (let i = 0; i < s.length; i++) {
      if (s.charCodeAt(i) > 0xff) {
        wide = true;
        break;
      }
    }
    const need = wide ? 2 * s.length : s.length;
    if (this.used + need > this.arena.length) {
      let size = this.arena.length * 2;
      while (size < this.used + need) size *= 2;
      const bigger = Buffer.alloc(size);
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    const id = this.count++;
    if (id === this.hashes.length) this.growIds();
    this.hashes[id] = h;
    this.starts[id] = this.used;
    this.lens[id] = wide ? (s.length | WIDE) : s.length;
    this.used += this.arena.write(s, this.used, need, wide ? 'utf16le' : 'latin1');
    return id;
  }

  private growIds(): void {
    const n = this.hashes.length * 2;
    const hashes = new Int32Array(n);
    const starts = new Uint32Array(n);
    const lens = new Int32Array(n);
    hashes.set(this.hashes);
    starts.set(this.starts);
    lens.set(this.lens);
    this.hashes = hashes;
    this.starts = starts;
    this.lens = lens;
  }

  /** Doubles the slots and places every id again, the overflow's too where they now fit. */
  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    const place = (id: number): boolean => {
      let at = this.hashes[id]! & mask;
      for (let probe = 0; probe < MAX_PROBES; probe++, at = (at + 1) & mask) {
        if (slots[at] === EMPTY) {
          slots[at] = id;
          return true;
        }
      }
      return false;
    };
    const old = this.slots;
    for (let at = 0; at < old.length; at++) {
      const id = old[at]!;
      // a string that overflows in the larger table stays reachable: it goes to the overflow Map
      if (id !== EMPTY && !place(id)) this.overflow.set(this.value(id), id);
    }
    for (const [s, id] of this.overflow) if (place(id)) this.overflow.delete(s);
    this.slots = slots;
    this.mask = mask;
  }
}

/** A seeded 32-bit hash of the string's UTF-16 code units (murmur3's mixing steps). */
function hashOf(s: string): number {
  let h = SEED ^ s.length;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    h ^= k;
    h = (Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
