import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeString, reencodeJson, topLevelSpans } from '../../src/cloudtrail/json-text.ts';
import { RecordMapper } from '../../src/cloudtrail/mapping.ts';

test('re-encoding keeps raw key order (even integer-like keys) and number spelling, drops spaces', () => {
  const text = '{ "b" : 1 , "10": [1.0, 1e2, 12345678901234567890], "a": {"2": true, "1": null} }';
  assert.equal(reencodeJson(text, 'sentinel'), '{"b":1,"10":[1.0,1e2,12345678901234567890],"a":{"2":true,"1":null}}');
  // what JSON.stringify(JSON.parse()) would have done instead:
  assert.notEqual(JSON.stringify(JSON.parse(text)), reencodeJson(text, 'sentinel'));
});

test("'sentinel' escaping follows System.Text.Json's default encoder; 'minimal' escapes only & and JSON's set", () => {
  const s = 'a&b<c>\'d\'+`é"\\\n\u2028\u0001';
  assert.equal(encodeString(s, 'sentinel'), '"a\\u0026b\\u003Cc\\u003E\\u0027d\\u0027\\u002B\\u0060\\u00E9\\u0022\\\\\\n\\u2028\\u0001"');
  assert.equal(encodeString(s, 'minimal'), '"a\\u0026b<c>\'d\'+`é\\"\\\\\\n\u2028\\u0001"');
  // escapes in the raw text are decoded first, then re-encoded the same way
  assert.equal(reencodeJson('{"u":"\\u0041\\/x&"}', 'sentinel'), '{"u":"A/x\\u0026"}');
});

test('topLevelSpans finds members of the top-level object only', () => {
  const text = '{"a": {"x": "}"}, "requestParameters" : {"k":[1,2]} ,"z":"q"}';
  const spans = topLevelSpans(text);
  const rp = spans.get('requestParameters')!;
  assert.equal(text.slice(rp[0], rp[1]), '{"k":[1,2]}');
  assert.deepEqual([...spans.keys()], ['a', 'requestParameters', 'z']);
});

test('wrong field types are coerced and reported, never thrown', () => {
  const m = new RecordMapper();
  const rec = { eventTime: 12, eventName: 7, readOnly: 'yes', userIdentity: 'x', eventID: 'e1' };
  const columns = Array.from({ length: 53 }, () => [] as unknown[]) as never;
  const issues = m.mapInto(columns, rec);
  assert.ok(issues.some((i) => i.includes('eventTime')), issues.join());
  assert.ok(issues.some((i) => i.includes('eventName')));
  assert.ok(issues.some((i) => i.includes('readOnly')));
  const row = (columns as unknown as unknown[][]).map((c) => c[0]);
  assert.equal(row[0], null);
  assert.equal(row[5], '7');
  assert.equal(row[32], null);
});
