/**
 * The field scanner (src/cloudtrail/field-scan.ts, field-scan.wat) against the path it replaces:
 * the JS splitter's item text, JSON.parse of it, classify, map. For every record of the sample
 * logs, the hostile texts of field-extract.test.ts and random mutations, either the scanner hands
 * the item back (it then goes the old way by construction: the splitter emits the item's text) or
 * the record is a plain CloudTrail record for JSON.parse too and the mapped row, its type issues,
 * its cut fields and its eventID are identical. Whole streams are compared too: the same items at
 * the same indexes and offsets, the same problems.
 *
 * JSON.parse's semantics are ECMA-262's (JSON.parse, InternalizeJSONProperty) on the item's text
 * as UTF-8 decoding gives it (WHATWG: an invalid byte sequence becomes U+FFFD).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fieldPlan } from '../../src/cloudtrail/field-plan.ts';
import { FieldScanner, flatPlan } from '../../src/cloudtrail/field-scan.ts';
import { classify } from '../../src/cloudtrail/items.ts';
import { JSON_COLUMNS, RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { JsonItemSplitter, type SplitOutput } from '../../src/cloudtrail/splitter.ts';
import { FIELD_SCAN_WASM } from '../../src/cloudtrail/field-scan-wasm.ts';
import { mapped, splitRecordId, wantedOf } from './mapped-row.ts';
import { sampleFiles, sampleRecords } from './sample-records.ts';
import { BASE_RECORD, HOSTILE_TEXTS, mutated, seededRandom } from './hostile-records.ts';

/** The column sets of the hunting suite and common hunts (no JSON column: those never take this path). */
const REALISTIC: readonly (readonly string[])[] = [
  [],
  ['EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'],
  ['ErrorCode', 'TimeGenerated', 'UserIdentityArn'],
  ['TimeGenerated', 'EventName'],
  ['UserIdentityAccessKeyId', 'TimeGenerated', 'EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'],
  ['EventName', 'UserIdentityArn', 'TimeGenerated', 'SourceIpAddress', 'UserAgent'],
  ['SessionMfaAuthenticated', 'SessionCreationDate', 'SessionIssuerArn', 'UserIdentityType'],
  ['IpProtocol', 'SourcePort', 'DestinationPort', 'CidrIp'],
  ['ReadOnly', 'ManagementEvent', 'EC2RoleDelivery', 'TlsVersion', 'CipherSuite', 'UserIdentityUserId', 'UserIdentityStoreArn'],
  ['TenantId', 'Type', 'AwsRequestId', 'EventTypeName', 'AwsEventId'],
];
const PROJECTIONS: readonly (readonly string[])[] = [
  ...REALISTIC,
  ...AWS_CLOUDTRAIL_SCHEMA.filter((c) => !JSON_COLUMNS.has(c.name)).map((c) => [c.name]),
];

/** The outputs of a splitter over `bytes` fed in pieces of `step`, with the field scanner for `columns` (or the JS path: null). */
function split(bytes: Buffer, columns: readonly string[] | null, step: number): SplitOutput[] {
  const plan = columns === null ? null : flatPlan(fieldPlan(wantedOf(columns), Infinity)!);
  if (columns !== null) assert.ok(plan !== null, 'the plan fits the scanner');
  const splitter = new JsonItemSplitter(1 << 30, null, 0, plan);
  const out: SplitOutput[] = [];
  // a record's id words are valid until the next push: each is copied out right away
  const own = (from: number) => {
    for (let k = from; k < out.length; k++) {
      const o = out[k]!;
      if (o.kind === 'record' && o.idAt >= 0) out[k] = { ...o, ids: o.ids!.slice(o.idAt, o.idAt + 4), idAt: 0 };
    }
  };
  for (let i = 0; i < bytes.length; i += step) {
    const from = out.length;
    splitter.push(bytes.subarray(i, i + step), out);
    own(from);
  }
  splitter.end(out);
  return out;
}

/**
 * One record text (in a Records array, or as `bytes` when given) through the scanner for one
 * column set: returns whether the scanner read it (true) or handed it back (false), after checking
 * each read record against JSON.parse of the item the JS splitter cuts at the same index.
 */
function check(text: string, columns: readonly string[], step = 1 << 20, maxFieldBytes?: number, bytes = Buffer.from(`{"Records":[${text}]}`)): boolean {
  const outs = split(bytes, columns, step);
  const js = split(bytes, null, step);
  const records = outs.filter((o) => o.kind === 'record');
  const wanted = wantedOf(columns);
  const mapper = new RecordMapper({ tenantId: 't', ...(maxFieldBytes !== undefined ? { maxFieldBytes } : {}) }, wanted);
  for (const got of records) {
    assert.ok(got.kind === 'record');
    const item = js.find((o) => o.kind === 'item' && o.index === got.index);
    assert.ok(item && item.kind === 'item' && item.offset === got.offset, `the JS splitter cuts an item at ${got.index}: ${text.slice(0, 200)}`);
    let value: unknown;
    try {
      value = JSON.parse(item.text);
    } catch (e) {
      assert.fail(`scanner read a text JSON.parse rejects (${(e as Error).message}): ${item.text.slice(0, 200)}`);
    }
    const c = classify(value, item.text);
    assert.ok(c.kind === 'record' && c.via === 'record', `scanner read a non-record: ${item.text.slice(0, 200)}`);
    const full = mapped(mapper, c.rec, item.text, wanted);
    const fast = mapped(mapper, got.rec, undefined, wanted, splitRecordId(got));
    assert.deepEqual(fast, full, `columns ${columns.join(',')}: ${item.text.slice(0, 300)}`);
    for (let i = 0; i < full.row.length; i++) assert.ok(Object.is(fast.row[i], full.row[i]), `column ${AWS_CLOUDTRAIL_SCHEMA[i]!.name}`);
  }
  return records.length > 0;
}


test('every sample record, every projection: the scanned row is the parsed row', () => {
  const records = sampleRecords();
  assert.ok(records.length > 1000, `only ${records.length} sample records`);
  const plain = records.filter((r) => classify(r, undefined).kind === 'record');
  assert.ok(plain.length > 1000);
  let read = 0;
  for (const r of records) {
    const text = JSON.stringify(r);
    for (const cols of PROJECTIONS) if (check(text, cols)) read++;
  }
  // plain records are read by the scanner, not all handed back (which would test nothing)
  assert.ok(read >= plain.length * PROJECTIONS.length * 0.99, `read ${read} of ${plain.length * PROJECTIONS.length}`);
  for (const r of records.slice(0, 300)) {
    for (const cols of REALISTIC) {
      check(JSON.stringify(r, null, 2), cols);
      check(JSON.stringify(r, null, '\t').replace(/\n/g, '\r\n'), cols);
    }
  }
});

test('hostile records: handed back, or exactly the parsed row', () => {
  let read = 0;
  for (const text of HOSTILE_TEXTS) {
    for (const cols of PROJECTIONS) if (check(text, cols)) read++;
    for (const step of [1, 7]) for (const cols of REALISTIC.slice(0, 3)) check(text, cols, step);
  }
  assert.ok(read > HOSTILE_TEXTS.length * 10, `only ${read} read`);
});

test('what the scanner hands back: escaped keys, duplicate wanted keys, non-records, invalid JSON', () => {
  const cols = ['EventName', 'UserIdentityArn'];
  // read
  assert.equal(check('{"eventID":"a","eventName":"N","userIdentity":{"arn":"A"}}', cols), true);
  // a duplicate key that is not read, or an escaped key in a field not read field by field: still read
  assert.equal(check('{"eventID":"a","x":1,"x":2,"eventName":"N"}', cols), true);
  assert.equal(check('{"eventID":"a","requestParameters":{"\\u0061":1},"eventName":"N"}', cols), true);
  // handed back: JSON.parse's rules for these are the JS path's (field-extract.ts)
  for (const text of [
    '{"eventID":"a","event\\u004eame":"N"}',
    '{"eventID":"a","userIdentity":{"\\u0061rn":"A"}}',
    '{"eventID":"a","eventName":"1","eventName":"2"}',
    '{"eventID":"a","userIdentity":{"arn":"x"},"userIdentity":{"type":"t"}}',
    '{"eventTime":"2023-01-01T00:00:00Z"}',
    '{"eventID":"a","eventType":"AwsCloudTrailInsight"}',
    '{"eventID":"a","eventName":01}',
    '{"eventID":"a","eventName":"raw\nnewline"}',
    '{"eventID":"a",}',
    `{"eventID":"a","x":${'['.repeat(5000)}${']'.repeat(5000)}}`,
  ]) {
    assert.equal(check(text, cols), false, text.slice(0, 80));
  }
  // nesting under the scanner's limit is read
  assert.equal(check(`{"eventID":"a","x":${'['.repeat(4000)}${']'.repeat(4000)},"eventName":"deep"}`, cols), true);
});

test('every truncation of a record is handed back', () => {
  const text = JSON.stringify({ ...BASE_RECORD, eventName: 'A\\u0042"é\ud800', errorCode: -1.5e-3, x: [true, false, null, {}] });
  for (let i = 0; i < text.length; i++) {
    // a file cut inside its record: no whole item in it
    const cut = Buffer.from(`{"Records":[${text.slice(0, i)}`);
    for (const cols of [REALISTIC[1]!, REALISTIC[6]!, []]) assert.equal(check('', cols, 1 << 20, undefined, cut), false, `prefix ${i}`);
  }
  assert.equal(check(text, REALISTIC[1]!), true);
});

test('invalid UTF-8 in strings: the values are what decoding the whole item gives', () => {
  const cols = ['EventName', 'UserAgent', 'ErrorCode'];
  const head = Buffer.from('{"Records":[{"eventID":"a","eventName":"x');
  for (const bad of [[0xff], [0xe2, 0x82], [0xc3], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf]]) {
    const bytes = Buffer.concat([head, Buffer.from(bad), Buffer.from('","userAgent":"'), Buffer.from(bad), Buffer.from('"}]}')]);
    const outs = split(bytes, cols, 1 << 20);
    const rec = outs.find((o) => o.kind === 'record');
    assert.ok(rec && rec.kind === 'record');
    const parsed = JSON.parse(bytes.toString('utf8')).Records[0];
    assert.equal(rec.rec['eventName'], parsed.eventName);
    assert.equal(rec.rec['userAgent'], parsed.userAgent);
  }
});

/** A stream's outputs as comparable values: records and items by their mapped rows. */
function normalised(outs: SplitOutput[], columns: readonly string[]): unknown[] {
  const wanted = wantedOf(columns);
  const mapper = new RecordMapper({ tenantId: 't' }, wanted);
  return outs.map((o) => {
    if (o.kind === 'record') return { index: o.index, offset: o.offset, row: mapped(mapper, o.rec, undefined, wanted, splitRecordId(o)) };
    if (o.kind === 'item') {
      let v: unknown;
      try {
        v = JSON.parse(o.text);
      } catch (e) {
        return { index: o.index, offset: o.offset, error: (e as Error).message };
      }
      const c = classify(v, o.text);
      if (c.kind === 'record' && c.via === 'record') return { index: o.index, offset: o.offset, row: mapped(mapper, c.rec, o.text, wanted) };
      return { index: o.index, offset: o.offset, other: c.kind };
    }
    return o;
  });
}

test('whole files: the same records, items, problems, indexes and offsets as the JS splitter', () => {
  let files = 0;
  for (const bytes of sampleFiles()) {
    files++;
    for (const cols of [REALISTIC[1]!, REALISTIC[5]!, []]) {
      for (const step of [1 << 20, 4096, 333]) {
        assert.deepEqual(normalised(split(bytes, cols, step), cols), normalised(split(bytes, null, step), cols));
      }
    }
  }
  assert.ok(files > 10);
  // damaged streams: hostile texts glued into one array, a stray bracket, a truncated end
  const glued = Buffer.from(`{"Records":[${HOSTILE_TEXTS.join(',')},}{"eventID":"z"}]}`);
  for (const step of [1 << 20, 64, 5]) {
    for (const cols of [REALISTIC[1]!, []]) assert.deepEqual(normalised(split(glued, cols, step), cols), normalised(split(glued, null, step), cols));
    const cut = glued.subarray(0, glued.length - 40);
    assert.deepEqual(normalised(split(cut, REALISTIC[1]!, step), REALISTIC[1]!), normalised(split(cut, null, step), REALISTIC[1]!));
  }
});

test('the scanner reads the records of a normal file (it is used, not bypassed)', () => {
  const before = FieldScanner.records;
  const bytes = Buffer.from(JSON.stringify({ Records: Array.from({ length: 100 }, (_, i) => ({ ...BASE_RECORD, eventID: `id-${i}` })) }));
  const outs = split(bytes, REALISTIC[1]!, 1 << 20);
  assert.equal(outs.filter((o) => o.kind === 'record').length, 100);
  assert.equal(FieldScanner.records - before, 100);
});

test('random mutations of records: handed back, or exactly the parsed row', { timeout: 300_000 }, () => {
  const r = seededRandom(54321);
  const bases = [
    JSON.stringify(BASE_RECORD),
    JSON.stringify({ ...BASE_RECORD, eventName: 'a\\u0042"c\n', userIdentity: { arn: 'x', arn2: ['y', { z: null }] } }),
    '{"eventID":"a","eventName":"n","userIdentity":{"arn":"2","sessionContext":{"attributes":{"mfaAuthenticated":true}}},"requestParameters":{"fromPort":-0.5e-3}}',
  ];
  const sets = [REALISTIC[1]!, REALISTIC[2]!, REALISTIC[6]!, REALISTIC[7]!, []];
  let read = 0;
  let back = 0;
  for (let k = 0; k < 4000; k++) {
    const text = mutated(bases[k % bases.length]!, r);
    for (const cols of sets) (check(text, cols) ? read++ : back++);
    const bytes = Buffer.from(`{"Records":[${text},${bases[0]}]}`);
    const step = 1 + Math.floor(r() * 200);
    assert.deepEqual(normalised(split(bytes, sets[0]!, step), sets[0]!), normalised(split(bytes, null, step), sets[0]!));
  }
  assert.ok(read > 1000 && back > 1000, `${read} read, ${back} handed back`);
});

test('linear time: 10 MB of nested arrays and a 50 MB string in a record', { timeout: 120_000 }, () => {
  const cols = ['EventName'];
  // 4000 levels is the scanner's stack; deeper goes back to the JS path, which is linear too
  const nested = `{"eventID":"a","x":${'[[],'.repeat(2_500_000)}[]${']'.repeat(2_500_000)},"eventName":"after"}`;
  const outs = split(Buffer.from(`{"Records":[${nested}]}`), cols, 1 << 24);
  assert.equal(outs.length, 1);
  const long = `{"eventID":"a","x":"${'y'.repeat(50_000_000)}","eventName":"after the string"}`;
  // past the scanner's 8 MiB window the JS splitter takes the item: either way, one record
  const o = split(Buffer.from(`[${long}]`), cols, 1 << 26);
  assert.equal(o.length, 1);
  const first = o[0]!;
  assert.equal(first.kind === 'record' ? first.rec['eventName'] : first.kind === 'item' ? JSON.parse(first.text).eventName : null, 'after the string');
  // a 5 MB string inside the window is read by the scanner
  const five = `{"eventID":"a","x":"${'y'.repeat(5_000_000)}","eventName":"after five"}`;
  const f = split(Buffer.from(`[${five}]`), cols, 1 << 26)[0]!;
  assert.ok(f.kind === 'record' && f.rec['eventName'] === 'after five');
});

test('the committed WebAssembly is field-scan.wat compiled', async () => {
  const wabt = await (await import('wabt')).default();
  const url = new URL('../../src/cloudtrail/field-scan.wat', import.meta.url);
  const mod = wabt.parseWat('field-scan.wat', readFileSync(url, 'utf8'), { simd: true });
  const { buffer } = mod.toBinary({ log: false, write_debug_names: false });
  mod.destroy();
  assert.equal(Buffer.from(buffer).toString('base64'), FIELD_SCAN_WASM, 'run: node scripts/build.mjs --wasm');
});

test('a full output area and several 8 MiB windows: every record once, in order', () => {
  const recs = Array.from({ length: 130_000 }, (_, i) => `{"eventID":"${i}","eventName":"E${i}","pad":"${'p'.repeat(i % 200)}"}`);
  const doc = Buffer.from(`{"Records":[${recs.join(',\n')}]}`);
  assert.ok(doc.length > 2 * 8 * 1024 * 1024);
  const outs = split(doc, ['EventName'], 1 << 24);
  const names = outs.map((o) => (o.kind === 'record' ? o.rec['eventName'] : o.kind === 'item' ? JSON.parse(o.text).eventName : o.kind));
  assert.deepEqual(names, recs.map((_, i) => `E${i}`));
  // most by the scanner; the few crossing a window's end by the JS splitter
  assert.ok(outs.filter((o) => o.kind === 'record').length > 129_990);
  assert.deepEqual(outs.map((o) => (o.kind === 'record' || o.kind === 'item' ? o.index : -1)), recs.map((_, i) => i));
});

test('an eventID only the duplicate filter reads comes as the words of its UUID, no text; wanted as a column, or not canonical, as text', () => {
  const uuid = '3038ebd2-c98a-4c65-9b6e-e22506292313';
  const recs = [uuid, uuid.toUpperCase(), 'not-a-uuid', '3038ebd2-c98a-4c65-9b6e-e2250629231\\u0033'].map((id) => `{"eventVersion":"1.08","eventID":"${id}","eventName":"X"}`);
  const bytes = Buffer.from(`{"Records":[${recs.join(',')}]}`);
  const idOnly = split(bytes, ['EventName'], 1 << 20).filter((o) => o.kind === 'record');
  assert.equal(idOnly.length, 4);
  const [words, upper, other, escaped] = idOnly.map((o) => (o.kind === 'record' ? o : assert.fail()));
  assert.ok(words!.idAt >= 0 && words!.rec['eventID'] === undefined);
  assert.equal(splitRecordId(words!), uuid);
  for (const [o, id] of [[upper, uuid.toUpperCase()], [other, 'not-a-uuid'], [escaped, uuid]] as const) {
    assert.equal(o!.idAt, -1);
    assert.equal(o!.rec['eventID'], id);
  }
  for (const o of split(bytes, ['EventName', 'AwsEventId'], 1 << 20)) {
    assert.ok(o.kind === 'record' && o.idAt === -1 && typeof o.rec['eventID'] === 'string', 'a wanted column reads the text');
  }
});
