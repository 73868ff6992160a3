/**
 * Folder mode: given how far a JSON or JSON Lines file was read before (its record in
 * state.json) and how far it is complete now (growing-file.ts), which part to read next, and
 * what to remember (docs/live.md, "Files written in place").
 */
import type { ByteRange } from '../cloudtrail/types.ts';
import type { FileExtent } from './growing-file.ts';
import type { ObjectRecord } from './state.ts';

export interface NextPart {
  /** The bytes to read now; null when nothing new is complete. */
  readonly range: ByteRange | null;
  /** The part is an incomplete end read as it is: the reader's errors for it are that cut. */
  readonly cut: boolean;
  /** Count the duplicates the read drops (not when it reads again rows already held). */
  readonly countDuplicates: boolean;
  /** An incomplete end that settled: to log and count as a read failure (once). */
  readonly failure: string | null;
  /** The record's new progress fields. */
  readonly progress: Required<Pick<ObjectRecord, 'read' | 'consumed' | 'format' | 'waiting' | 'cutReported'>>;
}

/**
 * `settled`: the file has the same size and mtime as at the last poll, and its mtime is at
 * least the settle time old (`quietSeconds` ago): its writer stopped.
 */
export function nextPart(rec: ObjectRecord | undefined, extent: FileExtent & { format: 'json' | 'jsonl' }, settled: boolean, quietSeconds: number): NextPart {
  const from = rec?.read ?? 0;
  const consumed = rec?.consumed ?? from;
  // gzip: all or nothing (a stream without its end has no boundary to trust)
  let end = extent.gzip && !extent.streamEnded ? from : extent.end;
  const complete = extent.streamEnded && end === extent.length;
  let cutReported = complete ? false : rec?.cutReported ?? false;
  let cut = false;
  let failure: string | null = null;
  if (!complete && settled && !cutReported) {
    cutReported = true;
    if (extent.format === 'jsonl' && !extent.gzip) {
      // half a line an appender may still finish: reported, not read (the whole lines before it are)
      failure = `ends inside a line at byte ${end} and has not changed for ${quietSeconds} s: that line is read when it is finished`;
    } else {
      // the writer stopped: read it as it is (the reader keeps the records before the cut and reports the cut)
      failure = `ends inside a record and has not changed for ${quietSeconds} s: read as it is`;
      end = extent.length;
      cut = true;
    }
  }
  const range = end > from && (extent.content || cut) ? { start: from, end } : null;
  return {
    range,
    cut,
    countDuplicates: from >= consumed,
    failure,
    progress: {
      // after a cut read as it is, the next part starts at the last boundary again: the cut record may still be finished
      read: cut ? from : end,
      consumed: Math.max(consumed, end),
      format: extent.format,
      waiting: !complete && !cutReported,
      cutReported,
    },
  };
}
