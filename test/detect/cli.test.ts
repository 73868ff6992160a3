/**
 * `trailhound detect` and `trailhound test` as a user runs them (the CLI through tsx): exit
 * statuses (detect: 0 no alerts, 1 alerts, 2 errors; test: 0 pass, 1 fail), JSON Lines output.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('detect over the session-theft tree: JSON Lines when piped, exit 1; --no-fail exits 0', () => {
  const r = cli('detect', '--logs', 'examples/session-theft');
  assert.equal(r.code, 1, r.stderr);
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(alerts.length, 2);
  assert.ok(alerts.every((a) => a.entities.some((e: { type: string; identifiers: { Address?: string } }) => e.identifiers.Address === '203.0.113.66')));
  assert.ok(!('evidenceKeys' in alerts[0]), 'internal keys are not printed');
  const dir = mkdtempSync(join(tmpdir(), 'th-detect-'));
  const out = join(dir, 'alerts.jsonl');
  const n = cli('detect', '--logs', 'examples/session-theft', '--out', out, '--no-fail', '--rules', 'content/rules/concurrent-sessions-from-different-ips.yaml');
  assert.equal(n.code, 0, n.stderr);
  assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 1);
});

test('detect --memory: a tiny budget spills and finds the same alert; a bad value is a usage error (exit 2)', () => {
  const spillDir = mkdtempSync(join(tmpdir(), 'th-spill-'));
  const r = cli('detect', '--logs', 'examples/session-theft', '--rules', 'content/rules/concurrent-sessions-from-different-ips.yaml', '--memory', '0.001', '--spill-dir', spillDir);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stdout, /203\.0\.113\.66/);
  assert.deepEqual(readdirSync(spillDir), [], 'the spill file is deleted');
  const bad = cli('detect', '--logs', 'examples/session-theft', '--memory', 'lots');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--memory: not a positive number of MiB: lots/);
});

test('detect --run-threads: the same alerts on one thread or two; a bad value is a usage error (exit 2)', () => {
  // 11 days of runs on the example (3,169 runs) would pass the runs minimum, not the kept rows one:
  // the result must be the same whichever path is taken
  const args = ['detect', '--logs', 'examples/session-theft', '--rules', 'content/rules/concurrent-sessions-from-different-ips.yaml', '--all-runs', '--from', '2023-07-01T00:00:00Z', '--to', '2023-07-12T00:00:00Z', '--no-fail'];
  const one = cli(...args);
  const two = cli(...args, '--run-threads', '2');
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(two.stdout, one.stdout);
  assert.match(one.stdout, /203\.0\.113\.66/);
  const bad = cli('detect', '--logs', 'examples/session-theft', '--run-threads', '0');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--run-threads must be a whole number from 1 to 64, got 0/);
});

test('detect with a spill folder it cannot write: a message naming the folder and what to do, exit 2', () => {
  const notAFolder = join(mkdtempSync(join(tmpdir(), 'th-spill-')), 'a-file');
  writeFileSync(notAFolder, 'not a folder');
  const r = cli('detect', '--logs', 'examples/session-theft', '--memory', '0.001', '--spill-dir', notAFolder);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /cannot write kept rows to the spill folder .*a-file \(ENOTDIR: .*--spill-dir.*--memory/);
  assert.doesNotMatch(r.stderr, /internal error/);
});

test('detect over the real samples: no alerts, exit 0; table format says so', () => {
  const r = cli('detect', '--logs', 'examples/invictus', '--format', 'table');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'No alerts.\n');
});

test('detect with an invalid rule: exit 2 and a message naming file and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-rule-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, readFileSync(join(root, 'content/rules/concurrent-sessions-from-different-ips.yaml'), 'utf8').replace('severity: Medium', 'severity: Urgent'));
  const r = cli('detect', '--logs', 'examples/invictus', '--rules', file);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /bad\.yaml: severity: "Urgent" is not one of Informational, Low, Medium, High/);
});

test('test: the built-in rules pass (exit 0); the broken fixture fails (exit 1) with a diff', () => {
  const ok = cli('test');
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /\d+ passed, 0 failed/);
  const bad = cli('test', 'test/fixtures/detect/broken');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /FAIL dave from two new IPs alerts/);
  assert.match(bad.stdout, /- expected, not found/);
});
