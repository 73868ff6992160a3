/**
 * Pre-filters tested on rows already read (src/kql/exec/predicate-rows.ts): for the predicates
 * the engine pushes down from a where, the rows kept are exactly the rows the where keeps.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';
import { rowsPassing } from '../../../src/kql/exec/predicate-rows.ts';
import { collect } from '../../../src/kql/exec/batches.ts';
import type { TableSource } from '../../../src/kql/scan.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { cloudTrailTable, ticks } from '../../helpers/cloudtrail-rows.ts';

const NAMES = ['ConsoleLogin', 'consolelogin', 'CONSOLELOGIN', 'Console-Login', 'ConsoleLoginX', 'x ConsoleLogin y', '', 'Ç', 'ç', 'K', '\u212a', 'AssumeRole'];
const AGENTS = ['aws-cli/2.0', 'AWS Internal', 'awscli', 'Mozilla/5.0', 'Boto3/1.2 aws-sdk', '', 'ÄWS'];

test('has, !has, in, in~ and time bounds pushed from a where keep exactly the rows the where keeps (has- and equals-operator docs: terms, ASCII folding)', async () => {
  const specs = NAMES.flatMap((EventName, i) =>
    AGENTS.map((UserAgent, j) => ({ EventName, UserAgent, AwsEventId: `${i}-${j}`, TimeGenerated: new Date(Date.UTC(2024, 4, 1, 0, i * 7 + j)).toISOString() })),
  );
  const table = cloudTrailTable(specs);
  const tables = new Map([['AWSCloudTrail', table as TableSource]]);
  const workspace = loadWorkspace({});
  const all = await collect(table.schema, table.scan({ predicates: [] }));
  const id = table.schema.findIndex((c) => c.name === 'AwsEventId');
  const wheres = [
    'EventName has "consolelogin"',
    'EventName has_cs "ConsoleLogin"',
    'EventName !has "ConsoleLogin"',
    'EventName == "ConsoleLogin"',
    'EventName =~ "consolelogin"',
    'EventName in~ ("k", "ç", "assumerole")',
    'EventName in ("Ç", "")',
    'UserAgent has "aws" and EventName !has "login"',
    'UserAgent startswith "aws-cli"',
    'TimeGenerated > datetime(2024-05-01T00:30:00Z) and TimeGenerated <= datetime(2024-05-01T01:00:00Z)',
  ];
  for (const w of wheres) {
    const q = compileQuery(`AWSCloudTrail | where ${w} | project AwsEventId`, workspace.catalog(tables));
    const want = (await q.run({ now: ticks('2030-01-01T00:00:00Z'), tables })).columns[0]!;
    const pushed = w.startsWith('TimeGenerated')
      ? [{ kind: 'timeRange' as const, column: 'TimeGenerated', min: ticks('2024-05-01T00:30:00Z'), minInclusive: false, max: ticks('2024-05-01T01:00:00Z'), maxInclusive: true }]
      : q.tableFilters().get('AWSCloudTrail')!;
    assert.ok(pushed.length > 0, `${w}: something is pushed`);
    const rows = rowsPassing(all, pushed);
    const got = rows === null ? all.columns[id]! : rows.map((i) => all.columns[id]![i]);
    if (w.includes('startswith')) {
      // a pushed `has "aws"` implied by startswith: a superset of the where's rows
      assert.ok(want.every((x) => got.includes(x)) && got.length > want.length, w);
    } else assert.deepEqual(got, want, w);
  }
});

test('a predicate on a column the batch lacks, or of another type, keeps every row; no predicate, every row (null)', async () => {
  const table = cloudTrailTable([{ EventName: 'A' }, { EventName: 'B' }]);
  const all = await collect(table.schema, table.scan({ predicates: [] }));
  assert.equal(rowsPassing(all, []), null);
  assert.equal(rowsPassing(all, [{ kind: 'in', column: 'NoSuchColumn', values: ['x'], caseInsensitive: false }]), null);
  assert.equal(rowsPassing(all, [{ kind: 'in', column: 'TimeGenerated', values: ['x'], caseInsensitive: false }]), null);
  assert.deepEqual(rowsPassing(all, [{ kind: 'in', column: 'EventName', values: ['B'], caseInsensitive: false }]), [1]);
  assert.deepEqual(rowsPassing(all, [{ kind: 'in', column: 'EventName', values: [], caseInsensitive: false }]), []);
});
