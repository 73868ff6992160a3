/**
 * Compiled plans kept on disk, so a query compiled once is not parsed and bound again (loading the
 * official parser alone costs ~1-2 s of CPU). An entry is keyed by everything its plan depends on:
 * the codec's format, the code that made it (fingerprint.ts), the query text and the whole catalog.
 *
 * The cache is best-effort: a folder that cannot be read or written, or a damaged, truncated or
 * foreign file, is a miss (the query is compiled and the entry rewritten), never a failed run.
 * Entries are written whole under a temporary name and renamed into place, so a reader sees an
 * old entry or a new one; the oldest entries past `maxEntries` are removed after each write.
 *
 * File: MAGIC, format version (uint32 LE), the key (64 hex), sha256 of the payload, payload
 * (plan-codec.ts). The checksum turns a damaged payload into a miss even where it would still
 * deserialize.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import type { Plan } from '../plan/plan.ts';
import type { CatalogSchema } from '../syntax/catalog.ts';
import type { Diagnostic } from '../syntax/analyze.ts';
import type { RequestProperties } from '../request-properties.ts';
import type { Visualization } from '../visualization.ts';
import { codeFingerprint } from './fingerprint.ts';
import { decodeValue, encodeValue } from './plan-codec.ts';

/** Bump when the encoding or the meaning of an encoded plan changes without a code change. */
export const PLAN_FORMAT_VERSION = 1;

const MAGIC = Buffer.from('THPLAN', 'latin1');
const KEY_BYTES = 64;
const SUM_BYTES = 32;
const HEADER = MAGIC.length + 4 + KEY_BYTES + SUM_BYTES;
const SUFFIX = '.plan';
const STALE_TEMP_MS = 10 * 60 * 1000;

/** What compileQuery keeps of a compile. */
export interface CachedCompile {
  readonly plan: Plan;
  readonly warnings: readonly Diagnostic[];
  /** Request properties of the query's `set` statements. */
  readonly properties?: RequestProperties;
  /** The query's final `render`. */
  readonly visualization?: Visualization;
}

export interface PlanCacheOptions {
  /** Entries kept; the least recently used go first (default 300). */
  readonly maxEntries?: number;
}

/** The cache folder: TRAILHOUND_CACHE_DIR, else $XDG_CACHE_HOME/trailhound, else ~/.cache/trailhound. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRAILHOUND_CACHE_DIR) return env.TRAILHOUND_CACHE_DIR;
  // The XDG spec says to ignore a relative XDG_CACHE_HOME.
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'trailhound');
  return join(homedir(), '.cache', 'trailhound');
}

/**
 * A catalog's JSON, once per catalog object: `detect` keys each of its rules twice (which are
 * misses, then the compile) against one catalog of ~76 KB, ~0.7 ms of JSON each time.
 * Catalogs are read-only (CatalogSchema), so the text stays the object's.
 */
const catalogJsons = new WeakMap<CatalogSchema, string>();
function catalogJson(catalog: CatalogSchema): string {
  let json = catalogJsons.get(catalog);
  if (json === undefined) {
    json = JSON.stringify(catalog);
    catalogJsons.set(catalog, json);
  }
  return json;
}

export class PlanCache {
  /** The folder of the entries (`plans/` under the cache folder). */
  readonly dir: string;
  private readonly maxEntries: number;
  /** Counts for this process (tests, diagnostics). */
  readonly stats = { hits: 0, misses: 0, writes: 0, unstorable: 0 };

  /** The folder of V8's compiled code of the official parser's scripts (syntax/bridge.ts). */
  readonly parserCodeDir: string;

  constructor(cacheDir: string = defaultCacheDir(), options: PlanCacheOptions = {}) {
    this.dir = join(cacheDir, 'plans');
    this.parserCodeDir = join(cacheDir, 'parser-code');
    this.maxEntries = Math.max(1, options.maxEntries ?? 300);
  }

  /** The entry key of a compile, or undefined when the running code cannot be identified (then nothing is cached). */
  keyOf(text: string, catalog: CatalogSchema): string | undefined {
    const code = codeFingerprint();
    if (code === undefined) return undefined;
    try {
      // the same string as JSON.stringify([PLAN_FORMAT_VERSION, code, text, catalog])
      const head = JSON.stringify([PLAN_FORMAT_VERSION, code, text]).slice(0, -1);
      return createHash('sha256').update(`${head},${catalogJson(catalog)}]`).digest('hex');
    } catch {
      return undefined;
    }
  }

  pathOf(key: string): string {
    return join(this.dir, key + SUFFIX);
  }

  get(key: string): CachedCompile | undefined {
    const file = this.pathOf(key);
    let entry: CachedCompile | undefined;
    try {
      entry = unpack(readFileSync(file), key);
    } catch {
      entry = undefined;
    }
    if (!entry) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    // The entry was used: it is the last to be pruned.
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // best-effort
    }
    return entry;
  }

  /** Stores an entry; false when the plan cannot be encoded or the folder not written. */
  put(key: string, entry: CachedCompile): boolean {
    let bytes: Buffer;
    try {
      bytes = pack(key, { plan: entry.plan, warnings: entry.warnings, properties: entry.properties ?? {}, ...(entry.visualization ? { visualization: entry.visualization } : {}) });
    } catch {
      this.stats.unstorable++;
      return false;
    }
    const temp = join(this.dir, `.${key}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(temp, bytes);
      renameSync(temp, this.pathOf(key));
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // the folder itself is unusable
      }
      return false;
    }
    this.stats.writes++;
    this.prune();
    return true;
  }

  /** Removes the least recently used entries past maxEntries, and temporary files left by crashed writers. */
  private prune(): void {
    try {
      const entries: { path: string; mtime: number }[] = [];
      const now = Date.now();
      for (const name of readdirSync(this.dir)) {
        const path = join(this.dir, name);
        const mtime = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
        if (mtime === undefined) continue;
        if (name.endsWith(SUFFIX)) entries.push({ path, mtime });
        else if (name.endsWith('.tmp') && now - mtime > STALE_TEMP_MS) rmSync(path, { force: true });
      }
      if (entries.length <= this.maxEntries) return;
      entries.sort((a, b) => a.mtime - b.mtime);
      for (const e of entries.slice(0, entries.length - this.maxEntries)) rmSync(e.path, { force: true });
    } catch {
      // best-effort
    }
  }
}

function pack(key: string, entry: CachedCompile): Buffer {
  const payload = encodeValue(entry);
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header, 0);
  header.writeUInt32LE(PLAN_FORMAT_VERSION, MAGIC.length);
  header.write(key, MAGIC.length + 4, KEY_BYTES, 'latin1');
  createHash('sha256').update(payload).digest().copy(header, MAGIC.length + 4 + KEY_BYTES);
  return Buffer.concat([header, payload]);
}

/** The entry in `bytes`, or undefined when they are not a whole entry of this key and version. */
function unpack(bytes: Buffer, key: string): CachedCompile | undefined {
  if (bytes.length <= HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (bytes.readUInt32LE(MAGIC.length) !== PLAN_FORMAT_VERSION) return undefined;
  if (bytes.toString('latin1', MAGIC.length + 4, MAGIC.length + 4 + KEY_BYTES) !== key) return undefined;
  const payload = bytes.subarray(HEADER);
  const sum = bytes.subarray(MAGIC.length + 4 + KEY_BYTES, HEADER);
  if (!createHash('sha256').update(payload).digest().equals(sum)) return undefined;
  const entry = decodeValue(payload) as CachedCompile;
  if (!entry || typeof entry !== 'object' || !entry.plan || typeof entry.plan !== 'object' || !Array.isArray(entry.warnings)) return undefined;
  return entry;
}
