/**
 * Values written by whoever calls AWS reach a person's terminal only with their control
 * characters made visible (issue #13, "Outputs"): query's table, detect's alert table, watch's
 * log, warnings and errors. JSON, JSON Lines and CSV carry the exact value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { visible, visibleLines } from '../../src/cli/visible.ts';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const INVICTUS = new URL('../fixtures/cloudtrail/invictus/AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10/218007301253_CloudTrail_us-east-1_20230710T1145Z_7xgocspSowgK0Gto.json.gz', import.meta.url).pathname;

function trailhound(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Clear screen, red, a bell, a carriage return over the line, a right-to-left override, C1 CSI, a lone surrogate. */
const HOSTILE = '\x1b[2J\x1b[31mFAKE ALERT\x07\rcurl/8\u202egpj.exe\u009b31m\ud800';
/** What a terminal must never receive raw: C0 controls but the line feed, DEL, C1, bidi controls, lone surrogates. */
const RAW = /[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A real Invictus CloudTrail file whose first record's userAgent is hostile. */
function hostileTrail(dir: string): string {
  const trail = JSON.parse(gunzipSync(readFileSync(INVICTUS)).toString('utf8')) as { Records: Record<string, unknown>[] };
  const r = trail.Records[0]!;
  r.userAgent = HOSTILE;
  const file = join(dir, 'hostile.json');
  writeFileSync(file, JSON.stringify({ Records: [r] }));
  return file;
}

test('visible(): the convention, one character at a time', () => {
  assert.equal(visible('a\tb\nc\rd'), 'a\\tb\\nc\\rd');
  assert.equal(visible('\x00\x1b\x7f\u0085\u009b'), '\\x00\\x1B\\x7F\\x85\\x9B');
  assert.equal(visible('\u202a\u202e\u2066\u2069\u200e\u200b\ufeff\u00ad\u2028'), '\\u202A\\u202E\\u2066\\u2069\\u200E\\u200B\\uFEFF\\xAD\\u2028');
  assert.equal(visible('\ud800 \udfff \u{e0041}'), '\\uD800 \\uDFFF \\u{E0041}', 'lone surrogates; a tag character (Cf, above U+FFFF)');
  assert.equal(visible('C:\\logs é 中 😀 "q"'), 'C:\\logs é 中 😀 "q"', 'printable text, backslashes and pairs are kept');
  assert.equal(visibleLines('one\x1b\ntwo\r'), 'one\\x1B\ntwo\\r');
});

test('query: the table shows the hostile userAgent visibly; json, jsonl and csv carry it exactly', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-esc-'));
  const file = hostileTrail(dir);
  const q = 'AWSCloudTrail | project UserAgent, Agent2 = UserAgent';
  const table = trailhound(['query', '--logs', file, '--format', 'table', q]);
  assert.equal(table.code, 0, table.stderr);
  assert.doesNotMatch(table.stdout, RAW);
  assert.ok(table.stdout.includes('\\x1B[2J\\x1B[31mFAKE ALERT\\x07\\rcurl/8\\u202Egpj.exe\\x9B31m'), table.stdout);
  const whole = trailhound(['query', '--logs', file, '--format', 'table', 'AWSCloudTrail | project U = substring(UserAgent, 20)']);
  assert.ok(whole.stdout.includes('\\rcurl/8\\u202Egpj.exe\\x9B31m\\uD800\n'), whole.stdout);
  const json = trailhound(['query', '--logs', file, '--format', 'json', q]);
  assert.equal((JSON.parse(json.stdout) as { rows: string[][] }).rows[0]![0], HOSTILE);
  const jsonl = trailhound(['query', '--logs', file, '--format', 'jsonl', q]);
  assert.equal((JSON.parse(jsonl.stdout) as { UserAgent: string }).UserAgent, HOSTILE);
  const csv = trailhound(['query', '--logs', file, '--format', 'csv', 'AWSCloudTrail | project UserAgent']);
  // quoted (it holds a CR), every character as it is; a lone surrogate has no UTF-8 form, so
  // UTF-8 text carries U+FFFD in its place (JSON escapes it as \ud800 and is exact)
  assert.equal(csv.stdout, `UserAgent\n"${HOSTILE.replace('\ud800', '\ufffd')}"\n`);
  // a column named by the data (bag_unpack) is escaped in the header too
  const header = trailhound(['query', '--format', 'table', `print d = dynamic({"\\u001b]0;owned\\u0007": 1}) | evaluate bag_unpack(d)`]);
  assert.equal(header.code, 0, header.stderr);
  assert.doesNotMatch(header.stdout, RAW);
  assert.match(header.stdout, /^\\x1B\]0;owned\\x07\n/);
});

test('detect: the alert table (the terminal format) shows a hostile rule name and entity visibly; JSON Lines keep them exactly', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-esc-'));
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  hostileTrail(logs);
  const rule = join(dir, 'rule.yaml');
  writeFileSync(
    rule,
    scheduledRuleYaml({
      id: '6f0d1a2b-0000-4000-8000-0000000000e5',
      name: '"Agent \\e[2J\\a\\u202E"',
      query: 'AWSCloudTrail | project TimeGenerated, UserAgent',
      schedule: 'queryFrequency: 1h\nqueryPeriod: 1h',
      extra: 'entityMappings:\n  - entityType: Host\n    fieldMappings: [{ identifier: HostName, columnName: UserAgent }]\n',
    }),
  );
  const table = trailhound(['detect', '--logs', logs, '--rules', rule, '--format', 'table', '--from', '2023-07-10T12:00:00Z', '--to', '2023-07-10T12:00:00Z']);
  assert.equal(table.code, 1, table.stderr);
  assert.doesNotMatch(table.stdout, RAW);
  assert.match(table.stdout, /Agent \\x1B\[2J\\x07\\u202E/);
  assert.ok(table.stdout.includes('Host:\\x1B[2J\\x1B[31mFAKE ALERT\\x07\\rcurl/8'), table.stdout);
  const jsonl = trailhound(['detect', '--logs', logs, '--rules', rule, '--format', 'jsonl', '--from', '2023-07-10T12:00:00Z', '--to', '2023-07-10T12:00:00Z']);
  const alert = JSON.parse(jsonl.stdout) as { displayName: string; rows: { UserAgent: string }[] };
  assert.equal(alert.displayName, 'Agent \x1b[2J\x07\u202e');
  assert.equal(alert.rows[0]!.UserAgent, HOSTILE);
});

test('warnings and errors that quote input show it visibly: a file name, a record, an option value', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-esc-'));
  const bad = join(dir, 'x\x1b[2J\n.json');
  writeFileSync(bad, '{"Records":[{"eventVersion":"1.08"}]} trailing \x1b[31m');
  const r = trailhound(['query', '--logs', dir, 'AWSCloudTrail | count']);
  assert.doesNotMatch(r.stderr, RAW);
  assert.ok(r.stderr.includes('x\\x1B[2J\\n.json'), r.stderr);
  const missing = trailhound(['detect', '--logs', join(dir, 'no\x1b]0;t\x07such')]);
  assert.equal(missing.code, 2);
  assert.doesNotMatch(missing.stderr, RAW);
  assert.match(missing.stderr, /^trailhound: --logs .*no\\x1B\]0;t\\x07such: no such file or folder\n$/);
  const usage = trailhound(['query', '--\x1b[2Jbogus']);
  assert.equal(usage.code, 2);
  assert.doesNotMatch(usage.stderr, RAW);
  assert.match(usage.stderr, /unknown option '--\\x1B\[2Jbogus'/);
});
