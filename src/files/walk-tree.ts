/**
 * Walks a folder tree the way a person means it, whatever links it holds: each real folder is
 * listed once and each real file reported once, told apart by (device, inode), so a symbolic
 * link loop (`ln -s . a`, a link to a parent) ends instead of going round, and a file reached
 * through two links is read once. Folders that cannot be listed and links that lead nowhere are
 * reported by path, and the walk goes on.
 *
 * Iterative (an explicit stack of listed folders): the depth of a tree is the input's to choose.
 * The calls are synchronous on purpose (see src/cloudtrail/discover.ts).
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';

export interface TreeProblem {
  readonly path: string;
  /** error: something that was meant to be read could not be; info: left out on purpose. */
  readonly severity: 'error' | 'warning' | 'info';
  /** The path is a folder (not a file that was left out). */
  readonly folder: boolean;
  readonly message: string;
}

/**
 * The files and folders already reached, by (device, inode). Numbers above 2^53 are not exact
 * as JavaScript numbers: two different files whose numbers round alike are told apart by an
 * exact (bigint) stat of both, so a file is never taken for another.
 */
export class FileIdentities {
  private readonly first = new Map<string, string>();

  /** The path by which this file or folder was first reached, or undefined when `path` is the first (then recorded). */
  seenAs(path: string, st: Stats): string | undefined {
    const key = `${st.dev}:${st.ino}`;
    const first = this.first.get(key);
    if (first === undefined) {
      this.first.set(key, path);
      return undefined;
    }
    return first === path || sameFile(first, path) ? first : undefined;
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a, { bigint: true });
    const y = statSync(b, { bigint: true });
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

export interface WalkOptions {
  /** Whether a file of this name is wanted; others are not even looked at. */
  wanted(name: string): boolean;
  /** A wanted file, in name order (depth first), with its stats (links followed). */
  onFile(path: string, st: Stats): void;
  onProblem(problem: TreeProblem): void;
  /** Shared between the walks of one command, so that overlapping paths read a file once. */
  readonly identities: FileIdentities;
}

interface Frame {
  readonly path: string;
  readonly key: string;
  readonly parent: Frame | null;
  readonly entries: Dirent[];
  next: number;
}

const byName = (a: Dirent, b: Dirent): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Walks the folder `root` (already known to be a folder, with stats `rootStats`). */
export function walkTree(root: string, rootStats: Stats, o: WalkOptions): void {
  let top: Frame | null = null;
  const enter = (path: string, st: Stats): void => {
    const key = `${st.dev}:${st.ino}`;
    const first = o.identities.seenAs(path, st);
    if (first !== undefined) {
      let f = top;
      while (f !== null && f.key !== key) f = f.parent;
      o.onProblem({
        path,
        severity: 'info',
        folder: true,
        message: f !== null ? `symbolic link loop (back to ${first}): not followed` : `same folder as ${first}: listed once`,
      });
      return;
    }
    let entries: Dirent[];
    try {
      entries = readdirSync(path, { withFileTypes: true });
    } catch (e) {
      o.onProblem({ path, severity: 'error', folder: true, message: `cannot list folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    entries.sort(byName);
    top = { path, key, parent: top, entries, next: 0 };
  };
  enter(root, rootStats);
  while (top !== null) {
    const frame: Frame = top;
    if (frame.next >= frame.entries.length) {
      top = frame.parent;
      continue;
    }
    const e = frame.entries[frame.next++]!;
    const path = join(frame.path, e.name);
    const link = e.isSymbolicLink();
    if (!link && !e.isDirectory() && !(e.isFile() && o.wanted(e.name))) continue;
    let st: Stats;
    try {
      st = statSync(path); // follows links: a mounted copy of a bucket is often a tree of them
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      if (!link) o.onProblem({ path, severity: 'error', folder: e.isDirectory(), message: `cannot open: ${code === 'ENOENT' ? 'it disappeared while the folder was listed' : code}` });
      else if (o.wanted(e.name)) o.onProblem({ path, severity: 'warning', folder: false, message: `symbolic link that cannot be followed (${code}): skipped` });
      continue;
    }
    if (st.isDirectory()) enter(path, st);
    else if (st.isFile() && o.wanted(e.name)) {
      const first = o.identities.seenAs(path, st);
      if (first === undefined) o.onFile(path, st);
      else o.onProblem({ path, severity: 'info', folder: false, message: `same file as ${first}: read once` });
    }
  }
}
