/**
 * extract_json / extractjson and parse_xml (src/kql/functions/documents.ts, values/json-path.ts,
 * values/xml.ts), and set_has_element (functions/dynamic.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';
import { dynToJson } from '../../../src/kql/values/dynamic.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
import { parseXml } from '../../../src/kql/values/xml.ts';
import { parseJsonPath } from '../../../src/kql/values/json-path.ts';
import type { Dyn, Value } from '../../../src/kql/types.ts';

const xml = (s: string): string => dynToJson(parseXml(s));

async function one(q: string): Promise<Record<string, Value>> {
  const r = await runQuery(q);
  assert.equal(r.rows.length, 1);
  return r.rows[0]!;
}

// learn.microsoft.com/kusto/query/jsonpath: the document and the paths of its example.
const DOC = JSON.stringify({
  Source: 'Server-01',
  'Log Level': 'INFO',
  Details: { Service: 'AuthService', 'Response Code': 200, 'Response Time': 54.21, User: { 'User ID': 'user123', 'IP Address': '192.168.1.100' }, Tags: ['startup', 'auth'] },
});

test('extract_json: the JSONPath doc example paths ($, .name, [\'name\'], [n])', async () => {
  const r = await one(`let d = '${DOC}';
    print a = extract_json("$.Source", d), b = extract_json("$['Log Level']", d), c = extract_json("$.Details['Response Code']", d, typeof(long)),
      e = extract_json("$.Details.User['IP Address']", d), f = extract_json("$.Details.Tags[0]", d), g = extractjson("$.Details['Response Time']", d, typeof(real)),
      h = extract_json("$.Details.User", d), i = extract_json('$.Details["Service"]', d)`);
  assert.deepEqual(r, { a: 'Server-01', b: 'INFO', c: 200n, e: '192.168.1.100', f: 'startup', g: 54.21, h: '{"User ID":"user123","IP Address":"192.168.1.100"}', i: 'AuthService' });
});

test('extract_json: a missing path or text that is not JSON gives the null of the type ("" for string)', async () => {
  const r = await one(`print a = extract_json("$.x", '{"y":1}'), b = extract_json("$.y", 'not json'), c = extract_json("$.x", '{"y":1}', typeof(long)),
    d = extract_json("$[5]", '[1]', typeof(int)), e = extract_json("$.y", '{"y":null}')`);
  assert.deepEqual(r, { a: '', b: '', c: null, d: null, e: '' });
});

test('extract_json with a type converts the extracted value (extract-json doc: typeof(long) converts it to a long)', async () => {
  const r = await one(`print a = extract_json("$.n", '{"n":"42"}', typeof(long)), b = extract_json("$.t", '{"t":"2024-05-01T00:00:00Z"}', typeof(datetime)),
    c = extract_json("$.b", '{"b":true}', typeof(bool)), d = gettype(extract_json("$.o", '{"o":{"k":1}}', typeof(dynamic)))`);
  assert.deepEqual(r, { a: 42n, b: ticks('2024-05-01T00:00:00Z'), c: true, d: 'dictionary' });
});

test('extractjson(..., typeof(string)) over OfficeActivity-style ExtendedProperties (the UseragentExploitPentest hunting query)', async () => {
  const r = await one(`print UserAgent = extractjson("$[0].Value", '[{"Name":"UserAgent","Value":"Mozilla/4.0 (compatible; MSIE 6.0)"},{"Name":"x","Value":"y"}]', typeof(string))`);
  assert.equal(r.UserAgent, 'Mozilla/4.0 (compatible; MSIE 6.0)');
});

test('extract_json: paths outside the documented subset are refused by name (jsonpath doc: no wildcards, recursion, union, slices)', async () => {
  for (const p of ['$..a', '$.a[*]', '$[0,1]', '$[1:2]', '@.a', 'a.b']) {
    assert.equal(parseJsonPath(p), undefined, p);
    await assert.rejects(runQuery(`print extract_json("${p}", '{"a":1}')`), /extract_json\(\) with the JSONPath .* is not supported by trailhound/);
  }
});

test('parse_xml: every row of the doc\'s conversion table', () => {
  assert.equal(xml('<e/>'), '{"e":null}');
  assert.equal(xml('<e>text</e>'), '{"e":"text"}');
  assert.equal(xml('<e name="value" />'), '{"e":{"@name":"value"}}');
  assert.equal(xml('<e name="value">text</e>'), '{"e":{"@name":"value","#text":"text"}}');
  assert.equal(xml('<e> <a>text</a> <b>text</b> </e>'), '{"e":{"a":"text","b":"text"}}');
  assert.equal(xml('<e> <a>text</a> <a>text</a> </e>'), '{"e":{"a":["text","text"]}}');
  assert.equal(xml('<e> text <a>text</a> </e>'), '{"e":{"#text":"text","a":"text"}}');
});

test('parse_xml: the doc example (the declaration is skipped; d.duration.value reads back as 118.0, so text stays text)', async () => {
  const doc = `<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
    <max>150.0</max>
    <stdDev>0.0</stdDev>
    <sampledValue>118.0</sampledValue>
    <sum>118.0</sum>
</duration>`;
  const r = await runQuery(`datatable(context_custom_metrics: string)[${JSON.stringify(doc)}]
    | extend d=parse_xml(context_custom_metrics)
    | extend duration_value=d.duration.value, duration_min=d["duration"]["min"]
    | project duration_value = tostring(duration_value), duration_min = tostring(duration_min)`);
  assert.deepEqual(r.rows, [{ duration_value: '118.0', duration_min: '100.0' }]);
});

test('parse_xml: Sysmon event data as the Log4j IOC rule reads it (EventDetail.[9].["#text"])', async () => {
  const data = Array.from({ length: 15 }, (_, i) => `<Data Name="F${i}">v${i}</Data>`).join('');
  const r = await one(`print EvData = parse_xml('<DataItem type="System.XmlData" time="2021-12-11T00:00:00Z"><EventData xmlns="http://schemas.microsoft.com/win/2004/08/events/event">${data}</EventData></DataItem>')
    | extend EventDetail = EvData.DataItem.EventData.Data
    | project SourceIP = tostring(EventDetail.[9].["#text"]), DestinationIP = tostring(EventDetail.[14].["#text"]), Name9 = tostring(EventDetail[9]["@Name"]), ns = tostring(EvData.DataItem.EventData["@xmlns"])`);
  assert.deepEqual(r, { SourceIP: 'v9', DestinationIP: 'v14', Name9: 'F9', ns: 'http://schemas.microsoft.com/win/2004/08/events/event' });
});

test('parse_xml: references, CDATA, comments and processing instructions; attribute white space becomes spaces (XML 1.0 §3.3.3)', () => {
  assert.equal(xml('<a x="1\t2\r\n3&#10;4&amp;5">&lt;&#65;&#x42;<![CDATA[<raw>]]><!-- c -->z<?pi x?></a>'), '{"a":{"@x":"1 2 3\\n4&5","#text":"<AB<raw>z"}}');
  assert.equal(xml('<r>a<b/>c<b>d</b></r>'), '{"r":{"#text":["a","c"],"b":[null,"d"]}}');
  assert.equal(xml('\uFEFF<!DOCTYPE r [<!ELEMENT r ANY>]><!-- before --><r></r>\n<!-- after -->'), '{"r":null}');
});

test('parse_xml: text that is not well-formed XML is null', () => {
  for (const bad of ['', 'text', '<a>', '<a></b>', '<a><b></a></b>', '<a/><b/>', '<a x=1/>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>&#0;</a>', '<a x="<"/>', '<1a/>', '<a>]]></a>', '<a><!-- -- --></a>']) {
    assert.equal(parseXml(bad), null, bad);
  }
});

test('parse_xml: an entity declared in the DOCTYPE is not expanded (no entity blow-up), so its use makes the text invalid', () => {
  const lol = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
  assert.equal(parseXml(lol), null);
});

test('parse_xml: input over 1 MB (1,048,576 bytes, counted in UTF-8) is null (parse-xml doc)', () => {
  const body = (n: number, ch: string) => `<a>${ch.repeat(n)}</a>`;
  assert.notEqual(parseXml(body(1_048_576 - 7, 'x')), null);
  assert.equal(parseXml(body(1_048_576 - 6, 'x')), null);
  // 'é' is two bytes in UTF-8: fewer characters, same limit.
  assert.equal(parseXml(body(524_288, 'é')), null);
  assert.notEqual(parseXml(body(524_284, 'é')), null);
});

test('parse_xml: deep nesting does not recurse (a 130,000-level document parses)', { timeout: 60_000 }, () => {
  const depth = 130_000;
  const v = parseXml('<a>'.repeat(depth) + 'x' + '</a>'.repeat(depth)) as Map<string, Dyn>;
  let cur: Dyn = v;
  let levels = 0;
  while (cur instanceof Map) {
    cur = cur.get('a')!;
    levels++;
  }
  assert.equal(levels, depth);
  assert.equal(cur, 'x');
});

test('set_has_element: membership as array_index_of compares (set-has-element doc)', async () => {
  const r = await one(`print a = set_has_element(dynamic(["this", "is", "an", "example"]), "example"), b = set_has_element(dynamic(["x"]), "X"),
    c = set_has_element(dynamic([1, 2]), 2), d = set_has_element(dynamic([1.0]), 1), e = set_has_element(dynamic([true]), false),
    f = set_has_element(parse_json('{"a":1}'), 1), g = set_has_element(dynamic([]), "a")`);
  assert.deepEqual(r, { a: true, b: false, c: true, d: true, e: false, f: null, g: false });
  // The STS hunting queries' shape: `summarize r = make_set(IsInRange) ... | where not(set_has_element(r, true))`.
  const s = await runQuery(`datatable(ip: string, inRange: bool)['1.1.1.1', false, '1.1.1.1', true, '2.2.2.2', false, '2.2.2.2', false]
    | summarize r = make_set(inRange) by ip | where not(set_has_element(r, true)) | project ip`);
  assert.deepEqual(s.rows, [{ ip: '2.2.2.2' }]);
});
