/**
 * Workers are kept warm between scans of a process: a later scan borrows them instead of starting
 * new ones, gives the same rows as one thread (with pushdown too), and a scan stopped early does
 * not hand a still-busy worker to the next scan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { workersLaunched } from '../../src/cloudtrail/worker-pool.ts';
import { collect, FIXTURES, tempDir, type Row } from './helpers.ts';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { buildIsCurrent } from '../../bin/build-current.js';
import { startEarlyWorker } from '../../bin/early-worker.js';

const key = (r: Row) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
const RULE: ScanPredicate[] = [
  { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
  { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
];

test('later scans reuse the warm workers and give the rows of one thread', async () => {
  const one = (await collect(openCloudTrail([FIXTURES], { workers: 1 }), RULE)).rows.map(key);
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0, batchSize: 7 });
  const first = (await collect(src, RULE)).rows.map(key);
  const started = workersLaunched();
  for (let i = 0; i < 3; i++) assert.deepEqual((await collect(src, RULE)).rows.map(key), first);
  assert.equal(workersLaunched(), started, 'no new worker for later scans');
  assert.equal(src.summary().workers, 2);
  assert.deepEqual(first, one);
  assert.ok(one.length > 0);
});

test('a scan stopped early does not lend its busy worker to the next scan', async () => {
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0, batchSize: 10 });
  await collect(src); // a worker is now idle in the pool
  const before = workersLaunched();
  for await (const b of src.scan({ predicates: [] })) if (b.length > 0) break;
  const all = (await collect(src)).rows.map(key);
  // replaced when it still had files of the stopped scan (almost always: it is sent two ahead)
  assert.ok(workersLaunched() <= before + 1);
  assert.deepEqual(all, (await collect(openCloudTrail([FIXTURES], { workers: 1 }))).rows.map(key));
});

test('streamed (large) files are shared between a worker and this thread with the same rows', async () => {
  const opts = { wholeFileMaxBytes: 0, batchSize: 50 };
  const one = (await collect(openCloudTrail([FIXTURES], { ...opts, workers: 1 }), RULE)).rows.map(key);
  const two = openCloudTrail([FIXTURES], { ...opts, workers: 2, parallelMinBytes: 0 });
  assert.deepEqual((await collect(two, RULE)).rows.map(key), one);
  assert.deepEqual((await collect(two)).rows.map(key), (await collect(openCloudTrail([FIXTURES], { ...opts, workers: 1 }))).rows.map(key));
});

test('workers started while the files are listed are the ones the scan borrows, not extra ones', async () => {
  const { borrowWorker, prewarmWorkers, returnWorker } = await import('../../src/cloudtrail/worker-pool.ts');
  // the pool holds idle workers from the tests above: take them out, so a prewarm must start one
  const held = [];
  for (let i = 0; i < 8; i++) {
    const before = workersLaunched();
    const w = await borrowWorker();
    held.push(w);
    if (workersLaunched() > before) break; // that one was new: the pool is empty
  }
  const before = workersLaunched();
  prewarmWorkers(1);
  prewarmWorkers(1); // already starting: no second one
  assert.equal(workersLaunched(), before + 1);
  const w = await borrowWorker();
  assert.equal(workersLaunched(), before + 1, 'the scan got the prewarmed worker');
  // it works like any other
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0 });
  await Promise.all([...held, w].map((x) => returnWorker(x, true)));
  assert.ok((await collect(src, RULE)).rows.length > 0);
});

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUILT_WORKER = join(ROOT, 'dist', 'node', 'worker.js');
const BUILT = buildIsCurrent(ROOT.replace(/\/$/, '')) && existsSync(BUILT_WORKER);

/** Takes every idle worker out of the pool, so that what a scan borrows next is what a test put there. */
async function drainPool(): Promise<Worker[]> {
  const { borrowWorker } = await import('../../src/cloudtrail/worker-pool.ts');
  const held: Worker[] = [];
  for (let i = 0; i < 8; i++) {
    const before = workersLaunched();
    held.push(await borrowWorker());
    if (workersLaunched() > before) break;
  }
  return held;
}

test('a worker bin/trailhound.js started before the CLI loaded is the one a scan borrows; unborrowed, a one-thread scan ends it', { skip: BUILT ? false : 'no current build (npm run build makes dist/node/worker.js)' }, async () => {
  const { adoptStartedWorker, returnWorker } = await import('../../src/cloudtrail/worker-pool.ts');
  const held = await drainPool();
  const early = startEarlyWorker(BUILT_WORKER);
  const before = workersLaunched();
  adoptStartedWorker(early.worker, early.ready);
  assert.equal(await early.ready, true);
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0 });
  const rows = (await collect(src, RULE)).rows.map(key);
  assert.equal(workersLaunched(), before + 1, 'the scan read with the adopted worker, no other');
  assert.equal(src.summary().workers, 2);
  assert.deepEqual(rows, (await collect(openCloudTrail([FIXTURES], { workers: 1 }), RULE)).rows.map(key));
  // the adopted worker went back to the pool: take it out again, then adopt one no scan borrows
  held.push(...(await drainPool()));
  const unused = startEarlyWorker(BUILT_WORKER);
  adoptStartedWorker(unused.worker, unused.ready);
  const exited = new Promise<number>((resolve) => unused.worker.once('exit', resolve));
  assert.ok((await collect(openCloudTrail([FIXTURES], { workers: 1 }), RULE)).rows.length > 0);
  await exited; // a one-thread scan ended it
  await Promise.all(held.map((w) => returnWorker(w, true)));
});

test('an early worker that fails to load is not lent: the scan starts its own', { skip: BUILT ? false : 'no current build' }, async (t) => {
  const { adoptStartedWorker, returnWorker } = await import('../../src/cloudtrail/worker-pool.ts');
  const held = await drainPool();
  const dir = tempDir(t);
  const broken = join(dir, 'broken-worker.mjs');
  writeFileSync(broken, 'throw new Error("cannot load");\n');
  const early = startEarlyWorker(broken);
  const before = workersLaunched();
  adoptStartedWorker(early.worker, early.ready);
  assert.equal(await early.ready, false);
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0 });
  assert.ok((await collect(src, RULE)).rows.length > 0);
  assert.equal(workersLaunched(), before + 2, 'the failed one, then one the scan started');
  assert.equal(src.summary().workers, 2);
  await Promise.all(held.map((w) => returnWorker(w, true)));
});
