// The hunting suite's chDB side (bench/hunt.ts): one query of bench/lib/hunt-queries.ts, in
// ClickHouse SQL (bench/lib/hunt-queries-chdb.ts), in a process of its own (so its peak RSS is that
// query's), 2 threads, reading the tree's .json.gz files with file(JSONEachRow) and a schema of only
// the fields the query needs. chdb is not a project dependency (bench/baselines/chdb.ts says where
// to install it); without it this exits 4 with a one-line message.
//
//   node --import tsx bench/baselines/chdb-hunt.ts --dir DIR --query NAME --key AKIA... [--repeat R]
//   -> stdout: RESULT {"tool", "seconds" (fastest run of the query), "cpu" (its least CPU seconds, all threads), "runs", "peakRssMB", "columns", "rows"}
import { resolve } from 'node:path';
import { chdbHuntSql } from '../lib/hunt-queries-chdb.ts';
import { CHDB_INSTALL, loadChdb, THREADS } from './chdb.ts';
import { peakRssMB, sqlString, TREE_GLOB } from './common.ts';
import { huntArgs } from './hunt-args.ts';

const { dir, q, key, repeat } = huntArgs('chdb-hunt.ts');
const query = loadChdb();
if (!query) {
  console.error(`chdb is not installed (${CHDB_INSTALL})`);
  process.exit(4);
}
const sql = chdbHuntSql(q, sqlString(resolve(dir, TREE_GLOB)), sqlString(key), THREADS);
const runs: number[] = [];
const cpus: number[] = [];
let res: { meta: { name: string }[]; data: unknown[][] } = { meta: [], data: [] };
for (let i = 0; i < repeat; i++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  // chDB runs in this process: cpuUsage counts its threads too
  res = JSON.parse(query(sql, 'JSONCompact')) as typeof res;
  runs.push((performance.now() - t0) / 1000);
  const c = process.cpuUsage(c0);
  cpus.push((c.user + c.system) / 1e6);
}
const version = (JSON.parse(query('SELECT version() AS v', 'JSONCompact')) as { data: string[][] }).data[0]![0];
console.log(`RESULT ${JSON.stringify({ tool: `chDB ${version} (${THREADS} threads)`, seconds: Math.min(...runs), cpu: Math.min(...cpus), runs, peakRssMB: peakRssMB(), columns: res.meta.map((m) => m.name), rows: res.data })}`);
