/**
 * Duplicate eventIDs in one scan: the first row read with an id is kept, later ones are dropped
 * and counted. A dropped copy whose content differs from the kept one is what a planted record
 * looks like (a copy that says DescribeTrails hides the real DeleteTrail with the same id), so
 * such copies are warned about, naming both files.
 *
 * "Content" is the row as this scan maps it: the columns the query reads (or checks). The raw
 * text is not compared: the same event legitimately differs in layout between delivery formats
 * (an S3 object, lookup-events output, a Sentinel export), and a copy that differs only in
 * columns the query does not read cannot change its result.
 *
 * Comparing costs nothing until a duplicate shows up: for each kept id only the index of its file
 * is kept. A dropped copy's fingerprint is taken when it is dropped; the kept copies are
 * fingerprinted by reading their files again (same filters, so the same rows), in rounds of at
 * most ROUND copies and at the end of the scan. A scan without duplicates reads nothing twice;
 * one whose every file is a copy of another reads the kept files a second time.
 *
 * A partial scan's file (its rows aggregated where they were read) claims its ids batch by batch
 * as they arrive (claim/settle), so a file's ids are never all held at once: a claim that fails
 * is given up in O(1) by marking its file, whose claimed ids then count as never read.
 */
import { createHash } from 'node:crypto';
import type { Value } from '../kql/types.ts';
import { runSequential } from './pool.ts';
import { IdSet, type IdSetOptions } from './id-set.ts';
import { kindOf, NO_ID, TEXT_ID, unpackIds, uuidText, wordsOf, type PackedIds } from './id-words.ts';
import type { Diagnostic, FileScanConfig, FileTask } from './types.ts';

/** Dropped copies held for comparison before their kept copies are read again. */
export const ROUND = 50_000;

interface Dropped {
  readonly id: string;
  readonly keptTask: number;
  readonly dropTask: number;
  readonly fingerprint: string;
}

export interface DuplicateCounts {
  duplicates: number;
  differingDuplicates: number;
}

export class Deduper {
  /**
   * eventID -> who kept it (id-set.ts: UUIDs as 128 bits, not strings): a task's index for a row
   * kept on the row path (filter); tasks.length + the task's index for a partial scan's claim.
   */
  private readonly keptIn: IdSet;
  private dropped: Dropped[] = [];
  /** Tasks whose claim was given up: their claimed ids count as never read (claimedBy). */
  private readonly givenUp: Uint8Array;
  /** The task claiming now (events come in file order, pool.ts: one at a time), or -1. */
  private claiming = -1;
  /** An id of the claiming task was read before, or repeats in it. */
  private claimFailed = false;

  constructor(
    private readonly tasks: readonly FileTask[],
    private readonly config: FileScanConfig,
    private readonly counts: DuplicateCounts,
    private readonly report: (d: Diagnostic) => void,
    ids: IdSetOptions = {},
  ) {
    this.keptIn = new IdSet(ids);
    this.givenUp = new Uint8Array(tasks.length);
  }

  /**
   * The task that kept an id, from what keptIn holds for it; undefined when nobody did: not held,
   * or claimed by a file whose claim was given up.
   */
  private keeper(held: number | undefined): number | undefined {
    if (held === undefined || held < this.tasks.length) return held;
    const task = held - this.tasks.length;
    return this.givenUp[task] === 1 ? undefined : task;
  }

  /**
   * A partial scan's file (its rows are aggregated where they are read) claims the eventIDs of a
   * batch of its rows, as they come: the ids are kept as its, until an id turns out to have been
   * read before or to repeat within the file. From then on the file claims nothing more, and at
   * its end (settle) everything it claimed is given up.
   */
  claim(ids: PackedIds, task: number): void {
    if (task !== this.claiming) {
      this.settle(this.claiming, false);
      this.claiming = task;
      this.claimFailed = false;
    }
    if (this.claimFailed) return;
    const mark = this.tasks.length + task;
    const words = wordsOf(ids);
    const texts = ids.texts;
    let text = 0;
    for (let r = 0; r < ids.count; r++) {
      // the next ids' cache lines are read ahead, 8 at a time (IdSet.touchWords)
      if ((r & 7) === 0) this.keptIn.touchWords(words, r * 4, Math.min(8, ids.count - r));
      const kind = kindOf(ids, r);
      if (kind === NO_ID) continue;
      if (this.keep(kind === TEXT_ID ? texts[text++]! : null, words, r * 4, mark) !== undefined) {
        this.claimFailed = true;
        return;
      }
    }
  }

  /**
   * Stores `value` as the keeper of an id (`id`, or the UUID of words[at..at+3] when `id` is
   * null) unless a keeper holds it; returns that keeper, or undefined when the id is now `value`'s.
   */
  private keep(id: string | null, words: Int32Array, at: number, value: number): number | undefined {
    const keptIn = this.keptIn;
    const held = id === null ? keptIn.putWordsIfAbsent(words, at, value) : keptIn.putIfAbsent(id, value);
    if (held === undefined) return undefined;
    const kept = this.keeper(held);
    // held by a claim that was given up: as if never read
    if (kept === undefined) {
      if (id === null) keptIn.setWords(words, at, value);
      else keptIn.set(id, value);
    }
    return kept;
  }

  /**
   * The end of a partial scan's file (`usable`: its groups are there, no expression failed):
   * true when its claim stands, its ids all kept as its; else false, and every id it claimed counts
   * as never read (the caller reads the file again as rows and filters those), exactly as if it
   * had claimed nothing. A file that ends without its groups (its reader thread died) gives up.
   */
  settle(task: number, usable: boolean): boolean {
    if (task < 0) return false;
    const ok = usable && !(task === this.claiming && this.claimFailed);
    if (!ok) this.givenUp[task] = 1;
    if (task === this.claiming) this.claiming = -1;
    return ok;
  }

  /**
   * Gives up a file's claim, settled or not: its claimed ids count as never read (its block's
   * groups did not come, or another file of the block failed, and it is read again as rows).
   */
  giveUp(task: number): void {
    this.givenUp[task] = 1;
    if (task === this.claiming) this.claiming = -1;
  }

  /** The end of a file: a claim not settled by then (no groups came) is given up. */
  ended(task: number): void {
    if (task === this.claiming) this.settle(task, false);
  }

  /** The batch without the rows whose id was already read. */
  filter(columns: Value[][], ids: PackedIds, length: number, task: number): { columns: Value[][]; length: number } {
    let keep: number[] | null = null;
    const words = wordsOf(ids);
    const texts = ids.texts;
    let text = 0;
    for (let r = 0; r < length; r++) {
      const kind = kindOf(ids, r);
      if (kind !== NO_ID) {
        const id = kind === TEXT_ID ? texts[text++]! : null;
        const kept = this.keep(id, words, r * 4, task);
        if (kept !== undefined) {
          keep ??= Array.from({ length: r }, (_, i) => i);
          this.counts.duplicates++;
          this.dropped.push({ id: id ?? uuidText(words, r * 4), keptTask: kept, dropTask: task, fingerprint: fingerprint(columns, r) });
          continue;
        }
      }
      keep?.push(r);
    }
    if (keep === null) return { columns, length };
    const k = keep;
    return { columns: columns.map((c) => (c.length === 0 ? c : k.map((r) => c[r]!))), length: k.length };
  }

  /** Deletes the id set's temporary files (a scan past its memory budget spilled ids to disk). */
  close(): void {
    this.keptIn.close();
  }

  /** Enough dropped copies are waiting that they should be compared now (bounds their memory). */
  get due(): boolean {
    return this.dropped.length >= ROUND;
  }

  /** Reads the files of the kept copies again and warns about every dropped copy that differs. */
  async compare(): Promise<void> {
    const dropped = this.dropped;
    this.dropped = [];
    if (dropped.length === 0) return;
    const byTask = new Map<number, Set<string>>();
    for (const d of dropped) {
      let ids = byTask.get(d.keptTask);
      if (!ids) byTask.set(d.keptTask, (ids = new Set()));
      ids.add(d.id);
    }
    const kept = new Map<string, string>();
    const order = [...byTask.keys()].sort((a, b) => a - b);
    for await (const { task, ev } of runSequential(order.map((t) => this.tasks[t]!), this.config)) {
      if (ev.t !== 'batch') continue;
      const wanted = byTask.get(order[task]!)!;
      const ids = unpackIds(ev.ids);
      for (let r = 0; r < ev.length; r++) {
        const id = ids[r]!;
        // the first row with the id in its file is the kept one
        if (wanted.has(id) && !kept.has(id)) kept.set(id, fingerprint(ev.columns, r));
      }
    }
    for (const d of dropped) {
      const k = kept.get(d.id);
      if (k === d.fingerprint) continue;
      this.counts.differingDuplicates++;
      const keptFile = this.tasks[d.keptTask]!.path;
      const what = k === undefined ? `could not be compared with the copy read first from ${keptFile} (no longer there: the file changed)` : `differs from the copy read first from ${keptFile}`;
      this.report({
        severity: 'warning',
        file: this.tasks[d.dropTask]!.path,
        message: `eventID ${JSON.stringify(d.id)} ${what}: this copy was dropped, the first kept (--keep-duplicates keeps both)`,
      });
    }
  }
}

/**
 * A digest of one row's mapped columns (those the scan reads; the others are empty arrays).
 * SHA-1: a planted copy would need a second preimage to pass for the kept one. Each value is
 * length-prefixed and typed, so no two different rows give the same text; the text is hashed in
 * one call (an update per column took twice as long).
 */
function fingerprint(columns: readonly Value[][], r: number): string {
  let text = '';
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c]!;
    if (col.length === 0) continue;
    const v = col[r];
    text += v === null || v === undefined ? `|${c}n` : typeof v === 'string' ? `|${c}s${v.length}:${v}` : `|${c}${typeof v}:${String(v)}`;
  }
  return createHash('sha1').update(text).digest('base64');
}
