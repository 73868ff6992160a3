/**
 * One string per distinct value of the string columns of the rows a scan hands out, in the thread
 * that consumes them. The reading threads make a new string for every value, and a string crosses
 * from a worker as a copy (structured clone keeps no identity for primitives), so rows a query
 * holds (a `sort` of 367k rows of a 10M-record hunt, a join's build side) held a copy of
 * "ec2.amazonaws.com" for each of them. Interning here makes repeats share one string: ~40 MB less
 * for that sort. Values are the same strings, only shared: nothing a query computes can differ.
 *
 * Bounded and adaptive, since values are attacker-written: a column's table holds at most
 * MAX_ENTRIES values of at most MAX_LENGTH characters (MAX_CHARS in all) and is emptied when full;
 * a column whose values rarely repeat (a request id, a time) stops being looked up for a while,
 * so it costs ~one Map lookup per SAMPLE values.
 */
import type { Value } from '../kql/types.ts';

const MAX_ENTRIES = 16_384;
const MAX_LENGTH = 256;
const MAX_CHARS = 256 * 1024;
/** Lookups between two looks at a column's hit rate. */
const SAMPLE = 4096;
/** A column that hit fewer than a quarter of SAMPLE lookups skips this many values. */
const SKIP = 65_536;

class ColumnTable {
  readonly values = new Map<string, string>();
  chars = 0;
  lookups = 0;
  hits = 0;
  /** Values still to pass by without a lookup. */
  skip = 0;
}

export class ColumnInterner {
  private readonly tables: (ColumnTable | null)[];

  /** `columns[i]`: column i holds strings worth interning. */
  constructor(columns: readonly boolean[]) {
    this.tables = columns.map((c) => (c ? new ColumnTable() : null));
  }

  /** Replaces each string value of the interned columns by the table's equal string, in place. */
  intern(columns: Value[][], length: number): void {
    for (let c = 0; c < this.tables.length; c++) {
      const t = this.tables[c];
      const col = columns[c];
      if (t === null || t === undefined || col === undefined || col.length !== length) continue;
      let i = 0;
      if (t.skip > 0) {
        i = Math.min(t.skip, length);
        t.skip -= i;
      }
      for (; i < length; i++) {
        const v = col[i];
        if (typeof v !== 'string' || v.length > MAX_LENGTH || v.length === 0) continue;
        const had = t.values.get(v);
        if (had !== undefined) {
          col[i] = had;
          t.hits++;
        } else {
          if (t.values.size >= MAX_ENTRIES || t.chars + v.length > MAX_CHARS) {
            t.values.clear();
            t.chars = 0;
          }
          t.values.set(v, v);
          t.chars += v.length;
        }
        if (++t.lookups === SAMPLE) {
          const rare = t.hits * 4 < SAMPLE;
          t.lookups = 0;
          t.hits = 0;
          if (rare) {
            t.skip = SKIP;
            t.values.clear();
            t.chars = 0;
            const left = length - i - 1;
            const now = Math.min(t.skip, left);
            i += now;
            t.skip -= now;
          }
        }
      }
    }
  }

  /** Values held now (tests): at most MAX_ENTRIES a column. */
  get held(): number {
    let n = 0;
    for (const t of this.tables) n += t?.values.size ?? 0;
    return n;
  }

  /** Columns skipping lookups now (tests). */
  get skipping(): number {
    let n = 0;
    for (const t of this.tables) if (t !== null && t.skip > 0) n++;
    return n;
  }
}

export const INTERN_LIMITS = { MAX_ENTRIES, MAX_LENGTH, MAX_CHARS, SAMPLE, SKIP } as const;
