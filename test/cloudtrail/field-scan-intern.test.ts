/**
 * The field scanner's intern table (src/cloudtrail/field-scan.wat, "Interning"; field-scan.ts): a
 * repeated string value is made once per thread and reused. What must hold: every value read is
 * the value JSON.parse gives (an interned one too: the table compares bytes, never only hashes),
 * on sample files and on attacker-shaped input (floods of distinct values, values whose hashes
 * collide, values filling the table and its byte arena, values too long to intern), and the
 * table stays within its bounds. Identity of strings cannot be observed from JavaScript, so that
 * values are really shared is checked through the number of entries the table holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteScanner } from '../../src/cloudtrail/byte-scan.ts';
import { fieldPlan } from '../../src/cloudtrail/field-plan.ts';
import { FieldScanner, flatPlan } from '../../src/cloudtrail/field-scan.ts';
import { JsonItemSplitter, type SplitOutput } from '../../src/cloudtrail/splitter.ts';
import { wantedOf } from './mapped-row.ts';
import { sampleFiles } from './sample-records.ts';
import { seededRandom } from './hostile-records.ts';

/** Bounds of the table (field-scan.wat): ids, arena bytes, longest value interned. */
const MAX_IDS = 32768;
const ARENA = 1 << 20;
const MAX_VALUE = 256;

function fields(): FieldScanner {
  const s = byteScanner();
  assert.ok(s !== null, 'WebAssembly SIMD is available');
  return s.fieldScanner;
}

/** The records of `bytes` read with the field scanner for `columns`, fed in pieces of `step` (default: whole); `each` after every piece. */
function scan(bytes: Buffer, columns: readonly string[], step = bytes.length, each?: () => void): SplitOutput[] {
  const plan = flatPlan(fieldPlan(wantedOf(columns), Infinity)!);
  assert.ok(plan !== null);
  const splitter = new JsonItemSplitter(1 << 30, null, 0, plan);
  const out: SplitOutput[] = [];
  for (let i = 0; i < bytes.length; i += step) {
    splitter.push(bytes.subarray(i, i + step), out);
    each?.();
  }
  splitter.end(out);
  return out;
}

/**
 * Each record item of `bytes` (a Records document) as read, checked against JSON.parse of the whole
 * document: the fields `keys` (paths) of every record the scanner read are JSON.parse's values.
 * Returns how many records the scanner read (not handed back).
 */
function checkAgainstParse(bytes: Buffer, columns: readonly string[], keys: readonly (readonly string[])[], step?: number, each?: () => void): number {
  const outs = scan(bytes, columns, step, each);
  const parsed = (JSON.parse(bytes.toString('utf8')) as { Records: Record<string, unknown>[] }).Records;
  let read = 0;
  for (const o of outs) {
    if (o.kind !== 'record') continue;
    read++;
    const want = parsed[o.index]!;
    for (const path of keys) {
      let got: unknown = o.rec;
      let exp: unknown = want;
      for (const k of path) {
        got = (got as Record<string, unknown> | undefined)?.[k];
        exp = (exp as Record<string, unknown> | undefined)?.[k];
      }
      if (!Object.is(got, exp)) assert.fail(`record ${o.index} ${path.join('.')}: ${JSON.stringify(got)?.slice(0, 80)} != ${JSON.stringify(exp)?.slice(0, 80)}`);
    }
  }
  return read;
}

const doc = (records: readonly unknown[]) => Buffer.from(JSON.stringify({ Records: records }));
const rec = (i: number, extra: Record<string, unknown>) => ({ eventVersion: '1.08', eventID: `id-${i}`, eventTime: '2024-01-01T00:00:00Z', ...extra });

test('sample files: the values read with interning are JSON.parse values, and repeats are shared', () => {
  const f = fields();
  const keys = [['eventSource'], ['eventName'], ['sourceIPAddress'], ['errorCode'], ['userAgent'], ['userIdentity', 'arn'], ['userIdentity', 'type']];
  const cols = ['EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode', 'UserAgent', 'UserIdentityArn', 'UserIdentityType'];
  let read = 0;
  f.clearInterned();
  const files = sampleFiles().filter((b) => {
    try {
      return Array.isArray(JSON.parse(b.toString('utf8')).Records);
    } catch {
      return false;
    }
  });
  assert.ok(files.length > 5);
  for (const bytes of files) for (const step of [1 << 22, 4096, 333]) read += checkAgainstParse(bytes, cols, keys, step);
  assert.ok(read > 1000, `only ${read} records read by the scanner`);
  const entries = f.interned;
  assert.ok(entries > 10, 'values were interned');
  // every value is in the table now: a second pass adds nothing
  for (const bytes of files) checkAgainstParse(bytes, cols, keys);
  assert.equal(f.interned, entries);
});

test('repeats share one entry: the same bytes in any context, unescaped only, up to 256 bytes', () => {
  const f = fields();
  f.clearInterned();
  const cols = ['EventName', 'UserAgent'];
  const keys = [['eventName'], ['userAgent']];
  // the same value followed by different bytes (a comma, a brace, white space), in both fields
  const same = 'Same';
  const text = `{"Records":[{"eventID":"a","eventName":"${same}","userAgent":"${same}"},{"eventID":"b","userAgent" : "${same}" ,"eventName":"${same}"\n}, {"eventID":"c","eventName":"${same}"}]}`;
  assert.equal(checkAgainstParse(Buffer.from(text), cols, keys), 3);
  // one for the value; eventType is interned too but absent here
  assert.equal(f.interned, 1);
  // escaped values are not interned (JSON.parse decodes them); long ones neither
  f.clearInterned();
  const escaped = Array.from({ length: 50 }, (_, i) => rec(i, { eventName: 'a"b\\c\n', userAgent: 'x'.repeat(MAX_VALUE + 1) }));
  assert.equal(checkAgainstParse(doc(escaped), cols, keys), 50);
  assert.equal(f.interned, 0);
  const longest = Array.from({ length: 50 }, (_, i) => rec(i, { eventName: 'y'.repeat(MAX_VALUE), userAgent: 'é'.repeat(MAX_VALUE / 2) }));
  assert.equal(checkAgainstParse(doc(longest), cols, keys), 50);
  assert.equal(f.interned, 2);
  // every length around the 8-byte words the table hashes and compares, each value a prefix of the next
  f.clearInterned();
  const lengths = Array.from({ length: 40 }, (_, n) => 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF'.slice(0, n));
  const prefixes = lengths.flatMap((v, i) => [rec(i, { eventName: v, userAgent: v }), rec(i, { eventName: v })]);
  assert.equal(checkAgainstParse(doc(prefixes), cols, keys), 80);
  assert.equal(f.interned, 40);
});

test('UTF-8 values, valid or not: interned values are what decoding the whole document gives', () => {
  const f = fields();
  f.clearInterned();
  const cols = ['EventName', 'UserAgent'];
  const parts: Buffer[] = [Buffer.from('{"Records":[')];
  const bads = [[0xff], [0xe2, 0x82], [0xc3], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xc3, 0xa9], [0xf0, 0x9f, 0x98, 0x80]];
  let n = 0;
  for (let round = 0; round < 3; round++) {
    for (const bad of bads) {
      for (const pad of ['', 'x', 'xxxxxxx', 'xxxxxxxxxxxxxxx']) {
        if (n > 0) parts.push(Buffer.from(','));
        parts.push(Buffer.from(`{"eventID":"${n++}","eventName":"${pad}`), Buffer.from(bad), Buffer.from('","userAgent":"'), Buffer.from(bad), Buffer.from(`${pad}"}`));
      }
    }
  }
  parts.push(Buffer.from(']}'));
  const bytes = Buffer.concat(parts);
  assert.equal(checkAgainstParse(bytes, cols, [['eventName'], ['userAgent']]), n);
  // per bad sequence: the two fields' values, equal without padding (1 + 3 * 2); the rounds repeat them
  assert.equal(f.interned, bads.length * 7);
});

test('values whose hashes all collide stay distinct; probing is bounded (16 slots), the rest is read uninterned', () => {
  const f = fields();
  const r = seededRandom(1515);
  for (const mask of [0, 1, 0xff]) {
    f.clearInterned();
    f.hashMask(mask);
    try {
      const values: string[] = [];
      for (let len = 1; len <= 40; len++) {
        // values equal but for one byte, at every position
        const base = 'k'.repeat(len);
        for (let at = 0; at < len; at++) values.push(base.slice(0, at) + 'K' + base.slice(at + 1));
        values.push(base);
      }
      const records = [];
      for (let k = 0; k < 3 * values.length; k++) {
        const v = values[Math.floor(r() * values.length)]!;
        records.push(rec(k, { eventName: v, userAgent: values[(k * 7) % values.length]! }));
      }
      assert.equal(checkAgainstParse(doc(records), ['EventName', 'UserAgent'], [['eventName'], ['userAgent']]), records.length);
      // all in slots 0..15 (mask 0), or in the 2 (4, 256) runs of 16 slots from each hash
      const bound = mask === 0 ? 16 : mask === 1 ? 17 : 256 + 15;
      assert.ok(f.interned <= bound && f.interned >= 16, `mask ${mask}: ${f.interned} entries`);
    } finally {
      f.hashMask(-1);
    }
  }
  f.clearInterned();
});

test('a flood of distinct values: read exactly, the table bounded, and a field whose values do not repeat stops being looked up', { timeout: 120_000 }, () => {
  const f = fields();
  f.clearInterned();
  // distinct user agents of every length up to past the longest interned, nothing repeated
  const flood = Array.from({ length: 100_000 }, (_, i) => rec(i, { userAgent: `ua-${i}-`.padEnd(i % (MAX_VALUE + 40), '.') }));
  const bytes = doc(flood);
  let most = 0;
  const read = checkAgainstParse(bytes, ['UserAgent'], [['userAgent']], 1 << 16, () => (most = Math.max(most, f.interned)));
  // (a record across two pieces goes the JS way)
  assert.ok(read > flood.length * 0.99);
  assert.ok(most <= MAX_IDS);
  // a window of 1024 lookups, then 16384 values skipped: about 1 in 17 values was looked up
  assert.ok(f.interned > 1000 && f.interned < 10_000, `${f.interned} entries after 100,000 distinct values`);
  // with repeats in another field, that field is still interned
  f.clearInterned();
  const mixed = Array.from({ length: 50_000 }, (_, i) => rec(i, { userAgent: `ua-${i}`, eventName: `Name${i % 20}` }));
  assert.equal(checkAgainstParse(doc(mixed), ['UserAgent', 'EventName'], [['userAgent'], ['eventName']]), mixed.length);
  assert.ok(f.interned < 10_000, `${f.interned} entries`);
  // the 20 names are in the table: reading them again adds nothing
  const before = f.interned;
  const names = Array.from({ length: 1000 }, (_, i) => rec(i, { eventName: `Name${i % 20}` }));
  assert.equal(checkAgainstParse(doc(names), ['EventName'], [['eventName']]), 1000);
  assert.equal(f.interned, before);
});

test('a full table (ids or arena bytes) is emptied between runs; values stay exact through it', { timeout: 120_000 }, () => {
  const f = fields();
  // ids: 40,000 distinct values, each 4 times (a hit rate of 3/4: never skipped)
  f.clearInterned();
  const many = Array.from({ length: 160_000 }, (_, i) => rec(i, { eventName: `N${i >> 2}` }));
  let most = 0;
  let fell = false;
  let last = 0;
  const read = checkAgainstParse(doc(many), ['EventName'], [['eventName']], 1 << 16, () => {
    const n = f.interned;
    most = Math.max(most, n);
    if (n < last) fell = true;
    last = n;
  });
  assert.ok(read > many.length * 0.99);
  // (seen after each piece of ~600 records: the table may have filled during a piece)
  assert.ok(most <= MAX_IDS && most > MAX_IDS - 1000, `the table filled up to its ids (${most})`);
  assert.ok(fell, 'and was emptied');
  // arena: 256-byte values, 6,000 distinct, each 4 times
  f.clearInterned();
  const wide = Array.from({ length: 24_000 }, (_, i) => rec(i, { eventName: `${i >> 2}`.padStart(MAX_VALUE, 'w') }));
  most = 0;
  fell = false;
  last = 0;
  const wideRead = checkAgainstParse(doc(wide), ['EventName'], [['eventName']], 1 << 16, () => {
    const n = f.interned;
    most = Math.max(most, n);
    if (n < last) fell = true;
    last = n;
  });
  assert.ok(wideRead > wide.length * 0.97);
  assert.ok(most <= ARENA / MAX_VALUE && most > ARENA / MAX_VALUE - 300, `the arena filled up (${most})`);
  assert.ok(fell, 'and was emptied');
  f.clearInterned();
});

test('the scanner still reads records (not handing them back) with interning', () => {
  const before = FieldScanner.records;
  const records = Array.from({ length: 500 }, (_, i) => rec(i, { eventName: `E${i % 5}`, eventSource: 's3.amazonaws.com' }));
  assert.equal(checkAgainstParse(doc(records), ['EventName', 'EventSource'], [['eventName'], ['eventSource']]), 500);
  assert.equal(FieldScanner.records - before, 500);
});
