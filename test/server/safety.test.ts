/**
 * `trailhound serve` is safe by default (issue #16, item 4): loopback unless --bind with --token;
 * the token checked on every API request; read-only; externaldata off unless allowed; a bound on
 * concurrent queries (429, Kusto's throttling error: learn.microsoft.com/kusto/concepts/query-limits,
 * "Limit on request concurrency"); request bodies capped (413); no CORS headers; a strict CSP on `/`.
 * Real server processes on loopback ports.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, KustoConnectionStringBuilder } from 'azure-kusto-data';
import { post, startServe, type ServeProcess } from '../helpers/serve-process.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const TOKEN = 'a-test-token-1234';
const FEED = 'https://example.com/feeds/bad-ips.csv';

let open: ServeProcess; // no token, externaldata off, one query at a time
let guarded: ServeProcess; // --token, --allow-externaldata with a local copy of FEED

before(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-serve-'));
  const feed = join(dir, 'bad-ips.csv');
  writeFileSync(feed, '198.51.100.7\n203.0.113.9\n');
  [open, guarded] = await Promise.all([
    startServe(['--max-concurrent', '1']),
    startServe(['--token', TOKEN, '--allow-externaldata', '--externaldata', `${FEED}=${feed}`]),
  ]);
});

after(async () => {
  await Promise.all([open.stop(), guarded.stop()]);
});

test('--bind with an address other machines reach is refused at start without --token: exit 2, one line', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'serve', '--bind', '0.0.0.0', '--port', '0'], { encoding: 'utf8', env: { ...process.env, TRAILHOUND_SERVE_TOKEN: '' } });
  assert.equal(r.status, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /--bind 0\.0\.0\.0 .*--token/);
});

test('the server listens on 127.0.0.1 by default', () => {
  assert.match(open.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('with --token, API requests without it or with another are 401; the client with the token gets answers', async () => {
  const body = { db: 'trailhound', csl: 'print 1' };
  const none = await post(`${guarded.url}/v2/rest/query`, body);
  assert.equal(none.status, 401);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  assert.equal((await post(`${guarded.url}/v2/rest/query`, body, { Authorization: `Bearer ${TOKEN}x` })).status, 401);
  assert.equal((await post(`${guarded.url}/v1/rest/mgmt`, { csl: '.show databases' }, { Authorization: 'Bearer short' })).status, 401);
  // The SDKs read the cloud metadata before they authenticate: it needs no token.
  assert.equal((await fetch(`${guarded.url}/v1/rest/auth/metadata`)).status, 200);
  const client = new Client(KustoConnectionStringBuilder.withAccessToken(`Data Source=${guarded.url};Initial Catalog=trailhound`, TOKEN));
  try {
    const res = await client.execute('trailhound', 'print x = 42');
    assert.deepEqual([...res.primaryResults[0]!.rows()][0]!.raw, [42]);
  } finally {
    client.close();
  }
});

test('read-only: management commands that would change something are refused with 403', async () => {
  for (const csl of ['.drop table AWSCloudTrail', '.set-or-append T <| print 1', '.create table T (a:string)', '.ingest into table AWSCloudTrail (h@"x")']) {
    const r = await post(`${open.url}/v1/rest/mgmt`, { db: 'trailhound', csl });
    assert.equal(r.status, 403, csl);
    assert.equal(r.json().error['@type'], 'Kusto.Data.Exceptions.KustoRequestDeniedException');
    assert.match(r.json().error['@message'], /read-only/);
  }
});

test('externaldata is off unless --allow-externaldata: the query fails naming the URL and the option', async () => {
  const csl = `externaldata (ip:string) [@"${FEED}"] with (format="csv") | count`;
  const off = await post(`${open.url}/v2/rest/query`, { db: 'trailhound', csl });
  assert.equal(off.status, 400);
  assert.match(off.json().error['@message'], /externaldata is off .*bad-ips\.csv.*--allow-externaldata/);
  const on = await post(`${guarded.url}/v2/rest/query`, { db: 'trailhound', csl }, { Authorization: `Bearer ${TOKEN}` });
  assert.equal(on.status, 200, on.text);
  assert.deepEqual(on.json()[1].Rows, [[2]]);
});

test('past --max-concurrent running queries, a query is refused with 429 and Kusto throttling error', { timeout: 120_000 }, async () => {
  const long = new AbortController();
  // Runs for hours unless stopped: it holds the only place until the client goes away.
  const first = fetch(`${open.url}/v2/rest/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ db: 'trailhound', csl: 'range x from 1 to 1000000000000 step 1 | summarize count()', properties: { Options: { servertimeout: '00:10:00' } } }),
    signal: long.signal,
  }).catch(() => undefined);
  let throttled: Awaited<ReturnType<typeof post>> | undefined;
  while (!throttled) {
    const r = await post(`${open.url}/v2/rest/query`, { db: 'trailhound', csl: 'print 1' });
    if (r.status === 429) throttled = r;
  }
  assert.equal(throttled.json().error.code, 'TooManyRequests');
  assert.equal(throttled.json().error['@type'], 'Kusto.Data.Exceptions.KustoRequestThrottledException');
  // The client going away cancels its query and frees the place.
  long.abort();
  await first;
  let status = 429;
  while (status === 429) status = (await post(`${open.url}/v2/rest/query`, { db: 'trailhound', csl: 'print 1' })).status;
  assert.equal(status, 200);
});

test('request bodies past 1 MiB are refused with 413', async () => {
  const r = await post(`${open.url}/v2/rest/query`, { db: 'trailhound', csl: `print s = '${'x'.repeat(1024 * 1024)}'` });
  assert.equal(r.status, 413);
  assert.equal(r.json().error['@type'], 'Kusto.Data.Exceptions.KustoRequestPayloadTooLargeException');
});

test('no CORS headers: a page of another origin cannot read an answer, a preflight gets none', async () => {
  const r = await post(`${open.url}/v2/rest/query`, { db: 'trailhound', csl: 'print 1' }, { Origin: 'https://evil.example' });
  assert.equal(r.status, 200);
  const pre = await fetch(`${open.url}/v2/rest/query`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
  for (const res of [r.headers, pre.headers]) {
    assert.deepEqual([...res.keys()].filter((k) => k.startsWith('access-control-')), []);
  }
  assert.notEqual(pre.status, 204);
});

test('/ (the web explorer) is served under a strict Content-Security-Policy: its own origin only, no inline script, no eval', async () => {
  const r = await fetch(`${open.url}/`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
  const csp = r.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.match(csp, /connect-src 'self'(;|$)/);
  assert.match(csp, /frame-ancestors 'none'/);
  // monaco-kusto's editor adds <style> elements without a nonce and draws squiggles as data:
  // SVG images: 'unsafe-inline' for styles and data: for images only; never for scripts.
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));
  assert.deepEqual(directives.get('script-src'), ["'self'"]);
  assert.deepEqual(directives.get('worker-src'), ["'self'"]);
  assert.deepEqual(directives.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(directives.get('img-src'), ["'self'", 'data:']);
  assert.doesNotMatch(csp, /unsafe-eval|\*|blob:/);
  assert.match(await r.text(), /trailhound explorer/);
});
