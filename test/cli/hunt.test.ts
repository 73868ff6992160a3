/**
 * `trailhound hunt` as a user runs it (the CLI through tsx): the summary table and JSON Lines,
 * one result file per query under --out (JSON Lines or CSV), exit statuses (0 no results,
 * 1 results, 2 a query could not run or bad input), escaped terminal text.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BUILT_IN = 'AWS - Temporary credentials used from several IP addresses';

test('hunt with the built-in queries over the session-theft tree: the stolen session, exit 1; --out writes its rows', () => {
  const out = mkdtempSync(join(tmpdir(), 'th-hunt-'));
  const r = cli('hunt', '--logs', 'examples/session-theft', '--format', 'table', '--out', out);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, new RegExp(`^Query +Tactics +Results\\n-+ +-+ +-+\\n${BUILT_IN} +Collection, LateralMovement +1\\n\\(1 query, 1 with results\\)\\n$`));
  assert.match(r.stderr, /hunted 2023-07-10T11:42:18Z \.\. 2023-07-10T12:37:50Z \(now\(\) = 2023-07-10T12:37:50Z\)/);
  const files = readdirSync(out);
  assert.deepEqual(files, ['session-keys-used-from-several-ips.jsonl']);
  const rows = readFileSync(join(out, files[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0].SourceIps, ['10.8.8.10', '203.0.113.66']);
  assert.equal(rows[0].UserIdentityArn, 'arn:aws:iam::123837392027:user/bert-jan');
});

test('hunt over the real samples alone finds nothing: exit 0; piped, one JSON object per query', () => {
  const r = cli('hunt', '--logs', 'examples/invictus');
  assert.equal(r.code, 0, r.stderr);
  const [line, ...rest] = r.stdout.trim().split('\n');
  assert.deepEqual(rest, []);
  const o = JSON.parse(line!);
  assert.equal(o.name, BUILT_IN);
  assert.deepEqual(o.tactics, ['Collection', 'LateralMovement']);
  assert.equal(o.results, 0);
  assert.equal(o.error, null);
  assert.equal(o.timeFilter, 'range');
  assert.deepEqual([o.from, o.to], ['2023-07-10T11:42:18Z', '2023-07-10T12:37:50Z']);
});

test('--from/--to limit what a query without a time filter sees: the theft is outside the range, exit 0', () => {
  const r = cli('hunt', '--logs', 'examples/session-theft', '--from', '2023-07-10T11:00:00Z', '--to', '2023-07-10T12:00:00Z');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).results, 0);
  const bad = cli('hunt', '--logs', 'examples/session-theft', '--from', '2023-07-10T13:00:00Z', '--to', '2023-07-10T12:00:00Z');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--from must not be later than --to/);
});

test('a query that cannot run: its error names the file, the others still run and write, exit 2; --out-format csv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-hunt-q-'));
  writeFileSync(join(dir, 'a-good.kql'), 'AWSCloudTrail | where EventName == "ConsoleLogin" | project TimeGenerated, SourceIpAddress, UserAgent');
  writeFileSync(join(dir, 'b-bad.kql'), 'AWSCloudTrail | where NoSuchColumn == 1');
  const out = join(mkdtempSync(join(tmpdir(), 'th-hunt-out-')), 'results');
  const r = cli('hunt', '--logs', 'examples/invictus', '--queries', dir, '--out', out, '--out-format', 'csv', '--format', 'table');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /trailhound: .*b-bad\.kql:1:\d+: .*NoSuchColumn/);
  assert.match(r.stdout, /a-good +2\nb-bad +error\n\(2 queries, 1 with results, 1 could not run\)/);
  assert.deepEqual(readdirSync(out), ['a-good.csv'], 'no file for the query that failed');
  const csv = readFileSync(join(out, 'a-good.csv'), 'utf8');
  // The two ConsoleLogin events of the sample: header and two rows, datetimes as Kusto writes them.
  assert.match(csv, /^TimeGenerated,SourceIpAddress,UserAgent\n2023-07-10T12:23:15\.0000000Z,192\.168\.10\.20,stratus-red-team_\S+\n2023-07-10T12:27:45\.0000000Z,10\.8\.8\.10,Mozilla\/5\.0 /);
  assert.equal(csv.trim().split('\n').length, 3);
});

test('an analytics rule given as a hunting query, a bad option: exit 2 with the reason', () => {
  const rule = cli('hunt', '--logs', 'examples/invictus', '--queries', 'content/rules/concurrent-sessions-from-different-ips.yaml');
  assert.equal(rule.code, 2);
  assert.match(rule.stderr, /concurrent-sessions-from-different-ips\.yaml: queryFrequency: this is an analytics rule, not a hunting query: run it with trailhound detect/);
  const format = cli('hunt', '--logs', 'examples/invictus', '--out-format', 'xml');
  assert.equal(format.code, 2);
  assert.match(format.stderr, /--out-format must be one of jsonl, csv/);
  assert.equal(cli('hunt').code, 2);
});

test('query names and tactics from files are shown with control characters escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-hunt-esc-'));
  writeFileSync(join(dir, 'h.yaml'), 'name: "evil \\e[2J\\e]0;owned\\a name"\ntactics: ["Discovery\\u202e"]\nquery: print x = 1\n');
  const r = cli('hunt', '--logs', 'examples/invictus', '--queries', dir, '--format', 'table');
  assert.equal(r.code, 1, r.stderr);
  assert.ok(!/[\u001b\u0007\u202e]/.test(r.stdout), 'no raw escape, bell or bidi override');
  // As every table output shows them (src/cli/visible.ts): \xHH for C0/C1 controls, \uHHHH for bidi.
  assert.match(r.stdout, /evil \\x1B\[2J\\x1B\]0;owned\\x07 name +Discovery\\u202E +1/);
});

test('hunt --help teaches the time range, the placeholders and the exit status', () => {
  const r = cli('hunt', '--help');
  assert.equal(r.code, 0);
  for (const s of ['{{StartTimeISO}}', 'now() is --to', '--out <dir>', 'Exit status: 0 no query returned results, 1 some did', 'Examples:']) assert.ok(r.stdout.includes(s), s);
  assert.ok(!existsSync(join(root, 'hunt-results')));
});
