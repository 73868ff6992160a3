/**
 * The catalogue of Sentinel tables and ASIM parsers (content/tables, docs/tables.md): every entry
 * binds with its documented columns, reads as empty when nobody supplied it, and a supplied file
 * takes the documented types.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileQuery, type TableSource } from '../../src/kql/engine.ts';
import { MemoryTable } from '../../src/kql/file-table.ts';
import { BUILTIN_TABLES_DIR, sentinelCatalogue } from '../../src/detect/sentinel-tables.ts';
import { readSentinelTable } from '../../src/detect/sentinel-table-file.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { ticks } from '../helpers/cloudtrail-rows.ts';

const workspace = loadWorkspace({});
const catalogue = sentinelCatalogue();

test('the catalogue holds the tables the public AWSCloudTrail content reads and the other AWS S3-connector tables', () => {
  for (const name of [
    'SigninLogs', 'OfficeActivity', 'W3CIISLog', 'SecurityAlert', 'AADNonInteractiveUserSignInLogs', 'AzureDiagnostics', 'IdentityInfo',
    'AuditLogs', 'AzureActivity', 'CommonSecurityLog', 'DeviceNetworkEvents', 'DnsEvents', 'Event', 'VMConnection',
    'ThreatIntelligenceIndicator', 'ThreatIntelIndicators', 'AWSGuardDuty', 'AWSVPCFlow', 'AWSCloudWatch', 'AWSS3ServerAccess', '_Im_WebSession',
  ]) {
    assert.ok(catalogue.has(name), name);
  }
});

test('each data file keeps facts only (names, types) and says where they were read, at which commit', () => {
  for (const f of readdirSync(BUILTIN_TABLES_DIR).filter((n) => n.endsWith('.json'))) {
    const doc = JSON.parse(readFileSync(join(BUILTIN_TABLES_DIR, f), 'utf8'));
    assert.match(doc.source.documentation, /^https:\/\/learn\.microsoft\.com\/azure\//, f);
    assert.match(doc.source.from, /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[0-9a-f]{40}\//, f);
    for (const c of doc.columns) assert.deepEqual(Object.keys(c), ['name', 'type'], `${f}: ${JSON.stringify(c)}`);
  }
});

test('every catalogued table binds: `T | take 0` has the catalogued columns and types', () => {
  const catalog = workspace.catalog(new Map());
  for (const e of catalogue.values()) {
    const q = compileQuery(`${e.kind === 'asim-parser' ? `${e.name}()` : e.name} | take 0`, catalog);
    assert.deepEqual(q.schema, e.schema, e.name);
  }
});

test('column types are the documented ones', () => {
  const type = (table: string, column: string) => catalogue.get(table)!.schema.find((c) => c.name === column)?.type;
  // learn.microsoft.com/azure/azure-monitor/reference/tables/signinlogs
  assert.equal(type('SigninLogs', 'TimeGenerated'), 'datetime');
  assert.equal(type('SigninLogs', 'IsInteractive'), 'bool');
  assert.equal(type('SigninLogs', 'LocationDetails'), 'dynamic');
  assert.equal(type('SigninLogs', 'DurationMs'), 'long');
  assert.equal(type('SigninLogs', 'UserPrincipalName'), 'string');
  // .../tables/securityalert, .../tables/commonsecuritylog
  assert.equal(type('SecurityAlert', 'ConfidenceScore'), 'real');
  assert.equal(type('SecurityAlert', 'Entities'), 'string');
  assert.equal(type('CommonSecurityLog', 'SourcePort'), 'int');
  // .../tables/azurediagnostics: Double, Guid, BigInt; AdditionalFields is "a dynamic property bag column"
  assert.equal(type('AzureDiagnostics', 'httpStatus_d'), 'real');
  assert.equal(type('AzureDiagnostics', 'ActivityId_g'), 'guid');
  assert.equal(type('AzureDiagnostics', 'DurationMs'), 'long');
  assert.equal(type('AzureDiagnostics', 'AdditionalFields'), 'dynamic');
  // standard columns the AzureDiagnostics page leaves out (azure-monitor/logs/log-standard-columns)
  assert.equal(type('AzureDiagnostics', 'TimeGenerated'), 'datetime');
  // AWSS3ServerAccess: the reference page's (de-de) first fourteen columns, in its order and with its types
  // (learn.microsoft.com/de-de/azure/azure-monitor/reference/tables/AWSS3ServerAccess); the rest are the
  // columns of Microsoft's AWS_AccessLogs connector (content/tables/AWSS3ServerAccess.json says where)
  assert.deepEqual(catalogue.get('AWSS3ServerAccess')!.schema.slice(0, 14).map((c) => `${c.name}:${c.type}`), [
    'AccessPointARN:string', 'ACLRequired:string', 'AuthenticationType:string', '_BilledSize:real', 'Bucket:string',
    'BucketOwner:string', 'BytesSent:int', 'CipherSuite:string', 'ErrorCode:string', 'HostHeader:string', 'HostId:string',
    'HttpStatus:int', '_IsBillable:string', 'Key:string',
  ]);
  assert.equal(type('AWSS3ServerAccess', 'TimeGenerated'), 'datetime');
  assert.equal(type('AWSS3ServerAccess', 'TurnAroundTime'), 'int');
  // ASIM WebSession (normalization-schema-web; Microsoft's empty-schema parser)
  assert.equal(type('_Im_WebSession', 'HttpUserAgent'), 'string');
  assert.equal(type('_Im_WebSession', 'DstPortNumber'), 'int');
  assert.equal(type('_Im_WebSession', 'SrcBytes'), 'long');
});

test('a table nobody supplied reads as empty and says it was read', async () => {
  const read: string[] = [];
  const q = compileQuery('SigninLogs | union (SigninLogs | where IsInteractive) | count', workspace.catalog(new Map()));
  const r = await q.run({ now: 0n, tables: workspace.runTables(new Map(), (n) => read.push(n)) });
  assert.deepEqual(r.columns[0], [0n]);
  assert.deepEqual([...new Set(read)], ['SigninLogs']);
});

test('_Im_WebSession binds with the filtering parameters of the ASIM docs and reads as empty', async () => {
  const read: string[] = [];
  const q = compileQuery(
    "_Im_WebSession(starttime=datetime(2024-01-01), endtime=datetime(2024-01-02), srcipaddr_has_any_prefix=dynamic(['10.']), url_has_any=dynamic(['x']), eventresult='Failure') | summarize count() by HttpUserAgent",
    workspace.catalog(new Map()),
  );
  const r = await q.run({ now: 0n, tables: workspace.runTables(new Map(), (n) => read.push(n)) });
  assert.equal(r.length, 0);
  assert.deepEqual(read, ['_Im_WebSession']);
});

test('with rows, _Im_WebSession filters them as Microsoft\'s parser for the native table does (vimWebSessionNative)', async () => {
  const e = catalogue.get('_Im_WebSession')!;
  const col = (n: string) => e.schema.findIndex((c) => c.name === n);
  const row = (time: string, agent: string, src: string, result: string) => {
    const r = e.schema.map((c) => (c.type === 'string' ? '' : null)) as (string | bigint | null)[];
    r[col('TimeGenerated')] = ticks(time);
    r[col('HttpUserAgent')] = agent;
    r[col('SrcIpAddr')] = src;
    r[col('EventResult')] = result;
    return r;
  };
  const rows = MemoryTable.fromRows(e.schema, [
    row('2024-01-01T10:00:00Z', 'curl/8.0', '10.0.0.1', 'Success'),
    row('2024-01-01T11:00:00Z', 'Mozilla/5.0', '192.168.1.1', 'Failure'),
    row('2023-12-31T11:00:00Z', 'curl/7.1', '10.0.0.2', 'Failure'),
  ]);
  const tables = new Map<string, TableSource>([[e.source, rows]]);
  const count = async (args: string) => {
    const q = compileQuery(`_Im_WebSession(${args}) | count`, workspace.catalog(tables));
    return (await q.run({ now: 0n, tables: workspace.runTables(tables) })).columns[0]![0];
  };
  assert.equal(await count(''), 3n);
  assert.equal(await count("httpuseragent_has_any=dynamic(['curl'])"), 2n);
  assert.equal(await count('starttime=datetime(2024-01-01)'), 2n);
  assert.equal(await count("srcipaddr_has_any_prefix=dynamic(['10.'])"), 2n);
  assert.equal(await count("eventresult='failure'"), 2n);
  assert.equal(await count("httpuseragent_has_any=dynamic(['curl']), starttime=datetime(2024-01-01)"), 1n);
  assert.equal(await count('disabled=true'), 0n);
});

test('a supplied file takes the table\'s documented types; missing columns are null, Type is the table name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tables-'));
  const file = join(dir, 'signin.jsonl');
  writeFileSync(
    file,
    '{"TimeGenerated":"2024-05-01T12:00:00Z","UserPrincipalName":"a@x.com","IsInteractive":"True","DurationMs":"42","LocationDetails":{"city":"Paris"},"CorrelationId":"ABCDEF00-0000-0000-0000-000000000001"}\n' +
      '{"TimeGenerated":"not a time","UserPrincipalName":"b@x.com","IsInteractive":false,"DurationMs":7,"Nope":1}\n',
  );
  const read = readSentinelTable(file, catalogue.get('SigninLogs')!);
  const schema = read.table.schema;
  const at = (row: number, name: string) => {
    const batch = (read.table as unknown as { batch: { columns: unknown[][] } }).batch;
    return batch.columns[schema.findIndex((c) => c.name === name)]![row];
  };
  assert.deepEqual(schema, catalogue.get('SigninLogs')!.schema);
  assert.equal(at(0, 'TimeGenerated'), ticks('2024-05-01T12:00:00Z'));
  assert.equal(at(0, 'IsInteractive'), true);
  assert.equal(at(0, 'DurationMs'), 42n);
  assert.deepEqual([...(at(0, 'LocationDetails') as Map<string, unknown>)], [['city', 'Paris']]);
  assert.equal(at(0, 'AppDisplayName'), '');
  assert.equal(at(0, 'Type'), 'SigninLogs');
  assert.equal(at(1, 'TimeGenerated'), null);
  assert.equal(read.badValues, 1);
  assert.match(read.examples[0]!, /row 2: column TimeGenerated: "not a time" is not a datetime/);
  assert.deepEqual(read.dropped, ['Nope']);
});

test('the portal\'s CSV export (`TimeGenerated [UTC]`, dd/MM/yyyy times) reads as the table; AzureDiagnostics keeps new columns typed by suffix', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tables-'));
  const csv = join(dir, 'diag.csv');
  writeFileSync(csv, 'TimeGenerated [UTC],Category,userAgent_s,httpStatus_d,newCount_d,flag_b\n"10/07/2023, 12:05:00.000",FrontdoorAccessLog,curl/8,200,3.5,true\n');
  const read = readSentinelTable(csv, catalogue.get('AzureDiagnostics')!);
  const names = read.table.schema.map((c) => `${c.name}:${c.type}`);
  assert.ok(names.includes('userAgent_s:string') && names.includes('newCount_d:real') && names.includes('flag_b:bool'), names.join(' '));
  assert.deepEqual(read.dropped, []);
  const q = compileQuery('AzureDiagnostics | project TimeGenerated, userAgent_s, httpStatus_d, newCount_d, flag_b', workspace.catalog(new Map([['AzureDiagnostics', read.table]])));
  return q.run({ now: 0n, tables: new Map([['AzureDiagnostics', read.table]]) }).then((r) => {
    assert.deepEqual(r.columns.map((c) => c[0]), [ticks('2023-07-10T12:05:00Z'), 'curl/8', 200, 3.5, true]);
  });
});
