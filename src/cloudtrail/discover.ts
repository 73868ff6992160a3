/**
 * Expands the user's paths into the files to read. Directories are walked (S3 delivery trees
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`, org trails `AWSLogs/o-xxxx/<account>/...`,
 * or any folder of exports). Digest files are skipped and Insights files kept out by path,
 * without opening them; files named explicitly are always read (their content decides).
 * Links are followed, each real folder listed and each real file read once (a symbolic link loop
 * ends, a file reached by two paths is read once: ../files/walk-tree.ts); folders that cannot be
 * listed and broken links to data files are reported by path and counted, and the rest is read.
 *
 * The calls are synchronous on purpose: a tree is walked before anything is read, and one stat
 * per file through the thread pool took 1.4 s for the 17,259 files of a 10-million-record tree,
 * against 0.3 s for the whole walk done synchronously (docs/performance.md, "Discovery").
 */
import { statSync, type Stats } from 'node:fs';
import { basename, sep } from 'node:path';
import { deliveryTicksFromName, msToTicks } from './time.ts';
import type { Diagnostic, FileTask, InputFormat } from './types.ts';
import { FileIdentities, walkTree } from '../files/walk-tree.ts';
import { selectLakeFiles } from './lake.ts';

export const DATA_FILE = /\.(json|jsonl|ndjson|csv|parquet)(\.gz)?$|\.gz$/i;

export interface Discovery {
  readonly tasks: FileTask[];
  /** Files (and folders) that were not read: counted in the summary as skipped or failed. */
  readonly skipped: Diagnostic[];
  /** Folders left out on purpose (a link loop, a folder reached twice): reported, not counted as files. */
  readonly notes: Diagnostic[];
  readonly totalBytes: number;
}

export function pathKind(p: string): 'digest' | 'insight' | 'data' {
  const parts = p.split(/[\\/]/);
  const name = basename(p);
  if (parts.includes('CloudTrail-Digest') || name.includes('_CloudTrail-Digest_')) return 'digest';
  if (parts.includes('CloudTrail-Insight') || name.includes('_CloudTrail-Insight_')) return 'insight';
  return 'data';
}

export interface DiscoverOptions {
  /** Called once, as soon as the files found add up to `bigBytes`. */
  readonly onBig?: () => void;
  readonly bigBytes?: number;
}

export async function discover(paths: readonly string[], format: InputFormat, options: DiscoverOptions = {}): Promise<Discovery> {
  const tasks: FileTask[] = [];
  const skipped: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  // each real file once, even when two paths given or two links lead to it (walk-tree.ts)
  const identities = new FileIdentities();
  const explicitFiles = new Set<string>();
  let found = 0; // bytes found so far: workers start loading while the walk goes on
  for (const p of paths) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (e) {
      skipped.push({ severity: 'error', file: p, message: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (!st.isDirectory() && !st.isFile()) {
      // a named pipe or a device has no end to wait for (/dev/zero never ends, an idle pipe blocks the thread)
      skipped.push({ severity: 'error', file: p, message: `not read: ${specialKind(st)}, not a regular file (save the logs to a file first)` });
      continue;
    }
    const explicit = !st.isDirectory();
    const add = (f: string, fst: Stats) => {
      const kind = pathKind(f);
      if (!explicit && kind !== 'data') {
        skipped.push({ severity: 'info', file: f, message: kind === 'digest' ? 'CloudTrail digest file: skipped' : 'CloudTrail Insights file: kept out of AWSCloudTrail' });
        return;
      }
      const fromName = deliveryTicksFromName(basename(f));
      tasks.push({ path: f, size: fst.size, ingestion: fromName ?? msToTicks(fst.mtimeMs), format });
      if (explicit) explicitFiles.add(f);
      const before = found;
      found += fst.size;
      if (options.onBig && before < (options.bigBytes ?? 0) && found >= (options.bigBytes ?? 0)) options.onBig();
    };
    if (explicit) {
      const first = identities.seenAs(p, st);
      if (first === undefined) add(p, st);
      else if (first !== p) skipped.push({ severity: 'info', file: p, message: `same file as ${first}: read once` });
    } else {
      walkTree(p, st, {
        wanted: (name) => DATA_FILE.test(name),
        onFile: add,
        onProblem: (d) => (d.folder && d.severity === 'info' ? notes : skipped).push({ severity: d.severity, file: d.path, message: d.message }),
        identities,
      });
    }
  }
  // a Security Lake bucket: other sources and Iceberg metadata are not CloudTrail logs (lake.ts)
  const lake = await selectLakeFiles(tasks, explicitFiles, format);
  const totalBytes = lake.tasks.reduce((n, t) => n + t.size, 0);
  return { tasks: lake.tasks, skipped: [...skipped, ...lake.skipped], notes: [...notes, ...lake.notes], totalBytes };
}

function specialKind(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

export const PATH_SEP = sep;
