/**
 * Where new CloudTrail files come from. A source lists the objects delivered at or after a floor
 * time; the watcher remembers which ones it read (state.objects) and fetches only new ones.
 */
import { discover, pathKind } from '../cloudtrail/discover.ts';
import { relative } from 'node:path';

export interface FoundObject {
  /** Stable key: the path under the folder, or the S3 key. */
  readonly key: string;
  /** Delivery time (ticks): from the CloudTrail file name, else the file's mtime / LastModified. */
  readonly delivered: bigint;
  /** Makes the object readable as a local file. */
  fetch(): Promise<{ local: string; cached: boolean }>;
}

export interface LogSource {
  readonly description: string;
  /** Objects delivered at or after `floor` (ticks), as of `now`. */
  list(floor: bigint, now: bigint): Promise<FoundObject[]>;
}

/** `--logs DIR`: a folder that receives CloudTrail files (e.g. an `aws s3 sync` target). */
export class FolderSource implements LogSource {
  readonly description: string;
  constructor(readonly dir: string) {
    this.description = `folder ${dir}`;
  }

  async list(floor: bigint): Promise<FoundObject[]> {
    // The same discovery as replay, so a file gets the same delivery time in both modes.
    const found = await discover([this.dir], 'auto');
    const out: FoundObject[] = [];
    for (const t of found.tasks) {
      if (pathKind(t.path) !== 'data') continue;
      const delivered = t.ingestion ?? 0n;
      if (delivered < floor) continue;
      const local = t.path;
      out.push({ key: relative(this.dir, t.path), delivered, fetch: async () => ({ local, cached: false }) });
    }
    return out;
  }
}
