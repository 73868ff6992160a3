// Issue #5 benchmark: one command that generates (or reuses) a CloudTrail tree and times every baseline.
//
//   npm run bench -- --records 200000            (same as: node --import tsx bench/run.ts --records 200000)
//   options: --repeat R     each child reports its fastest of R runs (default 3)
//            --seed S       generator seed (default 1)
//            --dir DIR      the tree (default .bench-data/n<N>-s<S>; generated unless a matching one is there)
//            --only LIST    subset of gunzip,gunzip-parallel,naive,naive-workers,duckdb,chdb,
//                           trailhound-reader,trailhound-reader-pushdown,trailhound,trailhound-query,
//                           hunt (issue #15's hunting suite, bench/hunt.ts: trailhound query vs DuckDB and chDB)
//            --regen        always regenerate the tree
//            --json FILE    also write the results there
//   npm run bench -- --ocsf [--rows N]   the Security Lake Parquet suite instead (bench/ocsf-bench.ts)
//
// Each baseline runs in a child process of its own (bench/baselines/*.ts), one after the other, so
// each has a clean heap and a peak RSS of its own; the page cache is warmed before each tool (and
// each run of `trailhound detect`) by reading every file once (warmPageCache). "seconds" is the
// work the child timed itself (module loading excluded); "wall" is the whole child process as seen
// from here. Every tool that runs the detection has its findings compared
// with the generator's manifest (and so with each other); the run exits non-zero on any mismatch.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type Manifest } from './generate.ts';
import { ensureTree } from './lib/tree.ts';
import { runHuntSuite } from './hunt.ts';
import { listTree, warmPageCache, type BaselineResult } from './baselines/common.ts';
import { findingsKey, sentinelAlertsKey, type SentinelAlert } from './lib/detection.ts';
import { alertsFromJsonl } from './lib/trailhound-alerts.ts';
import { requireCurrentBuild } from './lib/current-build.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BASELINES = ['gunzip', 'gunzip-parallel', 'naive', 'naive-workers', 'duckdb', 'chdb', 'trailhound-reader', 'trailhound-reader-pushdown'] as const;

interface Row extends Partial<BaselineResult> {
  name: string;
  wall?: number;
  error?: string;
  check?: string;
}

function runChild(name: string, dir: string, repeat: number): Row {
  warmPageCache(listTree(dir));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'baselines', `${name}.ts`), '--dir', dir, '--repeat', String(repeat)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const wall = (performance.now() - t0) / 1000;
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) return { name, wall, error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 3).join(' | ') };
  return { name, wall, ...(JSON.parse(line.slice(7)) as BaselineResult) };
}

// ---------------------------------------------------------------------------------------------------
// TRAILHOUND SLOT — `trailhound detect` timed like the baselines (a child process, wall clock, fastest
// of --repeat runs). Only the built-in seed rule, replayed over all of the tree's schedule ticks, with
// the manifest's assumptions: no ingestion delay (`--delay 0m`: a run's label is its now()), every
// event queryable when it happened (the default `--ingestion ideal`), epoch-aligned 5-minute runs (the
// default anchor). Its alerts (JSON Lines) become {run, identity, ips} (bench/lib/trailhound-alerts.ts)
// and are compared with the manifest's `expectedSentinelAlerts` (the seed rule's window logic; the
// Splunk-bin findings are a different detection). --logs points at DIR/AWSLogs, not DIR: trailhound
// reads every .json under a folder, manifest.json too. Includes process start and loading the rules.
const SEED_RULE = join(ROOT, 'content', 'rules', 'concurrent-sessions-from-different-ips.yaml');
const TRAILHOUND_ARGS = (dir: string) => ['detect', '--logs', join(dir, 'AWSLogs'), '--rules', SEED_RULE, '--delay', '0m', '--format', 'jsonl', '--no-fail'];

const TRAILHOUND_BIN = join(ROOT, 'bin', 'trailhound.js');

/** Why the CLI cannot be measured (its build is older than its sources, or `trailhound <sub> --help` fails), or undefined. */
function cliUnavailable(sub: string): string | undefined {
  try {
    requireCurrentBuild(TRAILHOUND_BIN);
  } catch (e) {
    return (e as Error).message;
  }
  const help = spawnSync(process.execPath, [TRAILHOUND_BIN, sub, '--help'], { cwd: ROOT, encoding: 'utf8' });
  if (help.status === 0) return undefined;
  const why = (help.stderr || help.stdout).split('\n').find((l) => /Error|error/.test(l)) ?? `exit ${help.status}`;
  return `not available yet: ${why.trim().slice(0, 140)}`;
}

function runTrailhound(dir: string, m: Manifest, repeat: number): Row {
  const bin = TRAILHOUND_BIN;
  const unavailable = cliUnavailable('detect');
  if (unavailable) return { name: 'trailhound', error: unavailable };
  const runs: number[] = [];
  let sentinelAlerts: SentinelAlert[] | undefined;
  let peak = 0;
  const files = listTree(dir);
  for (let i = 0; i < repeat; i++) {
    warmPageCache(files);
    const t0 = performance.now();
    // GNU time reports the child's peak RSS; without it the row has no memory figure
    const cmd = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'MAXRSS %M', process.execPath] : [process.execPath];
    const r = spawnSync(cmd[0]!, [...cmd.slice(1), bin, ...TRAILHOUND_ARGS(dir)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20 });
    const wall = (performance.now() - t0) / 1000;
    const rss = /MAXRSS (\d+)/.exec(r.stderr ?? '');
    if (r.status !== 0 && r.status !== 1) return { name: 'trailhound', wall, error: (r.stderr || r.error?.message || `exit ${r.status}`).trim().split('\n')[0] };
    runs.push(wall);
    if (rss) peak = Math.max(peak, Math.round(Number(rss[1]) / 1024));
    try {
      sentinelAlerts = alertsFromJsonl(r.stdout);
    } catch (e) {
      return { name: 'trailhound', wall, error: `unexpected output: ${(e as Error).message}` };
    }
  }
  const seconds = Math.min(...runs);
  return {
    name: 'trailhound', tool: 'trailhound detect (seed rule, all runs)', wall: runs.reduce((a, b) => a + b, 0), seconds, runs,
    records: m.records, files: m.files, ...(peak ? { peakRssMB: peak } : {}), ...(sentinelAlerts ? { sentinelAlerts } : {}),
    notes: 'wall clock of the CLI incl. process start, rule loading and writing alerts',
  };
}

// Interim, until `detect` exists: time `trailhound query` on the rule's filter step over the whole tree
// (every record has to be read, the DescribeEventAggregates client records are counted) and check the
// count against the manifest. Wall clock of the CLI process, so it includes start-up and loading the
// KQL parser (~0.5 s).
const TRAILHOUND_QUERY =
  'AWSCloudTrail | where EventName has "DescribeEventAggregates" and not(SourceIpAddress has "health.amazonaws.com") | count';

function runTrailhoundQuery(dir: string, m: Manifest): Row {
  const name = 'trailhound-query';
  const unavailable = cliUnavailable('query');
  if (unavailable) return { name, error: unavailable };
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [TRAILHOUND_BIN, 'query', '--logs', join(dir, 'AWSLogs'), '--format', 'json', TRAILHOUND_QUERY], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { name, wall, error: (r.stderr || `exit ${r.status}`).trim().split('\n')[0] };
  let count: number | undefined;
  try {
    count = Number((JSON.parse(r.stdout) as { rows: unknown[][] }).rows[0]![0]);
  } catch {
    return { name, wall, error: `unexpected output: ${r.stdout.slice(0, 120)}` };
  }
  const want = (m.counts.special?.describeEventAggregatesClient ?? NaN);
  return {
    name, tool: 'trailhound query (rule filter + count, interim)', wall, seconds: wall, records: m.records,
    notes: `wall clock incl. process start and KQL parser load; count ${count} ${count === want ? '=' : '!='} manifest ${want}`,
    ...(count === want ? {} : { check: 'count DIFFERS' }),
  };
}
// ---------------------------------------------------------------------------------------------------

function fmt(n: number | undefined, digits = 2): string {
  return n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits);
}

function main(): void {
  if (process.argv.includes('--ocsf')) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/ocsf-bench.ts'), ...process.argv.slice(2).filter((x) => x !== '--ocsf')], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  const a = parseArgs(process.argv.slice(2), { records: 'number', seed: 'string', dir: 'string', only: 'string', regen: 'flag', json: 'string', repeat: 'number' });
  const records = (a.records as number | undefined) ?? 200000;
  const seed = String(a.seed ?? '1');
  const dir = resolve(ROOT, String(a.dir ?? join('.bench-data', `n${records}-s${seed}`)));
  const repeat = (a.repeat as number | undefined) ?? 3;
  const only = a.only ? String(a.only).split(',') : [...BASELINES, 'trailhound', 'trailhound-query', 'hunt'];

  const cpu = cpus();
  console.log(`machine: ${cpu.length} CPUs (${cpu[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  const m = ensureTree(dir, records, seed, a.regen === true);
  console.log(`tree: ${m.records} records, ${m.files} files, ${(m.rawBytes / 1e6).toFixed(1)} MB JSON, ${(m.gzipBytes / 1e6).toFixed(1)} MB gzip; ` +
    `${m.thefts.length} injected thefts, ${m.expectedFindings.length} expected findings, ${m.expectedSentinelAlerts.length} expected Sentinel-mode alerts`);

  const rows: Row[] = [];
  for (const name of only) {
    if (name === 'hunt') continue; // the hunting suite runs last (below)
    const row = name === 'trailhound' ? runTrailhound(dir, m, repeat) : name === 'trailhound-query' ? runTrailhoundQuery(dir, m) : runChild(name, dir, repeat);
    if (row.error) console.log(`  ${name}: ERROR ${row.error}`);
    else console.log(`  ${name}: ${fmt(row.seconds, 3)} s (runs: ${(row.runs ?? [row.seconds ?? NaN]).map((x) => fmt(x, 3)).join(', ')})`);
    rows.push(row);
  }

  const expected = findingsKey(m.expectedFindings);
  let failed = false;
  for (const r of rows) {
    if (r.error) continue;
    const checks: string[] = [];
    if (r.records !== undefined && r.records !== m.records) { checks.push(`records ${r.records} != ${m.records}`); failed = true; }
    if (r.findings) {
      if (findingsKey(r.findings) === expected) checks.push(`findings = manifest (${r.findings.length})`);
      else { checks.push(`findings DIFFER from manifest (${r.findings.length} vs ${m.expectedFindings.length})`); failed = true; }
    }
    if (r.sentinelAlerts) {
      const same = sentinelAlertsKey(r.sentinelAlerts) === sentinelAlertsKey(m.expectedSentinelAlerts);
      checks.push(`Sentinel mode ${same ? '= manifest' : 'DIFFERS'} (${r.sentinelAlerts.length}${r.sentinelSeconds !== undefined ? `, ${fmt(r.sentinelSeconds, 3)} s` : ''})`);
      if (!same) failed = true;
    }
    if (r.check) { checks.push(r.check); failed = true; }
    r.check = checks.join('; ') || '-';
  }
  const gz = rows.find((r) => r.name === 'gunzip' && !r.error)?.seconds;
  const duck = rows.find((r) => r.name === 'duckdb' && !r.error)?.seconds;
  const head = ['tool', 'seconds', 'records/s', 'x gunzip', 'x DuckDB', 'peak RSS MB', 'wall s', 'check'];
  const body = rows.map((r) => r.error
    ? [r.name, '-', '-', '-', '-', '-', fmt(r.wall), r.error]
    : [r.tool ?? r.name, fmt(r.seconds, 3), r.seconds ? Math.round(m.records / r.seconds).toLocaleString('en-US') : '-',
      gz && r.seconds ? fmt(r.seconds / gz) : '-', duck && r.seconds ? fmt(r.seconds / duck) : '-', r.peakRssMB !== undefined ? String(r.peakRssMB) : '-', fmt(r.wall), r.check ?? '-']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\nN = ${m.records.toLocaleString('en-US')} records, fastest of ${repeat} runs (x = seconds / reference seconds; higher is slower)`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));

  for (const r of rows) if (r.notes) console.log(`  ${r.tool ?? r.name}: ${r.notes}`);
  const duckF = rows.find((r) => r.name === 'duckdb')?.findings;
  const chF = rows.find((r) => r.name === 'chdb')?.findings;
  if (duckF && chF) console.log(`DuckDB and chDB findings ${findingsKey(duckF) === findingsKey(chF) ? 'agree' : 'DISAGREE'} (${duckF.length} / ${chF.length})`);
  const duckS = rows.find((r) => r.name === 'duckdb')?.sentinelAlerts;
  const chS = rows.find((r) => r.name === 'chdb')?.sentinelAlerts;
  if (duckS && chS) console.log(`DuckDB and chDB Sentinel-mode alerts ${sentinelAlertsKey(duckS) === sentinelAlertsKey(chS) ? 'agree' : 'DISAGREE'} (${duckS.length} / ${chS.length})`);

  if (a.json) {
    const out = resolve(String(a.json));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({
      date: new Date().toISOString(), machine: { cpus: cpu.length, model: cpu[0]?.model, node: process.version, loadavg: loadavg() },
      tree: { dir, records: m.records, files: m.files, rawBytes: m.rawBytes, gzipBytes: m.gzipBytes, treeSha256: m.treeSha256 },
      rows: rows.map(({ findings, sentinelAlerts, ...r }) => ({ ...r, findings: findings?.length, sentinelAlerts: sentinelAlerts?.length })),
    }, null, 2) + '\n');
  }
  if (only.includes('hunt')) {
    console.log('');
    if (runHuntSuite(dir, { repeat: Math.min(repeat, 3) }).some((r) => !r.ok)) failed = true;
  }
  if (failed) process.exitCode = 1;
}

main();
