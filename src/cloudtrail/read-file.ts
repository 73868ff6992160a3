/**
 * Reads ONE file into row batches: detect the format, stream it, split records, pre-filter,
 * parse, map. Runs the same in the main thread and in a worker (worker.ts), so everything it
 * yields is plain data. A problem costs the record (or the rest of a truncated file), never
 * the rows already read.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import type { Value } from '../kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';
import { RecordMapper, type RawRecord } from './mapping.ts';
import { compileFilter, type CompiledFilter } from './prefilter.ts';
import { JsonItemSplitter, LineSplitter, type SplitOutput } from './splitter.ts';
import { classify } from './items.ts';
import type { OcsfColumns } from './parquet-ocsf-columns.ts';
import { ocsfSelection, readOcsfRows, readOcsfRowsHyparquet, rowGroupRuledOut, rowsPassing, type OcsfRows } from './parquet-ocsf.ts';
import { recoverRecords } from './recover.ts';
import { sentinelRowInto } from './sentinel-rows.ts';
import { FieldExtractor } from './field-extract.ts';
import type { FlatPlan } from './field-scan.ts';
import { checkFirstPlan, extractorPlan, wholeRecordPlan } from './check-first.ts';
import { byteScanner, MAX_INFLATE_BYTES } from './byte-scan.ts';
import { IdColumn } from './id-words.ts';
import { InflateBudget, InflateLimitError } from './inflate-limit.ts';
import { readWholeFile, type WholeFile } from './whole-file.ts';
import { checkRowGroup, checkSchema, PARQUET_LIMITS, readCheckedFooter } from './parquet-guard.ts';
import type { AsyncBuffer } from 'hyparquet';
import type { ByteRange, Diagnostic, FileEvent, FileScanConfig, FileStats, FileTask } from './types.ts';

const CHUNK = 256 * 1024;

/** Collects rows of one file and turns per-item outcomes into counts and diagnostics. */
class FileSink {
  columns: Value[][] = [];
  readonly ids: IdColumn;
  length = 0;
  readonly events: FileEvent[] = [];
  private reported = 0;
  private unreported = 0;
  readonly mapper: RecordMapper;
  /** Reads only the wanted fields of a plain record's text (null: the scan reads too many columns; field-plan.ts). */
  private readonly extractor: FieldExtractor | null;
  /** The plan the field scanner reads records' bytes with (field-scan.ts; null: the JS path). */
  readonly fieldPlan: FlatPlan | null;
  /** Check-first (check-first.ts): the field scanner reads the checks' fields, the rest is read whole. */
  readonly checkPlan: FlatPlan | null;
  readonly filter: CompiledFilter;
  sawDigest = false;
  /** Security Lake events of other sources, by what they are: reported once per file, at its end. */
  private readonly others = new Map<string, number>();

  constructor(
    readonly task: FileTask,
    readonly config: FileScanConfig,
    readonly stats: FileStats,
  ) {
    // a scan that keeps duplicates claims and filters nothing
    this.ids = new IdColumn(!config.keepDuplicates, config.batchSize);
    this.mapper = new RecordMapper({ tenantId: config.tenantId, escapePolicy: config.escapePolicy, maxFieldBytes: config.maxFieldBytes }, config.wanted);
    this.filter = compileFilter(config.predicates, { tenantId: config.tenantId });
    const plan = extractorPlan(this.filter, config);
    this.extractor = plan ? new FieldExtractor(plan) : null;
    // the byte-level twin of the extractor, for scans that read no JSON column
    this.fieldPlan = wholeRecordPlan(this.filter, config);
    this.checkPlan = this.fieldPlan === null ? checkFirstPlan(this.filter, config) : null;
    this.reset();
  }

  private reset(): void {
    this.columns = AWS_CLOUDTRAIL_SCHEMA.map(() => []);
    this.length = 0;
  }

  diag(severity: Diagnostic['severity'], message: string, record?: number, offset?: number): void {
    if (severity !== 'info' && record !== undefined && this.reported >= this.config.maxDiagnosticsPerFile) {
      this.unreported++;
      return;
    }
    if (record !== undefined) this.reported++;
    const d: Diagnostic = { severity, file: this.task.path, message, ...(record !== undefined ? { record } : {}), ...(offset !== undefined ? { offset } : {}) };
    this.events.push({ t: 'diag', d });
  }

  /** One split-out piece of the file. */
  split(o: SplitOutput): void {
    if (o.kind === 'filtered') {
      this.stats.records += o.count;
      this.stats.filtered += o.count;
      return;
    }
    if (o.kind === 'record' && o.raw !== null) {
      // check-first: only the checks' fields were read; a record passing them is read whole
      if (!this.filter.valuesMayMatch((col) => this.mapper.valueOf(col, o.rec))) {
        this.stats.records++;
        this.stats.filtered++;
        return;
      }
      const text = o.raw.toString('utf8', o.start, o.end);
      this.split({ kind: 'item', text, index: o.index, offset: o.offset, container: null, ascii: text.length === o.end - o.start, plainStrings: false });
      return;
    }
    if (o.kind === 'record') {
      // read by the field scanner: its text never was made, so no text pre-filter (the exact
      // checks of record() decide alone; textMayMatch only saves their work)
      this.stats.records++;
      this.record(o.rec, undefined, o.index, o.offset, o.ids, o.idAt);
      return;
    }
    if (o.kind === 'problem') {
      this.stats.failed++;
      if (o.index !== null) this.stats.records++;
      const saved = o.text !== undefined ? this.salvage(o.text, o.index ?? 0, o.offset) : '';
      this.diag('error', o.message + saved, o.index ?? undefined, o.offset);
      return;
    }
    this.stats.records++;
    const f = this.filter;
    if (f.hasPredicates && !f.textMayMatch(o.text, o.ascii)) {
      this.stats.filtered++;
      return;
    }
    if (this.extractor !== null) {
      // a plain record's wanted fields, read from its text; anything else is parsed whole below
      const rec = this.extractor.extract(o.text, o.plainStrings);
      if (rec !== null) {
        this.record(rec, o.text, o.index, o.offset);
        return;
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(o.text);
    } catch (e) {
      this.stats.failed++;
      const saved = this.salvage(o.text, o.index, o.offset);
      this.diag('error', `not valid JSON: ${(e as Error).message}${saved}`, o.index, o.offset);
      return;
    }
    this.value(value, o.text, o.index, o.offset);
  }

  /**
   * Whole records inside a damaged item (a record with unbalanced brackets glues the records
   * after it to itself): they are read like any other record. Returns a note for the message.
   */
  private salvage(text: string, index: number, offset?: number): string {
    const found = recoverRecords(text);
    for (const r of found) {
      this.stats.records++;
      if (this.filter.hasPredicates && !this.filter.textMayMatch(r.text)) {
        this.stats.filtered++;
        continue;
      }
      this.value(r.value, r.text, index, offset);
    }
    return found.length ? `; ${found.length} whole records after the damage were recovered from its text` : '';
  }

  /**
   * False when `value()` would drop this item by the pushed-down string checks alone (the same
   * classification and valuesMayMatch on the same values): a Parquet row group's other columns
   * need not be decoded for it. Items that are not records are kept (value() reports them).
   */
  passesValueChecks(value: unknown): boolean {
    const c = classify(value, undefined);
    return c.kind !== 'record' || this.filter.valuesMayMatch((col) => this.mapper.valueOf(col, c.rec, c.text));
  }

  /** One parsed item (from JSON, CSV or Parquet). */
  value(value: unknown, text: string | undefined, index: number, offset?: number): void {
    const c = classify(value, text);
    switch (c.kind) {
      case 'record':
        this.record(c.rec, c.text, index, offset);
        break;
      case 'sentinel': {
        const issues = sentinelRowInto(this.columns, c.row, this.config.wanted);
        this.ids.push(c.row['AwsEventId']);
        this.accept(issues, index, offset);
        break;
      }
      case 'insight':
        this.stats.skipped++;
        if (this.stats.skipped === 1) this.diag('info', 'CloudTrail Insights events are kept out of AWSCloudTrail');
        break;
      case 'digest':
        this.stats.skipped++;
        if (!this.sawDigest) this.diag('info', 'CloudTrail digest file: skipped');
        this.sawDigest = true;
        break;
      case 'other':
        this.skipOther(c.what);
        break;
      case 'bad':
        this.stats.failed++;
        this.diag('error', c.message, index, offset);
        break;
    }
  }

  /** One CloudTrail record (parsed whole, or its wanted fields only). */
  private record(rec: RawRecord, text: string | undefined, index: number, offset: number | undefined, ids: Int32Array | null = null, idAt = -1): void {
    // the row checks first, on just the columns they read: a record they rule out is not mapped
    if (this.filter.hasPredicates && !this.filter.valuesMayMatch((col) => this.mapper.valueOf(col, rec, text))) {
      this.stats.filtered++;
      return;
    }
    const cut: string[] = [];
    const issues = this.mapper.mapInto(this.columns, rec, text, cut);
    // the field scanner read a UUID eventID no column wants as its words (idAt), not as text
    if (idAt >= 0) this.ids.pushWords(ids!, idAt);
    else this.ids.push(rec['eventID']);
    this.accept(issues, index, offset, true, cut);
  }

  private skipOther(what: string): void {
    this.stats.skipped++;
    this.others.set(what, (this.others.get(what) ?? 0) + 1);
  }

  /**
   * Row `r` of an OCSF row group mapped column by column (parquet-ocsf-columns.ts), as value()
   * maps the same row's object: skipped when not CloudTrail, the checks first, then the cells.
   */
  ocsfRow(cols: OcsfColumns, r: number, index: number): void {
    const other = cols.source(r);
    if (other !== null) {
      this.skipOther(other);
      return;
    }
    if (this.filter.hasPredicates && !this.filter.valuesMayMatch((col) => cols.cell(col, r).value)) {
      this.stats.filtered++;
      return;
    }
    let issues: string[] | null = null;
    let cut: string[] | null = null;
    const wanted = this.config.wanted;
    for (let i = 0; i < wanted.length; i++) {
      if (!wanted[i]) continue;
      const c = cols.cell(i, r);
      this.columns[i]!.push(c.value);
      if (c.issues.length) (issues ??= []).push(...c.issues);
      if (c.cut.length) (cut ??= []).push(...c.cut);
    }
    this.ids.push(cols.id(r));
    this.accept(issues ?? [], index, undefined, true, cut ?? []);
  }

  private accept(issues: string[], index: number, offset: number | undefined, checkedEarly = false, cut: readonly string[] = []): void {
    const r = this.length;
    if (this.filter.hasPredicates && !this.filter.rowMayMatch(this.columns, r, checkedEarly)) {
      for (const col of this.columns) col.pop();
      this.ids.pop();
      this.stats.filtered++;
      return;
    }
    this.length++;
    this.stats.rows++;
    if (issues.length) {
      this.stats.coerced++;
      this.diag('warning', `${issues.join('; ')} (row kept)`, index, offset);
    }
    if (cut.length) {
      this.stats.truncated++;
      const limit = `${(this.config.maxFieldBytes / 1024).toLocaleString('en-US')} KiB`;
      this.diag('warning', `${cut.join(', ')} cut to ${limit}, as Log Analytics stores a field over its limit (row kept)`, index, offset);
    }
    if (this.length >= this.config.batchSize) this.flush();
  }

  flush(): void {
    if (this.length === 0) return;
    this.events.push({ t: 'batch', columns: this.columns, ids: this.ids.take(), length: this.length });
    this.reset();
  }

  finish(): void {
    this.flush();
    this.ids.release();
    for (const [what, n] of this.others) {
      this.diag('info', `${n.toLocaleString('en-US')} Security Lake ${n === 1 ? 'record' : 'records'} of ${what}: not CloudTrail, skipped`);
    }
    if (this.unreported > 0) this.diag('error', `${this.unreported} more record problems in this file not listed`);
  }

  drain(): FileEvent[] {
    return this.events.splice(0, this.events.length);
  }
}

async function head(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await fh.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

function detectFormat(task: FileTask, magic: Buffer): 'json' | 'jsonl' | 'csv' | 'parquet' | 'auto' {
  if (task.format !== 'auto') return task.format;
  if (magic.subarray(0, 4).toString('latin1') === 'PAR1' || /\.parquet$/i.test(task.path)) return 'parquet';
  if (/\.csv(\.gz)?$/i.test(task.path)) return 'csv';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(task.path)) return 'jsonl';
  return 'auto'; // JSON family: decided from the first decompressed bytes
}

/** JSON Lines when the first line alone is a whole JSON object and more lines follow. */
export function sniffJsonLines(first: Buffer): boolean {
  // found on bytes: decoding the 64 KiB of a one-line file (every S3 object) cost ~0.1 s per 289 MB
  const nl = first.indexOf(0x0a);
  if (nl < 0) return false;
  const line = first.toString('utf8', 0, nl).trim();
  if (!line.startsWith('{')) return false;
  try {
    JSON.parse(line);
  } catch {
    return false;
  }
  return first.toString('utf8', nl + 1).trim().length > 0;
}

export async function* readFile(task: FileTask, config: FileScanConfig): AsyncGenerator<FileEvent> {
  const stats: FileStats = { file: task.path, format: task.format, bytes: 0, records: 0, rows: 0, filtered: 0, skipped: 0, failed: 0, coerced: 0, truncated: 0, status: 'ok' };
  const sink = new FileSink(task, config, stats);
  let small: WholeFile | null = null;
  try {
    small = smallFile(task, config.wholeFileMaxBytes);
    const magic = small !== null ? Buffer.from(small.bytes.subarray(0, 4)) : await head(task.path, 4);
    // only the JSON family reads the bytes read whole (CSV and Parquet readers open the file again)
    const fmt = magic.length === 0 ? 'auto' : detectFormat(task, magic);
    if (magic.length === 0 || fmt === 'parquet' || fmt === 'csv') small?.release();
    if (magic.length === 0) {
      stats.status = 'failed';
      sink.diag('error', 'file is empty: no records');
      yield* sink.drain();
      yield { t: 'end', stats };
      return;
    }
    if (fmt === 'parquet') {
      stats.format = 'parquet';
      yield* readParquet(task, sink);
    } else if (fmt === 'csv') {
      stats.format = 'csv';
      yield* readCsv(task, sink, isGzip(magic));
    } else {
      yield* readJson(task, sink, isGzip(magic), fmt, small);
    }
  } catch (e) {
    stats.status = 'failed';
    sink.flush();
    sink.diag('error', `cannot read file: ${(e as Error).message}`);
  } finally {
    small?.release();
  }
  sink.finish();
  if (stats.status === 'ok') {
    if (stats.failed > 0) stats.status = stats.rows > 0 || stats.filtered > 0 ? 'partial' : 'failed';
    else if (stats.rows === 0 && stats.skipped > 0 && stats.filtered === 0) stats.status = 'skipped';
  }
  yield* sink.drain();
  yield { t: 'end', stats };
}


interface ByteSource {
  readonly chunks: AsyncIterable<Buffer>;
  bytesRead(): number;
  /** The chunks are not used any more (they may be views on memory that is reused). */
  release(): void;
}

async function* whole(buf: Buffer): AsyncGenerator<Buffer> {
  if (buf.length > 0) yield buf;
}

/**
 * gunzipSync with its output buffer sized from the gzip trailer (ISIZE, the last member's size
 * mod 2^32): zlib then writes into one buffer instead of 16 KiB pieces that are concatenated
 * afterwards — a third of the time of the default call. A wrong ISIZE (several members, > 4 GiB)
 * only costs that optimisation: zlib grows the output as usual, up to MAX_INFLATE_BYTES.
 */
function gunzipWhole(file: Buffer): Buffer {
  // the trailer is the file's word: a small file claiming or holding gigabytes is streamed instead (RangeError)
  const chunkSize = Math.min(MAX_INFLATE_BYTES + 1, Math.max(16 * 1024, isize(file) + 1));
  return gunzipSync(file, { chunkSize, maxOutputLength: MAX_INFLATE_BYTES });
}

function isize(file: Buffer): number {
  return file.length >= 18 ? file.readUInt32LE(file.length - 4) : 0;
}

/**
 * The bytes of a file read whole (up to `maxBytes`), or null: larger, or the read failed (the
 * other paths then report the error exactly). Read synchronously: for page-cached CloudTrail
 * objects that costs about half the CPU of async open, stat, read and close (and their wake-ups),
 * and no idle time; reading the next file ahead asynchronously was slower once files took ~2 ms.
 */
function smallFile(task: FileTask, maxBytes: number): WholeFile | null {
  if (task.size > maxBytes) return null;
  try {
    return readWholeFile(task.path, task.size);
  } catch {
    return null;
  }
}

/**
 * A small file's bytes as one piece: the splitter then cuts records out of it without copying
 * pieces together. A gzip file is inflated right here, so its read buffer is given back at once.
 */
function smallSource(small: WholeFile, gzip: boolean): ByteSource | null {
  const file = small.bytes;
  const size = file.length;
  if (!gzip) return { chunks: whole(file), bytesRead: () => size, release: () => small.release() };
  try {
    // into the byte scanner's memory when it is free (reused from file to file, read without a copy)
    const scanner = byteScanner();
    const inScanner = scanner?.inflate(file, isize(file)) ?? null;
    const data = inScanner ?? gunzipWhole(file);
    const release = inScanner ? () => scanner!.releaseInflated() : () => {};
    return { chunks: whole(data), bytesRead: () => size, release };
  } catch {
    return null; // e.g. truncated gzip: the stream path keeps the records before the cut
  } finally {
    small.release();
  }
}

function streamSource(task: FileTask, gzip: boolean): ByteSource {
  // a part of a plain file is read from its first byte; of a gzip file, cut from the inflated stream (inRange)
  const part = !gzip && task.range ? { start: task.range.start, end: Math.max(task.range.start, task.range.end - 1) } : {};
  if (!gzip && task.range && task.range.end <= task.range.start) return { chunks: whole(Buffer.alloc(0)), bytesRead: () => 0, release: () => {} };
  const raw = createReadStream(task.path, { highWaterMark: CHUNK, ...part });
  const chunks: AsyncIterable<Buffer> = gzip ? raw.pipe(createGunzip({ chunkSize: CHUNK })) : raw;
  if (gzip) raw.on('error', (e) => (chunks as NodeJS.ReadableStream & { destroy(e: Error): void }).destroy(e));
  return { chunks, bytesRead: () => raw.bytesRead, release: () => {} };
}

async function* readJson(task: FileTask, sink: FileSink, gzip: boolean, fmt: string, small: WholeFile | null): AsyncGenerator<FileEvent> {
  const fromSmall = small !== null ? smallSource(small, gzip) : null;
  const streamed = fromSmall === null;
  const source = fromSmall ?? streamSource(task, gzip);
  // the stream of a plain file starts at the range already; anything else is cut here
  const input = task.range && (gzip || !streamed) ? inRange(source, task.range) : source;
  try {
    yield* splitJson(input, sink, gzip, fmt, task.range?.start ?? 0);
  } finally {
    input.release();
  }
}

/** The bytes [start, end) of a decompressed stream. */
function inRange(input: ByteSource, range: ByteRange): ByteSource {
  async function* cut(): AsyncGenerator<Buffer> {
    let at = 0;
    for await (const chunk of input.chunks) {
      const from = Math.max(0, range.start - at);
      const to = Math.min(chunk.length, range.end - at);
      at += chunk.length;
      if (to > from) yield chunk.subarray(from, to);
      if (at >= range.end) break;
    }
  }
  return { chunks: cut(), bytesRead: input.bytesRead, release: input.release };
}

async function* splitJson(input: ByteSource, sink: FileSink, gzip: boolean, fmt: string, base: number): AsyncGenerator<FileEvent> {
  const source = input.chunks;
  const raw = { get bytesRead() { return input.bytesRead(); } };
  const out: SplitOutput[] = [];
  let splitter: JsonItemSplitter | LineSplitter | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let first = true;
  let lastBytes = 0;
  let decompressed = 0;
  const max = sink.config.maxRecordBytes;
  const budget = gzip ? new InflateBudget(sink.task.size, sink.config.maxInflateRatio) : null;
  const feed = (b: Buffer) => {
    splitter!.push(b, out);
    for (const o of out) sink.split(o);
    out.length = 0;
  };
  const choose = () => {
    let buf = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    if (first) {
      first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // UTF-8 BOM
    }
    const lines = fmt === 'jsonl' || (fmt === 'auto' && sniffJsonLines(buf.subarray(0, 64 * 1024)));
    sink.stats.format = lines ? 'jsonl' : 'json';
    splitter = lines ? new LineSplitter(max, base) : new JsonItemSplitter(max, sink.filter.byteFilter, base, sink.fieldPlan ?? sink.checkPlan, sink.checkPlan !== null);
    feed(buf);
  };
  try {
    for await (const chunk of source) {
      budget?.add(chunk.length);
      decompressed += chunk.length;
      if (splitter === null) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < 64 * 1024) continue;
        choose();
      } else {
        feed(chunk);
      }
      const bytes = raw.bytesRead;
      yield* sink.drain();
      yield { t: 'progress', bytes: bytes - lastBytes };
      lastBytes = bytes;
    }
    if (splitter === null) choose();
    splitter!.end(out);
    for (const o of out) sink.split(o);
    out.length = 0;
    if (decompressed === 0 || (sink.stats.records === 0 && sink.stats.failed === 0 && sink.stats.skipped === 0)) {
      sink.stats.status = 'failed';
      sink.diag('error', decompressed === 0 ? 'file is empty: no records' : 'file holds no records (empty Records array or no JSON values)');
    }
  } catch (e) {
    // truncated or corrupt gzip, I/O error: keep what was read, report where it stopped
    if (splitter === null && pending.length > 0) choose();
    let cutRecord = false;
    if (splitter !== null) {
      (splitter as JsonItemSplitter | LineSplitter).end(out);
      for (const o of out) {
        if (o.kind === 'problem' && o.index !== null) cutRecord = true;
        sink.split(o);
      }
      out.length = 0;
    }
    if (!cutRecord) sink.stats.failed++;
    sink.stats.status = sink.stats.rows > 0 ? 'partial' : 'failed';
    sink.diag('error', e instanceof InflateLimitError ? e.message : `${gzip ? 'gzip stream' : 'file'} unreadable after ${decompressed} decompressed bytes (${(e as Error).message}); records before that point were kept`);
  }
  sink.stats.bytes = raw.bytesRead;
  yield* sink.drain();
  yield { t: 'progress', bytes: raw.bytesRead - lastBytes };
}

async function* readCsv(task: FileTask, sink: FileSink, gzip: boolean): AsyncGenerator<FileEvent> {
  const { parse } = await import('csv-parse');
  const raw = createReadStream(task.path, { highWaterMark: CHUNK });
  const parser = parse({ columns: true, bom: true, raw: true, relax_column_count: true, skip_empty_lines: true, max_record_size: sink.config.maxRecordBytes });
  if (gzip) {
    const gunzip = createGunzip();
    const budget = new InflateBudget(task.size, sink.config.maxInflateRatio);
    gunzip.on('data', (b: Buffer) => {
      try {
        budget.add(b.length);
      } catch (e) {
        raw.destroy();
        parser.destroy(e as Error);
      }
    });
    gunzip.on('error', (e) => parser.destroy(e));
    raw.pipe(gunzip).pipe(parser);
  } else {
    raw.pipe(parser);
  }
  raw.on('error', (e) => parser.destroy(e));
  let index = 0;
  let lastBytes = 0;
  try {
    for await (const r of parser as AsyncIterable<{ record: Record<string, string>; raw: string }>) {
      const i = index++;
      sink.stats.records++;
      if (sink.filter.hasPredicates && !sink.filter.textMayMatch(r.raw)) {
        sink.stats.filtered++;
        continue;
      }
      sink.value(r.record, undefined, i);
      if (i % 1024 === 0) {
        yield* sink.drain();
        yield { t: 'progress', bytes: raw.bytesRead - lastBytes };
        lastBytes = raw.bytesRead;
      }
    }
  } catch (e) {
    sink.stats.failed++;
    sink.diag('error', e instanceof InflateLimitError ? e.message : `CSV unreadable from this record on: ${(e as Error).message}; the ${index} records before it were kept`, index);
  }
  sink.stats.bytes = raw.bytesRead;
  yield* sink.drain();
  yield { t: 'progress', bytes: raw.bytesRead - lastBytes };
}

/** The names of the root's children in a flattened Parquet schema (each element lists its num_children). */
function topLevelColumns(schema: readonly { name: string; num_children?: number }[]): Set<string> {
  const names = new Set<string>();
  let j = 1;
  while (j < schema.length) {
    names.add(schema[j]!.name);
    // skip the element and all its descendants
    let pending = 1;
    while (pending > 0 && j < schema.length) pending += (schema[j++]!.num_children ?? 0) - 1;
  }
  return names;
}

const NO_ROWS: OcsfRows = { length: 0, row: () => ({}) };

async function* readParquet(task: FileTask, sink: FileSink): AsyncGenerator<FileEvent> {
  const { openParquetFile } = await import('./parquet-file.ts');
  const file = await openParquetFile(task.path);
  try {
    yield* readParquetFrom(file, task, sink);
  } finally {
    await file.close();
  }
}

async function* readParquetFrom(file: AsyncBuffer, task: FileTask, sink: FileSink): AsyncGenerator<FileEvent> {
  const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
  // our page decoder, loaded with the Parquet reader (a command that reads no Parquet loads neither)
  const { RowGroupReader } = await import('./parquet-rows.ts');
  const { ParquetUnsupportedError } = await import('./parquet-pages.ts');
  const { ocsfColumnPlan, readOcsfColumns } = await import('./parquet-ocsf-columns.ts');
  // Security Lake writes compressed Parquet (gzip/zstd); hyparquet alone only knows snappy
  const { compressors } = await import('hyparquet-compressors');
  // the footer and schema are checked before hyparquet builds anything from them (parquet-guard.ts)
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const leaves = checkSchema(metadata);
  // an OCSF file (Security Lake): only the leaf columns the wanted AWSCloudTrail columns are mapped
  // from are decoded, and row groups the statistics rule out are skipped (parquet-ocsf.ts)
  const ocsf = topLevelColumns(metadata.schema).has('class_uid')
    ? ocsfSelection(leaves, AWS_CLOUDTRAIL_SCHEMA.filter((_, i) => sink.config.wanted[i]).map((c) => c.name))
    : null;
  // the string checks' columns alone first (api.operation for `EventName has ...`): the other
  // columns are decoded only for row groups with a row that passes them
  const checked = ocsf && sink.filter.hasPredicates ? ocsfSelection(leaves, [...sink.filter.columns], true) : null;
  const firstPass = checked && checked.leaves.length + checked.assembled.length < ocsf!.leaves.length + ocsf!.assembled.length ? checked : null;
  // mapped column by column when that is exact (parquet-ocsf-columns.ts); the row path otherwise
  const mapped = AWS_CLOUDTRAIL_SCHEMA.flatMap((c, i) => (sink.config.wanted[i] || sink.filter.columns.has(c.name) ? [i] : []));
  const plan = ocsf && !sink.config.ocsfByRow ? ocsfColumnPlan(leaves, ocsf, mapped) : null;
  const total = Math.max(1, metadata.row_groups.reduce((n, rg) => n + Math.max(0, Number(rg.num_rows) || 0), 0));
  /** Why hyparquet reads this file's row groups (something our decoder does not read), once said. */
  let fallback: string | null = null;
  let start = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const claimed = Math.max(0, Number(metadata.row_groups[g]!.num_rows) || 0);
    const end = start + claimed;
    let rows: OcsfRows = NO_ROWS;
    /** The group mapped column by column (instead of `rows`), when it is. */
    let byColumn: OcsfColumns | null = null;
    /** The group's rows to map, by index in the group (all when null). */
    let kept: number[] | null = null;
    if (ocsf && sink.filter.hasPredicates && rowGroupRuledOut(metadata, g, sink.config.predicates, ocsf)) {
      // counted as records the pre-filter dropped, as a record ruled out by its text is
      sink.stats.records += claimed;
      sink.stats.filtered += claimed;
    } else {
      /** Rows the checks ruled out, counted as value() counts them: records, filtered early. */
      const ruledOut = () => {
        sink.stats.records++;
        sink.stats.filtered++;
      };
      try {
        let done = false;
        if (ocsf && fallback === null) {
          // our own page decoder (parquet-pages.ts): the checks' leaves first, the other leaves
          // only for a group with a row that passes, their values converted only for those rows
          try {
            const reader = new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS);
            let keep: number[] | null = null;
            let dropped = 0;
            // rows of equal check values (dictionary entries) get one verdict
            if (firstPass) ({ keep, dropped } = await rowsPassing(reader, firstPass, (row) => sink.passesValueChecks(row)));
            if (keep !== null && keep.length === 0) {
              // nothing to map
            } else if (plan) {
              byColumn = await readOcsfColumns(reader, plan, sink.mapper, keep ?? undefined);
              rows = { length: reader.rows, row: () => ({}) };
            } else rows = await readOcsfRows(reader, ocsf, keep ?? undefined);
            kept = keep;
            done = true;
            for (let i = 0; i < dropped; i++) ruledOut();
          } catch (e) {
            if (!(e instanceof ParquetUnsupportedError)) throw e;
            fallback = e.message;
            sink.diag('info', `Parquet read with hyparquet: ${e.message}`);
            rows = NO_ROWS;
            byColumn = null;
            kept = null;
          }
        }
        if (!done) {
          // each row group's page headers and run lengths are checked, then read from the checked bytes
          const group = await checkRowGroup(file, metadata, leaves, g, ocsf?.reads, compressors);
          let keep: number[] | null = null;
          if (firstPass) {
            const narrow = await readOcsfRowsHyparquet(group.file, metadata, group.compressors, g, start, end, firstPass);
            keep = [];
            for (let i = 0; i < narrow.length; i++) {
              if (sink.passesValueChecks(narrow.row(i))) keep.push(i);
              else ruledOut();
            }
          }
          if (keep === null || keep.length > 0) {
            if (ocsf) rows = await readOcsfRowsHyparquet(group.file, metadata, group.compressors, g, start, end, ocsf);
            else {
              const objects = await parquetReadObjects({ file: group.file, metadata, compressors: group.compressors, rowStart: start, rowEnd: end });
              rows = { length: objects.length, row: (i) => objects[i]! };
            }
          }
          kept = keep;
        }
      } catch (e) {
        sink.stats.failed++;
        sink.diag('error', `Parquet row group ${g} (rows ${start}..${end}) unreadable: ${(e as Error).message}; the other row groups are read`);
      }
    }
    const count = kept ? kept.length : rows.length;
    for (let k = 0; k < count && rows.length > 0; k++) {
      const i = kept ? kept[k]! : k;
      sink.stats.records++;
      if (byColumn) sink.ocsfRow(byColumn, i, start + i);
      else sink.value(rows.row(i), undefined, start + i);
      // batches go out as they fill, not once per row group
      if (k % 4096 === 4095) yield* sink.drain();
    }
    rows = NO_ROWS;
    byColumn = null;
    kept = null;
    start = end;
    yield* sink.drain();
    const done = Math.round(task.size * Math.min(1, start / total));
    yield { t: 'progress', bytes: done - sink.stats.bytes };
    sink.stats.bytes = done;
  }
  sink.stats.bytes = task.size;
}
