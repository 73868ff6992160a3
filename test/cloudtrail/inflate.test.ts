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
  const wrongLength = Buffer.from(gz);
  wrongLength[wrongLength.length - 3]! ^= 0x01; // ISIZE
  assert.equal(gunzipInto(wrongLength, out), null);
  assert.equal(gunzipInto(gz.subarray(0, gz.length - 3), out), null, 'a trailer cut short');
  const damaged = Buffer.from(gz);
  damaged[40]! ^= 0xff; // inside the deflate data
  assert.equal(gunzipInto(damaged, out), null);
  assert.equal(gunzipInto(Buffer.concat([gz, Buffer.from('junk')]), out), null, 'trailing bytes that are not a member');
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

test('gunzipInto: header fields are skipped (RFC 1952); a header CRC goes to gunzipSync', () => {
  const out = Buffer.alloc(data.length + 1);
  const body = gz.subarray(10);
  // FEXTRA (2-byte length + data), FNAME and FCOMMENT (zero-terminated), as `gzip -N` and others write
  const header = Buffer.from([0x1f, 0x8b, 8, 4 | 8 | 16, 0, 0, 0, 0, 0, 3, 3, 0, 0xaa, 0xbb, 0xcc]);
  const named = Buffer.concat([header, Buffer.from('file.json\0a comment\0'), body]);
  assert.equal(gunzipInto(named, out), data.length);
  assert.ok(out.subarray(0, data.length).equals(data));
  const headerCrc = Buffer.from(gz);
  headerCrc[3] = 2;
  assert.equal(gunzipInto(headerCrc, out), null);
});

test('gunzipInto does not compute the CRC-32 (like DuckDB): data with only its checksum damaged reads', () => {
  // the trade documented in docs/cloudtrail.md ("Streaming, memory, threads"): a fifth of inflating's CPU against a
  // check that a damaged deflate stream, a wrong length or a cut trailer already fail
  const out = Buffer.alloc(data.length + 1);
  const crcOnly = Buffer.from(gz);
  crcOnly[crcOnly.length - 6]! ^= 0xff;
  assert.equal(gunzipInto(crcOnly, out), data.length);
  assert.ok(out.subarray(0, data.length).equals(data));
});
