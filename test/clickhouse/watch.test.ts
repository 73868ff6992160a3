/**
 * `watch` on a ClickHouse table (chDB) that the test fills minute by minute, as a loader would:
 * the watcher, stepped every simulated minute, reports exactly replay's alerts over the same
 * files (`--ingestion delivery`, overlapping lookbacks, docs/live.md), in the same runs; rows that
 * land in the table after every window of their events ran are missed with `--late sentinel` (as
 * a file delivered that late) and caught up once with `--late catch-up`; a restart neither loses
 * nor repeats an alert, rows that landed while it was down included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../../src/cloudtrail/clickhouse-layout.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../../src/cloudtrail/schema.ts';
import { loadTable } from '../../src/clickhouse/load.ts';
import { clickHouseFeed, feedSql } from '../../src/clickhouse/live-feed.ts';
import { compileRule, replay } from '../../src/detect/replay.ts';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import type { Alert } from '../../src/live/alerts.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { LiveRunner, type LatePolicy } from '../../src/live/runner.ts';
import { tempDir, ticks, writeTrailFile, type Ev } from '../live/helpers.ts';
import { chdb, NEEDS_CHDB } from './chdb.ts';

const schedule = { queryFrequency: 5n * TICKS_PER_MINUTE, queryPeriod: 15n * TICKS_PER_MINUTE };
const SINGLE = parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'single.kql', schedule);
const PER_ROW = { ...parseKqlRule('AWSCloudTrail | where EventName == "StopLogging" | project TimeGenerated, AwsEventId', 'per-row.kql', schedule), aggregationKind: 'AlertPerResult' as const };
// No pushed-down filter: every row of the table reaches its buffer.
const COUNT = parseKqlRule('AWSCloudTrail | summarize n = count() by bin(TimeGenerated, 5m) | where n >= 3', 'count.kql', schedule);
const RULES = [SINGLE, PER_ROW, COUNT];

const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const key = (a: { ruleName: string; scheduledTime: string; id: string }) => `${a.ruleName} ${a.scheduledTime} ${a.id}`;

interface File {
  /** Delivery time in the file name (what `_IngestionTime` holds once loaded). */
  readonly delivered: number;
  /** When the loader puts it into the table (a lagging loader: later than delivered). */
  readonly lands: number;
  readonly events: Ev[];
}

/** Files every 7 minutes from 10:00, delivered 2-6 minutes after their events; `lag` of them land in the table 25 minutes after delivery. */
function trail(lag: (k: number) => boolean): File[] {
  const files: File[] = [];
  for (let k = 0; k < 14; k++) {
    const base = Date.UTC(2026, 10, 28, 10, 0) + k * 7 * 60_000;
    const events: Ev[] = [
      { time: iso(base + 30_000), id: `d-${k}`, name: 'DeleteTrail' },
      { time: iso(base + 90_000), id: `s-${k}`, name: k % 3 === 0 ? 'StopLogging' : 'ListBuckets' },
      { time: iso(base + 100_000), id: `l-${k}`, name: 'ListBuckets' },
    ];
    const delivered = base + (2 + (k % 5)) * 60_000;
    files.push({ delivered, lands: delivered + (lag(k) ? 25 * 60_000 : 0), events });
  }
  return files;
}

async function replayed(dir: string): Promise<string[]> {
  const workspace = loadWorkspace({});
  const tables = new Map<string, TableSource>([[AWS_CLOUDTRAIL_TABLE, openCloudTrail([dir])]]);
  const r = await replay(RULES.map((rule) => compileRule(rule, workspace, tables)), tables, workspace.watchlists, { ingestion: 'delivery' });
  return r.alerts.map(key).sort();
}

let databases = 0;

/** Steps a watcher over a table the test fills as the files land; `restartAt`: minutes when a new runner restarts from the checkpoint, after that minute's files landed. */
async function watchTable(dir: string, files: File[], late: LatePolicy, restartAt: (minute: number, nowMs: number) => boolean = () => false): Promise<Alert[]> {
  const conn = await chdb();
  const database = `watch_${process.pid}_${databases++}`;
  const staging = join(dir, 'staging');
  const clock = new FixedClock(ticks('2026-11-28T09:40:00Z'));
  const runner = () => new LiveRunner({ rules: RULES, workspace: loadWorkspace({}), table: clickHouseFeed(conn, AWS_CLOUDTRAIL_LAYOUT, database), stateDir: join(dir, 'state'), clock, sinkNames: ['file'], late });
  await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([]), { database });
  let live = runner();
  await live.start();
  const got: Alert[] = [];
  for (let m = 0; m <= 160; m++) {
    const nowMs = Date.UTC(2026, 10, 28, 9, 40) + m * 60_000;
    for (const [i, f] of files.entries()) {
      if (f.lands !== nowMs) continue;
      const path = writeTrailFile(join(staging, String(i)), new Date(f.delivered).toISOString(), `f${i}`, f.events);
      await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([path]), { database });
    }
    clock.set(ticks(new Date(nowMs).toISOString()));
    if (restartAt(m, nowMs)) {
      live = runner();
      await live.start();
    }
    got.push(...(await live.step()).alerts);
  }
  return got;
}

/** The same files in one folder, named by their delivery time: what replay (detect) reads. */
function folder(dir: string, files: File[], stamp: (f: File) => number): string {
  const logs = join(dir, 'logs');
  for (const [i, f] of files.entries()) writeTrailFile(logs, new Date(stamp(f)).toISOString(), `f${i}`, f.events);
  return logs;
}

const opts = { skip: NEEDS_CHDB, timeout: 600_000 };

test('watch on a table filled as files land: exactly replay\'s alerts over the same files, none late', opts, async (t) => {
  const dir = tempDir(t);
  const files = trail(() => false);
  const want = await replayed(folder(dir, files, (f) => f.delivered));
  assert.ok(want.length >= 10, `replay found ${want.length} alerts`);
  assert.ok(want.some((k) => k.startsWith('count ')), 'the rule without pushed-down filter alerts too');
  const got = await watchTable(dir, files, 'catch-up');
  assert.deepEqual(got.map(key).sort(), want);
  assert.deepEqual(got.filter((a) => a.late), []);
});

test('rows that land after every window of their events ran: --late sentinel misses them as replay does a file delivered that late; catch-up reports each once, late', opts, async (t) => {
  const files = trail((k) => k % 4 === 3);
  const dir = tempDir(t);
  // What Sentinel sees: the lagging files delivered when they land.
  const want = await replayed(folder(dir, files, (f) => f.lands));
  const sentinel = await watchTable(join(dir, 'sentinel'), files, 'sentinel');
  assert.deepEqual(sentinel.map(key).sort(), want);

  const missed = files.filter((_f, k) => k % 4 === 3).flatMap((f) => f.events.filter((e) => e.name !== 'ListBuckets').map((e) => e.id));
  assert.ok(missed.length >= 4);
  const catchUp = await watchTable(join(dir, 'catch-up'), files, 'catch-up');
  assert.deepEqual(catchUp.filter((a) => !a.late).map(key).sort(), want);
  const late = catchUp.filter((a) => a.late);
  const lateEvidence = new Set(late.flatMap((a) => a.rows.map((r) => String(r.AwsEventId))));
  for (const id of missed) assert.ok(lateEvidence.has(id), `${id} caught up`);
  assert.equal(new Set(catchUp.map((a) => a.id)).size, catchUp.length, 'no alert twice');

  // Restarts every 11 minutes and whenever a file lands, so that rows land between the last
  // checkpoint and the restart (the late ones included): nothing lost, nothing repeated.
  const restarted = await watchTable(join(dir, 'restarted'), files, 'catch-up', (m, nowMs) => m % 11 === 0 || files.some((f) => f.lands === nowMs));
  assert.deepEqual(restarted.map((a) => `${key(a)} ${a.late}`).sort(), catchUp.map((a) => `${key(a)} ${a.late}`).sort());
});

test('the feed\'s SQL: the ingestion band, the oldest event a window needs, one match flag per rule and their OR as the WHERE', () => {
  const sql = feedSql(AWS_CLOUDTRAIL_LAYOUT, 'db', {
    filters: [[{ kind: 'in', column: 'EventName', values: ['DeleteTrail'], caseInsensitive: false }], []],
    eventsFrom: ticks('2026-11-28T10:00:00Z'),
    after: ticks('2026-11-28T09:00:00Z'),
    upTo: ticks('2026-11-28T10:00:00Z') + TICKS_PER_HOUR,
  });
  assert.match(sql, /, CAST\(ifNull\(`_DedupKey`, ''\) AS String\), CAST\(if\(\(\(`EventName` IN \('DeleteTrail'\)\)\), 1, 0\) AS Nullable\(Bool\)\), CAST\(if\(1, 1, 0\) AS Nullable\(Bool\)\) FROM `db`\.`AWSCloudTrail` FINAL WHERE /);
  assert.match(sql, / WHERE \(`_IngestionTime` IS NULL OR \(`_IngestionTime` > toDateTime64\('2026-11-28 09:00:00\.0000000', 7, 'UTC'\) AND `_IngestionTime` <= toDateTime64\('2026-11-28 11:00:00\.0000000', 7, 'UTC'\)\)\) AND `TimeGenerated` >= toDateTime64\('2026-11-28 10:00:00\.0000000', 7, 'UTC'\) AND \(\(\(\(`EventName` IN \('DeleteTrail'\)\)\)\) OR \(1\)\)$/);
});
