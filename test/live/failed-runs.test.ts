/**
 * watch: a run that exceeds a query limit is logged and checkpointed as run; the other rules'
 * runs and alerts go on, and a restart does not retry it forever (docs/live.md, "Failed runs").
 * Before, the runaway error failed the whole poll, which restarted from the checkpoint and failed
 * again: one bad rule stopped every rule.
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

const schedule = { queryFrequency: 5n * TICKS_PER_MINUTE, queryPeriod: 5n * TICKS_PER_MINUTE };
const GOOD = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'delete-trail.kql', schedule);
// Every run with a row asks for 100,000,000 elements: past a 256 MiB budget.
const RUNAWAY = parseKqlRule('AWSCloudTrail | take 1 | extend a = repeat(1, 100000000) | project n = array_length(a)', 'runaway.kql', schedule);

test('watch: the runaway rule\'s run fails alone, is logged, and is not retried; the other rule alerts', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const lines: string[] = [];
  const make = () =>
    new LiveRunner({
      rules: [RUNAWAY, GOOD], workspace: loadWorkspace({}), source: new FolderSource(join(dir, 'logs')), stateDir: join(dir, 'state'), clock,
      sinkNames: ['file'], log: (l) => lines.push(l), properties: { max_memory_consumption_per_query_per_node: 256 * 1024 * 1024 },
    });
  const r = make();
  await r.start();
  writeTrailFile(join(dir, 'logs'), '2026-11-28T10:03:00Z', 'a', [{ time: '2026-11-28T10:02:00Z', id: 'e1' }]);
  clock.set(ticks('2026-11-28T10:10:00Z'));
  const step = await r.step();
  assert.deepEqual(step.alerts.map((a) => [a.ruleName, a.rows[0]!.AwsEventId]), [['delete-trail', 'e1']]);
  const failed = step.runs.filter((x) => x.failed !== undefined);
  assert.deepEqual(failed.map((x) => [x.rule, x.scheduled]), [['runaway', ticks('2026-11-28T10:00:00Z')]]);
  assert.match(failed[0]!.failed!, /^The repeat\(\) function has exceeded the memory budget during evaluation\. Results might be incorrect or incomplete \(E_RUNAWAY_QUERY\)\./);
  assert.ok(lines.some((l) => /^run failed rule="runaway" scheduled=2026-11-28T10:00:00\.000Z files=\d+ records=1 error="The repeat\(\) function has exceeded/.test(l)), lines.join('\n'));
  // The failed run was checkpointed: a restart does not run it again.
  const again = make();
  await again.start();
  const next = await again.step();
  assert.deepEqual(next.runs.filter((x) => x.failed !== undefined), []);
  assert.deepEqual(next.alerts, []);
});
