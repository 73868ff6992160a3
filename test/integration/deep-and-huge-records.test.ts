/**
 * Deep and huge values in real CloudTrail files, through the real CLI (issue #13). A record
 * whose requestParameters nests 100,000 levels ended `detect` with "RangeError: Maximum call
 * stack size exceeded" (exit 3): no alerts for the good records beside it, and `watch` crashed
 * again on every restart. Now:
 *  - text fields over Log Analytics' 32 KB limit are cut to 32 KiB, as Sentinel stores them
 *    (learn.microsoft.com/azure/sentinel/datalake/sentinel-lake-service-limits), counted and
 *    named on stderr; the 100,000-level text becomes its first 32 KiB, which parse_json keeps as
 *    a string (not valid JSON: parse-json doc);
 *  - JSON nested 16,000 levels deep, which fits in 32 KiB, is parsed, compared, printed and
 *    carried into alert evidence and custom details without recursion;
 *  - the good records' alerts are the same as without the bad records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));
const DAY = 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10';
const THEFT_FILE = '218007301253_CloudTrail_us-east-1_20230710T1215Z_SessionTheft0001.json.gz';
const LIMIT = 32 * 1024;
const DEEP = 100_000;
/** Deep, yet its JSON fits in 32 KiB: `{"a":` + 16,000 `[` + 16,000 `]` + `}` is 32,006 bytes. */
const FITS = 16_000;

function cli(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A record of the scenario's 12:14 minute from 198.51.100.9, by an identity the seed rule cannot name. */
function hostile(template: Record<string, unknown>, id: string, minute: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    ...template,
    userIdentity: { type: '', accountId: '218007301253' },
    eventTime: `2023-07-10T12:14:${minute}Z`,
    eventName: 'CreateUser',
    sourceIPAddress: '198.51.100.9',
    userAgent: 'aws-cli/2.13.0',
    requestID: `req-${id}`,
    eventID: id,
    ...fields,
  };
}

/**
 * The session-theft example with hostile records added to the file that holds the stolen
 * session's records. Their requestParameters are written as raw JSON text (JSON.stringify could
 * not write 100,000 levels).
 */
function makeLogs(dir: string): { clean: string; dirty: string } {
  const clean = join(dir, 'clean');
  const dirty = join(dir, 'dirty');
  cpSync(join(root, 'examples/session-theft/AWSLogs'), join(clean, 'AWSLogs'), { recursive: true });
  cpSync(join(root, 'examples/session-theft/AWSLogs'), join(dirty, 'AWSLogs'), { recursive: true });
  const path = join(dirty, DAY, THEFT_FILE);
  const records = (JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as { Records: Record<string, unknown>[] }).Records;
  const raw = new Map<string, string>([
    ['RP_DEEP', `{"a":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`],
    ['RP_FITS', `{"a":${'['.repeat(FITS)}${']'.repeat(FITS)}}`],
  ]);
  const extra = [
    hostile(records[0]!, 'good-create-1', '20', { requestParameters: { userName: 'bob' } }),
    // The seed rule reads these (console calls from one IP by an unnamed identity: no alert of theirs).
    hostile(records[0]!, 'deep-100k', '21', { eventName: 'DescribeEventAggregates', requestParameters: 'RP_DEEP' }),
    hostile(records[0]!, 'huge-agent', '22', { eventName: 'DescribeEventAggregates', userAgent: 'u'.repeat(5_000_000), requestParameters: { userName: 'huge' } }),
    hostile(records[0]!, 'deep-16k', '23', { eventName: 'DescribeEventAggregates', requestParameters: 'RP_FITS' }),
    hostile(records[0]!, 'good-create-2', '24', { requestParameters: { userName: 'carol' } }),
  ];
  let text = JSON.stringify({ Records: [...records, ...extra] });
  for (const [k, v] of raw) text = text.replace(`"${k}"`, v);
  writeFileSync(path, gzipSync(text));
  return { clean, dirty };
}

/** The two trees in a temporary folder removed after the test. */
function logsFor(t: { after(fn: () => void): void }): { dir: string; clean: string; dirty: string } {
  const dir = mkdtempSync(join(tmpdir(), 'th-hostile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, ...makeLogs(dir) };
}

/** Every hostile record alerts; evidence and custom details carry the parsed requestParameters. */
const RULE = `id: 0d5c7e9a-3b1f-4c2d-9e8f-7a6b5c4d3e2f
name: Calls from 198.51.100.9
description: test
severity: Low
queryFrequency: 5m
queryPeriod: 5m
triggerOperator: gt
triggerThreshold: 0
query: |
  AWSCloudTrail
  | where SourceIpAddress == "198.51.100.9"
  | extend Params = parse_json(RequestParameters)
  | extend Kind = gettype(Params), Same = Params == todynamic(tostring(Params)), Length = strlen(tostring(Params))
  | project TimeGenerated, AwsEventId, SourceIpAddress, Params, Kind, Same, Length
eventGroupingSettings:
  aggregationKind: AlertPerResult
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: SourceIpAddress
customDetails:
  Params: Params
kind: Scheduled
`;

/** How many arrays deep `v` goes, by walking down its first elements / `a` keys (no recursion). */
function depth(v: unknown): number {
  let n = 0;
  for (let x = v; Array.isArray(x) || (typeof x === 'object' && x !== null); n++) x = Array.isArray(x) ? x[0] : (x as Record<string, unknown>)['a'];
  return n;
}

type AlertLine = { rows: Record<string, unknown>[]; customDetails: Record<string, unknown[]>; id: string };

test('detect: the good records\' alerts are all there; the hostile fields are cut, parsed and printed, never a crash', { timeout: 600_000 }, (t) => {
  const { dir, clean, dirty } = logsFor(t);
  // The built-in rules (the seed rule reads todynamic(RequestParameters) through AWSIdentityRole).
  const before = cli(['detect', '--logs', clean, '--no-cache']);
  const after = cli(['detect', '--logs', dirty, '--no-cache']);
  assert.equal(before.code, 1, before.stderr);
  assert.equal(after.code, 1, after.stderr);
  const ids = (out: string) => out.trim().split('\n').map((l) => (JSON.parse(l) as AlertLine).id);
  assert.deepEqual(ids(after.stdout), ids(before.stdout), 'the same alerts as without the hostile records');
  assert.match(after.stderr, /2 with fields cut to the field limit/);
  assert.match(after.stderr, /RequestParameters \(200,006 bytes\) cut to 32 KiB/);
  assert.match(after.stderr, /UserAgent \(5,000,000 bytes\) cut to 32 KiB/);

  // A rule whose evidence carries the parsed values.
  const rule = join(dir, 'from-one-ip.yaml');
  writeFileSync(rule, RULE);
  const r = cli(['detect', '--logs', dirty, '--rules', rule, '--no-cache']);
  assert.equal(r.code, 1, r.stderr);
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as AlertLine);
  const byId = new Map(alerts.map((a) => [a.rows[0]!['AwsEventId'] as string, a]));
  assert.deepEqual([...byId.keys()], ['good-create-1', 'deep-100k', 'huge-agent', 'deep-16k', 'good-create-2']);
  assert.deepEqual(byId.get('good-create-1')!.rows[0]!['Params'], { userName: 'bob' });
  assert.deepEqual(byId.get('good-create-2')!.customDetails, { Params: [{ userName: 'carol' }] });
  // Cut to 32 KiB, the 100,000-level text is no longer JSON: parse_json keeps the string.
  const cut = byId.get('deep-100k')!.rows[0]!;
  assert.equal(cut['Kind'], 'string');
  assert.equal(cut['Length'], LIMIT);
  assert.equal(cut['Params'], `{"a":${'['.repeat(LIMIT - 5)}`);
  // 16,000 levels fit: parsed, equal to itself through tostring/todynamic, in the alert's JSON.
  const fits = byId.get('deep-16k')!;
  assert.equal(fits.rows[0]!['Kind'], 'dictionary');
  assert.equal(fits.rows[0]!['Same'], true);
  assert.equal(fits.rows[0]!['Length'], 32_006);
  assert.equal(depth(fits.rows[0]!['Params']), FITS + 1);
  assert.equal(depth(fits.customDetails['Params']![0]), FITS + 1);

  // The same through two run threads (results cross threads) and through a tiny memory budget (spill).
  const threads = cli(['detect', '--logs', dirty, '--rules', rule, '--no-cache', '--run-threads', '2', '--memory', '0.001']);
  assert.equal(threads.code, 1, threads.stderr);
  assert.equal(threads.stdout, r.stdout);
});

test('query: parse_json(RequestParameters) and tostring over the hostile records, in every output format', { timeout: 300_000 }, (t) => {
  const { dirty } = logsFor(t);
  const q = 'AWSCloudTrail | where SourceIpAddress == "198.51.100.9" | extend d = parse_json(RequestParameters) | project AwsEventId, t = gettype(d), n = strlen(tostring(d)), ua = strlen(UserAgent), d';
  const json = cli(['query', '--logs', dirty, '--format', 'json', q]);
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { rows: unknown[][] };
  assert.deepEqual(out.rows.map((r) => r.slice(0, 4)), [
    ['good-create-1', 'dictionary', 18, 14],
    ['deep-100k', 'string', LIMIT, 14],
    ['huge-agent', 'dictionary', 19, LIMIT],
    ['deep-16k', 'dictionary', 32_006, 14],
    ['good-create-2', 'dictionary', 20, 14],
  ]);
  assert.equal(depth(out.rows[3]![4]), FITS + 1);
  assert.match(json.stderr, /2 with fields cut to the field limit/);
  for (const format of ['table', 'csv', 'jsonl']) {
    const r = cli(['query', '--logs', dirty, '--format', format, q]);
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    assert.match(r.stdout, /deep-16k/);
  }
});

test('watch over the folder: alerts once, and a restart goes on without crashing or repeating them', { timeout: 600_000 }, (t) => {
  const { dir, dirty } = logsFor(t);
  const rule = join(dir, 'from-one-ip.yaml');
  writeFileSync(rule, RULE);
  const out = join(dir, 'alerts.jsonl');
  const args = ['watch', '--logs', dirty, '--rules', rule, '--state', join(dir, 'state'), '--out', out, '--once', '--now', '2023-07-10T13:00:00Z', '--from', '2023-07-10T12:00:00Z', '--no-cache'];
  const first = cli(args);
  assert.equal(first.code, 0, first.stderr);
  // The log names the file, the record and the fields cut (once, though the file is re-read on restart).
  assert.match(first.stderr, new RegExp(`${THEFT_FILE}: record 3 \\(byte \\d+\\): warning: RequestParameters \\(200,006 bytes\\) cut to 32 KiB`));
  assert.match(first.stderr, /UserAgent \(5,000,000 bytes\) cut to 32 KiB/);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  const ids = lines.map((l) => (JSON.parse(l) as AlertLine).rows[0]!['AwsEventId']);
  assert.deepEqual(ids, ['good-create-1', 'deep-100k', 'huge-agent', 'deep-16k', 'good-create-2']);
  assert.equal(depth((JSON.parse(lines[3]!) as AlertLine).rows[0]!['Params']), FITS + 1);
  const again = cli(args);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /cut to 32 KiB/);
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 5, 'nothing repeated after the restart');
});
