/**
 * Finds the object items of a JSON array in raw bytes (WebAssembly SIMD, byte-scan.wat) and says
 * which are CANDIDATES for a pushed-down filter, so the splitter decodes only those to strings.
 * An item that is not a candidate is one the text pre-filter would drop anyway (ByteFilter says
 * why); anything the scanner cannot decide exactly like the JS splitter is handed back to it.
 * One scanner per thread; its memory holds one window of the current chunk.
 */
import { BYTE_SCAN_WASM } from './byte-scan-wasm.ts';
import { gunzipInto } from './inflate.ts';
import { FIELD_SCAN_END, FieldScanner, type FieldScanResult, type FlatPlan } from './field-scan.ts';

export interface ByteNeedle {
  /** ASCII letters and digits (lower-case when !caseSensitive). */
  readonly text: string;
  readonly caseSensitive: boolean;
}

/** Which items must be decoded: those holding a needle, a `\u`, or (nonAscii) a byte >= 0x80. */
export interface ByteFilter {
  readonly needles: readonly ByteNeedle[];
  readonly nonAscii: boolean;
  /** Every item is a candidate (splitting only). */
  readonly all: boolean;
}

export const MAX_NEEDLES = 8;
/** A longer needle is searched by its first 64 bytes: any text holding the needle holds those. */
const MAX_NEEDLE_BYTES = 64;
const OUT = 32768;
/** Zero bytes after the data: the scanner's loads read up to ~2 blocks past its end. */
const PAD = 256;
/** Chunks that are not in scanner memory are copied here, at most this much per call; an item crossing a window's end goes to the JS path. */
const WINDOW = 8 * 1024 * 1024;
/** Below it: this scanner's needles and output (byte-scan.wat), then the field scanner's (field-scan.wat). */
const COPY = FIELD_SCAN_END;
/** Whole files are gunzipped here (inflate.ts), where the scanner reads them without a copy. */
const INFLATE = COPY + WINDOW + PAD + 65536 - ((WINDOW + PAD) % 65536);
/** Larger files are not inflated into scanner memory (it never shrinks). */
export const MAX_INFLATE_BYTES = 64 * 1024 * 1024;
const PAGE = 65536;

export const enum ScanStatus {
  /** Stopped at a byte that does not start an object item, or at the end. */
  Other = 0,
  /** The item starting at `stop` must be walked by the JS splitter. */
  Walk = 1,
  /** The output is full: call again from `stop`. */
  Full = 2,
}

interface Exports {
  memory: WebAssembly.Memory;
  scan(from: number, end: number, needles: number, ascii: number, all: number): number;
  count(): number;
  status(): number;
}

export interface ScanResult {
  /** Chunk offset where the scan stopped. */
  stop: number;
  status: ScanStatus;
  /** Items found: start, end (chunk offsets, end exclusive) and candidate (0/1), `count` triples. */
  items: Int32Array;
  count: number;
}

class ByteScanner {
  private readonly x: Exports;
  private bytes!: Uint8Array;
  private view!: Int32Array;
  /** The chunk whose bytes are in the copy window, and which of them. */
  private chunk: Buffer | null = null;
  private from = 0;
  private to = 0;
  /** End address of the inflated file (zero bytes follow it); 0 = none held. */
  private inflatedEnd = 0;
  private filter: ByteFilter | null = null;
  private readonly result: ScanResult = { stop: 0, status: ScanStatus.Other, items: new Int32Array(0), count: 0 };

  constructor() {
    const module = new WebAssembly.Module(Buffer.from(BYTE_SCAN_WASM, 'base64'));
    this.x = new WebAssembly.Instance(module).exports as unknown as Exports;
    this.grow(INFLATE);
  }

  /** Items of `chunk` from `from` (at a `{` between items) up to `to`. */
  scan(filter: ByteFilter, chunk: Buffer, from: number, to: number): ScanResult {
    if (this.filter !== filter) this.setNeedles(filter);
    const base = this.place(chunk, from, to);
    const x = this.x;
    const stop = x.scan(base + from, this.end, filter.needles.length, filter.nonAscii ? 1 : 0, filter.all ? 1 : 0);
    const r = this.result;
    r.stop = stop - base;
    r.status = x.status() as ScanStatus;
    r.count = x.count();
    const items = r.items;
    for (let k = 0; k < r.count * 3; k += 3) {
      items[k] = items[k]! - base;
      items[k + 1] = items[k + 1]! - base;
    }
    return r;
  }

  /**
   * Items of `chunk` from `from` (at a `{` between items) up to `to`, validated and their wanted
   * fields located (field-scan.ts): `fieldScanner` reads them, at addresses `base` + chunk offset.
   */
  fields(plan: FlatPlan, chunk: Buffer, from: number, to: number): FieldScanResult & { base: number } {
    const base = this.place(chunk, from, to);
    const r = this.fieldScanner.run(plan, base + from, this.end);
    const out = this.fieldResult;
    out.base = base;
    out.stop = r.stop - base;
    out.status = r.status;
    out.count = r.count;
    return out;
  }

  /** The field scanner over this scanner's memory. */
  get fieldScanner(): FieldScanner {
    return (this.fieldScan ??= new FieldScanner(this.x.memory));
  }

  private fieldScan: FieldScanner | null = null;
  private readonly fieldResult = { base: 0, stop: 0, status: 0, count: 0 };
  /** End address of the data placed by place(). */
  private end = 0;

  /** Where chunk[0] is in memory: in place when it is the inflated file, else a window copied in. */
  private place(chunk: Buffer, from: number, to: number): number {
    if (this.inflatedEnd !== 0 && chunk.buffer === this.x.memory.buffer && chunk.byteOffset + to === this.inflatedEnd) {
      this.end = this.inflatedEnd;
      return chunk.byteOffset;
    }
    if (this.chunk !== chunk || from < this.from || from >= this.to) this.load(chunk, from, Math.min(to, from + WINDOW));
    this.end = COPY + (this.to - this.from);
    return COPY - this.from;
  }

  /** Forgets the chunk in the copy window (its bytes stay until overwritten; the Buffer is not held). */
  release(): void {
    this.chunk = null;
  }

  /**
   * gunzips a whole file into scanner memory: a Buffer over it, valid until releaseInflated() (one
   * file at a time per thread: null while another is held, or when inflate.ts cannot, or the
   * declared size is too large). `isize`: the size the gzip trailer declares.
   */
  inflate(file: Buffer, isize: number): Buffer | null {
    if (this.inflatedEnd !== 0 || isize > MAX_INFLATE_BYTES) return null;
    const room = isize + 1; // one spare byte: a full output would not tell whether zlib finished
    this.grow(INFLATE + room + PAD);
    const n = gunzipInto(file, this.bytes.subarray(INFLATE, INFLATE + room));
    if (n === null) return null;
    this.bytes.fill(0, INFLATE + n, INFLATE + n + PAD);
    this.inflatedEnd = INFLATE + n;
    return Buffer.from(this.x.memory.buffer, INFLATE, n);
  }

  releaseInflated(): void {
    this.inflatedEnd = 0;
  }

  private grow(bytes: number): void {
    const mem = this.x.memory;
    if (bytes > mem.buffer.byteLength) mem.grow(Math.ceil((bytes - mem.buffer.byteLength) / PAGE));
    if (this.bytes === undefined || this.bytes.buffer !== mem.buffer) {
      this.bytes = new Uint8Array(mem.buffer);
      this.view = new Int32Array(mem.buffer);
      this.result.items = this.view.subarray(OUT / 4);
    }
  }

  private load(chunk: Buffer, from: number, to: number): void {
    this.bytes.set(chunk.subarray(from, to), COPY);
    this.bytes.fill(0, COPY + (to - from), COPY + (to - from) + PAD);
    this.chunk = chunk;
    this.from = from;
    this.to = to;
  }

  private setNeedles(filter: ByteFilter): void {
    if (filter.needles.length > MAX_NEEDLES) throw new Error(`byte scanner: at most ${MAX_NEEDLES} needles`);
    let at = 256;
    filter.needles.forEach((n, k) => {
      const text = n.text.slice(0, MAX_NEEDLE_BYTES);
      if (!/^[A-Za-z0-9]+$/.test(text)) throw new Error(`byte scanner: needle ${JSON.stringify(n.text)} is not ASCII letters/digits`);
      const len = text.length;
      for (let j = 0; j < len; j++) {
        const c = text.charCodeAt(j);
        const fold = !n.caseSensitive && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
        this.bytes[at + j] = fold ? c | 0x20 : c;
        this.bytes[at + len + j] = fold ? 0x20 : 0;
      }
      const d = k * 16;
      this.view[d / 4] = at;
      this.view[d / 4 + 1] = len;
      this.bytes[d + 8] = this.bytes[at]!;
      this.bytes[d + 9] = this.bytes[at + len]!;
      this.bytes[d + 10] = this.bytes[at + len - 1]!;
      this.bytes[d + 11] = this.bytes[at + 2 * len - 1]!;
      at += 2 * len;
    });
    this.filter = filter;
  }
}

let scanner: ByteScanner | null | undefined;

/** This thread's scanner, or null where WebAssembly SIMD is not available (the JS splitter then does all). */
export function byteScanner(): ByteScanner | null {
  if (scanner === undefined) {
    try {
      scanner = new ByteScanner();
    } catch {
      scanner = null;
    }
  }
  return scanner;
}

export type { ByteScanner };
