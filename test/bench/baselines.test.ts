// The issue #5 baselines find exactly the generator's expected findings on a small tree (correctness
// only; nothing here is timed). Covers the SQL identity key and binning in both dialects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../../bench/generate.ts';
import { findingsKey, sentinelAlertsKey } from '../../bench/lib/detection.ts';
import { run as naive } from '../../bench/baselines/naive.ts';
import { run as naiveWorkers } from '../../bench/baselines/naive-workers.ts';
import { run as duckdb } from '../../bench/baselines/duckdb.ts';
import { run as trailhoundReader } from '../../bench/baselines/trailhound-reader.ts';
import { CHDB_INSTALL, loadChdb, run as chdb } from '../../bench/baselines/chdb.ts';

// chdb is installed beside the benchmark data, not as a project dependency (see bench/baselines/chdb.ts).
const noChdb = loadChdb() === undefined ? `chdb not installed (${CHDB_INSTALL})` : false;

const dir = mkdtempSync(join(tmpdir(), 'trailhound-bench-'));
const manifest = writeTree({ records: 5000, seed: 'baselines', thefts: 3 }, dir);
const expected = findingsKey(manifest.expectedFindings);

test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const [name, run] of [['naive', naive], ['naive-workers', naiveWorkers], ['duckdb', duckdb], ['chdb', chdb]] as const) {
  test(`${name} reads every record and finds the injected thefts`, { skip: name === 'chdb' && noChdb }, async () => {
    const r = await run(dir);
    assert.equal(r.records, manifest.records);
    assert.equal(r.files, manifest.files);
    assert.ok(manifest.expectedFindings.length >= 3);
    assert.equal(findingsKey(r.findings ?? []), expected);
    assert.equal(sentinelAlertsKey(r.sentinelAlerts ?? []), sentinelAlertsKey(manifest.expectedSentinelAlerts));
  });
}

test("trailhound's own reader reads every generated record without a failure", async () => {
  const r = await trailhoundReader(dir);
  assert.equal(r.records, manifest.records);
  assert.match(r.notes ?? '', new RegExp(`^${manifest.records} rows out, .* 0 failures$`));
});

test('the SQL identity keys equal the reference key for every identity shape', async () => {
  const hand = mkdtempSync(join(tmpdir(), 'trailhound-bench-keys-'));
  try {
    const acct = '111122223333';
    const identities: Record<string, unknown>[] = [
      { type: 'Root', principalId: acct, arn: `arn:aws:iam::${acct}:root`, accountId: acct },
      { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${acct}:user/bob`, accountId: acct, userName: 'bob' },
      { type: 'IAMUser', principalId: 'AIDAEXAMPLE2', accountId: acct, userName: 'noarn' },
      { type: 'AssumedRole', principalId: 'AROAEXAMPLE:alice@example.com', arn: `arn:aws:sts::${acct}:assumed-role/Admin/alice@example.com`, accountId: acct, sessionContext: { sessionIssuer: { type: 'Role', userName: 'Admin' } } },
      { type: 'AssumedRole', principalId: 'AROAEXAMPLE:nosessionissuer', accountId: acct, sessionContext: { sessionIssuer: {} } },
      { type: 'AssumedRole', principalId: 'AIDAEXAMPLE:odd', accountId: acct, sessionContext: { sessionIssuer: { type: 'IAMUser' } } },
      { type: 'FederatedUser', principalId: `${acct}:carol`, accountId: acct },
      { type: 'AWSService', invokedBy: 'example.amazonaws.com' },
      { accountId: acct, invokedBy: 'ec2.amazonaws.com' },
    ];
    const records = identities.flatMap((userIdentity, i) => ['192.0.2.1', '198.51.100.2', 'health.amazonaws.com'].map((ip, j) => ({
      eventTime: `2026-03-02T08:0${j}:${String(10 + i).padStart(2, '0')}Z`, eventName: 'DescribeEventAggregates', sourceIPAddress: ip,
      userIdentity, eventID: `${i}-${j}`,
    })));
    const d = join(hand, `AWSLogs/${acct}/CloudTrail/us-east-1/2026/03/02`);
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, `${acct}_CloudTrail_us-east-1_20260302T0805Z_AAAAAAAAAAAAAAAA.json.gz`), gzipSync(JSON.stringify({ Records: records })));
    const ref = await naive(hand);
    assert.equal(ref.findings!.length, identities.length, 'one finding per identity shape');
    assert.deepEqual(ref.findings!.map((f) => f.identity).sort(), [
      '111122223333:roleSessionName/alice@example.com', '111122223333:roleSessionName/nosessionissuer', '111122223333:root',
      '111122223333:user/bob', '111122223333:user/noarn', 'UnexpectedUserIdentityType:carol',
      'UnexpectedUserIdentityType:odd', 'ec2.amazonaws.com', 'example.amazonaws.com',
    ]);
    for (const run of noChdb ? [duckdb] : [duckdb, chdb]) {
      const r = await run(hand);
      assert.equal(findingsKey(r.findings ?? []), findingsKey(ref.findings!));
      if (r.sentinelAlerts) assert.equal(sentinelAlertsKey(r.sentinelAlerts), sentinelAlertsKey(ref.sentinelAlerts!));
    }
  } finally {
    rmSync(hand, { recursive: true, force: true });
  }
});
