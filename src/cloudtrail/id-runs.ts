/**
 * The part of an id set (id-set.ts) that no longer fits its memory budget: sorted run files in a
 * private temporary folder, each with a sparse in-memory index and a Bloom filter, so a lookup
 * costs a few bit tests per run and, when a filter says "maybe", one block read (page-cached).
 *
 * A run is a file of records sorted by the id's 32-bit hash (seeded per process, id-set.ts):
 *   hash u32 | value i32 | length u32 (bit 31: the key is a UUID's four words) | key bytes
 * Keys are a UUID's four int32 words (16 bytes) or any other id as UTF-16 code units (lossless,
 * lone surrogates included). A value is the number stored (>= 0); an id may be in several runs
 * when set() replaced its value after a spill: the newest run's record wins (lookups go newest
 * run first).
 * Records are grouped into blocks of about BLOCK bytes; the index keeps each block's first hash.
 *
 * Runs are merged (streaming, four sorted files into one) only past MAX_RUNS runs: a lookup asks the
 * filter of all runs first, so more runs cost a new id nothing, while each merge rewrites every id
 * it takes (tiered merging at four runs of one size cost a 10M-record hunt ~6 s of CPU rewriting
 * ids it never needed to). A merge keeps each id's newest record only.
 * The folder is removed by close(), when its owner is garbage collected, and at process exit.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HEADER = 12;
const UUID_FLAG = 0x80000000;
const UUID_KEY = 16;
/** Bytes per block: one read per lookup that passes a Bloom filter. */
const BLOCK = 4096;
/** Bytes a merge or a spill writes or reads at a time. */
const IO = 1 << 18;
/** Runs merged at a time. */
const TIER = 4;
/** Runs kept before any merge: 64 spills of the default budget are ~33M ids. */
const MAX_RUNS = 64;
const BLOOM_BITS_PER_ID = 10;
const BLOOM_PROBES = 7;
/** The filter of all runs is built for this many times the ids on disk (RunStore.all). */
const FILTER_GROWTH = 2;

/** An id to look up: a UUID's words, or else the string itself. */
export interface Key {
  hash: number;
  /** The UUID's four words; null for any other id. */
  words: Int32Array | null;
  text: string;
}

/** The temporary folder could not be used (a full disk, no permission): the user's to fix, one line, exit 2. */
export class IdSpillError extends Error {
  override name = 'UsageError';
}

function spillError(where: string, e: unknown): IdSpillError {
  if (e instanceof IdSpillError) return e;
  const err = e as NodeJS.ErrnoException;
  return new IdSpillError(
    `the duplicate filter cannot use its temporary folder ${where} (${err.code ?? 'error'}: ${err.message}); ` +
      'free space there, set TMPDIR to another folder, or use --keep-duplicates',
  );
}

const liveFolders = new Set<string>();
let exitHook = false;
function removeFolder(dir: string): void {
  liveFolders.delete(dir);
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    // the OS's temp cleaning takes what is left
  }
}

/** A second hash of the id's hash: where in its block a Bloom filter sets its bits. */
function bloomMix(h: number): number {
  let x = Math.imul(h ^ 0x5bd1e995, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * The block of a Bloom filter of `blocks` blocks that a 32-bit hash falls in: its rank among all
 * hashes, so ascending hashes take ascending blocks. (h >>> 6) < 2^26 times blocks < 2^27 stays
 * below 2^53, so the product is exact and the block below `blocks`; past 2^27 blocks (billions of
 * ids) the rounding error is still smaller than the margin blocks / 2^26 >= 2.
 */
export function bloomBlock(h: number, blocks: number): number {
  return Math.floor(((h >>> 6) * blocks) / 67108864);
}

/**
 * A blocked Bloom filter: all of an id's bits fall in one 512-bit block (one cache line, where a
 * plain filter costs a cache miss per bit: most lookups of a scan are misses over every run).
 * ~10 bits an id and 7 bits set: about 1 % false positives, each one block read of a run file.
 * An id's block is its hash's rank among all hashes (the top bits, scaled to the block count), not
 * the hash modulo the count: runs are written and read in hash order, so filling a filter then walks
 * it front to back instead of one cache miss per id (at 10M ids, ~2 s of the consuming thread's CPU).
 */
class Bloom {
  private readonly bits: Uint32Array;
  private readonly blocks: number;
  constructor(ids: number) {
    this.blocks = Math.max(1, Math.ceil((ids * BLOOM_BITS_PER_ID) / 512));
    this.bits = new Uint32Array(this.blocks * 16);
  }
  private base(h: number): number {
    return bloomBlock(h, this.blocks) * 16;
  }
  add(h: number): void {
    const base = this.base(h);
    const g = bloomMix(h);
    const step = (g >>> 9) | 1;
    for (let i = 0; i < BLOOM_PROBES; i++) {
      const b = (g + i * step) & 511;
      this.bits[base + (b >>> 5)]! |= 1 << (b & 31);
    }
  }
  /** A word of h's block (touch(): its cache line is then on its way). */
  word(h: number): number {
    return this.bits[this.base(h)]!;
  }
  has(h: number): boolean {
    const base = this.base(h);
    const g = bloomMix(h);
    const step = (g >>> 9) | 1;
    for (let i = 0; i < BLOOM_PROBES; i++) {
      const b = (g + i * step) & 511;
      if ((this.bits[base + (b >>> 5)]! & (1 << (b & 31))) === 0) return false;
    }
    return true;
  }
}

/** One sorted run file, open for reading. */
class Run {
  constructor(
    readonly path: string,
    readonly fd: number,
    /** Records. */
    readonly count: number,
    readonly bytes: number,
    /** Each block's first hash, and its offset (one more offset: the file's end). */
    readonly firstHash: Uint32Array,
    readonly offsets: Float64Array,
    readonly bloom: Bloom,
  ) {}
}

/** Does the record at `at` hold `key`? */
function sameKey(buf: Buffer, at: number, key: Key): boolean {
  const len = buf.readUInt32LE(at + 8);
  const k = at + HEADER;
  if (key.words !== null) {
    const w = key.words;
    return len === (UUID_FLAG | UUID_KEY) >>> 0 && buf.readInt32LE(k) === w[0] && buf.readInt32LE(k + 4) === w[1] && buf.readInt32LE(k + 8) === w[2] && buf.readInt32LE(k + 12) === w[3];
  }
  return len === key.text.length * 2 && buf.toString('utf16le', k, k + len) === key.text;
}

function recordLength(buf: Buffer, at: number): number {
  return HEADER + (buf.readUInt32LE(at + 8) & ~UUID_FLAG);
}

/** Writes one run: records in hash order, blocks indexed, Bloom filter filled. */
class RunWriter {
  private readonly fd: number;
  private buf = Buffer.allocUnsafe(IO);
  /** this.buf's bytes: DataView stores compile to plain stores (Buffer.write*LE checks each value; ~0.2 s of a 1M-record hunt's spill). */
  private view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  private used = 0;
  private written = 0;
  private count = 0;
  private blockStart = -1;
  private readonly firstHash: number[] = [];
  private readonly offsets: number[] = [];
  private readonly bloom: Bloom;

  constructor(
    private readonly path: string,
    capacity: number,
    /** Also gets every hash written (the store's filter of all runs), or null. */
    private readonly also: Bloom | null = null,
  ) {
    this.fd = openSync(path, 'w+');
    this.bloom = new Bloom(capacity);
  }

  private get offset(): number {
    return this.written + this.used;
  }

  /** Room for `n` more bytes in the buffer (flushing it, or growing it for one big record). */
  private reserve(n: number): void {
    if (this.used + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.buf = Buffer.allocUnsafe(n);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    }
  }

  private flush(): void {
    let done = 0;
    while (done < this.used) done += writeSync(this.fd, this.buf, done, this.used - done, this.written + done);
    this.written += this.used;
    this.used = 0;
  }

  /** Starts a record of `keyBytes` key bytes; returns where its key goes in this.buf. */
  private begin(hash: number, value: number, lengthField: number, keyBytes: number): number {
    const size = HEADER + keyBytes;
    if (this.blockStart < 0 || this.offset - this.blockStart + size > BLOCK) {
      this.blockStart = this.offset;
      this.firstHash.push(hash);
      this.offsets.push(this.offset);
    }
    this.reserve(size);
    const at = this.used;
    const view = this.view;
    view.setUint32(at, hash, true);
    view.setInt32(at + 4, value, true);
    view.setUint32(at + 8, lengthField >>> 0, true);
    this.used += size;
    this.count++;
    this.bloom.add(hash);
    this.also?.add(hash);
    return at + HEADER;
  }

  uuid(hash: number, value: number, a: number, b: number, c: number, d: number): void {
    const k = this.begin(hash, value, UUID_FLAG | UUID_KEY, UUID_KEY);
    const view = this.view;
    view.setInt32(k, a, true);
    view.setInt32(k + 4, b, true);
    view.setInt32(k + 8, c, true);
    view.setInt32(k + 12, d, true);
  }

  text(hash: number, value: number, id: string): void {
    const k = this.begin(hash, value, id.length * 2, id.length * 2);
    this.buf.write(id, k, 'utf16le');
  }

  /** Copies a record as it is (a merge). */
  record(src: Buffer, at: number): void {
    const len = recordLength(src, at);
    const k = this.begin(src.readUInt32LE(at), src.readInt32LE(at + 4), src.readUInt32LE(at + 8), len - HEADER);
    const dst = this.buf;
    if (len <= 64) for (let i = HEADER; i < len; i++) dst[k - HEADER + i] = src[at + i]!;
    else src.copy(dst, k, at + HEADER, at + len);
  }

  finish(): Run {
    this.flush();
    this.offsets.push(this.written);
    return new Run(this.path, this.fd, this.count, this.written, Uint32Array.from(this.firstHash), Float64Array.from(this.offsets), this.bloom);
  }

  abandon(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

/** Reads a run's records in order (a merge). */
class RunReader {
  private buf = Buffer.allocUnsafe(IO);
  private start = 0;
  private end = 0;
  private pos = 0;
  /** Where the current record is in buf, -1 at the end. */
  at = -1;

  constructor(private readonly run: Run) {
    this.next();
  }

  get hash(): number {
    return this.buf.readUInt32LE(this.at);
  }
  get buffer(): Buffer {
    return this.buf;
  }

  next(): void {
    if (this.at >= 0) this.start += recordLength(this.buf, this.at);
    if (!this.fill(HEADER)) {
      if (this.end > this.start) throw new Error(`run file ${this.run.path} is truncated`);
      this.at = -1;
      return;
    }
    if (!this.fill(recordLength(this.buf, this.start))) throw new Error(`run file ${this.run.path} is truncated`);
    this.at = this.start;
  }

  /** At least `n` unread bytes in buf from this.start; false at the file's end. */
  private fill(n: number): boolean {
    if (this.end - this.start >= n) return true;
    const keep = this.end - this.start;
    if (n > this.buf.length) {
      const next = Buffer.allocUnsafe(n);
      this.buf.copy(next, 0, this.start, this.end);
      this.buf = next;
    } else this.buf.copyWithin(0, this.start, this.end);
    this.start = 0;
    this.end = keep;
    while (this.end < n && this.pos < this.run.bytes) {
      const got = readSync(this.run.fd, this.buf, this.end, Math.min(this.buf.length - this.end, this.run.bytes - this.pos), this.pos);
      if (got === 0) break;
      this.pos += got;
      this.end += got;
    }
    return this.end >= n;
  }
}

/** The runs of one id set and their folder. */
export class RunStore {
  private dir: string | null = null;
  private readonly runs: Run[] = [];
  private serial = 0;
  private block = Buffer.allocUnsafe(BLOCK);
  private closed = false;
  /**
   * A filter of every id in every run, tested first: most lookups of a scan are new ids, and this
   * is one cache line for them instead of one per run. Sized for 2x the ids on disk when built;
   * rebuilt from the runs' hashes (a sequential read) when they outgrow it. Merges only remove ids,
   * so it stays a superset. 2x, not more: the filter is then 10-20 bits an id on disk, where 4x
   * (10-40 bits) made memory jump by ~40 MB at the rebuild just past 10M ids (10.5M on disk: a
   * 44M-id filter). The doublings cost one more read of the runs each (~0.3 s at 8M ids, all of
   * them together about one read of the final runs).
   */
  private all: Bloom | null = null;
  private allCapacity = 0;

  constructor(private readonly parent: string = tmpdir()) {}

  get size(): number {
    return this.runs.length;
  }

  /** Ids the filter of all runs was built for (tests and measurements). */
  get filterCapacity(): number {
    return this.allCapacity;
  }

  /** Bytes on disk (tests and measurements). */
  get bytes(): number {
    let n = 0;
    for (const r of this.runs) n += r.bytes;
    return n;
  }

  get folder(): string | null {
    return this.dir;
  }

  private where(): string {
    return this.dir ?? this.parent;
  }

  private newPath(): string {
    if (this.closed) throw new Error('the id set was closed');
    if (this.dir === null) {
      this.dir = mkdtempSync(join(this.parent, 'trailhound-ids-'));
      liveFolders.add(this.dir);
      if (!exitHook) {
        exitHook = true;
        process.on('exit', () => {
          for (const d of [...liveFolders]) removeFolder(d);
        });
      }
    }
    return join(this.dir, `run-${this.serial++}`);
  }

  /**
   * Writes a new run (newer than every run before): `write` gets a writer and must give it records
   * in hash order; `capacity` is at least their number. Merges runs afterwards if there are too many.
   */
  add(capacity: number, write: (w: Pick<RunWriter, 'uuid' | 'text'>) => void): void {
    let writer: RunWriter | null = null;
    try {
      let onDisk = capacity;
      for (const r of this.runs) onDisk += r.count;
      // the filter of all runs, rebuilt bigger from the older runs' hashes when they outgrow it;
      // the new run's hashes go into it as they are written (the first spill reads nothing back)
      if (this.all === null || onDisk > this.allCapacity) this.rebuildFilter(onDisk * FILTER_GROWTH);
      writer = new RunWriter(this.newPath(), capacity, this.all);
      write(writer);
      this.runs.push(writer.finish());
      writer = null;
      this.compact();
    } catch (e) {
      writer?.abandon();
      throw spillError(this.where(), e);
    }
  }

  /** False when no run holds an id of hash `h` (the filter of all runs); true: find() may. */
  mayHold(h: number): boolean {
    return this.all === null || this.all.has(h);
  }

  /** Reads a word of the block mayHold(h) will read (IdSet.touchWords). */
  touch(h: number): number {
    return this.all === null ? 0 : this.all.word(h);
  }

  /** The value of `key` in the newest run that has it, or undefined. */
  find(key: Key): number | undefined {
    try {
      if (this.all !== null && !this.all.has(key.hash)) return undefined;
      for (let i = this.runs.length - 1; i >= 0; i--) {
        const run = this.runs[i]!;
        if (!run.bloom.has(key.hash)) continue;
        const v = this.findIn(run, key);
        if (v !== undefined) return v;
      }
      return undefined;
    } catch (e) {
      throw spillError(this.where(), e);
    }
  }

  private rebuildFilter(capacity: number): void {
    const all = new Bloom(capacity);
    for (const run of this.runs) for (const r = new RunReader(run); r.at >= 0; r.next()) all.add(r.hash);
    this.all = all;
    this.allCapacity = capacity;
  }

  private findIn(run: Run, key: Key): number | undefined {
    const h = key.hash;
    const first = run.firstHash;
    // the last block whose first hash is below h: records with hash h may start in it
    let lo = 0;
    let hi = first.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (first[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    for (let b = Math.max(0, lo - 1); b < first.length && first[b]! <= h; b++) {
      const from = run.offsets[b]!;
      const len = run.offsets[b + 1]! - from;
      if (this.block.length < len) this.block = Buffer.allocUnsafe(len);
      const buf = this.block;
      let got = 0;
      while (got < len) {
        const n = readSync(run.fd, buf, got, len - got, from + got);
        if (n === 0) throw new Error(`run file ${run.path} is truncated`);
        got += n;
      }
      for (let at = 0; at < len; at += recordLength(buf, at)) {
        const rh = buf.readUInt32LE(at);
        if (rh > h) return undefined;
        if (rh === h && sameKey(buf, at, key)) return buf.readInt32LE(at + 4);
      }
    }
    return undefined;
  }

  /**
   * Past MAX_RUNS runs, merges the TIER runs next to each other in age (newest-wins needs that) with
   * the fewest records between them: runs of one size are merged together, so an id is rewritten
   * about log4(ids / (MAX_RUNS x run size)) times.
   */
  private compact(): void {
    while (this.runs.length > MAX_RUNS) {
      let best = 0;
      let bestCount = Infinity;
      for (let from = 0; from + TIER <= this.runs.length; from++) {
        let count = 0;
        for (let k = from; k < from + TIER; k++) count += this.runs[k]!.count;
        if (count < bestCount) {
          best = from;
          bestCount = count;
        }
      }
      this.merge(best, best + TIER);
    }
  }

  /** Merges runs[from..to) into one run, each id's newest record kept. */
  private merge(from: number, to: number): void {
    const inputs = this.runs.slice(from, to);
    let capacity = 0;
    for (const r of inputs) capacity += r.count;
    const writer = new RunWriter(this.newPath(), capacity);
    try {
      const readers = inputs.map((r) => new RunReader(r));
      const group: { reader: number; rec: Buffer }[] = [];
      for (;;) {
        let min = -1;
        let holders = 0;
        let only = -1;
        for (let i = 0; i < readers.length; i++) {
          const r = readers[i]!;
          if (r.at < 0) continue;
          const h = r.hash;
          if (min < 0 || h < min) {
            min = h;
            holders = 1;
            only = i;
          } else if (h === min) holders++;
        }
        if (min < 0) break;
        if (holders === 1) {
          // the common case: no other run has this hash, so no other run has this id
          const r = readers[only]!;
          writer.record(r.buffer, r.at);
          r.next();
          continue;
        }
        // the same hash in several runs: the newest run's record of each id wins
        group.length = 0;
        for (let i = readers.length - 1; i >= 0; i--) {
          const r = readers[i]!;
          while (r.at >= 0 && r.hash === min) {
            const len = recordLength(r.buffer, r.at);
            group.push({ reader: i, rec: Buffer.from(r.buffer.subarray(r.at, r.at + len)) });
            r.next();
          }
        }
        for (let g = 0; g < group.length; g++) {
          const rec = group[g]!.rec;
          let hidden = false;
          for (let e = 0; e < g && !hidden; e++) {
            hidden = sameRecordKey(group[e]!.rec, rec);
          }
          if (hidden) continue;
          writer.record(rec, 0);
        }
      }
    } catch (e) {
      writer.abandon();
      throw e;
    }
    const merged = writer.finish();
    for (const r of inputs) {
      closeSync(r.fd);
      unlinkSync(r.path);
    }
    this.runs.splice(from, inputs.length, merged);
  }

  /** Closes and deletes every run and the folder; the store is empty and unusable afterwards. */
  close(): void {
    this.closed = true;
    for (const r of this.runs) {
      try {
        closeSync(r.fd);
      } catch {
        // already closed
      }
    }
    this.runs.length = 0;
    this.all = null;
    if (this.dir !== null) removeFolder(this.dir);
  }
}

function sameRecordKey(a: Buffer, b: Buffer): boolean {
  const len = a.readUInt32LE(8);
  if (len !== b.readUInt32LE(8)) return false;
  const n = len & ~UUID_FLAG;
  return a.compare(b, HEADER, HEADER + n, HEADER, HEADER + n) === 0;
}
