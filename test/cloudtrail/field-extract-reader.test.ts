/**
 * The reader with the field extractor and the field scanner (field-scan.ts: scans that read no
 * JSON column), the default for few columns, against the reader parsing
 * every record whole (`extractFields: false`): same rows, same counts, same diagnostics, on the
 * sample logs and on a file of hostile records (duplicates, wrong types, broken JSON, envelopes,
 * Insights), with and without pushed-down predicates and duplicate removal. (A scan with a byte
 * filter, `has` / `in` predicates, parses its few candidates whole: it does not use the extractor.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../src/cloudtrail/index.ts';
import { FieldExtractor } from '../../src/cloudtrail/field-extract.ts';
import { FieldScanner } from '../../src/cloudtrail/field-scan.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';
import { collect, FIXTURES, tempDir } from './helpers.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;

const SETS: readonly (readonly string[])[] = [
  [],
  ['EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'],
  ['ErrorCode', 'TimeGenerated', 'UserIdentityArn'],
  ['TimeGenerated', 'EventName'],
  ['EventName', 'RequestParameters', 'SourcePort', 'SessionMfaAuthenticated'],
];

async function both(paths: string[], columns: readonly string[], predicates: ScanPredicate[] = [], options: CloudTrailOptions = {}) {
  const run = async (extractFields: boolean) => {
    const src = openCloudTrail(paths, { ...options, extractFields, workers: 1 });
    const got = await collect(src, predicates, new Set(columns));
    return { rows: got.rows, summary: src.summary(), diagnostics: src.diagnostics() };
  };
  const full = await run(false);
  const before = FieldExtractor.records + FieldScanner.records;
  const fast = await run(true);
  const extracted = FieldExtractor.records + FieldScanner.records - before;
  const { elapsedMs: _a, ...fullSummary } = full.summary as unknown as Record<string, unknown>;
  const { elapsedMs: _b, ...fastSummary } = fast.summary as unknown as Record<string, unknown>;
  assert.deepEqual(fast.rows, full.rows, `rows, columns ${columns.join(',')}`);
  assert.deepEqual(fastSummary, fullSummary);
  assert.deepEqual(fast.diagnostics, full.diagnostics);
  return { ...full, extracted };
}

const HOSTILE_RECORDS = [
  '{"eventVersion":"1.08","eventID":"id-1","eventTime":"2023-07-10T11:00:00Z","eventName":"A","eventName":"B","eventSource":"s3.amazonaws.com","sourceIPAddress":"1.2.3.4"}',
  '{"eventID":"id-2","eventTime":"2023-07-10T11:00:01Z","eventName":{"x":1},"errorCode":5,"userIdentity":{"arn":"a","arn":"b"},"userIdentity":{"type":"t"}}',
  '{"eventID":"id-3","eventTime":"not a time","event\\u004eame":"Escaped","sourceIPAddress":"\\ud800","requestParameters":{"fromPort":1e400,"toPort":-0}}',
  '{"eventID":"id-1","eventTime":"2023-07-10T11:00:00Z","eventName":"planted duplicate"}',
  '{"eventID":"id-4","eventName":"raw control \u0001 in a string"}',
  '{"eventID":"id-5","eventName":"trailing comma",}',
  '{"eventID":"id-6","eventType":"AwsCloudTrailInsight","insightDetails":{}}',
  '{"detail-type":"AWS API Call via CloudTrail","detail":{"eventID":"id-7","eventName":"Enveloped","eventTime":"2023-07-10T11:00:02Z"}}',
  '{"CloudTrailEvent":"{\\"eventID\\":\\"id-8\\",\\"eventName\\":\\"LookedUp\\"}"}',
  '{"eventID":9,"eventTime":"2023-07-10T11:00:03Z","eventName":"numeric id","readOnly":"yes"}',
  '{"eventID":"id-10","eventName":"01 is no number","x":01}',
  '"a string item"',
  '{"eventID":"id-11","eventName":"the last one","userAgent":"' + 'u'.repeat(40_000) + '"}',
];

test('sample logs: the extractor gives the rows, counts and diagnostics of the whole parse', async () => {
  for (const columns of SETS) {
    const r = await both([EXAMPLES, FIXTURES], columns);
    assert.ok(r.rows.length > 1000);
    // the records were read by the extractor (a few rows come from CSV, not JSON)
    assert.ok(r.extracted >= r.rows.length * 0.9, `${r.extracted} of ${r.rows.length} extracted`);
  }
});

test('sample logs with a pushed-down predicate and with duplicates kept', async () => {
  const has: ScanPredicate = { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false };
  await both([EXAMPLES], ['EventName', 'SourceIpAddress'], [has]);
  await both([EXAMPLES, FIXTURES], ['EventName'], [], { keepDuplicates: true });
  // a time window alone gives no byte filter: the extractor reads the records, the row checks run on its values
  const window: ScanPredicate = { kind: 'timeRange', column: 'TimeGenerated', min: isoToTicks('2023-07-10T11:50:00Z')!, max: isoToTicks('2023-07-10T12:10:00Z')! };
  const r = await both([EXAMPLES], ['EventName', 'SourceIpAddress'], [window]);
  assert.ok(r.extracted > 0 && r.rows.length > 0 && r.summary.filteredRecords > 0, JSON.stringify(r.summary));
});

test('hostile records, in a Records file (whole and streamed), a bare array and JSON Lines', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'records.json'), `{"Records":[${HOSTILE_RECORDS.join(',')}]}`);
  writeFileSync(join(dir, 'records.json.gz'), gzipSync(`{"Records":[\n${HOSTILE_RECORDS.join(',\n')}\n]}`));
  writeFileSync(join(dir, 'bare.json'), `[${HOSTILE_RECORDS.join(' , ')}]`);
  writeFileSync(join(dir, 'lines.jsonl'), HOSTILE_RECORDS.join('\r\n') + '\n');
  writeFileSync(join(dir, 'cut.json'), `{"Records":[${HOSTILE_RECORDS.slice(0, 3).join(',')},${HOSTILE_RECORDS[0]!.slice(0, 50)}`);
  for (const columns of SETS) {
    const r = await both([dir], columns);
    assert.ok(r.diagnostics.length > 5);
    // streamed in small chunks (chunk boundaries inside records)
    await both([dir], columns, [], { wholeFileMaxBytes: 0 });
  }
  const r = await both([join(dir, 'records.json')], ['EventName']);
  // id-1 (twice), id-2, id-3, the numeric id, id-11 (the duplicate check reads the file again); the rest parsed whole
  assert.equal(r.extracted % 6, 0);
  assert.ok(r.extracted > 0);
  assert.deepEqual(
    r.rows.map((x) => x['EventName']),
    ['B', '{"x":1}', 'Escaped', 'Enveloped', 'LookedUp', 'numeric id', 'the last one'],
  );
});
