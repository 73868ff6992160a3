/**
 * The live watcher: polls a source for new CloudTrail files, keeps each rule's pushed-down rows
 * for its lookback, runs every rule on its schedule with replay's semantics (detect/schedule.ts:
 * run at T + delay, now() = T + delay, lookback [now - queryPeriod, now], a row visible when
 * delivered by now), handles events that arrive after their window ran (see docs/live.md), and
 * checkpoints after every run so that a restart neither loses nor repeats an alert.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { formatDiagnostic, openCloudTrail } from '../cloudtrail/index.ts';
import type { ByteRange } from '../cloudtrail/types.ts';
import { ticksToIso } from '../cloudtrail/time.ts';
import { AWS_CLOUDTRAIL_SCHEMA, AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { formatDiagnostic as formatQueryDiagnostic, type CompiledQuery, type RequestProperties } from '../kql/engine.ts';
import { errorMessage, isLimitError } from '../detect/run-units.ts';
import type { CompileAll } from '../detect/compile-batch.ts';
import { compileRules, withExternalData } from '../detect/replay.ts';
import { MemoryTable } from '../kql/file-table.ts';
import type { ScanPredicate } from '../kql/scan.ts';
import { TICKS_PER_HOUR, TICKS_PER_SECOND } from '../kql/types.ts';
import type { Rule } from '../detect/rule.ts';
import { DEFAULT_DELAY, tickAtOrAfter, tickAtOrBefore, windowAt, type RunWindow, type ScheduleOptions } from '../detect/schedule.ts';
import type { Workspace } from '../detect/workspace.ts';
import { alertsFor, type Alert, type RunAlert } from './alerts.ts';
import { RowBuffer, type DroppedCopy } from './buffer.ts';
import { fileExtent, type FileExtent } from './growing-file.ts';
import { nextPart } from './next-part.ts';
import type { Clock } from './clock.ts';
import { Outbox } from './outbox.ts';
import type { FoundObject, LogSource } from './sources.ts';
import type { TableFeed } from '../clickhouse/live-feed.ts';
import { StateStore, type Counters, type StateData } from './state.ts';

export type LatePolicy = 'catch-up' | 'sentinel';

export interface RunnerOptions {
  readonly rules: readonly Rule[];
  readonly workspace: Workspace;
  /** Files: a folder or a bucket. Exactly one of `source` and `table`. */
  readonly source?: LogSource;
  /**
   * A table that something else keeps filling (watch --engine chdb|clickhouse): rows are read by
   * their ingestion time as files are by their delivery time (docs/clickhouse.md, "watch").
   */
  readonly table?: TableFeed;
  readonly stateDir: string;
  readonly clock: Clock;
  /** Outbox folder names of the sinks (one per sink). */
  readonly sinkNames: readonly string[];
  readonly delay?: bigint;
  /** 'delivery' (default): a row is visible to a run once its file was delivered; 'ideal': at once. */
  readonly ingestion?: 'delivery' | 'ideal';
  readonly late?: LatePolicy;
  /** How late a file may arrive and still be read (default 1h); also the catch-up horizon. */
  readonly lateness?: bigint;
  /** Start the schedule here (ticks) and catch up on every run since. */
  readonly from?: bigint;
  readonly log?: (line: string) => void;
  /** Called after each checkpoint (the watch loop delivers then, so a long catch-up streams). */
  readonly afterCommit?: () => Promise<void>;
  /**
   * Folder mode: how long (wall clock, from its mtime) a file must stay unchanged, across a poll,
   * before an incomplete end is taken as final (default 1 minute).
   */
  readonly settleMs?: number;
  /** Client request properties of every run: the per-query memory budget (--max-memory). */
  readonly properties?: RequestProperties;
  /** Compiles the rules the plan cache lacks, all at once, in another process (replay.ts compileRules). */
  readonly compileAll?: CompileAll;
}

/** Which part of a local file to read into the buffers, and what the read may count. */
interface ReadPart {
  /** A file first read by this process (not a rebuild after a restart): its problems are logged and counted. */
  readonly fresh: boolean;
  readonly range?: ByteRange;
  readonly format?: 'json' | 'jsonl';
  /** Count (and report) the copies dropped as duplicates; not when re-reading rows already held. */
  readonly countDuplicates?: boolean;
}

interface ReadResult {
  readonly added: Map<RuleRuntime, bigint[]>;
  readonly maxTime: bigint | null;
  /** The reader's errors (once each across the rules' scans). */
  readonly problems: string[];
}

interface RuleRuntime {
  readonly rule: Rule;
  readonly query: CompiledQuery;
  readonly predicates: ScanPredicate[];
  readonly schedule: ScheduleOptions;
  readonly buffer: RowBuffer;
  /** Whether the query raises an alert on an empty table: if not, empty windows are skipped. */
  emptyTriggers: boolean;
}

export interface RunReport {
  readonly rule: string;
  readonly scheduled: bigint;
  readonly late: boolean;
  readonly rows: number;
  readonly alerts: number;
  /** Why the run failed (a query limit: E_RUNAWAY_QUERY ...); it raised no alert and the others went on. */
  readonly failed?: string;
}

export interface StepReport {
  readonly newFiles: number;
  readonly runs: readonly RunReport[];
  readonly alerts: readonly Alert[];
}

export class LiveRunner {
  readonly store: StateStore;
  readonly outbox: Outbox;
  private state!: StateData;
  private runtimes: RuleRuntime[] = [];
  private readonly delay: bigint;
  private readonly lateness: bigint;
  private readonly late: LatePolicy;
  private newestDelivery: bigint | null = null;
  private order = 0;
  /** Every file read by this process (tests check nothing is read twice). */
  readonly filesRead: string[] = [];

  constructor(readonly options: RunnerOptions) {
    if ((options.source === undefined) === (options.table === undefined)) throw new Error('LiveRunner: give exactly one of source and table');
    this.store = new StateStore(options.stateDir);
    this.outbox = new Outbox(options.stateDir, options.sinkNames);
    this.delay = options.delay ?? DEFAULT_DELAY;
    this.lateness = options.lateness ?? TICKS_PER_HOUR;
    this.late = options.late ?? 'catch-up';
  }

  private log(line: string): void {
    this.options.log?.(line);
  }

  /** Loads the checkpoint, compiles the rules and re-reads the files whose rows are still needed. */
  async start(): Promise<void> {
    this.runtimes = [];
    this.state = this.store.load();
    this.outbox.recover((id) => id in this.state.emitted);
    const now = this.options.clock.now();
    const tables = new Map([[AWS_CLOUDTRAIL_TABLE, openCloudTrail([])]]);
    for (const compiledRule of compileRules(this.options.rules, this.options.workspace, tables, this.options.compileAll)) {
      const cr = await withExternalData(compiledRule, this.options.workspace);
      const { rule, compiled: query } = cr;
      for (const w of cr.warnings) this.log(`warning: ${w}`);
      for (const w of query.warnings) this.log(`${rule.name}: warning: ${formatQueryDiagnostic(query.text, w, `${rule.file} (query)`)}`);
      const schedule: ScheduleOptions = { frequency: rule.queryFrequency, period: rule.queryPeriod, delay: this.delay };
      const rt: RuleRuntime = { rule, query, predicates: query.tableFilters().get(AWS_CLOUDTRAIL_TABLE) ?? [], schedule, buffer: new RowBuffer(AWS_CLOUDTRAIL_SCHEMA), emptyTriggers: true };
      try {
        rt.emptyTriggers = (await this.evaluate(rt, windowAt(tickAtOrBefore(now, schedule), schedule), [])).length > 0;
      } catch (e) {
        // A query that exceeds a limit on no rows: run every window (each will report it).
        if (!isLimitError(e)) throw e;
      }
      if (!(rule.id in this.state.rules)) {
        // First start: from --from, else from the next run due (no backfill).
        const first = this.options.from !== undefined ? tickAtOrAfter(this.options.from, schedule) : tickAtOrAfter(now - this.delay, schedule);
        this.state.rules[rule.id] = String(first - schedule.frequency);
      }
      this.runtimes.push(rt);
    }
    if (this.state.floor === null) {
      const maxPeriod = this.runtimes.reduce((m, r) => (r.schedule.period > m ? r.schedule.period : m), 0n);
      const start = this.options.from ?? now;
      this.state.floor = String(start - maxPeriod - this.delay - this.lateness);
    }
    if (this.options.table) {
      // Rebuild the buffers from the rows read before (what the last checkpoint had read).
      if (this.state.table.read !== null) await this.readTable(BigInt(this.state.table.read), true);
      return;
    }
    // Rebuild the buffers from the files already read (no S3 call: the cache holds copies).
    const records = Object.entries(this.state.objects).sort((a, b) => cmp(BigInt(a[1].delivered), BigInt(b[1].delivered)) || (a[0] < b[0] ? -1 : 1));
    for (const [, rec] of records) {
      if (rec.maxTime === '') continue;
      // exactly the bytes read before (a file may have grown since: the next poll reads the rest)
      await this.readInto(rec.local, { fresh: false, format: rec.format, range: rec.consumed === undefined ? undefined : { start: 0, end: rec.consumed } });
    }
  }

  /** Totals since the state was created: read failures, duplicates dropped. */
  counters(): Counters {
    return { ...this.state.counters };
  }

  /** Where a rule's buffer may drop rows: older than any window still to run or to catch up. */
  private keepFrom(rt: RuleRuntime): bigint {
    const last = BigInt(this.state.rules[rt.rule.id]!);
    const next = windowAt(last + rt.schedule.frequency, rt.schedule);
    return next.start - (this.late === 'catch-up' ? this.lateness + rt.schedule.frequency : 0n);
  }

  /**
   * Reads (a part of) one local file into every rule's buffer; returns per-rule new rows, the max
   * time and the reader's errors. Duplicates are dropped by the buffers (not the reader), which
   * hold the first copy's values: a later copy that differs is logged naming both files.
   */
  private async readInto(local: string, part: ReadPart): Promise<ReadResult> {
    const added = new Map<RuleRuntime, bigint[]>();
    let maxTime: bigint | null = null;
    if (part.fresh) this.filesRead.push(local);
    const problems = new Set<string>();
    const warnings = new Set<string>();
    const dropped = new Map<string, DroppedCopy>();
    for (const rt of this.runtimes) {
      const source = openCloudTrail([local], {
        workers: 0,
        keepDuplicates: true,
        ...(part.format ? { format: part.format } : {}),
        ...(part.range ? { ranges: new Map([[local, part.range]]) } : {}),
      });
      const times: bigint[] = [];
      for await (const batch of source.scan({ predicates: rt.predicates })) {
        const r = rt.buffer.add(batch, this.keepFrom(rt), local);
        for (const row of r.added) times.push(row.time);
        for (const d of r.dropped) if (!dropped.get(d.id)?.differs) dropped.set(d.id, d);
        for (const v of batch.columns[0]!) if (typeof v === 'bigint' && (maxTime === null || v > maxTime)) maxTime = v;
      }
      for (const d of source.diagnostics()) {
        if (d.severity === 'error') problems.add(formatDiagnostic(d));
        else if (d.severity === 'warning') warnings.add(formatDiagnostic(d));
      }
      added.set(rt, times);
    }
    // The reader's warnings (a field cut to the field limit), once each although every rule reads
    // the file, and only the first time the file is read; its errors are read failures (below).
    if (part.fresh) for (const w of warnings) this.log(w);
    if (part.fresh && part.countDuplicates !== false) {
      for (const d of dropped.values()) {
        this.state.counters.duplicates++;
        if (!d.differs) continue;
        this.state.counters.differingDuplicates++;
        this.log(`duplicate: eventID ${JSON.stringify(d.id)} in ${local} differs from the copy read first from ${d.keptFile}: this copy was dropped, the first kept`);
      }
      this.stepDuplicates += dropped.size;
    }
    return { added, maxTime, problems: [...problems] };
  }

  /** The oldest TimeGenerated a window still to run (or to catch up) can hold, over every rule. */
  private eventsFrom(): bigint | undefined {
    return this.runtimes.reduce<bigint | undefined>((m, rt) => {
      const k = this.keepFrom(rt);
      return m === undefined || k < m ? k : m;
    }, undefined);
  }

  /**
   * Table mode: rows delivered after this (ticks) are read again by every read, and those not
   * seen yet are new: the last read less --lateness (a row that lands in the table that late after
   * its delivery time is no longer looked for, as a file delivered before the floor), never below
   * the floor.
   */
  private tableAfter(): bigint {
    const floor = BigInt(this.state.floor!) - 1n;
    const read = this.state.table.read;
    const band = read === null ? floor : BigInt(read) - this.lateness;
    return band > floor ? band : floor;
  }

  /**
   * Table mode: reads the rows delivered in (tableAfter, upTo] (and those without an ingestion
   * time) into the buffers of the rules whose pre-filters they may match; returns the rows added
   * per rule. A row whose dedup key was seen is not new. `rebuild` (a restart): every row
   * delivered up to `upTo` (the last read), except those in the band not seen before: they
   * landed after the last checkpoint and the next read finds them new (and catches them up).
   */
  private async readTable(upTo: bigint, rebuild: boolean): Promise<{ added: Map<RuleRuntime, bigint[]>; newRows: number }> {
    const feed = this.options.table!;
    const after = this.tableAfter();
    const seen = this.state.table.seen;
    const added = new Map<RuleRuntime, bigint[]>(this.runtimes.map((rt) => [rt, []]));
    const dropped = new Map<string, DroppedCopy>();
    const timeCol = AWS_CLOUDTRAIL_SCHEMA.findIndex((c) => c.name === 'TimeGenerated');
    const eventsFrom = this.eventsFrom();
    let newRows = 0;
    if (eventsFrom === undefined) return { added, newRows };
    for await (const fb of feed.read({ filters: this.runtimes.map((rt) => rt.predicates), eventsFrom, after: rebuild ? null : after, upTo })) {
      const { batch } = fb;
      const take: number[] = [];
      for (let r = 0; r < fb.keys.length; r++) {
        const key = fb.keys[r]!;
        const ing = batch.ingestion?.[r] ?? null;
        const inBand = ing === null || ing > after;
        if (rebuild ? inBand && !(key in seen) : key in seen) continue;
        if (!rebuild) {
          seen[key] = ing === null ? `t${batch.columns[timeCol]![r] as bigint}` : `i${ing}`;
          newRows++;
          if (ing !== null && (this.newestDelivery === null || ing > this.newestDelivery)) this.newestDelivery = ing;
        }
        take.push(r);
      }
      for (const [k, rt] of this.runtimes.entries()) {
        const rows = take.filter((r) => fb.matches[k]![r]);
        if (rows.length === 0) continue;
        const sub = { schema: batch.schema, columns: batch.columns.map((c) => rows.map((r) => c[r]!)), length: rows.length, ingestion: rows.map((r) => batch.ingestion?.[r] ?? null) };
        const res = rt.buffer.add(sub, this.keepFrom(rt), feed.description);
        for (const row of res.added) added.get(rt)!.push(row.time);
        for (const d of res.dropped) if (!dropped.get(d.id)?.differs) dropped.set(d.id, d);
      }
    }
    if (!rebuild) {
      // Two rows with one eventID but another EventName or TimeGenerated have two dedup keys
      // (the table keeps both); the buffers keep the first read, as with files.
      for (const d of dropped.values()) {
        this.state.counters.duplicates++;
        if (!d.differs) continue;
        this.state.counters.differingDuplicates++;
        this.log(`duplicate: eventID ${JSON.stringify(d.id)}: two rows in ${feed.description} differ; the one read first was kept`);
      }
      this.stepDuplicates += dropped.size;
      this.stepFiles += newRows;
      const read = this.state.table.read;
      if (read === null || upTo > BigInt(read)) this.state.table.read = String(upTo);
    }
    return { added, newRows };
  }

  /** A read that failed or reported problems: one line naming the file and the reason, counted in the state. */
  private readFailure(file: string, reason: string): void {
    this.state.counters.readFailures++;
    this.stepFailures++;
    this.log(`read failed: ${file}: ${reason}`);
  }

  private reportProblems(local: string, problems: readonly string[]): void {
    if (problems.length === 0) return;
    const first = problems[0]!.startsWith(`${local}: `) ? problems[0]!.slice(local.length + 2) : problems[0]!;
    this.readFailure(local, `${first}${problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : ''}`);
  }

  /**
   * Reads what is new in one listed object: a new S3 object whole; a folder file from where the
   * last read stopped up to the end of its complete part (growing-file.ts). Updates its record;
   * returns the rows added per rule (for catch-up), or null when nothing was read.
   */
  private async readObject(o: FoundObject): Promise<Map<RuleRuntime, bigint[]> | null> {
    const rec = this.state.objects[o.key];
    const { local, cached } = await o.fetch();
    const maxOf = (t: bigint | null) => (t === null ? rec?.maxTime ?? '' : rec && rec.maxTime !== '' && BigInt(rec.maxTime) > t ? rec.maxTime : String(t));
    const base = { delivered: String(o.delivered), local, cached };
    if (o.size === undefined || o.mtimeMs === undefined) {
      // immutable once written (S3): read whole, once
      const r = await this.readInto(local, { fresh: true });
      this.reportProblems(local, r.problems);
      this.state.objects[o.key] = { ...base, maxTime: maxOf(r.maxTime) };
      return r.added;
    }
    const seen = { size: o.size, mtimeMs: o.mtimeMs };
    if (rec !== undefined && rec.size === undefined) {
      // recorded by an earlier version, which read files whole: read, only its size is new
      this.state.objects[o.key] = { ...rec, ...seen };
      return null;
    }
    if (rec !== undefined && rec.size !== undefined && o.size < rec.size) {
      // replaced or cut back: what was read stays read; a file is followed as it grows, not rewritten
      this.log(`shrank after it was read: ${local}: ${rec.size} -> ${o.size} bytes; not read again until it grows past what was read`);
      this.state.objects[o.key] = { ...rec, ...seen };
      return null;
    }
    const unchanged = rec !== undefined && rec.size === o.size && rec.mtimeMs === o.mtimeMs;
    // stopped growing: unchanged since the last poll, and for the settle time
    const settled = unchanged && Date.now() - o.mtimeMs >= (this.options.settleMs ?? 60_000);
    let extent: FileExtent;
    try {
      extent = await fileExtent(local, rec?.read ?? 0);
    } catch (e) {
      // not recorded: tried again at the next poll
      this.readFailure(local, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); tried again at the next poll`);
      return null;
    }
    if (extent.format === 'whole') {
      // CSV, Parquet: no part of an unfinished file can be told complete; read once it is stable
      if (rec !== undefined && !rec.waiting) {
        if (!unchanged) this.log(`changed after it was read: ${local}: CSV and Parquet files are read once, not again`);
        this.state.objects[o.key] = { ...rec, ...seen };
        return null;
      }
      if (!settled) {
        this.state.objects[o.key] = { ...base, maxTime: '', ...seen, waiting: true };
        return null;
      }
      const r = await this.readInto(local, { fresh: true });
      this.reportProblems(local, r.problems);
      this.state.objects[o.key] = { ...base, maxTime: maxOf(r.maxTime), ...seen };
      return r.added;
    }
    const next = nextPart(rec, { ...extent, format: extent.format }, settled, Math.round((Date.now() - o.mtimeMs) / 1000));
    if (next.failure !== null) this.readFailure(local, next.failure);
    let added: Map<RuleRuntime, bigint[]> | null = null;
    let maxTime = rec?.maxTime ?? '';
    if (next.range !== null) {
      // the range found complete, even for a whole file: it may have grown since it was looked at
      const r = await this.readInto(local, { fresh: true, format: extent.format, countDuplicates: next.countDuplicates, range: next.range });
      if (!next.cut) this.reportProblems(local, r.problems);
      added = r.added;
      maxTime = maxOf(r.maxTime);
    }
    this.state.objects[o.key] = { ...base, maxTime, ...seen, ...next.progress };
    return added;
  }

  /** Whether a listed object has something to read: new, still being written, or grown since it was read. */
  private wantsRead(o: FoundObject): boolean {
    const rec = this.state.objects[o.key];
    if (rec === undefined) return true;
    if (o.size === undefined) return false; // S3: immutable, read once
    return rec.waiting === true || rec.size !== o.size || rec.mtimeMs !== o.mtimeMs;
  }

  private async evaluate(rt: RuleRuntime, w: RunWindow, rows: ReturnType<RowBuffer['select']>, late = false): Promise<RunAlert[]> {
    const table = MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, rows.map((r) => r.values), rows.map((r) => r.ingestion));
    // Catalogued Sentinel tables other than AWSCloudTrail read as empty (docs/tables.md).
    const tables = this.options.workspace.runTables(new Map([[AWS_CLOUDTRAIL_TABLE, table]]));
    const result = await rt.query.run({ now: w.now, tables, watchlists: this.options.workspace.watchlists, properties: this.options.properties });
    return alertsFor(rt.rule, w, result, late);
  }

  /** Runs one window, stages its new alerts; the caller commits. */
  private async runWindow(rt: RuleRuntime, w: RunWindow, late: boolean, staged: string[], out: Alert[], reports: RunReport[]): Promise<void> {
    const visibleAt = late || this.options.ingestion === 'ideal' ? null : w.now;
    const rows = rt.buffer.select(w.start, w.end, visibleAt);
    let alerts: RunAlert[] = [];
    try {
      if (rows.length > 0 || rt.emptyTriggers) alerts = await this.evaluate(rt, w, rows, late);
    } catch (e) {
      // A run stopped by a query limit fails alone, as in Sentinel (the rule's health records it):
      // it is logged and checkpointed as run, and the other runs and rules go on.
      if (!isLimitError(e)) throw e;
      reports.push({ rule: rt.rule.name, scheduled: w.scheduled, late, rows: rows.length, alerts: 0, failed: errorMessage(e) });
      this.log(`run ${late ? 'catch-up ' : ''}failed rule="${rt.rule.name}" scheduled=${ticksToIso(w.scheduled)} ${this.readLabel}=${this.stepFiles} records=${rows.length} error=${JSON.stringify(errorMessage(e))}`);
      this.stepFiles = 0;
      return;
    }
    let n = 0;
    if (alerts.length > 0 && rt.rule.suppressionEnabled && !late) this.state.suppressed[rt.rule.id] = String(w.scheduled + rt.rule.suppressionDuration);
    for (const { alert: a, evidence } of alerts) {
      // A repeat of an alert already committed (same id), or of findings already reported.
      if (a.id in this.state.emitted) continue;
      if (evidence.length > 0 && evidence.every((k) => k in this.state.evidence)) continue;
      for (const k of evidence) this.state.evidence[k] = String(w.scheduled);
      this.state.emitted[a.id] = String(w.scheduled);
      staged.push(...this.outbox.stage(a, `${String(w.scheduled).padStart(20, '0')}-${String(this.order++ % 1e6).padStart(6, '0')}`));
      out.push(a);
      n++;
    }
    const report: RunReport = { rule: rt.rule.name, scheduled: w.scheduled, late, rows: rows.length, alerts: n };
    reports.push(report);
    const lag = this.newestDelivery === null ? 'n/a' : `${(Number(this.options.clock.now() - this.newestDelivery) / 1e7).toFixed(0)}s`;
    // files: new files read since the previous run line (so a step's reads are counted once).
    this.log(`run ${late ? 'catch-up ' : ''}rule="${rt.rule.name}" scheduled=${ticksToIso(w.scheduled)} ${this.readLabel}=${this.stepFiles} failed=${this.stepFailures} duplicates=${this.stepDuplicates} records=${rows.length} lag=${lag} alerts=${n}`);
    this.stepFiles = 0;
    this.stepFailures = 0;
    this.stepDuplicates = 0;
  }

  // since the previous run line: files read, read failures, duplicates dropped
  private stepFiles = 0;
  /** What stepFiles counts: files read, or rows read from a table. */
  private get readLabel(): string {
    return this.options.table ? 'rows' : 'files';
  }
  private stepFailures = 0;
  private stepDuplicates = 0;

  private commit(staged: string[]): void {
    this.store.save(this.state);
    this.outbox.promote(staged);
    staged.length = 0;
  }

  /**
   * One poll-and-run pass. New files are read in delivery order, interleaved with the runs: a
   * run scheduled at T reads first every file delivered by T + delay (what it may see), and no
   * later one. So a long catch-up (--from) holds one lookback of rows at a time, and a file that
   * lands after the runs covering its events is late in a catch-up exactly as it is live.
   */
  async step(signal?: AbortSignal): Promise<StepReport> {
    const now = this.options.clock.now();
    const floor = BigInt(this.state.floor!);
    // An object stamped later than the clock is not delivered yet as far as the schedule knows
    // (clock skew, simulated time): it is read by a later poll, so a run never sees the future.
    // the oldest event a window still to run (or to catch up) can hold
    const eventsFrom = this.eventsFrom();
    const table = this.options.table;
    const listed = table ? [] : await this.options.source!.list(floor, now, eventsFrom);
    for (const p of table ? [] : this.options.source!.problems?.() ?? []) {
      this.state.counters.readFailures++;
      this.stepFailures++;
      this.log(`read failed: ${p}`);
    }
    const pending = listed.filter((o) => o.delivered <= now && this.wantsRead(o));
    pending.sort((a, b) => cmp(a.delivered, b.delivered) || (a.key < b.key ? -1 : 1));
    let newFiles = 0;
    const staged: string[] = [];
    const alerts: Alert[] = [];
    const runs: RunReport[] = [];
    const readUpTo = async (t: bigint) => {
      let lateTimes = new Map<RuleRuntime, bigint[]>();
      if (table) {
        const r = await this.readTable(t, false);
        lateTimes = r.added;
        newFiles += r.newRows;
      }
      while (pending.length > 0 && pending[0]!.delivered <= t) {
        const o = pending.shift()!;
        const added = await this.readObject(o);
        if (added === null) continue;
        newFiles++;
        this.stepFiles++;
        if (this.newestDelivery === null || o.delivered > this.newestDelivery) this.newestDelivery = o.delivered;
        for (const [rt, times] of added) lateTimes.set(rt, [...(lateTimes.get(rt) ?? []), ...times]);
      }
      if (this.late === 'catch-up') await this.catchUp(lateTimes, staged, alerts, runs);
    };
    // Due runs, oldest first across rules; a checkpoint after each.
    for (;;) {
      if (signal?.aborted) break;
      const pick = () => {
        let best: { rt: RuleRuntime; T: bigint } | undefined;
        for (const rt of this.runtimes) {
          // Table mode: a row not read yet was delivered after the last read.
          const T = this.nextToRun(rt, now, table ? this.tableUnread() : pending[0]?.delivered);
          if (T !== undefined && (!best || T < best.T)) best = { rt, T };
        }
        return best;
      };
      const first = pick();
      if (!first) break;
      await readUpTo(first.T + first.rt.schedule.delay);
      // The files just read may fill a window before `first` that was empty a moment ago.
      const best = pick() ?? first;
      await this.runWindow(best.rt, windowAt(best.T, best.rt.schedule), false, staged, alerts, runs);
      this.state.rules[best.rt.rule.id] = String(best.T);
      best.rt.buffer.evictBefore(this.keepFrom(best.rt));
      this.commit(staged);
      await this.options.afterCommit?.();
    }
    if (!signal?.aborted) await readUpTo(now);
    this.prune(now);
    this.commit(staged);
    return { newFiles, runs, alerts };
  }

  /** Table mode: the earliest ingestion time a row not read yet can have. */
  private tableUnread(): bigint {
    const read = this.state.table.read;
    return read === null ? BigInt(this.state.floor!) : BigInt(read) + 1n;
  }

  /** Re-runs, once, the last window of each event that every window ran without (--late catch-up). */
  private async catchUp(lateTimes: Map<RuleRuntime, bigint[]>, staged: string[], alerts: Alert[], runs: RunReport[]): Promise<void> {
    for (const rt of this.runtimes) {
      const last = BigInt(this.state.rules[rt.rule.id]!);
      const ticks = new Set<bigint>();
      for (const t of lateTimes.get(rt) ?? []) {
        // The last window [T + delay - period, T + delay] that contains t. Not run yet: that run
        // (or an earlier one still to come) sees the event, nothing to catch up. Already run:
        // every window of the event ran without it (Sentinel misses it); re-run that one.
        const lastSeeing = tickAtOrBefore(t + rt.schedule.period - rt.schedule.delay, rt.schedule);
        if (lastSeeing <= last) ticks.add(lastSeeing);
      }
      for (const T of [...ticks].sort(cmp)) await this.runWindow(rt, windowAt(T, rt.schedule), true, staged, alerts, runs);
    }
  }

  /**
   * The next scheduled time of this rule that is due at `now`, skipping windows with no rows
   * when the rule cannot alert on an empty table (so a long catch-up costs events, not ticks).
   */
  private nextToRun(rt: RuleRuntime, now: bigint, nextDelivery: bigint | undefined): bigint | undefined {
    const s = rt.schedule;
    let earliest = BigInt(this.state.rules[rt.rule.id]!) + s.frequency;
    // Suppression (as replay): no run before the suppression ends.
    const until = this.state.suppressed[rt.rule.id];
    if (until !== undefined && earliest < BigInt(until)) earliest = tickAtOrAfter(BigInt(until), s);
    if (earliest + s.delay > now) return undefined;
    if (rt.emptyTriggers) return earliest;
    const w = windowAt(earliest, s);
    const t = rt.buffer.firstTimeAtOrAfter(w.start);
    if (t !== undefined && t <= w.end) return earliest;
    // Jump to the first window that contains the next row (or to the last due tick), but not
    // past a run that must first read the next unread file.
    let lastDue = tickAtOrBefore(now - s.delay, s);
    if (nextDelivery !== undefined) {
      const beforeFile = tickAtOrBefore(nextDelivery - s.delay, s);
      if (beforeFile < lastDue) lastDue = beforeFile;
    }
    const jump = t === undefined ? lastDue : tickAtOrAfter(t - s.delay, s);
    const T = jump > lastDue ? lastDue : jump;
    return T < earliest ? earliest : T;
  }

  /** Drops rows, object records, cache copies and alert ids past every horizon. */
  private prune(now: bigint): void {
    let minKeep: bigint | null = null;
    for (const rt of this.runtimes) {
      const k = this.keepFrom(rt);
      rt.buffer.evictBefore(k);
      if (minKeep === null || k < minKeep) minKeep = k;
    }
    const floor = now - this.lateness;
    if (floor > BigInt(this.state.floor!)) this.state.floor = String(floor);
    const f = BigInt(this.state.floor!);
    for (const [key, rec] of Object.entries(this.state.objects)) {
      const stale = rec.maxTime === '' || (minKeep !== null && BigInt(rec.maxTime) < minKeep);
      if (BigInt(rec.delivered) < f && stale) {
        delete this.state.objects[key];
        if (rec.cached) rmSync(rec.local, { force: true });
      }
    }
    if (this.options.table) {
      // keys a later read can no longer return: delivered at or before its band, or too old an event
      const after = this.tableAfter();
      for (const [key, v] of Object.entries(this.state.table.seen)) {
        const t = BigInt(v.slice(1));
        if (v[0] === 'i' ? t <= after : minKeep !== null && t < minKeep) delete this.state.table.seen[key];
      }
    }
    if (minKeep !== null) {
      const horizon = minKeep - 24n * TICKS_PER_HOUR;
      for (const [id, at] of Object.entries(this.state.emitted)) if (BigInt(at) < horizon) delete this.state.emitted[id];
      for (const [k, at] of Object.entries(this.state.evidence)) if (BigInt(at) < horizon) delete this.state.evidence[k];
    }
  }

  /** When the next run is due (ticks), for the watch loop's sleep. */
  nextDue(): bigint {
    let next: bigint | null = null;
    for (const rt of this.runtimes) {
      const t = BigInt(this.state.rules[rt.rule.id]!) + rt.schedule.frequency + rt.schedule.delay;
      if (next === null || t < next) next = t;
    }
    return next ?? this.options.clock.now() + 60n * TICKS_PER_SECOND;
  }

  /** Rows held in memory (operability, and the bounded-memory test). */
  bufferedRows(): number {
    return this.runtimes.reduce((n, r) => n + r.buffer.size, 0);
  }

  stateFile(): string {
    return join(this.options.stateDir, 'state.json');
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
