/**
 * Our own decoder of one Parquet column chunk into typed arrays (parquet.apache.org/docs/file-format:
 * "Data Pages", "Encodings", "Nested Encoding"). hyparquet decodes a nested leaf into one JS array
 * per value and per optional struct above it, its levels into JS arrays, and every string of a
 * dictionary-encoded column once per row; here a chunk becomes
 *
 *  - its definition and repetition levels as Uint8Arrays (one byte per value: levels are bounded
 *    by the schema's depth, itself bounded in parquet-guard.ts),
 *  - for each level entry, where its value is: an index into the chunk's dictionary (a Uint32Array
 *    per page run, the dictionary's values converted once per entry) or a position in a PLAIN page
 *    (strings decoded only when asked for, so the rows a check ruled out never become strings).
 *
 * When a pushed-down check keeps few rows, parquet-sparse.ts decodes their entries alone from the
 * same page sections (chunkPages, pageData, readDictionary below).
 *
 * Supported: pages DATA_PAGE (v1), DATA_PAGE_V2, DICTIONARY_PAGE; encodings PLAIN,
 * PLAIN_DICTIONARY / RLE_DICTIONARY, RLE (levels, booleans); codecs UNCOMPRESSED, SNAPPY, GZIP,
 * BROTLI, ZSTD, LZ4, LZ4_RAW; the physical and logical types `convertValue` lists. Anything else
 * is a ParquetUnsupportedError naming it (the reader then falls back to hyparquet, which knows the
 * DELTA encodings and the rarer types). A malformed chunk is a ParquetLimitError: every count is
 * checked against the bytes that hold it before anything is allocated from it.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
import { gunzipInto } from './inflate.ts';
import { snappyUncompress } from 'hyparquet';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors';
import type { SchemaElement } from 'hyparquet';
import { count, ParquetLimitError, readPageHeader, type ThriftStruct } from './parquet-thrift.ts';

/** Something valid Parquet this decoder does not read (an encoding, codec or type). */
export class ParquetUnsupportedError extends Error {}

export interface PageLimits {
  readonly thriftDepth: number;
  /** one page, uncompressed */
  readonly pageBytes: number;
  /** level entries of one chunk (a run-length page can claim millions in a few bytes) */
  readonly chunkValues: number;
  /** level entries of one row group's chunks together */
  readonly rowGroupValues: number;
}

const ENCODINGS = ['PLAIN', 'GROUP_VAR_INT', 'PLAIN_DICTIONARY', 'RLE', 'BIT_PACKED', 'DELTA_BINARY_PACKED', 'DELTA_LENGTH_BYTE_ARRAY', 'DELTA_BYTE_ARRAY', 'RLE_DICTIONARY', 'BYTE_STREAM_SPLIT'];
const encodingName = (e: unknown) => ENCODINGS[Number(e)] ?? `encoding ${String(e)}`;
const PLAIN = 0;
const PLAIN_DICTIONARY = 2;
const RLE = 3;
const RLE_DICTIONARY = 8;

/** Where the values of one run of entries come from. */
type Segment =
  | { readonly kind: 'dict'; readonly first: number; readonly idx: Uint32Array }
  | { readonly kind: 'plain'; readonly first: number; readonly count: number; readonly get: (i: number) => unknown };

export interface DecodedLeaf {
  /** level entries (rows, for a leaf under no repeated field) */
  readonly entries: number;
  readonly maxDef: number;
  readonly maxRep: number;
  /** null when maxDef is 0 (every entry holds a value) */
  readonly def: Uint8Array | null;
  /** null when maxRep is 0 */
  readonly rep: Uint8Array | null;
  /** the value of entry `e`, or undefined when it is null at some level */
  value(e: number): unknown;
  /**
   * A number standing for entry `e`'s value, equal for equal dictionary entries: 0 for null, the
   * dictionary index + 1, or -1 when the value is not from the dictionary (no key).
   */
  key(e: number): number;
  /** the dictionary's values, converted (empty when the chunk has none) */
  readonly dictionary: readonly unknown[];
  /**
   * null when every row's value is held; else the rows asked for (ascending), the only ones whose
   * values are (other rows read as null, or are not held at all: parquet-sparse.ts)
   */
  readonly rowsHeld: readonly number[] | null;
  /** The first entry of row `r`, and one past its last (a row of a leaf under no repeated field is one entry). */
  rowStart(r: number): number;
  rowEnd(r: number): number;
}

/** A chunk's physical type and how its values are converted (hyparquet's defaults, convert.js). */
export interface LeafType {
  readonly element: SchemaElement;
  readonly maxDef: number;
  readonly maxRep: number;
}

const utf8 = new TextDecoder();

/** A converter of one raw value to what hyparquet's object reader gives, or an unsupported error. */
function converterFor(element: SchemaElement): (raw: unknown) => unknown {
  const { type, converted_type: ctype, logical_type: ltype } = element;
  const unsupported = (what: string) => {
    throw new ParquetUnsupportedError(`column type ${what} is not read by trailhound's decoder`);
  };
  if (ctype === 'DECIMAL' || ctype === 'JSON' || ctype === 'BSON' || ctype === 'INTERVAL' || ctype === 'DATE' || ctype === 'TIME_MILLIS' || ctype === 'TIME_MICROS') unsupported(ctype);
  if (ctype === 'UINT_8' || ctype === 'UINT_16' || ctype === 'UINT_32' || ctype === 'UINT_64') unsupported(ctype);
  if (ltype && ltype.type !== 'STRING' && ltype.type !== 'TIMESTAMP' && ltype.type !== 'INTEGER') unsupported(ltype.type);
  if (ltype?.type === 'INTEGER' && !ltype.isSigned) unsupported('unsigned INTEGER');
  if (type === 'INT96' || type === 'FIXED_LEN_BYTE_ARRAY') unsupported(type);
  if (ctype === 'TIMESTAMP_MILLIS') return (v) => new Date(Number(v));
  if (ctype === 'TIMESTAMP_MICROS') return (v) => new Date(Number((v as bigint) / 1000n));
  if (ltype?.type === 'TIMESTAMP') {
    if (ltype.unit === 'MICROS') return (v) => new Date(Number((v as bigint) / 1000n));
    if (ltype.unit === 'NANOS') return (v) => new Date(Number((v as bigint) / 1000000n));
    return (v) => new Date(Number(v));
  }
  if (type === 'BYTE_ARRAY') return (v) => utf8.decode(v as Uint8Array);
  return (v) => v;
}

/**
 * A buffer pages are decompressed into when nothing keeps their bytes past their decoding (the
 * sparse decoder converts the values it reads): fresh memory per page (page faults, cold caches)
 * made inflating slower (inflate.ts says by how much).
 */
export class PageScratch {
  private bytes = new Uint8Array(0);

  /** A buffer of at least `size` bytes, valid until the next take. */
  take(size: number): Uint8Array {
    if (this.bytes.length < size) this.bytes = new Uint8Array(Math.max(size, Math.min(2 * this.bytes.length, 64 * 1024 * 1024)));
    return this.bytes;
  }
}

/** Decompresses a page to exactly `size` bytes, never more (into `scratch` when given: valid until its next use). */
export function decompressPage(codec: string, input: Uint8Array, size: number, limits: PageLimits, scratch?: PageScratch): Uint8Array {
  if (size > limits.pageBytes) throw new ParquetLimitError(`a page of ${size} bytes is over the limit of ${limits.pageBytes}`);
  try {
    return decompressInto(codec, input, size, scratch);
  } catch (e) {
    if (e instanceof ParquetLimitError || e instanceof ParquetUnsupportedError) throw e;
    // the decompressors write into a buffer of the header's size: more output is their error
    throw new ParquetLimitError(`a ${codec} page does not decompress to the ${size} bytes its header says: ${(e as Error).message}`);
  }
}

/** deflate's best ratio is about 1032:1 (zlib.net/zlib_tech.html): no gzip page inflates to more than this */
const inflatesTo = (input: Uint8Array) => input.length * 1040 + 1024;

function decompressInto(codec: string, input: Uint8Array, size: number, scratch: PageScratch | undefined): Uint8Array {
  let out: Uint8Array;
  const buffer = (n: number) => (scratch ? scratch.take(n).subarray(0, n) : new Uint8Array(n));
  switch (codec) {
    case 'UNCOMPRESSED':
      out = input;
      break;
    case 'SNAPPY':
      out = buffer(size);
      snappyUncompress(input, out);
      break;
    case 'GZIP': {
      if (size <= inflatesTo(input)) {
        // inflated straight into the page's buffer, without gzip's CRC-32 (inflate.ts: a fifth of
        // inflating); anything unusual (zlib-wrapped, damaged, another size) goes the checked way
        const into = buffer(size + 1);
        if (gunzipInto(input, into) === size) {
          out = into.subarray(0, size);
          break;
        }
      }
      // node's zlib stops at maxOutputLength: a bomb is an error, not an allocation. Its output
      // comes in chunks joined by a copy: one chunk of the page's size (and a byte, so the stream's
      // end fits) saves the copy, up to what the input could inflate to, never more
      const opts = { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, Math.min(size + 1, inflatesTo(input))) };
      out = inflated(() => gunzipSync(input, opts), () => inflateSync(input, opts));
      break;
    }
    case 'BROTLI':
      out = inflated(() => brotliDecompressSync(input, { maxOutputLength: Math.max(1, size) }));
      break;
    case 'ZSTD':
      // fzstd writes into the buffer given (no window of the frame's choosing is allocated) and
      // drops what does not fit: a frame that says it holds more than the header says is refused
      zstdContentSize(input, size);
      out = zstdDecompress(input, buffer(size));
      break;
    case 'LZ4':
      out = decompressLz4(input, size);
      break;
    case 'LZ4_RAW':
      out = decompressLz4Raw(input, size);
      break;
    default:
      throw new ParquetUnsupportedError(`compression ${codec} is not supported`);
  }
  if (out.length !== size) throw new ParquetLimitError(`a ${codec} page decompressed to ${out.length} bytes, its header says ${size}`);
  return out;
}

/** A ZSTD frame may not declare more content (RFC 8878, "Frame_Header") than the page header says. */
function zstdContentSize(input: Uint8Array, size: number): void {
  if (input.length < 6 || input[0] !== 0x28 || input[1] !== 0xb5 || input[2] !== 0x2f || input[3] !== 0xfd) return;
  const flags = input[4]!;
  const fcsFlag = flags >> 6;
  const single = (flags >> 5) & 1;
  const dictBytes = [0, 1, 2, 4][flags & 3]!;
  const fcsBytes = fcsFlag === 0 ? single : 1 << fcsFlag;
  if (fcsBytes === 0) return;
  const at = 5 + (single ? 0 : 1) + dictBytes;
  if (at + fcsBytes > input.length) throw new ParquetLimitError('a ZSTD page ends in its frame header');
  let declared = 0;
  for (let k = 0; k < fcsBytes; k++) declared += input[at + k]! * 2 ** (8 * k);
  if (fcsBytes === 2) declared += 256;
  if (declared > size) throw new ParquetLimitError(`a ZSTD page decompresses to ${declared} bytes, its header says ${size}`);
}

function inflated(...tries: (() => Buffer)[]): Uint8Array {
  let last: unknown;
  for (const t of tries) {
    try {
      const b = t();
      return new Uint8Array(b.buffer, b.byteOffset, b.length);
    } catch (e) {
      last = e;
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ParquetLimitError('a page decompresses to more bytes than its header says');
    }
  }
  throw new ParquetLimitError(`a page does not decompress: ${(last as Error).message}`);
}

function bitWidth(max: number): number {
  return 32 - Math.clz32(max);
}

/**
 * The RLE/bit-packed hybrid (parquet.apache.org/docs/file-format/data-pages/encodings, "Run
 * Length Encoding / Bit-Packing Hybrid") from bytes[at..end) into out[from..from+n): exactly n
 * values, whatever the runs claim (a run past n is an error, padding of the last group is not).
 */
function readHybrid(bytes: Uint8Array, at: number, end: number, width: number, out: Uint8Array | Uint32Array, from: number, n: number, where: string): void {
  if (width > 32) throw new ParquetLimitError(`${where}: bit width ${width} is over 32`);
  const stop = from + n;
  let o = from;
  const byteWidth = (width + 7) >> 3;
  const mask = width >= 31 ? 2 ** width - 1 : (1 << width) - 1;
  while (o < stop) {
    // the run header, a ULEB128 of at most 32 bits
    let header = 0;
    let scale = 1;
    for (;;) {
      if (at >= end) throw new ParquetLimitError(`${where}: run-length data ends after ${o - from} of ${n} values`);
      const b = bytes[at++]!;
      header += (b & 0x7f) * scale;
      if (!(b & 0x80)) break;
      scale *= 128;
      if (scale > 2 ** 28) throw new ParquetLimitError(`${where}: run-length header over 32 bits`);
    }
    if (header % 2 === 0) {
      // a run past the values wanted is cut (some writers run a page's booleans to its value
      // count, nulls included, as hyparquet-writer does); nothing is allocated from it
      const run = Math.min(header / 2, stop - o);
      if (at + byteWidth > end) throw new ParquetLimitError(`${where}: run-length data ends in a run's value`);
      let v = 0;
      for (let k = 0; k < byteWidth; k++) v += bytes[at + k]! * 2 ** (8 * k);
      at += byteWidth;
      if (v > mask) throw new ParquetLimitError(`${where}: a run's value ${v} is wider than ${width} bits`);
      out.fill(v, o, o + run);
      o += run;
    } else {
      const values = ((header - 1) / 2) * 8;
      const take = Math.min(values, stop - o);
      // bytes of the groups read (a longer run, as a longer RLE run, is cut)
      const bytesNeeded = Math.ceil(take / 8) * width;
      if (bytesNeeded > end - at) throw new ParquetLimitError(`${where}: a bit-packed run of ${bytesNeeded} bytes runs past the data`);
      if (width === 0) out.fill(0, o, o + take);
      else if (width <= 24) {
        let buf = 0;
        let bits = 0;
        let p = at;
        for (let k = 0; k < take; k++) {
          while (bits < width) {
            buf |= bytes[p++]! << bits;
            bits += 8;
          }
          out[o + k] = buf & mask;
          buf >>>= width;
          bits -= width;
        }
      } else {
        let buf = 0;
        let bits = 0;
        let p = at;
        const pow = 2 ** width;
        for (let k = 0; k < take; k++) {
          while (bits < width) {
            buf += bytes[p++]! * 2 ** bits;
            bits += 8;
          }
          out[o + k] = buf % pow;
          buf = Math.floor(buf / pow);
          bits -= width;
        }
      }
      at += bytesNeeded;
      o += take;
    }
  }
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `n` PLAIN values from bytes[at..end): an accessor that converts value i when asked. */
function plainValues(bytes: Uint8Array, at: number, end: number, n: number, element: SchemaElement, convert: (raw: unknown) => unknown, where: string): (i: number) => unknown {
  const type = element.type;
  const need = (per: number) => {
    if (n * per > end - at) throw new ParquetLimitError(`${where}: ${n} ${type} values need ${n * per} bytes, the page holds ${end - at}`);
  };
  const dv = view(bytes);
  switch (type) {
    case 'BOOLEAN': {
      need(1 / 8);
      return (i) => convert(((bytes[at + (i >> 3)]! >> (i & 7)) & 1) === 1);
    }
    case 'INT32':
      need(4);
      return (i) => convert(dv.getInt32(at + 4 * i, true));
    case 'INT64':
      need(8);
      return (i) => convert(dv.getBigInt64(at + 8 * i, true));
    case 'FLOAT':
      need(4);
      return (i) => convert(dv.getFloat32(at + 4 * i, true));
    case 'DOUBLE':
      need(8);
      return (i) => convert(dv.getFloat64(at + 8 * i, true));
    case 'BYTE_ARRAY': {
      need(4);
      // each value is a 4-byte length and its bytes: their starts, found in one walk
      const starts = new Int32Array(n + 1);
      let p = at;
      for (let i = 0; i < n; i++) {
        if (p + 4 > end) throw new ParquetLimitError(`${where}: BYTE_ARRAY value ${i} of ${n} runs past the page`);
        const len = dv.getUint32(p, true);
        if (len > end - p - 4) throw new ParquetLimitError(`${where}: a BYTE_ARRAY value of ${len} bytes runs past the page`);
        starts[i] = p + 4;
        p += 4 + len;
      }
      starts[n] = p + 4;
      return (i) => convert(bytes.subarray(starts[i]!, starts[i + 1]! - 4));
    }
    default:
      throw new ParquetUnsupportedError(`column type ${String(type)} is not read by trailhound's decoder`);
  }
}

// The hot loops live in small functions of their own: inside decodeChunk, whose closures capture
// its counters, V8 keeps those in a context object and the loops ran several times slower.

/** Each entry's position among the values (-1 for null); returns how many entries hold a value. */
function countPresent(def: Uint8Array, from: number, n: number, maxDef: number, where: string): number {
  checkLevels(def, from, n, maxDef, `${where}: definition level`);
  let present = 0;
  for (let e = from; e < from + n; e++) if (def[e] === maxDef) present++;
  return present;
}

function numberValues(def: Uint8Array | null, ords: Int32Array, from: number, n: number, maxDef: number, first: number, where: string): number {
  let present = 0;
  if (def) {
    checkLevels(def, from, n, maxDef, `${where}: definition level`);
    for (let e = from; e < from + n; e++) ords[e] = def[e] === maxDef ? first + present++ : -1;
  } else {
    for (let e = from; e < from + n; e++) ords[e] = first + present++;
  }
  return present;
}

function checkLevels(levels: Uint8Array, from: number, n: number, max: number, what: string): void {
  let top = 0;
  for (let e = from; e < from + n; e++) if (levels[e]! > top) top = levels[e]!;
  if (top > max) throw new ParquetLimitError(`${what} ${top} is over the column's maximum ${max}`);
}

function checkIndices(idx: Uint32Array, size: number, where: string): void {
  let top = 0;
  for (let i = 0; i < idx.length; i++) if (idx[i]! > top) top = idx[i]!;
  if (idx.length > 0 && top >= size) throw new ParquetLimitError(`${where}: dictionary index ${top} is out of range (the dictionary holds ${size} values)`);
}

/** One page of a chunk, its header read (before anything is decompressed). */
export interface ChunkPage {
  readonly where: string;
  readonly h: ThriftStruct;
  readonly body: Uint8Array;
  readonly size: number;
  /** the page's level entries, or its rows when skipped (one null entry each) */
  readonly n: number;
  /** the rows the page holds; -1 when unknown (a v1 page of a repeated leaf) */
  readonly rows: number;
  /** no row the read wants lies in the page: it is not decompressed */
  readonly skip: boolean;
}

/**
 * The page headers of a chunk: the arrays are sized from their value counts (bounded), and the
 * pages with no wanted row are known before any is decompressed. Returns the pages and the level
 * entries the decoder walks (`n` summed), charged to `budget`.
 */
export function chunkPages(
  bytes: Uint8Array,
  name: string,
  leaf: LeafType,
  rows: number,
  limits: PageLimits,
  wanted: ((fromRow: number, toRow: number) => boolean) | undefined,
  budget: { left: number } | undefined,
): { pages: ChunkPage[]; total: number } {
  const maxRep = leaf.maxRep;
  if (rows > limits.chunkValues) throw new ParquetLimitError(`column ${name}: ${rows} rows is over the limit of ${limits.chunkValues} values per column chunk`);
  const pages: ChunkPage[] = [];
  let total = 0;
  /** the row the next page starts at; -1 once unknown (a v1 page of a repeated leaf) */
  let row = 0;
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const where = `column ${name}, page ${k}`;
    const { header, size, body, end } = readPageHeader(bytes, at, where, limits);
    at = end;
    const type = header[1];
    let n = 0;
    let skip = false;
    let pageRows = 0;
    if (type === 0 || type === 3) {
      const ph = header[type === 3 ? 8 : 5] as ThriftStruct | undefined;
      if (!ph) throw new ParquetLimitError(`${where}: the page has no ${type === 3 ? 'DataPageHeaderV2' : 'DataPageHeader'}`);
      n = count(ph, 1, `${where}: value count`, limits.chunkValues);
      // rows in the page: its values for a flat leaf; a v2 page says (and starts a row)
      pageRows = maxRep === 0 ? n : type === 3 ? count(ph, 3, `${where}: row count`, n) : -1;
      if (pageRows < 0) row = -1;
      if (wanted && row >= 0 && pageRows >= 0) {
        skip = !wanted(row, row + pageRows);
        if (skip) n = pageRows;
      }
      if (row >= 0) row += pageRows;
    } else if (type !== 1 && type !== 2) {
      throw new ParquetLimitError(`${where}: page type ${String(type)} is not a Parquet page type`);
    }
    total += n;
    if (total > limits.chunkValues) throw new ParquetLimitError(`${where}: over ${limits.chunkValues} values in one column chunk`);
    pages.push({ where, h: header, body, size, n, rows: pageRows, skip });
  }
  if (maxRep === 0 && total !== rows) throw new ParquetLimitError(`column ${name}: ${total} values where the row group claims ${rows} rows`);
  if (budget) {
    if (total > budget.left) throw new ParquetLimitError(`column ${name}: the row group's columns hold over ${limits.rowGroupValues} values`);
    budget.left -= total;
  }
  return { pages, total };
}

/** A dictionary page's values, converted once each. */
export function readDictionary(page: ChunkPage, codec: string, element: SchemaElement, convert: (raw: unknown) => unknown, limits: PageLimits, scratch?: PageScratch): unknown[] {
  const { h, where } = page;
  const dh = h[7] as ThriftStruct | undefined;
  const enc = dh?.[2];
  if (enc !== PLAIN && enc !== PLAIN_DICTIONARY) throw new ParquetUnsupportedError(`${where}: dictionary page encoding ${encodingName(enc)} is not supported`);
  // every value is converted here: the bytes are not kept
  const data = decompressPage(codec, page.body, page.size, limits, scratch);
  const n = count(dh, 1, `${where}: dictionary size`, Math.min(data.length * 8, limits.chunkValues));
  const get = plainValues(data, 0, data.length, n, element, convert, where);
  const dictionary = new Array<unknown>(n);
  for (let i = 0; i < n; i++) dictionary[i] = get(i);
  return dictionary;
}

/** Where one level stream of a data page lies. */
export interface LevelBytes {
  readonly bytes: Uint8Array;
  readonly at: number;
  readonly end: number;
}

/** A data page split into its level streams and its values (decompressed). */
export interface PageData {
  readonly rep: LevelBytes | null;
  readonly def: LevelBytes | null;
  /** the values section: values[at..] */
  readonly values: Uint8Array;
  readonly at: number;
  readonly encoding: unknown;
}

/** Decompresses data page `page` and finds its sections (v1: length-prefixed levels, then values; v2: levels apart, uncompressed). */
export function pageData(page: ChunkPage, codec: string, leaf: LeafType, limits: PageLimits, scratch?: PageScratch): PageData {
  const { where, h, body, size } = page;
  const { maxDef, maxRep } = leaf;
  const v2 = h[1] === 3;
  const ph = h[v2 ? 8 : 5] as ThriftStruct;
  if (v2) {
    const stored = body.length;
    const repLen = count(ph, 6, `${where}: repetition levels size`, stored, false);
    const defLen = count(ph, 5, `${where}: definition levels size`, stored - repLen, false);
    if (size < repLen + defLen) throw new ParquetLimitError(`${where}: levels are larger than the page`);
    const compressed = ph[7] !== false;
    const rest = body.subarray(repLen + defLen);
    const values = compressed ? decompressPage(codec, rest, size - repLen - defLen, limits, scratch) : rest;
    if (!compressed && values.length !== size - repLen - defLen) throw new ParquetLimitError(`${where}: uncompressed values of ${values.length} bytes, the header says ${size - repLen - defLen}`);
    // the levels are read where they lie (never compressed), the values from their own buffer
    return {
      rep: maxRep ? { bytes: body, at: 0, end: repLen } : null,
      def: maxDef ? { bytes: body, at: repLen, end: repLen + defLen } : null,
      values,
      at: 0,
      encoding: ph[4],
    };
  }
  const data = decompressPage(codec, body, size, limits, scratch);
  let p = 0;
  const levels = (max: number, what: string, encoding: unknown): LevelBytes | null => {
    if (!max) return null;
    if (encoding !== RLE) throw new ParquetUnsupportedError(`${where}: ${what} levels in ${encodingName(encoding)} are not supported`);
    if (p + 4 > data.length) throw new ParquetLimitError(`${where}: ${what} levels run past the page`);
    const len = view(data).getUint32(p, true);
    p += 4;
    if (len > data.length - p) throw new ParquetLimitError(`${where}: ${what} levels of ${len} bytes run past the page`);
    const at = p;
    p += len;
    return { bytes: data, at, end: p };
  };
  const rep = levels(maxRep, 'repetition', ph[4]);
  const def = levels(maxDef, 'definition', ph[3]);
  return { rep, def, values: data, at: p, encoding: ph[2] };
}

export { bitWidth, converterFor, plainValues, encodingName, PLAIN, PLAIN_DICTIONARY, RLE, RLE_DICTIONARY };

/**
 * Decodes one column chunk's pages (its bytes, from the dictionary page or first data page on).
 * `rows` is the row group's row count: a leaf under no repeated field has exactly that many
 * entries. With `keep` (ascending rows), a page holding none of them is not decompressed (its
 * rows read as null): other rows are never asked for. When they are few, parquet-sparse.ts
 * decodes their entries alone.
 */
export function decodeChunk(
  bytes: Uint8Array,
  name: string,
  codec: string,
  leaf: LeafType,
  rows: number,
  limits: PageLimits,
  keep?: readonly number[],
  /** level entries the row group may still decode (its chunks together), taken from here */
  budget?: { left: number },
): DecodedLeaf {
  const { element, maxDef, maxRep } = leaf;
  const convert = converterFor(element);
  const { pages, total } = chunkPages(bytes, name, leaf, rows, limits, keep ? wantedOf(keep) : undefined, budget);
  const def = maxDef ? new Uint8Array(total) : null;
  const rep = maxRep ? new Uint8Array(total) : null;
  /** for each entry, its value's position among the chunk's values; -1 when null */
  // made when the first null (or skipped page) comes: until then every entry holds a value and
  // its position among the values is its own (most OCSF leaves of a row group have no null)
  let ords: Int32Array | null = null;
  const numbered = (upTo: number): Int32Array => {
    const o = new Int32Array(total);
    for (let e = 0; e < upTo; e++) o[e] = e;
    return o;
  };
  const segments: Segment[] = [];
  let dictionary: unknown[] = [];
  let entries = 0;
  let valueCount = 0;
  let skipped = false;
  for (const page of pages) {
    const { where, h, n, skip } = page;
    const type = h[1];
    if (type === 2) {
      dictionary = readDictionary(page, codec, element, convert, limits);
      continue;
    }
    if (type === 1) continue; // INDEX_PAGE: nothing to read
    if (skip) {
      // one null entry per row (def and rep 0: the arrays are zeroed), never asked for
      skipped = true;
      ords ??= numbered(entries);
      ords.fill(-1, entries, entries + n);
      entries += n;
      continue;
    }
    const d = pageData(page, codec, leaf, limits);
    if (d.rep) readHybrid(d.rep.bytes, d.rep.at, d.rep.end, bitWidth(maxRep), rep!, entries, n, `${where}: repetition levels`);
    if (d.def) readHybrid(d.def.bytes, d.def.at, d.def.end, bitWidth(maxDef), def!, entries, n, `${where}: definition levels`);
    const data = d.values;
    const p = d.at;
    if (rep && entries === 0 && n > 0 && rep[0] !== 0) throw new ParquetLimitError(`${where}: the first value does not start a row`);
    let present: number;
    if (ords === null && (!def || countPresent(def, entries, n, maxDef, where) === n)) present = n;
    else {
      ords ??= numbered(entries);
      present = numberValues(def, ords, entries, n, maxDef, valueCount, where);
    }
    if (rep) checkLevels(rep, entries, n, maxRep, `${where}: repetition level`);
    const enc = d.encoding;
    if (enc === PLAIN) {
      if (present > 0) segments.push({ kind: 'plain', first: valueCount, count: present, get: plainValues(data, p, data.length, present, element, convert, where) });
    } else if (enc === PLAIN_DICTIONARY || enc === RLE_DICTIONARY) {
      if (present > 0) {
        if (p >= data.length) throw new ParquetLimitError(`${where}: dictionary indices missing`);
        const width = data[p]!;
        const idx = new Uint32Array(present);
        readHybrid(data, p + 1, data.length, width, idx, 0, present, `${where}: dictionary indices`);
        checkIndices(idx, dictionary.length, where);
        segments.push({ kind: 'dict', first: valueCount, idx });
      }
    } else if (enc === RLE && element.type === 'BOOLEAN') {
      if (present > 0) {
        const bits = new Uint8Array(present);
        const { start, stop } = booleanRuns(data, p, where);
        readHybrid(data, start, stop, 1, bits, 0, present, `${where}: boolean values`);
        segments.push({ kind: 'plain', first: valueCount, count: present, get: (i) => convert(bits[i] === 1) });
      }
    } else {
      throw new ParquetUnsupportedError(`${where}: encoding ${encodingName(enc)} is not supported`);
    }
    entries += n;
    valueCount += present;
  }
  let last = 0;
  const segmentOf = (ord: number): Segment => {
    // entries are mostly read in order: start from the last segment used
    let s = segments[last]!;
    if (ord >= s.first && (s.kind === 'dict' ? ord < s.first + s.idx.length : ord < s.first + s.count)) return s;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid]!.first <= ord) lo = mid;
      else hi = mid - 1;
    }
    last = lo;
    s = segments[lo]!;
    return s;
  };
  const finalOrds = ords;
  const dict = dictionary;
  const onlyDict = segments.length === 1 && segments[0]!.kind === 'dict' ? (segments[0] as Extract<Segment, { kind: 'dict' }>).idx : null;
  const defs = def && def.subarray(0, entries);
  const reps = rep && rep.subarray(0, entries);
  // a row count that does not match fails the read here, not when a row is built
  const starts = reps ? rowStarts(reps, entries, rows, name) : null;
  return {
    entries,
    maxDef,
    maxRep,
    def: defs,
    rep: reps,
    dictionary: dict,
    rowsHeld: skipped ? keep! : null,
    rowStart: starts ? (r) => starts[r]! : (r) => r,
    rowEnd: starts ? (r) => starts[r + 1]! : (r) => r + 1,
    value(e) {
      const ord = finalOrds ? finalOrds[e]! : e;
      if (ord < 0) return undefined;
      if (onlyDict) return dict[onlyDict[ord]!];
      const s = segmentOf(ord);
      return s.kind === 'dict' ? dict[s.idx[ord - s.first]!] : s.get(ord - s.first);
    },
    key(e) {
      const ord = finalOrds ? finalOrds[e]! : e;
      if (ord < 0) return 0;
      if (onlyDict) return onlyDict[ord]! + 1;
      const s = segmentOf(ord);
      return s.kind === 'dict' ? s.idx[ord - s.first]! + 1 : -1;
    },
  };
}

/** A BOOLEAN page's RLE values: length-prefixed, in v1 and v2 pages alike (as parquet-mr and hyparquet read them). */
export function booleanRuns(data: Uint8Array, p: number, where: string): { start: number; stop: number } {
  if (p + 4 > data.length) throw new ParquetLimitError(`${where}: boolean values run past the page`);
  const start = p + 4;
  return { start, stop: Math.min(data.length, start + view(data).getUint32(p, true)) };
}

/** Pages holding one of `keep`'s rows (ascending): a binary search per page. */
export function wantedOf(keep: readonly number[]): (from: number, to: number) => boolean {
  return (from, to) => {
    let lo = 0;
    let hi = keep.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keep[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < keep.length && keep[lo]! < to;
  };
}

/** The first entry of each row (rows + 1 starts) of a leaf under a repeated field. */
function rowStarts(rep: Uint8Array, entries: number, rows: number, path: string): Int32Array {
  const starts = new Int32Array(rows + 1);
  let r = 0;
  for (let e = 0; e < entries; e++) {
    if (rep[e] === 0) {
      if (r >= rows) throw new ParquetLimitError(`column ${path} holds more than the row group's ${rows} rows`);
      starts[r++] = e;
    }
  }
  if (r !== rows) throw new ParquetLimitError(`column ${path} holds ${r} rows where the row group claims ${rows}`);
  starts[rows] = entries;
  return starts;
}
