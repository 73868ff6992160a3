/**
 * Exit statuses and one-line messages, by spawning the CLI (issue #13, "Files and exit codes"):
 * usage errors exit 2 for every command (commander's own included; --help and --version 0), a
 * missing --logs path and input without a CloudTrail record exit 2 and say so, and every case
 * that used to print a stack trace (exit 3) is one line naming what to fix, exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { S3_CREDENTIALS, startS3, tempDir, writeTrailFile } from '../live/helpers.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env, AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1', NODE_NO_WARNINGS: '1' };
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Exit 2 with exactly one line on stderr (after watch's start line, when `skipFirst`), matching `message`. */
function assertOneLine(r: { code: number | null; stderr: string }, message: RegExp, skipFirst = false): void {
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trimEnd().split('\n').slice(skipFirst ? 1 : 0);
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, /^trailhound: /);
  assert.match(lines[0]!, message);
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('usage errors exit 2 for every command (commander: unknown option, missing argument, missing required option); --help and --version exit 0', { timeout: 900_000 }, async () => {
  for (const args of [['detect', '--bogus'], ['query', '--format'], ['watch', '--logs', '.'], ['test', '--bogus'], ['bogus-command'], ['query', 'a', 'b']]) {
    const r = await cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^error: /, args.join(' '));
  }
  for (const args of [['--help'], ['--version'], ['detect', '--help'], ['watch', '--help']]) {
    const r = await cli(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.notEqual(r.stdout, '');
  }
});

test('detect and query: a missing --logs path exits 2 naming it; --from after --to is a usage error', { timeout: 600_000 }, async () => {
  assertOneLine(await cli(['detect', '--logs', 'examples/invictus', '--logs', './typo']), /--logs \.\/typo: no such file or folder$/);
  assertOneLine(await cli(['query', '--logs', './typo', 'AWSCloudTrail | count']), /--logs \.\/typo: no such file or folder$/);
  assertOneLine(await cli(['detect', '--logs', 'examples/invictus', '--from', '2023-07-11T00:00:00Z', '--to', '2023-07-10T00:00:00Z']), /--from 2023-07-11T00:00:00Z is after --to 2023-07-10T00:00:00Z/);
});

test('no CloudTrail record in the input: said on stderr, exit 2 (an empty folder, only non-CloudTrail files); a non-CloudTrail file among good ones is named and counted', { timeout: 600_000 }, async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'empty'));
  assertOneLine(await cli(['detect', '--logs', join(dir, 'empty')]), /no CloudTrail log files in .*empty/);
  const other = join(dir, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.json'), 'Dear diary,\n');
  const none = await cli(['detect', '--logs', other]);
  assert.equal(none.code, 2, none.stderr);
  assert.equal(none.stdout, '', 'no "No alerts." for input that held nothing');
  assert.match(none.stderr, /notes\.json: byte 0: error: unexpected 'D' outside any JSON value/);
  assert.match(none.stderr, /trailhound: no CloudTrail event records in .*other: 1 file\(s\), 1 not readable as CloudTrail/);
  // JSON that is not CloudTrail: a query that parses every record tells (detect's byte pre-filter
  // drops records without the rules' strings before parsing them: docs/cloudtrail.md)
  writeFileSync(join(other, 'notes.json'), '{"title":"not CloudTrail"}');
  const q = await cli(['query', '--logs', other, '--format', 'csv', 'AWSCloudTrail | count']);
  assert.equal(q.code, 2, q.stderr);
  assert.match(q.stderr, /notes\.json: record 0 \(byte 0\): error: .*not a CloudTrail record/);
  // a query that does not read the logs does not judge them
  assert.equal((await cli(['query', '--logs', other, 'print 1'])).code, 0);
  writeFileSync(join(other, 'notes.json'), 'Dear diary,\n');
  writeTrailFile(other, '2024-05-01T10:05:00Z', 'a', [{ time: '2024-05-01T10:00:00Z', id: 'e1' }]);
  const mixed = await cli(['detect', '--logs', other, '--rules', 'content/rules/concurrent-sessions-from-different-ips.yaml']);
  assert.equal(mixed.code, 0, mixed.stderr);
  assert.match(mixed.stderr, /CloudTrail: 2 files \(1 failed,/);
  assert.match(mixed.stderr, /notes\.json: byte 0: error: unexpected 'D'/);
  assert.doesNotMatch(mixed.stderr, /trailhound: /);
});

test('former stack traces are one line, exit 2: corrupt or ill-shaped state.json, --state on a file, --s3 and --endpoint not URLs, a CSV table with an unclosed quote', { timeout: 900_000 }, async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  for (const [text, problem] of [
    ['{bad', /not valid JSON/],
    ['[]', /not a JSON object/],
    ['{"version":1,"rules":{"r":"soon"}}', /rules\.r is not a tick count/],
  ] as const) {
    const state = join(dir, `state-${text.length}`);
    mkdirSync(state);
    writeFileSync(join(state, 'state.json'), text);
    assertOneLine(await cli(['watch', '--logs', logs, '--state', state, '--once']), new RegExp(`state\\.json: not a usable trailhound checkpoint: ${problem.source}.*move it away`), true);
  }
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  assertOneLine(await cli(['watch', '--logs', logs, '--state', file, '--once']), /--state .*a-file: not a folder/);
  assertOneLine(await cli(['watch', '--logs', join(dir, 'typo'), '--state', join(dir, 's0'), '--once']), /--logs .*typo: no such folder/);
  assertOneLine(await cli(['watch', '--s3', 'not-a-url', '--state', join(dir, 's1'), '--once']), /--s3 must look like s3:\/\/bucket\/prefix, got "not-a-url"/);
  assertOneLine(await cli(['watch', '--s3', 's3://trail/AWSLogs/', '--endpoint', 'not-a-url', '--state', join(dir, 's2'), '--once']), /--endpoint must be an http:\/\/ or https:\/\/ URL/);
  writeFileSync(join(dir, 'bad.csv'), 'user,team\n"alice,red\n');
  assertOneLine(await cli(['query', '--table', `T=${join(dir, 'bad.csv')}`, 'T']), /bad\.csv: not valid CSV: Quote Not Closed/);
});

test('watch --s3: an unreachable endpoint and a missing bucket are one line naming them (exit 2 with --once); an empty bucket is no error', { timeout: 900_000 }, async (t) => {
  const dir = tempDir(t);
  const port = await closedPort();
  const endpoint = `http://127.0.0.1:${port}`;
  assertOneLine(
    await cli(['watch', '--s3', 's3://trail/AWSLogs/', '--endpoint', endpoint, '--state', join(dir, 's1'), '--once']),
    new RegExp(`s3://trail/AWSLogs/ at ${endpoint}: cannot list objects: .*ECONNREFUSED`),
    true,
  );
  const s3 = await startS3(t, join(dir, 's3'));
  assertOneLine(await cli(['watch', '--s3', 's3://no-such-bucket/AWSLogs/', '--endpoint', s3.endpoint, '--state', join(dir, 's2'), '--once']), /s3:\/\/no-such-bucket\/AWSLogs\/ at .*: cannot list objects: .*bucket/i, true);
  // the bucket exists and holds nothing yet: a watcher waits for files, it does not fail
  const empty = await cli(['watch', '--s3', 's3://trail/AWSLogs/', '--endpoint', s3.endpoint, '--state', join(dir, 's3-state'), '--once']);
  assert.equal(empty.code, 0, empty.stderr);
  assert.doesNotMatch(empty.stderr, /trailhound: /);
});

test("watch's log lines show a hostile rule name visibly", { timeout: 600_000 }, async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  writeTrailFile(logs, '2024-05-01T10:05:00Z', 'a', [{ time: '2024-05-01T10:01:00Z', id: 'e1' }]);
  const rule = join(dir, 'evil\x1b[2J.kql');
  writeFileSync(rule, 'AWSCloudTrail | where EventName == "DeleteTrail"\n');
  const r = await cli(['watch', '--logs', logs, '--rules', rule, '--frequency', '5m', '--period', '5m', '--state', join(dir, 'state'), '--once', '--now', '2024-05-01T10:11:00Z', '--from', '2024-05-01T10:00:00Z', '--stdout']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /\x1b/);
  assert.match(r.stderr, /evil\\x1B\[2J/);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'the alert, as JSON Lines on stdout');
});
