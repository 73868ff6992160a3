// Baseline 4: chDB (embedded ClickHouse, npm `chdb`, native library from @chdb/lib-linux-x64-gnu)
// reads the tree's .json.gz files with file(glob, JSONEachRow, explicit schema) — each file is one
// JSON object, i.e. one row whose Records array is then arrayJoin-ed — and runs the detection in
// ClickHouse SQL (bench/baselines/sql.ts), max_threads = 2. Timed: the detection query. Then the
// Sentinel-mode query (timed separately as sentinelSeconds) and an untimed scan counting the records.
import { resolve } from 'node:path';
import { query } from 'chdb';
import { isoSeconds, type Finding, type SentinelAlert } from '../lib/detection.ts';
import { cli, listTree, peakRssMB, sqlString, TREE_GLOB, type BaselineResult } from './common.ts';
import { clickhouseCountSql, clickhouseDetectionSql, clickhouseSentinelSql } from './sql.ts';

export const THREADS = 2;

function rows<T>(sql: string): T[] {
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
