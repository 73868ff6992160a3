/**
 * Copies of externaldata URLs on disk, in `externaldata/` beside the plan cache (TRAILHOUND_CACHE_DIR,
 * else $XDG_CACHE_HOME/trailhound, else ~/.cache/trailhound). An entry is keyed by the sha256 of
 * the URL: `<key>.data` (the bytes) and `<key>.json` (when it was fetched, its validators and the
 * sha256 of the bytes, checked on every read, so a damaged copy is a miss). Entries are written
 * under a temporary name and renamed into place. Best-effort like the plan cache: a folder that
 * cannot be used is no cache, never a failed run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CachedCopy {
  readonly bytes: Buffer;
  /** When the copy was fetched or last confirmed unchanged (ms since the epoch). */
  readonly fetchedAt: number;
  readonly etag?: string;
  readonly lastModified?: string;
}

interface Meta {
  readonly fetchedAt: number;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly sha256: string;
  readonly size: number;
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export class ExternalDataCache {
  readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'externaldata');
  }

  private paths(url: string): { data: string; meta: string } {
    const key = sha256(url);
    return { data: join(this.dir, `${key}.data`), meta: join(this.dir, `${key}.json`) };
  }

  get(url: string): CachedCopy | undefined {
    const p = this.paths(url);
    try {
      const meta = JSON.parse(readFileSync(p.meta, 'utf8')) as Meta;
      const bytes = readFileSync(p.data);
      if (typeof meta.fetchedAt !== 'number' || bytes.length !== meta.size || sha256(bytes) !== meta.sha256) return undefined;
      return { bytes, fetchedAt: meta.fetchedAt, etag: meta.etag, lastModified: meta.lastModified };
    } catch {
      return undefined;
    }
  }

  put(url: string, copy: CachedCopy): void {
    const p = this.paths(url);
    this.write([[p.data, copy.bytes], [p.meta, this.metaOf(copy)]]);
  }

  /** Records that the copy was confirmed unchanged now (HTTP 304): only its metadata is written. */
  touch(url: string, copy: CachedCopy, now: number): void {
    this.write([[this.paths(url).meta, this.metaOf({ ...copy, fetchedAt: now })]]);
  }

  private metaOf(copy: CachedCopy): string {
    const meta: Meta = { fetchedAt: copy.fetchedAt, etag: copy.etag, lastModified: copy.lastModified, sha256: sha256(copy.bytes), size: copy.bytes.length };
    return JSON.stringify(meta);
  }

  private write(files: [string, Buffer | string][]): void {
    const tag = `.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      for (const [path, content] of files) {
        writeFileSync(path + tag, content);
        renameSync(path + tag, path);
      }
    } catch {
      for (const [path] of files) {
        try {
          rmSync(path + tag, { force: true });
        } catch {
          // the folder itself is unusable
        }
      }
    }
  }
}
