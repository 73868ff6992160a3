/**
 * One table's rows (already pre-filtered by the rule's pushed-down predicates) kept in memory,
 * sorted by TimeGenerated, with the time each row becomes visible to a run. A run gets a
 * TableSource of just its lookback window (kql-semantics.md §9.1): rows with TimeGenerated in
 * [start, end] that are visible at now(). Rows without TimeGenerated are outside every window.
 */
import { selectRows } from '../kql/exec/batches.ts';
import { replay } from '../kql/exec/batches.ts';
import { markResident } from '../kql/exec/memory-size.ts';
import type { ScanOptions, TableSource } from '../kql/scan.ts';
import type { Batch, Schema } from '../kql/types.ts';
import type { RunWindow } from './schedule.ts';

export type IngestionMode = 'ideal' | 'delivery';

export interface TimelineOptions {
  /** ideal: every event ingested when it happened; delivery: when its file was delivered. */
  readonly ingestion: IngestionMode;
  /** Added to the delivery time in `delivery` mode (connector polling, Log Analytics ingestion). */
  readonly latency: bigint;
}

/** The datetime TimeGenerated column a run's lookback is cut on, or -1 when the table has none. */
export function timeGeneratedIndex(schema: Schema): number {
  return schema.findIndex((c) => c.name === 'TimeGenerated' && c.type === 'datetime');
}

/**
 * The part of a run's window that a scan of it needs: its lookback cut by the scan's pushed-down
 * TimeGenerated bounds (the query's own `where TimeGenerated >= ago(1h)`, evaluated at the run's
 * now()). A rule whose lookback is 14 days for another table (threat-intelligence indicators) and
 * one hour for this one then copies an hour of rows a run, not 14 days of them. Bounds are taken
 * inclusive: a pre-filter may keep extra rows, and the query's where still decides.
 */
export function scannedWindow(w: RunWindow, options: ScanOptions): RunWindow {
  let { start, end } = w;
  for (const p of options.predicates) {
    if (p.kind !== 'timeRange' || p.column !== 'TimeGenerated') continue;
    if (p.min !== undefined && p.min > start) start = p.min;
    if (p.max !== undefined && p.max < end) end = p.max;
  }
  return start === w.start && end === w.end ? w : { ...w, start, end };
}

/**
 * A TableSource of the rows a run sees, made for each scan from the rows of its part of the
 * window, bucket by bucket (`partsOf`: batches in row order); scans of the same part (a query
 * that reads the table twice alike) share them. The parts are given one after another, not
 * concatenated: a 14-day lookback over every event (new user agents) would otherwise copy the
 * whole window once more for each run.
 */
export function windowSource(schema: Schema, w: RunWindow, partsOf: (w: RunWindow) => readonly Batch[]): TableSource {
  const made = new Map<string, readonly Batch[]>();
  return {
    schema,
    scan: (o: ScanOptions) => {
      const part = scannedWindow(w, o);
      const key = `${part.start} ${part.end}`;
      let parts = made.get(key);
      // The store holds the rows whatever the run does: holding them costs a run only pointers.
      if (parts === undefined) made.set(key, (parts = partsOf(part).map(markResident)));
      return replayAll(parts);
    },
  };
}

async function* replayAll(parts: readonly Batch[]): AsyncIterable<Batch> {
  for (const b of parts) yield* replay(b);
}

/** When a row that happened at `time` and whose file was delivered at `delivered` becomes visible. */
export function visibleAt(time: bigint, delivered: bigint | null | undefined, options: TimelineOptions): bigint {
  if (options.ingestion === 'ideal') return time;
  // A row whose source knows no delivery time is treated as delivered when it happened.
  const t = (delivered ?? time) + options.latency;
  return t > time ? t : time;
}

export class Timeline {
  /** Rows sorted by TimeGenerated (ties keep input order). */
  readonly batch: Batch;
  /** TimeGenerated per sorted row. */
  readonly times: bigint[];
  /** When each sorted row becomes visible (ingestion time given to ingestion_time()). */
  readonly visible: bigint[];
  /** The latest of `visible`: a run at or after it sees every row it covers. */
  private readonly lastVisible: bigint;

  constructor(
    readonly schema: Schema,
    input: Batch,
    options: TimelineOptions,
  ) {
    const tg = timeGeneratedIndex(schema);
    if (tg < 0) throw new Error('a table without a datetime TimeGenerated column cannot be windowed');
    const col = input.columns[tg]!;
    const idx: number[] = [];
    for (let i = 0; i < input.length; i++) if (col[i] !== null) idx.push(i);
    idx.sort((a, b) => {
      const x = col[a] as bigint;
      const y = col[b] as bigint;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const rows = selectRows(input, idx);
    const times = rows.columns[tg] as bigint[];
    // ingested when they happened: one array serves as the column, the times and the visibility
    // (a replay keeps a Timeline of every row of a lookback: 16 bytes a row less)
    const visible = options.ingestion === 'ideal' ? times : idx.map((i, k) => visibleAt(times[k]!, input.ingestion?.[i], options));
    this.batch = { ...rows, ingestion: visible };
    this.times = times;
    this.visible = visible;
    let last = -(1n << 63n);
    for (const v of visible) if (v > last) last = v;
    this.lastVisible = last;
  }

  get length(): number {
    return this.times.length;
  }

  /** Index of the first row with time >= t. */
  lowerBound(t: bigint): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Index of the first row with time > t. */
  upperBound(t: bigint): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The rows a run sees (the Timeline's own batch when that is all of them: no copy). */
  windowRows(w: RunWindow): Batch {
    const from = this.lowerBound(w.start);
    const to = this.upperBound(w.end);
    if (from === 0 && to === this.times.length && this.lastVisible <= w.now) return this.batch;
    const idx: number[] = [];
    for (let i = from; i < to; i++) if (this.visible[i]! <= w.now) idx.push(i);
    return selectRows(this.batch, idx);
  }

  /** A TableSource of the rows a run sees. */
  window(w: RunWindow): TableSource {
    return windowSource(this.schema, w, (part) => [this.windowRows(part)]);
  }
}
