/**
 * Expands the user's paths into the files to read. Directories are walked (S3 delivery trees
 * `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`, org trails `AWSLogs/o-xxxx/<account>/...`,
 * or any folder of exports). Digest files are skipped and Insights files kept out by path,
 * without opening them; files named explicitly are always read (their content decides).
 */
import { readdir, realpath, stat } from 'node:fs/promises';
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

async function walk(dir: string, out: string[], seen = new Set<string>()): Promise<void> {
  const real = await realpath(dir).catch(() => dir);
  if (seen.has(real)) return; // a link back up the tree
  seen.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      // follow links (a mounted bucket copy is often a tree of links); a dangling one is skipped
      const st = await stat(p).catch(() => null);
      isDir = st?.isDirectory() ?? false;
      isFile = st?.isFile() ?? false;
    }
    if (isDir) await walk(p, out, seen);
    else if (isFile && DATA_FILE.test(e.name)) out.push(p);
  }
}

export async function discover(paths: readonly string[], format: InputFormat): Promise<Discovery> {
  const tasks: FileTask[] = [];
  const skipped: Diagnostic[] = [];
  const seen = new Set<string>();
  let totalBytes = 0;
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      skipped.push({ severity: 'error', file: p, message: `cannot open: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const files: string[] = [];
    const explicit = !st.isDirectory();
    if (explicit) files.push(p);
    else await walk(p, files);
    for (const f of files) {
      if (seen.has(f)) continue;
      seen.add(f);
      const kind = pathKind(f);
      if (!explicit && kind !== 'data') {
        skipped.push({ severity: 'info', file: f, message: kind === 'digest' ? 'CloudTrail digest file: skipped' : 'CloudTrail Insights file: kept out of AWSCloudTrail' });
        continue;
      }
      const fst = f === p ? st : await stat(f);
      const fromName = deliveryTicksFromName(basename(f));
      tasks.push({ path: f, size: fst.size, ingestion: fromName ?? msToTicks(fst.mtimeMs), format });
      totalBytes += fst.size;
    }
  }
  return { tasks, skipped, totalBytes };
}

export const PATH_SEP = sep;
