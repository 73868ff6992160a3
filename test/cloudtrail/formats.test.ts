/**
 * Every delivery format gives the same AWSCloudTrail rows as the plain S3 file the records
 * came from. Fixtures are written to a temp dir from the real Stratus / Invictus records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';
import { byId, collect, DERIVED, INVICTUS, INVICTUS_DAY, SENTINEL_CSV, STRATUS, tempDir, type Row } from './helpers.ts';

type Obj = Record<string, any>;

function stratusRecords(): Obj[] {
  return readdirSync(STRATUS)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as Obj[]);
}

async function rowsOf(paths: string[], opts = {}): Promise<Row[]> {
  return (await collect(openCloudTrail(paths, opts))).rows;
}

function assertSameRows(actual: Row[], expected: Row[], what: string, skip: string[] = []): void {
  assert.equal(actual.length, expected.length, `${what}: row count`);
  const want = byId(expected);
  for (const row of actual) {
    const e = want.get(row['AwsEventId'] as string);
    assert.ok(e, `${what}: unexpected row ${String(row['AwsEventId'])}`);
    for (const c of AWS_CLOUDTRAIL_SCHEMA) {
      if (skip.includes(c.name)) continue;
      assert.deepEqual(row[c.name], e[c.name], `${what}: ${String(row['AwsEventId'])} ${c.name}`);
    }
  }
}

test('S3 tree of .json.gz: all 2,900 Invictus records, ingestion time from the file name', async () => {
  const src = openCloudTrail([INVICTUS]);
  const { rows, ingestion } = await collect(src);
  assert.equal(rows.length, 2900);
  assert.equal(src.summary().files, 55);
  // the first file in name order is ..._20230710T1145Z_...
  const first = readdirSync(INVICTUS_DAY).sort()[0]!;
  assert.match(first, /_20230710T1145Z_/);
  assert.equal(ingestion[0], isoToTicks('2023-07-10T11:45:00Z'));
  assert.ok(ingestion.every((t) => t !== null && t >= isoToTicks('2023-07-10T11:45:00Z')! && t <= isoToTicks('2023-07-10T12:40:00Z')!));
});

test('org trail tree; digest and Insights files skipped by path; Insights records kept out', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  const day = join(dir, 'AWSLogs/o-abc123def4/111122223333/CloudTrail/eu-west-1/2024/08/02');
  const digestDay = join(dir, 'AWSLogs/o-abc123def4/111122223333/CloudTrail-Digest/eu-west-1/2024/08/02');
  const insightDay = join(dir, 'AWSLogs/o-abc123def4/111122223333/CloudTrail-Insight/eu-west-1/2024/08/02');
  for (const d of [day, digestDay, insightDay]) mkdirSync(d, { recursive: true });
  const insight = { eventVersion: '1.08', eventTime: '2024-08-02T09:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', eventType: 'AwsCloudTrailInsight', eventID: 'insight-1', eventCategory: 'Insight', insightDetails: { state: 'Start' } };
  writeFileSync(join(day, '111122223333_CloudTrail_eu-west-1_20240802T0905Z_abcdefghijklmnop.json.gz'), gzipSync(JSON.stringify({ Records: [...recs, insight] })));
  writeFileSync(join(digestDay, '111122223333_CloudTrail-Digest_eu-west-1_trail_eu-west-1_20240802T090512Z.json.gz'), gzipSync(JSON.stringify({ awsAccountId: '111122223333', digestStartTime: '2024-08-02T08:05:12Z', logFiles: [] })));
  writeFileSync(join(insightDay, '111122223333_CloudTrail-Insight_eu-west-1_20240802T0905Z_abcdefghijklmnop.json.gz'), gzipSync(JSON.stringify({ Records: [insight] })));
  const src = openCloudTrail([dir]);
  const { rows, ingestion } = await collect(src);
  assertSameRows(rows, await rowsOf([STRATUS]), 'org trail');
  assert.equal(ingestion[0], isoToTicks('2024-08-02T09:05:00Z'));
  const s = src.summary();
  assert.equal(s.skippedFiles, 2, 'digest + insights files');
  assert.equal(s.files, 3);
  assert.equal(s.skippedRecords, 1, 'the Insights record in a data file');
  assert.equal(s.failedRecords, 0);
  assert.ok(src.diagnostics().some((d) => d.severity === 'info' && /digest/.test(d.message)));
  // a digest file named explicitly is recognised by content
  const d2 = openCloudTrail([join(digestDay, readdirSync(digestDay)[0]!)]);
  assert.equal((await collect(d2)).rows.length, 0);
  assert.equal(d2.summary().skippedFiles, 1);
  assert.equal(d2.summary().failedFiles, 0);
});

test('plain {"Records"} JSON, bare arrays, JSON Lines (plain and gzipped)', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  const expected = await rowsOf([STRATUS]);
  const lines = recs.map((r) => JSON.stringify(r)).join('\n') + '\n';
  writeFileSync(join(dir, 'records.jsonl'), lines);
  writeFileSync(join(dir, 'records.ndjson.gz'), gzipSync(lines));
  writeFileSync(join(dir, 'cloudwatch-export.json'), lines); // .json name, JSON Lines content
  for (const f of ['records.jsonl', 'records.ndjson.gz', 'cloudwatch-export.json']) {
    const src = openCloudTrail([join(dir, f)]);
    assertSameRows((await collect(src)).rows, expected, f);
    assert.equal(src.fileStats()[0]!.format, 'jsonl', f);
  }
  const derived = await rowsOf([DERIVED]);
  assert.equal(derived.length, 48);
  assert.ok(derived.every((r) => r['EventName'] === 'DescribeEventAggregates'));
});

test('aws cloudtrail lookup-events output: Events[].CloudTrailEvent', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  const out = {
    Events: recs.map((r) => ({
      EventId: r.eventID, EventName: r.eventName, ReadOnly: String(r.readOnly), EventTime: r.eventTime.replace('Z', '+00:00'),
      EventSource: r.eventSource, Username: r.userIdentity?.userName, Resources: [], CloudTrailEvent: JSON.stringify(r),
    })),
    NextToken: 'abc',
  };
  writeFileSync(join(dir, 'lookup.json'), JSON.stringify(out, null, 4));
  assertSameRows(await rowsOf([join(dir, 'lookup.json')]), await rowsOf([STRATUS]), 'lookup-events');
});

test('CloudWatch Logs: subscription data (concatenated, gzipped) and filter-log-events output', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  const ev = (r: Obj, i: number) => ({ id: String(i), timestamp: Date.parse(r.eventTime), message: JSON.stringify(r) });
  const sub = (part: Obj[]) => ({ messageType: 'DATA_MESSAGE', owner: '111122223333', logGroup: 'aws-cloudtrail-logs', logStream: '111122223333_CloudTrail_eu-west-1', subscriptionFilters: ['f'], logEvents: part.map(ev) });
  writeFileSync(join(dir, 'firehose-object.gz'), gzipSync(JSON.stringify(sub(recs.slice(0, 20))) + JSON.stringify(sub(recs.slice(20)))));
  writeFileSync(join(dir, 'filter-log-events.json'), JSON.stringify({ events: recs.map((r, i) => ({ logStreamName: 's', ...ev(r, i), ingestionTime: 1, eventId: String(i) })), searchedLogStreams: [] }, null, 2));
  const expected = await rowsOf([STRATUS]);
  assertSameRows(await rowsOf([join(dir, 'firehose-object.gz')]), expected, 'subscription data');
  assertSameRows(await rowsOf([join(dir, 'filter-log-events.json')]), expected, 'filter-log-events');
});

test('CloudTrail Lake query results: eventjson column, and flat lower-case columns', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  writeFileSync(join(dir, 'lake.json'), JSON.stringify({ QueryStatus: 'FINISHED', QueryStatistics: { ResultsCount: recs.length }, QueryResultRows: recs.map((r) => [{ eventjson: JSON.stringify(r) }]) }));
  assertSameRows(await rowsOf([join(dir, 'lake.json')]), await rowsOf([STRATUS]), 'lake eventjson');
  const flat = recs.map((r) => Object.entries(r).filter(([, v]) => v !== null).map(([k, v]) => ({ [k.toLowerCase()]: typeof v === 'string' ? v : JSON.stringify(v) })));
  writeFileSync(join(dir, 'lake-flat.json'), JSON.stringify({ QueryStatus: 'FINISHED', QueryResultRows: flat }));
  assertSameRows(await rowsOf([join(dir, 'lake-flat.json')]), await rowsOf([STRATUS]), 'lake flat columns');
});

test('EventBridge "AWS API Call via CloudTrail" envelopes: single object, JSON Lines, array', async (t) => {
  const dir = tempDir(t);
  const recs = stratusRecords();
  const env = (r: Obj) => ({ version: '0', id: 'x-' + r.eventID, 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.' + r.eventSource.split('.')[0], account: r.recipientAccountId, time: r.eventTime, region: r.awsRegion, resources: [], detail: r });
  writeFileSync(join(dir, 'one.json'), JSON.stringify(env(recs[0]!), null, 2));
  writeFileSync(join(dir, 'many.jsonl'), recs.map((r) => JSON.stringify(env(r))).join('\n'));
  writeFileSync(join(dir, 'array.json'), JSON.stringify(recs.map(env)));
  const expected = await rowsOf([STRATUS]);
  assertSameRows(await rowsOf([join(dir, 'one.json')]), expected.filter((r) => r['AwsEventId'] === recs[0]!.eventID), 'single envelope');
  assertSameRows(await rowsOf([join(dir, 'many.jsonl')]), expected, 'envelopes as JSON Lines');
  assertSameRows(await rowsOf([join(dir, 'array.json')]), expected, 'array of envelopes');
});

test('Security Lake OCSF API Activity Parquet (gzip codec, several row groups) maps back to the same rows (fixture built with the published 1.1.0 mapping)', async (t) => {
  const dir = tempDir(t);
  const recs = [...stratusRecords(), ...(JSON.parse(readFileSync(DERIVED, 'utf8')) as { Records: Obj[] }).Records];
  const file = join(dir, 'aws/CLOUD_TRAIL_MGMT/1.0/region=us-east-1/accountId=123837392027/eventDay=20230710/part-0.gz.parquet');
  mkdirSync(join(file, '..'), { recursive: true });
  writeOcsfParquet(file, recs, { version: '1.1.0' });
  const src = openCloudTrail([dir]);
  const got = (await collect(src)).rows;
  assert.equal(src.fileStats()[0]!.format, 'parquet');
  assert.equal(src.summary().failedRecords, 0);
  const expected = [...(await rowsOf([STRATUS])), ...(await rowsOf([DERIVED]))];
  // every column round-trips through OCSF for these records, but for the key order of
  // AdditionalEventData, which OCSF does not keep (ocsf.test.ts has the mapping itself)
  assertSameRows(got, expected, 'OCSF parquet', ['AdditionalEventData']);
});

test('rows already in AWSCloudTrail shape: Sentinel CSV export, JSON array, JSON Lines', async (t) => {
  const src = openCloudTrail([SENTINEL_CSV]);
  const csvRows = (await collect(src)).rows;
  assert.equal(csvRows.length, 5);
  const first = csvRows[0]!;
  assert.equal(first['TimeGenerated'], isoToTicks('2025-04-21T09:45:54Z'));
  assert.equal(first['AwsEventId'], '190150da-f77d-428f-b699-78e570f2dae3');
  assert.equal(first['ReadOnly'], false);
  assert.equal(first['ManagementEvent'], true);
  assert.equal(first['SessionMfaAuthenticated'], null);
  assert.equal(first['TenantId'], '46bec743-35fa-4608-b7e2-2aa3c38a97c2');
  assert.match(first['AdditionalEventData'] as string, /\\u0026isauthcode=true/);
  // JSON and JSON Lines exports of the same rows load identically
  const dir = tempDir(t);
  const asJson = csvRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? new Date(Number(v / 10000n - 62135596800000n)).toISOString() : v])));
  writeFileSync(join(dir, 'export.json'), JSON.stringify(asJson));
  writeFileSync(join(dir, 'export.jsonl'), asJson.map((r) => JSON.stringify(r)).join('\n'));
  assertSameRows(await rowsOf([join(dir, 'export.json')]), csvRows, 'sentinel JSON');
  assertSameRows(await rowsOf([join(dir, 'export.jsonl')]), csvRows, 'sentinel JSON Lines');
});

test('ingestion time falls back to the file mtime; format override', async (t) => {
  const dir = tempDir(t);
  const f = join(dir, 'no-timestamp-name.txt');
  writeFileSync(f, JSON.stringify(stratusRecords()));
  utimesSync(f, new Date('2024-09-01T10:00:00Z'), new Date('2024-09-01T10:00:00Z'));
  const { rows, ingestion } = await collect(openCloudTrail([f], { format: 'json' }));
  assert.equal(rows.length, 50);
  assert.ok(ingestion.every((x) => x === isoToTicks('2024-09-01T10:00:00Z')));
});

test('folder walks follow symbolic links, read each real folder once, and ignore non-data files', async (t) => {
  const { symlinkSync } = await import('node:fs');
  const dir = tempDir(t);
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'records.json'), JSON.stringify(stratusRecords()));
  writeFileSync(join(dir, 'a', 'README.md'), '# not a log');
  symlinkSync(join(dir, 'a'), join(dir, 'link-to-a'));
  symlinkSync(dir, join(dir, 'a', 'loop'));
  const src = openCloudTrail([dir], { keepDuplicates: true });
  const { rows } = await collect(src);
  // link-to-a is the same folder as a: read once; the loop back to the root is not followed
  assert.equal(src.summary().files, 1);
  assert.equal(rows.length, 50);
});
