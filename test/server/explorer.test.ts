/**
 * The web explorer at `/` (issue #16 item 2, docs/explorer.md): the page and its files are served
 * from a fixed list under the CSP, nothing else under /explorer/, and a query goes through the
 * same endpoint and request shape the page's script uses (POST /v2/rest/query, read as a v2 data
 * set: learn.microsoft.com/kusto/api/rest/response-v2). A real `trailhound serve` on loopback.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { startServe, type ServeProcess } from '../helpers/serve-process.ts';

const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;
const TOKEN = 'explorer-test-token';
let serve: ServeProcess;

before(async () => {
  serve = await startServe(['--logs', LOGS, '--token', TOKEN]);
});
after(async () => {
  await serve.stop();
});

test('/ is the explorer page; it names only its own scripts and stylesheets, which are served with their types', async () => {
  // The page and its files carry no data, so they need no token; the API does.
  const page = await fetch(`${serve.url}/`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.doesNotMatch(html, /<script>|<style>| on[a-z]+=/i, 'no inline script, style or handler: the CSP forbids them');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  assert.deepEqual(refs.sort(), ['/explorer/editor.css', '/explorer/explorer.css', '/explorer/explorer.js']);
  // Every module of the page (each imports only siblings) is one of the served files.
  const dir = new URL('../../src/server/explorer/', import.meta.url);
  const modules = readdirSync(dir).filter((f) => f.endsWith('.js') && f !== 'editor-entry.js');
  for (const name of modules) {
    for (const [, imported] of readFileSync(new URL(name, dir), 'utf8').matchAll(/from '\.\/([a-z-]+\.js)'/g)) assert.ok(modules.includes(imported!) || imported === 'editor.js', `${name} imports ${imported}`);
    const r = await fetch(`${serve.url}/explorer/${name}`);
    assert.equal(r.status, 200, name);
    assert.match(r.headers.get('content-type') ?? '', /^text\/javascript/, name);
    assert.equal(await r.text(), readFileSync(new URL(name, dir), 'utf8'));
  }
  const css = await fetch(`${serve.url}/explorer/explorer.css`);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  for (const other of ['/explorer/../http-server.ts', '/explorer/index.html', '/explorer/', '/explorer/%2e%2e/explorer-assets.ts', '/package.json']) {
    assert.equal((await fetch(`${serve.url}${other}`)).status, 404, other);
  }
});

test('a query through the page\'s endpoint and request shape: the primary result read from the v2 frames', async () => {
  const csl = 'AWSCloudTrail | summarize n = count() by EventSource | top 3 by n | project EventSource, n';
  const send = (headers: Record<string, string>) =>
    fetch(`${serve.url}/v2/rest/query`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'x-ms-client-request-id': 'trailhound.explorer;test', ...headers },
      body: JSON.stringify({ db: 'trailhound', csl }),
    });
  // Without the token the page gets 401 and asks the user for it.
  assert.equal((await send({})).status, 401);
  const r = await send({ Authorization: `Bearer ${TOKEN}` });
  assert.equal(r.status, 200);
  const frames = (await r.json()) as any[];
  const primary = frames.find((f) => f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult');
  assert.deepEqual(primary.Columns, [
    { ColumnName: 'EventSource', ColumnType: 'string' },
    { ColumnName: 'n', ColumnType: 'long' },
  ]);
  assert.equal(primary.Rows.length, 3);
  const counts = primary.Rows.map((row: unknown[]) => row[1] as number);
  assert.ok(counts[0] >= counts[1] && counts[1] >= counts[2] && counts[2] > 0, JSON.stringify(primary.Rows));
  assert.equal(frames.find((f) => f.FrameType === 'DataSetCompletion').HasErrors, false);
});
