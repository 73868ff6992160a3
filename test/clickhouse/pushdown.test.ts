/**
 * Differential tests of the push-down (src/clickhouse/translate.ts): the same query over the same
 * data, once on our executor alone and once split between chDB and our executor, gives the same
 * rows. Each case also checks that the construct it is about was pushed (a case that silently ran
 * locally would prove nothing), or, for constructs kept local on purpose, that it was not.
 *
 * Data: the bundled samples (examples/session-theft: real CloudTrail) and crafted rows whose
 * values probe the edges: non-ASCII letters that Unicode case folding maps to ASCII (U+212A
 * KELVIN SIGN, U+017F LONG S), accents, `_` and `.` beside terms, nulls in bool and datetime
 * columns, empty strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../../src/cloudtrail/clickhouse-layout.ts';
import { loadTable } from '../../src/clickhouse/load.ts';
import { pushDown, pushTarget } from '../../src/clickhouse/engine.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { compileQuery, type TableSource } from '../../src/kql/engine.ts';
import type { Batch } from '../../src/kql/types.ts';
import { cloudTrailTable, ticks, type RowSpec } from '../helpers/cloudtrail-rows.ts';
import { chdb, NEEDS_CHDB } from './chdb.ts';

const NOW = ticks('2023-07-10T12:15:00Z');

const CRAFTED: RowSpec[] = [
  { TimeGenerated: '2023-07-10T12:00:00Z', AwsEventId: 'c1', EventName: 'GetObject', UserAgent: 'Mozilla/5.0 (X11) aws-cli/2', SourceIpAddress: 'health.amazonaws.com', SessionMfaAuthenticated: true, ReadOnly: true, ErrorCode: '' },
  { TimeGenerated: '2023-07-10T12:00:00.0000001Z', AwsEventId: 'c2', EventName: 'PutObject', UserAgent: 'ec2.health.amazonaws.com', SourceIpAddress: 'ec2.health.amazonaws.com', SessionMfaAuthenticated: false, ReadOnly: false, ErrorCode: 'AccessDenied' },
  { TimeGenerated: '2023-07-10T11:59:59.9999999Z', AwsEventId: 'c3', EventName: 'getobject', UserAgent: 'mozilla_5 \u212Aelvin \u017Fecret', SourceIpAddress: '10.0.0.1', SessionMfaAuthenticated: null, ReadOnly: null, SessionCreationDate: '2023-07-10T11:00:00Z' },
  { TimeGenerated: '2023-07-09T00:00:00Z', AwsEventId: 'c4', EventName: 'ConsoleLogin', UserAgent: 'Kelvin secret h\u00e9alth', SourceIpAddress: '10.0.0.2', SessionMfaAuthenticated: null, ReadOnly: true, ErrorCode: 'Failed' },
  { TimeGenerated: '2023-07-08T23:59:59Z', AwsEventId: 'c5', EventName: 'Describe_EventAggregates', UserAgent: '\u00c9CLAIR caf\u00e9 CAF\u00c9', SourceIpAddress: '', SessionMfaAuthenticated: true, ReadOnly: null, ErrorCode: '' },
  { TimeGenerated: '2023-07-10T12:14:59Z', AwsEventId: 'c6', EventName: 'DescribeEventAggregates', UserAgent: '', SourceIpAddress: '10.0.0.1', SessionMfaAuthenticated: false, ReadOnly: true },
];

interface Dataset {
  readonly name: string;
  readonly database: string;
  readonly local: () => TableSource;
}

const DATASETS: Dataset[] = [
  { name: 'examples/session-theft', database: 'samples', local: () => openCloudTrail(['examples/session-theft']) },
  { name: 'crafted rows', database: 'crafted', local: () => cloudTrailTable(CRAFTED) },
];

let loaded: Promise<void> | undefined;
async function load(): Promise<void> {
  const conn = await chdb();
  for (const d of DATASETS) await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, d.local(), { database: d.database });
}

const workspace = loadWorkspace({});

function rowsText(b: Batch): string[] {
  const out: string[] = [];
  for (let r = 0; r < b.length; r++) out.push(JSON.stringify(b.columns.map((c) => c[r]), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  return out;
}

/** Runs the query both ways on every dataset; returns the pushed operators and SQL (of the first dataset). */
async function differential(query: string, ordered = false): Promise<{ operators: string[]; sql: string; rows: number }> {
  await (loaded ??= load());
  const conn = await chdb();
  let first: { operators: string[]; sql: string; rows: number } | undefined;
  for (const d of DATASETS) {
    const tables = new Map<string, TableSource>([['AWSCloudTrail', d.local()]]);
    const compiled = compileQuery(query, workspace.catalog(tables));
    const expected = await compiled.run({ now: NOW, tables: workspace.runTables(tables) });
    const pushed = pushDown(compiled, conn, pushTarget(AWS_CLOUDTRAIL_LAYOUT, d.database), NOW);
    const actual = await pushed.compiled.run({ now: NOW, tables: workspace.runTables(new Map([...tables, ...pushed.tables])) });
    assert.deepEqual(actual.schema, expected.schema);
    const [a, e] = [rowsText(actual), rowsText(expected)];
    if (ordered) assert.deepEqual(a, e, `${d.name}: ${query}`);
    else assert.deepEqual([...a].sort(), [...e].sort(), `${d.name}: ${query}`);
    first ??= { operators: [...(pushed.split.pushed[0]?.operators ?? [])], sql: pushed.split.pushed.map((p) => p.sql).join('\n'), rows: e.length };
  }
  return first!;
}

const opts = { skip: NEEDS_CHDB, timeout: 120_000 };
const T = 'AWSCloudTrail';

test('== and != on strings are byte-exact (equals-operator doc)', opts, async () => {
  for (const q of [`${T} | where EventName == 'GetObject'`, `${T} | where EventName != 'GetObject' | project EventName, AwsEventId`, `${T} | where SourceIpAddress == ''`]) {
    const r = await differential(q);
    assert.deepEqual(r.operators.slice(0, 2), ['scan AWSCloudTrail', 'where'], q);
  }
});

test('=~ and !~ fold ASCII letters only, like lower() (equals-operator doc: case-insensitive operators are ASCII-only)', opts, async () => {
  for (const q of [`${T} | where EventName =~ 'GETOBJECT' | project AwsEventId`, `${T} | where UserAgent !~ '\u00e9clair caf\u00e9 caf\u00e9' | project AwsEventId`, `${T} | where UserAgent =~ '\u00c9CLAIR CAF\u00c9 CAF\u00c9' | project AwsEventId`]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('where') && /lower\(/.test(r.sql), q);
  }
});

test("has, !has, has_cs, hasprefix, hassuffix follow Kusto's term rules: ASCII alphanumeric terms, phrases with punctuation, no Unicode folding (datatypes-string-operators doc)", { ...opts, timeout: 900_000 }, async () => {
  const needles = ['mozilla', 'Mozilla', 'health.amazonaws.com', 'kelvin', 'secret', 'aws', '5', 'EventAggregates', 'Describe', 'h\u00e9alth', ''];
  for (const n of needles) {
    for (const op of ['has', '!has', 'has_cs', 'hasprefix', 'hassuffix']) {
      for (const col of ['UserAgent', 'SourceIpAddress', 'EventName']) {
        const q = `${T} | where ${col} ${op} '${n}' | project AwsEventId`;
        const r = await differential(q);
        // Non-ASCII needles stay local (string-sql.ts termSql).
        assert.equal(r.operators.includes('where'), /^[\x00-\x7f]*$/.test(n), q);
      }
    }
  }
});

test('contains, startswith, endswith (and _cs, and negations) are byte-substring tests with ASCII folding', { ...opts, timeout: 600_000 }, async () => {
  const needles = ['zilla', 'ZILLA', 'caf\u00e9', 'CAF\u00c9', 'elvin', '.amazonaws', '', 'é', 'E'];
  for (const n of needles) {
    for (const op of ['contains', '!contains', 'contains_cs', 'startswith', '!startswith', 'startswith_cs', 'endswith', 'endswith_cs', '!endswith']) {
      const q = `${T} | where UserAgent ${op} '${n}' | project AwsEventId`;
      const r = await differential(q);
      assert.ok(r.operators.includes('where'), q);
    }
  }
});

test('in, !in, in~, !in~ over string lists', opts, async () => {
  for (const q of [
    `${T} | where EventName in ('GetObject', 'ConsoleLogin') | project AwsEventId`,
    `${T} | where EventName !in ('GetObject', 'ConsoleLogin') | project AwsEventId`,
    `${T} | where EventName in~ ('getOBJECT', 'consolelogin') | project AwsEventId`,
    `${T} | where EventName !in~ ('getOBJECT') | project AwsEventId`,
    `let names = dynamic(['PutObject', 'DescribeEventAggregates']); ${T} | where EventName in (names) | project AwsEventId`,
  ]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('where') && /IN \(/.test(r.sql), q);
  }
});

test('datetime comparisons, between, ago() and now() pinned to the run (between-operator doc: both ends included)', opts, async () => {
  for (const q of [
    `${T} | where TimeGenerated > ago(15m) | project AwsEventId`,
    `${T} | where TimeGenerated >= datetime(2023-07-10T12:00:00Z) and TimeGenerated < now() | project AwsEventId`,
    `${T} | where TimeGenerated between (datetime(2023-07-08T23:59:59Z) .. datetime(2023-07-10T12:00:00Z)) | project AwsEventId`,
    `${T} | where TimeGenerated !between (datetime(2023-07-08T23:59:59Z) .. datetime(2023-07-10T12:00:00Z)) | project AwsEventId`,
    `${T} | where SessionCreationDate < TimeGenerated | project AwsEventId`,
    `${T} | where SessionCreationDate == datetime(null) | project AwsEventId`,
  ]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('where'), q);
  }
});

test("isempty, isnotempty, isnull, isnotnull: '' for strings, null for other types (isempty-function doc)", opts, async () => {
  for (const f of ['isempty', 'isnotempty', 'isnull', 'isnotnull']) {
    for (const col of ['ErrorCode', 'SessionMfaAuthenticated', 'SessionCreationDate']) {
      const q = `${T} | where ${f}(${col}) | project AwsEventId`;
      const r = await differential(q);
      assert.ok(r.operators.includes('where'), q);
    }
  }
});

test('and, or, not over null bools: three-valued logic as in SQL (null-values doc)', opts, async () => {
  for (const q of [
    `${T} | where SessionMfaAuthenticated or ReadOnly | project AwsEventId`,
    `${T} | where SessionMfaAuthenticated and not(ReadOnly) | project AwsEventId`,
    `${T} | where not(SessionMfaAuthenticated) | project AwsEventId`,
    `${T} | where not(SessionMfaAuthenticated == ReadOnly) | project AwsEventId`,
    `${T} | where not(SessionMfaAuthenticated or ReadOnly) | project AwsEventId`,
    `${T} | project AwsEventId, a = SessionMfaAuthenticated and ReadOnly, o = SessionMfaAuthenticated or ReadOnly, n = not(ReadOnly)`,
    // == with one null side is false, != true, both null null (null-values doc)
    `${T} | project AwsEventId, e = SessionMfaAuthenticated == ReadOnly, n = SessionMfaAuthenticated != ReadOnly, c = SessionCreationDate == datetime(null), d = SessionCreationDate != datetime(2023-07-10T11:00:00Z)`,
  ]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('where') || r.operators.includes('project'), q);
  }
});

test('project and extend of pushed expressions; bin() on datetime floors on ticks since 0001-01-01, also for spans that do not divide a day (bin-function doc)', opts, async () => {
  for (const q of [
    `${T} | extend b = bin(TimeGenerated, 7m), e = isempty(ErrorCode) | project AwsEventId, b, e, EventName`,
    `${T} | project t = bin(TimeGenerated, 1d), AwsEventId`,
    `${T} | project t = bin(TimeGenerated, 1tick), AwsEventId`,
    `${T} | project t = bin(TimeGenerated, 13s), AwsEventId`,
  ]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('project') && /intDiv/.test(r.sql), q);
  }
});

test('summarize count(), countif(), min(), max() by pushed keys; an empty input gives count 0 and a null min without keys (summarize-operator doc)', opts, async () => {
  for (const q of [
    `${T} | summarize count(), countif(ReadOnly), min(TimeGenerated), max(TimeGenerated) by EventSource, bin(TimeGenerated, 1h)`,
    `${T} | summarize n = count(), m = min(SessionCreationDate), x = max(SessionCreationDate) by SessionMfaAuthenticated`,
    `${T} | where EventName == 'no such event' | summarize count(), min(TimeGenerated), countif(ReadOnly)`,
    `${T} | summarize n = count() by EventName | where n > 1 | project EventName, n`,
    `${T} | where EventName has 'DescribeEventAggregates' and not(SourceIpAddress has 'health.amazonaws.com') | summarize n = count() by bin(TimeGenerated, 5m), SourceIpAddress | summarize windows = count(), top = max(n) by SourceIpAddress`,
  ]) {
    const r = await differential(q);
    assert.ok(r.operators.includes('summarize'), q);
  }
});

test('a query that reads ingestion_time() is not split: the rows come from the table scan, which carries it', opts, async () => {
  const r = await differential(`${T} | where EventName has 'DescribeEventAggregates' | project AwsEventId, i = ingestion_time()`);
  assert.deepEqual(r.operators, []);
});

test('two pushed parts read at once (a join of two filtered scans, a union) on one chDB session', opts, async () => {
  for (const q of [
    `${T} | where EventName has 'DescribeEventAggregates' | project SourceIpAddress, AwsEventId | join kind=inner (${T} | where ReadOnly | project SourceIpAddress, E2 = EventName) on SourceIpAddress | project AwsEventId, E2`,
    `union (${T} | where EventName == 'GetObject' | project AwsEventId), (${T} | where ReadOnly | project AwsEventId)`,
  ]) {
    const r = await differential(q);
    assert.ok(r.sql.split('\n').length === 2, q);
  }
  // Three at once: two readers waited on the same drain and both opened a stream, which chDB refused.
  const three = `let a = ${T} | where EventName has 'DescribeEventAggregates' | summarize max(TimeGenerated) by SourceIpAddress; let b = ${T} | where ReadOnly | summarize max(TimeGenerated) by SourceIpAddress; a | join kind=leftouter b on SourceIpAddress | join kind=inner (${T} | where EventName == 'GetObject' | project SourceIpAddress, AwsEventId) on SourceIpAddress | project AwsEventId`;
  assert.equal((await differential(three)).sql.split('\n').length, 3);
});

test('a union with another table: only the AWSCloudTrail arm is pushed; the other table\'s chain stays local (it was once sent as SQL over AWSCloudTrail)', opts, async () => {
  const q = `union isfuzzy=true (${T} | where EventName has 'DescribeEventAggregates' | project TimeGenerated, Type, SourceIpAddress), (OfficeActivity | project TimeGenerated, Type, SourceIpAddress = ClientIP)`;
  const r = await differential(q);
  assert.ok(r.rows > 0);
  assert.equal(r.sql.split('\n').length, 1, r.sql);
  assert.match(r.sql, /FROM `[^`]+`\.`AWSCloudTrail` FINAL WHERE /);
});

test('the count operator: one row, also over no rows (count-operator doc)', opts, async () => {
  for (const q of [`${T} | count`, `${T} | where EventName == 'no such event' | count`, `${T} | where ReadOnly | count`]) {
    const r = await differential(q);
    assert.equal(r.operators.at(-1), 'count', q);
  }
});

test('kept local on purpose: dcount (an estimate in Kusto), make_set (element order), arg_min (ties), sum; the rows below them are still filtered by ClickHouse', opts, async () => {
  for (const q of [
    `${T} | where ReadOnly | summarize dcount(SourceIpAddress) by EventName`,
    `${T} | where ReadOnly | summarize make_set(SourceIpAddress) by EventName | extend n = array_length(set_SourceIpAddress) | project EventName, n`,
    // (on a unique column: which row wins a tie follows the input's order, which Kusto leaves open)
    `${T} | where ReadOnly | summarize arg_min(AwsEventId, TimeGenerated) by EventName`,
    `${T} | where ReadOnly | summarize s = sum(strlen(EventName)) by EventSource`,
  ]) {
    const r = await differential(q);
    assert.deepEqual(r.operators, ['scan AWSCloudTrail', 'where'], q);
  }
});

test('constructs the translator does not know (tolower, Unicode case) run locally over the rows ClickHouse returns', opts, async () => {
  const r = await differential(`${T} | where tolower(UserAgent) contains 'kelvin' | project AwsEventId, UserAgent`);
  assert.deepEqual(r.operators, ['scan AWSCloudTrail']);
  // Only the columns the query reads cross over.
  assert.match(r.sql, /^SELECT CAST\(reinterpretAsInt64\(CAST\(NULL AS Nullable\(DateTime64\(7, 'UTC'\)\)\)\) AS Nullable\(Int64\)\) AS c0, CAST\(ifNull\(`AwsEventId`, ''\) AS String\) AS c1, CAST\(ifNull\('', ''\) AS String\) AS c2/);
});

test('the seed rule (AWS concurrent sessions from different IPs) at 12:15: the same rows', opts, async () => {
  const yaml = (await import('node:fs')).readFileSync('content/rules/concurrent-sessions-from-different-ips.yaml', 'utf8');
  const query = (await import('yaml')).parse(yaml).query as string;
  const r = await differential(query);
  assert.ok(r.operators.includes('where'));
  assert.ok(r.rows > 0, 'the scenario raises the stolen-session alert at 12:15');
});
