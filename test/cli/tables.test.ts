/**
 * Sentinel tables, ASIM parsers and watchlists from the command line (docs/tables.md): real
 * processes, real files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const count = (text: string, re: RegExp) => text.split('\n').filter((l) => re.test(l)).length;

test('a Sentinel table nobody supplied binds, reads as empty, and is named in exactly one warning', () => {
  const r = cli('query', '--format', 'csv', 'SigninLogs | join kind=inner (SigninLogs | where IsInteractive) on UserPrincipalName | union (AuditLogs | project UserPrincipalName = OperationName) | count');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n0\n');
  assert.equal(count(r.stderr, /^warning: table SigninLogs has no data \(give it with --table SigninLogs=FILE\); it reads as empty$/), 1, r.stderr);
  assert.equal(count(r.stderr, /^warning: table AuditLogs has no data/), 1, r.stderr);
  assert.equal(count(r.stderr, /warning/), 2, r.stderr);
});

test('--table SigninLogs=file.jsonl converts values to the documented column types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tables-'));
  const file = join(dir, 'signin.jsonl');
  writeFileSync(file, '{"TimeGenerated":"2024-05-01T12:00:00Z","UserPrincipalName":"a@x.com","IsInteractive":"true","DurationMs":"42","LocationDetails":"{\\"city\\":\\"Paris\\"}","Extra":1}\n');
  const r = cli('query', '--table', `SigninLogs=${file}`, '--format', 'json',
    'SigninLogs | project TimeGenerated, UserPrincipalName, IsInteractive, DurationMs, City = tostring(LocationDetails.city), AppDisplayName, Type');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    columns: [
      { name: 'TimeGenerated', type: 'datetime' }, { name: 'UserPrincipalName', type: 'string' }, { name: 'IsInteractive', type: 'bool' },
      { name: 'DurationMs', type: 'long' }, { name: 'City', type: 'string' }, { name: 'AppDisplayName', type: 'string' }, { name: 'Type', type: 'string' },
    ],
    rows: [['2024-05-01T12:00:00Z', 'a@x.com', true, 42, 'Paris', '', 'SigninLogs']],
  });
  // The file's column the table does not have is named; the table itself is not "without data".
  assert.equal(r.stderr, `warning: ${file}: SigninLogs has no column Extra; dropped\n`);
});

test("a Sentinel table's columns cannot be redeclared on the command line (exit 2)", () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tables-'));
  writeFileSync(join(dir, 's.jsonl'), '{}\n');
  const r = cli('query', '--table', `SigninLogs(a:string)=${join(dir, 's.jsonl')}`, 'SigninLogs');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--table SigninLogs: a Sentinel table has its documented columns/);
});

test('_Im_WebSession(starttime=..., endtime=...) binds and reads as empty, with one warning naming the ASIM parser', () => {
  const r = cli('query', '--format', 'csv', '_Im_WebSession(starttime=datetime(2024-01-01), endtime=datetime(2024-01-02)) | summarize count() by SrcIpAddr, HttpUserAgent | count');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n0\n');
  assert.equal(r.stderr, 'warning: ASIM parser _Im_WebSession has no data (give it with --table _Im_WebSession=FILE); it reads as empty\n');
});

test('--watchlists DIR: every CSV is a watchlist named after its file; _GetWatchlist returns the fixed columns, then the items', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-wl-'));
  const wl = join(dir, 'watchlists');
  mkdirSync(wl);
  writeFileSync(join(wl, 'VIPUsers.csv'), 'UserPrincipalName,Title\nceo@x.com,CEO\ncfo@x.com,CFO\n');
  writeFileSync(join(wl, 'BadIPs.csv'), 'IP\n203.0.113.66\n');
  writeFileSync(join(wl, 'notes.txt'), 'not a watchlist\n');
  const updated = new Date('2024-03-01T08:00:00Z');
  utimesSync(join(wl, 'VIPUsers.csv'), updated, updated);
  const r = cli('query', '--no-builtins', '--watchlists', wl, '--format', 'json', "_GetWatchlist('VIPUsers') | project-away WatchlistItem, IP");
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.columns.map((c: { name: string; type: string }) => `${c.name}:${c.type}`), [
    '_DTItemId:string', 'LastUpdatedTimeUTC:datetime', 'SearchKey:string', 'UserPrincipalName:string', 'Title:string',
  ]);
  assert.deepEqual(out.rows.map((row: unknown[]) => row.slice(1)), [
    ['2024-03-01T08:00:00Z', 'ceo@x.com', 'ceo@x.com', 'CEO'],
    ['2024-03-01T08:00:00Z', 'cfo@x.com', 'cfo@x.com', 'CFO'],
  ]);
  const b = cli('query', '--no-builtins', '--watchlists', wl, '--format', 'csv', "_GetWatchlist('BadIPs') | project SearchKey, Ip = tostring(WatchlistItem.IP)");
  assert.equal(b.stdout, 'SearchKey,Ip\n203.0.113.66,203.0.113.66\n');
});

test('a watchlist alias nobody gave returns no rows, with one warning naming it', () => {
  const r = cli('query', '--format', 'csv', "_GetWatchlist('Nope') | union (_GetWatchlist('Nope')) | count");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n0\n');
  assert.equal(r.stderr, "warning: watchlist Nope was not given (--watchlist Nope=FILE.csv or --watchlists DIR); _GetWatchlist('Nope') returns no rows\n");
});

test('detect: a rule reading an unsupplied table runs at every scheduled time and warns once; --table and --watchlists supply them', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-detect-tables-'));
  const rule = join(dir, 'signin-match.kql');
  writeFileSync(rule, [
    'let query_frequency = 1h;',
    'let query_period = 1h;',
    'AWSCloudTrail | where EventName == "DescribeEventAggregates"',
    '| join kind=inner (SigninLogs | project IPAddress, UserPrincipalName) on $left.SourceIpAddress == $right.IPAddress',
    "| join kind=leftanti (_GetWatchlist('Trusted') | project SearchKey) on $left.UserPrincipalName == $right.SearchKey",
  ].join('\n'));
  const none = cli('detect', '--logs', 'examples/session-theft', '--rules', rule, '--all-runs');
  assert.equal(none.code, 0, none.stderr);
  assert.equal(none.stdout, '');
  assert.equal(count(none.stderr, /^warning: table SigninLogs has no data/), 1, none.stderr);
  assert.equal(count(none.stderr, /^warning: watchlist Trusted was not given/), 1, none.stderr);

  const signin = join(dir, 'signin.csv');
  writeFileSync(signin, 'TimeGenerated,IPAddress,UserPrincipalName\n2023-07-10T12:10:00Z,203.0.113.66,bert-jan@x.com\n');
  const wl = join(dir, 'wl');
  mkdirSync(wl);
  writeFileSync(join(wl, 'Trusted.csv'), 'UserPrincipalName\nsomeone-else@x.com\n');
  const found = cli('detect', '--logs', 'examples/session-theft', '--rules', rule, '--table', `SigninLogs=${signin}`, '--watchlists', wl);
  assert.equal(found.code, 1, found.stderr);
  assert.doesNotMatch(found.stderr, /warning/);
  assert.ok(found.stdout.trim().split('\n').length >= 1);
  assert.match(found.stdout, /203\.0\.113\.66/);
});
