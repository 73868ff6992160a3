/**
 * The seed rule ("AWS concurrent sessions from different IPs") run verbatim over hand-derived
 * scenarios. Expected results are worked out by hand in shared/research/kql-semantics.md §10
 * (filters §10.2, AWSIdentityRole §10.3, arg_min §10.4, plugin §6.4/§10.5, result §10.6).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { cloudTrailTable, ticks, type RowSpec } from '../helpers/cloudtrail-rows.ts';
import { runQuery } from '../helpers/run-query.ts';

const SEED = readFileSync(new URL('../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url), 'utf8');
// The repository's later revision ends with `project` (26 columns, with AWSRegion).
const REVISION_COLUMNS = [
  'TimeGenerated', 'UserIdentityType', 'Identity', 'ActorRole', 'UserIdentityAccountId', 'UserIdentityAccountName',
  'RecipientAccountId', 'RecipientAccountName', 'AWSRegion', 'SessionCreationDate', 'UserIdentityPrincipalid',
  'UserIdentityArn', 'SourceIpAddress', 'EventSource', 'EventTypeName', 'EventName', 'ManagementEvent', 'ReadOnly',
  'ErrorCode', 'ErrorMessage', 'RequestParameters', 'ResponseElements', 'Resources', 'SessionMfaAuthenticated',
  'UserAgent', 'AwsEventId',
];
const REVISION = SEED.slice(0, SEED.indexOf('| project-reorder')) + `| project\n    ${REVISION_COLUMNS.join(',\n    ')}\n`;

const WATCHLIST = 'AccountId,AccountName\n111122223333,Prod\n444455556666,Dev\n';
const ALICE_ARN = 'arn:aws:iam::111122223333:user/alice';
const CAROL_ARN = 'arn:aws:iam::999988887777:user/carol';

function describe(ip: string, time: string, who: 'alice' | 'carol' | 'dave' | 'health', extra: RowSpec = {}): RowSpec {
  const base: RowSpec = {
    TimeGenerated: `2024-05-01T${time}Z`,
    EventName: 'DescribeEventAggregates',
    EventSource: 'health.amazonaws.com',
    SourceIpAddress: ip,
  };
  const identity: Record<typeof who, RowSpec> = {
    alice: { UserIdentityType: 'IAMUser', UserIdentityAccountId: '111122223333', UserIdentityArn: ALICE_ARN, UserIdentityUserName: 'alice', RecipientAccountId: '111122223333' },
    carol: { UserIdentityType: 'IAMUser', UserIdentityAccountId: '999988887777', UserIdentityArn: CAROL_ARN, UserIdentityUserName: 'carol', RecipientAccountId: '999988887777' },
    dave: { UserIdentityType: 'IAMUser', UserIdentityAccountId: '444455556666', UserIdentityArn: '', UserIdentityUserName: 'dave', RecipientAccountId: '444455556666' },
    health: { UserIdentityType: 'AWSService', UserIdentityInvokedBy: 'health.amazonaws.com', RecipientAccountId: '111122223333' },
  };
  return { ...base, ...identity[who], ...extra };
}

/** The thirteen rows r1..r13 of kql-semantics.md §10.1. */
const ROWS: RowSpec[] = [
  describe('203.0.113.10', '11:51:00', 'alice', { AwsEventId: 'r1' }),
  describe('203.0.113.11', '11:56:00', 'alice', { AwsEventId: 'r2' }),
  describe('203.0.113.12', '11:57:00', 'alice', { AwsEventId: 'r3' }),
  describe('203.0.113.13', '11:58:00', 'alice', { AwsEventId: 'r4' }),
  describe('203.0.113.10', '11:58:30', 'alice', { AwsEventId: 'r5' }),
  describe('health.amazonaws.com', '11:52:00', 'health', { AwsEventId: 'r6' }),
  describe('198.51.100.7', '11:53:00', 'carol', { AwsEventId: 'r7' }),
  describe('198.51.100.8', '11:56:00', 'carol', { AwsEventId: 'r8' }),
  describe('203.0.113.99', '11:49:59', 'alice', { AwsEventId: 'r9' }),
  describe('192.0.2.1', '11:59:00', 'dave', { AwsEventId: 'r10' }),
  describe('192.0.2.2', '11:59:30', 'dave', { AwsEventId: 'r11' }),
  describe('203.0.113.50', '11:54:00', 'alice', { AwsEventId: 'r12', EventName: 'DescribeEventAggregatesV2' }),
  describe('ec2.health.amazonaws.com', '11:55:30', 'health', { AwsEventId: 'r13' }),
];

async function seed(rows: RowSpec[], now = '2024-05-01T12:00:00Z', query = SEED) {
  return runQuery(query, { now, tables: { AWSCloudTrail: cloudTrailTable(rows) }, watchlistCsv: { 'AccountId-AuditAWSAccounts': WATCHLIST } });
}

function summary(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => `${r.Identity} ${r.SourceIpAddress} ${r.AwsEventId}`).sort();
}

test('seed rule, §10: alice (1 -> 3 new IPs) and dave (2 new IPs in one window) alert; carol, health rows, V2 and old rows do not', async () => {
  const { rows, columns } = await seed(ROWS);
  assert.deepEqual(summary(rows), [
    'Dev:user/dave 192.0.2.1 r10',
    'Dev:user/dave 192.0.2.2 r11',
    'Prod:user/alice 203.0.113.10 r1',
    'Prod:user/alice 203.0.113.11 r2',
    'Prod:user/alice 203.0.113.12 r3',
    'Prod:user/alice 203.0.113.13 r4',
  ]);
  // project-reorder: the 25 listed columns first, then the rest of _Events in its order (§4.6).
  assert.deepEqual(columns.slice(0, 4), ['TimeGenerated', 'UserIdentityType', 'Identity', 'ActorRole']);
  assert.equal(columns[24], 'AwsEventId');
  assert.equal(columns.length, 53 + 6);
  const r1 = rows.find((r) => r.AwsEventId === 'r1')!;
  assert.equal(r1.TimeGenerated, ticks('2024-05-01T11:51:00Z'));
  assert.equal(r1.UserIdentityAccountName, 'Prod');
  assert.equal(r1.RecipientAccountName, 'Prod');
  assert.equal(r1.ActorRole, '');
});

test('seed rule revision with project: exactly the 26 listed columns, same rows', async () => {
  const { rows, columns } = await seed(ROWS, undefined, REVISION);
  assert.deepEqual(columns, REVISION_COLUMNS);
  assert.equal(rows.length, 6);
});

test('seed rule, §10.6 sensitivity: now() off a 5-minute boundary (12:02:30) gives dave only (Start-aligned windows, §6.3)', async () => {
  const { rows } = await seed(ROWS, '2024-05-01T12:02:30Z');
  assert.deepEqual([...new Set(rows.map((r) => r.Identity))], ['Dev:user/dave']);
});

test('seed rule: a third IP for carol in the current window fires (not(1 > 1) and 2 > 1)', async () => {
  const { rows } = await seed([...ROWS, describe('198.51.100.9', '11:57:00', 'carol', { AwsEventId: 'r14' })]);
  assert.ok(rows.some((r) => r.Identity === '999988887777:user/carol'));
});

test('seed rule: one identity, one IP only: no result', async () => {
  const { rows } = await seed([describe('203.0.113.10', '11:51:00', 'alice'), describe('203.0.113.10', '11:57:00', 'alice')]);
  assert.equal(rows.length, 0);
});

test('seed rule: 3 new IPs then 4 new IPs does not fire (4 - 3 is not > 1, and 3 > 1 already)', async () => {
  const first = ['1', '2', '3'].map((n, i) => describe(`198.51.100.${n}`, `11:5${i + 1}:00`, 'alice'));
  const second = ['4', '5', '6', '7'].map((n, i) => describe(`198.51.100.${n}`, `11:5${i + 5}:10`, 'alice'));
  const { rows } = await seed([...first, ...second]);
  assert.equal(rows.length, 0);
});

test('seed rule: health.amazonaws.com companion rows never count as a second IP', async () => {
  const { rows } = await seed([
    describe('203.0.113.10', '11:56:00', 'alice'),
    describe('health.amazonaws.com', '11:56:00', 'alice'),
    describe('HEALTH.AMAZONAWS.COM', '11:57:00', 'alice'),
  ]);
  assert.equal(rows.length, 0);
});
