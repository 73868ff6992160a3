/**
 * Issue #13's hostile user agent, end to end: a rule with
 * `where not(UserAgent matches regex @"^([a-z0-9]+\s?)*$")` replayed by the CLI over a real
 * gzipped CloudTrail file in which one record's userAgent is thousands of `a`s and a `!`. With a
 * backtracking regex engine 40 `a`s already took more than a minute (1.6x per extra character);
 * the linear-time engine answers at once, and the test asserts the answer (the timeout is only
 * the backstop).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function record(eventName: string, userAgent: string, second: number): object {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLEEXAMPLE01', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
    eventTime: `2024-01-01T00:00:${String(second).padStart(2, '0')}Z`,
    eventSource: 'sts.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.7',
    userAgent,
    requestParameters: null,
    responseElements: null,
    requestID: `00000000-0000-4000-8000-0000000000${String(second).padStart(2, '0')}`,
    eventID: `10000000-0000-4000-8000-0000000000${String(second).padStart(2, '0')}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111122223333',
    eventCategory: 'Management',
  };
}

test('detect: the hostile user-agent rule over a crafted CloudTrail record finishes with the right alert', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-regex-'));
  const logs = join(dir, 'AWSLogs', '111122223333', 'CloudTrail', 'us-east-1', '2024', '01', '01');
  mkdirSync(logs, { recursive: true });
  const hostile = `${'a'.repeat(5_000)}!`;
  const records = [
    record('GetCallerIdentity', 'aws cli', 1), // matches the pattern: no alert row
    record('AssumeRole', hostile, 2), // does not match: the alert row
    record('ListBuckets', 'boto3 1', 3),
  ];
  writeFileSync(join(logs, '111122223333_CloudTrail_us-east-1_20240101T0005Z_abcdefghijklmnop.json.gz'), gzipSync(JSON.stringify({ Records: records })));
  const rule = join(dir, 'hostile-ua.yaml');
  writeFileSync(rule, scheduledRuleYaml({
    id: '13131313-0000-4000-8000-000000000013',
    name: 'Odd user agent',
    query: String.raw`AWSCloudTrail | where not(UserAgent matches regex @"^([a-z0-9]+\s?)*$") | project EventName, UserAgent`,
    schedule: 'queryFrequency: 5m\nqueryPeriod: 5m',
  }));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'detect', '--logs', join(dir, 'AWSLogs'), '--rules', rule, '--delay', '0m', '--format', 'jsonl'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr); // 1: alerts
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(alerts.length, 1, r.stdout);
  assert.match(JSON.stringify(alerts[0]), /AssumeRole/);
  assert.doesNotMatch(JSON.stringify(alerts[0]), /GetCallerIdentity|ListBuckets/);
});
