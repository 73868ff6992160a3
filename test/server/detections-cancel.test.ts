/**
 * POST /trailhound/detections stops its replay when the client goes away or its servertimeout
 * passes (docs/serve.md: the query endpoints' rules, learn.microsoft.com/kusto/api/rest/request-properties
 * `servertimeout`; the timeout answered with Kusto's error shape, api/netfx/kusto-data-client-errors).
 * Real `trailhound serve` processes on loopback, with a rule that runs every 5 minutes whatever
 * the data over a nine-year range: 946,000 runs, hours of work if nothing stops it.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { post, startServe, type ServeProcess } from '../helpers/serve-process.ts';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';

const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;
const NINE_YEARS = { from: '2020-01-01T00:00:00Z', to: '2028-12-31T00:00:00Z' };
const print1 = (url: string) => post(`${url}/v2/rest/query`, { db: 'trailhound', csl: 'print 1' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
let rules: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'trailhound-detections-cancel-'));
  rules = join(dir, 'busy.yaml');
  writeFileSync(
    rules,
    scheduledRuleYaml({
      id: '11111111-2222-4333-8444-555555555555',
      name: 'Busy every 5 minutes',
      query: 'AWSCloudTrail | summarize n = count() | extend work = toscalar(range x from 1 to 20000 step 1 | summarize sum(x))',
      schedule: 'queryFrequency: 5m\nqueryPeriod: 10m',
    }),
  );
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Polls until `print 1` gets `status` (the one concurrency place is taken: 429; freed: 200). */
async function until(url: string, status: number): Promise<void> {
  for (;;) {
    if ((await print1(url)).status === status) return;
    await sleep(100);
  }
}

const timeoutShape = (r: { status: number; json: () => any }) => {
  assert.equal(r.status, 504);
  const error = r.json().error;
  assert.equal(error.code, 'RequestExecutionTimeout');
  assert.equal(error['@type'], 'Kusto.Data.Exceptions.KustoServiceTimeoutException');
  assert.match(error['@message'], /servertimeout/);
};

describe('the default servertimeout (4 minutes), one query at a time', () => {
  let serve: ServeProcess;
  before(async () => {
    serve = await startServe(['--logs', LOGS, '--rules', rules, '--max-concurrent', '1']);
  });
  after(async () => {
    await serve?.stop();
  });

  test('a client that goes away cancels the replay: its concurrency place frees', { timeout: 120_000 }, async () => {
    const client = new AbortController();
    const request = fetch(`${serve.url}/trailhound/detections`, { method: 'POST', body: JSON.stringify(NINE_YEARS), signal: client.signal }).catch((e: Error) => e);
    await until(serve.url, 429);
    client.abort();
    assert.equal(((await request) as Error).name, 'AbortError');
    // Hours of runs if the replay went on holding the place.
    await until(serve.url, 200);
    assert.match(serve.log(), /POST \/trailhound\/detections 499 .*replay cancelled/);
  });

  test("the client's servertimeout stops the replay with Kusto's timeout error", { timeout: 120_000 }, async () => {
    timeoutShape(await post(`${serve.url}/trailhound/detections`, { ...NINE_YEARS, servertimeout: '00:00:02' }));
    assert.equal((await print1(serve.url)).status, 200, 'the place is free again');
    // A range of more runs than serve replays (docs/serve.md): refused before any schedule is built.
    const centuries = await post(`${serve.url}/trailhound/detections`, { from: '0001-01-01T00:00:00Z', to: '9999-12-31T00:00:00Z' });
    assert.equal(centuries.status, 400, centuries.text);
    assert.match(centuries.json().error['@message'], /more than 1000000 scheduled runs of the rules: narrow from\/to/);
    const bad = await post(`${serve.url}/trailhound/detections`, { servertimeout: 'soon' });
    assert.equal(bad.status, 400);
    assert.match(bad.json().error['@message'], /servertimeout is not a positive timespan: "soon"/);
  });
});

test("the server's --timeout is the replay's when the client sets none", { timeout: 120_000 }, async () => {
  const serve = await startServe(['--logs', LOGS, '--rules', rules, '--timeout', '2s']);
  try {
    timeoutShape(await post(`${serve.url}/trailhound/detections`, NINE_YEARS));
  } finally {
    await serve.stop();
  }
});
