/**
 * Runs evaluated on worker threads (run-pool.ts) give what one thread gives: the same runs, results,
 * alerts and order, with suppression decided in order afterwards, spilled rows read back by each
 * thread, and a run's error thrown as itself. Real worker threads, real spill files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRuleYaml } from '../../src/detect/rule-yaml.ts';
import { compileRule, replay, type ReplayOptions, type ReplayResult } from '../../src/detect/replay.ts';
import { unitStarts } from '../../src/detect/run-units.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { MemoryTable } from '../../src/kql/file-table.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { stringifyJson } from '../../src/kql/values/json-stringify.ts';
import { cloudTrailRow } from '../helpers/cloudtrail-rows.ts';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';

const workspace = loadWorkspace();

function rule(id: string, query: string, extra = ''): string {
  return scheduledRuleYaml({ id, name: `Parallel ${id.slice(0, 4)}`, query, schedule: 'queryFrequency: 5m\nqueryPeriod: 30m', extra });
}

const BY_IP = rule('aaaaaaaa-2222-4333-8444-555555555555', 'AWSCloudTrail | where EventName == "X" | summarize n = count(), earliest = min(TimeGenerated) by SourceIpAddress | where n > 1');
const SUPPRESSED = rule(
  'bbbbbbbb-2222-4333-8444-555555555555',
  'AWSCloudTrail | where EventName == "X" | project TimeGenerated, AwsEventId',
  'suppressionEnabled: true\nsuppressionDuration: 2h',
);

/** Two days of events every 7 minutes from a few IPs, with bursts (so some runs alert). */
function rows(): TableSource {
  const start = Date.parse('2024-05-01T00:00:00Z');
  const values = [];
  for (let i = 0; i < 2 * 24 * 60; i += 7) {
    const at = new Date(start + i * 60_000).toISOString();
    values.push(cloudTrailRow({ TimeGenerated: at, EventName: 'X', AwsEventId: `e${i}`, SourceIpAddress: `192.0.2.${i % 5}` }));
    if (i % 301 === 0) values.push(cloudTrailRow({ TimeGenerated: at, EventName: 'X', AwsEventId: `b${i}`, SourceIpAddress: `192.0.2.${i % 5}` }));
  }
  return MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, values);
}

async function replayWith(yamls: string[], options: ReplayOptions): Promise<ReplayResult> {
  const tables = new Map<string, TableSource>([['AWSCloudTrail', rows()]]);
  const compiled = yamls.map((y, i) => compileRule(parseRuleYaml(y, `rule${i}.yaml`), workspace, tables));
  return replay(compiled, tables, workspace.watchlists, options);
}

/** What must not depend on the threads: every run (rule, time, count, trigger, alerts) and the alerts. */
function shape(r: ReplayResult): unknown {
  return {
    runs: r.runs.map((x) => [x.rule.id, String(x.window.scheduled), x.resultCount, x.triggered, x.alerts.map((a) => a.id)]),
    alerts: r.alerts,
  };
}

test('runs on a worker thread give the same runs, alerts and order as one thread, suppression included', async () => {
  const spillDir = mkdtempSync(join(tmpdir(), 'run-pool-test-'));
  try {
    // a tiny memory budget: every row goes through the spill file
    const common: ReplayOptions = { memoryBudget: 1, spillDir, parallelMinimum: { runs: 1, rows: 0 } };
    const one = await replayWith([BY_IP, SUPPRESSED], { ...common, runWorkers: 0 });
    const two = await replayWith([BY_IP, SUPPRESSED], { ...common, runWorkers: 1 });
    const worker = await replayWith([BY_IP, SUPPRESSED], { ...common, runWorkers: 1, runsOnWorkers: true });
    assert.equal(one.runThreads, 1);
    assert.equal(worker.runThreads, 2, 'the worker evaluated the units');
    assert.ok(one.runs.length > 500, `enough runs for several units (${one.runs.length})`);
    assert.ok(one.runs.some((r) => r.triggered && r.rule.id.startsWith('a')), 'the summarize rule alerts');
    const suppressed = one.runs.filter((r) => r.rule.id.startsWith('b'));
    assert.ok(suppressed.length > 0 && suppressed.length < one.runs.filter((r) => r.rule.id.startsWith('a')).length, 'suppression skipped runs of the second rule');
    assert.deepEqual(shape(two), shape(one), 'both threads');
    assert.deepEqual(shape(worker), shape(one), 'all on the worker');
    assert.deepEqual(readdirSync(spillDir), [], 'spill files are gone afterwards');
  } finally {
    rmSync(spillDir, { recursive: true, force: true });
  }
});

test('below the parallel minimum, the runs stay on this thread', async () => {
  const few = await replayWith([BY_IP], { runWorkers: 1, parallelMinimum: { runs: 1_000_000, rows: 0 } });
  assert.equal(few.runThreads, 1);
});

test('a run that fails on a worker thread fails the replay with its own error, as on one thread', async () => {
  // extract() of a capture group the regex does not have fails at run time: only in the windows
  // that hold event e2800.
  const failing = rule(
    'cccccccc-2222-4333-8444-555555555555',
    'AWSCloudTrail | extend g = iff(AwsEventId == "e2800", 5, 1) | extend v = extract("(a)", g, "a")',
  );
  const errorOf = async (runWorkers: number): Promise<Error> => {
    try {
      await replayWith([failing], { parallelMinimum: { runs: 1, rows: 0 }, runWorkers, runsOnWorkers: true });
    } catch (e) {
      return e as Error;
    }
    assert.fail('the replay should have failed');
  };
  const here = await errorOf(0);
  const there = await errorOf(1);
  assert.match(here.message, /capture group 5/);
  assert.equal(there.constructor, here.constructor);
  assert.equal(there.message, here.message);
});

test('alerts whose evidence nests 16,000 levels (past structured clone\'s depth) come back from a worker thread as JSON text, the same as on one thread', { timeout: 120_000 }, async () => {
  const deepRule = rule('dddddddd-2222-4333-8444-555555555555', 'AWSCloudTrail | where EventName == "X" | project AwsEventId, P = parse_json(RequestParameters)');
  const deep = `${'['.repeat(16_000)}${']'.repeat(16_000)}`;
  const tables = () =>
    new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, [
      cloudTrailRow({ TimeGenerated: '2024-05-01T00:03:00Z', EventName: 'X', AwsEventId: 'deep', RequestParameters: deep }),
      cloudTrailRow({ TimeGenerated: '2024-05-01T00:04:00Z', EventName: 'X', AwsEventId: 'flat', RequestParameters: '{"a":1}' }),
    ])]]);
  const run = (runWorkers: number) => {
    const t = tables();
    return replay([compileRule(parseRuleYaml(deepRule, 'deep.yaml'), workspace, t)], t, workspace.watchlists, { parallelMinimum: { runs: 1, rows: 0 }, runWorkers, runsOnWorkers: true });
  };
  const one = await run(0);
  const worker = await run(1);
  assert.equal(worker.runThreads, 2, 'the worker evaluated the units');
  assert.equal(one.alerts.length, 1);
  // node:assert's deepEqual recurses: compare the JSON text.
  assert.ok(stringifyJson(shape(worker)) === stringifyJson(shape(one)), 'same runs and alerts');
  assert.ok(stringifyJson(one.alerts[0]!.rows)!.includes(deep), 'the evidence holds the whole value');
});

test('units never split the runs of one scheduled time', () => {
  const runs = [0, 0, 1, 1, 1, 2, 3, 3].map((t, i) => ({ rule: i % 2, t: BigInt(t) }));
  assert.deepEqual(unitStarts(runs, 1), [0, 2, 5, 6]);
  assert.deepEqual(unitStarts(runs, 3), [0, 5]);
  assert.deepEqual(unitStarts([], 3), []);
});
