/**
 * POST /trailhound/detections, the explorer's detections page's call (docs/explorer.md): the rules
 * serve was given (the built-in ones by default) replayed as `trailhound detect` replays them, with
 * each alert's reproducing query (set query_now: learn.microsoft.com/kusto/query/set-statement),
 * behind the token like every API call. A real `trailhound serve` on examples/session-theft.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { post, startServe, type ServeProcess } from '../helpers/serve-process.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;
const TOKEN = 'detections-test-token';
let serve: ServeProcess;

before(async () => {
  serve = await startServe(['--logs', LOGS, '--token', TOKEN]);
});
after(async () => {
  await serve.stop();
});

const auth = { Authorization: `Bearer ${TOKEN}` };

test('the alerts are those of trailhound detect on the same logs, with evidence and a query that reproduces them', { timeout: 120_000 }, async () => {
  assert.equal((await post(`${serve.url}/trailhound/detections`, {})).status, 401);
  const r = await post(`${serve.url}/trailhound/detections`, {}, auth);
  assert.equal(r.status, 200, r.text);
  const body = r.json();
  const cli = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'detect', '--logs', LOGS, '--format', 'jsonl'], { encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stderr);
  const expected = cli.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(expected.length > 0);
  assert.deepEqual(body.alerts.map(({ query: _q, ...a }: Record<string, unknown>) => a), expected);
  assert.ok(body.rules.some((rule: { name: string }) => rule.name === 'AWS - Concurrent console sessions from different IPs'));
  assert.ok(body.runs > 0 && body.triggered > 0);
  // The reproducing query, run through the Kusto endpoint, gives the alert's evidence rows.
  const alert = body.alerts[0];
  assert.match(alert.query, new RegExp(`set query_now = datetime\\(${alert.now}\\);`));
  const q = await post(`${serve.url}/v2/rest/query`, { db: 'trailhound', csl: alert.query }, auth);
  assert.equal(q.status, 200, q.text);
  const primary = q.json().find((f: { TableKind?: string }) => f.TableKind === 'PrimaryResult');
  const rows = primary.Rows.map((row: unknown[]) => Object.fromEntries(primary.Columns.map((c: { ColumnName: string }, i: number) => [c.ColumnName, row[i]])));
  for (const evidence of alert.rows) assert.ok(rows.some((row: Record<string, unknown>) => JSON.stringify(row) === JSON.stringify(evidence)), `evidence row reproduced: ${JSON.stringify(evidence).slice(0, 200)}`);
});

test('a range: runs scheduled outside it are not replayed; a bad range is a 400 naming it', { timeout: 120_000 }, async () => {
  const none = await post(`${serve.url}/trailhound/detections`, { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' }, auth);
  assert.equal(none.status, 200, none.text);
  assert.deepEqual(none.json().alerts, []);
  const bad = await post(`${serve.url}/trailhound/detections`, { from: 'yesterday' }, auth);
  assert.equal(bad.status, 400);
  assert.match(bad.json().error['@message'], /from: not a datetime: yesterday/);
  const reversed = await post(`${serve.url}/trailhound/detections`, { from: '2023-07-11T00:00:00Z', to: '2023-07-10T00:00:00Z' }, auth);
  assert.equal(reversed.status, 400);
  const get = await fetch(`${serve.url}/trailhound/detections`, { headers: auth });
  assert.equal(get.status, 405);
});
