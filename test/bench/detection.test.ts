// The benchmark's reference detections (bench/lib/detection.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurrentSessionDetector, SentinelReplayDetector, identityKey } from '../../bench/lib/detection.ts';

const iam = (acct: string, name: string, arn = `arn:aws:iam::${acct}:user/${name}`) => ({ type: 'IAMUser', accountId: acct, arn, userName: name });
const rec = (time: string, ip: string, userIdentity: object, eventName = 'DescribeEventAggregates') =>
  ({ eventTime: `2024-05-01T${time}Z`, eventName, sourceIPAddress: ip, userIdentity });

// /work/shared/research/kql-semantics.md §10 (end-to-end worked example, NOW = 12:00:00), without the
// watchlist, so account names fall back to account ids (spec aws-identity-role.md §3, `Acct`).
const alice = iam('111122223333', 'alice');
const carol = iam('999988887777', 'carol');
const dave = iam('444455556666', 'dave', '');
const health = { type: 'AWSService', invokedBy: 'health.amazonaws.com' };
const worked = [
  rec('11:51:00', '203.0.113.10', alice), rec('11:56:00', '203.0.113.11', alice), rec('11:57:00', '203.0.113.12', alice),
  rec('11:58:00', '203.0.113.13', alice), rec('11:58:30', '203.0.113.10', alice), rec('11:52:00', 'health.amazonaws.com', health),
  rec('11:53:00', '198.51.100.7', carol), rec('11:56:00', '198.51.100.8', carol), rec('11:49:59', '203.0.113.99', alice),
  rec('11:59:00', '192.0.2.1', dave), rec('11:59:30', '192.0.2.2', dave), rec('11:54:00', '203.0.113.50', alice, 'DescribeEventAggregatesV2'),
  rec('11:55:30', 'ec2.health.amazonaws.com', health),
];

test('identity keys follow the AWSIdentityRole spec examples (§7, no watchlist)', () => {
  assert.equal(identityKey(alice), '111122223333:user/alice');
  assert.equal(identityKey(dave), '444455556666:user/dave');
  assert.equal(identityKey({ type: 'Root', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:root' }), '111122223333:root');
  assert.equal(identityKey({
    type: 'AssumedRole', accountId: '111122223333', principalId: 'AROAEXAMPLE1234567890:alice@example.com',
    arn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com', sessionContext: { sessionIssuer: { type: 'Role' } },
  }), '111122223333:roleSessionName/alice@example.com');
  assert.equal(identityKey(health), 'health.amazonaws.com');
  assert.equal(identityKey({ type: 'FederatedUser', principalId: '111122223333:carol' }), 'UnexpectedUserIdentityType:carol');
});

test('Sentinel mode reproduces the worked example of kql-semantics.md §10 at NOW = 12:00', () => {
  const d = new SentinelReplayDetector();
  for (const r of worked) d.add(r);
  const at12 = d.alerts().filter((a) => a.run === '2024-05-01T12:00:00Z');
  // alice: Previous window 11:50 count 1, Current 11:55 count 3 -> alert; carol 1 -> 1 -> no alert;
  // dave: a single window 11:55 with 2 new IPs, PreviousCount reset to 0 -> alert (§10.5).
  assert.deepEqual(at12, [
    { run: '2024-05-01T12:00:00Z', identity: '111122223333:user/alice', ips: ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13'] },
    { run: '2024-05-01T12:00:00Z', identity: '444455556666:user/dave', ips: ['192.0.2.1', '192.0.2.2'] },
  ]);
});

test('Sentinel mode: a second IP that appears while the first is still active is not an alert', () => {
  // The victim calls every 5 minutes from one IP; the attacker's IP is new in the current window but the
  // victim's IP was first seen in the previous one: counts 1 -> 1 (seed rule: increase must exceed 1).
  const u = iam('111122223333', 'victim');
  const d = new SentinelReplayDetector();
  for (const r of [rec('10:01:00', '192.0.2.10', u), rec('10:06:00', '192.0.2.10', u), rec('10:07:00', '198.51.100.66', u), rec('10:11:00', '192.0.2.10', u)]) d.add(r);
  assert.deepEqual(d.alerts(), []);
  const bins = new ConcurrentSessionDetector();
  for (const r of [rec('10:01:00', '192.0.2.10', u), rec('10:06:00', '192.0.2.10', u), rec('10:07:00', '198.51.100.66', u)]) bins.add(r);
  assert.deepEqual(bins.findings(), [{ identity: '111122223333:user/victim', bin: '2024-05-01T10:05:00Z', ips: ['192.0.2.10', '198.51.100.66'] }]);
});
