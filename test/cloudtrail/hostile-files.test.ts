/**
 * Files built to hang or exhaust the reader (issue #13): a gzip bomb (a small .gz inflating to
 * half a gigabyte: JSON and CSV), a named pipe and a device given as log paths. Each costs only
 * itself: a message naming the file, a count in the summary, every other file read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { collect, tempDir } from './helpers.ts';

const record = (id: string) => JSON.stringify({ eventVersion: '1.08', eventID: id, eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1' });

/** gzip of head + `filler` repeated to `bytes` + tail, made by streaming (the inflated text is never in memory). */
async function gzipBomb(head: string, filler: string, bytes: number, tail: string): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (b: Buffer) => out.push(b));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const block = Buffer.alloc(16 * 1024 * 1024, filler);
  gz.write(head);
  for (let n = 0; n < bytes; n += block.length) {
    if (!gz.write(block)) await new Promise((resolve) => gz.once('drain', resolve));
  }
  gz.end(tail);
  await done;
  return Buffer.concat(out);
}

const HALF_GIB = 512 * 1024 * 1024;

test('a gzip bomb (JSON, 512 MiB of blanks in under 1 MB): reading stops at 250 times its size, the record before it kept, other files read', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const bomb = await gzipBomb(`{"Records":[${record('before')},`, ' ', HALF_GIB, `${record('after')}]}`);
  assert.ok(bomb.length < 1024 * 1024, String(bomb.length));
  const bombFile = join(dir, 'bomb.json.gz');
  writeFileSync(bombFile, bomb);
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ Records: [JSON.parse(record('other'))] }));
  const src = openCloudTrail([bombFile, good]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r['AwsEventId']).sort(), ['before', 'other']);
  const limit = Math.max(64 * 1024 * 1024, bomb.length * 250);
  const messages = src.diagnostics().filter((d) => d.file === bombFile).map((d) => d.message);
  assert.ok(
    messages.includes(
      `gzip stream inflates to more than 250 times the file's ${bomb.length.toLocaleString('en-US')} bytes (reading stopped at ${limit.toLocaleString('en-US')} decompressed bytes; ` +
        'no CloudTrail log compresses that well: a decompression bomb?); records before that point were kept',
    ),
    messages.join('\n'),
  );
  assert.equal(src.fileStats().find((f) => f.file === bombFile)!.status, 'partial');
  const s = src.summary();
  assert.equal(s.partialFiles, 1);
  assert.ok(s.failedRecords >= 1);
  assert.equal(s.rows, 2);
});

test('a gzip bomb in a CSV file (512 MiB of empty lines) stops the same way; its rows before it are kept', { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const header = 'eventVersion,eventID,eventTime,eventName,eventSource\n';
  const bomb = await gzipBomb(`${header}1.08,csv-before,2024-01-01T00:00:00Z,GetObject,s3.amazonaws.com\n`, '\n', HALF_GIB, '1.08,csv-after,2024-01-01T00:00:00Z,GetObject,s3.amazonaws.com\n');
  const bombFile = join(dir, 'bomb.csv.gz');
  writeFileSync(bombFile, bomb);
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ Records: [JSON.parse(record('other'))] }));
  const src = openCloudTrail([bombFile, good]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r['AwsEventId']).sort(), ['csv-before', 'other']);
  const d = src.diagnostics().find((x) => x.file === bombFile && x.severity === 'error')!;
  assert.match(d.message, /^gzip stream inflates to more than 250 times the file's [\d,]+ bytes .*a decompression bomb\?\); records before that point were kept$/);
  assert.equal(src.summary().partialFiles, 1);
});

test('a named pipe and a device given as log paths are not read (they never end), named and counted; the other file is read', { timeout: 60_000 }, async (t) => {
  const dir = tempDir(t);
  const fifo = join(dir, 'logs.fifo');
  execFileSync('mkfifo', [fifo]);
  const good = join(dir, 'good.json');
  writeFileSync(good, JSON.stringify({ Records: [JSON.parse(record('other'))] }));
  const src = openCloudTrail([fifo, '/dev/zero', good]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r['AwsEventId']), ['other']);
  assert.deepEqual(
    src.diagnostics().map((d) => `${d.file}: ${d.severity}: ${d.message}`),
    [
      `${fifo}: error: not read: a named pipe, not a regular file (save the logs to a file first)`,
      '/dev/zero: error: not read: a character device, not a regular file (save the logs to a file first)',
    ],
  );
  const s = src.summary();
  assert.equal(s.files, 3);
  assert.equal(s.failedFiles, 2);
});
