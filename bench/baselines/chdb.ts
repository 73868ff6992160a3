// Baseline 4: chDB (embedded ClickHouse, npm `chdb`, native library from @chdb/lib-linux-x64-gnu)
// reads the tree's .json.gz files with file(glob, JSONEachRow, explicit schema) — each file is one
// JSON object, i.e. one row whose Records array is then arrayJoin-ed — and runs the detection in
// ClickHouse SQL (bench/baselines/sql.ts), max_threads = 2. Timed: the detection query. Then the
// Sentinel-mode query (timed separately as sentinelSeconds) and an untimed scan counting the records.
//
// chdb is NOT a dependency of the project: its package lists per-platform optional dependencies of
// which only @chdb/lib-linux-x64-gnu is published, so a lockfile that contains it breaks `npm ci`
// ("Missing: @chdb/lib-darwin-arm64 from lock file"). Install it beside the benchmark data instead:
//   npm install --prefix .bench-data/chdb chdb@3.4.0
// (or anywhere Node resolves `chdb` from here). Without it this baseline reports itself unavailable.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isoSeconds, type Finding, type SentinelAlert } from '../lib/detection.ts';
import { cli, listTree, peakRssMB, sqlString, TREE_GLOB, type BaselineResult } from './common.ts';
import { clickhouseCountSql, clickhouseDetectionSql, clickhouseSentinelSql } from './sql.ts';

export const CHDB_VERSION = '3.4.0';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHDB_PREFIX = join(ROOT, '.bench-data', 'chdb');
export const CHDB_INSTALL = `npm install --prefix .bench-data/chdb chdb@${CHDB_VERSION}`;

type Query = (sql: string, format: string) => string;
let loaded: Query | undefined;

/** chdb's `query`, from node_modules or from .bench-data/chdb; undefined when it is not installed. */
export function loadChdb(): Query | undefined {
  if (loaded) return loaded;
  for (const base of [join(ROOT, 'package.json'), join(CHDB_PREFIX, 'package.json')]) {
    if (!existsSync(base)) continue;
    try {
      loaded = (createRequire(base)('chdb') as { query: Query }).query;
      return loaded;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
  return undefined;
}

export const THREADS = 2;

function rows<T>(sql: string): T[] {
  const query = loadChdb();
  if (!query) throw new Error(`chdb is not installed: ${CHDB_INSTALL}`);
  const out = query(sql, 'JSONEachRow');
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

export async function run(dir: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const glob = sqlString(resolve(dir, TREE_GLOB));
  const version = rows<{ v: string }>('SELECT version() AS v')[0]!.v;
  const t0 = performance.now();
  const found = rows<{ identity: string; bin: number | string; ips: string[] }>(clickhouseDetectionSql(glob, THREADS));
  const seconds = (performance.now() - t0) / 1000;
  const findings: Finding[] = found.map((r) => ({ identity: r.identity, bin: isoSeconds(Number(r.bin)), ips: r.ips }));
  const t1 = performance.now();
  const sentinelRows = rows<{ now: number | string; identity: string; ips: string[] }>(clickhouseSentinelSql(glob, THREADS));
  const sentinelSeconds = (performance.now() - t1) / 1000;
  const sentinelAlerts: SentinelAlert[] = sentinelRows.map((r) => ({ run: isoSeconds(Number(r.now)), identity: r.identity, ips: r.ips }));
  const n = rows<{ n: number | string }>(clickhouseCountSql(glob, THREADS))[0]!.n;
  return {
    tool: `chDB ${version} (${THREADS} threads)`, seconds, records: Number(n), files: files.length,
    peakRssMB: peakRssMB(), findings, sentinelAlerts, sentinelSeconds, notes: 'file(JSONEachRow) + arrayJoin + SQL detection',
  };
}

cli(import.meta.url, run);
