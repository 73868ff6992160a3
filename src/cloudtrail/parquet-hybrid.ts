/**
 * The RLE/bit-packed hybrid (parquet.apache.org/docs/file-format/data-pages/encodings, "Run Length
 * Encoding / Bit-Packing Hybrid") read lazily, run by run: a cursor over a page's `n` values that
 * skips a run of repeated values in O(1) and a bit-packed run by arithmetic, counts the values
 * equal to one level without writing them anywhere, and decodes one value only when asked. The
 * sparse decoder (parquet-sparse.ts) reads a few kept rows out of pages of 100,000s this way,
 * where expanding every level and dictionary index into an array cost most of a Parquet read.
 *
 * It reads exactly what readHybrid (parquet-pages.ts) reads: a run past the page's values is cut,
 * the padding of a last bit-packed group is not read, data that ends before the values it must
 * hold is an error once a value past its end is needed. Every value the cursor looks at (next,
 * count, seek) is checked against `max`; values it skips unseen are not (their rows are not read).
 */
import { ParquetLimitError } from './parquet-thrift.ts';

export class HybridCursor {
  /** the next run header */
  private at: number;
  /** values left in the current run (cut to the page's values) */
  private left = 0;
  private rle = true;
  /** an RLE run's value */
  private runValue = 0;
  /** a bit-packed run: the bit (from bytes[0]) of its next value */
  private bit = 0;
  /** values consumed */
  private taken = 0;
  private readonly mask: number;

  constructor(
    private readonly bytes: Uint8Array,
    at: number,
    private readonly end: number,
    private readonly width: number,
    /** the values the data holds */
    readonly n: number,
    /** the largest valid value */
    private readonly max: number,
    private readonly where: string,
    /** the message for a value over `max` */
    private readonly tooLarge: (v: number) => string,
  ) {
    if (width > 32) throw new ParquetLimitError(`${where}: bit width ${width} is over 32`);
    this.at = at;
    this.mask = width >= 31 ? 2 ** width - 1 : (1 << width) - 1;
  }

  /** Values not yet consumed. */
  get remaining(): number {
    return this.n - this.taken;
  }

  private load(): void {
    if (this.taken >= this.n) throw new ParquetLimitError(`${this.where}: more than the page's ${this.n} values asked for`);
    const bytes = this.bytes;
    const end = this.end;
    let at = this.at;
    // the run header, a ULEB128 of at most 32 bits
    let header = 0;
    let scale = 1;
    for (;;) {
      if (at >= end) throw new ParquetLimitError(`${this.where}: run-length data ends after ${this.taken} of ${this.n} values`);
      const b = bytes[at++]!;
      header += (b & 0x7f) * scale;
      if (!(b & 0x80)) break;
      scale *= 128;
      if (scale > 2 ** 28) throw new ParquetLimitError(`${this.where}: run-length header over 32 bits`);
    }
    const want = this.n - this.taken;
    if (header % 2 === 0) {
      const byteWidth = (this.width + 7) >> 3;
      if (at + byteWidth > end) throw new ParquetLimitError(`${this.where}: run-length data ends in a run's value`);
      let v = 0;
      for (let k = 0; k < byteWidth; k++) v += bytes[at + k]! * 2 ** (8 * k);
      if (v > this.mask) throw new ParquetLimitError(`${this.where}: a run's value ${v} is wider than ${this.width} bits`);
      this.rle = true;
      this.runValue = v;
      this.left = Math.min(header / 2, want);
      this.at = at + byteWidth;
    } else {
      const take = Math.min(((header - 1) / 2) * 8, want);
      // the bytes of the groups read (a longer run, as a longer RLE run, is cut)
      const bytesNeeded = Math.ceil(take / 8) * this.width;
      if (bytesNeeded > end - at) throw new ParquetLimitError(`${this.where}: a bit-packed run of ${bytesNeeded} bytes runs past the data`);
      this.rle = false;
      this.bit = at * 8;
      this.left = take;
      this.at = at + bytesNeeded;
    }
  }

  /** The bit-packed value at bit `bit` of the data. */
  private bits(bit: number): number {
    const width = this.width;
    if (width === 0) return 0;
    const bytes = this.bytes;
    const b = bit >>> 3;
    const s = bit & 7;
    if (width <= 24) {
      // past the array reads as 0 (undefined | 0): those bits are masked off
      return (((bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24)) >>> s) & this.mask) >>> 0;
    }
    let v = 0;
    for (let k = 0; k < 5; k++) v += (bytes[b + k] ?? 0) * 2 ** (8 * k);
    return Math.floor(v / 2 ** s) % 2 ** width;
  }

  private check(v: number): number {
    if (v > this.max) throw new ParquetLimitError(`${this.where}: ${this.tooLarge(v)}`);
    return v;
  }

  /** Values left in the current run (the next run loaded when none are); runConstant() says which kind it is. */
  runLeft(): number {
    if (this.left === 0) this.load();
    return this.left;
  }

  /** The current run's one value (checked), or -1 when the run is bit-packed. */
  runConstant(): number {
    return this.rle ? this.check(this.runValue) : -1;
  }

  /** out[from + i] += (value i + 1) * mult for the next `k` values, consumed. */
  addTo(out: Float64Array, from: number, k: number, mult: number): void {
    if (k > this.n - this.taken) throw new ParquetLimitError(`${this.where}: ${k} values read where ${this.n - this.taken} remain`);
    let o = from;
    while (k > 0) {
      if (this.left === 0) this.load();
      const t = Math.min(k, this.left);
      if (this.rle) {
        const part = (this.check(this.runValue) + 1) * mult;
        for (let i = o; i < o + t; i++) out[i]! += part;
      } else {
        const width = this.width;
        let bit = this.bit;
        if (width > 0 && width <= 24) {
          const bytes = this.bytes;
          const mask = this.mask;
          const max = this.max;
          for (let i = o; i < o + t; i++) {
            const b = bit >>> 3;
            // past the array reads as 0 (undefined | 0): those bits are masked off
            const x = (((bytes[b]! | (bytes[b + 1]! << 8) | (bytes[b + 2]! << 16) | (bytes[b + 3]! << 24)) >>> (bit & 7)) & mask) >>> 0;
            if (x > max) this.check(x);
            out[i]! += (x + 1) * mult;
            bit += width;
          }
        } else {
          for (let i = o; i < o + t; i++) {
            out[i]! += (this.check(this.bits(bit)) + 1) * mult;
            bit += width;
          }
        }
        this.bit = bit;
      }
      o += t;
      this.left -= t;
      this.taken += t;
      k -= t;
    }
  }

  /** The next `k` values (each at most 255: levels) into out[0..k), consumed. */
  levelsInto(out: Uint8Array, k: number): void {
    if (k > this.n - this.taken) throw new ParquetLimitError(`${this.where}: ${k} values read where ${this.n - this.taken} remain`);
    let o = 0;
    while (k > 0) {
      if (this.left === 0) this.load();
      const t = Math.min(k, this.left);
      if (this.rle) out.fill(this.check(this.runValue), o, o + t);
      else if (this.width > 8) throw new ParquetLimitError(`${this.where}: levels of ${this.width} bits`);
      else {
        const width = this.width;
        const bytes = this.bytes;
        const mask = this.mask;
        const max = this.max;
        let bit = this.bit;
        for (let i = o; i < o + t; i++) {
          const b = bit >>> 3;
          const x = width === 0 ? 0 : ((bytes[b]! | (bytes[b + 1]! << 8)) >>> (bit & 7)) & mask;
          if (x > max) this.check(x);
          out[i] = x;
          bit += width;
        }
        this.bit = bit;
      }
      o += t;
      this.left -= t;
      this.taken += t;
      k -= t;
    }
  }

  /** Skips `k` values without looking at them. */
  skip(k: number): void {
    if (k > this.n - this.taken) throw new ParquetLimitError(`${this.where}: ${k} values skipped where ${this.n - this.taken} remain`);
    while (k > 0) {
      if (this.left === 0) this.load();
      const t = Math.min(k, this.left);
      if (!this.rle) this.bit += t * this.width;
      this.left -= t;
      this.taken += t;
      k -= t;
    }
  }

  /** The next value, consumed. */
  next(): number {
    if (this.left === 0) this.load();
    let v: number;
    if (this.rle) v = this.runValue;
    else {
      v = this.bits(this.bit);
      this.bit += this.width;
    }
    this.left--;
    this.taken++;
    return this.check(v);
  }

  /** The next value, not consumed. */
  peek(): number {
    if (this.left === 0) this.load();
    return this.check(this.rle ? this.runValue : this.bits(this.bit));
  }

  /** How many of the next `k` values equal `v`; consumes them. */
  count(v: number, k: number): number {
    if (k > this.n - this.taken) throw new ParquetLimitError(`${this.where}: ${k} values read where ${this.n - this.taken} remain`);
    let c = 0;
    while (k > 0) {
      if (this.left === 0) this.load();
      const t = Math.min(k, this.left);
      if (this.rle) {
        if (this.check(this.runValue) === v) c += t;
      } else c += this.countPacked(v, t);
      this.left -= t;
      this.taken += t;
      k -= t;
    }
    return c;
  }

  /** countPacked's loop, apart: the hot loop of a sparse read. */
  private countPacked(v: number, t: number): number {
    const width = this.width;
    let bit = this.bit;
    let c = 0;
    if (width === 0) {
      c = this.check(0) === v ? t : 0;
    } else if (width <= 8) {
      const bytes = this.bytes;
      const mask = this.mask;
      const max = this.max;
      let i = 0;
      // levels of 1, 2 or 4 bits: a whole byte of values at a time once aligned (a run starts so)
      const table = 8 % width === 0 && width < 8 ? byteTable(width, v) : null;
      const per = 8 / width;
      for (;;) {
        if (table && (bit & 7) === 0) {
          for (; t - i >= per; i += per, bit += 8) {
            const byte = bytes[bit >>> 3]!;
            if (table.top[byte]! > max) this.check(table.top[byte]!);
            c += table.count[byte]!;
          }
        }
        if (i >= t) break;
        const b = bit >>> 3;
        const x = ((bytes[b]! | (bytes[b + 1]! << 8)) >>> (bit & 7)) & mask;
        if (x > max) this.check(x);
        if (x === v) c++;
        bit += width;
        i++;
      }
    } else {
      for (let i = 0; i < t; i++) {
        if (this.check(this.bits(bit)) === v) c++;
        bit += width;
      }
    }
    this.bit += t * width;
    return c;
  }

  /** values seekPacked consumed when it ran out of its run */
  private consumedBySeek = 0;

  /**
   * seek within the current bit-packed run: the values consumed before the `m`-th `v`, or, when
   * the run ends first, -1 - (the occurrences passed), the run consumed (consumedBySeek).
   */
  private seekPacked(v: number, m: number): number {
    const width = this.width;
    const start = this.left;
    let left = start;
    let bit = this.bit;
    let passed = 0;
    if (width > 0 && width <= 8) {
      const bytes = this.bytes;
      const mask = this.mask;
      const max = this.max;
      // levels of 1, 2 or 4 bits: bytes without the one sought passed whole (a run starts aligned)
      const table = 8 % width === 0 && width < 8 ? byteTable(width, v) : null;
      const per = 8 / width;
      if (table && (bit & 7) === 0) {
        for (; left >= per; left -= per, bit += 8) {
          const byte = bytes[bit >>> 3]!;
          if (table.top[byte]! > max) this.check(table.top[byte]!);
          const here = table.count[byte]!;
          if (passed + here >= m) break;
          passed += here;
        }
      }
      while (left > 0) {
        const b = bit >>> 3;
        const x = ((bytes[b]! | (bytes[b + 1]! << 8)) >>> (bit & 7)) & mask;
        if (x > max) this.check(x);
        if (x === v && ++passed === m) break;
        bit += width;
        left--;
      }
    } else {
      while (left > 0) {
        if (this.check(this.bits(bit)) === v && ++passed === m) break;
        bit += width;
        left--;
      }
    }
    const consumed = start - left;
    this.bit = bit;
    this.left = left;
    this.taken += consumed;
    if (left > 0) return consumed;
    this.consumedBySeek = consumed;
    return -1 - passed;
  }

  /**
   * Consumes values up to (not including) the `m`-th next value equal to `v` (m >= 1) and returns
   * how many it consumed; when fewer than `m` remain, consumes them all and returns -1 - (the
   * occurrences it passed).
   */
  seek(v: number, m: number): number {
    let skipped = 0;
    let passed = 0;
    for (;;) {
      if (this.taken >= this.n) return -1 - passed;
      if (this.left === 0) this.load();
      if (this.rle) {
        if (this.check(this.runValue) === v) {
          const need = m - passed;
          if (this.left >= need) {
            // the one sought is in this run, need - 1 values on
            this.left -= need - 1;
            this.taken += need - 1;
            return skipped + need - 1;
          }
          passed += this.left;
        }
        skipped += this.left;
        this.taken += this.left;
        this.left = 0;
      } else {
        const found = this.seekPacked(v, m - passed);
        if (found >= 0) return skipped + found;
        passed += -1 - found;
        skipped += this.consumedBySeek;
      }
    }
  }
}

/** For a width of 1, 2 or 4 bits: per byte, how many of its values equal `v`, and its largest value. */
function byteTable(width: number, v: number): { readonly count: Uint8Array; readonly top: Uint8Array } {
  const key = width * 256 + v;
  let t = TABLES.get(key);
  if (!t) {
    const count = new Uint8Array(256);
    const top = new Uint8Array(256);
    const mask = (1 << width) - 1;
    for (let byte = 0; byte < 256; byte++) {
      for (let s = 0; s < 8; s += width) {
        const x = (byte >> s) & mask;
        if (x === v) count[byte]!++;
        if (x > top[byte]!) top[byte] = x;
      }
    }
    TABLES.set(key, (t = { count, top }));
  }
  return t;
}

const TABLES = new Map<number, { readonly count: Uint8Array; readonly top: Uint8Array }>();
