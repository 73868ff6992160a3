/**
 * A run that exceeds a query limit fails alone: it is reported (rule, scheduled time, the error)
 * and counted, and the other runs and rules go on, as a scheduled rule's failed run is recorded in
 * Sentinel's health while the rule keeps running (docs/detections.md, "Failed runs"). Real
 * processes over the bundled example; the limit is the per-query memory budget (query-limits doc).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileRule, replay } from '../../src/detect/replay.ts';
import { loadRules } from '../../src/detect/rule-files.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import type { TableSource } from '../../src/kql/engine.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SEED = 'content/rules/concurrent-sessions-from-different-ips.yaml';
const RUNAWAY = 'test/fixtures/detect/runaway/runaway.kql';
const MESSAGE =
  'The repeat() function has exceeded the memory budget during evaluation. Results might be incorrect or incomplete (E_RUNAWAY_QUERY). ' +
  'Budget: max_memory_consumption_per_query_per_node = 268435456 bytes (256 MiB)';

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('replay: the runaway rule\'s runs are failed runs; the seed rule\'s alert is there', async () => {
  const workspace = loadWorkspace({});
  const source = openCloudTrail([`${root}/examples/session-theft`]);
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const rules = loadRules([`${root}/${SEED}`, `${root}/${RUNAWAY}`]).map((r) => compileRule(r, workspace, tables));
  const result = await replay(rules, tables, workspace.watchlists, { properties: { max_memory_consumption_per_query_per_node: 256 * 1024 * 1024 } });
  assert.equal(result.alerts.length, 1);
  assert.equal(result.alerts[0]!.ruleName, 'AWS - Concurrent console sessions from different IPs');
  assert.ok(result.failedRuns.length >= 1);
  for (const f of result.failedRuns) {
    assert.equal(f.rule.name, 'runaway');
    assert.equal(f.message, MESSAGE);
  }
  // The failed runs are not in `runs` (the runaway rule's other runs have empty windows: skipped).
  assert.ok(result.runs.every((r) => r.rule.name !== 'runaway'));
  assert.ok(result.runs.length > 0);
});

test('replay on worker threads: a failed run on a worker is reported the same way', async () => {
  const workspace = loadWorkspace({});
  const source = openCloudTrail([`${root}/examples/session-theft`]);
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const rules = loadRules([`${root}/${SEED}`, `${root}/${RUNAWAY}`]).map((r) => compileRule(r, workspace, tables));
  const options = { properties: { max_memory_consumption_per_query_per_node: 256 * 1024 * 1024 } };
  const here = await replay(rules, tables, workspace.watchlists, options);
  const workers = await replay(rules, tables, workspace.watchlists, { ...options, runWorkers: 1, parallelMinimum: { runs: 0, rows: 0 }, runsOnWorkers: true });
  assert.equal(workers.runThreads, 2, 'the worker took part');
  assert.deepEqual(workers.failedRuns.map((f) => [f.rule.name, f.window.scheduled, f.message]), here.failedRuns.map((f) => [f.rule.name, f.window.scheduled, f.message]));
  assert.deepEqual(workers.alerts.map((a) => a.id), here.alerts.map((a) => a.id));
});

test('detect: failed runs reported on stderr with rule and scheduled time, counted; exit from the alerts (1)', () => {
  const r = cli('detect', '--logs', 'examples/session-theft', '--rules', SEED, '--rules', RUNAWAY, '--max-memory', '256');
  assert.equal(r.code, 1, r.stderr);
  const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(alerts.length, 1);
  assert.match(alerts[0].displayName, /bert-jan/);
  const failed = r.stderr.split('\n').filter((l) => l.includes('failed: '));
  assert.ok(failed.length >= 1, r.stderr);
  for (const line of failed) assert.match(line, new RegExp(`^trailhound: rule "runaway": the run scheduled at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ failed: ${MESSAGE.replace(/[().]/g, '\\$&')}$`));
  assert.match(r.stderr, new RegExp(`^2 rule\\(s\\), \\d+ run\\(s\\) evaluated in [\\d.]+ s, 1 triggered, ${failed.length} failed \\(query limits: their windows were not checked\\)$`, 'm'));
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
});

test('detect --strict: any failed run exits 2 (the alerts are still printed); only failed runs: exit 2', () => {
  const strict = cli('detect', '--logs', 'examples/session-theft', '--rules', SEED, '--rules', RUNAWAY, '--max-memory', '256', '--strict');
  assert.equal(strict.code, 2, strict.stderr);
  assert.equal(strict.stdout.trim().split('\n').length, 1);
  const only = cli('detect', '--logs', 'examples/session-theft', '--rules', RUNAWAY, '--max-memory', '256');
  assert.equal(only.code, 2, only.stderr);
  assert.equal(only.stdout, '');
  assert.match(only.stderr, /, 0 run\(s\) evaluated in [\d.]+ s, 0 triggered, \d+ failed/);
});
