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
import { collect, FIXTURES, type Row } from './helpers.ts';

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
