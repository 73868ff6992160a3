/** Which filters the engine hands to a table's reader (src/kql/exec/pushdown.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bindExternalData, compileQuery, type ExternalDataSource } from '../../../src/kql/engine.ts';
import { MAX_TABLE_IN_VALUES } from '../../../src/kql/exec/pushdown.ts';
import type { TableSource } from '../../../src/kql/scan.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { cloudTrailTable, ticks } from '../../helpers/cloudtrail-rows.ts';
import { openCloudTrail } from '../../../src/cloudtrail/index.ts';
import { FIXTURES } from '../../cloudtrail/helpers.ts';
import { RecordingTable } from '../../helpers/recording-table.ts';

const SEED = readFileSync(new URL('../../fixtures/seed/concurrent-sessions-from-different-ips.kql', import.meta.url), 'utf8');


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

test('==, in and =~ on a string column become an `in` pre-filter; or-ed ones the union of their values', () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const filters = (q: string) => compileQuery(q, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail');
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "ConsoleLogin" and AWSRegion in~ ("us-east-1", "eu-west-1")'), [
    { kind: 'in', column: 'EventName', values: ['ConsoleLogin'], caseInsensitive: false },
    { kind: 'in', column: 'AWSRegion', values: ['us-east-1', 'eu-west-1'], caseInsensitive: true },
  ]);
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "A" or EventName == "B"'), [{ kind: 'in', column: 'EventName', values: ['A', 'B'], caseInsensitive: false }]);
  assert.deepEqual(filters('AWSCloudTrail | count'), []);
});

test('an or pushes what every disjunct implies: the union of their `in`s on a column they all test (the shapes of Sentinel rules)', () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const filters = (q: string) => compileQuery(q, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail');
  const inOf = (column: string, values: string[], caseInsensitive = false) => ({ kind: 'in', column, values, caseInsensitive });
  // AWS_GuardDutyDisabled (Azure-Sentinel, Solutions/Amazon Web Services/Analytic Rules)
  assert.deepEqual(
    filters(`AWSCloudTrail | where (EventName == "DeleteDetector" and isempty(ErrorCode) and isempty(ErrorMessage)) or (EventName == "UpdateDetector" and tostring(parse_json(RequestParameters).enable) == "false" and isempty(ErrorCode))`),
    [inOf('EventName', ['DeleteDetector', 'UpdateDetector'])],
  );
  // AWS_LogTampering: in~ and == together ignore case; the and around the or keeps its own conjuncts
  assert.deepEqual(
    filters(`let L = dynamic(["UpdateTrail","DeleteTrail"]); AWSCloudTrail | where (EventName in~ (L) or (EventName == "UpdateTrail" and parse_json(RequestParameters).isMultiRegionTrail == false)) and AWSRegion == "r"`),
    [inOf('EventName', ['UpdateTrail', 'DeleteTrail'], true), inOf('AWSRegion', ['r'])],
  );
  // AWS_FullAdminPolicyAttachedToRolesUsersGroups: `in (list) or in (list)`
  assert.deepEqual(
    filters(`let A = dynamic(["AttachUserPolicy","AttachRolePolicy"]); let C = dynamic(["CreatePolicy"]); AWSCloudTrail | where EventName in (A) or EventName in (C)`),
    [inOf('EventName', ['AttachUserPolicy', 'AttachRolePolicy', 'CreatePolicy'])],
  );
  // what every disjunct has is kept as it is; a column only some test is not
  assert.deepEqual(filters('AWSCloudTrail | where (EventName == "A" and EventSource == "s") or (EventName == "B" and EventSource == "s") or (EventName == "C" and EventSource == "s" and AWSRegion == "r")'), [
    inOf('EventSource', ['s']),
    inOf('EventName', ['A', 'B', 'C']),
  ]);
  // a disjunct that may hold for any row, or that tests another column only: nothing
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "A" or isempty(ErrorCode)'), []);
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "A" or UserAgent has "x"'), []);
  assert.deepEqual(filters('AWSCloudTrail | where not(EventName == "A" or EventName == "B")'), []);
  // ors within ands within ors: pushed to a depth of three, past it the inner or pushes nothing
  assert.deepEqual(filters('AWSCloudTrail | where (EventName == "A" or EventName == "B") and AWSRegion == "r" or EventName == "C" and AWSRegion == "r"'), [
    inOf('AWSRegion', ['r']),
    inOf('EventName', ['A', 'B', 'C']),
  ]);
  const nested = (depth: number): string => {
    let e = 'EventName == "A" or EventName == "B"';
    for (let i = 1; i < depth; i++) e = `EventName == "C${i}" or (AWSRegion == "r" and (${e}))`;
    return `AWSCloudTrail | where ${e}`;
  };
  assert.deepEqual((filters(nested(3))!.find((p) => p.column === 'EventName') as { values: readonly string[] }).values, ['C2', 'C1', 'A', 'B']);
  assert.deepEqual(filters(nested(4)), [], 'the innermost or is past the depth: it pushes nothing, and so neither do the ors around it');
  // a flat chain of ors (as deep as it is long in the plan; the official parser refuses 2,000) is walked without recursion
  const many = Array.from({ length: 200 }, (_, i) => `EventName == "E${i}"`).join(' or ');
  assert.equal((filters(`AWSCloudTrail | where ${many}`)![0] as { values: readonly string[] }).values.length, 200);
});

test('startswith, endswith, contains, hasprefix and hassuffix of a constant push the whole terms they imply as `has` (SuspiciousAWSCLICommandExecution)', () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const terms = (q: string) => compileQuery(`AWSCloudTrail | where ${q}`, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail')!.map((p) => (p.kind === 'has' ? `${p.column} has ${p.term}` : JSON.stringify(p)));
  // terms.ts: a term is a maximal run of ASCII letters and digits; an anchored end of the needle is a boundary
  assert.deepEqual(terms('UserAgent startswith "aws-cli"'), ['UserAgent has aws']);
  assert.deepEqual(terms('UserAgent startswith_cs "aws-cli/2"'), ['UserAgent has aws', 'UserAgent has cli']);
  assert.deepEqual(terms('UserAgent endswith "Boto3/1.34"'), []);
  assert.deepEqual(terms('UserAgent endswith ".amazonaws.com"'), ['UserAgent has amazonaws', 'UserAgent has com']);
  assert.deepEqual(terms('UserAgent contains "x/terraform/y"'), ['UserAgent has terraform']);
  assert.deepEqual(terms('UserAgent contains "terraform"'), [], 'both ends of the run may continue in the value');
  assert.deepEqual(terms('UserAgent hasprefix "terraform-pro"'), ['UserAgent has terraform']);
  assert.deepEqual(terms('UserAgent hassuffix "x-provider"'), ['UserAgent has provider']);
  assert.deepEqual(terms('UserAgent startswith "ab-cd-efgh-ijklmn-"'), ['UserAgent has ijklmn', 'UserAgent has efgh'], 'the two longest of 3+ characters');
  assert.deepEqual(terms('UserAgent !startswith "aws-cli"'), []);
  assert.deepEqual(terms('UserAgent startswith "aws-cli" or UserAgent startswith "aws-sdk-go"'), ['UserAgent has aws']);
});

test('a table scanned twice with different filters is read once with what both imply (AWS_S3Ransomware, AWS_SuspiciousCommandEC2)', () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const filters = (q: string) => compileQuery(q, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail');
  const q = `let G = AWSCloudTrail | where EventName == "GetObject" and isempty(ErrorCode) | extend k = tostring(parse_json(RequestParameters).key);
let P = AWSCloudTrail | where EventName == "PutObject" and isempty(ErrorCode) | extend k = tostring(parse_json(RequestParameters).key);
G | join kind=inner P on k`;
  assert.deepEqual(filters(q), [{ kind: 'in', column: 'EventName', values: ['GetObject', 'PutObject'], caseInsensitive: false }]);
  assert.deepEqual(filters('AWSCloudTrail | where EventName == "A" | union (AWSCloudTrail | where UserAgent has "x")'), []);
});

test('an or pushed to the CloudTrail reader gives the rows the where gives without any pushdown (real files)', async () => {
  const workspace = loadWorkspace({});
  const run = async (q: string, pushdown = true) => {
    const source = openCloudTrail([FIXTURES]);
    // without pushdown: a reader that is given no predicates
    const unfiltered: TableSource = { schema: source.schema, scan: (o) => source.scan({ ...o, predicates: [] }) };
    const tables = new Map([['AWSCloudTrail', pushdown ? (source as TableSource) : unfiltered]]);
    const r = await compileQuery(q, workspace.catalog(tables)).run({ now: ticks('2030-01-01T00:00:00Z'), tables, watchlists: workspace.watchlists });
    return { rows: r.columns[0]!.map(String).sort(), filtered: source.summary().filteredRecords };
  };
  const where = '(EventName =~ "consolelogin" and isempty(ErrorCode)) or (EventName == "GetBucketAcl" and UserAgent has "S3Console") or EventName in ("StopLogging", "ListBuckets")';
  const agents = [
    'UserAgent startswith "aws-cli/" or UserAgent startswith "AWS-SDK-" or UserAgent hasprefix "aws-internal/"',
    'UserAgent endswith ".amazonaws.com"',
    'UserAgent contains ".amazonaws."',
  ];
  const pushed = await run(`AWSCloudTrail | where ${where} | project AwsEventId`);
  const plain = await run(`AWSCloudTrail | where ${where} | project AwsEventId`, false);
  assert.equal(plain.filtered, 0);
  assert.ok(pushed.filtered > 1000, `records filtered early: ${pushed.filtered}`);
  assert.ok(pushed.rows.length > 10, `rows: ${pushed.rows.length}`);
  assert.deepEqual(pushed.rows, plain.rows);
  // terms implied by substring tests of the user agent (impliedTerms)
  for (const a of agents) {
    const byAgent = await run(`AWSCloudTrail | where ${a} | project AwsEventId`);
    const byAgentPlain = await run(`AWSCloudTrail | where ${a} | project AwsEventId`, false);
    assert.ok(byAgent.filtered > 100, `${a}: records filtered early: ${byAgent.filtered}`);
    assert.ok(byAgent.rows.length > 10, `${a}: rows: ${byAgent.rows.length}`);
    assert.deepEqual(byAgent.rows, byAgentPlain.rows, a);
  }
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

test('`in (T)` over a constant table (datatable, or externaldata once read) pushes T\'s first column as an `in`; other operands, `!in` and lists past the cap push nothing', async () => {
  const workspace = loadWorkspace({});
  const tables = new Map([['AWSCloudTrail', cloudTrailTable([]) as TableSource]]);
  const filters = (q: string) => compileQuery(q, workspace.catalog(tables)).tableFilters().get('AWSCloudTrail');
  assert.deepEqual(filters('let T = datatable(ip:string, n:long)["10.8.8.10", 1, "", 2]; AWSCloudTrail | where SourceIpAddress in (T)'), [
    { kind: 'in', column: 'SourceIpAddress', values: ['10.8.8.10', ''], caseInsensitive: false },
  ]);
  assert.deepEqual(filters('let T = datatable(ip:string)["A"]; AWSCloudTrail | where EventName in~ (T)'), [{ kind: 'in', column: 'EventName', values: ['A'], caseInsensitive: true }]);
  // an empty table: no row is in it (the reader reads nothing)
  assert.deepEqual(filters('let T = datatable(ip:string)[]; AWSCloudTrail | where SourceIpAddress in (T)'), [{ kind: 'in', column: 'SourceIpAddress', values: [], caseInsensitive: false }]);
  assert.deepEqual(filters('let T = datatable(ip:string)["A"]; AWSCloudTrail | where SourceIpAddress !in (T)'), []);
  assert.deepEqual(filters('let T = datatable(n:long)[1]; AWSCloudTrail | where SourceIpAddress in (T)'), []);
  assert.deepEqual(filters('AWSCloudTrail | where SourceIpAddress in ((AWSCloudTrail | where EventName == "A" | project UserAgent))'), []);
  const many = (n: number) => `let T = datatable(ip:string)[${Array.from({ length: n }, (_, i) => `"10.0.${i >> 8}.${i & 255}"`).join(', ')}]; AWSCloudTrail | where SourceIpAddress in (T)`;
  assert.equal((filters(many(MAX_TABLE_IN_VALUES))![0] as { values: readonly string[] }).values.length, MAX_TABLE_IN_VALUES);
  assert.deepEqual(filters(many(MAX_TABLE_IN_VALUES + 1)), []);
});

test('`in (externaldata)` read once is pushed to the CloudTrail reader, which gives the rows the where gives without it (AWS_APIfromTor\'s shape, real files)', async () => {
  const workspace = loadWorkspace({});
  // a Tor list as the rule reads it: a header line, then one IP a line; 2,000 entries, two of them in the logs
  const list = ['ExitAddress', ...Array.from({ length: 1998 }, (_, i) => `203.0.${i >> 8}.${i & 255}`), '10.8.8.10', '18.236.253.47'].join('\n');
  const externalData: ExternalDataSource = async () => new TextEncoder().encode(list);
  const run = async (where: string) => {
    const source = openCloudTrail([FIXTURES]);
    const tables = new Map([['AWSCloudTrail', source as TableSource]]);
    const q = `let TorNodes = (externaldata (TorIP:string) [h@'https://example.com/tor.csv'] with (ignoreFirstRecord=true));
AWSCloudTrail | where ${where} and isempty(ErrorCode) | project AwsEventId`;
    const compiled = await bindExternalData(compileQuery(q, workspace.catalog(tables)), externalData);
    const pre = compiled.tableFilters().get('AWSCloudTrail')!;
    const r = await compiled.run({ now: ticks('2030-01-01T00:00:00Z'), tables, watchlists: workspace.watchlists });
    return { pre, rows: r.columns[0]!.map(String).sort(), filtered: source.summary().filteredRecords };
  };
  const pushed = await run('SourceIpAddress in (TorNodes)');
  // the same test, said so that it is not pushed down
  const plain = await run('(SourceIpAddress in (TorNodes)) == true');
  assert.equal((pushed.pre[0] as { values: readonly string[] }).values.length, 2000);
  assert.deepEqual(plain.pre, []);
  assert.equal(plain.filtered, 0);
  assert.ok(pushed.filtered > 2500, `records filtered early: ${pushed.filtered}`);
  assert.ok(pushed.rows.length > 300, `rows: ${pushed.rows.length}`);
  assert.deepEqual(pushed.rows, plain.rows);
});
