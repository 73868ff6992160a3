/** The watch loop survives an unreachable source (retries from the checkpoint); --once reports it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { Deliverer } from '../../src/live/deliver.ts';
import { LiveRunner } from '../../src/live/runner.ts';
import { S3Source } from '../../src/live/s3-source.ts';
import { watchLoop } from '../../src/live/watch.ts';
import { S3_CREDENTIALS, tempDir, ticks } from './helpers.ts';

const RULE = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail"', 'r.kql', { queryFrequency: 5n * TICKS_PER_MINUTE, queryPeriod: 5n * TICKS_PER_MINUTE });

function setup(dir: string) {
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  // Port 1 on loopback: nothing listens, connections are refused at once.
  const source = new S3Source({ url: 's3://trail/AWSLogs/', cacheDir: join(dir, 'cache'), endpoint: 'http://127.0.0.1:1', credentials: S3_CREDENTIALS });
  const runner = new LiveRunner({ rules: [RULE], workspace: loadWorkspace({}), source, stateDir: join(dir, 'state'), clock, sinkNames: ['file'] });
  return { clock, runner, deliverer: new Deliverer(runner.outbox, []) };
}

test('watch loop: an unreachable source is logged and retried, not fatal', async (t) => {
  const { clock, runner, deliverer } = setup(tempDir(t));
  const controller = new AbortController();
  const lines: string[] = [];
  const log = (l: string) => {
    lines.push(l);
    if (lines.filter((x) => x.startsWith('poll failed')).length >= 2) controller.abort();
  };
  await watchLoop({ runner, deliverer, clock, pollInterval: TICKS_PER_MINUTE, once: false, signal: controller.signal, log });
  assert.equal(lines.filter((x) => x.startsWith('poll failed')).length, 2);
});

test('watch loop --once: an unreachable source fails the invocation', async (t) => {
  const { clock, runner, deliverer } = setup(tempDir(t));
  await assert.rejects(watchLoop({ runner, deliverer, clock, pollInterval: TICKS_PER_MINUTE, once: true, signal: new AbortController().signal }));
});
