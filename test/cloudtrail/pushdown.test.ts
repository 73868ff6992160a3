/**
 * Pushed-down predicates are a pre-filter: on every sample, scanning WITH them and then
 * applying the predicates exactly gives the same rows as scanning WITHOUT them and applying
 * the predicates exactly. Also checks that pushdown really skips records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';
import { compileFilter } from '../../src/cloudtrail/prefilter.ts';
import { columnOf } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { byId as byIdRows, collect, DERIVED, FIXTURES, STRATUS, tempDir, type Row } from './helpers.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';

/** Reference `has`: the term occurs with non-alphanumeric (or string-edge) boundaries. */
function refHas(value: string, term: string, cs: boolean): boolean {
  const v = cs ? value : value.toLowerCase();
  const tt = cs ? term : term.toLowerCase();
  if (tt === '') return true;
  const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  for (let i = v.indexOf(tt); i >= 0; i = v.indexOf(tt, i + 1)) {
    if ((!alnum(tt[0]) || !alnum(v[i - 1])) && (!alnum(tt[tt.length - 1]) || !alnum(v[i + tt.length]))) return true;
  }
  return false;
}

function exact(row: Row, p: ScanPredicate): boolean {
  const v = row[p.column];
  switch (p.kind) {
    case 'timeRange': {
      if (v === null) return false;
      const t = v as bigint;
      if (p.min !== undefined && (p.minInclusive === false ? t <= p.min : t < p.min)) return false;
      if (p.max !== undefined && (p.maxInclusive === false ? t >= p.max : t > p.max)) return false;
      return true;
    }
    case 'has': {
      const r = refHas(v as string, p.term, p.caseSensitive);
      return p.negated ? !r : r;
    }
    case 'in':
      return p.values.some((x) => (p.caseInsensitive ? x.toLowerCase() === (v as string).toLowerCase() : x === v));
  }
}

const T = (iso: string) => isoToTicks(iso)!;

const CASES: [string, ScanPredicate[]][] = [
  ['time window', [{ kind: 'timeRange', column: 'TimeGenerated', min: T('2023-07-10T11:50:00Z'), max: T('2023-07-10T12:10:00Z') }]],
  ['time window, exclusive bounds', [{ kind: 'timeRange', column: 'TimeGenerated', min: T('2023-07-10T11:42:38Z'), minInclusive: false, max: T('2023-07-10T12:00:31Z'), maxInclusive: false }]],
  ['has EventName', [{ kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false }]],
  ['detection shape', [
    { kind: 'has', column: 'EventName', term: 'describeeventaggregates', caseSensitive: false, negated: false },
    { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
  ]],
  ['in EventName (cs)', [{ kind: 'in', column: 'EventName', values: ['ConsoleLogin', 'GetBucketAcl'], caseInsensitive: false }]],
  ['in~ EventName', [{ kind: 'in', column: 'EventName', values: ['consolelogin', 'STOPLOGGING'], caseInsensitive: true }]],
  ['has in re-encoded JSON (\\u0026 term)', [{ kind: 'has', column: 'AdditionalEventData', term: 'u0026isauthcode', caseSensitive: false, negated: false }]],
  ['has phrase in RequestParameters', [{ kind: 'has', column: 'RequestParameters', term: '"aggregateField":"eventTypeCategory"', caseSensitive: false, negated: false }]],
  ['has_cs arn', [{ kind: 'has', column: 'UserIdentityArn', term: 'benjamin', caseSensitive: true, negated: false }]],
  ['in ErrorCode empty', [{ kind: 'in', column: 'ErrorCode', values: [''], caseInsensitive: false }]],
  ['in DestinationPort', [{ kind: 'in', column: 'DestinationPort', values: ['22'], caseInsensitive: false }]],
  ['constant Type has', [{ kind: 'has', column: 'Type', term: 'AWSCloudTrail', caseSensitive: false, negated: false }]],
  ['constant TenantId in (no match)', [{ kind: 'in', column: 'TenantId', values: ['nope'], caseInsensitive: false }]],
  ['session creation range + UA', [
    { kind: 'timeRange', column: 'SessionCreationDate', min: T('2023-07-10T11:00:00Z') },
    { kind: 'has', column: 'UserAgent', term: 'AWS Internal', caseSensitive: false, negated: false },
  ]],
  ['has with non-ASCII term (not pre-filtered)', [{ kind: 'has', column: 'UserAgent', term: 'é', caseSensitive: false, negated: false }]],
];

const key = (r: Row) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

async function compare(paths: string[], predicates: ScanPredicate[], what: string, keepDuplicates = false): Promise<{ filtered: number; rows: number }> {
  const all = (await collect(openCloudTrail(paths, { keepDuplicates }))).rows.filter((r) => predicates.every((p) => exact(r, p)));
  const src = openCloudTrail(paths, { keepDuplicates });
  const pushed = (await collect(src, predicates)).rows;
  const kept = pushed.filter((r) => predicates.every((p) => exact(r, p)));
  assert.deepEqual(kept.map(key).sort(), all.map(key).sort(), what);
  return { filtered: src.summary().filteredRecords, rows: pushed.length };
}

test('pushdown gives the same rows as no pushdown, on all samples', async () => {
  let skipped = 0;
  for (const [what, preds] of CASES) {
    const r = await compare([FIXTURES], preds, what);
    skipped += r.filtered;
  }
  assert.ok(skipped > 10000, `pushdown skipped ${skipped} records over all cases`);
});

test('pushdown gives the same rows as no pushdown on every other input format', async (t) => {
  const dir = tempDir(t);
  const recs = [
    ...readdirSync(STRATUS).filter((f) => f.endsWith('.json')).flatMap((f) => JSON.parse(readFileSync(join(STRATUS, f), 'utf8')) as Record<string, any>[]),
    ...(JSON.parse(readFileSync(DERIVED, 'utf8')) as { Records: Record<string, any>[] }).Records,
  ];
  writeFileSync(join(dir, 'lookup.json'), JSON.stringify({ Events: recs.map((r) => ({ EventId: r.eventID, CloudTrailEvent: JSON.stringify(r) })) }));
  writeFileSync(join(dir, 'lake.json'), JSON.stringify({ QueryResultRows: recs.map((r) => [{ eventjson: JSON.stringify(r) }]) }));
  writeFileSync(join(dir, 'eventbridge.jsonl'), recs.map((r) => JSON.stringify({ 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.x', time: r.eventTime, detail: r })).join('\n'));
  writeFileSync(join(dir, 'cloudwatch.json'), JSON.stringify({ events: recs.map((r, i) => ({ timestamp: i, message: JSON.stringify(r) })) }));
  writeOcsfParquet(join(dir, 'ocsf.parquet'), recs);
  const sentinel = (await collect(openCloudTrail([STRATUS, DERIVED]))).rows.map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? new Date(Number(v / 10000n - 62135596800000n)).toISOString() : v])),
  );
  writeFileSync(join(dir, 'sentinel.json'), JSON.stringify(sentinel));
  // duplicates kept: every format holds the same eventIDs and each must be compared
  let rows = 0;
  for (const [what, preds] of CASES) rows += (await compare([dir], preds, `other formats: ${what}`, true)).rows;
  assert.ok(rows > 6 * 98, `rows compared: ${rows}`);
});

test('pushdown really skips records before parsing (time window, has)', async () => {
  const src = openCloudTrail([FIXTURES]);
  const { rows } = await collect(src, CASES[2]![1]);
  const s = src.summary();
  assert.equal(rows.length, 48 + 0, 'the 48 DescribeEventAggregates (duplicates removed)');
  assert.ok(s.filteredRecords > 2800, String(s.filteredRecords));
  const none = openCloudTrail([FIXTURES]);
  assert.equal((await collect(none, CASES[12]![1])).rows.length, 0, 'an impossible constant predicate reads nothing');
  assert.equal(none.summary().files, 0);
});

test('records spelled with \\u escapes or non-ASCII text are never dropped by the text pre-filter', async (t) => {
  const dir = tempDir(t);
  const recs = [
    '{"eventVersion":"1.08","eventID":"e1","eventTime":"2023-07-10T11:55:00Z","eventName":"\\u0044escribeEventAggregates","sourceIPAddress":"10.0.0.1"}',
    '{"eventVersion":"1.08","eventID":"e2","eventTime":"\\u0032023-07-10T11:55:00Z","eventName":"DescribeEventAggregates","sourceIPAddress":"10.0.0.2"}',
    '{"eventVersion":"1.08","eventID":"e3","eventTime":"2023-07-10T11:55:00Z","eventName":"ſtopLogging","userAgent":"Kelvin \u212A"}',
    '{"eventVersion":"1.08","eventID":"e4","eventTime":"2023-07-10T11:55:00Z","eventName":"Other","requestParameters":{"eventTime":"2020-01-01T00:00:00Z"}}',
    // wrong types: coerced values are spelled differently from the raw text
    '{"eventVersion":"1.08","eventID":"e5","eventTime":"2023-07-10T11:55:00Z","eventName":1e2,"userAgent":12345678901234567890}',
    '{"eventVersion":"1.08","eventID":"e6","eventTime":"2023-07-10T11:55:00Z","eventName":["a&b"]}',
    '{"eventVersion":"1.08","eventID":"e7","eventTime":"2023-07-10T11:55:00Z","eventName":"x","requestParameters":{"fromPort":22.0}}',
  ];
  writeFileSync(join(dir, 'escapes.json'), `{"Records":[${recs.join(',')}]}`);
  const cases: ScanPredicate[][] = [
    [{ kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false }],
    [{ kind: 'timeRange', column: 'TimeGenerated', min: T('2023-07-10T11:50:00Z'), max: T('2023-07-10T12:00:00Z') }],
    [{ kind: 'has', column: 'UserAgent', term: 'k', caseSensitive: false, negated: false }],
    [{ kind: 'in', column: 'EventName', values: ['STOPLOGGING'], caseInsensitive: true }],
    [{ kind: 'in', column: 'EventName', values: ['100'], caseInsensitive: false }],
    [{ kind: 'has', column: 'UserAgent', term: '12345678901234567000', caseSensitive: true, negated: false }],
    [{ kind: 'in', column: 'EventName', values: ['["a\\u0026b"]'], caseInsensitive: false }],
    [{ kind: 'in', column: 'SourcePort', values: ['22'], caseInsensitive: false }],
  ];
  for (const preds of cases) await compare([dir], preds, `${preds[0]!.kind} ${preds[0]!.column}`);
  const src = openCloudTrail([dir]);
  const got = (await collect(src, cases[1]!)).rows.map((r) => r['AwsEventId']);
  assert.deepEqual(got.sort(), ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
  // and the coerced rows really are the ones those predicates ask for
  const coerced = byIdRows((await collect(openCloudTrail([dir]))).rows);
  assert.equal(coerced.get('e5')!['EventName'], '100');
  assert.equal(coerced.get('e5')!['UserAgent'], '12345678901234567000');
  assert.equal(coerced.get('e6')!['EventName'], '["a\\u0026b"]');
  assert.equal(coerced.get('e7')!['SourcePort'], '22');
});

test('columns projection: unneeded columns are left empty, needed ones identical', async () => {
  const cols = new Set(['TimeGenerated', 'EventName', 'SourceIpAddress']);
  const full = (await collect(openCloudTrail([FIXTURES]))).rows;
  const proj = (await collect(openCloudTrail([FIXTURES]), [], cols)).rows;
  assert.equal(proj.length, full.length);
  for (let i = 0; i < full.length; i++) {
    for (const c of cols) assert.deepEqual(proj[i]![c], full[i]![c]);
    assert.equal(proj[i]!['RequestParameters'], '');
    assert.equal(proj[i]!['ReadOnly'], null);
  }
});

test('negated has is decided exactly at the reader with the engine\'s term rules (has-operator doc): no row the query would drop is kept', async () => {
  const NOT_HEALTH: ScanPredicate = { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true };
  const all = (await collect(openCloudTrail([FIXTURES]))).rows;
  const health = all.filter((r) => refHas(r['SourceIpAddress'] as string, 'health.amazonaws.com', false));
  assert.ok(health.length > 0, 'the samples hold health.amazonaws.com companion records');
  for (const preds of [[NOT_HEALTH], CASES[3]![1]]) {
    const pushed = (await collect(openCloudTrail([FIXTURES]), preds)).rows;
    assert.ok(pushed.every((r) => !refHas(r['SourceIpAddress'] as string, 'health.amazonaws.com', false)), 'no companion record kept');
  }
  const pushed = (await collect(openCloudTrail([FIXTURES]), [NOT_HEALTH])).rows;
  assert.deepEqual(pushed.map(key).sort(), all.filter((r) => exact(r, NOT_HEALTH)).map(key).sort(), 'exactly the rows the predicate keeps');
  const none = openCloudTrail([FIXTURES]);
  assert.equal((await collect(none, [{ kind: 'has', column: 'Type', term: 'awscloudtrail', caseSensitive: false, negated: true }])).rows.length, 0);
  assert.equal(none.summary().files, 0, 'an impossible negated predicate on a constant column reads nothing');
});

test('row checks: string checks and time ranges run before mapping (valuesMayMatch); a row checked early is not checked twice', () => {
  const preds: ScanPredicate[] = [
    { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
    { kind: 'timeRange', column: 'TimeGenerated', min: T('2023-07-10T11:50:00Z') },
  ];
  const f = compileFilter(preds, {});
  const ip = columnOf('SourceIpAddress');
  const time = columnOf('TimeGenerated');
  assert.ok(f.selective, 'a time range keeps only the records of its range: a scan of every column reads its fields first');
  assert.deepEqual([...f.earlyColumns].sort(), ['SourceIpAddress', 'TimeGenerated']);
  const read: number[] = [];
  const valueOf = (values: Record<number, unknown>) => (c: number) => {
    read.push(c);
    return values[c] as never;
  };
  const inside = T('2023-07-10T12:00:00Z');
  const before = T('2023-07-10T11:00:00Z');
  assert.equal(f.valuesMayMatch(valueOf({ [ip]: 'health.amazonaws.com', [time]: inside })), false);
  assert.equal(f.valuesMayMatch(valueOf({ [ip]: '203.0.113.7', [time]: before })), false, 'out of the range');
  assert.equal(f.valuesMayMatch(valueOf({ [ip]: '203.0.113.7', [time]: null })), false, 'a null time is in no range');
  assert.equal(f.valuesMayMatch(valueOf({ [ip]: '203.0.113.7', [time]: inside })), true);
  assert.deepEqual([...new Set(read)].sort(), [ip, time].sort());
  const cols = AWS_CLOUDTRAIL_SCHEMA.map(() => [] as unknown[]);
  cols[ip]!.push('health.amazonaws.com');
  cols[time]!.push(inside);
  assert.equal(f.rowMayMatch(cols as never, 0), false, 'all checks');
  assert.equal(f.rowMayMatch(cols as never, 0, true), true, 'checked early: none again');
  cols[ip]![0] = '203.0.113.7';
  cols[time]![0] = before;
  assert.equal(f.rowMayMatch(cols as never, 0), false);
});

test('a long `in` list (`in (T)` of a constant table) is decided by one lookup a value, not searched for in the text; in~ folds ASCII only', () => {
  const ip = columnOf('SourceIpAddress');
  const ips = Array.from({ length: 1500 }, (_, i) => `203.0.${i >> 8}.${i & 255}`);
  const valueOf = (v: string) => (c: number) => (c === ip ? v : '') as never;
  const exact = compileFilter([{ kind: 'in', column: 'SourceIpAddress', values: ips, caseInsensitive: false }], {});
  // no text check: every text may match, the values decide
  assert.equal(exact.textMayMatch('{"sourceIPAddress":"198.51.100.1"}'), true);
  assert.equal(exact.byteFilter, null);
  assert.equal(exact.valuesMayMatch(valueOf('203.0.5.219')), true);
  assert.equal(exact.valuesMayMatch(valueOf('198.51.100.1')), false);
  const names = ['CreateUser', ...Array.from({ length: 99 }, (_, i) => `Op${i}`)];
  // a short list still has its text check; a long one none
  const text = '{"eventName":"DeleteUser"}';
  assert.equal(compileFilter([{ kind: 'in', column: 'EventName', values: names.slice(0, 3), caseInsensitive: false }], {}).textMayMatch(text), false);
  assert.equal(compileFilter([{ kind: 'in', column: 'EventName', values: names, caseInsensitive: false }], {}).textMayMatch(text), true);
  const folded = compileFilter([{ kind: 'in', column: 'SourceIpAddress', values: names, caseInsensitive: true }], {});
  assert.equal(folded.valuesMayMatch(valueOf('createuser')), true);
  assert.equal(folded.valuesMayMatch(valueOf('CreateUsers')), false);
  // a non-ASCII value may equal a list entry under Unicode folding: kept
  assert.equal(folded.valuesMayMatch(valueOf('CREATEUSER\u0130')), true);
  const nonAscii = compileFilter([{ kind: 'in', column: 'SourceIpAddress', values: ['\u00c9t\u00e9'], caseInsensitive: true }], {});
  assert.equal(nonAscii.valuesMayMatch(valueOf('anything')), true);
});

test('an in~ list of many values: the text check searches one lower-cased copy, and keeps exactly what the case-insensitive regexes keep (or more)', () => {
  const names = ['CreateUser', 'DeleteGroupPolicy', 'ResetPassword', 'UploadServerCertificate', 'AddUserToGroup', 'CreateAccessKey', 'DeleteLoginProfile', 'EnableMailUsers'];
  const filter = compileFilter([{ kind: 'in', column: 'EventName', values: names, caseInsensitive: true }], {});
  const few = compileFilter([{ kind: 'in', column: 'EventName', values: names.slice(0, 1), caseInsensitive: true }], {});
  // the regex rule: every needle of some value occurs, ignoring ASCII case
  const byRegex = (text: string, values: readonly string[]) =>
    values.some((v) => [...v.matchAll(/[A-Za-z0-9]+/g)].every((m) => new RegExp(m[0].replace(/^u?[0-9A-Fa-f]{1,4}/, ''), 'i').test(text)));
  let seed = 7;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const flip = (s: string) => [...s].map((c) => (rnd(2) ? c.toUpperCase() : c.toLowerCase())).join('');
  let kept = 0;
  for (let i = 0; i < 2_000; i++) {
    const pick = names[rnd(names.length)]!;
    const name = rnd(3) === 0 ? flip(pick) : rnd(2) ? flip(pick).slice(1) : `Describe${rnd(100)}`;
    const text = `{"eventName":"${name}","userAgent":"${flip('aws-cli/2.1 Python')}","eventSource":"iam.amazonaws.com"}`;
    const want = byRegex(text, names);
    assert.equal(filter.textMayMatch(text), want, text);
    assert.equal(few.textMayMatch(text), byRegex(text, names.slice(0, 1)), text);
    if (want) kept++;
  }
  assert.ok(kept > 300 && kept < 1_700, `${kept} kept`);
});

test('a needle every record holds (a key, "amazonaws") makes no byte filter: another predicate\'s does, or none', () => {
  const sources: ScanPredicate = { kind: 'in', column: 'EventSource', values: ['iam.amazonaws.com', 'sts.amazonaws.com'], caseInsensitive: false };
  const name: ScanPredicate = { kind: 'in', column: 'EventName', values: ['CreateUser'], caseInsensitive: false };
  const agent: ScanPredicate = { kind: 'has', column: 'UserAgent', term: 'aws', caseSensitive: false, negated: false };
  // "iam.amazonaws.com": its longest needle, amazonaws, is in every eventSource; before, it was the byte filter
  assert.equal(compileFilter([sources], {}).byteFilter, null);
  // (a leading run of hex digits is dropped from a needle: a \u escape could end there)
  assert.deepEqual(compileFilter([sources, name], {}).byteFilter?.needles, [{ text: 'reateUser', caseSensitive: true }]);
  // has "aws" ignoring case: every record has the key "awsRegion"
  assert.equal(compileFilter([agent], {}).byteFilter, null);
  assert.deepEqual(compileFilter([{ ...agent, term: 'Boto3' }], {}).byteFilter?.needles, [{ text: 'oto3', caseSensitive: false }]);
  // the text check itself still tests every needle
  const both = compileFilter([sources, name], {});
  assert.equal(both.textMayMatch('{"eventSource":"iam.amazonaws.com","eventName":"CreateUser"}'), true);
  assert.equal(both.textMayMatch('{"eventSource":"ec2.amazonaws.com","eventName":"CreateUser"}'), false);
});
