/**
 * What a command loads (issue #5, start-up time): the AWS SDK, cli-progress and the Parquet reader
 * cost more to load than most runs take, so they load on first use only. Also the CLI bundle that
 * bin/trailhound.js runs when the startup snapshot cannot be used (scripts/node-bundle.mjs): it
 * must behave as the sources do, worker threads and `watch --s3` included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { bundleForNode } from '../../scripts/node-bundle.mjs';
import { S3_CREDENTIALS, startS3, tempDir, trailBody, trailKey } from '../live/helpers.ts';
import { writeOcsfParquet } from '../cloudtrail/ocsf-fixture.ts';
import { DERIVED } from '../cloudtrail/helpers.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const MODULE_LOG = fileURLToPath(new URL('../helpers/module-log.mjs', import.meta.url));
const SOURCES = join(root, 'src', 'cli', 'bin.ts');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every module the process and its threads loaded (URLs and paths). */
  modules: string[];
}

/** Runs the CLI from `entry`: the .ts sources through tsx, or a script calling a bundle's main. */
function run(entry: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  const log = join(mkdtempSync(join(tmpdir(), 'th-modules-')), 'modules.txt');
  writeFileSync(log, '');
  const start = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  const child = spawn(process.execPath, ['--import', MODULE_LOG, ...start, ...args], {
    cwd: root,
    env: { ...process.env, ...env, TRAILHOUND_MODULE_LOG: log },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) =>
    child.on('close', (code) => {
      const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
      rmSync(join(log, '..'), { recursive: true, force: true });
      resolve({ code, stdout, stderr, modules });
    }),
  );
}

const loaded = (r: Run, pkg: string) => r.modules.filter((m) => m.includes(`/node_modules/${pkg}/`));

function assertLazy(r: Run) {
  assert.deepEqual(loaded(r, '@aws-sdk'), [], 'the AWS SDK is not loaded');
  assert.deepEqual(loaded(r, 'cli-progress'), [], 'cli-progress is not loaded (no terminal)');
  assert.deepEqual(loaded(r, 'hyparquet'), [], 'the Parquet reader is not loaded');
}

test('detect and watch on local files, from the sources: no AWS SDK, cli-progress or Parquet reader', async (t) => {
  const detect = await run(SOURCES, ['detect', '--logs', 'examples/session-theft', '--format', 'jsonl', '--no-fail']);
  assert.equal(detect.code, 0, detect.stderr);
  assert.equal(detect.stdout.trim().split('\n').length, 2);
  assert.ok(loaded(detect, 'yaml').length > 0, 'the check sees packages the run does load');
  assertLazy(detect);
  const dir = tempDir(t);
  const watch = await run(SOURCES, ['watch', '--logs', 'examples/session-theft', '--state', join(dir, 'state'), '--once', '--now', '2023-07-10T12:00:00Z', '--out', join(dir, 'a.jsonl')]);
  assert.equal(watch.code, 0, watch.stderr);
  assertLazy(watch);
});

/** Two JSON files of 17 MiB each: enough bytes (32 MiB) for the reader to start worker threads. */
function largeTree(dir: string): string {
  const logs = join(dir, 'big');
  mkdirSync(logs);
  for (const [i, name] of ['DescribeInstances', 'ListBuckets'].entries()) {
    const records = Array.from({ length: 3 }, (_, j) => ({
      eventVersion: '1.08',
      eventTime: `2024-05-01T12:0${j}:00Z`,
      eventSource: 'ec2.amazonaws.com',
      eventName: name,
      awsRegion: 'us-east-1',
      sourceIPAddress: '198.51.100.7',
      userIdentity: { type: 'IAMUser', accountId: '111122223333', arn: 'arn:aws:iam::111122223333:user/alice' },
      eventID: `e-${i}-${j}`,
      recipientAccountId: '111122223333',
      requestParameters: { padding: 'x'.repeat(Math.floor((17 * 1024 * 1024) / 3)) },
    }));
    writeFileSync(join(logs, `111122223333_CloudTrail_us-east-1_20240501T120${i}Z_${i}.json`), JSON.stringify({ Records: records }));
  }
  return logs;
}

test('the CLI bundle (scripts/node-bundle.mjs): same results as the sources, worker threads from its own worker, watch --s3', async (t) => {
  // Inside the package, as dist/node is: the bundle finds content/ and node_modules by walking up.
  const cache = join(root, 'node_modules', '.cache', 'trailhound');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'bundle-test-'));
  t.after(() => rmSync(outDir, { recursive: true, force: true }));
  await bundleForNode(esbuild, { root, outDir });
  // As bin/trailhound.js calls it.
  const bundle = join(outDir, 'run.cjs');
  writeFileSync(bundle, "require('./trailhound.cjs').main(process.argv);\n");

  const version = await run(bundle, ['--version']);
  assert.equal(version.stdout, '0.1.0\n', version.stderr);

  const args = ['detect', '--logs', 'examples/session-theft', '--format', 'jsonl', '--no-fail'];
  const [fromSources, fromBundle] = await Promise.all([run(SOURCES, args), run(bundle, args)]);
  assert.equal(fromBundle.code, 0, fromBundle.stderr);
  assert.equal(fromBundle.stdout, fromSources.stdout);
  assertLazy(fromBundle);
  assert.ok(fromBundle.modules.includes(join(outDir, 'trailhound.cjs')));
  assert.ok(!fromBundle.modules.some((m) => m.includes('/src/')), 'no module of src/ is loaded');

  const dir = tempDir(t);
  const logs = largeTree(dir);
  const query = (workers: string) => run(bundle, ['query', '--logs', logs, '--workers', workers, '--format', 'csv', 'AWSCloudTrail | summarize n = count(), ips = dcount(SourceIpAddress) by EventName | order by EventName asc']);
  const [parallel, sequential] = await Promise.all([query('2'), query('1')]);
  assert.equal(parallel.code, 0, parallel.stderr);
  assert.equal(parallel.stdout, 'EventName,n,ips\nDescribeInstances,3,1\nListBuckets,3,1\n');
  assert.equal(parallel.stdout, sequential.stdout);
  const worker = pathToFileURL(join(outDir, 'worker.js')).href;
  assert.ok(parallel.modules.includes(worker), 'worker threads start from the bundled worker');
  assert.ok(!sequential.modules.includes(worker));

  // The Parquet and CSV readers are bundled too, loaded on first use.
  const parquet = join(dir, 'part-0.gz.parquet');
  writeOcsfParquet(parquet, (JSON.parse(readFileSync(DERIVED, 'utf8')) as { Records: Record<string, unknown>[] }).Records);
  const csv = join(root, 'test', 'fixtures', 'cloudtrail', 'azure-sentinel', 'AWS_CloudTrail_Authentication_IngestedLogs.excerpt.csv');
  const files = ['query', '--logs', parquet, '--logs', csv, '--format', 'csv', 'AWSCloudTrail | summarize count() by EventName | order by EventName asc'];
  const [filesFromSources, filesFromBundle] = await Promise.all([run(SOURCES, files), run(bundle, files)]);
  assert.equal(filesFromBundle.code, 0, filesFromBundle.stderr);
  assert.match(filesFromBundle.stdout, /^EventName,count_\nConsoleLogin,\d+\nDescribeEventAggregates,48\n/);
  assert.equal(filesFromBundle.stdout, filesFromSources.stdout);

  // --s3 loads the AWS SDK (outside the bundle) on first use.
  const s3 = await startS3(t, join(dir, 's3'));
  await s3.put(trailKey('2026-11-28T10:03:00Z', 'a'), trailBody([{ time: '2026-11-28T10:01:00Z', id: 'e1' }]));
  const rule = join(dir, 'all.kql');
  writeFileSync(rule, 'AWSCloudTrail | project TimeGenerated, AwsEventId\n');
  const out = join(dir, 'alerts.jsonl');
  const watch = await run(
    bundle,
    ['watch', '--s3', 's3://trail/AWSLogs/', '--endpoint', s3.endpoint, '--rules', rule, '--frequency', '5m', '--period', '5m',
      '--state', join(dir, 'state'), '--out', out, '--once', '--now', '2026-11-28T10:06:00Z', '--from', '2026-11-28T10:00:00Z'],
    { AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' },
  );
  assert.equal(watch.code, 0, watch.stderr);
  assert.ok(loaded(watch, '@aws-sdk/client-s3').length > 0);
  const alerts = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { rows: { AwsEventId: string }[] });
  assert.deepEqual(alerts.map((a) => a.rows[0]!.AwsEventId), ['e1']);
});

test('bin/trailhound.js, in whichever mode this checkout runs (snapshot, bundle, dist/src or tsx): the version is ours, a query runs', async () => {
  const bin = join(root, 'bin', 'trailhound.js');
  for (const env of [{}, { TRAILHOUND_NO_SNAPSHOT: '1' }]) {
    const version = await run(bin, ['--version'], env);
    assert.equal(version.stdout, '0.1.0\n', version.stderr);
    const query = await run(bin, ['query', '--format', 'csv', 'print x = 1'], env);
    assert.equal(query.stdout, 'x\n1\n', query.stderr);
  }
});
