/**
 * Replay semantics over in-memory AWSCloudTrail rows with the real engine: delay, ingestion
 * modes, trigger operators, event grouping and the 150 cap, de-duplication across overlapping
 * lookbacks, and skipping empty runs (kql-semantics.md §9.1; docs/detections.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleYaml } from '../../src/detect/rule-yaml.ts';
import { compileRule, replay, TooManyRunsError, type ReplayOptions } from '../../src/detect/replay.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { MemoryTable } from '../../src/kql/file-table.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { cloudTrailRow, ticks, type RowSpec } from '../helpers/cloudtrail-rows.ts';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';
import { RecordingTable } from '../helpers/recording-table.ts';

const workspace = loadWorkspace();

function rule(query: string, extra = '', schedule = 'queryFrequency: 5m\nqueryPeriod: 10m'): string {
  return scheduledRuleYaml({ id: '11111111-2222-4333-8444-555555555555', name: 'Replay test', query, schedule, extra });
}

async function run(yaml: string, rows: Array<RowSpec & { _delivered?: string }>, options: ReplayOptions = {}) {
  const values = rows.map(({ _delivered, ...r }) => cloudTrailRow(r));
  const ingestion = rows.map((r) => (r._delivered ? ticks(r._delivered) : null));
  const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, values, ingestion)]]);
  const cr = compileRule(parseRuleYaml(yaml, 'test.yaml'), workspace, tables);
  return replay([cr], tables, workspace.watchlists, options);
}

const X = (t: string, id: string, extra: RowSpec = {}): RowSpec => ({ TimeGenerated: `2024-05-01T${t}Z`, EventName: 'X', AwsEventId: id, SourceIpAddress: '192.0.2.1', ...extra });
const SIMPLE = rule('AWSCloudTrail | where EventName == "X" | project TimeGenerated, AwsEventId, SourceIpAddress');

test('overlapping lookbacks: an event seen by two consecutive runs is reported once; --per-run keeps both (§9.1)', async () => {
  const once = await run(SIMPLE, [X('12:03:00', 'a')]);
  assert.deepEqual(once.runs.filter((r) => r.triggered).map((r) => r.window.now).length, 2, 'runs at now 12:05 and 12:10 both see it');
  assert.equal(once.alerts.length, 1);
  assert.equal(once.alerts[0]!.now, '2024-05-01T12:05:00Z');
  const perRun = await run(SIMPLE, [X('12:03:00', 'a')], { perRun: true });
  assert.deepEqual(perRun.alerts.map((a) => a.now), ['2024-05-01T12:05:00Z', '2024-05-01T12:10:00Z']);
  assert.equal(perRun.alerts[0]!.id, perRun.alerts[1]!.id, 'same evidence, same alert id');
});

test('a new evidence row makes a new alert; the alert window and now() are the run\'s', async () => {
  const r = await run(SIMPLE, [X('12:03:00', 'a'), X('12:08:00', 'b')]);
  assert.deepEqual(r.alerts.map((a) => [a.now, a.windowStart, a.windowEnd, a.rows.map((x) => x.AwsEventId).join()]), [
    ['2024-05-01T12:05:00Z', '2024-05-01T11:55:00Z', '2024-05-01T12:05:00Z', 'a'],
    ['2024-05-01T12:10:00Z', '2024-05-01T12:00:00Z', '2024-05-01T12:10:00Z', 'a,b'],
  ]);
  assert.equal(r.alerts[1]!.scheduledTime, '2024-05-01T12:05:00Z', 'executed 5 minutes after its scheduled time');
});

test('the delay decides which run sees an event first: with 0 delay the run scheduled at 12:05 is the first', async () => {
  const r = await run(SIMPLE, [X('12:03:00', 'a')], { delay: 0n });
  assert.equal(r.alerts[0]!.scheduledTime, '2024-05-01T12:05:00Z');
  assert.equal(r.alerts[0]!.now, '2024-05-01T12:05:00Z');
});

test('--ingestion delivery: an event delivered after the runs that cover it is missed; ideal finds it (ingestion-delay doc)', async () => {
  // Happened 12:03, file delivered 12:16: runs at now 12:05 and 12:10 ran too early, 12:15 too.
  const rows = [X('12:03:00', 'a', { _delivered: '2024-05-01T12:16:00Z' } as RowSpec)];
  assert.equal((await run(SIMPLE, rows, { ingestion: 'delivery' })).alerts.length, 0);
  assert.equal((await run(SIMPLE, rows, { ingestion: 'ideal' })).alerts.length, 1);
  // Delivered 12:07: the run at 12:05 misses it, the run at 12:10 finds it.
  const late = await run(SIMPLE, [X('12:03:00', 'a', { _delivered: '2024-05-01T12:07:00Z' } as RowSpec)], { ingestion: 'delivery' });
  assert.deepEqual(late.alerts.map((a) => a.now), ['2024-05-01T12:10:00Z']);
});

test('trigger operator and threshold decide whether a run alerts', async () => {
  const rows = [X('12:01:00', 'a'), X('12:02:00', 'b')];
  const gt2 = rule('AWSCloudTrail | where EventName == "X"').replace('triggerThreshold: 0', 'triggerThreshold: 2');
  assert.equal((await run(gt2, rows)).alerts.length, 0, '2 rows are not > 2');
  const eq2 = gt2.replace('triggerOperator: gt', 'triggerOperator: eq');
  assert.equal((await run(eq2, rows)).alerts.length, 1, '2 rows == 2 (the run at 12:05; the one at 12:10 repeats it)');
});

test('SingleAlert: one alert per run with every row; entities de-duplicated (eventGroupingSettings, §9.1)', async () => {
  const r = await run(rule('AWSCloudTrail | where EventName == "X" | project AwsEventId, SourceIpAddress, UserIdentityUserName',
    'entityMappings:\n  - entityType: IP\n    fieldMappings: [{identifier: Address, columnName: SourceIpAddress}]\n  - entityType: Account\n    fieldMappings: [{identifier: Name, columnName: UserIdentityUserName}]\ncustomDetails:\n  EventIds: AwsEventId\n'),
    [X('12:01:00', 'a'), X('12:02:00', 'b'), X('12:03:00', 'c', { SourceIpAddress: '192.0.2.9' })]);
  assert.equal(r.alerts.length, 1);
  const a = r.alerts[0]!;
  assert.equal(a.rows.length, 3);
  // Account entities with an empty Name are left out, as Sentinel drops empty identifiers.
  assert.deepEqual(a.entities, [{ type: 'IP', identifiers: { Address: '192.0.2.1' } }, { type: 'IP', identifiers: { Address: '192.0.2.9' } }]);
  assert.deepEqual(a.customDetails, { EventIds: ['a', 'b', 'c'] });
  assert.equal(a.severity, 'Low');
});

test('AlertPerResult: one alert per row; with more than 150 rows, 149 alerts and one for the rest (§9.1)', async () => {
  const per = 'eventGroupingSettings:\n  aggregationKind: AlertPerResult\n';
  const three = await run(rule('AWSCloudTrail | where EventName == "X"', per), [X('12:01:00', 'a'), X('12:02:00', 'b'), X('12:03:00', 'c')]);
  assert.equal(three.alerts.length, 3);
  const many = Array.from({ length: 151 }, (_, i) => X('12:01:00', `e${i}`));
  const r = await run(rule('AWSCloudTrail | where EventName == "X"', per), many, { perRun: true, to: ticks('2024-05-01T12:00:00Z') });
  assert.equal(r.alerts.length, 150);
  assert.deepEqual(r.alerts.slice(0, 149).map((a) => a.rows.length), Array(149).fill(1));
  assert.equal(r.alerts[149]!.rows.length, 2);
});

test('alertDetailsOverride fills the display name from the first row and may take severity from a column', async () => {
  const r = await run(rule('AWSCloudTrail | where EventName == "X" | extend Sev = "High" | project AwsEventId, SourceIpAddress, Sev',
    "alertDetailsOverride:\n  alertDisplayNameFormat: 'X from {{SourceIpAddress}}'\n  alertSeverityColumnName: Sev\n"), [X('12:01:00', 'a')]);
  assert.equal(r.alerts[0]!.displayName, 'X from 192.0.2.1');
  assert.equal(r.alerts[0]!.severity, 'High');
});

test('a mapping to a column the query does not return is an error naming the field', async () => {
  await assert.rejects(run(rule('AWSCloudTrail | project AwsEventId', 'entityMappings:\n  - entityType: IP\n    fieldMappings: [{identifier: Address, columnName: SourceIpAddress}]\n'), []),
    /test\.yaml: entityMappings\[0\]\.fieldMappings\[0\]\.columnName: column "SourceIpAddress" is not in the query's result/);
});

// Sentinel refuses such rules when they are saved: "Error in EntityMappings: The given column 'X'
// does not exist" / "Error in AlertDetailsOverride: The given column 'X' does not exist"
// (github.com/Azure/Azure-Sentinel issues 6363 and 11671).
test('an alert details format naming a column the query does not return is an error naming the field', async () => {
  await assert.rejects(run(rule('AWSCloudTrail | project AwsEventId', "alertDetailsOverride:\n  alertDescriptionFormat: 'from {{SourceIpAddress}}'\n"), []),
    /test\.yaml: alertDetailsOverride\.alertDescriptionFormat: column "SourceIpAddress" is not in the query's result/);
});

// Sentinel accepts custom details naming a missing column: Microsoft publishes such a rule
// ("AWSCloudTrail - Changes to AWS Security Group ingress and egress settings", UserIdentityArn).
test('a custom detail naming a column the query does not return: a warning, and the detail is left out of the alerts', async () => {
  const yaml = rule('AWSCloudTrail | where EventName == "X" | project AwsEventId, SourceIpAddress', 'customDetails:\n  Ip: SourceIpAddress\n  Arn: UserIdentityArn\n');
  const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, [cloudTrailRow(X('12:01:00', 'a'))])]]);
  const cr = compileRule(parseRuleYaml(yaml, 'test.yaml'), workspace, tables);
  assert.equal(cr.warnings.length, 1);
  assert.match(cr.warnings[0]!, /^test\.yaml: customDetails\.Arn: column "UserIdentityArn" is not in the query's result; the detail is left out of the alerts/);
  const r = await replay([cr], tables, workspace.watchlists);
  assert.deepEqual(r.alerts[0]!.customDetails, { Ip: ['192.0.2.1'] });
});

test('a format with four placeholders (a warning at load) fills all four', async () => {
  const r = await run(rule('AWSCloudTrail | where EventName == "X" | project AwsEventId, SourceIpAddress, EventName, A = "a"',
    "alertDetailsOverride:\n  alertDisplayNameFormat: 'n'\n  alertDescriptionFormat: '{{EventName}} {{AwsEventId}} {{SourceIpAddress}} {{A}}'\n"), [X('12:01:00', 'a')]);
  assert.equal(r.alerts[0]!.description, 'X a 192.0.2.1 a');
});

test('empty runs are skipped only when the query returns nothing on empty input: summarize count() runs every tick', async () => {
  const rows = [X('12:01:00', 'a'), X('13:01:00', 'b')];
  const skipped = await run(SIMPLE, rows);
  const all = await run(SIMPLE, rows, { allRuns: true });
  assert.ok(skipped.runs.length < all.runs.length, `${skipped.runs.length} runs instead of ${all.runs.length}`);
  assert.deepEqual(skipped.alerts.map((a) => a.id), all.alerts.map((a) => a.id), 'same alerts either way');
  const count = await run(rule('AWSCloudTrail | where EventName == "X" | summarize n = count()'), rows, { perRun: true });
  assert.equal(count.runs.length, all.runs.length, 'count() gives a row from an empty window, so every run is needed');
});

test('--from/--to bound the scheduled times', async () => {
  const r = await run(SIMPLE, [X('12:03:00', 'a')], { from: ticks('2024-05-01T11:00:00Z'), to: ticks('2024-05-01T11:30:00Z') });
  assert.equal(r.alerts.length, 0);
  assert.equal(r.runs.length, 0, 'no run in that range sees a row, so none is needed');
});

test('suppression: after an alerting run, runs scheduled within suppressionDuration are skipped (§9.1)', async () => {
  const rows = [X('12:01:00', 'a'), X('12:11:00', 'b'), X('12:31:00', 'c')];
  const plain = await run(SIMPLE, rows, { perRun: true });
  const suppressed = await run(`${SIMPLE}suppressionEnabled: true\nsuppressionDuration: 20m\n`, rows, { perRun: true });
  assert.deepEqual(plain.alerts.map((a) => a.now), ['2024-05-01T12:05:00Z', '2024-05-01T12:10:00Z', '2024-05-01T12:15:00Z', '2024-05-01T12:20:00Z', '2024-05-01T12:35:00Z', '2024-05-01T12:40:00Z']);
  // Alert at 12:05 (scheduled 12:00) silences runs scheduled before 12:20; the run at now 12:25 sees nothing.
  assert.deepEqual(suppressed.alerts.map((a) => a.now), ['2024-05-01T12:05:00Z', '2024-05-01T12:35:00Z']);
});

test('a bare .kql rule runs on the schedule of its own lets: the shared seed query over its §10 example', async () => {
  const { readFileSync } = await import('node:fs');
  const { parseKqlRule } = await import('../../src/detect/rule-kql.ts');
  const seed = parseKqlRule(readFileSync(new URL('../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url), 'utf8'), 'seed.kql');
  const d = (ip: string, t: string): RowSpec => ({ TimeGenerated: `2024-05-01T${t}Z`, EventName: 'DescribeEventAggregates', SourceIpAddress: ip, UserIdentityType: 'IAMUser', UserIdentityAccountId: '444455556666', UserIdentityUserName: 'dave', RecipientAccountId: '444455556666' });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, [d('192.0.2.1', '11:59:00'), d('192.0.2.2', '11:59:30')].map((r) => cloudTrailRow(r)))]]);
  const r = await replay([compileRule(seed, workspace, tables)], tables, workspace.watchlists);
  assert.deepEqual(r.alerts.map((a) => [a.now, a.rows.length]), [['2024-05-01T12:00:00Z', 2]]);
});

/** A rule that runs every 5 minutes whatever the data (count() gives a row from an empty window), each run doing some work. */
const BUSY = rule('AWSCloudTrail | summarize n = count() | extend work = toscalar(range x from 1 to 20000 step 1 | summarize sum(x))');

test('a signal stops the replay: already aborted, nothing runs; aborted between runs, it throws the signal\'s reason', { timeout: 120_000 }, async () => {
  const reason = new Error('stop: the client went away');
  await assert.rejects(run(BUSY, [X('12:03:00', 'a')], { signal: AbortSignal.abort(reason) }), (e) => e === reason);
  // Ten years of 5-minute runs (over a million, each summing 20,000 numbers): hours without the
  // check; the signal fires once the runs are under way and the replay stops at the next check.
  const abort = new AbortController();
  const replaying = run(BUSY, [X('12:03:00', 'a')], { from: ticks('2024-01-01T00:00:00Z'), to: ticks('2033-12-31T00:00:00Z'), signal: abort.signal });
  setTimeout(() => abort.abort(reason), 500);
  await assert.rejects(replaying, (e) => e === reason);
  // Without an Error as its reason: a QueryCancelledError (a limit error, as a query's cancellation).
  await assert.rejects(run(BUSY, [X('12:03:00', 'a')], { signal: AbortSignal.abort('no reason') }), { name: 'QueryCancelledError', message: 'The replay was cancelled.' });
});

test('a signal that never fires changes nothing', async () => {
  const rows = [X('12:03:00', 'a'), X('12:08:00', 'b')];
  assert.deepEqual((await run(SIMPLE, rows, { signal: new AbortController().signal })).alerts, (await run(SIMPLE, rows)).alerts);
});

test('maxRuns bounds the schedule before it is built: a range of centuries fails at once, naming the bound', { timeout: 60_000 }, async () => {
  // 5-minute runs from year 1 to 9999: about a billion, whose schedule alone would exhaust memory.
  await assert.rejects(run(BUSY, [X('12:03:00', 'a')], { from: ticks('0001-01-01T00:00:00Z'), to: ticks('9999-12-31T00:00:00Z'), maxRuns: 1000 }), (e) => e instanceof TooManyRunsError && /more than 1000 scheduled runs/.test(e.message));
  const day = await run(BUSY, [X('12:03:00', 'a')], { from: ticks('2024-05-01T00:00:00Z'), to: ticks('2024-05-01T23:55:00Z'), maxRuns: 288 });
  assert.equal(day.runs.length, 288, 'exactly the bound is allowed');
});

test("a run's scans copy only the rows their own TimeGenerated bounds keep: the same alerts as a query whose bound cannot be pushed (threat-intelligence rules: lookback 14d, AWSCloudTrail 1h)", async () => {
  // Sentinel's IPEntity_AWSCloudTrail: queryPeriod 14d for the indicators, `where TimeGenerated >= ago(1h)` on AWSCloudTrail
  // g: exactly at a run's ago(1h) (now() = 12:05 with the default 5m delay), which >= keeps
  const rows = [X('10:00:00', 'a'), X('11:05:00', 'g'), X('11:30:00', 'b'), X('11:59:59', 'c'), X('12:00:00', 'd'), X('12:40:00', 'e'), X('13:10:00', 'f')];
  const schedule = 'queryFrequency: 1h\nqueryPeriod: 14d';
  const pushed = rule('AWSCloudTrail | where TimeGenerated >= ago(1h) | project TimeGenerated, AwsEventId', '', schedule);
  // a bound on a computed column is not pushed (plan/filter-pushdown.ts moves only tests of columns
  // a projection passes through): every run copies its 14 days
  const plain = rule('AWSCloudTrail | extend T = TimeGenerated + 0s | where T >= ago(1h) | project TimeGenerated, AwsEventId', '', schedule);
  const options: ReplayOptions = { perRun: true, anchor: ticks('2024-05-01T00:00:00Z') };
  const a = await run(pushed, rows, options);
  const b = await run(plain, rows, options);
  const evidence = (r: typeof a) => r.alerts.map((x) => `${x.now} ${x.rows.map((row) => row.AwsEventId).join(',')}`);
  assert.deepEqual(evidence(a), evidence(b));
  assert.ok(a.alerts.length >= 3, evidence(a).join('; '));
});

test('several rules in one replay: each keeps only the rows its own pre-filter keeps, and alerts as when replayed alone', async () => {
  const rows = [
    X('12:01:00', 'x1'),
    X('12:02:00', 'u1', { EventName: 'Describe', UserAgent: 'aws-cli/2.1' }),
    X('12:03:00', 'o1', { EventName: 'GetObject', UserAgent: 'Mozilla/5.0' }),
    X('12:04:00', 'x2', { UserAgent: 'aws-sdk-go' }),
    X('12:21:00', 'o2', { EventName: 'PutObjectAcl', UserAgent: 'Boto3' }),
  ];
  const yamls = [
    rule('AWSCloudTrail | where EventName == "X" | project TimeGenerated, AwsEventId'),
    rule('AWSCloudTrail | where UserAgent has "aws" | project TimeGenerated, AwsEventId, UserAgent'),
    // nothing pushable: every row
    rule('AWSCloudTrail | where strlen(EventName) > 8 | project TimeGenerated, AwsEventId'),
  ].map((y, i) => y.replace('11111111-2222-4333-8444-555555555555', `11111111-2222-4333-8444-55555555555${i}`).replace('Replay test', `Replay test ${i}`));
  const values = rows.map((r) => cloudTrailRow(r));
  const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, values)]]);
  const rules = yamls.map((y) => compileRule(parseRuleYaml(y, 'test.yaml'), workspace, tables));
  const together = await replay(rules, tables, workspace.watchlists);
  assert.deepEqual([...together.rowsKept.values()], [2, 2, 5], 'X rows; aws agents; every row');
  const evidence = (alerts: typeof together.alerts) => alerts.map((a) => `${a.ruleName} ${a.now} ${a.rows.map((r) => r.AwsEventId).join(',')}`).sort();
  const alone = [];
  for (const cr of rules) alone.push(...(await replay([cr], tables, workspace.watchlists)).alerts);
  assert.deepEqual(evidence(together.alerts), evidence(alone));
  assert.equal(together.alerts.length, 4, evidence(together.alerts).join('; '));
});

test('rules with nothing in common are read in a few reads: one per column their `in` tests, the rules that need every row last', async () => {
  const rows = [
    X('12:01:00', 'x1'),
    X('12:02:00', 'g1', { EventName: 'GetObject', SourceIpAddress: '198.51.100.7' }),
    X('12:03:00', 'p1', { EventName: 'PutObjectAcl', UserAgent: 'Boto3' }),
    X('12:04:00', 'i1', { EventName: 'Describe', SourceIpAddress: '203.0.113.9' }),
    X('12:21:00', 'g2', { EventName: 'GetObject', UserAgent: 'aws-cli/2.1' }),
  ];
  const yamls = [
    rule('AWSCloudTrail | where EventName in ("GetObject", "PutObjectAcl")'),
    rule('AWSCloudTrail | where EventName == "PutObjectAcl" | project TimeGenerated, AwsEventId, UserAgent'),
    rule('AWSCloudTrail | where SourceIpAddress in ("203.0.113.9", "198.51.100.7")'),
    // nothing pushable: every row, at two columns
    rule('AWSCloudTrail | where strlen(EventName) > 8 | project TimeGenerated, AwsEventId'),
  ].map((y, i) => y.replace('11111111-2222-4333-8444-555555555555', `11111111-2222-4333-8444-55555555555${i}`).replace('Replay test', `Replay test ${i}`));
  const values = rows.map((r) => cloudTrailRow(r));
  const recording = new RecordingTable(MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, values));
  const tables = new Map<string, TableSource>([['AWSCloudTrail', recording]]);
  const rules = yamls.map((y) => compileRule(parseRuleYaml(y, 'test.yaml'), workspace, tables));
  const together = await replay(rules, tables, workspace.watchlists);
  assert.deepEqual(
    recording.scans.map((ps) => ps.map((p) => (p.kind === 'in' ? `${p.column} in ${p.values.join('|')}` : p.kind)).join(' and ')),
    ['EventName in GetObject|PutObjectAcl', 'SourceIpAddress in 203.0.113.9|198.51.100.7', ''],
  );
  // a read of one store keeps what its reader keeps: this in-memory table ignores pre-filters
  assert.deepEqual([...together.rowsKept.values()], [3, 1, 5, 5]);
  const evidence = (alerts: typeof together.alerts) => alerts.map((a) => `${a.ruleName} ${a.now} ${a.rows.map((r) => r.AwsEventId).join(',')}`).sort();
  const alone = [];
  for (const cr of rules) alone.push(...(await replay([cr], tables, workspace.watchlists)).alerts);
  assert.deepEqual(evidence(together.alerts), evidence(alone));
  assert.ok(together.alerts.length >= 4, evidence(together.alerts).join('; '));
});

test("a rule's rows are released at its scans' pushed-down TimeGenerated bound when that is later than its lookback's start", async () => {
  const { releasePoints } = await import('../../src/detect/run-units.ts');
  const { windowAt } = await import('../../src/detect/schedule.ts');
  const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, [])]]);
  const schedule = { frequency: 3_600n * 10_000_000n, period: 14n * 24n * 3_600n * 10_000_000n, delay: 0n };
  const of = (query: string) => ({ schedule, tables: ['AWSCloudTrail'], compiled: compileRule(parseRuleYaml(rule(query, '', 'queryFrequency: 1h\nqueryPeriod: 14d'), 't.yaml'), workspace, tables).compiled });
  const bounded = of('AWSCloudTrail | where TimeGenerated >= ago(1h) | project AwsEventId');
  const unbounded = of('AWSCloudTrail | where EventName == "X" | project AwsEventId');
  const runs = [0, 1, 2].map((k) => ({ rule: 0, t: ticks('2024-05-01T00:00:00Z') + BigInt(k) * schedule.frequency }));
  const hour = 3_600n * 10_000_000n;
  assert.deepEqual(releasePoints(runs, [bounded]).get('AWSCloudTrail'), runs.map((r) => r.t - hour));
  assert.deepEqual(releasePoints(runs, [unbounded]).get('AWSCloudTrail'), runs.map((r) => windowAt(r.t, schedule).start));
  // two rules on one store: the earlier need wins
  const both = releasePoints([...runs.map((r) => ({ ...r, rule: 0 })), ...runs.map((r) => ({ ...r, rule: 1 }))].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)), [bounded, unbounded]);
  assert.ok(both.get('AWSCloudTrail')!.every((p) => p! < runs[0]!.t - hour));
});
