/**
 * The field extractor (src/cloudtrail/field-extract.ts) against the path it replaces: JSON.parse
 * of the whole record, classify, map. For every record of the sample logs and of a list of
 * hostile texts, and every column set of a list of realistic projections, either the extractor
 * declines (null: the record is then parsed whole, so the outcome is the old one by construction)
 * or the record is a plain CloudTrail record for JSON.parse too and the mapped row, its type
 * issues, its cut fields and its eventID are identical.
 *
 * JSON.parse's semantics are ECMA-262's (JSON.parse, InternalizeJSONProperty): the last of
 * duplicate keys wins, escapes decode to UTF-16 code units (lone surrogates kept), numbers are
 * StringToNumber of their text; anything outside RFC 8259's grammar is a SyntaxError.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldExtractor } from '../../src/cloudtrail/field-extract.ts';
import { fieldPlan, MAX_EXTRACTED_COLUMNS } from '../../src/cloudtrail/field-plan.ts';
import { classify } from '../../src/cloudtrail/items.ts';
import { RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { JsonItemSplitter, type SplitItem, type SplitOutput } from '../../src/cloudtrail/splitter.ts';
import { mapped, wantedOf } from './mapped-row.ts';
import { sampleRecords } from './sample-records.ts';
import { BASE_RECORD as BASE, HOSTILE_TEXTS, mutated, seededRandom } from './hostile-records.ts';

/** Column sets the hunting suite, the built-in rules and common hunts read; then each column alone. */
const REALISTIC: readonly (readonly string[])[] = [
  [],
  ['EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'],
  ['ErrorCode', 'TimeGenerated', 'UserIdentityArn'],
  ['TimeGenerated', 'EventName'],
  ['UserIdentityAccessKeyId', 'TimeGenerated', 'EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode'],
  ['EventName', 'UserIdentityArn', 'TimeGenerated', 'SourceIpAddress', 'UserAgent'],
  ['EventName', 'UserIdentityArn', 'SourceIpAddress'],
  ['EventName', 'RequestParameters'],
  ['ResponseElements', 'AdditionalEventData', 'Resources', 'ServiceEventDetails'],
  ['SessionMfaAuthenticated', 'SessionCreationDate', 'SessionIssuerArn', 'UserIdentityType'],
  ['IpProtocol', 'SourcePort', 'DestinationPort', 'CidrIp', 'RequestParameters'],
  ['ReadOnly', 'ManagementEvent', 'EC2RoleDelivery', 'TlsVersion', 'CipherSuite', 'UserIdentityUserId', 'UserIdentityStoreArn'],
  ['TenantId', 'Type', 'AwsRequestId', 'EventTypeName', 'AwsEventId'],
];
const PROJECTIONS: readonly (readonly string[])[] = [...REALISTIC, ...AWS_CLOUDTRAIL_SCHEMA.map((c) => [c.name])];

interface Checked {
  extracted: number;
  declined: number;
}

/**
 * Checks one record text for one column set; `plainStrings` as the splitter would say. Returns
 * whether the extractor read it (true) or declined (false).
 */
function check(text: string, columns: readonly string[], plainStrings = false, maxFieldBytes?: number): boolean {
  const wanted = wantedOf(columns);
  const plan = fieldPlan(wanted, Infinity)!;
  const mapper = new RecordMapper({ tenantId: 't', ...(maxFieldBytes !== undefined ? { maxFieldBytes } : {}) }, wanted);
  const rec = new FieldExtractor(plan).extract(text, plainStrings);
  if (rec === null) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    assert.fail(`extractor read a text JSON.parse rejects (${(e as Error).message}): ${text.slice(0, 200)}`);
  }
  const c = classify(value, text);
  assert.equal(c.kind, 'record', `extractor read a non-record: ${text.slice(0, 200)}`);
  assert.ok(c.kind === 'record' && c.via === 'record');
  const full = mapped(mapper, c.rec, text, wanted);
  const fast = mapped(mapper, rec, text, wanted);
  assert.deepEqual(fast, full, `columns ${columns.join(',')}: ${text.slice(0, 300)}`);
  // SameValue cell by cell: -0 is not 0, strings compared by code unit
  for (let i = 0; i < full.row.length; i++) assert.ok(Object.is(fast.row[i], full.row[i]), `column ${AWS_CLOUDTRAIL_SCHEMA[i]!.name}`);
  return true;
}

function checkAll(text: string, tally?: Checked, plainStrings = false, projections = PROJECTIONS): void {
  for (const cols of projections) {
    if (check(text, cols, plainStrings)) {
      if (tally) tally.extracted++;
    } else if (tally) tally.declined++;
  }
}


/** The item(s) the splitter cuts out of `{"Records":[text]}`, fed in pieces of `step` bytes. */
function splitOne(text: string, step: number): SplitOutput[] {
  const bytes = Buffer.from(`{"Records":[${text}]}`);
  const splitter = new JsonItemSplitter(1 << 30);
  const out: SplitOutput[] = [];
  for (let i = 0; i < bytes.length; i += step) splitter.push(bytes.subarray(i, i + step), out);
  splitter.end(out);
  return out;
}

test('every sample record, every projection: the extracted row is the parsed row', () => {
  const records = sampleRecords();
  assert.ok(records.length > 1000, `only ${records.length} sample records`);
  const compact: Checked = { extracted: 0, declined: 0 };
  for (const r of records) {
    const text = JSON.stringify(r);
    checkAll(text, compact);
    // the splitter's flag, as the reader passes it
    const item = splitOne(text, 1 << 20).find((o): o is SplitItem => o.kind === 'item')!;
    assert.equal(item.plainStrings, true);
    checkAll(item.text, undefined, item.plainStrings, REALISTIC);
  }
  // the plain records are read by the extractor, not all declined (which would test nothing)
  const plain = records.filter((r) => classify(r, undefined).kind === 'record').length;
  assert.ok(plain > 1000);
  assert.ok(compact.extracted >= plain * PROJECTIONS.length * 0.99, `extracted ${compact.extracted} of ${plain * PROJECTIONS.length}`);
  // pretty-printed (whitespace between every token) and indented with tabs and CRLF
  for (const r of records.slice(0, 300)) {
    checkAll(JSON.stringify(r, null, 2), undefined, false, REALISTIC);
    checkAll(JSON.stringify(r, null, '\t').replace(/\n/g, '\r\n'), undefined, false, REALISTIC);
  }
});

const base = JSON.stringify(BASE);
const HOSTILE = HOSTILE_TEXTS;

test('hostile and generated records: declined, or exactly the parsed row', () => {
  let extracted = 0;
  for (const text of HOSTILE) {
    for (const cols of PROJECTIONS) if (check(text, cols)) extracted++;
    // with the splitter's flag (and its chunk boundaries) as the reader has them
    for (const step of [1, 7, 1 << 20]) {
      for (const o of splitOne(text, step)) if (o.kind === 'item') checkAll(o.text, undefined, o.plainStrings);
    }
  }
  assert.ok(extracted > HOSTILE.length * 10, `only ${extracted} extracted`);
});

test('every truncation of a record is declined (JSON.parse rejects each)', () => {
  const text = JSON.stringify({ ...BASE, eventName: 'A\\u0042"é\ud800', errorCode: -1.5e-3, x: [true, false, null, {}] });
  for (let i = 0; i < text.length; i++) {
    for (const cols of [PROJECTIONS[1]!, PROJECTIONS[7]!, []]) assert.equal(check(text.slice(0, i), cols), false, `prefix ${i}`);
  }
  assert.equal(check(text, PROJECTIONS[1]!), true);
});

test('a key that decodes to a wanted name is that name, as for JSON.parse', () => {
  const wanted = wantedOf(['EventName', 'UserIdentityArn']);
  const ex = new FieldExtractor(fieldPlan(wanted)!);
  const rec = ex.extract('{"eventID":"a","event\\u004eame":"N","userIdentity":{"\\u0061rn":"A"}}')!;
  assert.equal(rec['eventName'], 'N');
  assert.deepEqual(rec['userIdentity'], { arn: 'A' });
  // the last duplicate wins, at the top and inside
  const dup = ex.extract('{"eventID":"a","eventName":"1","userIdentity":{"arn":"x"},"eventName":"2","userIdentity":{"type":"t"}}')!;
  assert.equal(dup['eventName'], '2');
  assert.deepEqual(dup['userIdentity'], {});
});

test('only the wanted fields are read', () => {
  const wanted = wantedOf(['EventName', 'UserIdentityArn', 'SessionIssuerArn']);
  const rec = new FieldExtractor(fieldPlan(wanted)!).extract(base)!;
  // eventID and eventType always (duplicates, Insights); nothing else
  assert.deepEqual(rec, { eventName: 'GetObject', userIdentity: { arn: 'arn:aws:iam::1:user/a', sessionContext: { sessionIssuer: { arn: 'arn:x' } } }, eventID: 'e-1' });
});

test('a column set over the limit is read by parsing records whole', () => {
  assert.equal(fieldPlan(AWS_CLOUDTRAIL_SCHEMA.map(() => true)), null);
  assert.notEqual(fieldPlan(wantedOf(AWS_CLOUDTRAIL_SCHEMA.slice(0, MAX_EXTRACTED_COLUMNS).map((c) => c.name))), null);
});

test('deep nesting (100k levels) and huge values: no stack overflow, same rows', { timeout: 300_000 }, () => {
  const deep = (d: number) => '['.repeat(d) + ']'.repeat(d);
  const deepObj = (d: number) => '{"a":'.repeat(d) + '1' + '}'.repeat(d);
  const texts = [
    `{"eventID":"a","eventName":"n","other":${deep(100_000)}}`,
    `{"eventID":"a","eventName":"n","other":${deepObj(100_000)}}`,
    `{"eventID":"a","requestParameters":${deepObj(100_000)},"userIdentity":{"arn":${deep(100_000)}}}`,
    `{"eventID":"a","eventName":${deep(100_000)}`, // truncated: declined
    `{"eventID":"a","eventName":"n","other":${deep(100_000)}]}`, // one close too many
  ];
  for (const t of texts) {
    for (const cols of [PROJECTIONS[1]!, PROJECTIONS[7]!, ['UserIdentityArn']]) check(t, cols, false, 0);
  }
  assert.equal(check(texts[0]!, PROJECTIONS[1]!), true);
  assert.equal(check(texts[3]!, PROJECTIONS[1]!), false);
  assert.equal(check(texts[4]!, PROJECTIONS[1]!), false);
  // a 5 MB string, wanted (cut to the 32 KiB field limit like the parsed one) and not
  const big = 'x'.repeat(5_000_000) + '\\u00e9';
  assert.equal(check(`{"eventID":"a","eventName":"${big}","other":"${big}"}`, PROJECTIONS[1]!), true);
});

test('linear time: 10 MB of nested arrays and a 50 MB string are read in one pass', { timeout: 120_000 }, () => {
  // a quadratic scan (re-reading the rest of the text per bracket or per character) would take hours here
  const wanted = wantedOf(['EventName']);
  const ex = new FieldExtractor(fieldPlan(wanted)!);
  const nested = `{"eventID":"a","x":${'['.repeat(5_000_000)}${']'.repeat(5_000_000)},"eventName":"after"}`;
  assert.equal(ex.extract(nested)!['eventName'], 'after');
  const long = `{"eventID":"a","x":"${'y'.repeat(50_000_000)}","eventName":"after the string"}`;
  assert.equal(ex.extract(long)!['eventName'], 'after the string');
  // many escapes: each backslash search starts past the last one
  const escapes = `{"eventID":"a","x":"${'\\n'.repeat(5_000_000)}","eventName":"e"}`;
  assert.equal(ex.extract(escapes, true)!['eventName'], 'e');
  // many short strings between escaped ones
  const mixed = `{"eventID":"a","x":[${Array.from({ length: 500_000 }, (_, i) => (i % 2 ? '"a"' : '"\\t"')).join(',')}],"eventName":"m"}`;
  assert.equal(ex.extract(mixed, true)!['eventName'], 'm');
});

test('random mutations of records (inserted, deleted and replaced characters): declined, or exactly the parsed row', { timeout: 300_000 }, () => {
  const r = seededRandom(12345);
  const bases = [
    base,
    JSON.stringify({ ...BASE, eventName: 'a\\u0042"c\n', userIdentity: { arn: 'x', arn2: ['y', { z: null }] } }),
    '{"eventID":"a","eventName":"n","eventName":"m","userIdentity":{"arn":"1"},"userIdentity":{"arn":"2","sessionContext":{"attributes":{"mfaAuthenticated":true}}},"requestParameters":{"fromPort":-0.5e-3}}',
  ];
  const sets = [REALISTIC[1]!, REALISTIC[2]!, REALISTIC[7]!, REALISTIC[9]!, REALISTIC[10]!, []];
  let extracted = 0;
  let declined = 0;
  for (let k = 0; k < 6000; k++) {
    const text = mutated(bases[k % bases.length]!, r);
    for (const cols of sets) (check(text, cols) ? extracted++ : declined++);
    // and as the reader gets it: through the splitter at a random chunk size, with its plainStrings
    for (const o of splitOne(text, 1 + Math.floor(r() * 64))) if (o.kind === 'item') for (const cols of sets.slice(0, 2)) check(o.text, cols, o.plainStrings);
  }
  // both outcomes occur (mutations inside strings keep most records valid)
  assert.ok(extracted > 1000 && declined > 1000, `${extracted} extracted, ${declined} declined`);
});
