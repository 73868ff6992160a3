/**
 * Where new CloudTrail files come from. A source lists the objects delivered at or after a floor
 * time; the watcher remembers which ones it read (state.objects) and fetches only new ones.
 */
import { discover, pathKind } from '../cloudtrail/discover.ts';
import { statSync } from 'node:fs';
import { relative } from 'node:path';

export interface FoundObject {
  /** Stable key: the path under the folder, or the S3 key. */
  readonly key: string;
  /** Delivery time (ticks): from the CloudTrail file name, else the file's mtime / LastModified. */
  readonly delivered: bigint;
  /** Makes the object readable as a local file. */
  fetch(): Promise<{ local: string; cached: boolean }>;
  /**
   * A file that may still be written (folder mode): its size and mtime as listed. A change means
   * it grew since it was read (docs/live.md, "Files written in place"). Absent for S3 objects,
   * which are immutable once written.
   */
  readonly size?: number;
  readonly mtimeMs?: number;
}

export interface LogSource {
  readonly description: string;
  /**
   * Objects delivered at or after `floor` (ticks), as of `now`. `eventsFrom`: no run needs an event
   * older than this (a source whose folders are by event time, a Security Lake, lists no older folder).
   */
  list(floor: bigint, now: bigint, eventsFrom?: bigint): Promise<FoundObject[]>;
  /** What the last list() could not open (one line each, naming the file), to log and count. */
  problems?(): readonly string[];
}

/** `--logs DIR`: a folder that receives CloudTrail files (e.g. an `aws s3 sync` target). */
export class FolderSource implements LogSource {
  readonly description: string;
  constructor(readonly dir: string) {
    this.description = `folder ${dir}`;
  }

  private listProblems: string[] = [];

  async list(floor: bigint): Promise<FoundObject[]> {
    // The same discovery as replay, so a file gets the same delivery time in both modes.
    const found = await discover([this.dir], 'auto');
    this.listProblems = found.skipped.filter((d) => d.severity === 'error').map((d) => `${d.file}: ${d.message}`);
    const out: FoundObject[] = [];
    for (const t of found.tasks) {
      if (pathKind(t.path) !== 'data') continue;
      const delivered = t.ingestion ?? 0n;
      if (delivered < floor) continue;
      const local = t.path;
      // stat again for the mtime (discovery keeps only the size): a file that grows changes both
      let st;
      try {
        st = statSync(local);
      } catch (e) {
        this.listProblems.push(`${local}: cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
        continue;
      }
      out.push({ key: relative(this.dir, t.path), delivered, fetch: async () => ({ local, cached: false }), size: st.size, mtimeMs: st.mtimeMs });
    }
    return out;
  }

  problems(): readonly string[] {
    return this.listProblems;
  }
}
