/**
 * A run's deadline and abort signal (RunInput.deadline/signal): what `trailhound serve` uses for
 * the client's `servertimeout` request property (learn.microsoft.com/kusto/api/rest/request-properties:
 * "servertimeout: Overrides the default request timeout"). The queries below would run for hours
 * to the end; the test timeout is the backstop, so a run that ignores its deadline fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';
import { QueryCancelledError } from '../../../src/kql/errors.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';

const workspace = loadWorkspace({});
const compile = (text: string) => compileQuery(text, workspace.catalog(new Map()));
const NOW = 638_000_000_000_000_000n;

test('a run past its deadline stops with QueryCancelledError(timeout), even one that never waits for I/O', { timeout: 60_000 }, async () => {
  // 10^12 rows through a streaming count: no batch ever ends the run, no timer could fire.
  const q = compile('range x from 1 to 1000000000000 step 1 | summarize count()');
  await assert.rejects(
    q.run({ now: NOW, tables: new Map(), deadline: Date.now() + 300 }),
    (e: unknown) => e instanceof QueryCancelledError && e.reason === 'timeout' && /servertimeout/.test(e.message),
  );
});

test('a streamed result stops at its deadline too', { timeout: 60_000 }, async () => {
  const q = compile('range x from 1 to 1000000000000 step 1 | extend y = x * 2');
  const stream = q.resultStream({ now: NOW, tables: new Map(), deadline: Date.now() + 300, properties: { notruncation: true } });
  let rows = 0;
  await assert.rejects(
    (async () => {
      for await (const b of stream.batches) rows += b.length;
    })(),
    (e: unknown) => e instanceof QueryCancelledError && e.reason === 'timeout',
  );
  assert.ok(rows > 0 && rows < 1_000_000_000_000);
});

test('an aborted signal stops the run with QueryCancelledError(cancelled)', { timeout: 60_000 }, async () => {
  const ac = new AbortController();
  const q = compile('range x from 1 to 1000000000000 step 1 | summarize count()');
  const run = q.run({ now: NOW, tables: new Map(), signal: ac.signal });
  ac.abort();
  await assert.rejects(run, (e: unknown) => e instanceof QueryCancelledError && e.reason === 'cancelled');
});

test('a run without a deadline or signal is not checked, and one within its deadline ends normally', async () => {
  const q = compile('range x from 1 to 100000 step 1 | summarize n = count()');
  const r = await q.run({ now: NOW, tables: new Map(), deadline: Date.now() + 600_000 });
  assert.equal(r.columns[0]![0], 100000n);
});

test('a long run with a deadline lets timers run while it computes (a server stays responsive)', { timeout: 60_000 }, async () => {
  const q = compile('range x from 1 to 1000000000000 step 1 | summarize count()');
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  try {
    await assert.rejects(q.run({ now: NOW, tables: new Map(), deadline: Date.now() + 1000 }), QueryCancelledError);
  } finally {
    clearInterval(timer);
  }
  // Without the pauses no timer callback could run before the run ended.
  assert.ok(ticks > 0, `the interval never ran (${ticks})`);
});
