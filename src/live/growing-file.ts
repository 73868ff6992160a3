/**
 * How much of a file that may still be written can be read now (folder mode of `watch`). A
 * file written in place rather than renamed into place is seen while incomplete: a CloudTrail
 * `{"Records":[...]}` document is cut JSON until its writer is done, a JSON Lines file ends in
 * half a line, a gzip stream has no end yet. Read as it is, its last record would be an error and
 * the rest never read. This finds where the complete part ends: after the last top-level value
 * that closed (JSON), after the last whole line (JSON Lines); the caller reads up to there and
 * comes back for the rest (docs/live.md, "Files written in place").
 */
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { createGunzip, gunzipSync } from 'node:zlib';
import { sniffJsonLines } from '../cloudtrail/read-file.ts';

export interface FileExtent {
  /** `json` / `jsonl`: read in parts; `whole`: CSV and Parquet, read once, when the file is stable. */
  readonly format: 'json' | 'jsonl' | 'whole';
  readonly gzip: boolean;
  /** Bytes of the (decompressed) stream there now. */
  readonly length: number;
  /** End of the complete part: after the last top-level value or line closed at or after `from`. */
  readonly end: number;
  /** Whether [from, end) holds anything but whitespace (else there is nothing to read). */
  readonly content: boolean;
  /** The gzip stream ended as gzip streams end (true for plain files). */
  readonly streamEnded: boolean;
}

const SNIFF = 64 * 1024;
/** Gzip files up to this size are inflated in one call. */
const WHOLE_GZIP = 16 * 1024 * 1024;
/** A trailing JSON Lines line longer than this is not parsed to see whether it is whole (it waits). */
const MAX_TAIL = 64 * 1024 * 1024;

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function head(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    return buf.subarray(0, readSync(fd, buf, 0, n, 0));
  } finally {
    closeSync(fd);
  }
}

function stripBom(b: Buffer): Buffer {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

/** Where the complete part of `path` ends, looking from `from` (a boundary found before). Throws on I/O errors. */
export async function fileExtent(path: string, from: number): Promise<FileExtent> {
  const magic = head(path, 4);
  const gzip = magic.length >= 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  if (/\.(csv|parquet)(\.gz)?$/i.test(path) || magic.toString('latin1') === 'PAR1') {
    return { format: 'whole', gzip, length: 0, end: 0, content: true, streamEnded: true };
  }
  const named = /\.(jsonl|ndjson)(\.gz)?$/i.test(path);
  if (!gzip) {
    const scanner = scannerFor(named, head(path, SNIFF), from);
    const length = scanPlain(path, from, scanner);
    return finish(scanner, length, false, true);
  }
  // a gzip file up to 16 MiB is inflated in one call; one cut short (still being written) throws,
  // and is inflated again as a stream to learn how far it goes, as is a larger one
  if (statSync(path).size <= WHOLE_GZIP) {
    let data: Buffer | null = null;
    try {
      data = gunzipSync(readFileSync(path));
    } catch (e) {
      if (!(e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw e; // not zlib's: I/O, the caller retries
    }
    if (data !== null) {
      const scanner = scannerFor(named, data, from);
      if (from < data.length) scanner.push(data.subarray(from), from);
      return finish(scanner, data.length, true, true);
    }
  }
  return scanGzipStream(path, from, named);
}

function scannerFor(named: boolean, first: Buffer, from: number): Scanner {
  return named || sniffJsonLines(stripBom(first.subarray(0, SNIFF))) ? new LineEnds(from) : new ValueEnds(from);
}

/** Inflates a gzip file as a stream, scanning as it goes; a stream cut short ends the scan there. */
async function scanGzipStream(path: string, from: number, named: boolean): Promise<FileExtent> {
  const raw = createReadStream(path);
  const stream = raw.pipe(createGunzip());
  raw.on('error', (e) => stream.destroy(e));
  let scanner: Scanner | null = null;
  let first: Buffer[] = [];
  let firstBytes = 0;
  let at = 0;
  let streamEnded = true;
  const feed = (b: Buffer, offset: number) => {
    const skip = Math.max(0, from - offset); // only the bytes from `from` on are looked at
    if (skip < b.length) scanner!.push(b.subarray(skip), offset + skip);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (scanner === null) {
        // JSON or JSON Lines is decided on the first inflated bytes, as the reader does
        first.push(chunk);
        firstBytes += chunk.length;
        if (firstBytes < SNIFF) continue;
        const head = Buffer.concat(first);
        scanner = scannerFor(named, head, from);
        feed(head, 0);
        at = head.length;
        first = [];
        continue;
      }
      feed(chunk, at);
      at += chunk.length;
    }
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code?.startsWith('Z_')) throw e;
    streamEnded = false;
  }
  if (scanner === null) {
    const head = Buffer.concat(first);
    scanner = scannerFor(named, head, from);
    feed(head, 0);
    at = head.length;
  }
  return finish(scanner, at, true, streamEnded);
}

function finish(scanner: Scanner, length: number, gzip: boolean, streamEnded: boolean): FileExtent {
  const { end, content } = scanner.finish(length);
  return { format: scanner instanceof LineEnds ? 'jsonl' : 'json', gzip, length, end, content, streamEnded };
}

/** Feeds a plain file from `from` to the scanner in 1 MiB reads; returns the file's length. */
function scanPlain(path: string, from: number, scanner: Scanner): number {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let at = from;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, at);
      if (n === 0) return at;
      scanner.push(buf.subarray(0, n), at);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
}

type Scanner = LineEnds | ValueEnds;

/** JSON Lines: the complete part ends after the last newline (or after a last line that parses). */
class LineEnds {
  private end: number;
  private content = false;
  /** Non-whitespace seen before `end`. */
  private contentBeforeEnd = false;
  private tail: Buffer[] = [];
  private tailBytes = 0;

  constructor(from: number) {
    this.end = from;
  }

  push(b: Buffer, offset: number): void {
    const nl = b.lastIndexOf(0x0a);
    if (nl >= 0) {
      if (!this.contentBeforeEnd) this.contentBeforeEnd = this.content || hasContent(b.subarray(0, nl));
      this.end = offset + nl + 1;
      this.tail = [];
      this.tailBytes = 0;
      this.content = false;
    }
    const rest = b.subarray(nl + 1);
    if (!this.content) this.content = hasContent(rest);
    this.tailBytes += rest.length;
    if (this.tailBytes <= MAX_TAIL) this.tail.push(Buffer.from(rest));
  }

  finish(length: number): { end: number; content: boolean } {
    if (!this.content) return { end: length, content: this.contentBeforeEnd };
    // a last line without its newline counts when it is a whole JSON value (its newline may never come)
    if (this.tailBytes <= MAX_TAIL) {
      try {
        JSON.parse(Buffer.concat(this.tail).toString('utf8'));
        return { end: length, content: true };
      } catch {
        // half a line: it waits for the rest
      }
    }
    return { end: this.end, content: this.contentBeforeEnd };
  }
}

/**
 * JSON documents (a `{"Records":[...]}` object, an array, several values one after the other):
 * the complete part ends after the last top-level value that closed. Strings and escapes are
 * followed so that a bracket inside a string does not count.
 */
class ValueEnds {
  private depth = 0;
  private inString = false;
  private escape = false;
  private end: number;
  private contentBeforeEnd = false;
  private contentAfterEnd = false;

  constructor(from: number) {
    this.end = from;
  }

  push(b: Buffer, offset: number): void {
    // locals in the loop (this.* fields cost a third more); most bytes are inside strings, which
    // are crossed with indexOf to the next quote, the backslashes found once per run of them
    let depth = this.depth;
    let inString = this.inString;
    let escape = this.escape;
    let contentAfterEnd = this.contentAfterEnd;
    let bs = -1;
    let i = 0;
    while (i < b.length) {
      if (inString) {
        if (escape) {
          escape = false;
          i++;
          continue;
        }
        const q = b.indexOf(0x22, i);
        if (bs < i) {
          bs = b.indexOf(0x5c, i);
          if (bs < 0) bs = b.length;
        }
        if (bs < b.length && (q < 0 || bs < q)) {
          escape = true;
          i = bs + 1;
          continue;
        }
        if (q < 0) break;
        inString = false;
        i = q + 1;
        continue;
      }
      const c = b[i]!;
      if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        // a stray closer at the top level is the reader's to report: it ends nothing here
        if (depth > 0 && --depth === 0) {
          this.end = offset + i + 1;
          this.contentBeforeEnd = true;
          contentAfterEnd = false;
          i++;
          continue;
        }
      }
      if (!contentAfterEnd && !isWs(c)) contentAfterEnd = true;
      i++;
    }
    this.depth = depth;
    this.inString = inString;
    this.escape = escape;
    this.contentAfterEnd = contentAfterEnd;
  }

  finish(length: number): { end: number; content: boolean } {
    // only whitespace after the last value: the file is complete up to its last byte
    if (!this.contentAfterEnd) return { end: length, content: this.contentBeforeEnd };
    return { end: this.end, content: this.contentBeforeEnd };
  }
}

function hasContent(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (!isWs(b[i]!)) return true;
  return false;
}
