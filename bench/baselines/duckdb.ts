// Baseline 3: DuckDB (@duckdb/node-api, in-process, 2 threads) reads the tree's .json.gz files with
// read_json (explicit schema of the fields the detection needs), unnests Records and runs the
// detection in SQL (bench/baselines/sql.ts). Timed: the detection query. Then the Sentinel-mode query
// (the seed rule's window logic replayed every 5 minutes; another scan, timed separately as
// sentinelSeconds) and, untimed, a scan that counts the records so the run can check DuckDB saw all.
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isoSeconds, type Finding, type SentinelAlert } from '../lib/detection.ts';
import { cli, listTree, peakRssMB, sqlString, TREE_GLOB, type BaselineResult } from './common.ts';
import { duckdbCountSql, duckdbDetectionSql, duckdbSentinelSql } from './sql.ts';

export const THREADS = 2;

export async function run(dir: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const glob = sqlString(resolve(dir, TREE_GLOB));
  const db = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
  const con = await db.connect();
  const t0 = performance.now();
  const reader = await con.runAndReadAll(duckdbDetectionSql(glob));
  const rows = reader.getRowObjectsJS() as { identity: string; bin: bigint; ips: string[] }[];
  const seconds = (performance.now() - t0) / 1000;
  const findings: Finding[] = rows.map((r) => ({ identity: r.identity, bin: isoSeconds(Number(r.bin)), ips: [...r.ips] }));
  const t1 = performance.now();
  const sentinelRows = (await con.runAndReadAll(duckdbSentinelSql(glob))).getRowObjectsJS() as { now: bigint; identity: string; ips: string[] }[];
  const sentinelSeconds = (performance.now() - t1) / 1000;
  const sentinelAlerts: SentinelAlert[] = sentinelRows.map((r) => ({ run: isoSeconds(Number(r.now)), identity: r.identity, ips: [...r.ips] }));
  const count = (await con.runAndReadAll(duckdbCountSql(glob))).getRowObjectsJS() as { n: bigint | number }[];
  const version = (await con.runAndReadAll('SELECT version() AS v')).getRowObjectsJS() as { v: string }[];
  con.closeSync();
  return {
    tool: `DuckDB ${version[0]!.v} (${THREADS} threads)`, seconds, records: Number(count[0]!.n), files: files.length,
    peakRssMB: peakRssMB(), findings, sentinelAlerts, sentinelSeconds, notes: 'read_json + unnest + SQL detection',
  };
}

cli(import.meta.url, run);
