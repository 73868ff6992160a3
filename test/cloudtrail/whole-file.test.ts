/**
 * Memory reused from file to file (the read buffer, the scanner's inflate region) is lent to one
 * reader at a time: scans interleaved in one thread each get their own rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readWholeFile } from '../../src/cloudtrail/whole-file.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { collect, FIXTURES, tempDir, type Row } from './helpers.ts';

test('readWholeFile: a second read while the first is held gets its own bytes', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a'), 'first file');
  writeFileSync(join(dir, 'b'), 'second');
  const a = readWholeFile(join(dir, 'a'));
  const b = readWholeFile(join(dir, 'b'));
  assert.equal(a.bytes.toString(), 'first file');
  assert.equal(b.bytes.toString(), 'second');
  b.release();
  a.release();
  a.release(); // idempotent: must not free the buffer for someone else's read
  const c = readWholeFile(join(dir, 'b'));
  const d = readWholeFile(join(dir, 'a'));
  assert.equal(c.bytes.toString(), 'second');
  assert.equal(d.bytes.toString(), 'first file');
  c.release();
  d.release();
  writeFileSync(join(dir, 'empty'), '');
  assert.equal(readWholeFile(join(dir, 'empty')).bytes.length, 0);
  assert.throws(() => readWholeFile(join(dir, 'missing')), /ENOENT/);
});

test('readWholeFile with the size discovery saw: a file that grew or shrank since is still read whole', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'f'), 'exactly this');
  const same = readWholeFile(join(dir, 'f'), 12);
  assert.equal(same.bytes.toString(), 'exactly this');
  same.release();
  const grew = readWholeFile(join(dir, 'f'), 5);
  assert.equal(grew.bytes.toString(), 'exactly this');
  grew.release();
  const shrank = readWholeFile(join(dir, 'f'), 40);
  assert.equal(shrank.bytes.toString(), 'exactly this');
  shrank.release();
});

const key = (r: Row) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

test('scans interleaved in one thread (shared read and inflate memory) give their own rows', async (t) => {
  const dir = tempDir(t);
  const records = (n: number) => Array.from({ length: 50 }, (_, i) => ({ eventVersion: '1.08', eventID: `${n}-${i}`, eventTime: '2023-07-10T11:55:00Z', eventName: i % 5 === 0 ? 'DescribeEventAggregates' : 'Other', pad: 'z'.repeat(i * 20) }));
  for (let n = 0; n < 6; n++) writeFileSync(join(dir, `f${n}.json.gz`), gzipSync(JSON.stringify({ Records: records(n) })));
  writeFileSync(join(dir, 'plain.json'), JSON.stringify({ Records: records(9) }));
  const preds = [{ kind: 'has' as const, column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false }];
  const alone = (await collect(openCloudTrail([dir], { batchSize: 3 }), preds)).rows.map(key);
  const fixtures = (await collect(openCloudTrail([FIXTURES], { batchSize: 3 }))).rows.map(key);
  const [x, y, z] = await Promise.all([
    collect(openCloudTrail([dir], { batchSize: 3 }), preds),
    collect(openCloudTrail([FIXTURES], { batchSize: 3 })),
    collect(openCloudTrail([dir], { batchSize: 3 }), preds),
  ]);
  assert.deepEqual(x.rows.map(key), alone);
  assert.deepEqual(z.rows.map(key), alone);
  assert.deepEqual(y.rows.map(key), fixtures);
  assert.equal(alone.length, 7 * 10);
});
