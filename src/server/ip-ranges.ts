/**
 * Address ranges read from the `@ip-location-db` CSV files (rows `start,end,value...`, start and
 * end as decimal numbers: the `-num.csv` files), kept in typed arrays and searched by binary
 * search: IPv4 bounds as Uint32, IPv6 bounds as two BigUint64 halves. Each distinct value is
 * stored once (rows point at it by index), so 400,000 rows naming 80,000 networks cost arrays,
 * not 400,000 objects; organisation names are interned.
 *
 * The file is read as latin1 (one byte per character: V8 decodes 20 MB of UTF-8 several times
 * slower, and makes a two-byte string of it) and each distinct value's text is decoded from UTF-8
 * once. The files come from an npm package, not from the user, but they are data: a row that
 * does not parse, or starts before the previous row ended, is skipped and counted (`skipped`),
 * never thrown.
 */
import { readFileSync } from 'node:fs';

export interface RangeTable<T> {
  /** The value of the range holding the address, if any. */
  find(address: number | bigint): T | undefined;
  readonly rows: number;
  readonly skipped: number;
}

/** Reads the value part of rows (`text` from `from` to `to`, the line's end) into a table of distinct values. */
export interface ValueReader<T> {
  /** The index in `values` of the value the text names; -1 when it names none. */
  of(text: string, from: number, to: number): number;
  readonly values: T[];
}

const MAX_V4 = 2 ** 32 - 1;
const MAX_V6 = (1n << 128n) - 1n;
const LOW = (1n << 64n) - 1n;
const DECIMAL = /^\d{1,39}$/;

/** A latin1-read slice as the UTF-8 text it encodes, in a string of its own (a slice would keep the whole file's text alive). */
export const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');

/** A CSV field's text: quoted when it holds a comma or quote (RFC 4180); undefined when malformed. */
export function csvText(field: string): string | undefined {
  if (!field.startsWith('"')) return field.includes('"') ? undefined : field;
  if (field.length < 2 || !field.endsWith('"')) return undefined;
  const inner = field.slice(1, -1);
  return inner.replace(/""/g, '').includes('"') ? undefined : inner.replace(/""/g, '"');
}

/** Where the last decimalAt stopped (the comma after the number): no array allocated per row. */
let stop = 0;

/** A decimal number of 1 to `max` digits at `i` followed by a comma (its index in `stop`), or -1. */
function decimalAt(text: string, i: number, max: number): number {
  let v = 0;
  const from = i;
  for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i)) {
    if (i - from >= max) return -1;
    v = v * 10 + (c - 48);
  }
  stop = i;
  return i > from && text.charCodeAt(i) === 44 ? v : -1;
}

/** `asn,org` values (@ip-location-db/asn): AS number and organisation, one object per distinct pair. */
export function asnValues(): ValueReader<{ readonly asn: number; readonly org: string }> {
  const values: Array<{ asn: number; org: string }> = [];
  const raws: string[] = []; // each value's org field as the file writes it, to match rows without slicing
  const byAsn = new Map<number, number[]>();
  const orgs = new Map<string, string>();
  return {
    values,
    of(text, from, to) {
      const asn = decimalAt(text, from, 10);
      if (asn < 0 || asn > MAX_V4) return -1;
      const start = stop + 1;
      const same = byAsn.get(asn);
      if (same) for (const k of same) if (raws[k]!.length === to - start && text.startsWith(raws[k]!, start)) return k;
      const raw = text.slice(start, to);
      const field = csvText(raw);
      if (field === undefined) return -1;
      let org = orgs.get(field);
      if (org === undefined) orgs.set(field, (org = utf8(field)));
      raws.push(raw); // a slice of the file's text: the reader is dropped after the load
      const k = values.push({ asn, org }) - 1;
      if (same) same.push(k);
      else byAsn.set(asn, [k]);
      return k;
    },
  };
}

/** Two-letter country codes (@ip-location-db/*-country). */
export function countryValues(): ValueReader<string> {
  const values: string[] = [];
  const index = new Map<number, number>();
  return {
    values,
    of(text, from, to) {
      const a = text.charCodeAt(from);
      const b = text.charCodeAt(from + 1);
      if (to - from !== 2 || a < 65 || a > 90 || b < 65 || b > 90) return -1;
      let k = index.get(a * 256 + b);
      if (k === undefined) index.set(a * 256 + b, (k = values.push(String.fromCharCode(a, b)) - 1));
      return k;
    },
  };
}

/** Calls `row(lineStart, lineEnd)` for each non-empty line (a trailing CR excluded). */
function eachLine(text: string, row: (from: number, to: number) => void): void {
  for (let at = 0; at < text.length; ) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const to = text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
    if (to > at) row(at, to);
    at = eol + 1;
  }
}


/**
 * Rows in file order (by start) into ranges that do not overlap. A row inside the range before it
 * (the files have some: a more specific network inside a larger one, up to three deep) wins
 * over it for its addresses, as the most specific network does in a MaxMind tree; the larger
 * range keeps the addresses around it. A row that starts before the previous one, or starts
 * inside an open range and ends beyond it, is refused (`add` is false).
 */
class NestedRanges<N extends number | bigint> {
  readonly starts: N[] = [];
  readonly ends: N[] = [];
  readonly refs: number[] = [];
  private readonly open: Array<{ end: N; ref: number }> = [];
  /** The first address of the open ranges not yet written out. */
  private cursor: N | undefined;
  constructor(
    private readonly next: (x: N) => N,
    private readonly previous: (x: N) => N,
  ) {}

  private emit(start: N, end: N, ref: number): void {
    if (start > end) return;
    this.starts.push(start);
    this.ends.push(end);
    this.refs.push(ref);
  }

  /** Writes out the open ranges that end before `at`. */
  private closeBefore(at: N | undefined): void {
    for (let top = this.open.at(-1); top && (at === undefined || top.end < at); top = this.open.at(-1)) {
      this.open.pop();
      this.emit(this.cursor!, top.end, top.ref);
      this.cursor = this.next(top.end);
    }
  }

  /** Whether the row can be placed (before its value is read: a refused row costs nothing more). */
  fits(start: N, end: N): boolean {
    if (this.cursor !== undefined && start < this.cursor) return false;
    // The innermost open range still open at `start` (those above it on the stack end before it).
    for (let i = this.open.length - 1; i >= 0; i--) if (this.open[i]!.end >= start) return end <= this.open[i]!.end;
    return true;
  }

  add(start: N, end: N, ref: number): void {
    this.closeBefore(start);
    const top = this.open.at(-1);
    if (top) this.emit(this.cursor!, this.previous(start), top.ref);
    this.cursor = start;
    this.open.push({ end, ref });
  }

  finish(): void {
    this.closeBefore(undefined);
  }
}

interface Loaded<T> {
  readonly starts: Uint32Array | BigUint64Array;
  readonly ends: Uint32Array | BigUint64Array;
  readonly refs: Uint32Array;
  readonly table: T[];
  readonly n: number;
  readonly skipped: number;
}

// Reading and searching are separate functions so that the search closure's scope holds the
// arrays only, not the reader (whose maps were built from the file's text).

/** IPv4 ranges from a `*-ipv4-num.csv` file. */
export function loadIpv4Ranges<T>(file: string, values: ValueReader<T>): RangeTable<T> {
  return searchIpv4(readIpv4(readFileSync(file, 'latin1'), values));
}

function readIpv4<T>(text: string, values: ValueReader<T>): Loaded<T> {
  const ranges = new NestedRanges<number>((x) => x + 1, (x) => x - 1);
  let skipped = 0;
  eachLine(text, (from, to) => {
    const a = decimalAt(text, from, 10);
    const b = a < 0 ? -1 : decimalAt(text, stop + 1, 10);
    const ref = b >= 0 && a <= b && b <= MAX_V4 && ranges.fits(a, b) ? values.of(text, stop + 1, to) : -1;
    if (ref < 0) return void skipped++;
    ranges.add(a, b, ref);
  });
  ranges.finish();
  const { starts, ends, refs } = ranges;
  return { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends), refs: Uint32Array.from(refs), table: values.values, n: refs.length, skipped };
}

function searchIpv4<T>({ starts, ends, refs, table, n, skipped }: Loaded<T>): RangeTable<T> {
  return {
    rows: n,
    skipped,
    find(address) {
      const x = Number(address);
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid]! > x) hi = mid - 1;
        else if (ends[mid]! < x) lo = mid + 1;
        else return table[refs[mid]!];
      }
      return undefined;
    },
  };
}

function decimal128(s: string): bigint | undefined {
  if (!DECIMAL.test(s)) return undefined;
  const v = BigInt(s);
  return v <= MAX_V6 ? v : undefined;
}

/** IPv6 ranges from a `*-ipv6-num.csv` file: each bound as its high and low 64 bits. */
export function loadIpv6Ranges<T>(file: string, values: ValueReader<T>): RangeTable<T> {
  return searchIpv6(readIpv6(readFileSync(file, 'latin1'), values));
}

function readIpv6<T>(text: string, values: ValueReader<T>): Loaded<T> {
  const ranges = new NestedRanges<bigint>((x) => x + 1n, (x) => x - 1n);
  let skipped = 0;
  eachLine(text, (from, to) => {
    const c1 = text.indexOf(',', from);
    const c2 = c1 < 0 || c1 > to ? -1 : text.indexOf(',', c1 + 1);
    const start = c2 < 0 || c2 > to ? undefined : decimal128(text.slice(from, c1));
    const end = start === undefined ? undefined : decimal128(text.slice(c1 + 1, c2));
    const ref = start !== undefined && end !== undefined && start <= end && ranges.fits(start, end) ? values.of(text, c2 + 1, to) : -1;
    if (ref < 0) return void skipped++;
    ranges.add(start!, end!, ref);
  });
  ranges.finish();
  // Each bound as its high and low 64 bits, side by side.
  const halves = (bounds: bigint[]): BigUint64Array => {
    const out = new BigUint64Array(2 * bounds.length);
    bounds.forEach((b, i) => {
      out[2 * i] = b >> 64n;
      out[2 * i + 1] = b & LOW;
    });
    return out;
  };
  return { starts: halves(ranges.starts), ends: halves(ranges.ends), refs: Uint32Array.from(ranges.refs), table: values.values, n: ranges.refs.length, skipped };
}

function searchIpv6<T>(loaded: Loaded<T>): RangeTable<T> {
  const { refs, table, n, skipped } = loaded;
  const starts = loaded.starts as BigUint64Array;
  const ends = loaded.ends as BigUint64Array;
  // Compare by halves: no 128-bit BigInt is built per probe.
  const cmp = (bounds: BigUint64Array, i: number, xh: bigint, xl: bigint): number => {
    const h = bounds[2 * i]!;
    if (h !== xh) return h < xh ? -1 : 1;
    const l = bounds[2 * i + 1]!;
    return l < xl ? -1 : l > xl ? 1 : 0;
  };
  return {
    rows: n,
    skipped,
    find(address) {
      const x = BigInt(address);
      const xh = x >> 64n;
      const xl = x & LOW;
      let lo = 0;
      let hi = n - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(starts, mid, xh, xl) > 0) hi = mid - 1;
        else if (cmp(ends, mid, xh, xl) < 0) lo = mid + 1;
        else return table[refs[mid]!];
      }
      return undefined;
    },
  };
}
