/** gunzip into reused memory: same bytes as gunzipSync, and null (never a wrong result) for anything else. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { gunzipInto } from '../../src/cloudtrail/inflate.ts';
import { byteScanner } from '../../src/cloudtrail/byte-scan.ts';

const data = Buffer.from(JSON.stringify({ Records: Array.from({ length: 3000 }, (_, i) => ({ eventID: String(i), pad: 'x'.repeat(i % 97) })) }));
const gz = gzipSync(data);

test('gunzipInto: whole files, several gzip members, trailing zero bytes', () => {
  const out = Buffer.alloc(2 * data.length + 10);
  assert.equal(gunzipInto(gz, out), data.length);
  assert.ok(out.subarray(0, data.length).equals(data));
  assert.equal(gunzipInto(Buffer.concat([gz, gz]), out), 2 * data.length);
  assert.ok(out.subarray(data.length, 2 * data.length).equals(data));
  assert.equal(gunzipInto(Buffer.concat([gz, Buffer.alloc(8)]), out), data.length);
});

test('gunzipInto: truncated, corrupt or too large for the output gives null, and the next file is read', () => {
  const out = Buffer.alloc(data.length + 1);
  assert.equal(gunzipInto(gz.subarray(0, gz.length - 50), out), null);
  const bad = Buffer.from(gz);
  bad[bad.length - 6]! ^= 0xff; // CRC
  assert.equal(gunzipInto(bad, out), null);
  assert.equal(gunzipInto(gz, Buffer.alloc(data.length)), null, 'a full output does not prove the end');
  assert.equal(gunzipInto(Buffer.from('not gzip at all'), out), null);
  assert.equal(gunzipInto(gz, out), data.length);
  assert.ok(out.subarray(0, data.length).equals(data));
});

test('the scanner lends its inflate memory to one file at a time', () => {
  const scanner = byteScanner()!;
  const size = gz.readUInt32LE(gz.length - 4);
  const a = scanner.inflate(gz, size);
  assert.ok(a !== null && a.equals(data));
  assert.equal(scanner.inflate(gz, size), null, 'held: the second file must use gunzipSync');
  scanner.releaseInflated();
  const b = scanner.inflate(gz, size);
  assert.ok(b !== null && b.equals(data));
  scanner.releaseInflated();
  assert.equal(scanner.inflate(gz, 65 * 1024 * 1024), null, 'a declared size over the limit is not inflated there');
});
