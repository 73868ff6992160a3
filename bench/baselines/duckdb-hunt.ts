// The hunting suite's DuckDB side (bench/hunt.ts): one query of bench/lib/hunt-queries.ts in a
// process of its own (so its peak RSS is that query's), 2 threads, reading the tree's .json.gz
// files with read_json and a schema of only the fields the query needs.
//
//   node --import tsx bench/baselines/duckdb-hunt.ts --dir DIR --query NAME --key AKIA... [--repeat R]
//   -> stdout: RESULT {"tool", "seconds" (fastest run of the query), "cpu" (its least CPU seconds, all threads), "runs", "peakRssMB", "columns", "rows"}
import { resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { duckdbHuntSql } from '../lib/hunt-queries.ts';
import { peakRssMB, sqlString, TREE_GLOB } from './common.ts';
import { huntArgs } from './hunt-args.ts';
import { THREADS } from './duckdb.ts';

const { dir, q, key, repeat } = huntArgs('duckdb-hunt.ts');
const db = await DuckDBInstance.create(':memory:', { threads: String(THREADS) });
const con = await db.connect();
const sql = duckdbHuntSql(q, sqlString(resolve(dir, TREE_GLOB)), key);
const runs: number[] = [];
const cpus: number[] = [];
let columns: string[] = [];
let rows: unknown[][] = [];
for (let i = 0; i < repeat; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const reader = await con.runAndReadAll(sql);
  rows = reader.getRowsJS() as unknown[][];
  runs.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1e6);
  columns = reader.columnNames();
}
const version = (await con.runAndReadAll('SELECT version() AS v')).getRowObjectsJS() as { v: string }[];
con.closeSync();
const json = JSON.stringify({ tool: `DuckDB ${version[0]!.v} (${THREADS} threads)`, seconds: Math.min(...runs), cpu: Math.min(...cpus), runs, peakRssMB: peakRssMB(), columns, rows },
  (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
console.log(`RESULT ${json}`);
