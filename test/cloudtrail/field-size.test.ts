/**
 * Deep and huge values in CloudTrail records (issue #13). Sentinel stores AWSCloudTrail in Log
 * Analytics, which keeps 32 KB of a field value and truncates the rest ("Maximum size for field
 * values (Log Analytics): 32 KB (truncated above the limit)",
 * learn.microsoft.com/azure/sentinel/datalake/sentinel-lake-service-limits): the reader cuts text
 * columns the same way, counts the rows and names the fields; the record and its neighbours are
 * kept. Values nested 100,000 levels deep are read without recursion.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { cutToUtf8, LOG_ANALYTICS_MAX_FIELD_BYTES } from '../../src/cloudtrail/field-size.ts';
import { RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { encodeValue } from '../../src/cloudtrail/json-text.ts';
import { ocsfToCloudTrail } from '../../src/cloudtrail/ocsf.ts';
import { columnIndex } from '../../src/cloudtrail/schema.ts';
import { byId, collect, tempDir } from './helpers.ts';

const LIMIT = LOG_ANALYTICS_MAX_FIELD_BYTES;
const DEEP = 100_000;

function record(id: string, fields: Record<string, string>): string {
  const base: Record<string, string> = {
    eventVersion: '"1.08"',
    userIdentity: '{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}',
    eventTime: '"2023-07-10T12:01:00Z"',
    eventSource: '"iam.amazonaws.com"',
    eventName: '"CreateUser"',
    awsRegion: '"us-east-1"',
    sourceIPAddress: '"203.0.113.7"',
    userAgent: '"aws-cli/2.13.0"',
    requestParameters: '{"userName":"bob"}',
    responseElements: 'null',
    eventID: `"${id}"`,
    eventType: '"AwsApiCall"',
    recipientAccountId: '"111122223333"',
  };
  return `{${Object.entries({ ...base, ...fields }).map(([k, v]) => `"${k}":${v}`).join(',')}}`;
}

test('cutToUtf8: 32 KiB counted in UTF-8 bytes, cut on a whole character; short values are not measured', () => {
  assert.equal(LIMIT, 32_768);
  assert.equal(cutToUtf8('a'.repeat(LIMIT), LIMIT), undefined);
  assert.deepEqual(cutToUtf8('a'.repeat(LIMIT + 1), LIMIT), { text: 'a'.repeat(LIMIT), bytes: LIMIT + 1 });
  // é is 2 bytes: 16,384 of them fill the limit exactly; one more is cut whole.
  assert.equal(cutToUtf8('é'.repeat(LIMIT / 2), LIMIT), undefined);
  assert.deepEqual(cutToUtf8(`a${'é'.repeat(LIMIT / 2)}`, LIMIT), { text: `a${'é'.repeat(LIMIT / 2 - 1)}`, bytes: LIMIT + 1 });
  // A surrogate pair (4 bytes) is never split.
  const cut = cutToUtf8(`ab${'😀'.repeat(LIMIT / 4)}`, LIMIT)!;
  assert.equal(cut.text, `ab${'😀'.repeat(LIMIT / 4 - 1)}`);
  assert.equal(Buffer.byteLength(cut.text), LIMIT - 2);
});

test('the mapper cuts every text column over the limit (string, JSON and port columns), names them, and leaves short ones alone', () => {
  const big = 'x'.repeat(40_000);
  const text = record('e1', {
    userAgent: JSON.stringify(big),
    requestParameters: JSON.stringify({ policy: big, fromPort: 1 }),
    responseElements: '{"ok":true}',
  });
  const cut: string[] = [];
  const cols = new RecordMapper().wanted.map(() => [] as unknown[]);
  new RecordMapper().mapInto(cols as never, JSON.parse(text), text, cut);
  const ua = cols[columnIndex('UserAgent')]![0] as string;
  const rp = cols[columnIndex('RequestParameters')]![0] as string;
  assert.equal(ua, 'x'.repeat(LIMIT));
  assert.equal(rp.length, LIMIT);
  assert.ok(rp.startsWith('{"policy":"xxx'));
  assert.equal(cols[columnIndex('ResponseElements')]![0], '{"ok":true}');
  const rpBytes = JSON.stringify({ policy: big, fromPort: 1 }).length;
  assert.deepEqual(cut, ['UserAgent (40,000 bytes)', `RequestParameters (${rpBytes.toLocaleString('en-US')} bytes)`]);
  // valueOf (the pushed-down row checks) sees the same cut values.
  const m = new RecordMapper();
  assert.equal(m.valueOf(columnIndex('UserAgent'), JSON.parse(text), text), ua);
  // maxFieldBytes: 0 keeps whole values.
  assert.equal(new RecordMapper({ maxFieldBytes: 0 }).valueOf(columnIndex('UserAgent'), JSON.parse(text), text), big);
});

test('records without raw text (OCSF, Parquet) and wrong-typed fields nested 100,000 levels deep are encoded without recursion', { timeout: 120_000 }, () => {
  let deep: unknown = 1;
  let expected = '1';
  for (let i = 0; i < DEEP; i++) {
    deep = i % 2 ? { a: deep } : [deep];
    expected = i % 2 ? `{"a":${expected}}` : `[${expected}]`;
  }
  const json = encodeValue(deep, 'sentinel');
  assert.ok(json === expected);
  // An OCSF `unmapped` key path 100,000 dots long builds a nested object the same way.
  const rec = ocsfToCloudTrail({ class_uid: 6003, metadata: { uid: 'e-ocsf' }, api: { operation: 'X' }, unmapped: { [`additionalEventData.${Array(DEEP).fill('k').join('.')}`]: '1' } });
  const mapper = new RecordMapper({ maxFieldBytes: 0 });
  const aed = mapper.valueOf(columnIndex('AdditionalEventData'), rec) as string;
  assert.equal(aed, `${'{"k":'.repeat(DEEP)}"1"${'}'.repeat(DEEP)}`);
  // A wrong-typed string field holding a deep array: coerced to its JSON, the message names its kind.
  const cols = mapper.wanted.map(() => [] as unknown[]);
  const issues = mapper.mapInto(cols as never, { eventID: 'e', userAgent: deep, readOnly: deep });
  assert.equal((cols[columnIndex('UserAgent')]![0] as string).length, json.length);
  assert.deepEqual(issues, ['userAgent is an object, expected string', 'readOnly is an object, expected a bool']);
});

test('reader: a gzip file with a 100,000-level requestParameters and a 5 MB userAgent beside good records: every row kept, the big fields cut and counted', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const deep = `{"a":${'['.repeat(DEEP)}${']'.repeat(DEEP)}}`;
  const text = `{"Records":[${[
    record('good-1', {}),
    record('deep', { requestParameters: deep }),
    record('huge', { userAgent: JSON.stringify('u'.repeat(5_000_000)) }),
    record('good-2', { requestParameters: '{"userName":"carol"}' }),
  ].join(',')}]}`;
  writeFileSync(join(dir, 'trail.json.gz'), gzipSync(text));
  const src = openCloudTrail([dir], { workers: 1 });
  const { rows } = await collect(src);
  const r = byId(rows);
  assert.deepEqual([...r.keys()], ['good-1', 'deep', 'huge', 'good-2']);
  assert.equal(r.get('good-2')!['RequestParameters'], '{"userName":"carol"}');
  const rp = r.get('deep')!['RequestParameters'] as string;
  assert.equal(rp, deep.slice(0, LIMIT), 'the first 32 KiB of the JSON text, as Log Analytics keeps it');
  assert.equal(r.get('huge')!['UserAgent'], 'u'.repeat(LIMIT));
  const s = src.summary();
  assert.equal(s.rows, 4);
  assert.equal(s.truncatedRecords, 2);
  assert.equal(s.failedRecords, 0);
  const warnings = src.diagnostics().filter((d) => d.severity === 'warning').map((d) => [d.record, d.message]);
  assert.deepEqual(warnings, [
    [1, `RequestParameters (${deep.length.toLocaleString('en-US')} bytes) cut to 32 KiB, as Log Analytics stores a field over its limit (row kept)`],
    [2, 'UserAgent (5,000,000 bytes) cut to 32 KiB, as Log Analytics stores a field over its limit (row kept)'],
  ]);
  assert.match(src.describeSummary(), /2 with fields cut to the field limit/);
});
