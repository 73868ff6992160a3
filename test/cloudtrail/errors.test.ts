/**
 * Bad input never loses good data: each broken file gives a clear message naming the file
 * (and record index / byte offset), good records of that file and of all other files are read,
 * the summary counts everything, and `strict` turns any failure into an error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { openCloudTrail, type CloudTrailSource } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { collect, INVICTUS_DAY, STRATUS, tempDir, byId, type Row } from './helpers.ts';

type Obj = Record<string, any>;

const GOOD_FILE = '218007301253_CloudTrail_us-east-1_20230710T1145Z_s7dpHbl38neqZbm2.json.gz';

function goodRecords(): Obj[] {
  return (JSON.parse(gunzipSync(readFileSync(join(INVICTUS_DAY, GOOD_FILE))).toString('utf8')) as { Records: Obj[] }).Records;
}

async function reference(): Promise<Map<string, Row>> {
  return byId((await collect(openCloudTrail([join(INVICTUS_DAY, GOOD_FILE), STRATUS]))).rows);
}

function assertAllMatch(rows: Row[], ref: Map<string, Row>): void {
  for (const r of rows) {
    const e = ref.get(r['AwsEventId'] as string);
    assert.ok(e, `row ${String(r['AwsEventId'])} is a known good record`);
    for (const c of AWS_CLOUDTRAIL_SCHEMA) assert.deepEqual(r[c.name], e[c.name], c.name);
  }
}

function messages(src: CloudTrailSource, file: string): string[] {
  return src.diagnostics().filter((d) => d.file.endsWith(file)).map((d) => `${d.severity}${d.record !== undefined ? ` #${d.record}` : ''}: ${d.message}`);
}

test('truncated gzip: records before the cut are kept, the file is named, other files unaffected', async (t) => {
  const dir = tempDir(t);
  const gz = readFileSync(join(INVICTUS_DAY, GOOD_FILE));
  writeFileSync(join(dir, 'truncated.json.gz'), gz.subarray(0, Math.floor(gz.length * 0.6)));
  writeFileSync(join(dir, 'good.json.gz'), gz);
  const src = openCloudTrail([join(dir, 'truncated.json.gz'), join(dir, 'good.json.gz')], { keepDuplicates: true });
  const { rows } = await collect(src);
  const total = goodRecords().length;
  const s = src.summary();
  const truncatedRows = src.fileStats()[0]!.rows;
  assert.ok(truncatedRows > 0 && truncatedRows < total, `kept ${truncatedRows} of ${total}`);
  assert.equal(rows.length, truncatedRows + total, 'the good file is read whole');
  assert.equal(src.fileStats()[0]!.status, 'partial');
  assert.equal(s.partialFiles, 1);
  const msg = messages(src, 'truncated.json.gz');
  assert.ok(msg.some((m) => /gzip stream unreadable after \d+ decompressed bytes/.test(m)), msg.join('\n'));
  assertAllMatch(rows, await reference());
});

test('broken JSON in one record costs that record only (index and byte offset given)', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords();
  const parts = recs.map((r) => JSON.stringify(r));
  parts[3] = parts[3]!.replace('"readOnly":true', '"readOnly":tru').replace('"readOnly":false', '"readOnly":fals');
  writeFileSync(join(dir, 'broken.json'), `{"Records":[${parts.join(',')}]}`);
  const src = openCloudTrail([join(dir, 'broken.json')]);
  const { rows } = await collect(src);
  assert.equal(rows.length, recs.length - 1);
  assert.ok(!rows.some((r) => r['AwsEventId'] === recs[3]!.eventID));
  const msg = messages(src, 'broken.json');
  assert.equal(msg.length, 1);
  assert.match(msg[0]!, /^error #3: not valid JSON: /);
  assert.equal(src.summary().failedRecords, 1);
  assertAllMatch(rows, await reference());
});

test('a JSON Lines file with a broken line keeps every other line', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords().slice(0, 10);
  const lines = recs.map((r) => JSON.stringify(r));
  lines[5] = lines[5]!.slice(0, 100); // cut mid-record
  writeFileSync(join(dir, 'broken.jsonl'), lines.join('\n'));
  const src = openCloudTrail([join(dir, 'broken.jsonl')]);
  const { rows } = await collect(src);
  assert.equal(rows.length, 9);
  assert.match(messages(src, 'broken.jsonl')[0]!, /#5: not valid JSON/);
});

test('non-CloudTrail JSON, non-object records, empty file: named, counted, nothing else lost', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', scripts: {} }));
  writeFileSync(join(dir, 'odd.json'), JSON.stringify({ Records: [1, 'x', null, goodRecords()[0]] }));
  writeFileSync(join(dir, 'empty.json.gz'), '');
  writeFileSync(join(dir, 'empty-records.json'), '{"Records":[]}');
  const src = openCloudTrail([dir, STRATUS]);
  const { rows } = await collect(src);
  assert.equal(rows.length, 51, '50 Stratus rows + the one good record of odd.json');
  assert.match(messages(src, 'package.json')[0]!, /^error #0: not a CloudTrail record \(keys: name, version, scripts\)$/);
  assert.deepEqual(messages(src, 'odd.json'), [
    'error #0: item is number, not a CloudTrail record object',
    'error #1: item is string, not a CloudTrail record object',
    'error #2: item is null, not a CloudTrail record object',
  ]);
  assert.deepEqual(messages(src, 'empty.json.gz'), ['error: file is empty: no records']);
  assert.match(messages(src, 'empty-records.json')[0]!, /no records/);
  const s = src.summary();
  assert.equal(s.files, 9);
  assert.equal(s.failedFiles, 3, 'package.json, empty.json.gz, empty-records.json');
  assert.equal(s.partialFiles, 1, 'odd.json');
  assert.equal(s.failedRecords, 4);
  assert.equal(s.rows, 51);
  assert.match(src.describeSummary(), /9 files \(3 failed, 1 partly read, 0 skipped\)/);
});

test('wrong field types: row kept with coerced values and a warning naming the fields', async (t) => {
  const dir = tempDir(t);
  const rec = { eventVersion: '1.08', eventID: 'bad-types-1', eventTime: 1688989344, eventName: ['GetX'], eventSource: 's3.amazonaws.com', readOnly: 'maybe', userIdentity: 'root' };
  writeFileSync(join(dir, 'types.json'), JSON.stringify({ Records: [rec, goodRecords()[0]] }));
  const src = openCloudTrail([join(dir, 'types.json')]);
  const { rows } = await collect(src);
  assert.equal(rows.length, 2);
  const bad = rows.find((r) => r['AwsEventId'] === 'bad-types-1')!;
  assert.equal(bad['TimeGenerated'], null);
  assert.equal(bad['EventName'], '["GetX"]');
  assert.equal(bad['ReadOnly'], null);
  assert.equal(bad['UserIdentityType'], '');
  const msg = messages(src, 'types.json');
  assert.equal(msg.length, 1);
  assert.match(msg[0]!, /^warning #0: eventTime is a number.*eventName is an array.*readOnly is "maybe".*\(row kept\)$/);
  assert.equal(src.summary().coercedRecords, 1);
  assert.equal(src.summary().failedRecords, 0);
});

test('a huge record is an error for that record only (JSON and JSON Lines)', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords().slice(0, 5);
  const huge: Obj = { ...recs[2], requestParameters: { blob: 'A'.repeat(200_000) } };
  const list = [recs[0], recs[1], huge, recs[3], recs[4]];
  writeFileSync(join(dir, 'huge.json.gz'), gzipSync(JSON.stringify({ Records: list })));
  writeFileSync(join(dir, 'huge.jsonl'), list.map((r) => JSON.stringify(r)).join('\n'));
  for (const [f, whole] of [['huge.json.gz', 0], ['huge.jsonl', 0], ['huge.json.gz', undefined], ['huge.jsonl', undefined]] as const) {
    // wholeFileMaxBytes 0: streamed in chunks; default: read whole (small file)
    const src = openCloudTrail([join(dir, f)], { maxRecordBytes: 64 * 1024, ...(whole === 0 ? { wholeFileMaxBytes: 0 } : {}) });
    const { rows } = await collect(src);
    assert.equal(rows.length, 4, f);
    const msg = messages(src, f);
    assert.equal(msg.length, 1, msg.join('\n'));
    assert.match(msg[0]!, /^error #2: \d+ bytes, over the 65536-byte record limit$/);
    assert.ok(!rows.some((r) => r['AwsEventId'] === huge.eventID));
  }
});

test('a UTF-8 BOM is ignored (JSON, JSON Lines, gzipped)', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords().slice(0, 3);
  const bom = '\ufeff';
  writeFileSync(join(dir, 'bom.json'), bom + JSON.stringify({ Records: recs }));
  writeFileSync(join(dir, 'bom.jsonl'), bom + recs.map((r) => JSON.stringify(r)).join('\n'));
  writeFileSync(join(dir, 'bom.json.gz'), gzipSync(bom + JSON.stringify(recs)));
  const src = openCloudTrail([dir], { keepDuplicates: true });
  const { rows } = await collect(src);
  assert.equal(rows.length, 9);
  assert.equal(src.diagnostics().length, 0);
});

test('strict: the first failure is an error naming the file; without strict the scan completes', async (t) => {
  const dir = tempDir(t);
  const parts = goodRecords().slice(0, 4).map((r) => JSON.stringify(r));
  parts[1] = '{"eventVersion": oops}';
  writeFileSync(join(dir, 'bad.json'), `{"Records":[${parts.join(',')}]}`);
  await assert.rejects(collect(openCloudTrail([dir], { strict: true })), (e: Error) => {
    assert.match(e.message, /strict: .*bad\.json: record 1 \(byte \d+\): error: not valid JSON/);
    return true;
  });
  const lenient = openCloudTrail([dir]);
  assert.equal((await collect(lenient)).rows.length, 3);
});

test('a file cut inside a record reports the truncation and keeps earlier records', async (t) => {
  const dir = tempDir(t);
  const text = JSON.stringify({ Records: goodRecords().slice(0, 6) });
  writeFileSync(join(dir, 'cut.json'), text.slice(0, Math.floor(text.length * 0.7)));
  const src = openCloudTrail([join(dir, 'cut.json')]);
  const { rows } = await collect(src);
  assert.ok(rows.length >= 3 && rows.length < 6, String(rows.length));
  assert.match(messages(src, 'cut.json').join('\n'), /file ends inside this record: truncated at byte \d+/);
  assert.equal(readdirSync(dir).length, 1);
});

test('a record with unbalanced brackets does not take the records after it down', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords().slice(0, 8);
  const parts = recs.map((r) => JSON.stringify(r));
  const missing = [...parts];
  missing[2] = missing[2]!.replace('},"eventTime"', ',"eventTime"'); // userIdentity never closed
  const extra = [...parts];
  extra[5] = extra[5]! + '}'; // one "}" too many
  writeFileSync(join(dir, 'missing.json'), `{"Records":[${missing.join(',')}]}`);
  writeFileSync(join(dir, 'extra.json.gz'), gzipSync(`{"Records":[${extra.join(',')}]}`));
  const ref = await reference();
  for (const [file, lost, note] of [
    ['missing.json', [2], /^error #2: not valid JSON.*; 5 whole records after the damage were recovered from its text/],
    ['extra.json.gz', [], /unexpected '}' between records: ignored/],
  ] as const) {
    for (const wholeFileMaxBytes of [0, 1 << 20]) {
      const src = openCloudTrail([join(dir, file)], { keepDuplicates: true, wholeFileMaxBytes });
      const { rows } = await collect(src);
      const ids = rows.map((r) => r['AwsEventId']);
      const want = recs.filter((_, i) => !(lost as readonly number[]).includes(i)).map((r) => r.eventID);
      assert.deepEqual([...ids].sort(), [...want].sort(), file);
      assertAllMatch(rows, ref);
      assert.match(messages(src, file).join('\n'), note, file);
    }
  }
});

test('a path that does not exist is a failed file with a message; other paths are read', async () => {
  const src = openCloudTrail(['/nonexistent/trailhound/logs', STRATUS]);
  const { rows } = await collect(src);
  assert.equal(rows.length, 50);
  assert.deepEqual(messages(src, '/nonexistent/trailhound/logs'), ['error: cannot open: ENOENT']);
  assert.equal(src.summary().failedFiles, 1);
  assert.equal(src.summary().files, 6, 'the missing path and the 5 Stratus files');
  assert.match(src.describeSummary(), /\/nonexistent\/trailhound\/logs: error: cannot open: ENOENT/);
});

test('JSON Lines with a long first line (read as concatenated JSON) still recovers records after a broken one', async (t) => {
  const dir = tempDir(t);
  const recs = goodRecords().slice(0, 6);
  const first = { ...recs[0], requestParameters: { pad: 'p'.repeat(70_000) } }; // first line > 64 KiB
  const lines = [first, ...recs.slice(1)].map((r) => JSON.stringify(r));
  lines[2] = lines[2]!.replace('},"eventTime"', ',"eventTime"'); // unbalanced
  writeFileSync(join(dir, 'long-first-line.jsonl.txt'), lines.join('\n'));
  const src = openCloudTrail([join(dir, 'long-first-line.jsonl.txt')], { format: 'json' });
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r['AwsEventId']).sort(), [recs[0], recs[1], recs[3], recs[4], recs[5]].map((r) => r!.eventID).sort());
  assert.match(messages(src, 'long-first-line.jsonl.txt').join('\n'), /3 whole records after the damage were recovered/);
});

test('each problem line says its record and byte once (formatDiagnostic puts them before the message)', async (t) => {
  const dir = tempDir(t);
  const [a, b, c] = goodRecords().slice(0, 3).map((r) => JSON.stringify(r)) as [string, string, string];
  const broken = '{"eventVersion": oops}';
  const typed = JSON.stringify({ eventVersion: '1.08', eventID: 'typed-1', eventTime: 5, eventName: 'X', eventSource: 's3.amazonaws.com' });
  const huge = JSON.stringify({ eventVersion: '1.08', eventID: 'huge-1', userAgent: 'A'.repeat(5000) });
  const text = `{"Records":[${a},${broken},7,${typed},${huge},${b}},${c}]}`;
  const json = join(dir, 'loc.json');
  writeFileSync(json, text);
  const jsonl = join(dir, 'loc.jsonl');
  const lines = `${a}\n${huge}\n${broken}\n${b}\n`;
  writeFileSync(jsonl, lines);
  const cut = join(dir, 'cut.json');
  const cutText = `{"Records":[${a},${b.slice(0, 60)}`;
  writeFileSync(cut, cutText);
  const src = openCloudTrail([json, jsonl, cut], { maxRecordBytes: 4096, keepDuplicates: true });
  const { rows } = await collect(src);
  assert.equal(rows.length, 7, 'a typed b c, a b, a');
  let parseError = '';
  try {
    JSON.parse(broken);
  } catch (e) {
    parseError = (e as Error).message;
  }
  const at = (s: string, what: string, from = 0) => s.indexOf(what, from);
  assert.deepEqual(src.describeSummary().split('\n').slice(1), [
    `${json}: record 1 (byte ${at(text, broken)}): error: not valid JSON: ${parseError}`,
    `${json}: record 2 (byte ${at(text, ',7,') + 1}): error: item is number, not a CloudTrail record object`,
    `${json}: record 3 (byte ${at(text, typed)}): warning: eventTime is a number, expected an ISO-8601 time string (row kept)`,
    `${json}: record 4 (byte ${at(text, huge)}): error: ${huge.length} bytes, over the 4096-byte record limit`,
    `${json}: byte ${at(text, `${b}},`) + b.length}: error: unexpected '}' between records: ignored`,
    `${jsonl}: record 1 (byte ${at(lines, huge)}): error: ${huge.length} bytes, over the 4096-byte record limit`,
    `${jsonl}: record 2 (byte ${at(lines, broken)}): error: not valid JSON: ${parseError}`,
    `${cut}: record 1 (byte ${'{"Records":['.length + a.length + 1}): error: file ends inside this record: truncated at byte ${cutText.length}`,
  ]);
});
