/**
 * Raw CloudTrail record -> AWSCloudTrail row, checked field by field on real records
 * (Invictus, Stratus) and against the real Sentinel export (value formats).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';
import { sentinelTime } from '../../src/cloudtrail/sentinel-rows.ts';
import { byId, collect, INVICTUS_DAY, SENTINEL_CSV, STRATUS, type Row } from './helpers.ts';

const t = (iso: string) => isoToTicks(iso)!;

/** Every column of `row` equals `expected`, where unspecified string columns are "" and others null. */
function assertRow(row: Row, expected: Record<string, unknown>): void {
  for (const c of AWS_CLOUDTRAIL_SCHEMA) {
    const want = c.name in expected ? expected[c.name] : c.name === 'Type' ? 'AWSCloudTrail' : c.type === 'string' ? '' : null;
    assert.deepEqual(row[c.name], want, `column ${c.name}`);
  }
}

async function invictusRows(file: string): Promise<Map<string, Row>> {
  return byId((await collect(openCloudTrail([join(INVICTUS_DAY, file)]))).rows);
}

test('console DescribeEventAggregates (IAM user session, mfa "true" string) maps field by field', async () => {
  const rows = await invictusRows('218007301253_CloudTrail_us-east-1_20230710T1145Z_s7dpHbl38neqZbm2.json.gz');
  assertRow(rows.get('7542c488-ac8c-4d77-9696-31fb4f1c8398')!, {
    TimeGenerated: t('2023-07-10T11:42:38Z'),
    AwsEventId: '7542c488-ac8c-4d77-9696-31fb4f1c8398',
    EventVersion: '1.08',
    EventSource: 'health.amazonaws.com',
    EventTypeName: 'AwsApiCall',
    EventName: 'DescribeEventAggregates',
    UserIdentityType: 'IAMUser',
    UserIdentityPrincipalid: 'AIDATFQR7NSC5U6Q3TMDR',
    UserIdentityArn: 'arn:aws:iam::123837392027:user/benjamin',
    UserIdentityAccountId: '123837392027',
    UserIdentityAccessKeyId: 'ASIATFQR7NSCX6ILTQHM',
    UserIdentityUserName: 'benjamin',
    SessionMfaAuthenticated: true,
    SessionCreationDate: t('2023-07-10T11:42:31Z'),
    AWSRegion: 'us-east-1',
    SourceIpAddress: '10.248.16.43',
    UserAgent: 'AWS Internal',
    RequestParameters:
      '{"aggregateField":"eventTypeCategory","filter":{"eventStatusCodes":["open","upcoming"],"startTimes":[{"from":"Jul 3, 2023 11:42:38 AM"}]}}',
    AwsRequestId_: '7c17e742-76e2-4be7-8708-96a194a85e04',
    ReadOnly: true,
    RecipientAccountId: '123837392027',
    ManagementEvent: true,
  });
});

test('AwsServiceEvent without userIdentity.type keeps type empty and serviceEventDetails as JSON', async () => {
  const rows = await invictusRows('218007301253_CloudTrail_us-east-1_20230710T1200Z_iLj9fb7yyUG9X4Bf.json.gz');
  assertRow(rows.get('895dc875-cb08-45a5-b8c2-9158838741c0')!, {
    TimeGenerated: t('2023-07-10T11:55:23Z'),
    AwsEventId: '895dc875-cb08-45a5-b8c2-9158838741c0',
    EventVersion: '1.08',
    EventSource: 'ec2.amazonaws.com',
    EventTypeName: 'AwsServiceEvent',
    EventName: 'SharedSnapshotVolumeCreated',
    UserIdentityAccountId: '123837392027',
    UserIdentityInvokedBy: 'ec2.amazonaws.com',
    AWSRegion: 'us-east-1',
    SourceIpAddress: 'ec2.amazonaws.com',
    UserAgent: 'ec2.amazonaws.com',
    ReadOnly: false,
    RecipientAccountId: '123837392027',
    ServiceEventDetails: '{"snapshotId":"snap-0e83092ae538da583"}',
    SharedEventId: 'b81f7fe5-36b5-49ea-bbc9-6a9007e733c0',
    ManagementEvent: true,
  });
});

test('AWSService S3 call: resources, vpc endpoint, TLS, and "+" escaped like System.Text.Json', async () => {
  const rows = await invictusRows('218007301253_CloudTrail_us-east-1_20230710T1205Z_nx9Yx1FyJdBaTqKj.json.gz');
  assertRow(rows.get('24239609-ea6d-43a3-8dad-894bebe7f6f1')!, {
    TimeGenerated: t('2023-07-10T12:00:31Z'),
    AwsEventId: '24239609-ea6d-43a3-8dad-894bebe7f6f1',
    EventVersion: '1.08',
    EventSource: 's3.amazonaws.com',
    EventTypeName: 'AwsApiCall',
    EventName: 'GetBucketAcl',
    UserIdentityType: 'AWSService',
    UserIdentityInvokedBy: 'cloudtrail.amazonaws.com',
    AWSRegion: 'us-east-1',
    SourceIpAddress: 'cloudtrail.amazonaws.com',
    UserAgent: 'cloudtrail.amazonaws.com',
    RequestParameters:
      '{"bucketName":"stratus-red-team-ctlr-bucket-zqfsvooxqj","Host":"stratus-red-team-ctlr-bucket-zqfsvooxqj.s3.us-east-1.amazonaws.com","acl":""}',
    AdditionalEventData:
      '{"SignatureVersion":"SigV4","CipherSuite":"ECDHE-RSA-AES128-GCM-SHA256","bytesTransferredIn":0,"AuthenticationMethod":"AuthHeader","x-amz-id-2":"SDLilSr\\u002Bc7w6cpAjm6VKBfGPzgyWc5T2RlnsRxvtXgOpDmNPO7mIFVMpgGJhyJWDiITgz/ygCHA=","bytesTransferredOut":552}',
    AwsRequestId_: '2S8ETNRZSS2PZPNJ',
    Resources: '[{"accountId":"123837392027","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::stratus-red-team-ctlr-bucket-zqfsvooxqj"}]',
    ReadOnly: true,
    RecipientAccountId: '123837392027',
    SharedEventId: '01397393-6713-4e93-8e28-4f7a541d0e67',
    VpcEndpointId: 'vpce-09392f888cd7298db',
    ManagementEvent: true,
  });
});

test('Stratus samples: security-group ports/CIDR columns, ec2RoleDelivery, federated user', async () => {
  const { rows } = await collect(openCloudTrail([STRATUS]));
  const sg = rows.find((r) => r['EventName'] === 'AuthorizeSecurityGroupIngress')!;
  assert.equal(sg['IpProtocol'], 'tcp');
  assert.equal(sg['SourcePort'], '22');
  assert.equal(sg['DestinationPort'], '22');
  assert.equal(sg['CidrIp'], '208.236.235.254/0');
  assert.equal(sg['RequestParameters'], '{"cidrIp":"208.236.235.254/0","fromPort":22,"groupId":"sg-003dc7f1f1c686164","ipPermissions":{},"ipProtocol":"tcp","toPort":22}');
  const raw = JSON.parse(readFileSync(join(STRATUS, 'aws.credential-access.ec2-steal-instance-credentials.json'), 'utf8')) as Record<string, any>[];
  const withRole = raw.find((r) => r.userIdentity?.sessionContext?.ec2RoleDelivery);
  assert.ok(withRole, 'the sample has an ec2RoleDelivery record');
  const row = rows.find((r) => r['AwsEventId'] === withRole.eventID)!;
  assert.equal(row['EC2RoleDelivery'], withRole.userIdentity.sessionContext.ec2RoleDelivery);
  assert.equal(row['UserIdentityType'], 'AssumedRole');
  assert.equal(row['SessionIssuerType'], withRole.userIdentity.sessionContext.sessionIssuer.type);
  assert.equal(row['SessionIssuerArn'], withRole.userIdentity.sessionContext.sessionIssuer.arn);
  const fed = rows.find((r) => r['UserIdentityType'] === 'FederatedUser')!;
  assert.equal(fed['SessionIssuerType'], 'IAMUser');
  const login = rows.find((r) => r['EventName'] === 'ConsoleLogin')!;
  assert.equal(login['AdditionalEventData'], '{"LoginTo":"https://console.aws.amazon.com/console/home","MFAUsed":"No","MobileVersion":"No"}');
  assert.equal(login['ResponseElements'], '{"ConsoleLogin":"Success"}');
  assert.equal(login['RequestParameters'], '', 'JSON null -> empty string');
  assert.equal(login['SessionMfaAuthenticated'], null, 'no sessionContext -> null bool');
  assert.equal(login['TlsVersion'], 'TLSv1.3');
});

/**
 * The golden test: for each row of the real Sentinel export, rebuild the raw CloudTrail
 * ConsoleLogin record AWS delivered (literal `&` in LoginTo, as in raw AWS files; fields absent
 * where Sentinel shows empty), map it, and compare all 53 columns with the exported cells.
 */
test('mapped ConsoleLogin rows equal the real Sentinel export, column by column', () => {
  const records = parse(readFileSync(SENTINEL_CSV, 'utf8'), { columns: true }) as Record<string, string>[];
  assert.equal(records.length, 5);
  for (const cell of records) {
    const ui: Record<string, unknown> = { type: cell['UserIdentityType'] };
    if (cell['UserIdentityPrincipalid']) ui['principalId'] = cell['UserIdentityPrincipalid'];
    if (cell['UserIdentityArn']) ui['arn'] = cell['UserIdentityArn'];
    ui['accountId'] = cell['UserIdentityAccountId'];
    if (cell['UserIdentityUserName']) ui['userName'] = cell['UserIdentityUserName'];
    const raw: Record<string, unknown> = {
      eventVersion: cell['EventVersion'],
      userIdentity: ui,
      eventTime: new Date(Number(sentinelTime(cell['TimeGenerated [UTC]'])! / 10000n - 62135596800000n)).toISOString().replace('.000Z', 'Z'),
      eventSource: cell['EventSource'],
      eventName: cell['EventName'],
      awsRegion: cell['AWSRegion'],
      sourceIPAddress: cell['SourceIpAddress'],
      userAgent: cell['UserAgent'],
      ...(cell['ErrorMessage'] ? { errorMessage: cell['ErrorMessage'] } : {}),
      requestParameters: null,
      responseElements: JSON.parse(cell['ResponseElements']!),
      additionalEventData: JSON.parse(cell['AdditionalEventData']!), // \u0026 -> & as AWS wrote it
      eventID: cell['AwsEventId'],
      readOnly: false,
      eventType: cell['EventTypeName'],
      managementEvent: true,
      recipientAccountId: cell['RecipientAccountId'],
      eventCategory: 'Management',
      tlsDetails: { tlsVersion: cell['TlsVersion'], cipherSuite: cell['CipherSuite'], clientProvidedHostHeader: cell['ClientProvidedHostHeader'] },
    };
    const text = JSON.stringify(raw);
    assert.ok(text.includes('&isauthcode'), 'raw text has the literal & AWS writes');
    const row = new RecordMapper({ tenantId: cell['TenantId']! }).mapRow(raw, text);
    AWS_CLOUDTRAIL_SCHEMA.forEach((c, i) => {
      const exported = cell[c.type === 'datetime' ? `${c.name} [UTC]` : c.name]!;
      const want = c.type === 'string' ? exported : c.type === 'bool' ? (exported === '' ? null : exported === 'true') : sentinelTime(exported);
      assert.deepEqual(row[i], want, `${cell['AwsEventId']} ${c.name}`);
    });
  }
});

test('valueOf gives, column by column, what mapInto puts in the row (the reader checks pushed-down predicates with it before mapping)', () => {
  const records: { rec: Record<string, unknown>; text: string }[] = [];
  for (const file of readdirSync(INVICTUS_DAY)) {
    const bytes = readFileSync(join(INVICTUS_DAY, file));
    const doc = JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as { Records: Record<string, unknown>[] };
    for (const rec of doc.Records) records.push({ rec, text: JSON.stringify(rec) });
  }
  // wrong types and \u escapes take the other paths of mapping
  records.push({ rec: { eventTime: 7, sourceIPAddress: { a: 1 }, readOnly: 'yes', requestParameters: { k: 'v\u00e9' } }, text: '{"eventTime":7,"sourceIPAddress":{"a":1},"readOnly":"yes","requestParameters":{"k":"v\\u00e9"}}' });
  records.push({ rec: { eventName: 'X', requestParameters: { n: 1 } }, text: '{"eventName":"X","requestParameters":{"n":1}}' });
  assert.ok(records.length > 10, 'sample records loaded');
  const mapper = new RecordMapper();
  for (const { rec, text } of records) {
    for (const t of [text, undefined]) {
      const row = mapper.mapRow(rec, t);
      for (let i = 0; i < AWS_CLOUDTRAIL_SCHEMA.length; i++) assert.deepEqual(mapper.valueOf(i, rec, t), row[i], `column ${AWS_CLOUDTRAIL_SCHEMA[i]!.name}`);
    }
  }
});
