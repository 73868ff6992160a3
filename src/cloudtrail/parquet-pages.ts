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
 * Supported: pages DATA_PAGE (v1), DATA_PAGE_V2, DICTIONARY_PAGE; encodings PLAIN,
 * PLAIN_DICTIONARY / RLE_DICTIONARY, RLE (levels, booleans); codecs UNCOMPRESSED, SNAPPY, GZIP,
 * BROTLI, ZSTD, LZ4, LZ4_RAW; the physical and logical types `convertValue` lists. Anything else
 * is a ParquetUnsupportedError naming it (the reader then falls back to hyparquet, which knows the
 * DELTA encodings and the rarer types). A malformed chunk is a ParquetLimitError: every count is
 * checked against the bytes that hold it before anything is allocated from it.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { decompress as zstdDecompress } from 'fzstd';
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

/** Decompresses a page to exactly `size` bytes, never more. */
export function decompressPage(codec: string, input: Uint8Array, size: number, limits: PageLimits): Uint8Array {
  if (size > limits.pageBytes) throw new ParquetLimitError(`a page of ${size} bytes is over the limit of ${limits.pageBytes}`);
  try {
    return decompressInto(codec, input, size);
  } catch (e) {
    if (e instanceof ParquetLimitError || e instanceof ParquetUnsupportedError) throw e;
    // the decompressors write into a buffer of the header's size: more output is their error
    throw new ParquetLimitError(`a ${codec} page does not decompress to the ${size} bytes its header says: ${(e as Error).message}`);
  }
}

function decompressInto(codec: string, input: Uint8Array, size: number): Uint8Array {
  let out: Uint8Array;
  switch (codec) {
    case 'UNCOMPRESSED':
      out = input;
      break;
    case 'SNAPPY':
      out = new Uint8Array(size);
      snappyUncompress(input, out);
      break;
    case 'GZIP':
      // node's zlib stops at maxOutputLength: a bomb is an error, not an allocation
      out = inflated(() => gunzipSync(input, { maxOutputLength: Math.max(1, size) }), () => inflateSync(input, { maxOutputLength: Math.max(1, size) }));
      break;
    case 'BROTLI':
      out = inflated(() => brotliDecompressSync(input, { maxOutputLength: Math.max(1, size) }));
      break;
    case 'ZSTD':
      // fzstd writes into the buffer given (no window of the frame's choosing is allocated) and
      // drops what does not fit: a frame that says it holds more than the header says is refused
      zstdContentSize(input, size);
      out = zstdDecompress(input, new Uint8Array(size));
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
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
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

/**
 * Decodes one column chunk's pages (its bytes, from the dictionary page or first data page on).
 * `rows` is the row group's row count: a leaf under no repeated field has exactly that many
 * entries.
 */
export function decodeChunk(
  bytes: Uint8Array,
  name: string,
  codec: string,
  leaf: LeafType,
  rows: number,
  limits: PageLimits,
  /** When given, a data page holding no row it wants is not decompressed nor decoded (its rows read as null). */
  wanted?: (fromRow: number, toRow: number) => boolean,
  /** level entries the row group may still decode (its chunks together), taken from here */
  budget?: { left: number },
): DecodedLeaf {
  const { element, maxDef, maxRep } = leaf;
  const convert = converterFor(element);
  if (rows > limits.chunkValues) throw new ParquetLimitError(`column ${name}: ${rows} rows is over the limit of ${limits.chunkValues} values per column chunk`);
  // the page headers first: the arrays are sized from their value counts (bounded), and the
  // pages with no wanted row are known before any is decompressed
  interface Page {
    readonly where: string;
    readonly h: ThriftStruct;
    readonly body: Uint8Array;
    readonly size: number;
    /** the page's level entries, or its rows when skipped (one null entry each) */
    readonly n: number;
    readonly skip: boolean;
  }
  const pages: Page[] = [];
  let total = 0;
  /** the row the next page starts at; -1 once unknown (a v1 page of a repeated leaf) */
  let row = 0;
  for (let at = 0, k = 0; at < bytes.length; k++) {
    const where = `column ${name}, page ${k}`;
    const { header, size, body, end } = readPageHeader(bytes, at, where, limits);
    const h = { value: header };
    at = end;
    const type = header[1];
    let n = 0;
    let skip = false;
    if (type === 0 || type === 3) {
      const ph = h.value[type === 3 ? 8 : 5] as ThriftStruct | undefined;
      if (!ph) throw new ParquetLimitError(`${where}: the page has no ${type === 3 ? 'DataPageHeaderV2' : 'DataPageHeader'}`);
      n = count(ph, 1, `${where}: value count`, limits.chunkValues);
      // rows in the page: its values for a flat leaf; a v2 page says (and starts a row)
      const pageRows = maxRep === 0 ? n : type === 3 ? count(ph, 3, `${where}: row count`, n) : -1;
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
    pages.push({ where, h: h.value, body, size, n, skip });
  }
  if (maxRep === 0 && total !== rows) throw new ParquetLimitError(`column ${name}: ${total} values where the row group claims ${rows} rows`);
  if (budget) {
    if (total > budget.left) throw new ParquetLimitError(`column ${name}: the row group's columns hold over ${limits.rowGroupValues} values`);
    budget.left -= total;
  }
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
  for (const { where, h, body, size, n, skip } of pages) {
    const type = h[1];
    if (type === 2) {
      const dh = h[7] as ThriftStruct | undefined;
      const enc = dh?.[2];
      if (enc !== PLAIN && enc !== PLAIN_DICTIONARY) throw new ParquetUnsupportedError(`${where}: dictionary page encoding ${encodingName(enc)} is not supported`);
      const data = decompressPage(codec, body, size, limits);
      const count_ = count(dh, 1, `${where}: dictionary size`, Math.min(data.length * 8, limits.chunkValues));
      const get = plainValues(data, 0, data.length, count_, element, convert, where);
      dictionary = new Array<unknown>(count_);
      for (let i = 0; i < count_; i++) dictionary[i] = get(i);
      continue;
    }
    if (type === 1) continue; // INDEX_PAGE: nothing to read
    if (skip) {
      // one null entry per row (def and rep 0: the arrays are zeroed), never asked for
      ords ??= numbered(entries);
      ords.fill(-1, entries, entries + n);
      entries += n;
      continue;
    }
    const v2 = type === 3;
    const ph = h[v2 ? 8 : 5] as ThriftStruct;
    const stored = body.length;
    let data: Uint8Array;
    let p = 0;
    const levels = (max: number, into: Uint8Array | null, what: string, v1Encoding: unknown, v2Len: number) => {
      if (!max) return;
      if (!v2 && v1Encoding !== RLE) throw new ParquetUnsupportedError(`${where}: ${what} levels in ${encodingName(v1Encoding)} are not supported`);
      let len = v2Len;
      if (!v2) {
        if (p + 4 > data.length) throw new ParquetLimitError(`${where}: ${what} levels run past the page`);
        len = view(data).getUint32(p, true);
        p += 4;
      }
      if (len > data.length - p) throw new ParquetLimitError(`${where}: ${what} levels of ${len} bytes run past the page`);
      readHybrid(data, p, p + len, bitWidth(max), into!, entries, n, `${where}: ${what} levels`);
      p += len;
    };
    if (v2) {
      const repLen = count(ph, 6, `${where}: repetition levels size`, stored, false);
      const defLen = count(ph, 5, `${where}: definition levels size`, stored - repLen, false);
      if (size < repLen + defLen) throw new ParquetLimitError(`${where}: levels are larger than the page`);
      const compressed = ph[7] !== false;
      const rest = body.subarray(repLen + defLen);
      const values = compressed ? decompressPage(codec, rest, size - repLen - defLen, limits) : rest;
      if (!compressed && values.length !== size - repLen - defLen) throw new ParquetLimitError(`${where}: uncompressed values of ${values.length} bytes, the header says ${size - repLen - defLen}`);
      // the levels are read where they lie (never compressed), the values from their own buffer
      data = body;
      levels(maxRep, rep, 'repetition', RLE, repLen);
      levels(maxDef, def, 'definition', RLE, defLen);
      data = values;
      p = 0;
    } else {
      data = decompressPage(codec, body, size, limits);
      levels(maxRep, rep, 'repetition', ph[4], 0);
      levels(maxDef, def, 'definition', ph[3], 0);
    }
    if (rep && entries === 0 && n > 0 && rep[0] !== 0) throw new ParquetLimitError(`${where}: the first value does not start a row`);
    let present: number;
    if (ords === null && (!def || countPresent(def, entries, n, maxDef, where) === n)) present = n;
    else {
      ords ??= numbered(entries);
      present = numberValues(def, ords, entries, n, maxDef, valueCount, where);
    }
    if (rep) checkLevels(rep, entries, n, maxRep, `${where}: repetition level`);
    const enc = ph[v2 ? 4 : 2];
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
        // length-prefixed, in v1 and v2 pages alike (as parquet-mr and hyparquet read them)
        if (p + 4 > data.length) throw new ParquetLimitError(`${where}: boolean values run past the page`);
        const start = p + 4;
        const stop = Math.min(data.length, start + view(data).getUint32(p, true));
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
  return {
    entries,
    maxDef,
    maxRep,
    def: def && def.subarray(0, entries),
    rep: rep && rep.subarray(0, entries),
    dictionary: dict,
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
