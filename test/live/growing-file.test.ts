/**
 * fileExtent: where the complete part of a file still being written ends. Real files cut at
 * every byte: a JSON document is complete only once its top-level value closes (brackets inside
 * strings and escaped quotes do not count), JSON Lines up to the last whole line, gzip only with
 * its end.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileExtent } from '../../src/live/growing-file.ts';
import { tempDir } from './helpers.ts';

const TRICKY = { eventID: 'a"}]{[\\', eventName: 'DeleteTrail', requestParameters: { name: '}}}', list: [1, { x: '\\"' }] } };
const DOC = `\uFEFF{"Records":[${JSON.stringify(TRICKY)},${JSON.stringify({ ...TRICKY, eventID: 'b' })}]}\n`;

test('a JSON document cut anywhere is complete only when its top-level value has closed', async (t) => {
  const dir = tempDir(t);
  const p = join(dir, 'doc.json');
  const bytes = Buffer.from(DOC);
  const close = bytes.lastIndexOf('}') + 1;
  for (let n = 1; n <= bytes.length; n++) {
    writeFileSync(p, bytes.subarray(0, n));
    const e = await fileExtent(p, 0);
    assert.equal(e.format, 'json');
    assert.equal(e.length, n);
    // complete from the closing brace on (the trailing newline is whitespace)
    assert.equal(e.end, n >= close ? n : 0, `cut at ${n}`);
    assert.equal(e.content, n >= close);
  }
});

test('several documents one after the other: complete up to the last one that closed; read on from there', async (t) => {
  const dir = tempDir(t);
  const p = join(dir, 'docs.json');
  const one = `{"Records":[${JSON.stringify(TRICKY)}]}`;
  // (separated by a space: with a newline after a whole object it would be JSON Lines, as for the reader)
  writeFileSync(p, `${one} ${one.slice(0, 20)}`);
  const e = await fileExtent(p, 0);
  assert.deepEqual([e.end, e.length], [one.length, one.length + 21]);
  writeFileSync(p, `${one} ${one}`);
  const next = await fileExtent(p, e.end);
  assert.deepEqual([next.end, next.length, next.content], [2 * one.length + 1, 2 * one.length + 1, true]);
  const nothing = await fileExtent(p, next.end);
  assert.deepEqual([nothing.end, nothing.content], [next.end, false]);
});

test('JSON Lines: complete up to the last newline, or to the end when the last line parses', async (t) => {
  const dir = tempDir(t);
  const p = join(dir, 'events.jsonl');
  const lines = [1, 2, 3].map((i) => JSON.stringify({ ...TRICKY, eventID: `l${i}` }));
  const text = Buffer.from(lines.join('\n'));
  for (let n = 1; n <= text.length; n++) {
    writeFileSync(p, text.subarray(0, n));
    const e = await fileExtent(p, 0);
    assert.equal(e.format, 'jsonl');
    const nl = text.subarray(0, n).lastIndexOf('\n');
    const whole = n === lines[0]!.length || n === lines[0]!.length + lines[1]!.length + 1 || n === text.length;
    assert.equal(e.end, whole ? n : nl + 1, `cut at ${n}`);
  }
  // from a boundary: only what follows counts
  const e = await fileExtent(p, lines[0]!.length + 1);
  assert.deepEqual([e.end, e.content], [text.length, true]);
});

test('gzip: a stream without its end is not ended (at any cut); the whole one is', async (t) => {
  const dir = tempDir(t);
  const p = join(dir, 'doc.json.gz');
  const gz = gzipSync(DOC);
  // (from 2 bytes on: a 1-byte file does not show the gzip magic)
  for (let n = 2; n < gz.length; n += 7) {
    writeFileSync(p, gz.subarray(0, n));
    const e = await fileExtent(p, 0);
    assert.equal(e.streamEnded, false, `cut at ${n}`);
    assert.ok(e.length <= Buffer.byteLength(DOC)); // equal when only the trailer is missing
  }
  writeFileSync(p, gz);
  const e = await fileExtent(p, 0);
  assert.deepEqual([e.gzip, e.streamEnded, e.end, e.length], [true, true, Buffer.byteLength(DOC), Buffer.byteLength(DOC)]);
});

test('CSV and Parquet are read whole; a missing file throws (the caller retries)', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n');
  assert.equal((await fileExtent(join(dir, 'x.csv'), 0)).format, 'whole');
  await assert.rejects(fileExtent(join(dir, 'gone.json'), 0), { code: 'ENOENT' });
});
