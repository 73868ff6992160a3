/**
 * `watch --s3 ... --endpoint ... --once` as cron would run it, against the loopback S3 server:
 * each invocation reads only the objects that landed since the last one and alerts once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { S3_CREDENTIALS, startS3, tempDir, trailBody, trailKey } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

function filesRead(stderr: string): number {
  return [...stderr.matchAll(/ files=(\d+) /g)].reduce((n, m) => n + Number(m[1]), 0);
}

test('watch --s3 --once: new objects only, alerts once per invocation', async (t) => {
  const dir = tempDir(t);
  const s3 = await startS3(t, join(dir, 's3'));
  const rule = join(dir, 'delete-trail.kql');
  writeFileSync(rule, 'AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId\n');
  const out = join(dir, 'alerts.jsonl');
  const args = (now: string) => [
    'watch', '--s3', 's3://trail/AWSLogs/', '--endpoint', s3.endpoint, '--rules', rule, '--frequency', '5m', '--period', '5m',
    '--state', join(dir, 'state'), '--out', out, '--once', '--now', now, '--from', '2026-11-28T10:00:00Z',
  ];
  await s3.put(trailKey('2026-11-28T10:03:00Z', 'a'), trailBody([{ time: '2026-11-28T10:01:00Z', id: 'e1' }]));
  const first = await cli(args('2026-11-28T10:06:00Z'));
  assert.equal(first.code, 0, first.stderr);
  assert.equal(filesRead(first.stderr), 1);
  await s3.put(trailKey('2026-11-28T10:08:00Z', 'b'), trailBody([{ time: '2026-11-28T10:06:00Z', id: 'e2' }]));
  const second = await cli(args('2026-11-28T10:11:00Z'));
  assert.equal(second.code, 0, second.stderr);
  assert.equal(filesRead(second.stderr), 1, 'the first object is not read again');
  const alerts = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { scheduledTime: string; rows: { AwsEventId: string }[] });
  assert.deepEqual(alerts.map((a) => [a.scheduledTime, a.rows[0]!.AwsEventId]), [
    ['2026-11-28T10:00:00Z', 'e1'],
    ['2026-11-28T10:05:00Z', 'e2'],
  ]);
});
