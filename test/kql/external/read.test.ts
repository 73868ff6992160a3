/**
 * externaldata in the engine (src/kql/external/, syntax/lower-external-data.ts): formats,
 * properties, mappings and typed columns, over bytes served by a source keyed by URI (the CLI's
 * HTTP source is tested in test/externaldata/ and test/cli/).
 * learn.microsoft.com/kusto/query/externaldata-operator; ingestion-supported-formats; mappings,
 * csv-mapping and json-mapping docs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { bindExternalData, compileQuery, type ExternalDataSource } from '../../../src/kql/engine.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { encodeValue, decodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';
import type { Batch, Value } from '../../../src/kql/types.ts';

const FIXTURES = new URL('../../fixtures/externaldata/', import.meta.url);
const workspace = loadWorkspace({});

function served(files: Record<string, string | Uint8Array>, log?: string[]): ExternalDataSource {
  return async (uri) => {
    log?.push(uri);
    const f = files[uri];
    if (f === undefined) throw new Error('HTTP 404 Not Found');
    return typeof f === 'string' ? new TextEncoder().encode(f) : f;
  };
}

async function run(q: string, files: Record<string, string | Uint8Array>): Promise<Batch> {
  const compiled = compileQuery(q, workspace.catalog(new Map()));
  return compiled.run({ now: ticks('2024-05-01T00:00:00Z'), tables: new Map(), externalData: served(files) });
}

function rows(b: Batch): Value[][] {
  return Array.from({ length: b.length }, (_, i) => b.columns.map((c) => c[i]!));
}

test('CSV with ignoreFirstRecord: the header line is dropped; columns are typed as declared (externaldata doc)', async () => {
  const b = await run(
    `externaldata (Date:datetime, Event:string, N:long, R:real, B:bool, D:dynamic, T:timespan, G:guid, I:int)
     [h@"https://storageaccount.blob.core.windows.net/storagecontainer/data.csv"] with (format="csv", ignoreFirstRecord=True)`,
    {
      'https://storageaccount.blob.core.windows.net/storagecontainer/data.csv':
        'Date,Event,N,R,B,D,T,G,I\r\n2019-01-01 10:00:00,"a, ""quoted"" event",42,1.5,true,"{""k"":[1]}",00:05:00,74BE27DE-1E4E-49D9-B579-FE0B331D3642,7\r\n' +
        ',,x,,maybe,not json,,nope,3000000000\n\nlast,line\n',
    },
  );
  assert.deepEqual(b.schema.map((c) => c.type), ['datetime', 'string', 'long', 'real', 'bool', 'dynamic', 'timespan', 'guid', 'int']);
  const [first, second, third] = rows(b);
  assert.equal(first![0], ticks('2019-01-01T10:00:00Z'));
  assert.deepEqual(first!.slice(1, 5), ['a, "quoted" event', 42n, 1.5, true]);
  assert.deepEqual([...(first![5] as Map<string, unknown>).keys()], ['k']);
  assert.deepEqual(first!.slice(6), [3_000_000_000n, '74be27de-1e4e-49d9-b579-fe0b331d3642', 7]);
  // Empty fields and values that do not convert are null ("" for string); a text that is not JSON stays a string in a dynamic column.
  assert.deepEqual(second, [null, '', null, null, null, 'not json', null, null, null]);
  // A short record: the missing fields are null; the empty line between is skipped.
  assert.deepEqual(third, [null, 'line', null, null, null, null, null, null, null]);
  assert.equal(b.length, 3);
});

test('the format comes from the extension when not given, compression included (.csv.gz, .csv.zip); the default is CSV', async () => {
  const gz = gzipSync('n\t1\n2\t3\n');
  const b = await run(
    `externaldata (a:string, b:string) ['https://x/list.tsv.gz?sv=1&sig=abc', 'https://x/noext', 'https://x/w.txt', 'https://x/p.psv', 'https://x/s.scsv', 'https://x/r.raw']`,
    { 'https://x/list.tsv.gz?sv=1&sig=abc': gz, 'https://x/noext': 'c,d\n', 'https://x/w.txt': 'one, two\n\n three\n', 'https://x/p.psv': 'e|f\n', 'https://x/s.scsv': 'g;h\n', 'https://x/r.raw': 'all\nof it' },
  );
  assert.deepEqual(rows(b), [['n', '1'], ['2', '3'], ['c', 'd'], ['one, two', null], [' three', null], ['e', 'f'], ['g', 'h'], ['all\nof it', null]].map((r) => r.map((v) => v ?? '')));
});

test('a .csv.zip (the Tor exit list rule): every entry is a file; ignoreFirstRecord drops the first record of each', async () => {
  const zip = new Uint8Array(readFileSync(new URL('tor-exit.csv.zip', FIXTURES)));
  const tor = await run(`externaldata (TorIP:string) [h@'https://firewalliplists.gypthecat.com/lists/kusto/kusto-tor-exit.csv.zip'] with (ignoreFirstRecord=true) | count`, {
    'https://firewalliplists.gypthecat.com/lists/kusto/kusto-tor-exit.csv.zip': zip,
  });
  assert.deepEqual(rows(tor), [[200n]]);
  const two = new Uint8Array(readFileSync(new URL('two-files.csv.zip', FIXTURES)));
  const b = await run(`externaldata (name:string, n:long) ['https://x/two-files.csv.zip'] with (ignoreFirstRecord=true)`, { 'https://x/two-files.csv.zip': two });
  assert.deepEqual(rows(b), [['x', 1n], ['y', 2n]]);
});

test('multijson without a mapping maps top-level properties by name (the AWS ip-ranges.json hunting queries)', async () => {
  const ipRanges = `{
  "syncToken": "1714521600",
  "createDate": "2024-05-01-00-00-00",
  "prefixes": [
    {
      "ip_prefix": "3.5.140.0/22",
      "region": "ap-northeast-2",
      "service": "AMAZON"
    },
    {"ip_prefix": "52.94.76.0/22", "region": "us-west-2", "service": "EC2"}
  ]
}`;
  const b = await run(
    `let aws_public_ips = externaldata(prefixes: string)
    [
         h@'https://aka.ms/awspublicipaddresse/aws-public-ip-addresses/ip-ranges.json'
    ]
    with(format='multijson');
    aws_public_ips
    | mv-expand todynamic(prefixes)
    | extend ip_prefix=tostring(todynamic(prefixes.['ip_prefix']))
    | extend region=tostring(todynamic(prefixes.['region']))
    | extend service=tostring(todynamic(prefixes.['service']))
    | project-away prefixes
    | where service == "AMAZON"`,
    { 'https://aka.ms/awspublicipaddresse/aws-public-ip-addresses/ip-ranges.json': ipRanges },
  );
  assert.deepEqual(rows(b), [['3.5.140.0/22', 'ap-northeast-2', 'AMAZON']]);
});

test('multijson: records may span lines, sit in a JSON array, or follow one another; json is one record per line', async () => {
  const b = await run(`externaldata (a:long, b:string) ['https://x/m.multijson', 'https://x/l.json']`, {
    'https://x/m.multijson': '[{"a": 1}, {"a": 2, "b": "x"}]\n{\n "a": 3\n} {"b": {"n": [1]}}',
    'https://x/l.json': '{"a": 5, "B": "case-sensitive"}\r\n\n{"a": "6"}\n',
  });
  assert.deepEqual(rows(b), [[1n, ''], [2n, 'x'], [3n, ''], [null, '{"n":[1]}'], [5n, ''], [6n, '']]);
});

test('ingestionMapping: the doc\'s JSON example (Path into nested properties), constants and CSV ordinals', async () => {
  const events = `{
  "timestamp": "2019-01-01 10:00:00.238521",
  "data": {
    "tenant": "e1ef54a6-c6f2-4389-836e-d289b37bcfe0",
    "method": "RefreshTableMetadata"
  }
}
{
  "timestamp": "2019-01-01 10:00:01.845423",
  "data": {
    "tenant": "9b49d0d7-b3e6-4467-bb35-fa420a25d324",
    "method": "GetFileList"
  }
}`;
  const b = await run(
    `externaldata(Timestamp: datetime, TenantId: guid, MethodName: string)
[
   h@'https://mycompanystorage.blob.core.windows.net/events/2020/09/01/part-0000046c049c1-86e2-4e74-8583-506bda10cca8.json?...SAS...'
]
with(format='multijson', ingestionMapping='[{"Column":"Timestamp","Properties":{"Path":"$.timestamp"}},{"Column":"TenantId","Properties":{"Path":"$.data.tenant"}},{"Column":"MethodName","Properties":{"Path":"$.data.method"}}]')`,
    { 'https://mycompanystorage.blob.core.windows.net/events/2020/09/01/part-0000046c049c1-86e2-4e74-8583-506bda10cca8.json?...SAS...': events },
  );
  assert.deepEqual(rows(b), [
    [ticks('2019-01-01T10:00:00.238521Z'), 'e1ef54a6-c6f2-4389-836e-d289b37bcfe0', 'RefreshTableMetadata'],
    [ticks('2019-01-01T10:00:01.845423Z'), '9b49d0d7-b3e6-4467-bb35-fa420a25d324', 'GetFileList'],
  ]);
  const csv = await run(
    `externaldata(a: string, b: long, c: string, src: string, line: long, t: datetime)['https://x/d.csv']
     with (ingestionMapping='[{"Column":"a","Properties":{"Ordinal":"2"}},{"Column":"b","Properties":{"Ordinal":0}},{"Column":"c","Properties":{"ConstValue":"k"}},{"Column":"src","Properties":{"Transform":"SourceLocation"}},{"Column":"line","Properties":{"Transform":"SourceLineNumber"}},{"Column":"t","Properties":{"Ordinal":"1","Transform":"DateTimeFromUnixSeconds"}}]')`,
    { 'https://x/d.csv': '7,1714521600,z\n8,,y\n' },
  );
  assert.deepEqual(rows(csv), [['z', 7n, 'k', 'https://x/d.csv', 1n, ticks('2024-05-01T00:00:00Z')], ['y', 8n, 'k', 'https://x/d.csv', 2n, null]]);
});

test('what externaldata does not support is refused by name; bad properties are errors', () => {
  const compile = (q: string) => compileQuery(q, workspace.catalog(new Map()));
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (format='parquet')`), /externaldata with format=Parquet is not supported/);
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (format='nope')`), /externaldata: unknown format "nope"/);
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (ingestionMappingReference='m')`), /the externaldata property ingestionMappingReference is not supported/);
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (ingestionMapping='[{"Column":"a","Properties":{"Transform":"DropMappedFields"}}]')`), /transformation DropMappedFields is not supported/);
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (ingestionMapping='[{"Column":"b","Properties":{"Ordinal":0}}]')`), /the schema has no column b/);
  assert.throws(() => compile(`externaldata (a:string) ['https://x/a'] with (ingestionMapping='[{"Column":"a","Properties":{"Path":"$..a"}}]')`), /the JSONPath "\$\.\.a" in an ingestionMapping/);
});

test('read errors name the URI (an obfuscated one without its query string); bad content names the file and line', async () => {
  await assert.rejects(run(`externaldata (a:string) [h'https://x/secret.csv?sig=SECRET']`, {}), (e: Error) => {
    assert.match(e.message, /externaldata: cannot read https:\/\/x\/secret\.csv\?\.\.\.: HTTP 404 Not Found/);
    assert.doesNotMatch(e.message, /SECRET/);
    return true;
  });
  await assert.rejects(run(`externaldata (a:string) ['https://x/a.json']`, { 'https://x/a.json': '{"a":1}\n{"a":\n' }), /https:\/\/x\/a\.json line 2 is not JSON/);
  await assert.rejects(run(`externaldata (a:string) ['https://x/a.multijson']`, { 'https://x/a.multijson': '{"a":1}\n\n{"a":' }), /https:\/\/x\/a\.multijson is not MultiJSON: not JSON at line 3/);
  await assert.rejects(run(`externaldata (a:string) ['https://x/a.csv.gz']`, { 'https://x/a.csv.gz': 'not gzip' }), /a\.csv\.gz not valid gzip data/);
  await assert.rejects(run(`externaldata (a:string) ['https://x/a.csv.zip']`, { 'https://x/a.csv.zip': 'not zip' }), /not a ZIP archive/);
  const compiled = compileQuery(`externaldata (a:string) ['https://x/a']`, workspace.catalog(new Map()));
  await assert.rejects(compiled.run({ now: 0n, tables: new Map() }), /externaldata: nothing to read https:\/\/x\/a with/);
});

test('a gzip bomb is stopped at the 100 MB limit (externaldata doc: reference tables of up to 100 MB)', { timeout: 60_000 }, async () => {
  const bomb = gzipSync(Buffer.alloc(101 * 1024 * 1024, 0x61));
  await assert.rejects(run(`externaldata (a:string) ['https://x/bomb.txt.gz']`, { 'https://x/bomb.txt.gz': bomb }), /bomb\.txt\.gz expands to more than 104857600 bytes/);
});

test('bindExternalData reads each URI once; the bound plan runs again, survives the plan codec, and never reads again', async () => {
  const log: string[] = [];
  const q = `let L = externaldata (w:string) ['https://x/words.txt'];
    print n = toscalar(L | count) | extend m = toscalar(externaldata (w:string) ['https://x/words.txt'] | where w == 'b' | count)`;
  const compiled = compileQuery(q, workspace.catalog(new Map()));
  const bound = await bindExternalData(compiled, served({ 'https://x/words.txt': 'a\nb\nc\n' }, log));
  assert.deepEqual(log, ['https://x/words.txt', 'https://x/words.txt']);
  for (let i = 0; i < 2; i++) {
    assert.deepEqual(rows(await bound.run({ now: 0n, tables: new Map() })), [[3n, 1n]]);
  }
  const again = decodeValue(encodeValue(bound.plan));
  assert.equal(JSON.stringify(again, (_k, v) => (typeof v === 'bigint' ? String(v) : typeof v === 'function' ? 'fn' : v)).includes('externalData'), false);
  assert.equal(log.length, 2);
  // A query without externaldata is returned as it is.
  const plain = compileQuery('print 1', workspace.catalog(new Map()));
  assert.equal(await bindExternalData(plain, undefined), plain);
});

test('a plan with externaldata is kept in the plan cache and read when it runs', async () => {
  const { PlanCache } = await import('../../../src/kql/cache/plan-cache.ts');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const cache = new PlanCache(mkdtempSync(join(tmpdir(), 'th-ext-cache-')));
  const q = `externaldata (w:string) [h'https://x/w.txt?sig=1'] with (format='txt') | count`;
  compileQuery(q, workspace.catalog(new Map()), { cache });
  const cached = compileQuery(q, workspace.catalog(new Map()), { cache });
  assert.equal(cache.stats.hits, 1);
  const r = await cached.run({ now: 0n, tables: new Map(), externalData: served({ 'https://x/w.txt?sig=1': 'a\nb\n' }) });
  assert.deepEqual(rows(r), [[2n]]);
});
