/**
 * The built-in AWSIdentityRole function (content/functions/AWSIdentityRole.kql) against its
 * behaviour spec (shared/specs/aws-identity-role.md §3-§7) and the test vectors of
 * shared/research/kql-semantics.md §10.7.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloudTrailTable, type RowSpec } from '../helpers/cloudtrail-rows.ts';
import { runQuery } from '../helpers/run-query.ts';

const PROD = 'AccountId,AccountName\n111122223333,Prod\n444455556666,Dev\n';

async function identity(specs: RowSpec[], watchlist = PROD) {
  const { rows, columns } = await runQuery(
    'AWSCloudTrail | invoke AWSIdentityRole() | project Identity, ActorRole, TargetRole, TargetRoleSessionName, UserIdentityAccountName, RecipientAccountName',
    { tables: { AWSCloudTrail: cloudTrailTable(specs) }, watchlistCsv: { 'AccountId-AuditAWSAccounts': watchlist } },
  );
  assert.deepEqual(columns, ['Identity', 'ActorRole', 'TargetRole', 'TargetRoleSessionName', 'UserIdentityAccountName', 'RecipientAccountName']);
  return rows;
}

const ACCT = { UserIdentityAccountId: '111122223333' };

test('spec §7: the worked examples without a watchlist', async () => {
  const rows = await identity(
    [
      { UserIdentityType: 'AssumedRole', UserIdentityArn: 'arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com', UserIdentityPrincipalid: 'AROAEXAMPLE1234567890:alice@example.com', SessionIssuerType: 'Role', SessionIssuerUserName: 'Admin', ...ACCT },
      { UserIdentityType: 'IAMUser', UserIdentityArn: 'arn:aws:iam::111122223333:user/bob', ...ACCT },
      { UserIdentityType: 'Root', UserIdentityArn: 'arn:aws:iam::111122223333:root', ...ACCT },
      { UserIdentityType: 'AWSService', UserIdentityInvokedBy: 'health.amazonaws.com' },
      { UserIdentityType: 'FederatedUser', UserIdentityPrincipalid: '111122223333:carol' },
    ],
    'AccountId,AccountName\n',
  );
  assert.deepEqual(rows.map((r) => [r.Identity, r.ActorRole]), [
    ['111122223333:roleSessionName/alice@example.com', 'Admin'],
    ['111122223333:user/bob', ''],
    ['111122223333:root', ''],
    ['health.amazonaws.com', ''],
    ['UnexpectedUserIdentityType:carol', ''],
  ]);
});

test('spec §7: with a watchlist row the account name replaces the id', async () => {
  const rows = await identity([
    { UserIdentityType: 'IAMUser', UserIdentityArn: 'arn:aws:iam::111122223333:user/bob', RecipientAccountId: '111122223333', ...ACCT },
    { UserIdentityType: 'Root', UserIdentityArn: 'arn:aws:iam::111122223333:root', ...ACCT },
  ]);
  assert.deepEqual(rows.map((r) => [r.Identity, r.UserIdentityAccountName, r.RecipientAccountName]), [
    ['Prod:user/bob', 'Prod', 'Prod'],
    ['Prod:root', 'Prod', ''],
  ]);
});

test('kql-semantics §10.7: identity vectors for every branch', async () => {
  const cases: [RowSpec, string, string][] = [
    [{ UserIdentityType: 'IAMUser', UserIdentityArn: '', UserIdentityUserName: 'dave', UserIdentityAccountId: '444455556666' }, 'Dev:user/dave', ''],
    [{ UserIdentityType: 'AssumedRole', SessionIssuerType: 'Role', UserIdentityPrincipalid: 'AROAEXAMPLEID:bob-session', SessionIssuerUserName: 'OpsRole', ...ACCT }, 'Prod:roleSessionName/bob-session', 'OpsRole'],
    [{ UserIdentityType: 'AssumedRole', SessionIssuerType: '', UserIdentityPrincipalid: 'AROAEXAMPLEID:s1', UserIdentityArn: 'arn:aws:sts::111122223333:assumed-role/Admin/s1', ...ACCT }, 'Prod:roleSessionName/s1', 'Admin'],
    [{ UserIdentityType: 'AssumedRole', SessionIssuerType: 'FederatedUser', UserIdentityPrincipalid: '111122223333:x', SessionIssuerUserName: 'Fed', ...ACCT }, 'UnexpectedUserIdentityType:x', 'Fed'],
    [{ UserIdentityType: 'AWSAccount', UserIdentityPrincipalid: '', ...ACCT }, 'Prod:', ''],
    [{ UserIdentityType: 'AWSAccount', UserIdentityPrincipalid: 'AIDAEXAMPLE1234567890', ...ACCT }, 'Prod:AIDAEXAMPLE1234567890', ''],
    [{ UserIdentityType: 'AWSAccount', UserIdentityPrincipalid: 'AROAEXAMPLE1234567890:sess', ...ACCT }, 'Prod:roleSessionName/sess', ''],
    [{ UserIdentityType: 'AWSAccount', UserIdentityPrincipalid: 'aidaexample', ...ACCT }, 'UnexpectedUserIdentityType:', ''],
    [{ UserIdentityType: 'AWSService', UserIdentityInvokedBy: 'ec2.amazonaws.com' }, 'ec2.amazonaws.com', ''],
    [{ UserIdentityType: 'SAMLUser', EventName: 'AssumeRoleWithSAML', UserIdentityUserName: 'jdoe@corp.example' }, 'jdoe@corp.example', ''],
    [{ UserIdentityType: 'SAMLUser', EventName: 'ListRoles', UserIdentityPrincipalid: 'p:q' }, 'UnexpectedUserIdentityType:q', ''],
    [{ UserIdentityType: 'WebIdentityUser', EventName: 'AssumeRoleWithWebIdentity', UserIdentityUserName: 'web' }, 'web', ''],
    [{ UserIdentityType: 'Unknown', UserIdentityPrincipalid: '111122223333', ...ACCT }, 'Prod', ''],
    [{ UserIdentityType: 'Unknown', UserIdentityPrincipalid: 'XYZ', UserIdentityUserName: '', ...ACCT }, 'XYZ', ''],
    [{ UserIdentityType: 'Unknown', UserIdentityAccountId: '' , UserIdentityPrincipalid: 'a:b' }, 'UnexpectedUserIdentityType:b', ''],
    [{ UserIdentityType: '', RequestParameters: '{"sessionId":"alice-0123456789abcdef0"}' }, 'alice', ''],
    [{ UserIdentityType: '', RequestParameters: '' }, '', ''],
    [{ UserIdentityType: '', UserIdentityInvokedBy: 'cloudtrail.amazonaws.com', RequestParameters: '{"sessionId":"alice-0123456789abcdef0"}' }, 'cloudtrail.amazonaws.com', ''],
  ];
  const rows = await identity(cases.map((c) => c[0]));
  rows.forEach((r, i) => {
    assert.deepEqual([r.Identity, r.ActorRole], [cases[i]![1], cases[i]![2]], `case ${i}: ${JSON.stringify(cases[i]![0])}`);
  });
});

test('kql-semantics §10.7: TargetRole and TargetRoleSessionName', async () => {
  const rows = await identity([
    { EventName: 'AssumeRole', RequestParameters: '{"roleArn":"arn:aws:iam::111122223333:role/Admin","roleSessionName":"s1"}' },
    { EventName: 'AssumeRole', RequestParameters: '', ErrorMessage: 'User: arn:aws:iam::1:user/x is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role/Admin' },
    { EventName: 'SwitchRole', UserIdentityType: 'AssumedRole', SessionIssuerUserName: 'OpsRole' },
    { EventName: 'SwitchRole', UserIdentityType: 'IAMUser', AdditionalEventData: '{"SwitchTo":"arn:aws:iam::1:role/Target"}' },
    { EventName: 'ConsoleLogin' },
  ]);
  assert.deepEqual(rows.map((r) => [r.TargetRole, r.TargetRoleSessionName]), [
    ['Admin', 's1'],
    ['Admin', ''],
    ['OpsRole', ''],
    ['Target', ''],
    ['', ''],
  ]);
});

test('spec §6: output keeps the input columns in place and appends the six new ones in order', async () => {
  const { columns } = await runQuery('AWSCloudTrail | invoke AWSIdentityRole()', {
    tables: { AWSCloudTrail: cloudTrailTable([]) },
    watchlistCsv: { 'AccountId-AuditAWSAccounts': PROD },
  });
  assert.equal(columns.length, 53 + 6);
  assert.deepEqual(columns.slice(53), ['RecipientAccountName', 'UserIdentityAccountName', 'Identity', 'ActorRole', 'TargetRole', 'TargetRoleSessionName']);
  assert.equal(columns[0], 'TimeGenerated');
});

test('spec §1: a table without the columns still works (column_ifexists appends them as "")', async () => {
  const { rows, columns } = await runQuery(
    'datatable(UserIdentityType:string, UserIdentityInvokedBy:string, ServiceEventDetails:string)["AWSService", "s3.amazonaws.com", ""] | invoke AWSIdentityRole() | project Identity, RecipientAccountId',
    { watchlistCsv: { 'AccountId-AuditAWSAccounts': PROD } },
  );
  assert.deepEqual(columns, ['Identity', 'RecipientAccountId']);
  assert.deepEqual(rows, [{ Identity: 's3.amazonaws.com', RecipientAccountId: '' }]);
});
