/** `trailhound query` end to end: a real process, real files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

function trailhound(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { input, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('--format json prints exactly {"columns":[...],"rows":[...]} with Kusto type names (issue #2)', () => {
  const r = trailhound(['query', '--format', 'json', "print x = 1, y = 'a', z = datetime(2024-05-01T12:00:00Z), w = 5m, d = dynamic({\"k\":[1]}), n = long(null)"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '{"columns":[{"name":"x","type":"long"},{"name":"y","type":"string"},{"name":"z","type":"datetime"},{"name":"w","type":"timespan"},{"name":"d","type":"dynamic"},{"name":"n","type":"long"}],' +
      '"rows":[[1,"a","2024-05-01T12:00:00Z","00:05:00",{"k":[1]},null]]}\n',
  );
});

test('the query can come from --file or standard input; --now pins now()', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-cli-'));
  const file = join(dir, 'q.kql');
  writeFileSync(file, 'print t = now()');
  const a = trailhound(['query', '--format', 'csv', '--now', '2023-07-10T12:05:00Z', '--file', file]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(a.stdout, 't\n2023-07-10T12:05:00.0000000Z\n');
  const b = trailhound(['query', '--format', 'jsonl', '--now', '2023-07-10T12:05:00Z'], 'print t = ago(5m)');
  assert.equal(b.stdout, '{"t":"2023-07-10T12:00:00Z"}\n');
});

test('--table reads JSON Lines and CSV files as tables, with inferred or declared types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-cli-'));
  writeFileSync(join(dir, 'a.jsonl'), '{"user":"alice","n":2}\n{"user":"bob","n":3}\n');
  writeFileSync(join(dir, 'b.csv'), 'user,team\nalice,red\n');
  const r = trailhound([
    'query', '--format', 'csv', '--table', `A=${join(dir, 'a.jsonl')}`, '--table', `B(user:string, team:string)=${join(dir, 'b.csv')}`,
    'A | lookup B on user | summarize total = sum(n) by team',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'team,total\nred,2\n,3\n');
});

test('errors exit non-zero with file:line:column and the problem', () => {
  const r = trailhound(['query', 'print x = \n  nope']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /<query>:2:3: .*nope/);
  const u = trailhound(['query', 'print 1 | sample 1']);
  assert.equal(u.code, 2);
  assert.match(u.stderr, /unsupported: .*sample operator is not supported/);
});

test('the seed rule runs over the real Invictus CloudTrail tree and finds nothing (issue #3)', () => {
  const seed = new URL('../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url).pathname;
  const logs = new URL('../fixtures/cloudtrail/invictus', import.meta.url).pathname;
  const r = trailhound(['query', '--logs', logs, '--file', seed, '--now', '2023-07-10T12:10:00Z', '--format', 'jsonl']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const c = trailhound(['query', '--logs', logs, '--format', 'csv', 'AWSCloudTrail | count']);
  assert.equal(c.code, 0, c.stderr);
  assert.match(c.stdout, /^Count\n\d+\n$/);
});

test('query: a count over --logs is computed in the reading threads (partial aggregation), duplicates still dropped (issue #15)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-query-partial-'));
  const rec = (id: string) => ({ eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1', sourceIPAddress: '10.0.0.1', eventID: id, eventType: 'AwsApiCall', userIdentity: { type: 'IAMUser' } });
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: [rec('1'), rec('2')] }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ Records: [rec('1'), rec('3')] }));
  const r = trailhound(['query', '--logs', dir, '--format', 'json', 'AWSCloudTrail | count']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).rows, [[3]], 'id 1 counted once');
  // the summary is printed because a duplicate was dropped; a.json was aggregated where it was
  // read, b.json (id 1 again) read again as rows
  assert.match(r.stderr, /1 duplicates dropped/);
  assert.match(r.stderr, /the query's summarize ran in the reading threads for 1 files/);
});
