/**
 * Duplicate eventIDs: the first copy read is kept, later ones dropped and counted; a dropped copy
 * whose content differs from the kept one (a planted record hiding a real DeleteTrail) is a
 * warning naming both files; keepDuplicates keeps both. Same on worker threads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { ROUND } from '../../src/cloudtrail/duplicates.ts';
import { collect, tempDir } from './helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function rec(id: string, eventName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/mallory', accountId: '111122223333', userName: 'mallory' },
    eventTime: '2024-05-01T11:00:00Z',
    eventSource: 'cloudtrail.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.9',
    requestParameters: { name: 'main-trail' },
    eventID: id,
    recipientAccountId: '111122223333',
    ...extra,
  };
}

function write(dir: string, name: string, records: Record<string, unknown>[], gzip = false): string {
  const p = join(dir, name);
  const text = JSON.stringify({ Records: records });
  writeFileSync(p, gzip ? gzipSync(text) : text);
  return p;
}

test('the same eventID with the same content in two files: one row, counted, no warning (also laid out differently)', async (t) => {
  const dir = tempDir(t);
  write(dir, 'a.json', [rec('e1', 'DeleteTrail'), rec('e2', 'StopLogging')]);
  // the same records, other key order and whitespace: the same AWSCloudTrail rows
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ Records: [rec('e1', 'DeleteTrail')].map((r) => Object.fromEntries(Object.entries(r).reverse())) }, null, 2));
  const src = openCloudTrail([dir]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r.EventName), ['DeleteTrail', 'StopLogging']);
  assert.equal(src.summary().duplicates, 1);
  assert.equal(src.summary().differingDuplicates, 0);
  assert.deepEqual(src.diagnostics(), []);
});

test('a planted copy with different content: the first read is kept, and a warning names both files and the eventID', async (t) => {
  const dir = tempDir(t);
  // a-planted.json sorts first: its DescribeTrails copy is kept, the real DeleteTrail dropped
  const planted = write(dir, 'a-planted.json', [rec('e1', 'DescribeTrails')]);
  const real = write(dir, 'b-real.json.gz', [rec('e0', 'ListTrails'), rec('e1', 'DeleteTrail')], true);
  const src = openCloudTrail([dir]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r.EventName), ['DescribeTrails', 'ListTrails']);
  const s = src.summary();
  assert.equal(s.duplicates, 1);
  assert.equal(s.differingDuplicates, 1);
  assert.deepEqual(src.diagnostics().map((d) => [d.severity, d.file, d.message]), [
    ['warning', real, `eventID "e1" differs from the copy read first from ${planted}: this copy was dropped, the first kept (--keep-duplicates keeps both)`],
  ]);
  assert.match(src.describeSummary(), /1 duplicates dropped \(1 with different content\)/);
  // keepDuplicates: both copies, nothing to warn about
  const both = openCloudTrail([dir], { keepDuplicates: true });
  assert.deepEqual((await collect(both)).rows.map((r) => r.EventName), ['DescribeTrails', 'ListTrails', 'DeleteTrail']);
  assert.equal(both.summary().differingDuplicates, 0);
  assert.deepEqual(both.diagnostics(), []);
});

test('content is what the scan maps: a copy differing only in a column the query does not read is not a warning', async (t) => {
  const dir = tempDir(t);
  write(dir, 'a.json', [rec('e1', 'DeleteTrail', { userAgent: 'aws-cli/2' })]);
  write(dir, 'b.json', [rec('e1', 'DeleteTrail', { userAgent: 'something else' })]);
  const narrow = openCloudTrail([dir]);
  await collect(narrow, [], new Set(['EventName', 'AwsEventId']));
  assert.deepEqual([narrow.summary().duplicates, narrow.summary().differingDuplicates], [1, 0]);
  const wide = openCloudTrail([dir]);
  await collect(wide, [], new Set(['EventName', 'UserAgent']));
  assert.deepEqual([wide.summary().duplicates, wide.summary().differingDuplicates], [1, 1]);
});

test('worker threads: duplicates across files read by different threads are dropped, counted and compared the same', async (t) => {
  const dir = tempDir(t);
  for (let f = 0; f < 8; f++) write(dir, `f${f}.json`, Array.from({ length: 50 }, (_, i) => rec(`id-${(f * 50 + i) % 120}`, f === 7 && i === 49 ? 'DeleteTrail' : `Call${(f * 50 + i) % 120}`)));
  const one = openCloudTrail([dir], { workers: 1 });
  const two = openCloudTrail([dir], { workers: 2, parallelMinBytes: 0, batchSize: 16 });
  const a = await collect(one);
  const b = await collect(two);
  assert.equal(two.summary().workers, 2);
  assert.deepEqual(b.rows.map((r) => r.AwsEventId), a.rows.map((r) => r.AwsEventId));
  assert.equal(a.rows.length, 120);
  for (const s of [one.summary(), two.summary()]) assert.deepEqual([s.duplicates, s.differingDuplicates], [280, 1]);
  assert.deepEqual(two.diagnostics(), one.diagnostics());
  assert.match(one.diagnostics()[0]!.message, /^eventID "id-39" differs from the copy read first from .*f0\.json/);
});

test(`more than ${ROUND} dropped copies are compared in rounds; the one that differs is found`, { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const n = ROUND + 10_000;
  const small = (i: number, name = 'GetObject') => ({ eventVersion: '1.08', eventTime: '2024-05-01T11:00:00Z', eventSource: 's3.amazonaws.com', eventName: name, eventID: `r${i}` });
  writeFileSync(join(dir, 'a.json'), JSON.stringify({ Records: Array.from({ length: n }, (_, i) => small(i)) }));
  writeFileSync(join(dir, 'b.json'), JSON.stringify({ Records: Array.from({ length: n }, (_, i) => small(i, i === n - 1 || i === 7 ? 'DeleteObject' : 'GetObject')) }));
  const src = openCloudTrail([dir]);
  const { rows } = await collect(src, [], new Set(['EventName']));
  assert.equal(rows.length, n);
  assert.deepEqual([src.summary().duplicates, src.summary().differingDuplicates], [n, 2]);
  assert.deepEqual(src.diagnostics().map((d) => /eventID "(r\d+)"/.exec(d.message)![1]), ['r7', `r${n - 1}`]);
});

test('query and detect report the duplicates dropped on standard error when it is not a terminal; the planted copy is named', (t) => {
  const dir = tempDir(t);
  const planted = write(dir, 'a-planted.json', [rec('e1', 'DescribeTrails')]);
  const real = write(dir, 'b-real.json', [rec('e1', 'DeleteTrail')]);
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  const q = cli('query', '--logs', dir, '--format', 'csv', 'AWSCloudTrail | project EventName');
  assert.equal(q.status, 0, q.stderr);
  assert.equal(q.stdout, 'EventName\nDescribeTrails\n');
  assert.match(q.stderr, /1 duplicates dropped \(1 with different content\)/);
  assert.ok(q.stderr.includes(`${real}: warning: eventID "e1" differs from the copy read first from ${planted}`), q.stderr);
  const kept = cli('query', '--logs', dir, '--keep-duplicates', '--format', 'csv', 'AWSCloudTrail | project EventName');
  assert.equal(kept.stdout, 'EventName\nDescribeTrails\nDeleteTrail\n');
  assert.doesNotMatch(kept.stderr, /warning/);
  // detect: a rule on trail changes sees the planted copy, not the DeleteTrail, and says so
  const rules = tempDir(t);
  writeFileSync(join(rules, 'trail-changes.kql'), 'AWSCloudTrail | where EventSource == "cloudtrail.amazonaws.com" | project TimeGenerated, EventName, AwsEventId');
  const d = cli('detect', '--logs', dir, '--rules', join(rules, 'trail-changes.kql'), '--format', 'jsonl');
  assert.equal(d.status, 1, d.stderr);
  assert.match(d.stdout, /"EventName":"DescribeTrails"/);
  assert.match(d.stderr, /1 duplicates dropped \(1 with different content\)/);
  assert.ok(d.stderr.includes(`${real}: warning: eventID "e1" differs from the copy read first from ${planted}`), d.stderr);
});
