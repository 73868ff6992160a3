/**
 * Cuts a stream of JSON bytes into the texts of single records without parsing it, so a
 * 1 GB `{"Records":[...]}` file never becomes one string: only one record at a time is held.
 *
 * Understood layouts (any number of top-level values, so concatenated JSON works too):
 *   [ item, item, ... ]                          bare array (Stratus samples, exports)
 *   { ..., "Records": [ item, ... ], ... }       S3 delivery; also "Events" (lookup-events)
 *                                                and "QueryResultRows" (CloudTrail Lake)
 *   { ... }                                      any other object is itself one item
 * The splitter only tracks nesting, strings and escapes; JSON.parse of each item finds
 * syntax errors, so a broken record costs that record only.
 *
 * With a ByteFilter, runs of object items are found by the WebAssembly scanner (byte-scan.ts)
 * instead, and only its candidates are decoded; it hands back whatever it cannot decide the way
 * this splitter would, so items, offsets and problems are the same either way.
 */
import { byteScanner, ScanStatus, type ByteFilter, type ByteScanner } from './byte-scan.ts';
import type { FlatPlan } from './field-scan.ts';
import type { RawRecord } from './mapping.ts';

export interface SplitItem {
  readonly kind: 'item';
  readonly text: string;
  /** 0-based position of the item in the file. */
  readonly index: number;
  /** Byte offset of its first byte in the (decompressed) stream. */
  readonly offset: number;
  /** Wrapper key the item came from, '[]' for a top-level array, null for a top-level object. */
  readonly container: string | null;
  /** The text is pure ASCII (as many UTF-16 units as bytes): no need to test it again. */
  readonly ascii: boolean;
  /**
   * No byte of the item's strings is a control character (which JSON forbids raw in a string):
   * the field extractor need not look for them (field-extract.ts). False when there is one, and
   * when not known (items of the byte scanner and of JSON Lines).
   */
  readonly plainStrings: boolean;
}

export interface SplitProblem {
  readonly kind: 'problem';
  readonly index: number | null;
  readonly offset: number;
  readonly message: string;
  /** The unfinished text of a record cut by the end of the file, when it was kept. */
  readonly text?: string;
}

/** Items the byte filter ruled out (never decoded): they count as records dropped by the pre-filter. */
export interface SplitFiltered {
  readonly kind: 'filtered';
  readonly count: number;
}

/**
 * The words of the eventIDs the field scanner read as UUIDs (SplitRecord.ids) in this thread's
 * current push, and how many: one array per thread, reused by every push of every splitter, not a
 * typed array per push or per file, each of which would live outside V8's heap until a GC.
 */
const idWords = { words: new Int32Array(4 * 8192), count: 0 };

/** A record whose wanted fields the field scanner read from its bytes (field-scan.ts): no text. */
export interface SplitRecord {
  readonly kind: 'record';
  readonly rec: RawRecord;
  /**
   * Where its eventID's words are (ids[idAt..idAt+3]) when the field scanner read it so; else idAt
   * is -1 and the id is rec.eventID. The words are this thread's: valid until the next push to any
   * splitter, so a record is consumed before that (read-file.ts does, right after each push).
   */
  readonly ids: Int32Array | null;
  readonly idAt: number;
  readonly index: number;
  readonly offset: number;
  /**
   * Check-first (check-first.ts): the field scanner read only the checks' fields, and the record's
   * bytes are raw[start, end) (the pushed chunk, consumed before the next push); else null.
   */
  readonly raw: Buffer | null;
  readonly start: number;
  readonly end: number;
}

export type SplitOutput = SplitItem | SplitProblem | SplitFiltered | SplitRecord;

/**
 * Keys whose array value holds the items: S3 delivery (`Records`), lookup-events (`Events`),
 * CloudTrail Lake (`QueryResultRows`), CloudWatch Logs subscription data (`logEvents`) and
 * `aws logs filter-log-events` output (`events`).
 */
export const WRAPPER_KEYS: ReadonlySet<string> = new Set(['Records', 'Events', 'QueryResultRows', 'logEvents', 'events']);

const enum Mode {
  Top,
  ObjectHead,
  Items,
  ObjectTail,
  Junk,
}

const WS = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonItemSplitter {
  private mode = Mode.Top;
  private depth = 0;
  private inString = false;
  private escape = false;
  private itemDepth = 0;
  private container: string | null = null;
  private index = 0;
  private pos = 0; // absolute offset of the current chunk's first byte

  // current capture (an item, or a top-level object head)
  private capturing = false;
  private pieces: Buffer[] = [];
  private captured = 0;
  private captureOffset = 0;
  private oversize = false;
  private inItem = false;
  private scalarItem = false;
  /** A string of the current capture holds a byte under 0x20 (raw, or escaped: either way JSON.parse's to judge). */
  private controlInString = false;

  // key tracking at depth 1 of a top-level object (ObjectHead mode)
  private expectKey = false;
  private keyBytes: number[] = [];
  private readingKey = false;
  private lastKey: string | null = null;
  private afterColon = false;
  readonly seenTopKeys: string[] = [];

  private readonly scanner: ByteScanner | null;
  /** Stream offset of an item the scanner handed back: the JS loop walks that one. */
  private walkAt = -1;

  constructor(
    private readonly maxItemBytes: number,
    private readonly byteFilter: ByteFilter | null = null,
    /** Offset of the first byte pushed in the whole stream (a part of a file read from there). */
    base = 0,
    /** Without a byte filter: records are read by the field scanner with this plan (field-scan.ts). */
    private readonly fieldPlan: FlatPlan | null = null,
    /** The plan reads only the checks' fields: records go out with their bytes (SplitRecord.raw). */
    private readonly checkOnly = false,
  ) {
    this.scanner = byteFilter || fieldPlan ? byteScanner() : null;
    this.pos = base;
  }

  push(chunk: Buffer, out: SplitOutput[]): void {
    idWords.count = 0;
    try {
      this.pushChunk(chunk, out);
    } finally {
      this.scanner?.release();
    }
  }

  private pushChunk(chunk: Buffer, out: SplitOutput[]): void {
    const n = chunk.length;
    let captureFrom = 0;
    for (let i = 0; i < n; i++) {
      if (this.mode === Mode.Items && this.inItem && !this.inString && !this.scalarItem && this.depth > this.itemDepth) {
        // inside a record: nearly every byte of a file is here
        i = this.skipInItem(chunk, i, n);
        if (i >= n) break;
      }
      if (this.inString && !this.readingKey) {
        // fast path: jump to the next quote that is not escaped (most bytes are in strings)
        if (this.escape) {
          this.escape = false;
          continue;
        }
        let q = chunk.indexOf(0x22, i);
        while (q >= 0) {
          let b = 0;
          for (let k = q - 1; k >= i && chunk[k] === 0x5c; k--) b++;
          if ((b & 1) === 0) break;
          q = chunk.indexOf(0x22, q + 1);
        }
        if (!this.controlInString) this.controlInString = hasControl(chunk, i, q < 0 ? n : q);
        if (q < 0) {
          let b = 0;
          for (let k = n - 1; k >= i && chunk[k] === 0x5c; k--) b++;
          this.escape = (b & 1) === 1;
          i = n;
          break;
        }
        i = q;
      }
      const c = chunk[i]!;
      if (this.inString) {
        if (c < 0x20) this.controlInString = true;
        if (this.readingKey && this.keyBytes.length < 256) this.keyBytes.push(c);
        if (this.escape) {
          this.escape = false;
        } else if (c === 0x5c) {
          this.escape = true;
        } else if (c === 0x22) {
          this.inString = false;
          if (this.readingKey) {
            this.readingKey = false;
            this.keyBytes.pop();
            this.lastKey = decodeKey(this.keyBytes);
            this.seenTopKeys.push(this.lastKey);
          }
          if (this.scalarItem && this.depth === this.itemDepth) {
            this.scalarItem = false;
            captureFrom = this.finishItem(chunk, captureFrom, i + 1, out);
          }
        }
        continue;
      }
      if (WS(c)) {
        if (this.scalarItem) {
          this.scalarItem = false;
          captureFrom = this.finishItem(chunk, captureFrom, i, out);
        }
        continue;
      }
      switch (this.mode) {
        case Mode.Top:
          if (c === 0x5b) {
            this.mode = Mode.Items;
            this.itemDepth = 1;
            this.depth = 1;
            this.container = '[]';
          } else if (c === 0x7b) {
            this.mode = Mode.ObjectHead;
            this.depth = 1;
            this.expectKey = true;
            this.lastKey = null;
            this.afterColon = false;
            captureFrom = this.startCapture(i);
          } else {
            out.push({ kind: 'problem', index: null, offset: this.pos + i, message: `unexpected ${describe(c)} outside any JSON value` });
            this.mode = Mode.Junk;
          }
          break;
        case Mode.Junk:
          // skip to the next line that could start a value
          if (c === 0x7b || c === 0x5b) {
            this.mode = Mode.Top;
            i--;
          }
          break;
        case Mode.ObjectHead:
          if (this.depth === 1 && this.afterColon) {
            this.afterColon = false;
            if (c === 0x5b && this.lastKey !== null && WRAPPER_KEYS.has(this.lastKey)) {
              // switch to streaming the wrapper array's elements; drop the head capture
              this.dropCapture();
              this.mode = Mode.Items;
              this.container = this.lastKey;
              this.depth = 2;
              this.itemDepth = 2;
              break;
            }
          }
          captureFrom = this.structural(c, chunk, i, captureFrom, out);
          break;
        case Mode.Items:
          if (this.depth === this.itemDepth && !this.inItem) {
            if (c === 0x2c) break;
            if (c === 0x5d) {
              this.depth--;
              this.mode = this.itemDepth === 1 ? Mode.Top : Mode.ObjectTail;
              break;
            }
            if (c === 0x7b && this.scanner !== null && this.pos + i !== this.walkAt) {
              const stop = this.fieldPlan !== null && this.byteFilter === null ? this.fieldItems(chunk, i, n, out) : this.scanItems(chunk, i, n, out);
              if (stop > i) {
                i = stop - 1;
                break;
              }
            }
            if (c === 0x7d || c === 0x3a) {
              // a stray '}' (a record closed twice) or ':' must not end the array and lose
              // every later record: report it and carry on with the next element
              out.push({ kind: 'problem', index: null, offset: this.pos + i, message: `unexpected ${describe(c)} between records: ignored` });
              break;
            }
            this.inItem = true;
            captureFrom = this.startCapture(i);
            if (c === 0x7b || c === 0x5b) {
              this.depth++;
            } else if (c === 0x22) {
              this.inString = true;
              this.scalarItem = true;
            } else {
              this.scalarItem = true;
            }
            break;
          }
          if (this.scalarItem && (c === 0x2c || c === 0x5d)) {
            this.scalarItem = false;
            captureFrom = this.finishItem(chunk, captureFrom, i, out);
            i--; // let the comma/bracket be seen at item depth
            break;
          }
          if (c === 0x22) this.inString = true;
          else if (c === 0x7b || c === 0x5b) this.depth++;
          else if (c === 0x7d || c === 0x5d) {
            this.depth--;
            if (this.depth === this.itemDepth) captureFrom = this.finishItem(chunk, captureFrom, i + 1, out);
          }
          break;
        case Mode.ObjectTail:
          if (c === 0x22) this.inString = true;
          else if (c === 0x7b || c === 0x5b) this.depth++;
          else if (c === 0x7d || c === 0x5d) {
            this.depth--;
            if (this.depth === 0) this.mode = Mode.Top;
          }
          break;
      }
    }
    if (this.capturing && !this.oversize) {
      // keep a view, not a copy: stream chunks are not reused
      const rest = chunk.subarray(captureFrom);
      this.pieces.push(rest);
      this.captured += rest.length;
      if (this.captured > this.maxItemBytes) this.markOversize();
    } else if (this.capturing) {
      this.captured += n - captureFrom;
    }
    this.pos += n;
  }

  /** End of stream: reports an unfinished value (truncated file). */
  end(out: SplitOutput[]): void {
    if (this.scalarItem && this.capturing) {
      this.scalarItem = false;
      this.finishItem(Buffer.alloc(0), 0, 0, out);
      return;
    }
    if (this.mode !== Mode.Top && this.mode !== Mode.Junk) {
      const inRecord = this.inItem || this.mode === Mode.ObjectHead;
      const what = inRecord ? 'this record' : 'the enclosing array/object';
      // the unfinished text goes with the problem: it may hold whole records glued to a broken one
      const partial = inRecord && this.capturing && !this.oversize && this.pieces.length > 0 ? Buffer.concat(this.pieces).toString('utf8') : undefined;
      out.push({
        kind: 'problem',
        index: inRecord ? this.index : null,
        offset: inRecord ? this.captureOffset : this.pos,
        message: `file ends inside ${what}: truncated at byte ${this.pos}`,
        ...(partial !== undefined ? { text: partial } : {}),
      });
      if (inRecord) this.index++;
    }
  }

  /**
   * The hot loop: walks the inside of a record (depth > itemDepth, not in a string) in one tight
   * loop over the bytes, strings included (a native indexOf call per string costs more than it
   * saves on CloudTrail's short strings): half the CPU of the general loop. Stops AT the bracket
   * that closes the record (not consumed: the caller ends the item) or at the end of the chunk,
   * with the string/escape state saved for the next chunk.
   */
  private skipInItem(chunk: Buffer, i: number, n: number): number {
    let depth = this.depth;
    const close = this.itemDepth + 1;
    while (i < n) {
      const c = chunk[i]!;
      if (c === 0x22) {
        i++;
        for (;;) {
          if (i >= n) {
            this.inString = true;
            this.depth = depth;
            return n;
          }
          const d = chunk[i]!;
          if (d === 0x22) break;
          if (d === 0x5c) {
            i++;
            if (i >= n) {
              this.inString = true;
              this.escape = true;
              this.depth = depth;
              return n;
            }
          } else if (d < 0x20) {
            this.controlInString = true;
          }
          i++;
        }
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (depth === close) break;
        depth--;
      }
      i++;
    }
    this.depth = depth;
    return i;
  }

  /**
   * Object items from chunk[i] (a `{` between items) found by the byte scanner: candidates are
   * emitted like finishItem would, the others only counted. Returns where the JS loop goes on.
   */
  private scanItems(chunk: Buffer, i: number, n: number, out: SplitOutput[]): number {
    const scanner = this.scanner!;
    const filter = this.byteFilter!;
    let from = i;
    let dropped = 0;
    for (;;) {
      const r = scanner.scan(filter, chunk, from, n);
      const items = r.items;
      for (let k = 0; k < r.count * 3; k += 3) {
        const start = items[k]!;
        const end = items[k + 1]!;
        const index = this.index++;
        const size = end - start;
        const offset = this.pos + start;
        if (size > this.maxItemBytes) {
          out.push({ kind: 'problem', index, offset, message: overLimit(size, this.maxItemBytes) });
        } else if (items[k + 2] !== 0) {
          const text = chunk.toString('utf8', start, end);
          out.push({ kind: 'item', text, index, offset, container: this.container, ascii: text.length === size, plainStrings: false });
        } else {
          dropped++;
        }
      }
      from = r.stop;
      // Full: the output area is full; Other at a window's end: the next window
      if (r.status === ScanStatus.Full || (r.status === ScanStatus.Other && from < n && chunk[from] === 0x7b)) continue;
      if (r.status === ScanStatus.Walk) this.walkAt = this.pos + from;
      break;
    }
    if (dropped > 0) out.push({ kind: 'filtered', count: dropped });
    return from;
  }

  /**
   * Object items from chunk[i] (a `{` between items) read by the field scanner: each becomes a
   * record, or (not a plain CloudTrail record) an item with its text, as the JS loop would emit
   * it. Returns where the JS loop goes on.
   */
  private fieldItems(chunk: Buffer, i: number, n: number, out: SplitOutput[]): number {
    const scanner = this.scanner!;
    const plan = this.fieldPlan!;
    const fields = scanner.fieldScanner;
    let from = i;
    for (;;) {
      const r = scanner.fields(plan, chunk, from, n);
      const base = r.base;
      for (let k = 0; k < r.count; k++) {
        const start = fields.start(plan, k) - base;
        const end = fields.end(plan, k) - base;
        const index = this.index++;
        const size = end - start;
        const offset = this.pos + start;
        if (size > this.maxItemBytes) {
          out.push({ kind: 'problem', index, offset, message: overLimit(size, this.maxItemBytes) });
          continue;
        }
        if ((idWords.count + 1) * 4 > idWords.words.length) {
          // a new array: the records already out keep theirs
          idWords.words = new Int32Array(idWords.words.length * 2);
          idWords.count = 0;
        }
        const rec = fields.record(plan, k, idWords.words, idWords.count * 4);
        if (rec !== null && this.checkOnly) {
          // the id is read with the rest of the record, if the checks keep it
          out.push({ kind: 'record', rec, ids: null, idAt: -1, index, offset, raw: chunk, start, end });
        } else if (rec !== null) {
          if (fields.idRead) out.push({ kind: 'record', rec, ids: idWords.words, idAt: idWords.count++ * 4, index, offset, raw: null, start: 0, end: 0 });
          else out.push({ kind: 'record', rec, ids: null, idAt: -1, index, offset, raw: null, start: 0, end: 0 });
        } else {
          const text = chunk.toString('utf8', start, end);
          out.push({ kind: 'item', text, index, offset, container: this.container, ascii: text.length === size, plainStrings: false });
        }
      }
      from = r.stop;
      if (r.status === ScanStatus.Full || (r.status === ScanStatus.Other && from < n && chunk[from] === 0x7b)) continue;
      if (r.status === ScanStatus.Walk) this.walkAt = this.pos + from;
      return from;
    }
  }

  /** Object-head structural tracking (keys at depth 1). */
  private structural(c: number, chunk: Buffer, i: number, captureFrom: number, out: SplitOutput[]): number {
    if (c === 0x22) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey) {
        this.readingKey = true;
        this.keyBytes = [];
        this.expectKey = false;
      }
    } else if (c === 0x3a && this.depth === 1) {
      this.afterColon = true;
    } else if (c === 0x2c && this.depth === 1) {
      this.expectKey = true;
    } else if (c === 0x7b || c === 0x5b) {
      this.depth++;
    } else if (c === 0x7d || c === 0x5d) {
      this.depth--;
      if (this.depth === 0) {
        this.container = null;
        this.mode = Mode.Top;
        return this.finishItem(chunk, captureFrom, i + 1, out);
      }
    }
    return captureFrom;
  }

  private startCapture(i: number): number {
    this.capturing = true;
    this.controlInString = false;
    this.pieces = [];
    this.captured = 0;
    this.oversize = false;
    this.captureOffset = this.pos + i;
    return i;
  }

  private dropCapture(): void {
    this.capturing = false;
    this.pieces = [];
    this.captured = 0;
  }

  private markOversize(): void {
    this.oversize = true;
    this.pieces = [];
  }

  private finishItem(chunk: Buffer, from: number, to: number, out: SplitOutput[]): number {
    const index = this.index++;
    this.inItem = false;
    this.capturing = false;
    const size = this.captured + (to - from);
    if (this.oversize || size > this.maxItemBytes) {
      out.push({
        kind: 'problem',
        index,
        offset: this.captureOffset,
        message: overLimit(size, this.maxItemBytes),
      });
    } else {
      this.pieces.push(chunk.subarray(from, to));
      const text = this.pieces.length === 1 ? this.pieces[0]!.toString('utf8') : Buffer.concat(this.pieces).toString('utf8');
      out.push({ kind: 'item', text, index, offset: this.captureOffset, container: this.container, ascii: text.length === size, plainStrings: !this.controlInString });
    }
    this.pieces = [];
    this.captured = 0;
    this.oversize = false;
    return to;
  }
}

/** A byte under 0x20 in chunk[from, to). */
function hasControl(chunk: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (chunk[k]! < 0x20) return true;
  return false;
}

function decodeKey(bytes: number[]): string {
  const raw = Buffer.from(bytes).toString('utf8');
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse('"' + raw + '"') as string;
  } catch {
    return raw;
  }
}

/** A record over the size limit (its index and offset travel in the problem's fields). */
function overLimit(size: number, limit: number): string {
  return `${size} bytes, over the ${limit}-byte record limit`;
}

function describe(c: number): string {
  return c >= 0x21 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** JSON Lines: one item per non-empty line; a broken line costs that line only. */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private size = 0;
  private lineStart = 0;
  private index = 0;
  private pos = 0;
  private oversize = false;

  /** `base`: offset of the first byte pushed in the whole stream (a part of a file read from there). */
  constructor(
    private readonly maxItemBytes: number,
    base = 0,
  ) {
    this.pos = base;
    this.lineStart = base;
  }

  push(chunk: Buffer, out: SplitOutput[]): void {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      if (nl < 0) break;
      this.take(chunk.subarray(from, nl));
      this.emit(out);
      this.lineStart = this.pos + nl + 1;
      from = nl + 1;
    }
    this.take(chunk.subarray(from));
    this.pos += chunk.length;
  }

  end(out: SplitOutput[]): void {
    this.emit(out);
  }

  private take(part: Buffer): void {
    if (part.length === 0) return;
    this.size += part.length;
    if (this.oversize) return;
    if (this.size > this.maxItemBytes) {
      this.oversize = true;
      this.pieces = [];
      return;
    }
    this.pieces.push(Buffer.from(part));
  }

  private emit(out: SplitOutput[]): void {
    if (this.oversize) {
      const index = this.index++;
      out.push({ kind: 'problem', index, offset: this.lineStart, message: overLimit(this.size, this.maxItemBytes) });
    } else if (this.size > 0) {
      const text = (this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces)).toString('utf8');
      if (text.trim() !== '') {
        out.push({ kind: 'item', text, index: this.index++, offset: this.lineStart, container: 'line', ascii: text.length === this.size, plainStrings: false });
      }
    }
    this.pieces = [];
    this.size = 0;
    this.oversize = false;
  }
}
