// The hunting suite's chDB side (bench/hunt.ts): one query of bench/lib/hunt-queries.ts, in
// ClickHouse SQL (bench/lib/hunt-queries-chdb.ts), in a process of its own (so its peak RSS is that
// query's), 2 threads, reading the tree's .json.gz files with file(JSONEachRow) and a schema of only
// the fields the query needs. chdb is not a project dependency (bench/baselines/chdb.ts says where
// to install it); without it this exits 4 with a one-line message.
//
//   node --import tsx bench/baselines/chdb-hunt.ts --dir DIR --query NAME --key AKIA... [--repeat R]
//   -> stdout: RESULT {"tool", "seconds" (fastest run of the query), "cpu" (its least CPU seconds, all threads), "runs", "peakRssMB", "columns", "rows"}
import { resolve } from 'node:path';
import { HUNT_QUERIES } from '../lib/hunt-queries.ts';
import { chdbHuntSql } from '../lib/hunt-queries-chdb.ts';
import { CHDB_INSTALL, loadChdb, THREADS } from './chdb.ts';
import { peakRssMB, sqlString, TREE_GLOB } from './common.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const dir = arg('--dir');
const name = arg('--query');
const key = arg('--key') ?? '';
const repeat = Number(arg('--repeat') ?? 1);
const q = HUNT_QUERIES.find((x) => x.name === name);
if (!dir || !q || !Number.isInteger(repeat) || repeat < 1) {
  console.error('usage: bench/baselines/chdb-hunt.ts --dir DIR --query NAME --key KEY [--repeat R]');
  process.exit(2);
}
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
