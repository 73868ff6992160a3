/** Which filters the engine hands to a table's reader (src/kql/exec/pushdown.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compileQuery } from '../../../src/kql/engine.ts';
import type { ScanOptions, ScanPredicate, TableSource } from '../../../src/kql/scan.ts';
import type { Batch } from '../../../src/kql/types.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { cloudTrailTable, ticks } from '../../helpers/cloudtrail-rows.ts';

const SEED = readFileSync(new URL('../../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url), 'utf8');

/** A table that records the predicates each scan received. */
class RecordingTable implements TableSource {
  readonly scans: ScanPredicate[][] = [];
  constructor(private readonly inner: TableSource) {}
  get schema() {
    return this.inner.schema;
  }
  scan(options: ScanOptions): AsyncIterable<Batch> {
    this.scans.push([...options.predicates]);
    return this.inner.scan(options);
  }
}

test('the seed rule pushes its time bound, has and not(has) down to the AWSCloudTrail reader', async () => {
  const workspace = loadWorkspace({});
  const table = new RecordingTable(cloudTrailTable([]));
  const tables = new Map([['AWSCloudTrail', table as TableSource]]);
  const q = compileQuery(SEED, workspace.catalog(tables));
  await q.run({ now: ticks('2024-05-01T12:00:00Z'), tables, watchlists: workspace.watchlists });
  assert.equal(table.scans.length, 1, 'the table is read once although _Events is used twice (as)');
  assert.deepEqual(table.scans[0], [
    { kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T11:50:00Z'), minInclusive: false },
    { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
    { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
  ]);
  // tableFilters() leaves out what depends on now(), for readers that read once for many runs.
  assert.deepEqual(q.tableFilters().get('AWSCloudTrail'), table.scans[0]!.slice(1));
});

test('==, in and =~ on a string column become an `in` pre-filter; or-ed filters are not pushed', () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const filters = (q: string) => compileQuery(q, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail');
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "ConsoleLogin" and AWSRegion in~ ("us-east-1", "eu-west-1")'), [
    { kind: 'in', column: 'EventName', values: ['ConsoleLogin'], caseInsensitive: false },
    { kind: 'in', column: 'AWSRegion', values: ['us-east-1', 'eu-west-1'], caseInsensitive: true },
  ]);
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "A" or EventName == "B"'), []);
  assert.deepEqual(filters('AWSCloudTrail | count'), []);
});

test('`between` on TimeGenerated becomes an inclusive time range (a timespan upper bound counts from the lower one); row-dependent bounds stay in the plan', async () => {
  // learn.microsoft.com/kusto/query/between-operator: "lo <= T <= hi"; for datetime, "hi" may be a
  // timespan, the range being [lo, lo + hi].
  const workspace = loadWorkspace({});
  const scanned = async (q: string) => {
    const table = new RecordingTable(cloudTrailTable([]));
    const tables = new Map([['AWSCloudTrail', table as TableSource]]);
    await compileQuery(q, workspace.catalog(tables)).run({ now: ticks('2024-05-01T12:00:00Z'), tables, watchlists: workspace.watchlists });
    return table.scans[0]!.filter((p) => p.kind === 'timeRange');
  };
  const range = (min: string, max: string) => [
    { kind: 'timeRange', column: 'TimeGenerated', min: ticks(min), minInclusive: true, max: ticks(max), maxInclusive: true },
  ];
  assert.deepEqual(
    await scanned('AWSCloudTrail | where TimeGenerated between (datetime(2024-05-01 10:00) .. datetime(2024-05-01 11:00))'),
    range('2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z'),
  );
  assert.deepEqual(await scanned('AWSCloudTrail | where TimeGenerated between (datetime(2024-05-01 10:00) .. 2h)'), range('2024-05-01T10:00:00Z', '2024-05-01T12:00:00Z'));
  assert.deepEqual(await scanned('AWSCloudTrail | where TimeGenerated between (ago(1h) .. now())'), range('2024-05-01T11:00:00Z', '2024-05-01T12:00:00Z'));
  assert.deepEqual(await scanned('AWSCloudTrail | where TimeGenerated between (datetime(null) .. now())'), []);
  assert.deepEqual(await scanned('AWSCloudTrail | where TimeGenerated between (datetime(2024-05-01) .. TimeGenerated)'), []);
  assert.deepEqual(await scanned('AWSCloudTrail | where TimeGenerated !between (ago(1h) .. now())'), []);
});

test('a `between` range filters the rows a reader gives exactly as the where does: both ends kept', async () => {
  const workspace = loadWorkspace({});
  const times = ['2024-05-01T09:59:59.9999999Z', '2024-05-01T10:00:00Z', '2024-05-01T11:00:00Z', '2024-05-01T11:00:00.0000001Z'];
  const tables = new Map([['AWSCloudTrail', cloudTrailTable(times.map((t) => ({ TimeGenerated: t }))) as TableSource]]);
  const q = compileQuery('AWSCloudTrail | where TimeGenerated between (datetime(2024-05-01 10:00) .. 1h) | project TimeGenerated', workspace.catalog(tables));
  const r = await q.run({ now: ticks('2024-05-01T12:00:00Z'), tables, watchlists: workspace.watchlists });
  assert.deepEqual(r.columns[0], [ticks(times[1]!), ticks(times[2]!)]);
});
