/**
 * The main job: replaying the built-in rules over the example S3 trees. The real Invictus logs
 * raise nothing; the session-theft tree (examples/session-theft/make-scenario.ts) raises exactly
 * the theft, once per built-in rule, at the first run after it (now() 12:15, scheduled 12:10).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { loadRules } from '../../src/detect/rule-files.ts';
import { compileRule, replay, type ReplayOptions } from '../../src/detect/replay.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { entityText } from '../../src/detect/rule-tests.ts';

const workspace = loadWorkspace();
const tree = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));

async function detect(name: string, options: ReplayOptions = {}, only?: (ruleName: string) => boolean) {
  const source = openCloudTrail([tree(name)]);
  const asked: Array<ReadonlySet<string> | undefined> = [];
  const recorded: TableSource = { schema: source.schema, scan: (o) => (asked.push(o.columns), source.scan(o)) };
  const tables = new Map<string, TableSource>([['AWSCloudTrail', recorded]]);
  const rules = loadRules().filter((r) => !only || only(r.name)).map((r) => compileRule(r, workspace, tables));
  const result = await replay(rules, tables, workspace.watchlists, options);
  return { result, summary: source.summary(), asked };
}

test('the real Invictus samples alone raise no alert', async () => {
  const { result, summary } = await detect('invictus');
  assert.equal(summary.records, 2900);
  assert.deepEqual(result.alerts, []);
  assert.ok(result.runs.length > 0, 'runs were evaluated');
});

test('the session-theft tree raises exactly the theft: bert-jan from 10.8.8.10 and 203.0.113.66, with evidence', async () => {
  const { result } = await detect('session-theft');
  assert.deepEqual(result.alerts.map((a) => a.ruleName).sort(), ['AWS - Concurrent console sessions from different IPs', 'AWS - Console session used from several IPs in one 5-minute bin']);
  for (const a of result.alerts) {
    assert.equal(a.now, '2023-07-10T12:15:00Z');
    assert.equal(a.scheduledTime, '2023-07-10T12:10:00Z');
    assert.deepEqual(a.entities.map(entityText).sort(), ['Account:123837392027:user/bert-jan', 'IP:10.8.8.10', 'IP:203.0.113.66']);
    assert.deepEqual(a.techniques, ['T1185']);
    assert.deepEqual(a.tactics, ['Collection']);
  }
  const seed = result.alerts.find((a) => a.ruleName.startsWith('AWS - Concurrent'))!;
  // Evidence: the first record from each IP (arg_min), as Kusto JSON values.
  const evidence = seed.rows.map((r) => [r.SourceIpAddress, r.TimeGenerated, r.AwsEventId]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
  assert.deepEqual(evidence, [
    ['10.8.8.10', '2023-07-10T12:13:20Z', '1e4aaef8-f01e-4efa-abd1-1d3355a455ea'],
    ['203.0.113.66', '2023-07-10T12:14:05Z', 'c0ffee00-7e57-4a11-b0b5-5e55100a7ac4'],
  ]);
});

test('the pushed-down filters keep ~1% of the events in memory (cost grows with events, not runs)', async () => {
  const { result, summary } = await detect('session-theft');
  // 50 records hold DescribeEventAggregates; 26 of them are health.amazonaws.com companions, which
  // the reader drops exactly (negated has)
  for (const kept of result.rowsKept.values()) assert.equal(kept, 24, `kept ${kept} of ${summary.records}`);
});

test('with --ingestion delivery the theft is still found: its file is delivered at 12:15, by the run\'s now()', async () => {
  const { result } = await detect('session-theft', { ingestion: 'delivery' });
  assert.equal(result.alerts.length, 2);
  assert.ok(result.alerts.every((a) => a.now === '2023-07-10T12:15:00Z'));
});

test('rows spilled to disk (a 1-byte memory budget) give exactly the same runs and alerts, and the spill file is removed', async () => {
  const spillDir = mkdtempSync(join(tmpdir(), 'replay-spill-'));
  try {
    const inMemory = await detect('session-theft');
    const spilled = await detect('session-theft', { memoryBudget: 1, spillDir });
    assert.equal(inMemory.result.spilledBytes, 0);
    assert.ok(spilled.result.spilledBytes > 0, 'rows went to disk');
    assert.deepEqual(spilled.result.alerts, inMemory.result.alerts);
    assert.deepEqual(spilled.result.runs.map((r) => [r.rule.id, r.window.now, r.resultCount]), inMemory.result.runs.map((r) => [r.rule.id, r.window.now, r.resultCount]));
    assert.deepEqual(readdirSync(spillDir), []);
  } finally {
    rmSync(spillDir, { recursive: true, force: true });
  }
});

test('the shared read maps only the columns the rules read (and TimeGenerated); the alerts are those of a read of every column', async () => {
  const bin = (name: string) => name.includes('5-minute bin');
  const pushed = await detect('session-theft', {}, bin);
  const all = await detect('session-theft', { readAllColumns: true }, bin);
  assert.equal(pushed.result.alerts.length, 1);
  assert.deepEqual(pushed.result.alerts, all.result.alerts);
  assert.deepEqual(all.asked, [undefined]);
  const columns = [...pushed.asked[0]!].sort();
  assert.ok(columns.includes('TimeGenerated') && columns.includes('SourceIpAddress') && columns.includes('EventName'), columns.join());
  assert.ok(columns.length < 20 && !columns.includes('ResponseElements'), columns.join());
  // The seed rule's alerts hold every column (arg_min(TimeGenerated, *)): with it the read maps all.
  const both = await detect('session-theft');
  assert.equal(both.asked.length, 1);
  assert.ok(!both.asked[0] || both.asked[0].size === 53, 'every column');
  assert.deepEqual(both.result.alerts, (await detect('session-theft', { readAllColumns: true })).result.alerts);
});
