/**
 * Hunting queries as Sentinel's hunting page runs them (docs/hunting.md): the YAML format of the
 * Azure-Sentinel repository's "Hunting Queries" folders, {{StartTimeISO}}/{{EndTimeISO}} filled
 * from the range, the range applied to every table unless the query sets its own time filter
 * (Log Analytics: "Adding a time filter overrides the time range selected in the time picker",
 * learn.microsoft.com/azure/azure-monitor/logs/get-started-queries), now() at the range's end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { dataSpan, huntCompiler, runHuntingQuery, type HuntRange } from '../../src/detect/hunt.ts';
import { compileAllElsewhere } from '../../src/cli/compile-child.ts';
import { PlanCache } from '../../src/kql/cache/plan-cache.ts';
import { fillTimePlaceholders, hasTimePlaceholders, loadHuntingQueries, parseHuntingYaml, type HuntingQuery } from '../../src/detect/hunting-query.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import type { Batch } from '../../src/kql/types.ts';
import { cloudTrailTable, ticks } from '../helpers/cloudtrail-rows.ts';

const workspace = loadWorkspace();

const YAML = `id: 2b8cecfe-f705-432d-9f38-08207b9473e1
name: Test hunt
description: |
  'It''s a test.'
severity: High
requiredDataConnectors:
  - connectorId: AWS
    dataTypes:
      - AWSCloudTrail
tactics:
  - Credential Access
  - Defense Evasion
  - Not A Tactic
relevantTechniques:
  - T1110
query: |
  AWSCloudTrail | where EventName == "X"
entityMappings:
  - entityType: IP
    fieldMappings:
      - identifier: Address
        columnName: IPCustomEntity
`;

function hunting(query: string, file = 'h.yaml'): HuntingQuery {
  return { file, name: 'q', description: '', tactics: [], relevantTechniques: [], query, raw: {} };
}

const ROWS = cloudTrailTable([
  { TimeGenerated: '2024-05-01T09:00:00Z', EventName: 'X', SourceIpAddress: '192.0.2.9' },
  { TimeGenerated: '2024-05-01T10:00:00Z', EventName: 'X', SourceIpAddress: '192.0.2.10' },
  { TimeGenerated: '2024-05-01T11:00:00Z', EventName: 'X', SourceIpAddress: '192.0.2.11' },
  { TimeGenerated: '2024-05-01T12:00:00Z', EventName: 'X', SourceIpAddress: '192.0.2.12' },
  { TimeGenerated: null, EventName: 'X', SourceIpAddress: '192.0.2.99' },
]);
const RANGE: HuntRange = { from: ticks('2024-05-01T10:00:00Z'), to: ticks('2024-05-01T11:00:00Z') };

async function hunt(query: string, table: TableSource = ROWS, range = RANGE) {
  const batches: Batch[] = [];
  const outcome = await runHuntingQuery(hunting(query), range, { workspace, tables: new Map([['AWSCloudTrail', table]]), watchlists: workspace.watchlists }, { onBatch: (b) => batches.push(b) });
  const col = (name: string) => batches.flatMap((b) => b.columns[b.schema.findIndex((c) => c.name === name)]!);
  return { outcome, col };
}

test('a hunting YAML: name, description, techniques; tactics written with spaces are the schema\'s tactics', () => {
  const q = parseHuntingYaml(YAML, 'hunts/h.yaml');
  assert.equal(q.name, 'Test hunt');
  assert.equal(q.description, "It's a test.");
  assert.deepEqual(q.tactics, ['CredentialAccess', 'DefenseEvasion', 'Not A Tactic']);
  assert.deepEqual(q.relevantTechniques, ['T1110']);
  assert.equal(q.id, '2b8cecfe-f705-432d-9f38-08207b9473e1');
  assert.deepEqual((q.raw.entityMappings as unknown[]).length, 1, 'unknown and unused fields are kept');
});

test('a file that is not a hunting query is refused with a message naming file and field', () => {
  assert.throws(() => parseHuntingYaml(`${YAML}queryFrequency: 1d\n`, 'hunts/r.yaml'), /hunts\/r\.yaml: queryFrequency: this is an analytics rule, not a hunting query: run it with trailhound detect/);
  assert.throws(() => parseHuntingYaml('name: x\n', 'hunts/x.yaml'), /hunts\/x\.yaml: query: required field is missing/);
  assert.throws(() => parseHuntingYaml('name: [x\n', 'hunts/x.yaml'), /hunts\/x\.yaml: not valid YAML/);
});

test('a folder of hunting queries: .yaml, .yml and .kql files in name order; a .kql is named after its file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-hunts-'));
  writeFileSync(join(dir, 'b.yaml'), YAML);
  writeFileSync(join(dir, 'a.kql'), 'AWSCloudTrail | take 1');
  writeFileSync(join(dir, 'notes.txt'), 'not a query');
  const qs = loadHuntingQueries([dir]);
  assert.deepEqual(qs.map((q) => q.name), ['a', 'Test hunt']);
});

test('{{StartTimeISO}} and {{EndTimeISO}} are filled with the range in ISO 8601 (the hunting page\'s placeholders)', () => {
  const q = "let s = todatetime('{{StartTimeISO}}'); let e = todatetime('{{EndTimeISO}}'); print s, e";
  assert.ok(hasTimePlaceholders(q));
  assert.equal(fillTimePlaceholders(q, RANGE.from, RANGE.to), "let s = todatetime('2024-05-01T10:00:00Z'); let e = todatetime('2024-05-01T11:00:00Z'); print s, e");
  assert.ok(!hasTimePlaceholders('AWSCloudTrail'));
});

test('a query without a time filter sees only the rows whose TimeGenerated is in the range, both ends included', async () => {
  const { outcome, col } = await hunt('AWSCloudTrail | where EventName == "X" | project SourceIpAddress');
  assert.equal(outcome.timeFilter, 'range');
  assert.deepEqual(col('SourceIpAddress'), ['192.0.2.10', '192.0.2.11']);
});

test('a query with the placeholders sets its own window: it may look back before the range (Microsoft\'s hunts do, 14 days)', async () => {
  const { outcome, col } = await hunt(
    "let starttime = todatetime('{{StartTimeISO}}'); let lookback = starttime - 1h; AWSCloudTrail | where TimeGenerated between (lookback .. starttime) | project SourceIpAddress",
  );
  assert.equal(outcome.timeFilter, 'query');
  assert.deepEqual(col('SourceIpAddress'), ['192.0.2.9', '192.0.2.10']);
});

test('a query filtering TimeGenerated with ago() sets its own window, counted back from now() = the range\'s end', async () => {
  const { outcome, col } = await hunt('AWSCloudTrail | where TimeGenerated > ago(2h) | project SourceIpAddress');
  assert.equal(outcome.timeFilter, 'query');
  // now() is 11:00, so ago(2h) is 09:00; the query's own filter has no upper bound and the
  // range does not cut the table, so the 12:00 row is in too (as in Log Analytics).
  assert.deepEqual(col('SourceIpAddress'), ['192.0.2.10', '192.0.2.11', '192.0.2.12']);
  const now = await hunt('print n = now()');
  assert.deepEqual(now.col('n'), [RANGE.to]);
});

test('a query that cannot run gives an outcome with its error naming the file; it does not throw', async () => {
  const { outcome } = await hunt('AWSCloudTrail | where NoSuchColumn == 1');
  assert.equal(outcome.count, undefined);
  assert.match(outcome.error!, /^h\.yaml:1:\d+: .*NoSuchColumn/);
});

const invictus = fileURLToPath(new URL('../../examples/invictus', import.meta.url));

/** Event times of the Invictus sample, from the raw files (gunzip + JSON.parse). */
function invictusTimes(): string[] {
  const day = join(invictus, 'AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10');
  return readdirSync(day).flatMap((f) => (JSON.parse(gunzipSync(readFileSync(join(day, f))).toString('utf8')) as { Records: { eventTime: string }[] }).Records.map((r) => r.eventTime));
}

test('over real logs: the span is the first and last event; a query that reads no column counts the events in the range', async () => {
  const source = openCloudTrail([invictus]);
  const times = invictusTimes().sort();
  const span = await dataSpan(new Map([['AWSCloudTrail', source]]));
  assert.deepEqual(span, { from: ticks(times[0]!), to: ticks(times[times.length - 1]!) });
  const range = { from: ticks('2023-07-10T12:00:00Z'), to: ticks('2023-07-10T12:10:00Z') };
  const inRange = times.filter((t) => t >= '2023-07-10T12:00:00Z' && t <= '2023-07-10T12:10:00Z').length;
  const { col } = await hunt('AWSCloudTrail | summarize n = count()', source, range);
  assert.deepEqual(col('n'), [BigInt(inRange)]);
  assert.ok(inRange > 0 && inRange < times.length);
});

test('the range is a filter the reader gets: a summarize runs in its reading threads with the range pushed down', async () => {
  const source = openCloudTrail([invictus]);
  const pushed: unknown[] = [];
  const observed: TableSource = {
    schema: source.schema,
    scan: (o) => source.scan(o),
    scanPartial: (o, fragment) => (pushed.push(o.predicates), source.scanPartial(o, fragment)),
  };
  const range = { from: ticks('2023-07-10T12:00:00Z'), to: ticks('2023-07-10T12:10:00Z') };
  const inRange = invictusTimes().filter((t) => t >= '2023-07-10T12:00:00Z' && t <= '2023-07-10T12:10:00Z').length;
  const { col } = await hunt('AWSCloudTrail | summarize n = count() by bin(TimeGenerated, 1h)', observed, range);
  assert.deepEqual(col('n'), [BigInt(inRange)]);
  assert.deepEqual(pushed, [[
    { kind: 'timeRange', column: 'TimeGenerated', min: range.from, minInclusive: true },
    { kind: 'timeRange', column: 'TimeGenerated', max: range.to, maxInclusive: true },
  ]]);
  // The default range, the data's span, is a summarize the reader computes the same way.
  const times = invictusTimes().sort();
  assert.deepEqual(await dataSpan(new Map([['AWSCloudTrail', observed]])), { from: ticks(times[0]!), to: ticks(times[times.length - 1]!) });
  assert.deepEqual(pushed.slice(1), [[]]);
});

test('every read of the table is cut to the range, a toscalar() subquery\'s too; rows without TimeGenerated are out', async () => {
  const { outcome, col } = await hunt('print n = toscalar(AWSCloudTrail | count), ips = toscalar(AWSCloudTrail | summarize make_list(SourceIpAddress))');
  assert.equal(outcome.timeFilter, 'range');
  assert.deepEqual(col('n'), [2n]);
  assert.deepEqual(col('ips').map(String), ['192.0.2.10,192.0.2.11']);
});

test('huntCompiler: the queries of one hunt the plan cache lacks are compiled in one batch, placeholders filled; results as compiled here', { timeout: 120_000 }, async () => {
  const child = { command: process.execPath, args: ['--import', 'tsx', fileURLToPath(new URL('../kql/cache/answer-child.ts', import.meta.url))] };
  const dir = mkdtempSync(join(tmpdir(), 'th-hunt-batch-'));
  const cached = loadWorkspace({ planCache: new PlanCache(dir) });
  const queries = [
    hunting('AWSCloudTrail | where EventName == "X" | project SourceIpAddress', 'a.yaml'),
    hunting('AWSCloudTrail | where TimeGenerated between (todatetime("{{StartTimeISO}}") .. todatetime("{{EndTimeISO}}")) | project SourceIpAddress', 'b.yaml'),
    hunting('AWSCloudTrail | where EventNme == "X"', 'c.yaml'),
  ];
  const asked: string[][] = [];
  const input = { workspace: cached, tables: new Map([['AWSCloudTrail', ROWS]]), watchlists: cached.watchlists, compileAll: (batch: Parameters<typeof compileAllElsewhere>[0]) => (asked.push(batch.items.map((i) => i.text)), compileAllElsewhere(batch, child)) };
  const run = async () => {
    const compiler = huntCompiler(queries, RANGE, input);
    const out: string[] = [];
    for (const q of queries) {
      const batches: Batch[] = [];
      const o = await runHuntingQuery(q, RANGE, input, { onBatch: (b) => batches.push(b) }, compiler);
      out.push(o.error ?? JSON.stringify(batches.flatMap((b) => b.columns[0]!)));
    }
    return out;
  };
  const first = await run();
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0], queries.map((q) => fillTimePlaceholders(q.query, RANGE.from, RANGE.to)));
  assert.ok(!asked[0]![1]!.includes('{{'), 'the child compiles the text that runs');
  assert.deepEqual(first, [
    '["192.0.2.10","192.0.2.11"]',
    '["192.0.2.10","192.0.2.11"]',
    (await hunt('AWSCloudTrail | where EventNme == "X"')).outcome.error!.replace('h.yaml', 'c.yaml'),
  ]);
  // The batch's plans went to the cache; the failed compile is asked again (nothing to cache).
  assert.deepEqual(await run(), first);
  assert.deepEqual(asked[1], [asked[0]![2]]);
});
