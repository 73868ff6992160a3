/**
 * The checkpoint of a watcher (`--state DIR/state.json`): which objects were read, the last
 * scheduled time each rule ran, and the alert ids already committed to the outbox. Saved
 * atomically after every run, so a restart resumes exactly where the last save left off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic.ts';

export interface ObjectRecord {
  /** Delivery time (ticks, as text): what the reader gives every row as ingestion time. */
  readonly delivered: string;
  /** Local file the rows were read from (the folder's own file, or the S3 cache copy). */
  readonly local: string;
  /** Latest TimeGenerated in the file (ticks, as text; "" when it had no rows). */
  readonly maxTime: string;
  /** Whether the local file is our cache copy (deleted with the record). */
  readonly cached: boolean;
  // Folder mode: a file may still be written (docs/live.md, "Files written in place").
  /** Size and mtime when last looked at: a change means it grew. */
  readonly size?: number;
  readonly mtimeMs?: number;
  /** JSON and JSON Lines: bytes of the (decompressed) stream read, up to a boundary; the next part starts here. */
  readonly read?: number;
  /** Bytes whose rows are in the buffers: `read`, or more after an incomplete end was read as it is. */
  readonly consumed?: number;
  readonly format?: 'json' | 'jsonl';
  /** Its end was incomplete when last looked at: looked at again at every poll until it settles. */
  readonly waiting?: boolean;
  /** Its incomplete end stayed unchanged past the settle time: reported (once) and counted. */
  readonly cutReported?: boolean;
}

/** Totals since the state was created (the watcher's summary line). */
export interface Counters {
  /** File reads that failed or reported a problem, files that could not be opened. */
  readFailures: number;
  /** Rows dropped because their eventID was already held. */
  duplicates: number;
  /** Of those, copies whose content differed from the kept row (each one logged). */
  differingDuplicates: number;
}

export interface StateData {
  version: 1;
  /** Objects whose delivery time is below this (ticks) are ignored: they were handled or are too late. */
  floor: string | null;
  /** Object key (source-relative path or s3 key) -> record. */
  objects: Record<string, ObjectRecord>;
  /** Rule id -> last scheduled time that ran (ticks, as text). */
  rules: Record<string, string>;
  /** Alert id -> scheduled time of its run (ticks, as text); pruned past the catch-up horizon. */
  emitted: Record<string, string>;
  /**
   * Evidence digest -> scheduled time of the run that reported it. As in replay (without
   * --per-run), an alert whose every evidence row was already reported is a repeat of an earlier
   * alert's finding seen again by an overlapping lookback, and is not sent.
   */
  evidence: Record<string, string>;
  /** Rule id -> end of its suppression (ticks, as text), when suppressionEnabled fired. */
  suppressed: Record<string, string>;
  counters: Counters;
  /**
   * A ClickHouse table as the source (watch --engine: docs/clickhouse.md, "watch"): `read`, the
   * ingestion time (ticks, as text) up to which rows were read; `seen`, the dedup keys of the rows
   * read that a later read may return again (delivered within --lateness of `read`, or with no
   * ingestion time), each with "i<ingestion ticks>" or "t<TimeGenerated ticks>" for pruning.
   */
  table: { read: string | null; seen: Record<string, string> };
}

export function emptyState(): StateData {
  return { version: 1, floor: null, objects: {}, rules: {}, emitted: {}, evidence: {}, suppressed: {}, counters: { readFailures: 0, duplicates: 0, differingDuplicates: 0 }, table: { read: null, seen: {} } };
}

/**
 * A checkpoint that cannot be used (hand-edited, from another program, a disk that lost it):
 * one line naming the file and what is wrong, exit 2; never a guess at what it meant.
 */
export class StateError extends Error {
  override name = 'UsageError';
  constructor(file: string, problem: string) {
    super(`${file}: not a usable trailhound checkpoint: ${problem}; move it away to start afresh (alerts already sent may be sent again), or restore it from a copy`);
  }
}

const TICKS = /^-?\d{1,25}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The checkpoint's shape, checked before the watcher trusts it (every tick count is parsed as a BigInt). */
function checkState(file: string, data: unknown): Partial<StateData> {
  const bad = (problem: string): never => {
    throw new StateError(file, problem);
  };
  if (!isObject(data)) return bad('not a JSON object');
  if (data.version !== 1) return bad(`unknown state version ${JSON.stringify(data.version) ?? 'undefined'}`);
  if (data.floor !== undefined && data.floor !== null && !(typeof data.floor === 'string' && TICKS.test(data.floor))) bad('floor is not a tick count');
  for (const field of ['rules', 'emitted', 'evidence', 'suppressed'] as const) {
    const map = data[field];
    if (map === undefined) continue;
    if (!isObject(map)) bad(`${field} is not an object`);
    for (const [k, v] of Object.entries(map as Json)) if (typeof v !== 'string' || !TICKS.test(v)) bad(`${field}.${k} is not a tick count`);
  }
  if (data.objects !== undefined) {
    if (!isObject(data.objects)) bad('objects is not an object');
    for (const [k, r] of Object.entries(data.objects as Json)) {
      const ok = isObject(r) && typeof r.delivered === 'string' && TICKS.test(r.delivered) && typeof r.local === 'string' && typeof r.maxTime === 'string' && (r.maxTime === '' || TICKS.test(r.maxTime)) && typeof r.cached === 'boolean';
      if (!ok) bad(`objects.${k} is not a record of a file read (delivered, local, maxTime, cached)`);
      const rec = r as Json;
      for (const n of ['size', 'mtimeMs', 'read', 'consumed'] as const) {
        if (rec[n] !== undefined && !(typeof rec[n] === 'number' && Number.isFinite(rec[n]) && (rec[n] as number) >= 0)) bad(`objects.${k}.${n} is not a byte count`);
      }
      if (rec.format !== undefined && rec.format !== 'json' && rec.format !== 'jsonl') bad(`objects.${k}.format is not json or jsonl`);
    }
  }
  if (data.table !== undefined) {
    const t = data.table;
    if (!isObject(t) || !(t.read === null || (typeof t.read === 'string' && TICKS.test(t.read))) || !isObject(t.seen)) bad('table is not a record of a table read (read, seen)');
    for (const [k, v] of Object.entries((t as Json).seen as Json)) if (typeof v !== 'string' || !/^[it]-?\d{1,25}$/.test(v)) bad(`table.seen.${k} is not a tagged tick count`);
  }
  if (data.counters !== undefined) {
    if (!isObject(data.counters)) bad('counters is not an object');
    for (const [k, v] of Object.entries(data.counters as Json)) if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) bad(`counters.${k} is not a count`);
  }
  return data as Partial<StateData>;
}

export class StateStore {
  readonly file: string;
  constructor(readonly dir: string) {
    this.file = join(dir, 'state.json');
  }

  load(): StateData {
    if (!existsSync(this.file)) return emptyState();
    const text = readFileSync(this.file, 'utf8');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new StateError(this.file, `not valid JSON (${(e as Error).message})`);
    }
    const checked = checkState(this.file, data);
    const empty = emptyState();
    return { ...empty, ...checked, counters: { ...empty.counters, ...checked.counters }, table: checked.table ?? empty.table };
  }

  save(data: StateData): void {
    writeFileAtomic(this.file, JSON.stringify(data));
  }
}
