/**
 * Check-first reading (src/cloudtrail/check-first.ts): a scan the field scanner cannot read whole
 * (every column, or a JSON column) with selective checks and no byte filter reads the checks'
 * fields of each record from its bytes and parses only the records they keep. It must give the
 * rows, counts and diagnostics of parsing every record whole (`extractFields: false`), on the
 * sample logs and on hostile records (escaped values, wrong types, duplicates, Insights,
 * envelopes, broken JSON), streamed and whole, and it must really be the path taken.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../src/cloudtrail/index.ts';
import { FieldScanner } from '../../src/cloudtrail/field-scan.ts';
import { checkFirstPlan, wholeRecordPlan } from '../../src/cloudtrail/check-first.ts';
import { compileFilter } from '../../src/cloudtrail/prefilter.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { collect, FIXTURES, tempDir } from './helpers.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

const inOf = (column: string, values: string[], caseInsensitive = false): ScanPredicate => ({ kind: 'in', column, values, caseInsensitive });
const has = (column: string, term: string, negated = false): ScanPredicate => ({ kind: 'has', column, term, caseSensitive: false, negated });

const show = (x: unknown) => JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

/** The scan with check-first (the default) and parsing every record whole: the same everything. */
async function both(paths: string[], predicates: ScanPredicate[], columns?: readonly string[], options: CloudTrailOptions = {}) {
  const run = async (extractFields: boolean) => {
    const src = openCloudTrail(paths, { ...options, extractFields, workers: 1 });
    const got = await collect(src, predicates, columns ? new Set(columns) : undefined);
    return { rows: got.rows, summary: src.summary(), diagnostics: src.diagnostics() };
  };
  const whole = await run(false);
  const before = FieldScanner.records;
  const fast = await run(true);
  const scanned = FieldScanner.records - before;
  const { elapsedMs: _a, ...wholeSummary } = whole.summary as unknown as Record<string, unknown>;
  const { elapsedMs: _b, ...fastSummary } = fast.summary as unknown as Record<string, unknown>;
  assert.deepEqual(fast.rows, whole.rows, show(predicates));
  assert.deepEqual(fastSummary, wholeSummary);
  assert.deepEqual(fast.diagnostics, whole.diagnostics);
  return { ...whole, scanned };
}

const wantedOf = (columns?: readonly string[]) => AWS_CLOUDTRAIL_SCHEMA.map((c) => columns === undefined || columns.includes(c.name));

test('which scans read check-first: selective checks, no byte filter, a scan the field scanner cannot read whole', () => {
  const plan = (predicates: ScanPredicate[], columns?: readonly string[]) => {
    const filter = compileFilter(predicates, { tenantId: '' });
    const wanted = wantedOf(columns).map((w, i) => w || filter.columns.has(AWS_CLOUDTRAIL_SCHEMA[i]!.name));
    return { check: checkFirstPlan(filter, { wanted }), whole: wholeRecordPlan(filter, { wanted }) };
  };
  // an IP's needles are digits (no byte filter): every column -> check-first
  assert.notEqual(plan([inOf('SourceIpAddress', ['198.51.100.7'])]).check, null);
  // a list of more than 64 values has no text search either
  const many = Array.from({ length: 100 }, (_, i) => `ec2-${i}`);
  assert.notEqual(plan([inOf('EventName', many)]).check, null);
  // with few plain columns the field scanner reads records whole: nothing to add
  assert.equal(plan([inOf('SourceIpAddress', ['198.51.100.7'])], ['EventName', 'SourceIpAddress']).check, null);
  assert.notEqual(plan([inOf('SourceIpAddress', ['198.51.100.7'])], ['EventName', 'SourceIpAddress']).whole, null);
  // a JSON column read whole: check-first
  assert.notEqual(plan([inOf('SourceIpAddress', ['198.51.100.7'])], ['RequestParameters']).check, null);
  // a byte filter narrows already (letters: a needle)
  assert.equal(plan([inOf('EventName', ['ConsoleLogin'])]).check, null);
  // a negated has alone keeps most records
  assert.equal(plan([has('UserAgent', 'aws', true)]).check, null);
  // a check on a JSON column cannot be read by the field scanner
  assert.equal(plan([has('RequestParameters', '10')]).check, null);
  // no checks at all
  assert.equal(plan([]).check, null);
  // a time range keeps its range only: every column -> check-first (its records' eventTime first)
  const range: ScanPredicate = { kind: 'timeRange', column: 'TimeGenerated', min: 0n };
  assert.notEqual(plan([range]).check, null);
  assert.equal(plan([range], ['TimeGenerated', 'EventName']).check, null);
});

test('sample logs, every column: the rows, counts and diagnostics of parsing every record whole', async () => {
  const ips = ['54.240.197.233', '72.21.198.64', '203.0.113.9'];
  for (const predicates of [
    [inOf('SourceIpAddress', ips)],
    [inOf('SourceIpAddress', ips, true), has('UserAgent', 'aws', true)],
    [inOf('UserIdentityAccountId', ['111122223333', '123456789012'])],
    [inOf('EventName', Array.from({ length: 80 }, (_, i) => (i === 7 ? 'ConsoleLogin' : `Op${i}`)))],
  ]) {
    const r = await both([EXAMPLES, FIXTURES], predicates);
    const all = await both([EXAMPLES, FIXTURES], predicates, ['EventName', 'RequestParameters']);
    assert.equal(all.rows.length, r.rows.length);
    // every plain record's checked fields came from the field scanner
    assert.ok(r.scanned > r.summary.filteredRecords * 0.9, `${r.scanned} scanned, ${r.summary.filteredRecords} filtered`);
    assert.ok(r.summary.filteredRecords > 1000, JSON.stringify(r.summary));
  }
});

const ticks = (iso: string) => BigInt(Date.parse(iso)) * 10_000n + 621_355_968_000_000_000n;
const since = (iso: string, max?: string): ScanPredicate => ({
  kind: 'timeRange', column: 'TimeGenerated', min: ticks(iso), minInclusive: true, ...(max ? { max: ticks(max), maxInclusive: false } : {}),
});

test('sample logs, every column, a time range: the rows, counts and diagnostics of parsing every record whole', async () => {
  for (const predicates of [
    [since('2023-07-10T12:07:59Z')],
    [since('2023-07-10T12:00:00Z', '2023-07-10T12:10:00Z')],
    [since('2100-01-01T00:00:00Z')],
    [since('2014-01-01T00:00:00Z'), inOf('SourceIpAddress', ['54.240.197.233', '72.21.198.64'])],
  ]) {
    const r = await both([EXAMPLES, FIXTURES], predicates);
    assert.ok(r.scanned > 0, show(predicates));
  }
  const later = await both([EXAMPLES, FIXTURES], [since('2023-07-10T12:07:59Z')]);
  assert.ok(later.rows.length > 1000 && later.summary.filteredRecords > 1000, show(later.summary));
});

const HOSTILE_TIMES = [
  '{"eventID":"t-1","eventTime":"2023-07-10T11:00:00Z","eventName":"in range"}',
  '{"eventID":"t-2","eventTime":"2023-07-10T10:59:59Z","eventName":"a second early"}',
  // escaped digits: the same time once decoded
  '{"eventID":"t-3","eventTime":"2023-07-10T11:00:0\\u0031Z","eventName":"escaped"}',
  '{"eventID":"t-4","eventTime":1689000000,"eventName":"a number"}',
  '{"eventID":"t-5","eventName":"no time"}',
  '{"eventID":"t-6","eventTime":{"t":"2023-07-10T11:00:00Z"},"eventName":"an object"}',
  '{"eventID":"t-7","eventTime":"2023-07-10T11:00:00.1234567Z","eventName":"fraction"}',
  '{"eventID":"t-8","eventTime":"2023-07-10 11:30:00","eventName":"other spelling"}',
  '{"eventID":"t-1","eventTime":"2023-07-10T11:00:00Z","eventName":"duplicate"}',
  '{"eventID":"t-9","eventTime":"2023-07-10T11:00:00Z","eventName":"broken",}',
];

test('hostile times under a time range: escapes, numbers, objects, other spellings, duplicates, broken JSON', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'times.json.gz'), gzipSync(`{"Records":[\n${HOSTILE_TIMES.join(',\n')}\n]}`));
  for (const options of [{}, { wholeFileMaxBytes: 0 }]) {
    for (const predicates of [[since('2023-07-10T11:00:00Z')], [since('2023-07-10T11:00:00Z', '2023-07-10T11:00:01Z')], [since('2000-01-01T00:00:00Z')]]) {
      const r = await both([dir], predicates, undefined, options);
      assert.ok(r.scanned > 0);
    }
  }
  const r = await both([dir], [since('2023-07-10T11:00:00Z', '2023-07-10T11:00:01Z')]);
  assert.deepEqual(r.rows.map((x) => x['EventName']), ['in range', 'fraction']);
});

const HOSTILE_RECORDS = [
  '{"eventVersion":"1.08","eventID":"id-1","eventTime":"2023-07-10T11:00:00Z","eventName":"A","sourceIPAddress":"1.2.3.4","requestParameters":{"k":"v"}}',
  // the same address spelled with escapes: equal once decoded, so kept
  '{"eventID":"id-2","eventTime":"2023-07-10T11:00:01Z","eventName":"Escaped","sourceIPAddress":"1.2.3.\\u0034"}',
  // a number where a string goes: coerced, as the whole parse coerces it
  '{"eventID":"id-3","eventTime":"2023-07-10T11:00:02Z","eventName":"Number","sourceIPAddress":1234}',
  '{"eventID":"id-1","eventTime":"2023-07-10T11:00:00Z","eventName":"planted duplicate","sourceIPAddress":"1.2.3.4"}',
  '{"eventID":"id-4","eventName":"other address","sourceIPAddress":"5.6.7.8"}',
  '{"eventID":"id-5","eventName":"trailing comma","sourceIPAddress":"1.2.3.4",}',
  '{"eventID":"id-6","eventType":"AwsCloudTrailInsight","sourceIPAddress":"1.2.3.4","insightDetails":{}}',
  '{"detail-type":"AWS API Call via CloudTrail","detail":{"eventID":"id-7","eventName":"Enveloped","sourceIPAddress":"1.2.3.4"}}',
  '{"eventID":"id-8","eventName":"raw control \u0001","sourceIPAddress":"1.2.3.4"}',
  '{"eventID":"id-9","eventName":"nested address","sourceIPAddress":{"ip":"1.2.3.4"}}',
  '{"eventID":"id-10","eventName":"the last one","sourceIPAddress":"1.2.3.4","userAgent":"' + 'u'.repeat(40_000) + '"}',
  '"a string item"',
];

test('hostile records: escapes, wrong types, duplicates, Insights, envelopes, broken JSON; whole and streamed', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'records.json'), `{"Records":[${HOSTILE_RECORDS.join(',')}]}`);
  writeFileSync(join(dir, 'records.json.gz'), gzipSync(`{"Records":[\n${HOSTILE_RECORDS.join(',\n')}\n]}`));
  writeFileSync(join(dir, 'bare.json'), `[${HOSTILE_RECORDS.join(' , ')}]`);
  for (const options of [{}, { wholeFileMaxBytes: 0 }, { keepDuplicates: true }]) {
    for (const predicates of [[inOf('SourceIpAddress', ['1.2.3.4', '1234'])], [inOf('SourceIpAddress', ['1.2.3.4'], true)], [inOf('SourceIpAddress', ['1.2.3.4']), has('UserAgent', 'uuu', true)]]) {
      const r = await both([dir], predicates, undefined, options);
      assert.ok(r.diagnostics.length > 3);
      assert.ok(r.scanned > 0);
    }
  }
  const r = await both([join(dir, 'records.json')], [inOf('SourceIpAddress', ['1.2.3.4', '1234'])]);
  assert.deepEqual(
    r.rows.map((x) => x['EventName']),
    // a raw control character in a string is invalid JSON: reported, on both paths
    ['A', 'Escaped', 'Number', 'Enveloped', 'the last one'],
  );
  assert.equal(r.summary.duplicates, 1);
});
