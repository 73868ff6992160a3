/**
 * Folder mode with files written in place (not renamed into place): each test writes real files
 * in steps (half a file, poll, the rest, poll) and drives the real LiveRunner with a fixed clock.
 * No record is lost (the rest is read from where the last read stopped), none is alerted twice
 * (also across a restart), a file that stays cut is reported once and counted, every read
 * failure is logged naming the file and counted in the state; duplicates are counted, and a
 * copy that differs is logged naming both files.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseKqlRule } from '../../src/detect/rule-kql.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { TICKS_PER_MINUTE } from '../../src/kql/types.ts';
import { FixedClock } from '../../src/live/clock.ts';
import { LiveRunner } from '../../src/live/runner.ts';
import { FolderSource, type FoundObject, type LogSource } from '../../src/live/sources.ts';
import type { Alert } from '../../src/live/alerts.ts';
import { record, tempDir, ticks, trailKey, type Ev } from './helpers.ts';

const RULE = {
  ...parseKqlRule('AWSCloudTrail | where EventName == "DeleteTrail" | project TimeGenerated, AwsEventId', 'delete-trail.kql', {
    queryFrequency: 5n * TICKS_PER_MINUTE,
    queryPeriod: 5n * TICKS_PER_MINUTE,
  }),
  aggregationKind: 'AlertPerResult' as const,
};
const workspace = loadWorkspace({});
const root = fileURLToPath(new URL('../..', import.meta.url));

interface Watcher {
  runner: LiveRunner;
  logs: string[];
  /** Steps at the given instant; returns the event ids alerted. */
  step(iso: string): Promise<string[]>;
}

async function watcher(dir: string, clock: FixedClock, source?: LogSource): Promise<Watcher> {
  const logs: string[] = [];
  const runner = new LiveRunner({
    rules: [RULE], workspace, source: source ?? new FolderSource(join(dir, 'logs')), stateDir: join(dir, 'state'), clock,
    sinkNames: ['file'], log: (l) => logs.push(l), settleMs: 30_000,
  });
  await runner.start();
  return {
    runner,
    logs,
    step: async (iso) => {
      clock.set(ticks(iso));
      return ids((await runner.step()).alerts);
    },
  };
}

function ids(alerts: readonly Alert[]): string[] {
  return alerts.flatMap((a) => a.rows.map((r) => String(r.AwsEventId))).sort();
}

function place(dir: string, key: string): string {
  const p = join(dir, 'logs', key);
  mkdirSync(dirname(p), { recursive: true });
  return p;
}

/** Sets a file's mtime `seconds` in the past (a writer that stopped that long ago). */
function age(p: string, seconds: number): void {
  const t = new Date(Date.now() - seconds * 1000);
  utimesSync(p, t, t);
}

const EVENTS: Ev[] = [
  { time: '2026-11-28T10:01:00Z', id: 'e1' },
  { time: '2026-11-28T10:01:10Z', id: 'x1', name: 'ListBuckets' },
  { time: '2026-11-28T10:01:20Z', id: 'e2' },
  { time: '2026-11-28T10:01:30Z', id: 'e3' },
];

function state(dir: string) {
  return JSON.parse(readFileSync(join(dir, 'state', 'state.json'), 'utf8')) as { objects: Record<string, { read?: number; waiting?: boolean }>; counters: { readFailures: number; duplicates: number; differingDuplicates: number } };
}

test('a CloudTrail JSON file written in place: half of it is not consumed; the whole file is read at the next poll', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const w = await watcher(dir, clock);
  const body = Buffer.from(JSON.stringify({ Records: EVENTS.map(record) }));
  const p = place(dir, trailKey('2026-11-28T10:03:00Z', 'a').replace(/\.gz$/, ''));
  // cut inside the third record: e1 whole, e2 cut
  writeFileSync(p, body.subarray(0, body.indexOf('"e2"') + 2));
  assert.deepEqual(await w.step('2026-11-28T10:04:00Z'), []);
  assert.deepEqual(w.runner.filesRead, [], 'an incomplete JSON document is not read');
  assert.equal(Object.values(state(dir).objects)[0]!.waiting, true);
  writeFileSync(p, body);
  assert.deepEqual(await w.step('2026-11-28T10:06:00Z'), ['e1', 'e2', 'e3']);
  assert.deepEqual(w.runner.filesRead, [p]);
  assert.deepEqual(w.logs.filter((l) => l.startsWith('read failed')), []);
  assert.deepEqual(state(dir).counters, { readFailures: 0, duplicates: 0, differingDuplicates: 0 });
});

test('a .json.gz written in place: an unfinished gzip stream is retried at the next poll, not reported', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const w = await watcher(dir, clock);
  const gz = gzipSync(JSON.stringify({ Records: EVENTS.map(record) }));
  const p = place(dir, trailKey('2026-11-28T10:03:00Z', 'a'));
  writeFileSync(p, gz.subarray(0, Math.floor(gz.length * 0.6)));
  assert.deepEqual(await w.step('2026-11-28T10:04:00Z'), []);
  assert.deepEqual(w.runner.filesRead, []);
  appendFileSync(p, gz.subarray(Math.floor(gz.length * 0.6)));
  assert.deepEqual(await w.step('2026-11-28T10:06:00Z'), ['e1', 'e2', 'e3']);
  assert.deepEqual(w.logs.filter((l) => l.startsWith('read failed')), []);
});

test('JSON Lines appended to: whole lines are read at once, the rest from where the last read stopped, across a restart', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const first = await watcher(dir, clock);
  const line = (e: Ev) => `${JSON.stringify(record(e))}\n`;
  const p = place(dir, 'stream/events_20261128T1003Z_app.jsonl');
  const third = line(EVENTS[2]!);
  writeFileSync(p, line(EVENTS[0]!) + line(EVENTS[1]!) + third.slice(0, 40));
  assert.deepEqual(await first.step('2026-11-28T10:04:00Z'), []);
  const read = Object.values(state(dir).objects)[0]!.read!;
  assert.equal(read, Buffer.byteLength(line(EVENTS[0]!) + line(EVENTS[1]!)), 'up to the last whole line');
  // a restart in between: the rows read are rebuilt from the file, the rest is read once
  const second = await watcher(dir, clock);
  appendFileSync(p, third.slice(40) + line(EVENTS[3]!));
  const alerted = await second.step('2026-11-28T10:06:00Z');
  assert.deepEqual(alerted, ['e1', 'e2', 'e3'], 'e1 read before the restart, e2 and e3 after; each once');
  assert.deepEqual(second.runner.filesRead, [p]);
  assert.equal(state(dir).counters.duplicates, 0, 'nothing read twice');
  // a last line without its newline is whole when it parses
  appendFileSync(p, JSON.stringify(record({ time: '2026-11-28T10:06:30Z', id: 'e4' })));
  assert.deepEqual(await second.step('2026-11-28T10:11:00Z'), ['e4']);
  appendFileSync(p, '\n');
  assert.deepEqual(await second.step('2026-11-28T10:16:00Z'), []);
  assert.deepEqual(second.logs.filter((l) => l.startsWith('read failed')), []);
});

test('a file that stays cut after its writer stopped: read as it is, reported once and counted; a half line waits', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const w = await watcher(dir, clock);
  // many records, so that the cut gzip still inflates to whole records before the cut
  const many: Ev[] = Array.from({ length: 400 }, (_, i) => ({ time: '2026-11-28T10:01:00Z', id: `d${String(i).padStart(3, '0')}`, name: i % 2 === 0 ? 'DeleteTrail' : 'ListBuckets' }));
  const gz = gzipSync(JSON.stringify({ Records: many.map(record) }));
  const cut = place(dir, trailKey('2026-11-28T10:03:00Z', 'cut'));
  writeFileSync(cut, gz.subarray(0, Math.floor(gz.length * 0.7)));
  age(cut, 120);
  const half = place(dir, 'stream/events_20261128T1003Z_app.jsonl');
  writeFileSync(half, `${JSON.stringify(record({ time: '2026-11-28T10:01:00Z', id: 'h1' }))}\n{"eventVersion":"1.08","eventTi`);
  age(half, 120);
  // first look: both wait (an unchanged size is only known at the next poll)
  assert.deepEqual(await w.step('2026-11-28T10:04:00Z'), []);
  assert.deepEqual(w.logs.filter((l) => l.startsWith('read failed')), []);
  const alerted = await w.step('2026-11-28T10:06:00Z');
  const failures = w.logs.filter((l) => l.startsWith('read failed'));
  assert.equal(failures.length, 2, failures.join('\n'));
  assert.ok(failures.some((l) => l.startsWith(`read failed: ${cut}: ends inside a record and has not changed for `) && l.endsWith(': read as it is')), failures.join('\n'));
  assert.ok(failures.some((l) => l.startsWith(`read failed: ${half}: ends inside a line at byte `) && l.endsWith('that line is read when it is finished')), failures.join('\n'));
  // the records before the cut are kept: the DeleteTrails among the first ones
  assert.ok(alerted.includes('d000') && alerted.includes('h1'), alerted.join(','));
  assert.ok(alerted.length < 200, 'not the records after the cut');
  assert.equal(state(dir).counters.readFailures, 2);
  // reported once, not at every poll
  await w.step('2026-11-28T10:11:00Z');
  assert.equal(w.logs.filter((l) => l.startsWith('read failed')).length, 2);
  assert.equal(state(dir).counters.readFailures, 2);
  // the half line is finished after all: read then, nothing lost
  appendFileSync(half, `me":"2026-11-28T10:12:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"DeleteTrail","eventID":"h2"}\n`);
  assert.deepEqual(await w.step('2026-11-28T10:16:00Z'), ['h2']);
});

test('read failures are logged at every poll, naming the file and the reason, and counted; a file that could not be opened is tried again', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const folder = new FolderSource(join(dir, 'logs'));
  // (a broken record the rule's pre-filter rules out is not parsed, so not reported: docs/cloudtrail.md)
  const broken = place(dir, trailKey('2026-11-28T10:03:00Z', 'broken').replace(/\.gz$/, ''));
  writeFileSync(broken, `{"Records":[${JSON.stringify(record(EVENTS[0]!))},{"eventID":"bad","eventName":"DeleteTrail" "x"},${JSON.stringify(record(EVENTS[2]!))}]}`);
  const moving = place(dir, trailKey('2026-11-28T10:03:00Z', 'moving'));
  writeFileSync(moving, gzipSync(JSON.stringify({ Records: [record(EVENTS[3]!)] })));
  // a file rotated away between the listing and the read (once)
  let rotate = true;
  const source: LogSource = {
    description: folder.description,
    problems: () => folder.problems(),
    list: async (floor) => {
      const found: FoundObject[] = await folder.list(floor);
      if (rotate) renameSync(moving, `${moving}.away`);
      return found;
    },
  };
  const w = await watcher(dir, clock, source);
  await w.step('2026-11-28T10:04:00Z');
  const failures = () => w.logs.filter((l) => l.startsWith('read failed'));
  assert.equal(failures().length, 2, failures().join('\n'));
  assert.ok(failures().some((l) => l.startsWith(`read failed: ${broken}: record 1 (byte `) && l.includes(': error: not valid JSON')), failures().join('\n'));
  assert.ok(failures().includes(`read failed: ${moving}: cannot read (ENOENT); tried again at the next poll`), failures().join('\n'));
  assert.equal(state(dir).counters.readFailures, 2);
  // back in place: read at the next poll, its record not lost
  rotate = false;
  renameSync(`${moving}.away`, moving);
  assert.deepEqual(await w.step('2026-11-28T10:06:00Z'), ['e1', 'e2', 'e3']);
  assert.equal(failures().length, 2, 'the broken file is not read (nor reported) again');
  // the run line counts what happened since the previous one: the two files read, the two failures
  assert.match(w.logs.filter((l) => l.startsWith('run ')).at(-1)!, /scheduled=2026-11-28T10:00:00.000Z files=2 failed=2 duplicates=0 /);
});

test('duplicates in watch: counted; a copy that differs is logged naming both files; the first copy is the one alerted', async (t: TestContext) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const w = await watcher(dir, clock);
  const planted = place(dir, trailKey('2026-11-28T10:02:00Z', 'planted'));
  const real = place(dir, trailKey('2026-11-28T10:03:00Z', 'real'));
  const same = place(dir, trailKey('2026-11-28T10:03:00Z', 'same'));
  // the planted copy of e1 says DeleteTrail too but from another time; e2's copy is identical
  writeFileSync(planted, gzipSync(JSON.stringify({ Records: [record({ time: '2026-11-28T10:01:05Z', id: 'e1' })] })));
  writeFileSync(real, gzipSync(JSON.stringify({ Records: [record({ time: '2026-11-28T10:01:00Z', id: 'e1' }), record(EVENTS[2]!)] })));
  writeFileSync(same, gzipSync(JSON.stringify({ Records: [record(EVENTS[2]!)] })));
  assert.deepEqual(await w.step('2026-11-28T10:06:00Z'), ['e1', 'e2']);
  const dup = w.logs.filter((l) => l.startsWith('duplicate:'));
  assert.deepEqual(dup, [`duplicate: eventID "e1" in ${real} differs from the copy read first from ${planted}: this copy was dropped, the first kept`]);
  assert.deepEqual(state(dir).counters, { readFailures: 0, duplicates: 2, differingDuplicates: 1 });
  assert.deepEqual(w.runner.counters(), state(dir).counters);
});

test('the watch command: read failures and duplicates on their own lines, their totals in the closing line (real process)', async (t) => {
  const dir = tempDir(t);
  const broken = place(dir, trailKey('2026-11-28T10:03:00Z', 'broken').replace(/\.gz$/, ''));
  writeFileSync(broken, `{"Records":[${JSON.stringify(record(EVENTS[0]!))},{"eventName":"DeleteTrail" "x"}]}`);
  writeFileSync(place(dir, trailKey('2026-11-28T10:04:00Z', 'copy')), gzipSync(JSON.stringify({ Records: [record(EVENTS[0]!)] })));
  const cli = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, 'watch', '--logs', join(dir, 'logs'), '--state', join(dir, 'state'), '--once', '--now', '2026-11-28T10:10:00Z', '--from', '2026-11-28T10:00:00Z', '--rules', join(root, 'test/fixtures/live/delete-trail.kql')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`read failed: ${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: record 1 \\(byte \\d+\\)`));
  assert.match(r.stderr, /stopped: \d+ alert\(s\) delivered; since the state was created: 1 read failure\(s\), 1 duplicate\(s\) dropped \(0 with different content\)/);
  assert.equal(r.stdout.trim().split('\n').length, 1, 'e1 alerted once');
});

test('a checkpoint written before files were followed as they grow: its files are not read again', async (t) => {
  const dir = tempDir(t);
  const clock = new FixedClock(ticks('2026-11-28T10:00:00Z'));
  const p = place(dir, trailKey('2026-11-28T10:03:00Z', 'a'));
  writeFileSync(p, gzipSync(JSON.stringify({ Records: [record(EVENTS[0]!)] })));
  const first = await watcher(dir, clock);
  assert.deepEqual(await first.step('2026-11-28T10:06:00Z'), ['e1']);
  // the record as the earlier version kept it: no size, mtime or bytes read
  const file = join(dir, 'state', 'state.json');
  const s = JSON.parse(readFileSync(file, 'utf8')) as { objects: Record<string, Record<string, unknown>> };
  for (const rec of Object.values(s.objects)) for (const k of ['size', 'mtimeMs', 'read', 'consumed', 'format', 'waiting', 'cutReported']) delete rec[k];
  writeFileSync(file, JSON.stringify(s));
  const second = await watcher(dir, clock);
  assert.deepEqual(await second.step('2026-11-28T10:11:00Z'), []);
  assert.deepEqual(second.runner.filesRead, []);
  assert.equal(state(dir).counters.duplicates, 0);
});
