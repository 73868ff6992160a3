/**
 * Checks what a Parquet file says about its own sizes before hyparquet allocates from them.
 * hyparquet trusts the footer and page headers: a page's run-length counts grow arrays past
 * their length, a row group's row count sizes the row array, a ZSTD frame decides its own output
 * size, nested Thrift recurses. A hostile or corrupt file could so exhaust memory (a fatal V8
 * error, not an exception) or loop for hours. Every such number is checked here against the
 * file's real size and the limits below; a file or row group that fails is reported, and its
 * neighbours are read (docs/cloudtrail.md, "Security Lake Parquet"; docs/reliability.md).
 */
import type { AsyncBuffer, Compressors, FileMetaData } from 'hyparquet';
import { decompress as zstdDecompress } from 'fzstd';
import { count, ParquetLimitError, readPageHeader, readThriftStruct, type ThriftStruct } from './parquet-thrift.ts';

export { ParquetLimitError };

export const PARQUET_LIMITS = {
  /** footer metadata: real footers are kilobytes to a few megabytes */
  footerBytes: 64 * 1024 * 1024,
  /** Thrift values in the footer (about 25 per column chunk: 160,000 chunks) */
  footerValues: 4_000_000,
  thriftDepth: 64,
  schemaElements: 100_000,
  schemaDepth: 64,
  /** one page, uncompressed (writers aim at 1 MiB) */
  pageBytes: 256 * 1024 * 1024,
  /** level entries of one column chunk (our decoder's arrays are sized from it: parquet-pages.ts) */
  chunkValues: 16 * 1024 * 1024,
  /** one row group's selected pages, uncompressed */
  rowGroupBytes: 2 * 1024 * 1024 * 1024,
  /** values (levels included) decoded from one row group's selected columns */
  rowGroupValues: 64 * 1024 * 1024,
} as const;

type Limits = typeof PARQUET_LIMITS;

/** The footer's bytes (metadata, its length, `PAR1`), checked: what `parquetMetadata` parses. */
export async function readCheckedFooter(file: AsyncBuffer, limits: Limits = PARQUET_LIMITS): Promise<ArrayBuffer> {
  const size = file.byteLength;
  if (size < 12) throw new ParquetLimitError(`not a Parquet file: ${size} bytes is shorter than its framing`);
  const tail = new Uint8Array(await file.slice(size - 8, size));
  if (String.fromCharCode(...tail.subarray(4)) !== 'PAR1') throw new ParquetLimitError('not a Parquet file: it does not end with PAR1');
  const length = new DataView(tail.buffer, tail.byteOffset).getUint32(0, true);
  if (length > size - 12) throw new ParquetLimitError(`footer length ${length} runs past the start of the ${size}-byte file`);
  if (length > limits.footerBytes) throw new ParquetLimitError(`footer length ${length} is over the limit of ${limits.footerBytes} bytes`);
  const footer = await file.slice(size - 8 - length, size);
  const bytes = new Uint8Array(footer);
  const walked = readThriftStruct(bytes, 0, length, { maxDepth: limits.thriftDepth, maxValues: limits.footerValues });
  if (walked.end !== length) throw new ParquetLimitError(`footer metadata ends at byte ${walked.end} of its ${length}`);
  return footer;
}

export interface LeafColumn {
  readonly type: string | undefined;
  readonly typeLength: number;
  readonly maxRep: number;
  readonly maxDef: number;
  /** the schema elements from the top-level column down to this leaf */
  readonly elements: readonly FileMetaData['schema'][number][];
}

/** The schema's leaves by dotted path, checked: children counts consistent, depth bounded. */
export function checkSchema(metadata: FileMetaData, limits: Limits = PARQUET_LIMITS): Map<string, LeafColumn> {
  const schema = metadata.schema;
  if (schema.length === 0) throw new ParquetLimitError('the schema is empty');
  if (schema.length > limits.schemaElements) throw new ParquetLimitError(`the schema has ${schema.length} elements, over the limit of ${limits.schemaElements}`);
  const leaves = new Map<string, LeafColumn>();
  // iterative walk of the flattened tree: each frame is an element whose children are still being read
  const stack: { left: number; path: string[]; rep: number; def: number; elements: FileMetaData['schema'][number][] }[] = [];
  for (let i = 0; i < schema.length; i++) {
    const e = schema[i]!;
    const kids = e.num_children ?? 0;
    if (!Number.isInteger(kids) || kids < 0) throw new ParquetLimitError(`schema element ${e.name} has ${kids} children`);
    if (i > 0 && stack.length === 0) throw new ParquetLimitError(`schema element ${e.name} lies outside the root`);
    const parent = stack[stack.length - 1];
    if (parent) parent.left--;
    const path = parent ? [...parent.path, e.name] : [];
    const rep = (parent?.rep ?? 0) + (e.repetition_type === 'REPEATED' ? 1 : 0);
    const def = parent ? parent.def + (e.repetition_type !== 'REQUIRED' ? 1 : 0) : 0;
    const elements = parent ? [...parent.elements, e] : [];
    if (kids > 0) {
      if (stack.length >= limits.schemaDepth) throw new ParquetLimitError(`the schema is nested deeper than ${limits.schemaDepth} levels`);
      stack.push({ left: kids, path, rep, def, elements });
    } else if (i > 0) {
      leaves.set(path.join('.'), { type: e.type, typeLength: e.type_length ?? 0, maxRep: rep, maxDef: def, elements });
    }
    while (stack.length > 0 && stack[stack.length - 1]!.left === 0) stack.pop();
  }
  if (stack.length > 0) throw new ParquetLimitError(`the schema lists fewer elements than its children counts claim`);
  return leaves;
}

/** What one row group read needs: a file that serves the checked bytes, and bounded decompressors. */
export interface CheckedRowGroup {
  readonly file: AsyncBuffer;
  readonly compressors: Compressors;
}

const MIN_BITS: Record<string, number> = { BOOLEAN: 1, INT32: 32, FLOAT: 32, INT64: 64, DOUBLE: 64, INT96: 96, BYTE_ARRAY: 32 };

/**
 * Reads the selected column chunks of row group `g` and checks every page header and every
 * run-length count in them against the row group's claims and the limits. hyparquet then reads
 * exactly these bytes (and these pages, decompressed once here).
 */
export async function checkRowGroup(
  file: AsyncBuffer,
  metadata: FileMetaData,
  leaves: Map<string, LeafColumn>,
  g: number,
  /** The column chunks to read, by their path in the schema (all when absent). */
  selected: ((path: readonly string[]) => boolean) | undefined,
  compressors: Compressors,
  limits: Limits = PARQUET_LIMITS,
): Promise<CheckedRowGroup> {
  const rg = metadata.row_groups[g]!;
  const dataEnd = file.byteLength - 8 - metadata.metadata_length;
  const rows = Number(rg.num_rows);
  if (!Number.isSafeInteger(rows) || rows < 0) throw new ParquetLimitError(`row count ${String(rg.num_rows)} is invalid`);
  const budget = { values: 0, bytes: 0 };
  const chunks: { start: number; bytes: Uint8Array }[] = [];
  const decompressed: { input: Uint8Array; output: Uint8Array }[] = [];
  const chosen = rg.columns.filter((c) => !selected || selected(c.meta_data?.path_in_schema ?? []));
  // a read of no column still makes one row per claimed row: the first chunk's values bound them
  if (chosen.length === 0 && rg.columns.length > 0) chosen.push(rg.columns[0]!);
  if (chosen.length === 0 && rows > 0) throw new ParquetLimitError(`claims ${rows} rows but has no column chunks`);
  for (const chunk of chosen) {
    const meta = chunk.meta_data;
    if (!meta) throw new ParquetLimitError('a column chunk has no metadata');
    const name = meta.path_in_schema.join('.');
    const leaf = leaves.get(name);
    if (!leaf) throw new ParquetLimitError(`column chunk ${name} is not a column of the schema`);
    const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
    const length = Number(meta.total_compressed_size);
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(length) || start < 4 || length < 0 || start + length > dataEnd) {
      throw new ParquetLimitError(`column chunk ${name} claims bytes ${start}..${start + length}, outside the file's data (4..${dataEnd})`);
    }
    const bytes = new Uint8Array(await file.slice(start, start + length));
    if (bytes.length !== length) throw new ParquetLimitError(`column chunk ${name}: read ${bytes.length} of ${length} bytes`);
    const values = checkPages(bytes, name, leaf, meta.codec, compressors, budget, limits, decompressed);
    if (values < rows) throw new ParquetLimitError(`claims ${rows} rows but column ${name} holds only ${values} values`);
    chunks.push({ start, bytes });
  }
  return { file: servingChecked(file.byteLength, chunks), compressors: fromChecked(decompressed, compressors, limits) };
}

/** Walks one chunk's pages; returns the values its data pages hold. */
function checkPages(
  bytes: Uint8Array,
  name: string,
  leaf: LeafColumn,
  codec: string,
  compressors: Compressors,
  budget: { values: number; bytes: number },
  limits: Limits,
  decompressed: { input: Uint8Array; output: Uint8Array }[],
): number {
  let at = 0;
  let values = 0;
  let page = 0;
  const inflate = (input: Uint8Array, size: number): Uint8Array => {
    if (codec === 'UNCOMPRESSED') {
      if (input.length !== size) throw new ParquetLimitError(`uncompressed page of ${input.length} bytes claims ${size}`);
      return input;
    }
    const output = boundedDecompress(codec, compressors, input, size, limits);
    decompressed.push({ input, output });
    return output;
  };
  // hyparquet reads headers while at least two bytes remain
  while (at < bytes.length - 1) {
    const where = `column ${name}, page ${page++}`;
    const { header, size, body, end } = readPageHeader(bytes, at, where, limits);
    const h = { value: header };
    const stored = body.length;
    at = end;
    const type = h.value[1];
    budget.bytes += size;
    if (budget.bytes > limits.rowGroupBytes) throw new ParquetLimitError(`the row group's pages hold over ${limits.rowGroupBytes} bytes uncompressed`);
    const charge = (n: number) => {
      budget.values += n;
      if (budget.values > limits.rowGroupValues) throw new ParquetLimitError(`the row group holds over ${limits.rowGroupValues} values`);
    };
    if (type === 0) {
      const dph = h.value[5] as ThriftStruct | undefined;
      const n = count(dph, 1, `${where}: value count`, limits.rowGroupValues);
      charge(n * (1 + (leaf.maxRep ? 1 : 0) + (leaf.maxDef ? 1 : 0)));
      values += n;
      checkDataPageV1(inflate(body, size), n, Number(dph![2]), leaf, where);
    } else if (type === 3) {
      const v2 = h.value[8] as ThriftStruct | undefined;
      const n = count(v2, 1, `${where}: value count`, limits.rowGroupValues);
      const nulls = count(v2, 2, `${where}: null count`, n);
      const repBytes = count(v2, 6, `${where}: repetition levels size`, stored, false);
      const defBytes = count(v2, 5, `${where}: definition levels size`, stored - repBytes, false);
      charge(n * (1 + (leaf.maxRep ? 1 : 0) + (leaf.maxDef ? 1 : 0)));
      values += n;
      if (leaf.maxRep) checkHybrid(body.subarray(0, repBytes), 0, repBytes, bitWidth(leaf.maxRep), n, `${where}: repetition levels`);
      if (leaf.maxDef) checkHybrid(body.subarray(repBytes, repBytes + defBytes), 0, defBytes, bitWidth(leaf.maxDef), n, `${where}: definition levels`);
      const rest = body.subarray(repBytes + defBytes);
      const restSize = size - repBytes - defBytes;
      if (restSize < 0) throw new ParquetLimitError(`${where}: levels are larger than the page`);
      const compressed = v2![7] !== false;
      const data = compressed ? inflate(rest, restSize) : rest;
      checkValues(data, 0, n - nulls, Number(v2![4]), leaf, where, true);
    } else if (type === 2) {
      const dict = h.value[7] as ThriftStruct | undefined;
      const n = count(dict, 1, `${where}: dictionary size`, limits.rowGroupValues);
      const bits = leaf.type === 'FIXED_LEN_BYTE_ARRAY' ? Math.max(8, leaf.typeLength * 8) : (MIN_BITS[leaf.type ?? ''] ?? 8);
      if (n * bits > size * 8) throw new ParquetLimitError(`${where}: a dictionary of ${n} values cannot fit in ${size} bytes`);
      charge(n);
      inflate(body, size);
    } else {
      throw new ParquetLimitError(`${where}: page type ${String(type)} is not read`);
    }
  }
  return values;
}

/** ZSTD decides its own output size unless given a buffer; every codec gets the page's size, bounded. */
function boundedDecompress(codec: string, compressors: Compressors, input: Uint8Array, size: number, limits: Limits): Uint8Array {
  if (size > limits.pageBytes) throw new ParquetLimitError(`a page of ${size} bytes is over the limit of ${limits.pageBytes}`);
  let output: Uint8Array;
  if (codec === 'ZSTD') output = zstdDecompress(input, new Uint8Array(size));
  else {
    const f = compressors[codec as keyof Compressors];
    if (!f) throw new ParquetLimitError(`compression ${codec} is not supported`);
    output = f(input, size);
  }
  if (output.length !== size) throw new ParquetLimitError(`a page decompressed to ${output.length} bytes, its header says ${size}`);
  return output;
}

/** hyparquet's decompressors, answering with the pages decompressed (and checked) above. */
function fromChecked(done: { input: Uint8Array; output: Uint8Array }[], compressors: Compressors, limits: Limits): Compressors {
  // by compressed length, so a row group of many pages is not searched page by page
  const byLength = new Map<number, { input: Uint8Array; output: Uint8Array }[]>();
  for (const d of done) {
    const list = byLength.get(d.input.length);
    if (list) list.push(d);
    else byLength.set(d.input.length, [d]);
  }
  const lookup = (codec: string) => (input: Uint8Array, size: number): Uint8Array => {
    const list = byLength.get(input.length) ?? [];
    const i = list.findIndex((d) => Buffer.compare(d.input, input) === 0);
    if (i >= 0) return list.splice(i, 1)[0]!.output;
    // a page this check did not see: decompressed within the limit, still never unbounded
    return boundedDecompress(codec, compressors, input, size, limits);
  };
  return Object.fromEntries(['SNAPPY', 'GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW'].map((c) => [c, lookup(c)])) as Compressors;
}

/** An AsyncBuffer that serves the checked chunks' bytes (never re-read from a file that may change). */
function servingChecked(byteLength: number, chunks: { start: number; bytes: Uint8Array }[]): AsyncBuffer {
  return {
    byteLength,
    slice(start: number, end: number = byteLength): ArrayBuffer {
      const out = new Uint8Array(Math.max(0, end - start));
      for (const c of chunks) {
        const from = Math.max(start, c.start);
        const to = Math.min(end, c.start + c.bytes.length);
        if (from < to) out.set(c.bytes.subarray(from - c.start, to - c.start), from - start);
      }
      return out.buffer;
    },
  };
}

function bitWidth(max: number): number {
  return 32 - Math.clz32(max);
}

/** A v1 data page: length-prefixed levels, then the values. */
function checkDataPageV1(page: Uint8Array, n: number, encoding: number, leaf: LeafColumn, where: string): void {
  let at = 0;
  for (const [max, what] of [[leaf.maxRep, 'repetition'], [leaf.maxDef, 'definition']] as const) {
    if (!max) continue;
    if (at + 4 > page.length) throw new ParquetLimitError(`${where}: ${what} levels run past the page`);
    const len = new DataView(page.buffer, page.byteOffset + at).getUint32(0, true);
    at += 4;
    if (len > page.length - at) throw new ParquetLimitError(`${where}: ${what} levels of ${len} bytes run past the page`);
    checkHybrid(page, at, at + len, bitWidth(max), n, `${where}: ${what} levels`);
    at += len;
  }
  // the values are n minus the nulls, which only decoding the levels tells; n bounds them
  checkValues(page, at, n, encoding, leaf, where);
}

// Parquet's Encoding enum (parquet.thrift)
const RLE = 3;
const PLAIN_DICTIONARY = 2;
const RLE_DICTIONARY = 8;
const DELTA_BINARY_PACKED = 5;
const DELTA_LENGTH_BYTE_ARRAY = 6;
const DELTA_BYTE_ARRAY = 7;

/** The values section: run counts of dictionary indices and booleans; DELTA block headers. */
function checkValues(page: Uint8Array, at: number, n: number, encoding: number, leaf: LeafColumn, where: string, v2 = false): void {
  if (encoding === RLE || encoding === PLAIN_DICTIONARY || encoding === RLE_DICTIONARY) {
    if (leaf.type === 'BOOLEAN') {
      if (at + 4 > page.length) throw new ParquetLimitError(`${where}: values run past the page`);
      const len = new DataView(page.buffer, page.byteOffset + at).getUint32(0, true);
      checkHybrid(page, at + 4, Math.min(page.length, at + 4 + len), 1, n, `${where}: values`);
    } else if (at < page.length) {
      const width = page[at]!;
      if (width > 32) throw new ParquetLimitError(`${where}: dictionary index width ${width} is over 32 bits`);
      // a v1 page of width 0 is all zeros (hyparquet reads no runs); a v2 page's runs are read at any width
      if (width > 0 || v2) checkHybrid(page, at + 1, page.length, width, n, `${where}: dictionary indices`);
    }
  } else if (encoding === DELTA_BINARY_PACKED || encoding === DELTA_LENGTH_BYTE_ARRAY || encoding === DELTA_BYTE_ARRAY) {
    const r = { at };
    const block = varint(page, r, where);
    const mini = varint(page, r, where);
    // parquet.apache.org/docs/file-format/data-pages/encodings: a block is a multiple of 128 values, a miniblock of 32
    if (block === 0 || block % 128 !== 0 || mini === 0 || block % mini !== 0 || (block / mini) % 32 !== 0) {
      throw new ParquetLimitError(`${where}: DELTA block of ${block} values in ${mini} miniblocks is invalid`);
    }
  }
}

function varint(bytes: Uint8Array, r: { at: number }, where: string): number {
  let result = 0;
  let scale = 1;
  for (;;) {
    if (r.at >= bytes.length) throw new ParquetLimitError(`${where}: run-length data ends early`);
    const b = bytes[r.at++]!;
    result += (b & 0x7f) * scale;
    if (!(b & 0x80)) return result;
    scale *= 128;
    if (scale > 2 ** 35) throw new ParquetLimitError(`${where}: run-length header longer than 32 bits`);
  }
}

/**
 * The RLE/bit-packed hybrid runs of `n` values between `at` and `end`: a run may not go past the
 * values the page holds (hyparquet writes a run's every value, growing its array past `n`).
 */
function checkHybrid(bytes: Uint8Array, at: number, end: number, width: number, n: number, where: string): void {
  const r = { at };
  const region = bytes.subarray(0, end);
  let seen = 0;
  while (seen < n) {
    // data that ends before n values allocates nothing (hyparquet fails on it, or reads DuckDB's
    // width-0 dictionary indices of a DATA_PAGE_V2 as zeros)
    if (r.at >= end) return;
    const header = varint(region, r, where);
    if (header >= 2 ** 32) throw new ParquetLimitError(`${where}: run-length header over 32 bits`);
    if (header % 2 === 1) {
      const groups = Math.floor(header / 2);
      // a bit-packed run may hold more values than remain (DuckDB pads its DATA_PAGE_V2 levels
      // past the last group of 8): hyparquet stops at the values it wants, its bytes bound it
      r.at += groups * width;
      seen += Math.min(groups * 8, n - seen);
    } else {
      const run = header / 2;
      if (run > n - seen) throw new ParquetLimitError(`${where}: a run of ${run} values where ${n - seen} remain`);
      r.at += (width + 7) >> 3;
      seen += run;
    }
    if (r.at > end) throw new ParquetLimitError(`${where}: run-length data runs past its ${end - at} bytes`);
  }
}
