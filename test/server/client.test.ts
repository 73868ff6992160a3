/**
 * `trailhound serve` through Microsoft's own Kusto client (the azure-kusto-data npm package), as
 * a detection engineer's tool connects to it: a real server process on a loopback port, real logs
 * (examples/session-theft). Protocol: learn.microsoft.com/kusto/api/rest/request, response (v1),
 * response-v2; errors: api/netfx/kusto-data-client-errors; limits: concepts/query-limits.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { Client, ClientRequestProperties, KustoConnectionStringBuilder } from 'azure-kusto-data';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;

let serve: ServeProcess;
let client: Client;

before(async () => {
  serve = await startServe(['--logs', LOGS, '--now', '2023-07-10T12:05:00Z']);
  client = new Client(new KustoConnectionStringBuilder(`Data Source=${serve.url};Initial Catalog=trailhound`));
});

after(async () => {
  client.close();
  assert.equal(await serve.stop(), 0);
});

/** The error the client raised for a request the server refused (HTTP 4xx/5xx): its OneApiErrors body. */
async function refused(p: Promise<unknown>): Promise<{ status: number; error: Record<string, any> }> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { error: Record<string, any> } } }).response;
    if (r) return { status: r.status, error: r.data.error };
    throw e;
  }
  assert.fail('the request succeeded');
}

test('a v2 query (the client default) returns the same rows as trailhound query', { timeout: 60_000 }, async () => {
  const kql = 'AWSCloudTrail | summarize n = count() by EventName | order by n desc, EventName asc | take 5';
  const res = await client.execute('trailhound', kql);
  const got = [...res.primaryResults[0]!.rows()].map((r) => [r.EventName, r.n]);
  const cli = spawn(process.execPath, ['--import', 'tsx', MAIN, 'query', '--logs', LOGS, '--format', 'json', kql], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  cli.stdout.on('data', (b) => (out += b));
  const [code] = await once(cli, 'exit');
  assert.equal(code, 0);
  assert.deepEqual(got, JSON.parse(out).rows);
  assert.equal(res.primaryResults[0]!.columns.map((c) => `${c.name}:${c.type}`).join(','), 'EventName:string,n:long');
});

test('a v1 query (/v1/rest/query) returns the primary result, its status table and table of contents', async () => {
  const res = await client.executeQueryV1('trailhound', 'AWSCloudTrail | where EventName == "GetUser" | count');
  assert.equal(res.primaryResults.length, 1);
  assert.deepEqual([...res.primaryResults[0]!.rows()].map((r) => r.Count), [130]);
  assert.deepEqual(res.getErrorsCount(), { errors: 0, warnings: 0 });
});

test('every scalar type, and the nulls of each, round-trip in Kusto value formats (v2 and v1)', async () => {
  const kql =
    "print b = true, i = int(-7), l = 9007199254740991, r = 1.5, rn = real(nan), ri = real(-inf), d = decimal(123.4500), s = 'a\"\\\\b\\u00e9', e = '', " +
    'dt = datetime(2023-07-10T12:05:00.1234567Z), ts = 1d + 2h + 3m + 4.5s, nts = -1ms, g = guid(74be27de-1e4e-49d9-b579-fe0b331d3642), ' +
    "dy = dynamic({\"k\":[1, 2.5, \"x\", null, true]}), ds = dynamic('text'), " +
    'nb = bool(null), ni = int(null), nl = long(null), nr = real(null), nd = decimal(null), ndt = datetime(null), nt = timespan(null), ng = guid(null), ndy = dynamic(null)';
  const v2 = await client.execute('trailhound', kql);
  const t = v2.primaryResults[0]!;
  assert.deepEqual(
    t.columns.map((c) => c.type),
    ['bool', 'int', 'long', 'real', 'real', 'real', 'decimal', 'string', 'string', 'datetime', 'timespan', 'timespan', 'guid', 'dynamic', 'dynamic', 'bool', 'int', 'long', 'real', 'decimal', 'datetime', 'timespan', 'guid', 'dynamic'],
  );
  const raw = [...t.rows()][0]!.raw as unknown[];
  assert.deepEqual(raw, [
    true, -7, 9007199254740991, 1.5, 'NaN', '-Infinity', '123.4500', 'a"\\bé', '',
    '2023-07-10T12:05:00.1234567Z', '1.02:03:04.5000000', '-00:00:00.0010000', '74be27de-1e4e-49d9-b579-fe0b331d3642',
    { k: [1, 2.5, 'x', null, true] }, 'text',
    null, null, null, null, null, null, null, null, null,
  ]);
  // The client's own typed reading: datetime as a Date, timespan as milliseconds.
  const row = [...t.rows()][0]!;
  assert.equal((row.dt as Date).toISOString(), '2023-07-10T12:05:00.123Z');
  assert.equal(row.ts, ((26 * 60 + 3) * 60 + 4.5) * 1000);
  assert.equal(row.nts, -1);
  assert.equal(row.ndt, null);
  // v1 carries the same cells, a dynamic value as its JSON text.
  const v1 = await client.executeQueryV1('trailhound', kql);
  const raw1 = [...v1.primaryResults[0]!.rows()][0]!.raw as unknown[];
  assert.deepEqual(raw1.slice(0, 13), raw.slice(0, 13));
  assert.deepEqual(raw1.slice(13), ['{"k":[1,2.5,"x",null,true]}', '"text"', ...raw.slice(15)]);
});

test('a syntax error is a 400 SyntaxException, BadRequest_SyntaxError, naming where', async () => {
  const { status, error } = await refused(client.execute('trailhound', 'AWSCloudTrail | where'));
  assert.equal(status, 400);
  assert.equal(error.code, 'BadRequest_SyntaxError');
  assert.equal(error['@type'], 'Kusto.Data.Exceptions.SyntaxException');
  assert.match(error['@message'], /^Syntax error: <query>:1:\d+: /);
  assert.equal(error['@permanent'], true);
});

test('a semantic error is a 400 SemanticException; an unsupported construct a 400 naming it', async () => {
  const sem = await refused(client.execute('trailhound', 'AWSCloudTrail | where NoSuchColumn == 1'));
  assert.equal(sem.status, 400);
  assert.equal(sem.error['@type'], 'Kusto.Data.Exceptions.SemanticException');
  assert.match(sem.error['@message'], /NoSuchColumn/);
  const uns = await refused(client.execute('trailhound', 'AWSCloudTrail | take 1 | evaluate python(typeof(*), "x")'));
  assert.equal(uns.status, 400);
  assert.equal(uns.error.code, 'General_BadRequest');
  assert.match(uns.error['@message'], /^Unsupported by trailhound: .*the plugin python is not supported/);
});

test('a runaway query (past max_memory_consumption_per_query_per_node) is LimitsExceeded with E_RUNAWAY_QUERY', { timeout: 60_000 }, async () => {
  const props = new ClientRequestProperties();
  props.setOption('max_memory_consumption_per_query_per_node', 1024 * 1024);
  const { status, error } = await refused(client.execute('trailhound', 'range x from 1 to 2000000 step 1 | summarize make_set(x)', props));
  assert.equal(status, 400);
  assert.equal(error.code, 'LimitsExceeded');
  assert.equal(error['@type'], 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException');
  assert.match(error['@message'], /E_RUNAWAY_QUERY/);
});

test('a truncated result: the rows up to truncationmaxrecords, then the partial failure as Kusto puts it in the data', async () => {
  const props = new ClientRequestProperties();
  props.setOption('truncationmaxrecords', 3);
  // The client raises a partial query failure as an error, with Kusto's message.
  await assert.rejects(client.execute('trailhound', 'range x from 1 to 10 step 1', props), /Kusto request had errors\. .*E_QUERY_RESULT_SET_TOO_LARGE/);
  (props as unknown as { raw: boolean }).raw = true;
  const frames = (await client.execute('trailhound', 'range x from 1 to 10 step 1', props)) as unknown as Record<string, any>[];
  assert.deepEqual(frames.map((f) => f.FrameType), ['DataSetHeader', 'DataTable', 'DataTable', 'DataSetCompletion']);
  const primary = frames[1]!;
  assert.deepEqual(primary.Rows.slice(0, 3), [[1], [2], [3]]);
  assert.equal(primary.Rows.length, 4);
  const inData = primary.Rows[3].OneApiErrors[0].error;
  assert.equal(inData.code, 'LimitsExceeded');
  assert.equal(inData['@message'], 'Query execution has exceeded the allowed limits (80DA0003): Query result set has exceeded the internal record count limit 3 (E_QUERY_RESULT_SET_TOO_LARGE).');
  const completion = frames[3]!;
  assert.equal(completion.HasErrors, true);
  assert.deepEqual(completion.OneApiErrors[0].error['@message'], inData['@message']);
  const status = frames[2]!;
  assert.deepEqual(status.Rows.map((r: unknown[]) => r[6]), ['Info', 'Error']);
  // v1: the same rows, an {"Exceptions": [...]} row object, the error in QueryStatus and in the
  // response's Exceptions (the JS client's v1 reader does not check them; others, e.g. Go's, do).
  const v1 = (await client.executeQueryV1('trailhound', 'range x from 1 to 10 step 1', props)) as unknown as { Tables: Record<string, any>[]; Exceptions: string[] };
  assert.deepEqual(v1.Tables[0]!.Rows.slice(0, 3), [[1], [2], [3]]);
  assert.match(v1.Tables[0]!.Rows[3].Exceptions[0], /^Query execution has exceeded the allowed limits \(80DA0003\): Query result set has exceeded the internal record count limit 3 \(E_QUERY_RESULT_SET_TOO_LARGE\)\./);
  assert.equal(v1.Exceptions[0], v1.Tables[0]!.Rows[3].Exceptions[0]);
  assert.deepEqual(v1.Tables[1]!.Rows.map((r: unknown[]) => r[2]), ['Info', 'Error']);
  // notruncation lifts it.
  const all = new ClientRequestProperties();
  all.setOption('notruncation', true);
  const res = await client.execute('trailhound', 'range x from 1 to 600000 step 1 | project x', all);
  assert.equal(res.primaryResults[0]!._rows.length, 600000);
});

test('servertimeout stops a query that would run for hours: 504 KustoServiceTimeoutException', { timeout: 60_000 }, async () => {
  const props = new ClientRequestProperties();
  props.setTimeout(1000);
  const { status, error } = await refused(client.execute('trailhound', 'range x from 1 to 1000000000000 step 1 | summarize count()', props));
  assert.equal(status, 504);
  assert.equal(error.code, 'RequestExecutionTimeout');
  assert.equal(error['@type'], 'Kusto.Data.Exceptions.KustoServiceTimeoutException');
  assert.match(error['@message'], /servertimeout/);
  // The server is still there for the next query.
  const res = await client.execute('trailhound', 'print 1');
  assert.equal([...res.primaryResults[0]!.rows()].length, 1);
});

test('query_now in the request properties sets now()', async () => {
  const props = new ClientRequestProperties();
  props.setOption('query_now', '2024-01-02T03:04:05Z');
  const res = await client.execute('trailhound', 'print n = now(), a = ago(1h)', props);
  const raw = [...res.primaryResults[0]!.rows()][0]!.raw as unknown[];
  assert.deepEqual(raw, ['2024-01-02T03:04:05Z', '2024-01-02T02:04:05Z']);
  // Without it, the server's --now.
  const fixed = await client.execute('trailhound', 'print n = now()');
  assert.deepEqual([...fixed.primaryResults[0]!.rows()][0]!.raw, ['2023-07-10T12:05:00Z']);
});

test('a request property trailhound does not have fails naming it, and an unknown database is DatabaseNotFound', async () => {
  const props = new ClientRequestProperties();
  props.setOption('query_datetimescope_column', 'TimeGenerated');
  const bad = await refused(client.execute('trailhound', 'print 1', props));
  assert.equal(bad.status, 400);
  assert.match(bad.error['@message'], /query_datetimescope_column/);
  const db = await refused(client.execute('Samples', 'print 1'));
  assert.equal(db.status, 400);
  assert.equal(db.error.code, 'BadRequest_DatabaseNotExist');
});

test('management commands clients send on connect', async () => {
  const rows = async (cmd: string) => [...(await client.executeMgmt('trailhound', cmd)).primaryResults[0]!.rows()].map((r) => r.toJSON<Record<string, unknown>>());
  const dbs = await rows('.show databases');
  assert.deepEqual([dbs[0]!.DatabaseName, dbs[0]!.IsCurrent, dbs[0]!.DatabaseAccessMode], ['trailhound', true, 'ReadOnly']);
  const tables = (await rows('.show tables')).map((r) => r.TableName);
  assert.ok(tables.includes('AWSCloudTrail') && tables.includes('SigninLogs'), tables.join(','));
  const schema = await rows('.show table AWSCloudTrail cslschema');
  assert.match(schema[0]!.Schema as string, /^TimeGenerated:datetime,AwsEventId:string,/);
  const bracketed = await rows(".show table ['AWSCloudTrail'] cslschema");
  assert.equal(bracketed[0]!.Schema, schema[0]!.Schema);
  const functions = await rows('.show functions');
  const role = functions.find((f) => f.Name === 'AWSIdentityRole');
  assert.ok(role, functions.map((f) => f.Name).join(','));
  assert.match(role.Body as string, /^\{/);
  const doc = JSON.parse((await rows('.show database schema as json'))[0]!.DatabaseSchema as string);
  const db = doc.Databases.trailhound;
  assert.deepEqual(db.Tables.AWSCloudTrail.OrderedColumns[0], { Name: 'TimeGenerated', Type: 'System.DateTime', CslType: 'datetime' });
  assert.ok(db.Functions.AWSIdentityRole);
  const named = JSON.parse((await rows('.show database trailhound schema as json'))[0]!.DatabaseSchema as string);
  assert.deepEqual(named, doc);
  const version = await rows('.show version');
  assert.match(version[0]!.ProductVersion as string, /^trailhound /);
  const missing = await refused(client.executeMgmt('trailhound', '.show table Nope cslschema'));
  assert.equal(missing.status, 400);
  const other = await refused(client.executeMgmt('trailhound', '.show cluster policy caching'));
  assert.match(other.error['@message'], /^Unsupported by trailhound: the management command \.show cluster policy/);
});

test('a query ending in render: the rows as without it, and the render properties in the QueryProperties table, as Kusto sends them', async () => {
  // render-operator doc: render changes nothing in the result; response-v2 doc: the client reads
  // the visualization from the @ExtendedProperties table (Key "Visualization", Value its JSON text).
  const res = await client.execute('trailhound', 'range x from 1 to 3 step 1 | extend y = x * 2, z = x | render timechart with (title="Doubling", ycolumns=y, z, xcolumn=x, ymin=0, kind=stacked)');
  assert.deepEqual([...res.primaryResults[0]!.rows()].map((r) => [r.x, r.y]), [[1, 2], [2, 4], [3, 6]]);
  const props = res.tables.find((t) => t.kind === 'QueryProperties');
  assert.ok(props, 'a QueryProperties table');
  assert.equal(props.name, '@ExtendedProperties');
  const [row] = [...props.rows()];
  assert.equal(row!.TableId, 1);
  assert.equal(row!.Key, 'Visualization');
  const v = typeof row!.Value === 'string' ? JSON.parse(row!.Value as string) : row!.Value;
  assert.equal(v.Visualization, 'timechart');
  assert.equal(v.Title, 'Doubling');
  assert.equal(v.YColumns, 'y,z');
  assert.equal(v.XColumn, 'x');
  assert.equal(v.Kind, 'stacked');
  assert.equal(v.Ymin, 0);
  assert.equal(v.Ymax, 'NaN');
  assert.equal(v.Series, null);
  // Without render, no QueryProperties table.
  const plain = await client.execute('trailhound', 'print 1');
  assert.equal(plain.tables.find((t) => t.kind === 'QueryProperties'), undefined);
});
