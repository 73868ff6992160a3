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
import { outputSql } from '../../src/clickhouse/values.ts';
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
  const sql = `SELECT ${outputSql('int', 'i')}, ${outputSql('string', 's')}, ${outputSql('datetime', 'd')}, ${outputSql('bool', 'b')}, ${outputSql('long', 'l')} FROM rb.t ORDER BY i`;
  // Read back as query results in RowBinary (row-binary-reader.ts).
  for await (const b of conn.batches(sql, ['int', 'string', 'datetime', 'bool', 'long'])) for (let r = 0; r < b.length; r++) actual.push(b.columns.map((c) => c[r]!));
  assert.deepEqual(actual, expected);
});

test('query results in RowBinary (row-binary-reader.ts): every type at its edges, Int64 beyond 2^53 exact, nulls of each', { skip: NEEDS_CHDB, timeout: 120_000 }, async () => {
  const conn = await chdb();
  // Literals at the ends of each type, and nulls of each; a Nullable string expression reads as "".
  const edges = `SELECT ${[
    outputSql('long', 'toInt64(9223372036854775807)'), outputSql('long', 'toInt64(-9223372036854775808)'), outputSql('long', 'toInt64(9007199254740993)'),
    outputSql('int', 'toInt32(2147483647)'), outputSql('int', 'toInt32(-2147483648)'), outputSql('int', 'CAST(NULL AS Nullable(Int32))'),
    outputSql('bool', 'false'), outputSql('string', "CAST(NULL AS Nullable(String))"), outputSql('datetime', "toDateTime64('2299-12-31 23:59:59.9999999', 7, 'UTC')"),
    outputSql('datetime', "toDateTime64('1900-01-01 00:00:00', 7, 'UTC')"),
  ].join(', ')}`;
  const edgeTypes: ScalarType[] = ['long', 'long', 'long', 'int', 'int', 'int', 'bool', 'string', 'datetime', 'datetime'];
  const got: Value[] = [];
  for await (const b of conn.batches(edges, edgeTypes)) got.push(...b.columns.map((c) => c[0]!));
  assert.deepEqual(got, [2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n + 1n, 2 ** 31 - 1, -(2 ** 31), null, false, '', datetimeFromParts(2299, 12, 31) + 863_999_999_999n, datetimeFromParts(1900, 1, 1)]);
});

test('RowBinaryReader: rows cut anywhere between two chunks, or arriving byte by byte, decode to the same values; a result that ends inside a row is an error', async () => {
  const { RowBinaryReader, rowBinaryBatches } = await import('../../src/clickhouse/row-binary-reader.ts');
  const types: ScalarType[] = ['string', 'datetime', 'long', 'int', 'bool'];
  const w = new RowBinaryWriter(16);
  const rows: Value[][] = STRINGS.map((s, i) => [s, i % 4 === 0 ? null : UNIX_EPOCH_TICKS + BigInt(i) * 10_000_000n, i % 5 === 0 ? null : 2n ** 62n + BigInt(i), i % 3 === 0 ? null : -i, i % 2 === 0 ? null : i % 4 === 1]);
  for (const r of rows) r.forEach((v, c) => (c === 0 ? w.string(v as string) : w.value(types[c]!, true, v)));
  const bytes = w.take();
  const decodeAll = (chunks: Uint8Array[]): Value[][] => {
    const reader = new RowBinaryReader(types);
    const cols: Value[][] = types.map(() => []);
    for (const ch of chunks) reader.push(ch, cols);
    reader.end();
    return cols[0]!.map((_v, r) => cols.map((c) => c[r]!));
  };
  for (let cut = 0; cut <= bytes.length; cut += 7) assert.deepEqual(decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)]), rows, `cut at ${cut}`);
  assert.deepEqual(decodeAll([...Array.from(bytes.subarray(0, 2000), (b) => Uint8Array.of(b)), bytes.subarray(2000)]), rows);
  await assert.rejects(async () => {
    for await (const _ of rowBinaryBatches((async function* () { yield bytes.subarray(0, bytes.length - 1); })(), types, 100)) void _;
  }, /ends in the middle of a row/);
});
