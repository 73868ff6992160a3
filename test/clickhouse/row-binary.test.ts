/**
 * RowBinary, the form `load` sends rows in (src/clickhouse/row-binary.ts): the bytes the format's
 * documentation specifies (clickhouse.com/docs/interfaces/formats/RowBinary), and values that
 * ClickHouse reads back exactly: strings of every length class and script, nulls, the datetime
 * range's ends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RowBinaryWriter } from '../../src/clickhouse/row-binary.ts';
import { datetimeFromParts } from '../../src/kql/values/datetime.ts';
import { UNIX_EPOCH_TICKS, type ScalarType, type Value } from '../../src/kql/types.ts';
import { decode, outputSql } from '../../src/clickhouse/values.ts';
import { chdb, NEEDS_CHDB } from './chdb.ts';

test('bytes as documented: LEB128 string lengths, a null flag before Nullable values, little-endian Int64 ticks since 1970', () => {
  const w = new RowBinaryWriter(4);
  w.string('');
  w.string('é');
  w.string('x'.repeat(200));
  w.value('datetime', true, null);
  w.value('datetime', false, UNIX_EPOCH_TICKS + 1n);
  w.value('bool', true, true);
  w.value('long', true, -2n);
  w.value('int', true, 7);
  const b = w.take();
  const expected = Buffer.concat([
    Buffer.from([0]),
    Buffer.from([2, 0xc3, 0xa9]),
    Buffer.from([200 & 0x7f | 0x80, 1]), Buffer.from('x'.repeat(200)),
    Buffer.from([1]),
    Buffer.from([1, 0, 0, 0, 0, 0, 0, 0]),
    Buffer.from([0, 1]),
    Buffer.from([0, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
    Buffer.from([0, 7, 0, 0, 0]),
  ]);
  assert.deepEqual(b, expected);
  assert.equal(w.length, 0, 'take() starts a new batch');
  assert.throws(() => w.value('long', false, null), /null long/);
});

const STRINGS = [
  '', 'a', 'tab\there', 'line\nbreak\r\n', 'nul\u0000byte', 'quote\'"\\', 'é', '日本語', '😀',
  'x'.repeat(127), 'x'.repeat(128), 'é'.repeat(63), 'é'.repeat(64), '😀'.repeat(40), 'y'.repeat(20_000), `${'z'.repeat(126)}é`,
];

test('strings of every length class and script, nulls and the datetime range read back from ClickHouse exactly', { skip: NEEDS_CHDB, timeout: 120_000 }, async () => {
  const conn = await chdb();
  await conn.exec('CREATE DATABASE IF NOT EXISTS rb');
  await conn.exec("CREATE TABLE rb.t (i Int32, s String, d Nullable(DateTime64(7, 'UTC')), b Nullable(Bool), l Nullable(Int64)) ENGINE = MergeTree ORDER BY i");
  const times = [datetimeFromParts(1900, 1, 1), datetimeFromParts(2299, 12, 31) + 863_999_999_999n, datetimeFromParts(2024, 3, 2) + 1_234_567n, null];
  const w = new RowBinaryWriter(16);
  const expected: Value[][] = [];
  STRINGS.forEach((s, i) => {
    const row: Value[] = [i, s, times[i % times.length]!, i % 3 === 0 ? null : i % 3 === 1, i % 2 === 0 ? null : -(2n ** 63n) + BigInt(i)];
    const types: ScalarType[] = ['int', 'string', 'datetime', 'bool', 'long'];
    w.value('int', false, row[0]!);
    for (let c = 1; c < row.length; c++) w.value(types[c]!, true, row[c]!);
    expected.push(row);
  });
  await conn.insertRowBinary('rb.t', "i Int32, s String, d Nullable(DateTime64(7, 'UTC')), b Nullable(Bool), l Nullable(Int64)", w.take());
  const actual: Value[][] = [];
  const sql = `SELECT i, s, ${outputSql('datetime', 'd')}, ${outputSql('bool', 'b')}, ${outputSql('long', 'l')} FROM rb.t ORDER BY i`;
  for await (const r of conn.rows(sql)) actual.push([decode('int', r[0]), decode('string', r[1]), decode('datetime', r[2]), decode('bool', r[3]), decode('long', r[4])]);
  assert.deepEqual(actual, expected);
});
