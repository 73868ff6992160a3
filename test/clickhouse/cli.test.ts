/**
 * `query` and `detect` with --engine chdb: real processes, real files, chDB in the process. The
 * seed rule's alerts are those of the local engine, byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NEEDS_CHDB } from './chdb.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const SEED = 'content/rules/concurrent-sessions-from-different-ips.yaml';
const THEFT_DAY = 'examples/session-theft/AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10';

function trailhound(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const opts = { skip: NEEDS_CHDB, timeout: 600_000 };

test('detect --engine chdb gives exactly the alerts of the local engine: the seed rule and every built-in rule, on the scenario and the Invictus samples, ideal and delivery ingestion', opts, () => {
  const db = join(mkdtempSync(join(tmpdir(), 'th-ch-cli-')), 'db');
  for (const logs of ['examples/session-theft', 'examples/invictus']) {
    for (const extra of [['--rules', SEED], [], ['--rules', SEED, '--ingestion', 'delivery']]) {
      const local = trailhound(['detect', '--logs', logs, '--format', 'jsonl', ...extra]);
      // --logs with --engine chdb: loaded into a temporary chDB folder, then read from it.
      const viaLogs = trailhound(['detect', '--engine', 'chdb', '--logs', logs, '--format', 'jsonl', ...extra]);
      assert.equal(viaLogs.stdout, local.stdout, `${logs} ${extra.join(' ')}: ${viaLogs.stderr}`);
      assert.equal(viaLogs.code, local.code);
      if (logs === 'examples/session-theft' && extra.length === 2) assert.equal(local.stdout.split('\n').filter(Boolean).length, 1, 'the stolen session raises one alert');
    }
  }
  // A table loaded once, read by later runs without --logs.
  assert.equal(trailhound(['load', '--logs', 'examples/session-theft', '--chdb', db]).code, 0);
  const local = trailhound(['detect', '--logs', 'examples/session-theft', '--rules', SEED, '--format', 'jsonl']);
  const loaded = trailhound(['detect', '--engine', 'chdb', '--chdb', db, '--rules', SEED, '--format', 'jsonl']);
  assert.equal(loaded.code, 1, loaded.stderr);
  assert.equal(loaded.stdout, local.stdout);
});

test('query --engine chdb: the same result as the local engine; --explain prints the SQL and the local part', opts, () => {
  const q = "AWSCloudTrail | where EventName has 'DescribeEventAggregates' | summarize n = count() by SourceIpAddress, bin(TimeGenerated, 1h) | top 3 by n desc";
  const local = trailhound(['query', '--logs', 'examples/session-theft', '--format', 'json', q]);
  const ch = trailhound(['query', '--engine', 'chdb', '--logs', 'examples/session-theft', '--format', 'json', q]);
  assert.equal(ch.code, 0, ch.stderr);
  assert.equal(ch.stdout, local.stdout);
  const explain = trailhound(['query', '--engine', 'chdb', '--logs', 'examples/session-theft', '--explain', q]);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, /^ClickHouse computes __clickhouse_1 \(scan AWSCloudTrail \| where \| summarize\):\n {2}SELECT .* GROUP BY g0_0, g0_1\)\nLocally \(trailhound executor\):\n {2}top\n {4}scan __clickhouse_1\n$/);
});

test('usage errors name what is missing', () => {
  const cases: Array<[string[], string]> = [
    [['query', '--engine', 'clickhouse', 'print 1'], 'trailhound: --engine clickhouse needs --clickhouse URL\n'],
    [['query', '--engine', 'duck', 'print 1'], 'trailhound: --engine must be local, chdb or clickhouse, got duck\n'],
    [['query', '--explain', 'print 1'], 'trailhound: --explain shows the split between ClickHouse and trailhound: give --engine chdb or --engine clickhouse\n'],
    [['query', '--engine', 'clickhouse', '--clickhouse', 'ftp://x', 'print 1'], 'trailhound: --clickhouse: only http:// and https:// URLs are supported, got ftp:\n'],
    [['detect', '--rules', SEED], 'trailhound: detect needs --logs PATH (a CloudTrail file or folder), or --engine chdb/clickhouse with a loaded table\n'],
    [['load', '--logs', 'examples/invictus', '--chdb', 'x', '--keep-duplicates'], 'trailhound: --keep-duplicates cannot be used with ClickHouse: its AWSCloudTrail table keeps one row per eventID\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = trailhound(args);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.code, 2);
  }
});

test('--engine chdb on a folder without the table says to load it', opts, () => {
  const db = join(mkdtempSync(join(tmpdir(), 'th-ch-empty-')), 'db');
  const r = trailhound(['query', '--engine', 'chdb', '--chdb', db, 'AWSCloudTrail | count']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^trailhound: chdb:.* has no table trailhound\.AWSCloudTrail: load logs into it first \(trailhound load --logs PATH --chdb DIR\), or give --logs\n$/);
});

test('without chDB installed, --engine chdb and load --chdb say how to install it (exit 2, no stack)', () => {
  const hide = new URL('./hide-chdb.mjs', import.meta.url).pathname;
  for (const args of [['query', '--engine', 'chdb', '--logs', 'examples/invictus', 'AWSCloudTrail | count'], ['load', '--logs', 'examples/invictus', '--chdb', join(mkdtempSync(join(tmpdir(), 'th-nochdb-')), 'db')]]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', hide, MAIN, ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, "trailhound: --engine chdb / --chdb need the embedded ClickHouse engine chDB, which is not installed: run `npm install --no-save chdb@3.4.0` in trailhound's folder (about 540 MB), or use --clickhouse URL with a ClickHouse server\n");
  }
});

test('watch --engine chdb over a table loaded in steps, one `watch --once` after each: the alerts of detect --engine chdb over the same rows, every built-in rule, each once', opts, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-ch-watch-'));
  const db = join(dir, 'db');
  const files = readdirSync(join(THEFT_DAY), { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name);
  // Each step loads the files delivered by its cutoff (the delivery time is in the name), then watches up to it.
  const cutoffs = ['2023-07-10T12:05:00Z', '2023-07-10T12:20:00Z', '2023-07-10T12:35:00Z', '2023-07-10T14:00:00Z'];
  const stamp = (name: string) => name.match(/_(\d{8}T\d{4})Z_/)![1]!;
  const compact = (iso: string) => iso.replace(/[-:]/g, '').slice(0, 13);
  let loaded = 0;
  for (const [i, cutoff] of cutoffs.entries()) {
    const step = join(dir, `step${i}`, 'AWSLogs', '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
    mkdirSync(step, { recursive: true });
    const now = files.filter((f) => stamp(f) <= compact(cutoff) && (i === 0 || stamp(f) > compact(cutoffs[i - 1]!)));
    for (const f of now) copyFileSync(join(THEFT_DAY, f), join(step, f));
    loaded += now.length;
    const l = trailhound(['load', '--logs', join(dir, `step${i}`), '--chdb', db]);
    assert.equal(l.code, 0, l.stderr);
    const w = trailhound(['watch', '--engine', 'chdb', '--chdb', db, '--state', join(dir, 'state'), '--once', '--from', '2023-07-10T11:00:00Z', '--now', cutoff, '--out', join(dir, 'alerts.jsonl')]);
    assert.equal(w.code, 0, w.stderr);
    assert.match(w.stderr, /watching chdb:.* table trailhound\.AWSCloudTrail: \d+ rule\(s\)/);
  }
  assert.equal(loaded, files.length);
  const got = readFileSync(join(dir, 'alerts.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(got.every((a) => a.late === false));
  const want = trailhound(['detect', '--engine', 'chdb', '--chdb', db, '--ingestion', 'delivery', '--format', 'jsonl']);
  const wantAlerts = want.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.ok(wantAlerts.length >= 1, want.stderr);
  const byId = (xs: Record<string, unknown>[]) => xs.map(({ late: _late, ...a }) => a).sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1));
  assert.deepEqual(byId(got), byId(wantAlerts));
  assert.equal(new Set(got.map((a) => a.id)).size, got.length);
});

test('hunt --engine chdb: the summary and every result set of the local engine (rows in any order), with the range cut pushed into the SQL, and the range taken from the table when not given', opts, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-ch-hunt-'));
  const kql = join(dir, 'by-event.kql');
  // No time filter of its own: the range cuts the table (docs/hunting.md), here in ClickHouse.
  writeFileSync(kql, 'AWSCloudTrail | where EventSource == "iam.amazonaws.com" | summarize n = count(), earliest = min(TimeGenerated), latest = max(TimeGenerated) by EventName\n');
  for (const range of [['--from', '2023-07-10T12:00:00Z', '--to', '2023-07-10T12:20:00Z'], []]) {
    const run = (engine: string) => {
      const out = join(dir, `${engine}-${range.length}`);
      const r = trailhound(['hunt', '--engine', engine, '--logs', 'examples/invictus', '--queries', kql, '--queries', 'content/hunting', '--format', 'jsonl', '--out', out, ...range]);
      const files = readdirSync(out).sort();
      return { r, summary: r.stdout.replace(/"out":"[^"]*"/g, ''), stderr: r.stderr.replace(out, 'OUT'), sets: files.map((f) => readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean).sort()) };
    };
    const local = run('local');
    const ch = run('chdb');
    assert.equal(ch.r.code, local.r.code, ch.r.stderr);
    assert.equal(ch.stderr, local.stderr);
    assert.equal(ch.summary, local.summary);
    assert.deepEqual(ch.sets, local.sets);
    assert.ok(local.sets[0]!.length >= 5, 'the IAM calls of the range, by name');
    // The summarize is pushed, and pushed parts are not cut again locally: the cut is in the SQL.
    for (const row of ch.sets[0]!.map((l) => JSON.parse(l) as { earliest: string; latest: string })) {
      if (range.length > 0) assert.ok(row.earliest >= range[1]! && row.latest <= range[3]!, 'cut to the range');
    }
  }
});

test('watch --engine: usage errors (files and a table at once; --chdb without --engine), before touching state (no chDB needed)', { timeout: 120_000 }, () => {
  const state = join(mkdtempSync(join(tmpdir(), 'th-ch-watch-')), 'state');
  const cases: Array<[string[], string]> = [
    [['--engine', 'chdb', '--logs', 'examples/session-theft'], 'trailhound: watch --engine chdb reads the AWSCloudTrail table, not files: drop --logs/--s3 and keep the table filled with trailhound load (docs/clickhouse.md, "watch")\n'],
    [['--engine', 'clickhouse'], 'trailhound: --engine clickhouse needs --clickhouse URL\n'],
    [['--chdb', state, '--logs', 'examples/session-theft'], 'trailhound: --chdb and --clickhouse need --engine chdb or --engine clickhouse\n'],
    [[], 'trailhound: give exactly one of --logs DIR or --s3 s3://bucket/prefix, or --engine chdb|clickhouse with a loaded table\n'],
  ];
  for (const [flags, stderr] of cases) {
    const r = trailhound(['watch', ...flags, '--state', state, '--once']);
    assert.equal(r.stderr, stderr, flags.join(' '));
    assert.equal(r.code, 2);
    assert.equal(existsSync(state), false, 'no state written');
  }
});
