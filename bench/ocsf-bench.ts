// Security Lake Parquet against our .json.gz path and DuckDB, on the same records (issue #18):
//
//   npm run bench -- --ocsf [--rows 1000000] [--row-group 131072] [--data <folder>]
//   (same as: node --import tsx bench/ocsf-bench.ts --rows 1000000)
//
// Generates (once) .bench-data/ocsf-<rows>.gz.parquet (bench/ocsf-parquet.ts: OCSF 1.1.0, gzip,
// row groups of --row-group rows) and .bench-data/ocsf-<rows>-json/ (the same records as CloudTrail
// .json.gz files of 10,000 records, bench/lib/ocsf-records.ts), then times, each in a process of its
// own under /usr/bin/time (wall seconds and peak RSS of the whole CLI, module loading included):
// `AWSCloudTrail | count`, `AWSCloudTrail | summarize count() by EventName` and the seed rule replay
// (`detect`), on the Parquet file and on the .json.gz files; then DuckDB (@duckdb/node-api, 2
// threads) reading the Parquet file for the first two. Results are checked equal between the paths.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { benchRecord } from './lib/ocsf-records.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const rows = Number(arg('rows', '1000000'));
const group = arg('row-group', '131072');
// --data: a folder of one's own for the generated files (the shared .bench-data by default)
const data = resolve(arg('data', join(ROOT, '.bench-data')));
const parquet = join(data, `ocsf-${rows}.gz.parquet`);
const jsonDir = join(data, `ocsf-${rows}-json`);
mkdirSync(data, { recursive: true });

if (!existsSync(parquet)) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/ocsf-parquet.ts'), '--rows', String(rows), '--row-group', group, '--out', parquet], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generating the Parquet file failed');
}
if (!existsSync(join(jsonDir, 'done'))) {
  const per = 10_000;
  const folder = join(jsonDir, 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10');
  mkdirSync(folder, { recursive: true });
  for (let first = 0, f = 0; first < rows; first += per, f++) {
    const recs = Array.from({ length: Math.min(per, rows - first) }, (_, k) => benchRecord(first + k));
    const stamp = recs[recs.length - 1].eventTime.replace(/[-:]/g, '').slice(0, 13) + 'Z';
    writeFileSync(join(folder, `218007301253_CloudTrail_us-east-1_${stamp}_${String(f).padStart(5, '0')}.json.gz`), gzipSync(JSON.stringify({ Records: recs })));
  }
  writeFileSync(join(jsonDir, 'done'), '');
}

interface Timed {
  seconds: number;
  peakMB: number;
  out: string;
}

function timed(args: string[]): Timed {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = r.stderr.trim().split('\n').pop()!;
  const [s, kb] = last.split(' ');
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  return { seconds: Number(s), peakMB: Math.round(Number(kb) / 1024), out: r.stdout };
}

const CLI = join(ROOT, 'bin/trailhound.js');
const queries = [
  { name: 'AWSCloudTrail | count', kql: 'AWSCloudTrail | count', sql: 'SELECT count(*) AS Count FROM t' },
  { name: 'summarize count() by EventName', kql: 'AWSCloudTrail | summarize n = count() by EventName | order by EventName asc', sql: 'SELECT api.operation AS EventName, count(*) AS n FROM t GROUP BY 1 ORDER BY 1' },
];
// each line printed as it comes (a long run under load still shows what it measured)
const print = (...l: string[]) => {
  for (const x of l) console.log(x);
};
const row = (what: string, input: string, t: Timed) => print(`| ${what.replace(/\|/g, '\\|')} | ${input} | ${t.seconds.toFixed(1)} | ${t.peakMB} |`);
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
print(`${rows.toLocaleString('en-US')} records, ${cpus().length} cores, load average at start ${load()}`, '', '| query | input | seconds | peak RSS MB |', '|---|---|---:|---:|');
for (const q of queries) {
  const p = timed([CLI, 'query', '--logs', parquet, '--format', 'csv', q.kql]);
  row(q.name, 'Parquet (trailhound)', p);
  const j = timed([CLI, 'query', '--logs', jsonDir, '--format', 'csv', q.kql]);
  row(q.name, '.json.gz (trailhound)', j);
  if (p.out !== j.out) throw new Error(`${q.name}: Parquet and .json.gz results differ`);
  const d = timed(['--import', 'tsx', join(ROOT, 'bench/baselines/duckdb-parquet.ts'), parquet, q.sql]);
  row(q.name, 'Parquet (DuckDB, 2 threads)', d);
}
const rule = join(ROOT, 'content/rules/concurrent-sessions-from-different-ips.yaml');
const dp = timed([CLI, 'detect', '--logs', parquet, '--rules', rule, '--format', 'jsonl']);
row('seed rule replay (detect)', 'Parquet (trailhound)', dp);
const dj = timed([CLI, 'detect', '--logs', jsonDir, '--rules', rule, '--format', 'jsonl']);
row('seed rule replay (detect)', '.json.gz (trailhound)', dj);
const alerts = (s: string) => s.trim().split('\n').filter(Boolean).length;
print('', `seed rule alerts: Parquet ${alerts(dp.out)}, .json.gz ${alerts(dj.out)}; load average at end ${load()}`);
