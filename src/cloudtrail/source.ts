/**
 * CloudTrailSource: the AWSCloudTrail table over a set of files, as a TableSource.
 * Each scan re-reads the files (streaming), applies pushed-down predicates, removes duplicate
 * eventIDs (first occurrence in file order wins; a dropped copy that differs is warned about,
 * duplicates.ts), stamps each row with its file's delivery
 * time in Batch.ingestion, and keeps a summary and diagnostics of the last scan.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PartialChunk, ScanOptions, TableSource } from '../kql/scan.ts';
import type { Batch } from '../kql/types.ts';
import { RuntimeError } from '../kql/errors.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';
import { LOG_ANALYTICS_MAX_FIELD_BYTES } from './field-size.ts';
import { compileFilter } from './prefilter.ts';
import { discover } from './discover.ts';
import { DEFAULT_MAX_INFLATE_RATIO } from './inflate-limit.ts';
import { prewarmWorkers, releaseAdoptedWorkers } from './worker-pool.ts';
import { autoReadingThreads } from './reading-threads.ts';
import { checkFirstPlan } from './check-first.ts';
import { POOL_LIMITS, runParallel, runSequential, type TaskEvent } from './pool.ts';
import { Deduper } from './duplicates.ts';
import { memoryIdsFor } from './id-set.ts';
import type { EscapePolicy } from './json-text.ts';
import type { ByteRange, Diagnostic, FileEvent, FileScanConfig, FileStats, InputFormat } from './types.ts';
import { fillUnwanted } from './partial-read.ts';
import { ColumnInterner } from './intern-columns.ts';
import { readFile } from './read-file.ts';
import { partitionFilterOf } from './lake-partitions.ts';
import type { S3Access } from './s3-client.ts';
import type { S3Lake } from './s3-lake.ts';

/** `s3://…`: a bucket to list rather than a path (the AWS SDK is only loaded for one). */
export function isS3Url(p: string): boolean {
  return /^s3:\/\//i.test(p);
}

let tempCache: string | undefined;
/** One temporary copy folder per process, removed at exit. */
async function temporaryCache(): Promise<string> {
  if (tempCache === undefined) {
    const dir = mkdtempSync(join(tmpdir(), 'trailhound-s3-'));
    tempCache = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  return tempCache;
}

/** Objects fetched from buckets for one scan: local copies, and what was left out. */
interface FromBuckets {
  readonly files: string[];
  readonly skipped: Diagnostic[];
  readonly notes: Diagnostic[];
}

export interface ProgressInfo {
  readonly files: number;
  readonly filesTotal: number;
  /** Rows read so far (after pre-filtering and duplicate removal). */
  readonly records: number;
  /** Input bytes read so far (compressed size for .gz). */
  readonly bytes: number;
  readonly bytesTotal: number;
  readonly elapsedMs: number;
  readonly done: boolean;
}

export interface CloudTrailOptions {
  /** Log Analytics workspace id written to TenantId (default ""). */
  readonly tenantId?: string;
  /** How nested JSON columns are escaped (default 'sentinel', see json-text.ts). */
  readonly escapePolicy?: EscapePolicy;
  /** Force one input format for every file (default: detected per file). */
  readonly format?: InputFormat;
  /** Keep rows whose eventID was already seen (default false: they are dropped and counted). */
  readonly keepDuplicates?: boolean;
  /** Any error (bad file, bad record) makes the scan throw. */
  readonly strict?: boolean;
  /** Rows per Batch (default 4096). */
  readonly batchSize?: number;
  /**
   * Text columns keep at most this many UTF-8 bytes, the rest is cut as Log Analytics does (default
   * 32 KiB, its field limit; 0 = keep whole values). See field-size.ts.
   */
  readonly maxFieldBytes?: number;
  /** A record larger than this is an error for that record (default 64 MiB). */
  readonly maxRecordBytes?: number;
  /**
   * A gzip file stops being read (its records so far kept, an error) once it has inflated to more
   * than this many times its own size, and at least 64 MiB: a small decompression bomb cannot
   * take hours or all memory. Default 250 (CloudTrail JSON compresses about 10-20 times).
   */
  readonly maxInflateRatio?: number;
  /** Files up to this size are read whole instead of streamed (default 2 MiB; 0 = always stream). */
  readonly wholeFileMaxBytes?: number;
  /** Threads that read files, this one included (1 = no workers), or 'auto' (default: the cores, max 4; one fewer unless a byte filter makes the scan selective or the scan is partial: reading-threads.ts). */
  readonly workers?: number | 'auto';
  /**
   * Read only the wanted fields from each record's text when the scan reads few columns (default
   * true; field-extract.ts); false parses every record whole (tests compare the two).
   */
  readonly extractFields?: boolean;
  /** Inputs smaller than this are read in this thread (default 32 MiB). */
  readonly parallelMinBytes?: number;
  /** A partial scan's files per block aggregated together by a reader thread (default POOL_LIMITS.blockFiles; tests). */
  readonly partialBlockFiles?: number;
  readonly onProgress?: (p: ProgressInfo) => void;
  /** Draw a progress bar on stderr (silent when stderr is not a terminal). */
  readonly progress?: boolean;
  readonly onDiagnostic?: (d: Diagnostic) => void;
  /** Read only a part of these JSON / JSON Lines files (path as listed -> decompressed bytes; live mode). */
  readonly ranges?: ReadonlyMap<string, ByteRange>;
  /**
   * How `s3://bucket/prefix` paths are reached, and the folder their objects are copied to
   * (default: a temporary folder, removed when the process exits). See s3-lake.ts.
   */
  readonly s3?: S3Access & { readonly cacheDir?: string };
}

export interface CloudTrailSummary {
  files: number;
  failedFiles: number;
  skippedFiles: number;
  partialFiles: number;
  records: number;
  rows: number;
  filteredRecords: number;
  skippedRecords: number;
  failedRecords: number;
  coercedRecords: number;
  /** Rows with a text field cut to the field limit (kept). */
  truncatedRecords: number;
  /** Rows dropped because their eventID was already read (first occurrence kept). */
  duplicates: number;
  /** Of those, copies whose content differs from the kept row's (each one also a warning naming both files). */
  differingDuplicates: number;
  bytes: number;
  elapsedMs: number;
  workers: number;
  /** Files whose rows the query's summarize took in the thread that read them (partial aggregation). */
  aggregatedFiles: number;
}

function emptySummary(): CloudTrailSummary {
  return { files: 0, failedFiles: 0, skippedFiles: 0, partialFiles: 0, records: 0, rows: 0, filteredRecords: 0, skippedRecords: 0, failedRecords: 0, coercedRecords: 0, truncatedRecords: 0, duplicates: 0, differingDuplicates: 0, bytes: 0, elapsedMs: 0, workers: 0, aggregatedFiles: 0 };
}

export class CloudTrailSource implements TableSource {
  readonly schema = AWS_CLOUDTRAIL_SCHEMA;
  private last: CloudTrailSummary = emptySummary();
  /** Per s3:// path, its lister (its copies are kept across scans). */
  private readonly lakes = new Map<string, S3Lake>();
  /** Local copy -> the s3:// address it came from, for messages. */
  private readonly remoteNames = new Map<string, string>();
  private diags: Diagnostic[] = [];
  private files: FileStats[] = [];

  constructor(
    readonly paths: readonly string[],
    readonly options: CloudTrailOptions = {},
  ) {}

  /** Counts of the last (or current) scan. */
  summary(): CloudTrailSummary {
    return { ...this.last };
  }

  diagnostics(): readonly Diagnostic[] {
    return this.diags;
  }

  fileStats(): readonly FileStats[] {
    return this.files;
  }

  /** The summary line, then one line per problem; `line` renders each problem's line (the CLI makes control characters visible). */
  describeSummary(line: (text: string) => string = (t) => t): string {
    const s = this.last;
    const lines = [
      `CloudTrail: ${s.files} files (${s.failedFiles} failed, ${s.partialFiles} partly read, ${s.skippedFiles} skipped), ` +
        `${s.records} records -> ${s.rows} rows; ${s.failedRecords} failed, ${s.skippedRecords} skipped, ` +
        `${s.filteredRecords} filtered early, ${s.duplicates} duplicates dropped${s.differingDuplicates > 0 ? ` (${s.differingDuplicates} with different content)` : ''}, ${s.coercedRecords} with wrong-typed fields, ${s.truncatedRecords} with fields cut to the field limit; ` +
        `${(s.bytes / 1048576).toFixed(1)} MiB in ${(s.elapsedMs / 1000).toFixed(1)} s` +
        (s.aggregatedFiles > 0 ? `; the query's summarize ran in the reading threads for ${s.aggregatedFiles} files` : ''),
    ];
    const problems = this.diags.filter((d) => d.severity !== 'info');
    for (const d of problems.slice(0, 50)) lines.push(line(formatDiagnostic(d)));
    if (problems.length > 50) lines.push(`... and ${problems.length - 50} more problems (see diagnostics())`);
    return lines.join('\n');
  }

  async *scan(options: ScanOptions): AsyncIterable<Batch> {
    for await (const c of this.run(options)) if (c.kind === 'rows') yield c.batch;
  }

  /**
   * The scan with the query's summarize computed in the threads that read the files
   * (kql/exec/partial.ts): each file gives its groups instead of its rows. A file with an eventID
   * read before (or twice), or whose rows an expression failed on, is read again here and given
   * as rows, so duplicate removal and errors are as on the row path.
   */
  scanPartial(options: ScanOptions, fragment: Uint8Array): AsyncIterable<PartialChunk> {
    return this.run(options, fragment);
  }

  private report(diag: Diagnostic): void {
    const remote = this.remoteNames.get(diag.file);
    const d = remote === undefined ? diag : { ...diag, file: remote };
    this.diags.push(d);
    this.options.onDiagnostic?.(d);
    if (this.options.strict && d.severity === 'error') throw new RuntimeError(`strict: ${formatDiagnostic(d)}`);
  }

  /**
   * Lists each s3:// path, leaving out the Security Lake partitions the scan's predicates rule out
   * (s3-lake.ts), and copies the objects kept (four at a time). An object that cannot be fetched
   * is a failed file; a bucket that cannot be listed stops the scan (S3SourceError: one line).
   */
  private async fromBuckets(urls: readonly string[], scan: ScanOptions, format: InputFormat): Promise<FromBuckets> {
    const { S3Lake } = await import('./s3-lake.ts');
    const { makeS3Client, parseS3Url } = await import('./s3-client.ts');
    const access = this.options.s3 ?? {};
    const cacheDir = access.cacheDir ?? (await temporaryCache());
    const filter = partitionFilterOf(scan.predicates);
    const files: string[] = [];
    const skipped: Diagnostic[] = [];
    const notes: Diagnostic[] = [];
    for (const url of urls) {
      let lake = this.lakes.get(url);
      if (!lake) {
        const { bucket, prefix } = parseS3Url(url, '--logs');
        lake = new S3Lake(makeS3Client(access), bucket, prefix, cacheDir, access.endpoint);
        this.lakes.set(url, lake);
      }
      const listing = await lake.list(filter, format);
      skipped.push(...listing.skipped);
      notes.push(...listing.notes);
      const queue = [...listing.objects];
      const fetched = new Array<string | null>(queue.length).fill(null);
      const lister = lake;
      const worker = async () => {
        for (;;) {
          const i = listing.objects.length - queue.length;
          const o = queue.shift();
          if (o === undefined) return;
          try {
            const local = await lister.fetch(o.key, o.modified);
            this.remoteNames.set(local, lister.url(o.key));
            fetched[i] = local;
          } catch (e) {
            skipped.push({ severity: 'error', file: lister.url(o.key), message: (e as Error).message });
          }
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
      for (const f of fetched) if (f !== null) files.push(f);
    }
    return { files, skipped, notes };
  }

  /** The S3 calls made so far per s3:// path (operability; tests check that pruning lists and fetches less). */
  s3Calls(): { list: number; get: number } {
    let list = 0;
    let get = 0;
    for (const l of this.lakes.values()) {
      list += l.calls.list;
      get += l.calls.get;
    }
    return { list, get };
  }

  private async *run(scan: ScanOptions, fragment?: Uint8Array): AsyncGenerator<PartialChunk> {
    const o = this.options;
    const started = performance.now();
    const summary = emptySummary();
    this.last = summary;
    this.diags = [];
    this.files = [];
    const filter = compileFilter(scan.predicates, { tenantId: o.tenantId ?? '' });
    // 'auto': one reading thread per core (max 4) when few rows cross threads (a byte filter) or
    // only groups do (a partial scan), else one fewer (reading-threads.ts).
    // This thread reads a file whenever the next one to hand out is not ready.
    const wanted = AWS_CLOUDTRAIL_SCHEMA.map((c) => !scan.columns || scan.columns.has(c.name) || filter.columns.has(c.name));
    // a check-first scan (check-first.ts) sends as few rows across threads as a byte-filtered one
    const narrowed = filter.byteFilter !== null || checkFirstPlan(filter, { wanted, ...(o.extractFields === false ? { extractFields: false } : {}) }) !== null;
    const threads =
      o.workers === undefined || o.workers === 'auto'
        ? autoReadingThreads({ cores: availableParallelism(), byteFilter: narrowed, partial: fragment !== undefined })
        : o.workers;
    const parallelMinBytes = o.parallelMinBytes ?? 32 * 1024 * 1024;
    if (threads < 2) releaseAdoptedWorkers();
    const remote = this.paths.filter(isS3Url);
    const fromBuckets = remote.length > 0 && !filter.impossible ? await this.fromBuckets(remote, scan, o.format ?? 'auto') : { files: [], skipped: [], notes: [] };
    // workers load while the files are still being listed (they are not waited for otherwise)
    const discovered = await discover([...this.paths.filter((p) => !isS3Url(p)), ...fromBuckets.files], o.format ?? 'auto', {
      bigBytes: parallelMinBytes,
      onBig: threads >= 2 && !filter.impossible ? () => prewarmWorkers(threads - 1) : undefined,
    });
    const listed = { ...discovered, skipped: [...fromBuckets.skipped, ...discovered.skipped], notes: [...fromBuckets.notes, ...discovered.notes] };
    const ranges = o.ranges;
    const found = ranges ? { ...listed, tasks: listed.tasks.map((t) => (ranges.has(t.path) ? { ...t, range: ranges.get(t.path)! } : t)) } : listed;
    for (const d of found.skipped) {
      summary.files++; // counted like read files, so failed/skipped are parts of the total
      if (d.severity === 'error') summary.failedFiles++;
      else summary.skippedFiles++;
      this.report(d);
    }
    for (const d of found.notes) this.report(d);
    if (filter.impossible) return;
    const config: FileScanConfig = {
      predicates: scan.predicates,
      wanted,
      tenantId: o.tenantId ?? '',
      escapePolicy: o.escapePolicy ?? 'sentinel',
      maxFieldBytes: o.maxFieldBytes ?? LOG_ANALYTICS_MAX_FIELD_BYTES,
      batchSize: o.batchSize ?? 4096,
      maxRecordBytes: o.maxRecordBytes ?? 64 * 1024 * 1024,
      maxInflateRatio: o.maxInflateRatio ?? DEFAULT_MAX_INFLATE_RATIO,
      wholeFileMaxBytes: o.wholeFileMaxBytes ?? 2 * 1024 * 1024,
      maxDiagnosticsPerFile: 20,
      ...(o.extractFields === false ? { extractFields: false } : {}),
    };
    const readConfig: FileScanConfig = fragment ? { ...config, partial: fragment, ...(o.keepDuplicates ? { keepDuplicates: true } : {}) } : config;
    const parallel = threads >= 2 && found.tasks.length >= 2 && found.totalBytes >= parallelMinBytes;
    summary.workers = parallel ? Math.min(threads, found.tasks.length) : 0;
    const events: AsyncGenerator<TaskEvent> = parallel
      ? runParallel(found.tasks, readConfig, summary.workers - 1, o.partialBlockFiles === undefined ? POOL_LIMITS : { ...POOL_LIMITS, blockFiles: o.partialBlockFiles })
      : runSequential(found.tasks, readConfig);
    const dedupe = o.keepDuplicates ? null : new Deduper(found.tasks, config, summary, (d) => this.report(d), { memoryIds: memoryIdsFor(found.totalBytes) });
    // rows a query may hold share one string per repeated value (intern-columns.ts)
    const interner = new ColumnInterner(AWS_CLOUDTRAIL_SCHEMA.map((c, i) => c.type === 'string' && wanted[i]!));
    const bar = o.progress ? await import('./progress.ts').then((m) => m.createProgressBar()) : null;
    let lastTick = 0;
    async function* rows(ev: FileEvent & { t: 'batch' }, task: number): AsyncGenerator<PartialChunk> {
      const batch = dedupe === null ? ev : dedupe.filter(ev.columns, ev.ids, ev.length, task);
      if (dedupe?.due) await dedupe.compare();
      if (batch.length === 0) return;
      summary.rows += batch.length;
      interner.intern(batch.columns, batch.length);
      fillUnwanted(batch.columns, batch.length);
      const ingestion = new Array<bigint | null>(batch.length).fill(found.tasks[task]!.ingestion);
      yield { kind: 'rows', batch: { schema: AWS_CLOUDTRAIL_SCHEMA, columns: batch.columns, length: batch.length, ingestion } };
    }
    const progress = (done: boolean) => {
      summary.elapsedMs = performance.now() - started;
      if (!o.onProgress && !bar) return;
      if (!done && summary.elapsedMs - lastTick < 100) return;
      lastTick = summary.elapsedMs;
      const p: ProgressInfo = { files: summary.files, filesTotal: found.tasks.length + found.skipped.length, records: summary.rows, bytes: summary.bytes, bytesTotal: found.totalBytes, elapsedMs: summary.elapsedMs, done };
      o.onProgress?.(p);
      bar?.update(p);
    };
    /**
     * Files whose rows are in a reader's open block (their `continued` events, pool.ts), their rows,
     * and whether every one's claim stood and its rows aggregated.
     */
    let block: number[] = [];
    let blockRows = 0;
    let blockOk = true;
    /** Files whose aggregated rows are given up (a duplicate, a failed expression, a dead reader): their rows again, read here, in order. */
    async function* readAgain(files: readonly number[]): AsyncGenerator<PartialChunk> {
      for (const t of files) dedupe?.giveUp(t);
      for (const t of files) for await (const again of readFile(found.tasks[t]!, config)) if (again.t === 'batch') yield* rows(again, t);
    }
    const closeBlock = (): number[] => {
      const files = block;
      block = [];
      blockRows = 0;
      blockOk = true;
      return files;
    };
    try {
      for await (const { task, ev } of events) {
        if (scan.signal?.aborted) break;
        switch (ev.t) {
          case 'progress':
            summary.bytes += ev.bytes;
            progress(false);
            break;
          case 'diag':
            this.report(ev.d);
            break;
          case 'end': {
            dedupe?.ended(task);
            // a file ended while a block is open and is not in it (its own continued event would
            // have made it the block's last, its groups would have closed it): it ended without
            // either, its reader died, and the block's rows never come
            if (block.length > 0 && block[block.length - 1] !== task) yield* readAgain(closeBlock());
            const remoteName = this.remoteNames.get(ev.stats.file);
            const st = remoteName === undefined ? ev.stats : { ...ev.stats, file: remoteName };
            this.files.push(st);
            summary.files++;
            summary.records += st.records;
            summary.filteredRecords += st.filtered;
            summary.skippedRecords += st.skipped;
            summary.failedRecords += st.failed;
            summary.coercedRecords += st.coerced;
            summary.truncatedRecords += st.truncated;
            if (st.status === 'failed') summary.failedFiles++;
            else if (st.status === 'partial') summary.partialFiles++;
            else if (st.status === 'skipped') summary.skippedFiles++;
            progress(false);
            break;
          }
          case 'batch':
            yield* rows(ev, task);
            break;
          case 'ids':
            dedupe?.claim(ev.ids, task);
            break;
          case 'continued': {
            const ok = dedupe === null ? ev.ok : dedupe.settle(task, ev.ok);
            block.push(task);
            blockRows += ev.rows;
            blockOk &&= ok;
            break;
          }
          case 'groups': {
            const ok = (dedupe === null ? ev.groups !== null : dedupe.settle(task, ev.groups !== null)) && blockOk;
            const rowsIn = blockRows + ev.rows;
            const files = [...closeBlock(), task];
            if (ok) {
              summary.rows += rowsIn;
              summary.aggregatedFiles += files.length;
              if (rowsIn > 0) yield { kind: 'groups', groups: ev.groups };
            } else {
              // duplicates or a failed expression: the rows of this file (and of its block) again, read here
              yield* readAgain(files);
            }
            break;
          }
        }
      }
      // every block ends with a file's groups or end; one still open here lost its reader
      if (!scan.signal?.aborted && block.length > 0) yield* readAgain(closeBlock());
      // the last dropped copies (a scan stopped early by its consumer does not compare them)
      if (!scan.signal?.aborted) await dedupe?.compare();
    } finally {
      await events.return(undefined);
      dedupe?.close();
      progress(true);
      bar?.stop();
    }
  }
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.record !== undefined ? ` record ${d.record}${d.offset !== undefined ? ` (byte ${d.offset})` : ''}` : d.offset !== undefined ? ` byte ${d.offset}` : '';
  return `${d.file}:${where ? where + ':' : ''} ${d.severity}: ${d.message}`;
}
