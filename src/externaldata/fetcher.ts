/**
 * Where `externaldata` gets its bytes when trailhound runs a query: an ExternalDataSource
 * (src/kql/external/read.ts) that
 *   1. reads a local file given for the URL (`--externaldata URL=FILE`: the exact URL, or the URL
 *      without its query string), for offline runs and tests;
 *   2. else reads each URL once per process (concurrent reads of one URL share one request);
 *   3. else uses the on-disk copy (disk-cache.ts) if it is younger than `freshMs`;
 *   4. else fetches it (httpGet: timeout, size limit, redirects), conditionally when an older copy
 *      has validators (304: the copy is confirmed and used), and stores the answer;
 *   5. if the fetch fails, uses the on-disk copy, however old, with a warning; with no copy, fails
 *      with the reason (and how to give the file).
 * Without a disk cache (`--no-cache`), 3 and the fallback of 5 are skipped and nothing is stored.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ExternalDataSource } from '../kql/engine.ts';
import { ExternalDataCache, type CachedCopy } from './disk-cache.ts';
import { httpGet, type HttpGetResult } from './http-get.ts';

/** An on-disk copy younger than this is used without asking the server. */
export const EXTERNAL_DATA_FRESH_MS = 60 * 60 * 1000;
export const EXTERNAL_DATA_TIMEOUT_MS = 30_000;
/** "Use the externaldata operator to retrieve small reference tables of up to 100 MB" (externaldata doc). */
export const EXTERNAL_DATA_MAX_DOWNLOAD = 100 * 1024 * 1024;
export const EXTERNAL_DATA_MAX_REDIRECTS = 5;

export interface ExternalDataFetcherOptions {
  /** URL -> local file. */
  readonly files?: ReadonlyMap<string, string>;
  /** The cache folder (the plan cache's); undefined: no disk cache. */
  readonly cacheDir?: string;
  readonly freshMs?: number;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Warnings (a stale copy used because the fetch failed). */
  readonly warn?: (message: string) => void;
  /** Counts for this process (tests). */
  readonly stats?: { requests: number };
  readonly now?: () => number;
}

/** The URL as warnings show it: without its query string (which may hold a SAS token). */
export function urlForMessages(url: string): string {
  const q = url.search(/[?#]/);
  return q < 0 ? url : `${url.slice(0, q)}?...`;
}

const withoutQuery = (url: string) => url.replace(/[?#].*$/s, '');

export function externalDataFetcher(options: ExternalDataFetcherOptions = {}): ExternalDataSource {
  const cache = options.cacheDir !== undefined ? new ExternalDataCache(options.cacheDir) : undefined;
  const freshMs = options.freshMs ?? EXTERNAL_DATA_FRESH_MS;
  const maxBytes = options.maxBytes ?? EXTERNAL_DATA_MAX_DOWNLOAD;
  const now = options.now ?? Date.now;
  const read = new Map<string, Promise<Uint8Array>>();

  const fromFile = (path: string): Uint8Array => {
    const size = statSync(path).size;
    if (size > maxBytes) throw new Error(`the file ${path} given for it is ${size} bytes, more than the ${maxBytes} bytes externaldata reads`);
    return readFileSync(path);
  };

  const fetchOnce = async (url: string): Promise<Uint8Array> => {
    const copy = cache?.get(url);
    if (copy && now() - copy.fetchedAt < freshMs) return copy.bytes;
    const headers: Record<string, string> = {};
    if (copy?.etag) headers['if-none-match'] = copy.etag;
    if (copy?.lastModified) headers['if-modified-since'] = copy.lastModified;
    let answer: HttpGetResult;
    try {
      if (options.stats) options.stats.requests++;
      answer = await httpGet(url, { timeoutMs: options.timeoutMs ?? EXTERNAL_DATA_TIMEOUT_MS, maxBytes, maxRedirects: options.maxRedirects ?? EXTERNAL_DATA_MAX_REDIRECTS, headers });
    } catch (e) {
      const reason = (e as Error).message;
      if (copy) {
        options.warn?.(`externaldata: ${urlForMessages(url)}: ${reason}; using the copy fetched ${new Date(copy.fetchedAt).toISOString()}`);
        return copy.bytes;
      }
      throw new Error(`${reason} (to run without the network, give a copy: --externaldata URL=FILE)`);
    }
    if (answer.status === 304) {
      if (!copy) throw new Error('HTTP 304 without a cached copy');
      cache!.touch(url, copy, now());
      return copy.bytes;
    }
    const fresh: CachedCopy = { bytes: answer.body, fetchedAt: now(), etag: answer.etag, lastModified: answer.lastModified };
    cache?.put(url, fresh);
    return fresh.bytes;
  };

  return (url) => {
    const file = options.files?.get(url) ?? options.files?.get(withoutQuery(url));
    if (file !== undefined) return Promise.resolve().then(() => fromFile(file));
    let p = read.get(url);
    if (!p) {
      p = fetchOnce(url);
      read.set(url, p);
    }
    return p;
  };
}
