/**
 * Scheduling over a folder with simulated time: --from catches up at a cost that follows the
 * events, not the number of ticks; delivery-time visibility is replay's; restarts resume.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { LiveRunner } from '../../src/live/runner.ts';
import { FolderSource } from '../../src/live/sources.ts';
import { tempDir, ticks, writeTrailFile } from './helpers.ts';

const RULE = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'delete-trail.kql', {
  queryFrequency: 5n * TICKS_PER_MINUTE,
  queryPeriod: 5n * TICKS_PER_MINUTE,
});

function runner(dir: string, clock: FixedClock, from?: string) {
  return new LiveRunner({
    rules: [RULE], workspace: loadWorkspace({}), source: new FolderSource(join(dir, 'logs')), stateDir: join(dir, 'state'), clock,
    sinkNames: ['file'], from: from === undefined ? undefined : ticks(from),
  });
}

test('--from 30 days back: every run since is covered, but only windows with events are evaluated', async (t) => {
  const dir = tempDir(t);
  writeTrailFile(join(dir, 'logs'), '2026-11-10T08:03:00Z', 'a', [{ time: '2026-11-10T08:01:00Z', id: 'old' }]);
  writeTrailFile(join(dir, 'logs'), '2026-11-28T09:58:00Z', 'b', [{ time: '2026-11-28T09:56:00Z', id: 'recent' }]);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const r = runner(dir, clock, '2026-10-29T10:00:00Z');
  await r.start();
  const step = await r.step();
  // 8640 scheduled runs in 30 days; visited: per file the run that reads it and the one with its
  // event, plus the last due one.
  assert.ok(step.runs.length <= 5, `${step.runs.length} runs visited`);
  assert.deepEqual(step.alerts.map((a) => [a.scheduledTime, a.rows[0]!.AwsEventId]), [
    ['2026-11-10T08:00:00Z', 'old'],
    ['2026-11-28T09:55:00Z', 'recent'],
  ]);
  // The schedule is now at the clock: the next step runs nothing until the next tick is due.
  assert.deepEqual((await r.step()).runs, []);
});

test('delivery visibility: an event whose file lands after the run is not in that run (replay semantics)', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const r = runner(dir, clock);
  await r.start();
  // Happens 10:04 (window of the run scheduled 10:00, now() = 10:05) but delivered 10:07.
  writeTrailFile(join(dir, 'logs'), '2026-11-28T10:07:00Z', 'a', [{ time: '2026-11-28T10:04:00Z', id: 'e' }]);
  clock.set(ticks('2026-11-28T10:05:00Z'));
  const at1005 = await r.step();
  assert.deepEqual(at1005.alerts, []);
  assert.ok(at1005.runs.some((x) => x.scheduled === ticks('2026-11-28T10:00:00Z')));
  clock.set(ticks('2026-11-28T10:10:00Z'));
  const at1010 = await r.step();
  // Caught up (the default) once the file is there, marked late.
  assert.deepEqual(at1010.alerts.map((a) => [a.scheduledTime, a.late]), [['2026-11-28T10:00:00Z', true]]);
});
