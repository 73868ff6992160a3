// Issue #17 benchmark: the same hunts and the seed rule on trailhound's executor over the files,
// on the chDB engine (the table loaded once, queries split between ClickHouse SQL and our
// executor), and on DuckDB over the same rows (a native table, queries written in SQL).
//
//   node --import tsx bench/clickhouse.ts --records 1000000       (npm run bench:clickhouse -- ...)
//   options: --seed S, --dir DIR (default .bench-data/n<N>-s<S>), --chdb-dir DIR (default DIR-chdb:
//   the loaded table and its Parquet copy), --reload (load chDB again)
//
// Needs chDB (npm install --no-save chdb@3.4.0). Timed in this process, page cache warm, each
// query once after one untimed warm-up run of the same engine. Local and chDB results are
// compared row for row (the run fails on a difference); DuckDB's by row count.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openChdb } from '../src/clickhouse/connection.ts';
import { pushDown, pushTarget } from '../src/clickhouse/engine.ts';
import { countRows, loadTable } from '../src/clickhouse/load.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../src/cloudtrail/clickhouse-layout.ts';
import { openCloudTrail } from '../src/cloudtrail/index.ts';
import { loadWorkspace } from '../src/detect/workspace.ts';
import { compileQuery, type TableSource } from '../src/kql/engine.ts';
import type { Batch } from '../src/kql/types.ts';
import { GENERATOR_VERSION, parseArgs, writeTree, type Manifest } from './generate.ts';
import { listTree, warmPageCache } from './baselines/common.ts';

const args = parseArgs(process.argv.slice(2), { records: 'number', seed: 'string', dir: 'string', 'chdb-dir': 'string', reload: 'flag' });
const records = (args.records as number | undefined) ?? 1_000_000;
const seed = (args.seed as string | undefined) ?? '1';
const dir = resolve((args.dir as string | undefined) ?? join('.bench-data', `n${records}-s${seed}`));
const chdbDir = resolve((args['chdb-dir'] as string | undefined) ?? `${dir}-chdb`);
const DB = 'bench';
const MAIN = resolve('bin/trailhound.js');
const SEED = 'content/rules/concurrent-sessions-from-different-ips.yaml';

function ensureTree(): Manifest {
  const mf = join(dir, 'manifest.json');
  if (existsSync(mf)) {
    const m = JSON.parse(readFileSync(mf, 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.options.records === records && m.options.seed === seed) return m;
  }
  return writeTree({ records, seed }, dir);
}

const secs = (t0: number) => (performance.now() - t0) / 1000;
const rowsText = (b: Batch) => Array.from({ length: b.length }, (_v, r) => JSON.stringify(b.columns.map((c) => c[r]), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort();

async function main(): Promise<void> {
  const manifest = ensureTree();
  const files = listTree(dir);
  console.log(`${manifest.records} records, ${files.length} files in ${dir}; ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
  warmPageCache(files);
  const conn = await openChdb(chdbDir);
  if (args.reload || !existsSync(join(chdbDir, 'data', DB))) {
    const t0 = performance.now();
    await conn.exec(`DROP DATABASE IF EXISTS ${DB}`);
    const r = await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([dir]), { database: DB });
    console.log(`trailhound load into chDB: ${r.rows} rows in ${secs(t0).toFixed(1)} s`);
  }
  console.log(`chDB table: ${await countRows(conn, AWS_CLOUDTRAIL_LAYOUT, DB)} rows`);

  // DuckDB gets the same rows as a native table (through Parquet, written by chDB).
  const parquet = `${chdbDir}.parquet`;
  rmSync(parquet, { force: true });
  await conn.exec(`SELECT * EXCEPT (_DedupKey, _IngestionTime) FROM ${DB}.AWSCloudTrail FINAL INTO OUTFILE '${parquet}' FORMAT Parquet`);
  const duck = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
  let t0 = performance.now();
  await duck.run(`CREATE TABLE AWSCloudTrail AS SELECT * FROM read_parquet('${parquet}')`);
  console.log(`DuckDB table from Parquet: ${secs(t0).toFixed(1)} s`);

  let key = '';
  for await (const [k] of conn.rows(`SELECT UserIdentityAccessKeyId FROM ${DB}.AWSCloudTrail WHERE UserIdentityAccessKeyId != '' GROUP BY 1 ORDER BY count() DESC LIMIT 1`)) key = k as string;

  const hunts: Array<[string, string, string]> = [
    ['count', 'AWSCloudTrail | count', 'SELECT count(*) FROM AWSCloudTrail'],
    ['per API: count, dcount IPs, errors',
      'AWSCloudTrail | summarize c = count(), ips = dcount(SourceIpAddress), errs = countif(isnotempty(ErrorCode)) by EventSource, EventName | top 10 by c',
      "SELECT EventSource, EventName, count(*) c, count(DISTINCT SourceIpAddress) ips, count(*) FILTER (WHERE ErrorCode != '') errs FROM AWSCloudTrail GROUP BY ALL ORDER BY c DESC LIMIT 10"],
    ['errors by identity',
      'AWSCloudTrail | where isnotempty(ErrorCode) | summarize n = count() by UserIdentityArn, ErrorCode | top 10 by n',
      "SELECT UserIdentityArn, ErrorCode, count(*) n FROM AWSCloudTrail WHERE ErrorCode != '' GROUP BY ALL ORDER BY n DESC LIMIT 10"],
    ['one access key',
      `AWSCloudTrail | where UserIdentityAccessKeyId == '${key}' | summarize n = count(), t0 = min(TimeGenerated), t1 = max(TimeGenerated) by EventName`,
      `SELECT EventName, count(*) n, min(TimeGenerated), max(TimeGenerated) FROM AWSCloudTrail WHERE UserIdentityAccessKeyId = '${key}' GROUP BY ALL`],
    ['console logins by IP, agent',
      "AWSCloudTrail | where EventName == 'ConsoleLogin' | summarize n = count() by SourceIpAddress, UserAgent | top 10 by n",
      "SELECT SourceIpAddress, UserAgent, count(*) n FROM AWSCloudTrail WHERE EventName = 'ConsoleLogin' GROUP BY ALL ORDER BY n DESC LIMIT 10"],
    ['top API calls per hour (bin)',
      'AWSCloudTrail | summarize n = count() by bin(TimeGenerated, 1h), EventName | top 10 by n',
      "SELECT time_bucket(INTERVAL 1 HOUR, TimeGenerated) h, EventName, count(*) n FROM AWSCloudTrail GROUP BY ALL ORDER BY n DESC LIMIT 10"],
  ];
  const workspace = loadWorkspace({});
  const target = pushTarget(AWS_CLOUDTRAIL_LAYOUT, DB);
  const now = BigInt(Date.now()) * 10_000n + 621_355_968_000_000_000n;
  const lines = ['| query | trailhound (files) | chDB engine | DuckDB (table) | files / chDB | chDB / DuckDB |', '|---|---|---|---|---|---|'];
  for (const [name, kql, sql] of hunts) {
    const tables = () => new Map<string, TableSource>([['AWSCloudTrail', openCloudTrail([dir])]]);
    const compiled = compileQuery(kql, workspace.catalog(tables()));
    const runLocal = async () => compiled.run({ now, tables: workspace.runTables(tables()) });
    const runChdb = async () => {
      const p = pushDown(compiled, conn, target, now);
      return p.compiled.run({ now, tables: workspace.runTables(new Map([...tables(), ...p.tables])) });
    };
    const runDuck = async () => (await duck.runAndReadAll(sql)).getRows().length;
    await runChdb();
    await runDuck();
    t0 = performance.now();
    const local = await runLocal();
    const tLocal = secs(t0);
    t0 = performance.now();
    const ch = await runChdb();
    const tCh = secs(t0);
    t0 = performance.now();
    const duckRows = await runDuck();
    const tDuck = secs(t0);
    // top 10 ties may pick different rows in Kusto; compare the sets of values for whole results.
    if (!/top 10/.test(kql) && JSON.stringify(rowsText(local)) !== JSON.stringify(rowsText(ch))) throw new Error(`${name}: chDB engine and local executor differ`);
    if (ch.length !== local.length || duckRows !== local.length) throw new Error(`${name}: row counts differ: local ${local.length}, chDB ${ch.length}, DuckDB ${duckRows}`);
    lines.push(`| ${name} | ${tLocal.toFixed(2)} s | ${tCh.toFixed(2)} s | ${tDuck.toFixed(2)} s | ${(tLocal / tCh).toFixed(1)}x | ${(tCh / tDuck).toFixed(1)}x |`);
    console.log(lines.at(-1));
  }
  await conn.close();
  // The seed rule's replay: two processes (chDB keeps one engine per process), wall time each.
  const detect = (extra: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, [MAIN, 'detect', '--rules', SEED, '--format', 'jsonl', ...extra], { encoding: 'utf8', maxBuffer: 256 << 20 });
    return { seconds: secs(t), out: r.stdout, code: r.status };
  };
  const dl = detect(['--logs', dir]);
  const dc = detect(['--engine', 'chdb', '--chdb', chdbDir, '--database', DB]);
  if (dl.out !== dc.out) throw new Error('seed rule: chDB engine and local alerts differ');
  const alerts = dl.out.split('\n').filter(Boolean).length;
  lines.push(`| seed rule replay (detect, whole process) | ${dl.seconds.toFixed(2)} s | ${dc.seconds.toFixed(2)} s | — | ${(dl.seconds / dc.seconds).toFixed(1)}x | — |`);
  console.log(lines.at(-1), `(${alerts} identical alerts)`);
  console.log(`\n${lines.join('\n')}`);
}

await main();
