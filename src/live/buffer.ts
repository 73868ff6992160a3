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
}

export class RowBuffer {
  private rows: BufferedRow[] = [];
  private sorted = true;
  /** Event ids held, so that a record delivered twice counts once (as in replay). */
  private ids = new Set<string>();
  private readonly timeCol: number;
  private readonly idCol: number;

  constructor(readonly schema: Schema) {
    this.timeCol = schema.findIndex((c) => c.name === 'TimeGenerated');
    this.idCol = schema.findIndex((c) => c.name === 'AwsEventId');
  }

  get size(): number {
    return this.rows.length;
  }

  /** Adds a batch's rows (those with TimeGenerated >= keepFrom); returns the rows added. */
  add(batch: Batch, keepFrom: bigint | null): BufferedRow[] {
    const added: BufferedRow[] = [];
    for (let r = 0; r < batch.length; r++) {
      const time = batch.columns[this.timeCol]![r] as bigint | null;
      if (time === null || (keepFrom !== null && time < keepFrom)) continue;
      const id = this.idCol >= 0 ? (batch.columns[this.idCol]![r] as string) : '';
      if (id !== '') {
        if (this.ids.has(id)) continue;
        this.ids.add(id);
      }
      const row: BufferedRow = { time, ingestion: batch.ingestion?.[r] ?? null, values: batch.columns.map((c) => c[r]!) };
      added.push(row);
      this.rows.push(row);
      this.sorted = false;
    }
    return added;
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
