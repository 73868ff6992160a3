/**
 * `--externaldata URL=FILE` (repeatable) of query, detect, test and watch, and the source that
 * externaldata reads through (src/externaldata/fetcher.ts): local files first, then HTTP(S) with
 * the on-disk copies beside the plan cache (none with --no-cache).
 *
 * Environment: TRAILHOUND_EXTERNALDATA_TIMEOUT (seconds for one URL, redirects and body included;
 * default 30) and TRAILHOUND_EXTERNALDATA_MAX_BYTES (the largest answer read; default 100 MiB, which the
 * engine's own limit on a file's expanded size keeps in any case).
 */
import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { defaultCacheDir } from '../kql/cache/plan-cache.ts';
import type { ExternalDataSource } from '../kql/engine.ts';
import { EXTERNAL_DATA_MAX_DOWNLOAD, EXTERNAL_DATA_TIMEOUT_MS, externalDataFetcher } from '../externaldata/fetcher.ts';
import { UsageError } from './errors.ts';

export const EXTERNALDATA_HELP = 'a local copy of a URL that externaldata reads, URL=FILE (repeatable); other URLs are fetched over HTTP(S) and kept in the cache folder';

export function addExternalDataOption(command: Command): Command {
  return command.option('--externaldata <URL=FILE>', EXTERNALDATA_HELP, (v: string, prev: string[] = []) => [...prev, v], []);
}

/** `URL=FILE`; a URL may hold `=` (query strings), so the split is at the `=` after which a file exists. */
export function parseExternalDataOption(text: string): { url: string; path: string } {
  for (let i = text.lastIndexOf('='); i > 0; i = text.lastIndexOf('=', i - 1)) {
    const path = text.slice(i + 1);
    if (path !== '' && existsSync(path) && statSync(path).isFile()) return { url: text.slice(0, i), path };
  }
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--externaldata must be URL=FILE, got "${text}"`);
  throw new UsageError(`--externaldata ${text.slice(0, eq)}: no such file: ${text.slice(eq + 1)}`);
}

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, got "${raw}"`);
  return n;
}

/** The source for a command's parsed options (`externaldata`, and `cache: false` for --no-cache). */
export function externalDataOf(opts: { readonly externaldata?: readonly string[]; readonly cache?: boolean }): ExternalDataSource {
  const files = new Map<string, string>();
  for (const o of opts.externaldata ?? []) {
    const { url, path } = parseExternalDataOption(o);
    files.set(url, path);
  }
  let cacheDir: string | undefined;
  if (opts.cache !== false) {
    try {
      cacheDir = defaultCacheDir();
    } catch {
      cacheDir = undefined; // no home folder: no disk cache, as for plans
    }
  }
  return externalDataFetcher({
    files,
    cacheDir,
    timeoutMs: envNumber('TRAILHOUND_EXTERNALDATA_TIMEOUT', EXTERNAL_DATA_TIMEOUT_MS / 1000) * 1000,
    maxBytes: envNumber('TRAILHOUND_EXTERNALDATA_MAX_BYTES', EXTERNAL_DATA_MAX_DOWNLOAD),
    warn: (m) => process.stderr.write(`trailhound: warning: ${m.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?')}\n`),
  });
}
