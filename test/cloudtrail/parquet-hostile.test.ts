/**
 * Hostile and corrupt Parquet files (issue #13): each is built here byte by byte (a Thrift
 * compact-protocol encoder of the few structures Parquet needs, parquet.thrift), claims sizes its
 * bytes do not hold, and must cost only itself: a message naming the file, the file or row group
 * counted as failed, the file beside it read, no crash. Without the checks of parquet-guard.ts
 * several of these end the process (a run of 2^31 values grows an array until V8 aborts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { parquetMetadata } from 'hyparquet';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { collect, tempDir } from './helpers.ts';
import { struct, varint, type Fields } from './parquet-craft.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';


interface Crafted {
  rows?: number;
  numValues?: number;
  /** the data page's bytes after the dictionary index width */
  runs?: number[];
  uncompressed?: number;
  codec?: number;
  schema?: Fields[];
  /** the column's name: `class_uid` makes it an OCSF file, read by our page decoder (parquet-pages.ts) */
  column?: string;
  /** the data page's compressed size, as its header claims */
  compressed?: number;
}

/** A file of one required INT32 column `n`: a dictionary page of one value, a data page of dictionary indices. */
function crafted(o: Crafted = {}): Buffer {
  const numValues = o.numValues ?? 10;
  const dictData = [7, 0, 0, 0];
  const dictHeader = struct({ 1: ['i32', 2], 2: ['i32', 4], 3: ['i32', 4], 7: ['struct', { 1: ['i32', 1], 2: ['i32', 0] }] });
  const runs = o.runs ?? (() => { const r: number[] = []; varint(numValues * 2, r); r.push(0); return r; })();
  const data = [1, ...runs];
  const dataHeader = struct({ 1: ['i32', 0], 2: ['i32', o.uncompressed ?? data.length], 3: ['i32', o.compressed ?? data.length], 5: ['struct', { 1: ['i32', numValues], 2: ['i32', 8], 3: ['i32', 3], 4: ['i32', 3] }] });
  const chunk = Buffer.from([...dictHeader, ...dictData, ...dataHeader, ...data]);
  const start = 4;
  const meta = struct({
    1: ['i32', 1],
    2: ['list', 'struct', o.schema ?? [{ 4: ['bin', 'schema'], 5: ['i32', 1] }, { 1: ['i32', 1], 3: ['i32', 0], 4: ['bin', o.column ?? 'n'] }]],
    3: ['i64', o.rows ?? numValues],
    4: ['list', 'struct', [{
      1: ['list', 'struct', [{ 2: ['i64', start], 3: ['struct', {
        1: ['i32', 1], 2: ['list', 'i32', [0, 8]], 3: ['list', 'bin', [o.column ?? 'n']], 4: ['i32', o.codec ?? 0],
        5: ['i64', numValues], 6: ['i64', chunk.length], 7: ['i64', chunk.length], 9: ['i64', start + dictHeader.length + 4], 11: ['i64', start],
      }] }]],
      2: ['i64', chunk.length],
      3: ['i64', o.rows ?? numValues],
    }]],
  });
  const len = Buffer.alloc(4);
  len.writeUInt32LE(meta.length);
  return Buffer.concat([Buffer.from('PAR1'), chunk, Buffer.from(meta), len, Buffer.from('PAR1')]);
}

const goodRecord = JSON.stringify({ Records: [{ eventVersion: '1.08', eventID: 'beside', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1' }] });

/** Reads the hostile file beside a good one; returns the messages about the hostile file. */
async function readBeside(t: { after(fn: () => void): void }, bytes: Buffer): Promise<{ messages: string[]; status: string }> {
  const dir = tempDir(t);
  const bad = join(dir, 'hostile.parquet');
  writeFileSync(bad, bytes);
  const good = join(dir, 'good.json');
  writeFileSync(good, goodRecord);
  const src = openCloudTrail([bad, good]);
  const { rows } = await collect(src);
  assert.deepEqual(rows.map((r) => r['AwsEventId']), ['beside']);
  const messages = src.diagnostics().filter((d) => d.file === bad && d.severity === 'error').map((d) => d.message);
  return { messages, status: src.fileStats().find((f) => f.file === bad)!.status };
}

test('the crafted file itself is valid Parquet: hyparquet reads its 10 values', async () => {
  const { parquetMetadata, parquetReadObjects } = await import('hyparquet');
  const bytes = crafted();
  const ab = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  const rows = await parquetReadObjects({ file: ab, metadata: parquetMetadata(ab) });
  assert.deepEqual(rows, Array.from({ length: 10 }, () => ({ n: 7 })));
});

test('a footer length past the start of the file: the file fails with one message, the other file is read', { timeout: 60_000 }, async (t) => {
  const bytes = crafted();
  bytes.writeUInt32LE(bytes.length, bytes.length - 8);
  const { messages, status } = await readBeside(t, bytes);
  assert.deepEqual(messages, [`cannot read file: footer length ${bytes.length} runs past the start of the ${bytes.length}-byte file`]);
  assert.equal(status, 'failed');
});

test('a footer of 200,000 nested structs (hyparquet recurses once a level) is refused at 64 levels', { timeout: 60_000 }, async (t) => {
  const meta = Buffer.alloc(200_000, 0x1c);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(meta.length);
  const { messages, status } = await readBeside(t, Buffer.concat([Buffer.from('PAR1'), meta, len, Buffer.from('PAR1')]));
  assert.deepEqual(messages, ['cannot read file: thrift data nested deeper than 64 levels']);
  assert.equal(status, 'failed');
});

test('a schema nested 20,000 levels deep is refused at 64', { timeout: 60_000 }, async (t) => {
  const depth = 20_000;
  const schema: Fields[] = [{ 4: ['bin', 'schema'], 5: ['i32', 1] }];
  for (let i = 0; i < depth; i++) schema.push({ 3: ['i32', 1], 4: ['bin', `s${i}`], 5: ['i32', 1] });
  schema.push({ 1: ['i32', 1], 3: ['i32', 1], 4: ['bin', 'n'] });
  const { messages } = await readBeside(t, crafted({ schema }));
  assert.deepEqual(messages, ['cannot read file: the schema is nested deeper than 64 levels']);
});

test('a run-length run of 2^31 - 1 values in a 10-value page (grows an array until V8 aborts) fails its row group', { timeout: 60_000 }, async (t) => {
  const runs: number[] = [];
  varint((2 ** 31 - 1) * 2, runs);
  runs.push(0);
  const { messages, status } = await readBeside(t, crafted({ runs }));
  assert.deepEqual(messages, ['Parquet row group 0 (rows 0..10) unreadable: column n, page 1: dictionary indices: a run of 2147483647 values where 10 remain; the other row groups are read']);
  assert.equal(status, 'failed');
});

test('a row group claiming 3 billion rows over a page of 10 values fails, without building 3 billion row objects', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, crafted({ rows: 3_000_000_000 }));
  assert.deepEqual(messages, ['Parquet row group 0 (rows 0..3000000000) unreadable: claims 3000000000 rows but column n holds only 10 values; the other row groups are read']);
});

test('a page header claiming 2 GiB uncompressed (decompressors allocate what the header says) is refused at the page limit', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, crafted({ uncompressed: 2 ** 31 - 1 }));
  assert.deepEqual(messages, ['Parquet row group 0 (rows 0..10) unreadable: column n, page 1: uncompressed size 2147483647 is over the limit of 268435456; the other row groups are read']);
});

test('a page of 100 million values (a 5-byte run) is refused by the row group value limit', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, crafted({ numValues: 100_000_000 }));
  assert.deepEqual(messages, ['Parquet row group 0 (rows 0..100000000) unreadable: column n, page 1: value count 100000000 is over the limit of 67108864; the other row groups are read']);
});

// The same hostile pages in an OCSF file (its column is `class_uid`), read by our own page decoder:
// every count is checked against the bytes holding it before anything is sized from it.
const ocsf = (o: Crafted = {}) => crafted({ ...o, column: 'class_uid' });
const unreadable = (rows: string, why: string) => `Parquet row group 0 (rows ${rows}) unreadable: ${why}; the other row groups are read`;

test('our decoder: the crafted OCSF file is read (10 rows of class 7, not CloudTrail, skipped)', { timeout: 60_000 }, async (t) => {
  const { messages, status } = await readBeside(t, ocsf());
  assert.deepEqual(messages, []);
  assert.notEqual(status, 'failed');
});

test('our decoder: a run of 2^31 - 1 dictionary indices in a 10-value page is cut at the 10 values, nothing sized from it', { timeout: 60_000 }, async (t) => {
  const runs: number[] = [];
  varint((2 ** 31 - 1) * 2, runs);
  runs.push(0);
  const { messages } = await readBeside(t, ocsf({ runs }));
  assert.deepEqual(messages, []);
});

test('our decoder: a row group claiming 3 billion rows is refused before any array is sized from it', { timeout: 60_000 }, async (t) => {
  const { messages, status } = await readBeside(t, ocsf({ rows: 3_000_000_000 }));
  assert.deepEqual(messages, [unreadable('0..3000000000', 'row count 3000000000 is over the limit of 16777216 rows per row group')]);
  assert.equal(status, 'failed');
});

test('our decoder: a row group claiming more rows than its pages hold fails, naming the column', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, ocsf({ rows: 12 }));
  assert.deepEqual(messages, [unreadable('0..12', 'column class_uid: 10 values where the row group claims 12 rows')]);
});

test('our decoder: a page of 100 million values (a 5-byte run) is refused by the value limit', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, ocsf({ numValues: 100_000_000 }));
  assert.deepEqual(messages, [unreadable('0..100000000', 'row count 100000000 is over the limit of 16777216 rows per row group')]);
  const more = await readBeside(t, ocsf({ numValues: 100_000_000, rows: 10 }));
  assert.deepEqual(more.messages, [unreadable('0..10', 'column class_uid, page 1: value count 100000000 is over the limit of 16777216')]);
});

test('our decoder: a page claiming 2 GiB uncompressed is refused at the page limit', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, ocsf({ uncompressed: 2 ** 31 - 1 }));
  assert.deepEqual(messages, [unreadable('0..10', 'column class_uid, page 1: uncompressed size 2147483647 is over the limit of 268435456')]);
});

test('our decoder: a page whose compressed size runs past its column chunk fails', { timeout: 60_000 }, async (t) => {
  const { messages } = await readBeside(t, ocsf({ compressed: 1_000_000 }));
  assert.equal(messages.length, 1);
  assert.match(messages[0]!, /^Parquet row group 0 \(rows 0\.\.10\) unreadable: column class_uid, page 1: compressed size 1000000 is over the limit of \d+; the other row groups are read$/);
});

test('our decoder: a dictionary index past the dictionary fails, naming it', { timeout: 60_000 }, async (t) => {
  // an RLE run of 10 indices of value 1, where the dictionary holds one value (index 0)
  const { messages } = await readBeside(t, ocsf({ runs: [20, 1] }));
  assert.deepEqual(messages, [unreadable('0..10', 'column class_uid, page 1: dictionary index 1 is out of range (the dictionary holds 1 values)')]);
});

test('our decoder: definition levels whose length runs past the page fail', { timeout: 60_000 }, async (t) => {
  // class_uid made OPTIONAL: a v1 page then starts with a 4-byte length of its definition levels,
  // which the crafted page's 3 bytes do not hold
  const schema: Fields[] = [{ 4: ['bin', 'schema'], 5: ['i32', 1] }, { 1: ['i32', 1], 3: ['i32', 1], 4: ['bin', 'class_uid'] }];
  const { messages } = await readBeside(t, ocsf({ schema }));
  assert.deepEqual(messages, [unreadable('0..10', 'column class_uid, page 1: definition levels run past the page')]);
});

/** A CloudTrail record whose `resources` list holds `n` copies of one resource (every value the same: only the list shapes differ). */
function withResources(id: string, n: number): Record<string, unknown> {
  return {
    eventVersion: '1.08', eventID: id, eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1',
    recipientAccountId: '111122223333', eventType: 'AwsApiCall',
    resources: Array.from({ length: n }, () => ({ ARN: 'arn:aws:s3:::bucket', accountId: '111122223333', type: 'AWS::S3::Bucket' })),
  };
}

test("our decoder: a list whose leaves disagree on a row's length fails its row group, the other row groups and files are read", { timeout: 60_000 }, async (t) => {
  // Two files, uncompressed, two row groups of two rows: lists of 2 then 1 resources in the one,
  // 1 then 2 in the other. Every value is the same, so each leaf's column chunk has the same bytes
  // but for its repetition levels, and the same length: one leaf's chunk of the first row group
  // copied from the other file gives a row group whose `resources` leaves disagree on every row.
  const dir = tempDir(t);
  const a = join(dir, 'a.parquet');
  const b = join(dir, 'b.parquet');
  writeOcsfParquet(a, [withResources('a1', 2), withResources('a2', 1), withResources('a3', 1), withResources('a4', 1)], { codec: 'UNCOMPRESSED', rowGroupSize: 2 });
  writeOcsfParquet(b, [withResources('b1', 1), withResources('b2', 2), withResources('b3', 1), withResources('b4', 1)], { codec: 'UNCOMPRESSED', rowGroupSize: 2 });
  const bytesA = readFileSync(a);
  const bytesB = readFileSync(b);
  const chunkOf = (bytes: Buffer, leaf: string) => {
    const meta = parquetMetadata(new Uint8Array(bytes).buffer);
    const c = meta.row_groups[0]!.columns.find((col) => col.meta_data!.path_in_schema.join('.') === leaf)!.meta_data!;
    const start = Number(c.dictionary_page_offset ?? c.data_page_offset);
    return { start, end: start + Number(c.total_compressed_size) };
  };
  const leaf = 'resources.list.element.type';
  const inA = chunkOf(bytesA, leaf);
  const inB = chunkOf(bytesB, leaf);
  assert.deepEqual(inA, inB, 'the two chunks lie at the same bytes');
  assert.notDeepEqual(bytesA.subarray(inA.start, inA.end), bytesB.subarray(inB.start, inB.end), 'their repetition levels differ');
  bytesB.copy(bytesA, inA.start, inB.start, inB.end);
  writeFileSync(a, bytesA);
  const good = join(dir, 'good.json');
  writeFileSync(good, goodRecord);
  const src = openCloudTrail([a, good]);
  const { rows } = await collect(src);
  // the first row group's rows are not half kept: the group fails as a whole, before any row goes out
  assert.deepEqual(rows.map((r) => r['AwsEventId']).sort(), ['a3', 'a4', 'beside']);
  const messages = src.diagnostics().filter((d) => d.file === a && d.severity === 'error').map((d) => d.message);
  assert.deepEqual(messages, [unreadable('0..2', 'row 0: column resources.list.element.type holds 1 values where resources.list.element.uid holds 2')]);
  assert.equal(src.fileStats().find((f) => f.file === a)!.failed, 1);
});
