/**
 * Live = replay: files landing on time over simulated hours, overlapping lookbacks (period 15m,
 * frequency 5m), one rule per aggregation kind. The watcher, stepped every minute, must report
 * exactly replay's alerts (`--ingestion delivery`, de-duplicated across runs), in the same runs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../../src/cloudtrail/schema.ts';
import { compileRule, replay } from '../../src/detect/replay.ts';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { LiveRunner } from '../../src/live/runner.ts';
import { FolderSource } from '../../src/live/sources.ts';
import { tempDir, ticks, writeTrailFile, type Ev } from './helpers.ts';

const schedule = { queryFrequency: 5n * TICKS_PER_MINUTE, queryPeriod: 15n * TICKS_PER_MINUTE };
const SINGLE = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'single.kql', schedule);
const PER_ROW = { ...parseKqlRule('AWSCloudTrail | where EventName == "StopLogging" | project TimeGenerated, AwsEventId', 'per-row.kql', schedule), aggregationKind: 'AlertPerResult' as const };

test('live alerts equal replay alerts (delivery ingestion, overlapping lookbacks)', async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  // Files every 7 minutes from 10:00, delivered 2-6 minutes after their events.
  const files: { delivered: number; events: Ev[] }[] = [];
  for (let k = 0; k < 14; k++) {
    const base = Date.UTC(2026, 10, 28, 10, 0) + k * 7 * 60_000;
    const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
    const events: Ev[] = [
      { time: iso(base + 30_000), id: `d-${k}`, name: 'DeleteTrail' },
      { time: iso(base + 90_000), id: `s-${k}`, name: k % 3 === 0 ? 'StopLogging' : 'ListBuckets' },
    ];
    files.push({ delivered: base + (2 + (k % 5)) * 60_000, events });
  }
  const clock = new FixedClock(ticks('2026-11-28T09:40:00Z'));
  const live = new LiveRunner({ rules: [SINGLE, PER_ROW], workspace: loadWorkspace({}), source: new FolderSource(logs), stateDir: join(dir, 'state'), clock, sinkNames: ['file'] });
  await live.start();
  const got: string[] = [];
  for (let m = 0; m <= 160; m++) {
    const nowMs = Date.UTC(2026, 10, 28, 9, 40) + m * 60_000;
    for (const [i, f] of files.entries()) {
      if (f.delivered === nowMs) writeTrailFile(logs, new Date(f.delivered).toISOString(), `f${i}`, f.events);
    }
    clock.set(ticks(new Date(nowMs).toISOString()));
    for (const a of (await live.step()).alerts) got.push(`${a.ruleName} ${a.scheduledTime} ${a.id} ${a.late}`);
  }

  const workspace = loadWorkspace({});
  const tables = new Map<string, TableSource>([[AWS_CLOUDTRAIL_TABLE, openCloudTrail([logs])]]);
  const compiled = [SINGLE, PER_ROW].map((r) => compileRule(r, workspace, tables));
  const replayed = await replay(compiled, tables, workspace.watchlists, { ingestion: 'delivery' });
  const want = replayed.alerts.map((a) => `${a.ruleName} ${a.scheduledTime} ${a.id} false`);
  assert.ok(want.length >= 10, `replay found ${want.length} alerts`);
  assert.deepEqual([...got].sort(), [...want].sort());
});
