/**
 * `--logs s3://bucket/aws/CLOUD_TRAIL_MGMT/2.0/` against a real S3-compatible server (s3rver on
 * loopback, as the live tests use): the Security Lake partitions (`region=`, `accountId=`,
 * `eventDay=`) that cannot hold a row of the query are never listed and their objects never
 * fetched (the server's own request log is counted), and the result equals the same query over a
 * local copy of the whole bucket (no pruning there). Iceberg metadata in the bucket is honoured:
 * a file its current snapshot removed is never fetched, nor older snapshots' metadata.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { writeOcsfParquet, writeVpcFlowParquet } from './ocsf-fixture.ts';
import { lake, records } from './lake-fixture.ts';
import { tempDir } from './helpers.ts';
import { runQuery } from '../helpers/run-query.ts';
import { S3_CREDENTIALS, startS3, type S3Server } from '../live/helpers.ts';

const CLI = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const REGIONS = ['eu-west-1', 'us-east-1'];
const ACCOUNTS = ['111111111111', '222222222222'];
const DAYS = ['20230709', '20230710', '20230711'];
const TABLE = 'aws/CLOUD_TRAIL_MGMT/2.0';

/** 12 partitions of 10 events each, every event in the region, account and day of its folder. */
function partitionedLake(dir: string): void {
  const all = records();
  let n = 0;
  for (const region of REGIONS) {
    for (const account of ACCOUNTS) {
      for (const day of DAYS) {
        const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
        const recs = Array.from({ length: 10 }, (_, i) => {
          const r = all[(n * 10 + i) % all.length]!;
          return { ...r, eventID: `${r.eventID}-${n}-${i}`, awsRegion: region, recipientAccountId: account, eventTime: `${iso}T${String(r.eventTime).slice(11)}` };
        });
        const folder = join(dir, TABLE, `region=${region}`, `accountId=${account}`, `eventDay=${day}`);
        mkdirSync(folder, { recursive: true });
        writeOcsfParquet(join(folder, `part-${n}.gz.parquet`), recs);
        n++;
      }
    }
  }
  const flow = join(dir, 'aws/VPC_FLOW/2.0/region=eu-west-1/accountId=111111111111/eventDay=20230710/flow.gz.parquet');
  mkdirSync(join(flow, '..'), { recursive: true });
  writeVpcFlowParquet(flow, 20);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
}

async function upload(s3: S3Server, dir: string): Promise<void> {
  for (const f of filesUnder(dir)) await s3.put(relative(dir, join(dir, f)).split(sep).join('/'), readFileSync(join(dir, f)));
}

/** The server's request lines once every earlier one has arrived (its log is one pipe, in order). */
async function requestsSince(s3: S3Server, from: number): Promise<string[]> {
  const marker = `settle-${Math.random().toString(36).slice(2)}`;
  await s3.put(marker, Buffer.from(''));
  for (let i = 0; i < 500 && !s3.requests().some((r) => r.includes(marker)); i++) await new Promise((r) => setTimeout(r, 10));
  return s3.requests().slice(from).filter((r) => !r.includes(marker));
}

/** The objects fetched (GetObject: `GET /trail/KEY?x-id=GetObject`), in key order. */
const gets = (lines: readonly string[]) =>
  lines
    .filter((l) => /^GET \/trail\/[^?]/.test(l))
    .map((l) => l.slice('GET /trail/'.length).replace(/\?.*$/, ''))
    .sort();
/** ListObjectsV2 calls (`GET /trail/?list-type=2&prefix=…`). */
const lists = (lines: readonly string[]) => lines.filter((l) => /^GET \/trail\/?\?list-type=2/.test(l));

function s3Logs(s3: S3Server, cacheDir: string, prefix = `${TABLE}/`) {
  return openCloudTrail([`s3://trail/${prefix}`], { s3: { endpoint: s3.endpoint, credentials: S3_CREDENTIALS, cacheDir } });
}

const BY_ACCOUNT = 'summarize n = count(), ids = make_set(AwsEventId) by RecipientAccountId, AWSRegion, EventName | extend ids = array_sort_asc(ids) | order by RecipientAccountId asc, AWSRegion asc, EventName asc';

test('s3:// lake: folders outside the time range, region and account are never listed or fetched; same rows as the whole local copy', { timeout: 180_000 }, async (t) => {
  const dir = tempDir(t);
  const local = join(dir, 'bucket');
  partitionedLake(local);
  const s3 = await startS3(t, join(dir, 's3'));
  await upload(s3, local);
  const queries: { kql: string; fetched: string[] }[] = [
    {
      kql: `AWSCloudTrail | where TimeGenerated >= datetime(2023-07-10) and TimeGenerated < datetime(2023-07-11) | where AWSRegion == "eu-west-1" | ${BY_ACCOUNT}`,
      fetched: ['region=eu-west-1/accountId=111111111111/eventDay=20230710/part-1.gz.parquet', 'region=eu-west-1/accountId=222222222222/eventDay=20230710/part-4.gz.parquet'],
    },
    {
      // =~ folds case, `in` keeps several; the range's end is inclusive to the tick
      kql: `AWSCloudTrail | where TimeGenerated >= datetime(2023-07-10T11:00:00Z) and TimeGenerated <= datetime(2023-07-11T00:00:00Z) | where AWSRegion =~ "US-EAST-1" and RecipientAccountId in ("222222222222") | ${BY_ACCOUNT}`,
      fetched: ['region=us-east-1/accountId=222222222222/eventDay=20230710/part-10.gz.parquet', 'region=us-east-1/accountId=222222222222/eventDay=20230711/part-11.gz.parquet'],
    },
    { kql: `AWSCloudTrail | ${BY_ACCOUNT}`, fetched: filesUnder(join(local, TABLE)).map((f) => f.split(sep).join('/')).sort() },
  ];
  for (const q of queries) {
    const before = s3.requests().length;
    const remote = s3Logs(s3, join(dir, `cache-${before}`));
    const got = await runQuery(q.kql, { tables: { AWSCloudTrail: remote } });
    const lines = await requestsSince(s3, before);
    const want = await runQuery(q.kql, { tables: { AWSCloudTrail: openCloudTrail([local]) } });
    assert.ok(want.rows.length > 0, q.kql);
    assert.deepEqual(got.rows, want.rows, q.kql);
    assert.deepEqual(gets(lines), q.fetched.map((f) => `${TABLE}/${f}`), q.kql);
    assert.equal(remote.summary().failedFiles, 0);
    // the VPC Flow source is skipped by its folder, never fetched
    assert.ok(!gets(lines).some((l) => l.includes('VPC_FLOW')), lines.join('\n'));
    if (q.fetched.length < 12) {
      // pruned folders are stepped over (StartAfter), not listed: one call per folder left out, plus one
      assert.ok(lists(lines).length <= 6, lists(lines).join("\\n"));
      assert.ok(remote.diagnostics().some((d) => /partition folders cannot hold a row/.test(d.message)));
    }
    // messages and file statistics name the objects, not the local copies
    assert.ok(remote.fileStats().every((f) => f.file.startsWith('s3://trail/')));
  }
});

test('s3:// lake with Iceberg metadata: only the current snapshot is read; removed files and old metadata are never fetched', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const local = join(dir, 'bucket');
  const { recs } = await lake(local);
  const s3 = await startS3(t, join(dir, 's3'));
  await upload(s3, local);
  const before = s3.requests().length;
  const remote = s3Logs(s3, join(dir, 'cache'), '');
  const got = await runQuery(`AWSCloudTrail | ${BY_ACCOUNT}`, { tables: { AWSCloudTrail: remote } });
  const want = await runQuery(`AWSCloudTrail | ${BY_ACCOUNT}`, { tables: { AWSCloudTrail: openCloudTrail([local]) } });
  assert.deepEqual(got.rows, want.rows);
  assert.equal(got.rows.reduce((n, r) => n + Number(r.n), 0), recs[0]!.length + recs[2]!.length);
  const part = 'region=us-east-1/accountId=123837392027/eventDay=20230710';
  assert.deepEqual(gets(await requestsSince(s3, before)), [
    `${TABLE}/metadata/00001-7f2e.metadata.json`,
    `${TABLE}/metadata/m2.avro`,
    `${TABLE}/metadata/snap-2.avro`,
    `${TABLE}/${part}/a.gz.parquet`,
    `${TABLE}/${part}/c.gz.parquet`,
  ]);
  assert.ok(remote.diagnostics().some((d) => d.file === `s3://trail/${TABLE}/${part}/b.gz.parquet` && /not in the current snapshot/.test(d.message)));
  assert.ok(!remote.diagnostics().some((d) => d.severity !== 'info'), JSON.stringify(remote.diagnostics()));
});

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' };
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('trailhound query --logs s3://… --endpoint: pruned like the library, same output as the local copy; a bucket that cannot be reached is one line, exit 2', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const local = join(dir, 'bucket');
  partitionedLake(local);
  const s3 = await startS3(t, join(dir, 's3'));
  await upload(s3, local);
  const kql = `AWSCloudTrail | where TimeGenerated > datetime(2023-07-10T23:00:00Z) | ${BY_ACCOUNT}`;
  const before = s3.requests().length;
  const remote = await cli(['query', '--logs', `s3://trail/${TABLE}/`, '--endpoint', s3.endpoint, '--format', 'json', kql]);
  assert.equal(remote.code, 0, remote.stderr);
  const fetched = gets(await requestsSince(s3, before));
  assert.equal(fetched.length, 8, fetched.join('\n')); // days 10 and 11, 2 regions x 2 accounts
  assert.ok(fetched.every((k) => /eventDay=2023071[01]/.test(k)));
  const localRun = await cli(['query', '--logs', local, '--format', 'json', kql]);
  assert.equal(localRun.code, 0, localRun.stderr);
  assert.equal(remote.stdout, localRun.stdout);
  assert.ok((JSON.parse(remote.stdout) as { rows: unknown[] }).rows.length > 0);
  // nothing listens on this port any more: a clear line naming the bucket and the endpoint
  const bad = await cli(['query', '--logs', 's3://trail/x/', '--endpoint', 'http://127.0.0.1:9', 'AWSCloudTrail | count']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.match(bad.stderr, /^trailhound: s3:\/\/trail\/x\/ at http:\/\/127\.0\.0\.1:9: cannot list/m);
  assert.ok(!/\n\s+at /.test(bad.stderr), 'no stack trace');
});
