/**
 * The rows one rule may still need: its pushed-down rows from every file read, kept only while
 * their TimeGenerated can fall in a window that has yet to run (or be caught up). This is what
 * bounds live mode's memory: the lookback's worth of pre-filtered rows, not the whole history.
 */
import type { Batch, Schema, Value } from '../kql/types.ts';

export interface BufferedRow {
  readonly time: bigint;
  readonly ingestion: bigint | null;
  readonly values: readonly Value[];
  /** The file it was read from (named when a later copy differs). */
  readonly file: string;
}

/** A row not added because a row with its event id is held. */
export interface DroppedCopy {
  readonly id: string;
  /** The file of the row held. */
  readonly keptFile: string;
  /** Whether its values differ from the row held (a planted copy looks like this). */
  readonly differs: boolean;
}

export class RowBuffer {
  private rows: BufferedRow[] = [];
  private sorted = true;
  /** Event id -> row held, so that a record delivered twice counts once (as in replay). */
  private ids = new Map<string, BufferedRow>();
  private readonly timeCol: number;
  private readonly idCol: number;

  constructor(readonly schema: Schema) {
    this.timeCol = schema.findIndex((c) => c.name === 'TimeGenerated');
    this.idCol = schema.findIndex((c) => c.name === 'AwsEventId');
  }

  get size(): number {
    return this.rows.length;
  }

  /**
   * Adds a batch's rows read from `file` (those with TimeGenerated >= keepFrom); returns the rows
   * added, and the copies dropped because their event id is held (first copy kept, as in replay).
   */
  add(batch: Batch, keepFrom: bigint | null, file = ''): { added: BufferedRow[]; dropped: DroppedCopy[] } {
    const added: BufferedRow[] = [];
    const dropped: DroppedCopy[] = [];
    for (let r = 0; r < batch.length; r++) {
      const time = batch.columns[this.timeCol]![r] as bigint | null;
      if (time === null || (keepFrom !== null && time < keepFrom)) continue;
      const id = this.idCol >= 0 ? (batch.columns[this.idCol]![r] as string) : '';
      const row: BufferedRow = { time, ingestion: batch.ingestion?.[r] ?? null, values: batch.columns.map((c) => c[r]!), file };
      if (id !== '') {
        const held = this.ids.get(id);
        if (held !== undefined) {
          dropped.push({ id, keptFile: held.file, differs: held.values.some((v, i) => v !== row.values[i]) });
          continue;
        }
        this.ids.set(id, row);
      }
      added.push(row);
      this.rows.push(row);
      this.sorted = false;
    }
    return { added, dropped };
  }

  private ensureSorted(): void {
    if (this.sorted) return;
    this.rows.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
    this.sorted = true;
  }

  /** Index of the first row with time >= t. */
  private lowerBound(t: bigint): number {
    this.ensureSorted();
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid]!.time < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Rows with start <= time <= end and (when given) ingestion <= visibleAt. */
  select(start: bigint, end: bigint, visibleAt: bigint | null): BufferedRow[] {
    const out: BufferedRow[] = [];
    for (let i = this.lowerBound(start); i < this.rows.length && this.rows[i]!.time <= end; i++) {
      const r = this.rows[i]!;
      if (visibleAt !== null && r.ingestion !== null && r.ingestion > visibleAt) continue;
      out.push(r);
    }
    return out;
  }

  /** The smallest row time >= t, if any (lets a catch-up skip empty windows). */
  firstTimeAtOrAfter(t: bigint): bigint | undefined {
    const i = this.lowerBound(t);
    return i < this.rows.length ? this.rows[i]!.time : undefined;
  }

  /** Drops rows older than `t`. */
  evictBefore(t: bigint): void {
    const i = this.lowerBound(t);
    if (i === 0) return;
    for (const r of this.rows.slice(0, i)) if (this.idCol >= 0) this.ids.delete(r.values[this.idCol] as string);
    this.rows = this.rows.slice(i);
  }
}
