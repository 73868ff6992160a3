/**
 * Every real sample is read, with the expected counts; the worker-thread path gives exactly the
 * rows (and order) of the single-thread path; duplicates are dropped by default and counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { collect, FIXTURES, INVICTUS, DERIVED, STRATUS, SENTINEL_CSV } from './helpers.ts';

const key = (r: unknown) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

test('every sample file is read: Invictus 2,900 + derived 48 (duplicates) + Stratus 50 + Sentinel export 5', async () => {
  const src = openCloudTrail([FIXTURES]);
  const { rows } = await collect(src);
  const s = src.summary();
  assert.equal(s.files, 62);
  assert.equal(s.records, 2900 + 48 + 50 + 5);
  assert.equal(s.duplicates, 48, 'the derived file repeats 48 Invictus eventIDs');
  assert.equal(rows.length, 2900 + 50 + 5);
  assert.equal(s.rows, rows.length);
  assert.equal(s.failedRecords + s.failedFiles + s.coercedRecords, 0, src.describeSummary());
  assert.equal(src.diagnostics().length, 0);
  for (const [path, n] of [[INVICTUS, 2900], [DERIVED, 48], [STRATUS, 50], [SENTINEL_CSV, 5]] as const) {
    assert.equal((await collect(openCloudTrail([path]))).rows.length, n, path);
  }
});

test('streaming every file (no whole-file reads) gives the same rows', async () => {
  const whole = await collect(openCloudTrail([FIXTURES]));
  const streamed = await collect(openCloudTrail([FIXTURES], { wholeFileMaxBytes: 0 }));
  assert.deepEqual(streamed.rows.map(key), whole.rows.map(key));
  assert.deepEqual(streamed.ingestion, whole.ingestion);
});

test('keepDuplicates keeps repeated eventIDs', async () => {
  const src = openCloudTrail([INVICTUS, DERIVED], { keepDuplicates: true });
  assert.equal((await collect(src)).rows.length, 2948);
  assert.equal(src.summary().duplicates, 0);
});

test('worker threads give the same rows, order and ingestion times as one thread', async () => {
  const one = openCloudTrail([FIXTURES], { workers: 1 });
  const two = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0, batchSize: 100 });
  const a = await collect(one);
  const b = await collect(two);
  assert.equal(one.summary().workers, 0);
  assert.equal(two.summary().workers, 2);
  assert.equal(b.rows.length, a.rows.length);
  assert.deepEqual(b.rows.map(key), a.rows.map(key));
  assert.deepEqual(b.ingestion, a.ingestion);
  assert.equal(two.summary().duplicates, 48);
  assert.ok(b.batches > a.batches, 'smaller batches');
});

test('batches hold at most batchSize rows and carry ingestion for every row', async () => {
  let max = 0;
  for await (const b of openCloudTrail([INVICTUS], { batchSize: 256 }).scan({ predicates: [] })) {
    max = Math.max(max, b.length);
    assert.equal(b.ingestion!.length, b.length);
    for (const c of b.columns) assert.equal(c.length, b.length);
  }
  assert.equal(max, 256);
});

test('stopping early (break, or an aborted signal) ends the scan and its workers cleanly', async () => {
  const src = openCloudTrail([FIXTURES], { workers: 2, parallelMinBytes: 0, batchSize: 50 });
  let n = 0;
  for await (const b of src.scan({ predicates: [] })) {
    n += b.length;
    if (n >= 100) break;
  }
  assert.ok(n >= 100 && n < 200, String(n));
  const ac = new AbortController();
  let m = 0;
  for await (const b of openCloudTrail([INVICTUS], { batchSize: 10 }).scan({ predicates: [], signal: ac.signal })) {
    m += b.length;
    ac.abort();
  }
  assert.equal(m, 10);
  // a projected scan through workers fills the unread columns with their null values
  const proj = await collect(openCloudTrail([INVICTUS, STRATUS], { workers: 2, parallelMinBytes: 0 }), [], new Set(['EventName']));
  assert.equal(proj.rows.length, 2950);
  assert.ok(proj.rows.every((r) => r['UserAgent'] === '' && r['ReadOnly'] === null && r['EventName'] !== ''));
});
