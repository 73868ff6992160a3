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
import { LiveRunner, type LatePolicy } from '../../src/live/runner.ts';
import type { Alert } from '../../src/live/alerts.ts';
import { FolderSource } from '../../src/live/sources.ts';
import { tempDir, ticks, writeTrailFile, type Ev } from './helpers.ts';

const schedule = { queryFrequency: 5n * TICKS_PER_MINUTE, queryPeriod: 15n * TICKS_PER_MINUTE };
const SINGLE = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'single.kql', schedule);
const PER_ROW = { ...parseKqlRule('AWSCloudTrail | where EventName == "StopLogging" | project TimeGenerated, AwsEventId', 'per-row.kql', schedule), aggregationKind: 'AlertPerResult' as const };

async function liveVsReplay(dir: string, late: LatePolicy, veryLate: boolean) {
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
    // With veryLate, every fourth file lands 25 minutes late: after every window of its events.
    files.push({ delivered: base + (veryLate && k % 4 === 3 ? 25 : 2 + (k % 5)) * 60_000, events });
  }
  const clock = new FixedClock(ticks('2026-11-28T09:40:00Z'));
  const live = new LiveRunner({ rules: [SINGLE, PER_ROW], workspace: loadWorkspace({}), source: new FolderSource(logs), stateDir: join(dir, 'state'), clock, sinkNames: ['file'], late });
  await live.start();
  const got: Alert[] = [];
  for (let m = 0; m <= 160; m++) {
    const nowMs = Date.UTC(2026, 10, 28, 9, 40) + m * 60_000;
    for (const [i, f] of files.entries()) {
      if (f.delivered === nowMs) writeTrailFile(logs, new Date(f.delivered).toISOString(), `f${i}`, f.events);
    }
    clock.set(ticks(new Date(nowMs).toISOString()));
    got.push(...(await live.step()).alerts);
  }

  const workspace = loadWorkspace({});
  const tables = new Map<string, TableSource>([[AWS_CLOUDTRAIL_TABLE, openCloudTrail([logs])]]);
  const compiled = [SINGLE, PER_ROW].map((r) => compileRule(r, workspace, tables));
  const replayed = await replay(compiled, tables, workspace.watchlists, { ingestion: 'delivery' });
  const key = (a: { ruleName: string; scheduledTime: string; id: string }) => `${a.ruleName} ${a.scheduledTime} ${a.id}`;
  const want = replayed.alerts.map(key).sort();
  assert.ok(want.length >= 8, `replay found ${want.length} alerts`);
  const missed = files.filter((f, k) => veryLate && k % 4 === 3).flatMap((f) => f.events.filter((e) => e.name !== 'ListBuckets').map((e) => e.id));
  return { onTime: got.filter((a) => !a.late).map(key).sort(), late: got.filter((a) => a.late), want, missed };
}

test('live alerts equal replay alerts (delivery ingestion, overlapping lookbacks)', async (t) => {
  const r = await liveVsReplay(tempDir(t), 'catch-up', false);
  assert.deepEqual(r.onTime, r.want);
  assert.deepEqual(r.late, []);
});

test('very late files: --late sentinel equals replay; catch-up reports every event replay missed, in late alerts, once', async (t) => {
  const sentinel = await liveVsReplay(tempDir(t), 'sentinel', true);
  assert.deepEqual(sentinel.onTime, sentinel.want);
  assert.deepEqual(sentinel.late, []);
  const catchUp = await liveVsReplay(tempDir(t), 'catch-up', true);
  assert.deepEqual(catchUp.onTime, catchUp.want);
  assert.ok(catchUp.missed.length >= 4);
  const lateEvidence = new Set(catchUp.late.flatMap((a) => a.rows.map((r) => String(r.AwsEventId))));
  for (const id of catchUp.missed) assert.ok(lateEvidence.has(id), `${id} caught up`);
  assert.equal(new Set(catchUp.late.map((a) => a.id)).size, catchUp.late.length);
});
