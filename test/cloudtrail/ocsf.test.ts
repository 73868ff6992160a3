/**
 * Security Lake OCSF -> AWSCloudTrail, for both source versions (OCSF 1.0.0-rc.2 and 1.1.0).
 * The Parquet files are built from the real Invictus and Stratus records with the PUBLISHED
 * CloudTrail -> OCSF tables (ocsf-fixture.ts cites them), then read back and compared with the
 * rows read from the same records directly: equal, except for what OCSF itself loses
 * (docs/cloudtrail.md, "Security Lake (OCSF)").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { ocsfClass, writeOcsfParquet, writeVpcFlowParquet, type OcsfVersion } from './ocsf-fixture.ts';
import { byId, collect, INVICTUS, invictusAndStratusRecords, STRATUS, tempDir, type Row } from './helpers.ts';

type Obj = Record<string, any>;

const records = invictusAndStratusRecords;

const JSON_COLUMNS = ['RequestParameters', 'ResponseElements', 'AdditionalEventData', 'ServiceEventDetails', 'Resources'];

/**
 * What survives `unmapped` (map<string,string> keyed by dotted paths): leaves as text, no empty
 * objects or arrays, and a key holding a dot ("resource.resourceType") comes back as two levels.
 */
function asUnmapped(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(asUnmapped) : undefined;
  if (v !== null && typeof v === 'object') {
    const o: Obj = {};
    for (const [k, x] of Object.entries(v)) {
      const y = asUnmapped(x);
      if (y === undefined) continue;
      const parts = k.split('.');
      let t = o;
      for (const p of parts.slice(0, -1)) t = t[p] ??= {};
      t[parts[parts.length - 1]!] = y;
    }
    return Object.keys(o).length ? o : undefined;
  }
  return v === null || v === undefined ? undefined : String(v);
}
const parsed = (s: unknown) => (s === '' ? undefined : JSON.parse(s as string));

async function direct(): Promise<Map<string, Row>> {
  return byId((await collect(openCloudTrail([INVICTUS, STRATUS]))).rows);
}

async function viaOcsf(t: { after: (f: () => void) => void }, version: OcsfVersion): Promise<Row[]> {
  const dir = tempDir(t as never);
  const file = join(dir, `aws/CLOUD_TRAIL_MGMT/${version === '1.1.0' ? '2.0' : '1.0'}/region=us-east-1/accountId=123837392027/eventDay=20230710/part-0.gz.parquet`);
  mkdirSync(join(file, '..'), { recursive: true });
  writeOcsfParquet(file, records(), { version, rowGroupSize: 500 });
  const src = openCloudTrail([dir]);
  const rows = (await collect(src)).rows;
  assert.equal(src.summary().failedRecords, 0);
  assert.equal(src.summary().skippedRecords, 0);
  return rows;
}

test('OCSF 1.1.0 (Security Lake source version 2): every column as read directly, all three classes', async (t) => {
  const want = await direct();
  const rows = await viaOcsf(t, '1.1.0');
  assert.equal(rows.length, want.size);
  const classes = new Set(records().map((r) => ocsfClass(r, '1.1.0')));
  assert.deepEqual([...classes].sort(), [3001, 3002, 6003]);
  for (const row of rows) {
    const e = want.get(row['AwsEventId'] as string)!;
    for (const c of AWS_CLOUDTRAIL_SCHEMA) {
      const what = `${String(row['AwsEventId'])} ${String(row['EventName'])} ${c.name}`;
      if (c.name === 'AdditionalEventData' || c.name === 'ServiceEventDetails') {
        // kept in `unmapped`, a map of strings: 375 comes back as "375"
        assert.deepEqual(asUnmapped(parsed(row[c.name])), asUnmapped(parsed(e[c.name])), what);
      } else if (c.name === 'RequestParameters' || c.name === 'ResponseElements') {
        // api.request.data is JSON text: the same values, numbers spelled as JSON.stringify does
        assert.deepEqual(parsed(row[c.name]), parsed(e[c.name]), what);
      } else {
        assert.deepEqual(row[c.name], e[c.name], what);
      }
    }
  }
  // resources[].owner.account.uid is the accountId
  assert.ok(rows.some((r) => /"accountId":"\d{12}"/.test(r['Resources'] as string)));
});

test('OCSF 1.0.0-rc.2 (source version 1, class 3005): uid is the principal id and uuid the ARN; everything else as read directly, less what unmapped loses', async (t) => {
  const want = await direct();
  const rows = await viaOcsf(t, '1.0.0-rc.2');
  assert.equal(rows.length, want.size);
  let assumedRoles = 0;
  for (const row of rows) {
    const e = want.get(row['AwsEventId'] as string)!;
    if (e['UserIdentityType'] === 'AssumedRole') assumedRoles++;
    for (const c of AWS_CLOUDTRAIL_SCHEMA) {
      const what = `${String(row['AwsEventId'])} ${String(row['EventName'])} ${c.name}`;
      if (JSON_COLUMNS.includes(c.name) && c.name !== 'Resources') {
        // rc.2 has no api.request.data: request and response are flattened into `unmapped`, and
        // Account Change's `user` (uid, name) takes its fields out of them
        const expected = asUnmapped(parsed(e[c.name])) as Obj | undefined;
        if (expected && ocsfClass({ eventSource: e['EventSource'], eventName: e['EventName'] }, '1.0.0-rc.2') === 3001) {
          for (const k of ['userName', 'roleName']) delete expected[k];
          for (const k of ['role', 'user']) for (const f of ['roleId', 'userId', 'roleName', 'userName']) delete expected[k]?.[f];
        }
        assert.deepEqual(asUnmapped(parsed(row[c.name])), asUnmapped(expected), what);
      } else {
        assert.deepEqual(row[c.name], e[c.name], what);
      }
    }
  }
  assert.ok(assumedRoles > 0);
  // the ARN column holds ARNs (not AIDA…/AROA… ids), so role sessions stay apart
  assert.ok(rows.every((r) => r['UserIdentityArn'] === '' || String(r['UserIdentityArn']).startsWith('arn:')));
  assert.ok(rows.filter((r) => r['UserIdentityType'] === 'AssumedRole').every((r) => /^AROA/.test(r['UserIdentityPrincipalid'] as string)));
});

test('Authentication (3002) sign-ins get ResponseElements ConsoleLogin and AdditionalEventData LoginTo/MFAUsed back, both versions', async (t) => {
  const want = await direct();
  const logins = [...want.values()].filter((r) => r['EventName'] === 'ConsoleLogin');
  assert.ok(logins.length > 0);
  for (const version of ['1.0.0-rc.2', '1.1.0'] as const) {
    const rows = (await viaOcsf(t, version)).filter((r) => r['EventName'] === 'ConsoleLogin');
    assert.equal(rows.length, logins.length);
    for (const row of rows) {
      const e = want.get(row['AwsEventId'] as string)!;
      assert.match(row['ResponseElements'] as string, /^\{"ConsoleLogin":"(Success|Failure)"\}$/);
      assert.equal(row['ResponseElements'], e['ResponseElements'], version);
      // OCSF keeps no key order: CloudTrail's own (LoginTo, MobileVersion, MFAUsed) is written back,
      // so the real Invictus records match as text and the Stratus ones (keys sorted) as values
      assert.deepEqual(parsed(row['AdditionalEventData']), parsed(e['AdditionalEventData']), version);
      if (/"LoginTo".*"MobileVersion".*"MFAUsed"/.test(e['AdditionalEventData'] as string)) assert.equal(row['AdditionalEventData'], e['AdditionalEventData'], version);
      assert.match(row['AdditionalEventData'] as string, /"LoginTo":.*"MFAUsed":"(Yes|No)"/);
    }
  }
});

test('a lake folder holding VPC Flow (class 4001) beside CloudTrail: the flow records are skipped and counted, not read as empty rows', async (t) => {
  const dir = tempDir(t);
  // a flow file placed where a CloudTrail file would be: its records, not its path, decide
  const flow = join(dir, 'aws/CLOUD_TRAIL_MGMT/2.0/region=us-east-1/accountId=123456789012/eventDay=20230710/flow.gz.parquet');
  mkdirSync(join(flow, '..'), { recursive: true });
  writeVpcFlowParquet(flow, 50);
  const ct = join(join(flow, '..'), 'ct.gz.parquet');
  writeOcsfParquet(ct, records().slice(0, 30));
  const src = openCloudTrail([dir]);
  const rows = (await collect(src)).rows;
  assert.equal(rows.length, 30);
  assert.ok(rows.every((r) => r['EventName'] !== ''));
  assert.equal(src.summary().skippedRecords, 50);
  assert.equal(src.summary().skippedFiles, 1);
  const note = src.diagnostics().find((d) => d.file === flow);
  assert.match(note?.message ?? '', /50 Security Lake records of Network Activity \(class 4001\) from Amazon VPC: not CloudTrail, skipped/);
});

test('an OCSF Parquet scan that reads only some columns decodes only their OCSF fields and gives the same values', async (t) => {
  const dir = tempDir(t);
  const file = join(dir, 'part-0.gz.parquet');
  writeOcsfParquet(file, records(), { version: '1.1.0', rowGroupSize: 700 });
  const all = byId((await collect(openCloudTrail([file]))).rows);
  for (const cols of [['EventName'], ['UserIdentityArn', 'SessionMfaAuthenticated'], ['RequestParameters', 'SourcePort'], ['AdditionalEventData', 'ResponseElements'], ['TimeGenerated', 'RecipientAccountId', 'Resources'], ['TlsVersion', 'EventTypeName']]) {
    const rows = (await collect(openCloudTrail([file]), [], new Set([...cols, 'AwsEventId']))).rows;
    assert.equal(rows.length, all.size);
    for (const r of rows) for (const c of cols) assert.deepEqual(r[c], all.get(r['AwsEventId'] as string)![c], `${cols.join(',')}: ${c}`);
  }
});
