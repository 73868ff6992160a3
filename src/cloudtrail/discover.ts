/**
 * Expands the user's paths into the files to read. Directories are walked (S3 delivery trees
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`, org trails `AWSLogs/o-xxxx/<account>/...`,
 * or any folder of exports). Digest files are skipped and Insights files kept out by path,
 * without opening them; files named explicitly are always read (their content decides).
 *
 * The calls are synchronous on purpose: a tree is walked before anything is read, and one stat
 * per file through the thread pool took 1.4 s for the 17,259 files of a 10-million-record tree,
 * against 0.3 s for the whole walk done synchronously (docs/performance.md, "Discovery").
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, join, sep } from 'node:path';
import { deliveryTicksFromName, msToTicks } from './time.ts';
import type { Diagnostic, FileTask, InputFormat } from './types.ts';

const DATA_FILE = /\.(json|jsonl|ndjson|csv|parquet)(\.gz)?$|\.gz$/i;

export interface Discovery {
  readonly tasks: FileTask[];
  readonly skipped: Diagnostic[];
  readonly totalBytes: number;
}

export function pathKind(p: string): 'digest' | 'insight' | 'data' {
  const parts = p.split(/[\\/]/);
  const name = basename(p);
  if (parts.includes('CloudTrail-Digest') || name.includes('_CloudTrail-Digest_')) return 'digest';
  if (parts.includes('CloudTrail-Insight') || name.includes('_CloudTrail-Insight_')) return 'insight';
  return 'data';
}

function statOrNull(p: string): Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Calls `found` for each data file under `dir`, in name order, as it is listed. */
function walk(dir: string, found: (path: string) => void, seen = new Set<string>()): void {
  let real = dir;
  try {
    real = realpathSync(dir);
  } catch {
    // keep the path as given
  }
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  const entries = readdirSync(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // follow links (a mounted bucket copy is often a tree of links); a dangling one is skipped
      const st = statOrNull(p);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) walk(p, found, seen);
    else if (isFile && DATA_FILE.test(e.name)) found(p);
  }
}

export interface DiscoverOptions {
  /** Called once, as soon as the files found add up to `bigBytes`. */
  readonly onBig?: () => void;
  readonly bigBytes?: number;
}

export async function discover(paths: readonly string[], format: InputFormat, options: DiscoverOptions = {}): Promise<Discovery> {
  const tasks: FileTask[] = [];
  const skipped: Diagnostic[] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      skipped.push({ severity: 'error', file: p, message: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const explicit = !st.isDirectory();
    const add = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      const kind = pathKind(f);
      if (!explicit && kind !== 'data') {
        skipped.push({ severity: 'info', file: f, message: kind === 'digest' ? 'CloudTrail digest file: skipped' : 'CloudTrail Insights file: kept out of AWSCloudTrail' });
        return;
      }
      const fst = f === p ? st : statOrNull(f);
      if (fst === null) {
        // gone between listing and stat (a live folder being rotated)
        skipped.push({ severity: 'error', file: f, message: 'cannot open: it disappeared while the folder was listed' });
        return;
      }
      const fromName = deliveryTicksFromName(basename(f));
      tasks.push({ path: f, size: fst.size, ingestion: fromName ?? msToTicks(fst.mtimeMs), format });
      const before = totalBytes;
      totalBytes += fst.size;
      if (options.onBig && before < (options.bigBytes ?? 0) && totalBytes >= (options.bigBytes ?? 0)) options.onBig();
    };
    if (explicit) add(p);
    else walk(p, add);
  }
  return { tasks, skipped, totalBytes };
}

export const PATH_SEP = sep;
