/**
 * Stable argsort of unsigned 64-bit keys (given as high and low 32-bit words) by LSD radix sort,
 * one byte per pass. LSD radix sort is stable by construction (ties keep input order, as sort's
 * contract here requires) and does no comparisons: on 1M real keys it is several times faster
 * than a comparison merge sort, whose random reads of keys[rows[i]] dominate.
 */
const BITS = 8;
const BUCKETS = 1 << BITS;
const MASK = BUCKETS - 1;
// Word order inside a 64-bit element of a typed array follows the platform's byte order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

/** Returns `rows` reordered so that (hi[k], lo[k]) ascend; hi, lo and rows are parallel and are clobbered. */
export function radixArgsort(hi: Uint32Array, lo: Uint32Array, rows: Uint32Array): Uint32Array {
  const n = rows.length;
  if (n < 2) return rows;
  // One read of the keys gives the counts of every pass; a pass whose byte is the same for all keys is skipped.
  const counts = new Uint32Array(8 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const l = lo[i]!;
    const h = hi[i]!;
    counts[l & MASK]!++;
    counts[BUCKETS + ((l >>> 8) & MASK)]!++;
    counts[2 * BUCKETS + ((l >>> 16) & MASK)]!++;
    counts[3 * BUCKETS + (l >>> 24)]!++;
    counts[4 * BUCKETS + (h & MASK)]!++;
    counts[5 * BUCKETS + ((h >>> 8) & MASK)]!++;
    counts[6 * BUCKETS + ((h >>> 16) & MASK)]!++;
    counts[7 * BUCKETS + (h >>> 24)]!++;
  }
  let rowsA: Uint32Array = rows;
  let rowsB: Uint32Array = new Uint32Array(n);
  let hiA: Uint32Array = hi;
  let hiB: Uint32Array = new Uint32Array(n);
  let loA: Uint32Array = lo;
  let loB: Uint32Array = new Uint32Array(n);
  const offsets = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 8; pass++) {
    const base = pass * BUCKETS;
    let trivial = false;
    let sum = 0;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d]!;
      if (c === n) trivial = true;
      offsets[d] = sum;
      sum += c;
    }
    if (trivial) continue;
    const shift = (pass & 3) * BITS;
    if (pass < 4) {
      // The low word is still needed by the later low-word passes; the high word always is.
      const moveLo = pass < 3;
      for (let i = 0; i < n; i++) {
        const l = loA[i]!;
        const o = offsets[(l >>> shift) & MASK]!++;
        rowsB[o] = rowsA[i]!;
        hiB[o] = hiA[i]!;
        if (moveLo) loB[o] = l;
      }
      if (moveLo) {
        const t = loA;
        loA = loB;
        loB = t;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const h = hiA[i]!;
        const o = offsets[(h >>> shift) & MASK]!++;
        rowsB[o] = rowsA[i]!;
        hiB[o] = h;
      }
    }
    let t = rowsA;
    rowsA = rowsB;
    rowsB = t;
    t = hiA;
    hiA = hiB;
    hiB = t;
  }
  return rowsA;
}

/**
 * Key words of doubles whose unsigned order is the numeric order (NaN excluded by the caller):
 * negative numbers get every bit flipped, others the sign bit set; -0 is first made +0 so that
 * it ties with 0. `descending` complements the words, which reverses the order and keeps ties.
 */
export function doubleKeyWords(values: Float64Array, descending: boolean): { hi: Uint32Array; lo: Uint32Array } {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const flip = descending ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    values[i] = values[i]! + 0;
    const l = words[2 * i + LO]!;
    const h = words[2 * i + HI]!;
    if (h & 0x80000000) {
      hi[i] = ~h ^ flip;
      lo[i] = ~l ^ flip;
    } else {
      hi[i] = (h | 0x80000000) ^ flip;
      lo[i] = l ^ flip;
    }
  }
  return { hi, lo };
}

/** Key words of signed 64-bit integers (long, datetime and timespan ticks) in unsigned order. */
export function int64KeyWords(values: BigInt64Array, descending: boolean): { hi: Uint32Array; lo: Uint32Array } {
  const n = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  const flip = descending ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    hi[i] = (words[2 * i + HI]! ^ 0x80000000) ^ flip;
    lo[i] = words[2 * i + LO]! ^ flip;
  }
  return { hi, lo };
}
