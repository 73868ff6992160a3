/**
 * The webhook sink: every alert reaches a receiver started by the test exactly once, with its id
 * as Idempotency-Key, also when the receiver was down for a while (alerts wait in the outbox,
 * delivery retries with backoff) or answered errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { Deliverer } from '../../src/live/deliver.ts';
import { LiveRunner } from '../../src/live/runner.ts';
import { WebhookSink } from '../../src/live/sinks.ts';
import { FolderSource } from '../../src/live/sources.ts';
import { Receiver, tempDir, ticks, waitFor, writeTrailFile } from './helpers.ts';

const RULE = {
  ...parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'delete-trail.kql', {
    queryFrequency: 5n * TICKS_PER_MINUTE,
    queryPeriod: 5n * TICKS_PER_MINUTE,
  }),
  aggregationKind: 'AlertPerResult' as const,
};

test('webhook: every alert exactly once, after the receiver was down and after 503s', async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  const receiver = new Receiver();
  await receiver.start();
  t.after(() => receiver.stop());
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const stateDir = join(dir, 'state');
  const open = async () => {
    const runner = new LiveRunner({ rules: [RULE], workspace: loadWorkspace({}), source: new FolderSource(logs), stateDir, clock, sinkNames: ['webhook'] });
    await runner.start();
    const deliverer = new Deliverer(runner.outbox, [new WebhookSink(receiver.url, 2000)], { baseMs: 5, maxMs: 40 });
    return { runner, deliverer };
  };
  let { runner, deliverer } = await open();
  writeTrailFile(logs, '2026-11-28T10:03:00Z', 'a', [{ time: '2026-11-28T10:01:00Z', id: 'e1' }, { time: '2026-11-28T10:02:00Z', id: 'e2' }]);
  clock.set(ticks('2026-11-28T10:05:00Z'));
  await runner.step();
  assert.equal(await deliverer.deliverOnce(), 0);
  assert.equal(receiver.keys.length, 2);

  // Down: the next alerts wait in the outbox, across a restart of the watcher too.
  await receiver.stop();
  writeTrailFile(logs, '2026-11-28T10:08:00Z', 'b', [{ time: '2026-11-28T10:06:00Z', id: 'e3' }]);
  writeTrailFile(logs, '2026-11-28T10:13:00Z', 'c', [{ time: '2026-11-28T10:11:00Z', id: 'e4' }, { time: '2026-11-28T10:12:00Z', id: 'e5' }]);
  clock.set(ticks('2026-11-28T10:15:00Z'));
  await runner.step();
  assert.equal(await deliverer.deliverOnce(), 3);
  assert.equal(runner.outbox.pending('webhook').length, 3);
  ({ runner, deliverer } = await open());
  assert.equal(runner.outbox.pending('webhook').length, 3);

  // Back, but answering 503 twice first: retried with backoff until accepted.
  receiver.failNext = 2;
  await receiver.start();
  await waitFor(async () => (await deliverer.deliverOnce()) === 0, 'the outbox to drain');
  assert.equal(receiver.failNext, 0);
  const ids = receiver.bodies.map((b) => (b.rows as { AwsEventId: string }[])[0]!.AwsEventId);
  assert.deepEqual(ids, ['e1', 'e2', 'e3', 'e4', 'e5']);
  assert.deepEqual(receiver.keys, receiver.bodies.map((b) => b.id));
  assert.equal(new Set(receiver.keys).size, 5);
  // Nothing more arrives later.
  clock.set(ticks('2026-11-28T10:30:00Z'));
  await runner.step();
  await deliverer.deliverOnce();
  assert.equal(receiver.keys.length, 5);
});
