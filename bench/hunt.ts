// Issue #15 hunting suite: full-scan hunting queries (bench/lib/hunt-queries.ts) through
// `trailhound query` (the CLI as a user runs it: process start, plan cache, reading, output),
// through DuckDB (2 threads, read_json of the same .json.gz files, only the fields each query
// needs) and through chDB (2 threads, file(JSONEachRow) of the same files, likewise; skipped with a
// message when chdb is not installed, see bench/baselines/chdb.ts), every answer checked against the
// others, with wall and CPU seconds and peak RSS.
//
//   node --import tsx bench/hunt.ts --records 300000        (also: npm run bench -- --only hunt)
//   options: --seed S, --dir DIR, --repeat R (fastest of R runs per tool, default 1),
//            --queries a,b (subset by name), --json FILE,
//            --before BIN   another trailhound CLI (e.g. a build of main: bin/trailhound.js of a
//                           `git archive` export) run after this one on each query, answer checked too
//
// For each query the page cache is warmed, then DuckDB runs, then chDB, then trailhound, so the
// tools of one query see the same machine load; "x DuckDB" = DuckDB's seconds / trailhound's (the
// issue's target is >= 2), "x chDB" likewise. DuckDB's and chDB's seconds are their query's own
// (process start and loading the engine excluded, which favours them); trailhound's are the CLI
// process's wall clock. chDB's answer must equal DuckDB's whole (both return every group of a top
// query), and trailhound's is checked against both. Exits non-zero when an answer differs.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './generate.ts';
import { CHDB_INSTALL, loadChdb } from './baselines/chdb.ts';
import { listTree, warmPageCache } from './baselines/common.ts';
import { compareHunt, HUNT_QUERIES, pickAccessKey, tableOf, type HuntQuery } from './lib/hunt-queries.ts';
import { ensureTree } from './lib/tree.ts';
import { requireCurrentBuild } from './lib/current-build.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'trailhound.js');

export interface HuntRow {
  query: string;
  duckdb?: { seconds: number; cpu: number; wall: number; peakRssMB: number; rows: number };
  chdb?: { seconds: number; cpu: number; wall: number; peakRssMB: number; rows: number };
  trailhound?: { seconds: number; cpu: number; peakRssMB: number; rows: number };
  /** The --before CLI. */
  before?: { seconds: number; cpu: number; peakRssMB: number; rows: number };
  speedVsDuckDB?: number;
  /** DuckDB's CPU seconds / trailhound's: the steadier ratio on a loaded machine. */
  cpuVsDuckDB?: number;
  /** chDB's seconds / trailhound's. */
  speedVsChdb?: number;
  cpuVsChdb?: number;
  check: string;
  ok: boolean;
}

/** One query through a SQL engine's script (bench/baselines/duckdb-hunt.ts or chdb-hunt.ts), in a process of its own. */
function sqlEngine(tool: 'DuckDB' | 'chDB', q: HuntQuery, dir: string, key: string, repeat: number) {
  const script = tool === 'DuckDB' ? 'duckdb-hunt.ts' : 'chdb-hunt.ts';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'baselines', script), '--dir', dir, '--query', q.name, '--key', key, '--repeat', String(repeat)], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20,
  });
  const wall = (performance.now() - t0) / 1000;
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`${tool}: ${(r.stderr || `exit ${r.status}`).trim().split('\n').slice(0, 3).join(' | ')}`);
  const res = JSON.parse(line.slice(7)) as { seconds: number; cpu: number; peakRssMB: number; columns: string[]; rows: unknown[][] };
  return { seconds: res.seconds, cpu: res.cpu, wall, peakRssMB: res.peakRssMB, table: tableOf(res.columns, res.rows, q.datetimes) };
}

function trailhound(bin: string, q: HuntQuery, dir: string, key: string, repeat: number, files: string[]) {
  let best: { seconds: number; cpu: number; peakRssMB: number } | undefined;
  let out = '';
  for (let i = 0; i < repeat; i++) {
    if (i > 0) warmPageCache(files);
    const t0 = performance.now();
    // GNU time: the CLI's peak RSS and CPU (all threads)
    const r = spawnSync('/usr/bin/time', ['-f', 'MAXRSS %M CPU %U %S', process.execPath, bin, 'query', '--logs', join(dir, 'AWSLogs'), '--format', 'json', q.kql(key)], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 256 << 20,
    });
    const seconds = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`trailhound: ${(r.stderr || `exit ${r.status}`).trim().split('\n').slice(0, 3).join(' | ')}`);
    const m = /MAXRSS (\d+) CPU ([\d.]+) ([\d.]+)/.exec(r.stderr);
    const run = { seconds, cpu: m ? Number(m[2]) + Number(m[3]) : NaN, peakRssMB: m ? Math.round(Number(m[1]) / 1024) : NaN };
    if (!best || run.seconds < best.seconds) best = run;
    out = r.stdout;
  }
  const res = JSON.parse(out) as { columns: { name: string }[]; rows: unknown[][] };
  return { ...best!, table: tableOf(res.columns.map((c) => c.name), res.rows, q.datetimes) };
}

const f = (n: number | undefined, d = 2) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(d));

/** Runs the suite over a generated tree; prints one line per query as it goes and the table at the end. */
export function runHuntSuite(dir: string, opts: { repeat?: number; queries?: readonly string[]; before?: string } = {}): HuntRow[] {
  requireCurrentBuild(BIN);
  if (opts.before) requireCurrentBuild(opts.before);
  if (!existsSync('/usr/bin/time')) throw new Error('the hunting suite needs GNU time (/usr/bin/time) for the CLI\'s peak RSS');
  const repeat = opts.repeat ?? 1;
  const files = listTree(dir);
  const key = pickAccessKey(files[0]!);
  const queries = HUNT_QUERIES.filter((q) => !opts.queries || opts.queries.includes(q.name));
  const withChdb = loadChdb() !== undefined;
  console.log(`hunting suite over ${dir} (${files.length} files), access key ${key}, fastest of ${repeat}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (!withChdb) console.log(`chDB skipped: chdb is not installed (${CHDB_INSTALL})`);
  const rows: HuntRow[] = [];
  for (const q of queries) {
    const row: HuntRow = { query: q.name, check: '', ok: false };
    try {
      warmPageCache(files);
      const d = sqlEngine('DuckDB', q, dir, key, repeat);
      row.duckdb = { seconds: d.seconds, cpu: d.cpu, wall: d.wall, peakRssMB: d.peakRssMB, rows: d.table.rows.length };
      const c = withChdb ? (warmPageCache(files), sqlEngine('chDB', q, dir, key, repeat)) : undefined;
      if (c) row.chdb = { seconds: c.seconds, cpu: c.cpu, wall: c.wall, peakRssMB: c.peakRssMB, rows: c.table.rows.length };
      warmPageCache(files);
      const t = trailhound(BIN, q, dir, key, repeat, files);
      row.trailhound = { seconds: t.seconds, cpu: t.cpu, peakRssMB: t.peakRssMB, rows: t.table.rows.length };
      row.speedVsDuckDB = d.seconds / t.seconds;
      row.cpuVsDuckDB = d.cpu / t.cpu;
      if (c) {
        row.speedVsChdb = c.seconds / t.seconds;
        row.cpuVsChdb = c.cpu / t.cpu;
      }
      const diffs: string[] = [];
      const diff = compareHunt(q, t.table, d.table);
      if (diff !== undefined) diffs.push(`trailhound vs DuckDB: ${diff}`);
      if (c) {
        // both SQL engines return every group: the whole results must be equal
        const cd = compareHunt({ ...q, check: { kind: 'exact' } }, c.table, d.table);
        if (cd !== undefined) diffs.push(`chDB vs DuckDB: ${cd}`);
        const tc = compareHunt(q, t.table, c.table);
        if (tc !== undefined) diffs.push(`trailhound vs chDB: ${tc}`);
      }
      row.ok = diffs.length === 0;
      row.check = row.ok ? `same (${t.table.rows.length} rows)` : diffs.join('; ');
      if (opts.before) {
        warmPageCache(files);
        const b = trailhound(opts.before, q, dir, key, repeat, files);
        row.before = { seconds: b.seconds, cpu: b.cpu, peakRssMB: b.peakRssMB, rows: b.table.rows.length };
        const bdiff = compareHunt(q, b.table, d.table);
        if (bdiff !== undefined) {
          row.ok = false;
          row.check += `; before: ${bdiff}`;
        }
      }
    } catch (e) {
      row.check = `ERROR ${(e as Error).message}`;
    }
    const ch = withChdb ? `, chDB ${f(row.chdb?.seconds)} s (${f(row.chdb?.cpu)} s CPU, ${row.chdb?.peakRssMB ?? '-'} MB)` : '';
    console.log(`  ${q.name}: DuckDB ${f(row.duckdb?.seconds)} s (${f(row.duckdb?.cpu)} s CPU)${ch}, trailhound ${f(row.trailhound?.seconds)} s (${f(row.trailhound?.cpu)} s CPU, ${row.trailhound?.peakRssMB ?? '-'} MB), load ${loadavg()[0]!.toFixed(2)}; ${row.check}`);
    rows.push(row);
  }
  const b4 = opts.before !== undefined;
  const head = ['query', 'DuckDB s', 'DuckDB CPU s', 'DuckDB MB', ...(withChdb ? ['chDB s', 'chDB CPU s', 'chDB MB'] : []), ...(b4 ? ['before s', 'before CPU s', 'before MB'] : []),
    'trailhound s', 'trailhound CPU s', 'trailhound MB', 'x DuckDB (wall)', 'x DuckDB (CPU)', ...(withChdb ? ['x chDB (wall)', 'x chDB (CPU)'] : []), 'check'];
  const body = rows.map((r) => [r.query, f(r.duckdb?.seconds), f(r.duckdb?.cpu), String(r.duckdb?.peakRssMB ?? '-'),
    ...(withChdb ? [f(r.chdb?.seconds), f(r.chdb?.cpu), String(r.chdb?.peakRssMB ?? '-')] : []),
    ...(b4 ? [f(r.before?.seconds), f(r.before?.cpu), String(r.before?.peakRssMB ?? '-')] : []),
    f(r.trailhound?.seconds), f(r.trailhound?.cpu), String(r.trailhound?.peakRssMB ?? '-'), f(r.speedVsDuckDB), f(r.cpuVsDuckDB),
    ...(withChdb ? [f(r.speedVsChdb), f(r.cpuVsChdb)] : []), r.check]);
  console.log(`\n| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const b of body) console.log(`| ${b.join(' | ')} |`);
  console.log(`x DuckDB = DuckDB seconds / trailhound seconds (higher is better for trailhound; the target is >= 2)${withChdb ? ', x chDB likewise' : ''}; CPU: the same with CPU seconds of all threads; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const a = parseArgs(process.argv.slice(2), { records: 'number', seed: 'string', dir: 'string', repeat: 'number', queries: 'string', json: 'string', regen: 'flag', before: 'string' });
  const records = (a.records as number | undefined) ?? 300000;
  const seed = String(a.seed ?? '1');
  const dir = resolve(ROOT, String(a.dir ?? join('.bench-data', `n${records}-s${seed}`)));
  try {
    requireCurrentBuild(BIN);
    if (a.before) requireCurrentBuild(resolve(String(a.before)));
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const cpu = cpus();
  console.log(`machine: ${cpu.length} CPUs (${cpu[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`);
  ensureTree(dir, records, seed, a.regen === true);
  const rows = runHuntSuite(dir, { repeat: a.repeat as number | undefined, queries: a.queries ? String(a.queries).split(',') : undefined, before: a.before ? resolve(String(a.before)) : undefined });
  if (a.json) {
    const out = resolve(String(a.json));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpu.length, model: cpu[0]?.model, node: process.version, loadavg: loadavg() }, dir, rows }, null, 2) + '\n');
  }
  if (rows.some((r) => !r.ok)) process.exitCode = 1;
}
