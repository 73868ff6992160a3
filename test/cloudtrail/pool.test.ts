/**
 * The parallel reader does not run away from a slow consumer: rows read but not yet handed out stay
 * near the queued-rows limit (src/cloudtrail/pool.ts), and every row still arrives in file order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { runParallel, type PoolLimits } from '../../src/cloudtrail/pool.ts';
import { borrowWorker, returnWorker } from '../../src/cloudtrail/worker-pool.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import type { FileScanConfig, FileTask } from '../../src/cloudtrail/types.ts';
import { tempDir } from './helpers.ts';
import { unpackIds } from '../../src/cloudtrail/id-words.ts';

const FILES = 40;
const ROWS_PER_FILE = 20;

const config: FileScanConfig = {
  predicates: [],
  wanted: AWS_CLOUDTRAIL_SCHEMA.map(() => true),
  tenantId: '',
  escapePolicy: 'sentinel',
  maxFieldBytes: 32 * 1024,
  batchSize: 4096,
  maxRecordBytes: 64 * 1024 * 1024,
  maxInflateRatio: 250,
  wholeFileMaxBytes: 2 * 1024 * 1024,
  maxDiagnosticsPerFile: 20,
};

function files(dir: string): FileTask[] {
  const tasks: FileTask[] = [];
  for (let f = 0; f < FILES; f++) {
    const records = Array.from({ length: ROWS_PER_FILE }, (_, r) => ({ eventVersion: '1.08', eventID: `f${f}-r${r}`, eventTime: '2024-05-01T12:00:00Z', eventName: 'X' }));
    const path = join(dir, `f${String(f).padStart(3, '0')}.json`);
    writeFileSync(path, JSON.stringify({ Records: records }));
    tasks.push({ path, size: statSync(path).size, ingestion: null, format: 'auto' });
  }
  return tasks;
}

async function drain(tasks: FileTask[], limits: PoolLimits): Promise<{ maxQueued: number; ids: string[] }> {
  let maxQueued = 0;
  const ids: string[] = [];
  for await (const { ev } of runParallel(tasks, config, 1, limits, (n) => (maxQueued = Math.max(maxQueued, n)))) {
    if (ev.t !== 'batch') continue;
    ids.push(...unpackIds(ev.ids));
    await sleep(5); // a slow consumer: the worker and the read-ahead would race far ahead of it
  }
  return { maxQueued, ids };
}

test('a slow consumer holds the queued rows near the limit (plus the files already handed out), in file order', async (t) => {
  const tasks = files(tempDir(t));
  const expected = tasks.flatMap((_, f) => Array.from({ length: ROWS_PER_FILE }, (_, r) => `f${f}-r${r}`));
  const bounded = await drain(tasks, { workerQueue: 1, readAhead: 64, queuedRowsMax: 50 });
  assert.deepEqual(bounded.ids, expected);
  // past the limit nothing new is handed out or read here; what was already handed out (the
  // worker's current file and its one queued file) and this thread's file in progress still land
  assert.ok(bounded.maxQueued <= 50 + 3 * ROWS_PER_FILE, `queued at most ${bounded.maxQueued} rows`);
  // without the limit the same reading runs far ahead: the bound above is not vacuous
  const unbounded = await drain(tasks, { workerQueue: 1, readAhead: 64, queuedRowsMax: Number.MAX_SAFE_INTEGER });
  assert.deepEqual(unbounded.ids, expected);
  assert.ok(unbounded.maxQueued > 50 + 3 * ROWS_PER_FILE, `unbounded queued ${unbounded.maxQueued} rows`);
});

test('a reader thread that dies mid-scan costs only the file it was reading: the files queued behind it are read here, the scan ends', { timeout: 60_000 }, async (t) => {
  const tasks = files(tempDir(t));
  // the worker the scan will borrow (the idle one), killed as soon as rows are queued
  const w = await borrowWorker();
  await returnWorker(w, true);
  let killed = false;
  const ended: string[] = [];
  const died: string[] = [];
  const ids: string[] = [];
  const onQueued = () => {
    if (killed) return;
    killed = true;
    void w.terminate();
  };
  // batches of 2 rows: the worker waits for credits inside a file, so it dies in the middle of one
  for await (const { ev } of runParallel(tasks, { ...config, batchSize: 2 }, 1, { workerQueue: 4, readAhead: 64, queuedRowsMax: 16384 }, onQueued)) {
    if (ev.t === 'batch') ids.push(...unpackIds(ev.ids));
    else if (ev.t === 'end') ended.push(ev.stats.file);
    else if (ev.t === 'diag') died.push(`${ev.d.file}: ${ev.d.message}`);
    await sleep(2);
  }
  assert.ok(killed);
  assert.deepEqual(ended, tasks.map((x) => x.path), 'every file ends, in order');
  assert.equal(died.length, 1, died.join('\n'));
  assert.match(died[0]!, /: reader crashed: its reader thread died \(exit code 1\)$/);
  const lost = died[0]!.slice(0, died[0]!.indexOf(': reader crashed'));
  const want = tasks.flatMap((x, f) => (x.path === lost ? [] : Array.from({ length: ROWS_PER_FILE }, (_, r) => `f${f}-r${r}`)));
  assert.deepEqual(ids.filter((id) => !id.startsWith(`f${tasks.findIndex((x) => x.path === lost)}-`)), want);
});
