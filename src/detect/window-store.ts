/**
 * A table's kept rows for a replay, held so that memory follows the rules' lookback rather than
 * the input. Rows are grouped into buckets of TimeGenerated (an hour by default). While the logs
 * are read, buckets stay in memory until the held rows pass a budget; then every bucket's rows go
 * to a spill file (spill-file.ts) and memory starts again from zero. While the runs go forward in
 * time, a run's window loads the buckets it overlaps (sorted into a Timeline), and `release`
 * drops the buckets no later run can see. Files arrive in any order (late deliveries, account by
 * account trees), so reading everything first is what keeps every run's window exact.
 *
 * Row order inside a window is the Timeline's: by TimeGenerated, ties in input order (chunks of a
 * bucket are concatenated in the order they were added, so the order matches a single Timeline).
 */
import { concatBatches } from '../kql/exec/batches.ts';
import type { TableSource } from '../kql/scan.ts';
import { emptyBatch, TICKS_PER_HOUR, type Batch, type Schema, type Value } from '../kql/types.ts';
import { floorDiv, type RunWindow } from './schedule.ts';
import { SpillFile, SpillReader, type ChunkRef, type SpilledChunk } from './spill-file.ts';
import { keptColumns, widen, type KeptColumns } from './kept-columns.ts';
import { Timeline, timeGeneratedIndex, visibleAt, windowSource, type TimelineOptions } from './timeline.ts';

export interface WindowStoreOptions extends TimelineOptions {
  /** Estimated bytes of rows held in memory while reading before they are spilled (default 32 MiB). */
  readonly memoryBudget?: number;
  /** A budget shared with other stores (one read filling several): past it, all of them spill. */
  readonly budget?: SpillBudget;
  /** TimeGenerated span of one bucket (default 1 hour). */
  readonly bucketWidth?: bigint;
  /** Folder for the spill file (default: the OS temp folder). */
  readonly spillDir?: string;
  /**
   * The columns the runs read (TimeGenerated always): only these are kept, and windows give the
   * others as their null value, as a reader does for columns a scan does not ask for. Default: all.
   */
  readonly columns?: ReadonlySet<string>;
}

/** Called for every kept row while reading: its TimeGenerated and when it becomes visible. */
export type RowListener = (time: bigint, visible: bigint) => void;

interface Pending {
  readonly columns: Value[][];
  readonly ingestion: (bigint | null)[];
}

interface Bucket {
  readonly spilled: ChunkRef[];
  pending: Pending | null;
  loaded: Timeline | null;
}

export const DEFAULT_MEMORY_BUDGET = 32 * 1024 * 1024;

/** Bytes held in memory by the stores filled by one read, and when they all go to disk. */
export class SpillBudget {
  held = 0;
  readonly stores: WindowStore[] = [];
  constructor(readonly bytes: number = DEFAULT_MEMORY_BUDGET) {}

  add(bytes: number): void {
    this.held += bytes;
    if (this.held <= this.bytes) return;
    for (const s of this.stores) s.spillHeld();
    this.held = 0;
  }
}

/** A rough size of a value in V8's heap: enough to decide when to spill. */
function estimate(v: Value): number {
  switch (typeof v) {
    case 'string':
      return 24 + v.length;
    case 'bigint':
      return 24;
    case 'object':
      return v === null ? 8 : 64;
    default:
      return 8;
  }
}

export class WindowStore {
  private readonly buckets = new Map<bigint, Bucket>();
  private readonly width: bigint;
  private readonly budget: SpillBudget;
  private readonly spill: SpillFile;
  private readonly tg: number;
  private readonly kept: KeptColumns;
  /** Rows are held in memory (not all spilled). */
  private held = false;
  private order: bigint[] | null = null;
  private next = 0;
  /** A window was cut or buckets released: this thread's runs have started. */
  private running = false;
  /** Rows kept (with a TimeGenerated). */
  rows = 0;
  /** Times the held rows were written to disk. */
  spills = 0;

  constructor(
    readonly schema: Schema,
    private readonly options: WindowStoreOptions,
    private readonly listeners: readonly RowListener[] = [],
  ) {
    this.tg = timeGeneratedIndex(schema);
    if (this.tg < 0) throw new Error('a table without a datetime TimeGenerated column cannot be windowed');
    this.width = options.bucketWidth ?? TICKS_PER_HOUR;
    this.budget = options.budget ?? new SpillBudget(options.memoryBudget);
    this.budget.stores.push(this);
    this.kept = keptColumns(schema, options.columns);
    this.spill = new SpillFile(this.kept.schema, options.spillDir);
  }

  /** Bytes written to the spill file. */
  get spilledBytes(): number {
    return this.spill.bytes;
  }

  /** Adds a batch read from the logs (rows without TimeGenerated are outside every window). */
  add(batch: Batch): void {
    if (this.order !== null) throw new Error('rows added after the runs started');
    const times = batch.columns[this.tg]!;
    const n = batch.length;
    let i = 0;
    while (i < n) {
      const t = times[i] as bigint | null;
      if (t === null) {
        i++;
        continue;
      }
      // A file's rows are mostly within one bucket: move them as a run, column by column.
      const key = floorDiv(t, this.width);
      const lo = key * this.width;
      const hi = lo + this.width;
      let end = i + 1;
      while (end < n) {
        const u = times[end] as bigint | null;
        if (u === null || u < lo || u >= hi) break;
        end++;
      }
      this.addRun(batch, i, end, key);
      i = end;
    }
  }

  /** Rows [from, to) of `batch`, all in bucket `key`. */
  private addRun(batch: Batch, from: number, to: number, key: bigint): void {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = { spilled: [], pending: null, loaded: null }));
    const p = (b.pending ??= { columns: this.kept.schema.map(() => []), ingestion: [] });
    const kept = this.kept.indexes;
    let size = 8 * kept.length * (to - from);
    for (let c = 0; c < kept.length; c++) {
      const src = batch.columns[kept[c]!]!;
      const dst = p.columns[c]!;
      for (let i = from; i < to; i++) {
        const v = src[i]!;
        dst.push(v);
        size += estimate(v);
      }
    }
    const times = batch.columns[this.tg]!;
    for (let i = from; i < to; i++) {
      const delivered = batch.ingestion?.[i] ?? null;
      p.ingestion.push(delivered);
      if (this.listeners.length > 0) {
        const t = times[i] as bigint;
        const visible = visibleAt(t, delivered, this.options);
        for (const l of this.listeners) l(t, visible);
      }
    }
    this.rows += to - from;
    this.held = true;
    this.budget.add(size);
  }

  /** Writes the rows held in memory to the spill file (SpillBudget: when the stores' budget is past). */
  spillHeld(): void {
    if (!this.held) return;
    for (const b of this.buckets.values()) {
      if (b.pending === null) continue;
      b.spilled.push(this.spill.write(b.pending));
      b.pending = null;
    }
    this.held = false;
    this.spills++;
  }

  private bucketOrder(): bigint[] {
    return (this.order ??= [...this.buckets.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  private load(b: Bucket): Timeline {
    if (b.loaded) return b.loaded;
    const chunks = b.spilled.map((ref) => this.spill.read(ref));
    b.loaded = timelineOf(this.kept.schema, chunks, b.pending, this.options);
    b.pending = null;
    b.spilled.length = 0;
    return b.loaded;
  }

  /** The rows a run sees: TimeGenerated in [start, end], visible at now(). */
  windowRows(w: RunWindow): Batch {
    return widen(this.schema, this.kept, windowOf(this.kept.schema, this.windowParts(w)));
  }

  private windowParts(w: RunWindow): Batch[] {
    this.running = true;
    const order = this.bucketOrder();
    return windowParts(order, this.next, this.width, w, (k) => this.load(this.buckets.get(order[k]!)!));
  }

  /**
   * Every kept row written to the spill file and described, so that other threads can read
   * windows of it (SpilledWindows). Only before the runs start. With no row kept nothing was
   * written: the table has no buckets (and no file, which SpilledWindows then never opens).
   */
  handOff(): SpilledTable {
    if (this.running) throw new Error('hand-off after the runs started');
    this.spillHeld();
    const path = this.spill.path ?? '';
    const buckets = this.bucketOrder().map((key) => ({ key, refs: [...this.buckets.get(key)!.spilled] }));
    return { schema: this.schema, kept: this.kept.indexes, path, width: this.width, timeline: { ingestion: this.options.ingestion, latency: this.options.latency }, buckets };
  }

  /** A TableSource of the rows a run sees. */
  window(w: RunWindow): TableSource {
    return windowSource(this.schema, w, (part) => this.windowParts(part).map((b) => widen(this.schema, this.kept, b)));
  }

  /** Drops every bucket whose rows are all older than `before`: no later run will ask for them. */
  release(before: bigint): void {
    this.running = true;
    const order = this.bucketOrder();
    while (this.next < order.length && (order[this.next]! + 1n) * this.width <= before) {
      this.buckets.delete(order[this.next]!);
      this.next++;
    }
  }

  /** Buckets in memory now (for tests and the summary). */
  get loadedBuckets(): number {
    let n = 0;
    for (const b of this.buckets.values()) if (b.loaded || b.pending) n++;
    return n;
  }

  close(): void {
    this.spill.close();
  }
}

/** Rows of chunks (and rows still in memory) of one bucket, sorted into a Timeline. */
function timelineOf(schema: Schema, chunks: readonly SpilledChunk[], pending: Pending | null, options: TimelineOptions): Timeline {
  const parts: Batch[] = chunks.map((chunk) => ({ schema, columns: chunk.columns, length: chunk.columns[0]?.length ?? 0, ingestion: chunk.ingestion ?? undefined }));
  if (pending) parts.push({ schema, columns: pending.columns, length: pending.ingestion.length, ingestion: pending.ingestion });
  return new Timeline(schema, concatBatches(schema, parts), options);
}

/** A window's rows from the buckets `keys[from..]` (sorted), loading each bucket it overlaps: a batch a bucket. */
function windowParts(keys: readonly bigint[], from: number, width: bigint, w: RunWindow, bucket: (k: number) => Timeline): Batch[] {
  const parts: Batch[] = [];
  for (let k = from; k < keys.length; k++) {
    const key = keys[k]!;
    if (key * width > w.end) break;
    if ((key + 1n) * width <= w.start) continue;
    const rows = bucket(k).windowRows(w);
    if (rows.length > 0) parts.push(rows);
  }
  return parts;
}

/** The same rows as one batch. */
function windowOf(schema: Schema, parts: readonly Batch[]): Batch {
  return parts.length === 0 ? { ...emptyBatch(schema), ingestion: [] } : concatBatches(schema, parts);
}

/** A WindowStore's rows after handOff(): where they are in its spill file, bucket by bucket. */
export interface SpilledTable {
  readonly schema: Schema;
  /** The schema's columns the file holds, in order (the others are given as their null value). */
  readonly kept: readonly number[];
  readonly path: string;
  readonly width: bigint;
  readonly timeline: TimelineOptions;
  /** Sorted by key. */
  readonly buckets: readonly { readonly key: bigint; readonly refs: readonly ChunkRef[] }[];
}

/**
 * Windows of a handed-off table, read from its spill file: what each thread of a parallel replay
 * uses. Runs must come in order of time; a bucket is loaded when a window first needs it and
 * dropped by `release` (its chunks stay in the file).
 */
export class SpilledWindows {
  private reader: SpillReader | null = null;
  private readonly keys: bigint[];
  private readonly loaded = new Map<number, Timeline>();
  private next = 0;
  private readonly kept: KeptColumns;

  constructor(private readonly table: SpilledTable) {
    this.keys = table.buckets.map((b) => b.key);
    this.kept = { indexes: table.kept, schema: table.kept.map((i) => table.schema[i]!) };
  }

  get schema(): Schema {
    return this.table.schema;
  }

  windowRows(w: RunWindow): Batch {
    return widen(this.table.schema, this.kept, windowOf(this.kept.schema, this.windowParts(w)));
  }

  window(w: RunWindow): TableSource {
    return windowSource(this.table.schema, w, (part) => this.windowParts(part).map((b) => widen(this.table.schema, this.kept, b)));
  }

  private windowParts(w: RunWindow): Batch[] {
    return windowParts(this.keys, this.next, this.table.width, w, (k) => this.load(k));
  }

  /** Drops the buckets whose rows are all older than `before`. */
  release(before: bigint): void {
    const width = this.table.width;
    while (this.next < this.keys.length && (this.keys[this.next]! + 1n) * width <= before) {
      this.loaded.delete(this.next);
      this.next++;
    }
  }

  close(): void {
    this.loaded.clear();
    this.reader?.close();
    this.reader = null;
  }

  private load(k: number): Timeline {
    let t = this.loaded.get(k);
    if (!t) {
      const reader = (this.reader ??= new SpillReader(this.table.path));
      const chunks = this.table.buckets[k]!.refs.map((ref) => reader.read(ref));
      this.loaded.set(k, (t = timelineOf(this.kept.schema, chunks, null, this.table.timeline)));
    }
    return t;
  }
}
