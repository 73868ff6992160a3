/**
 * Our Parquet page decoder (parquet-pages.ts, parquet-rows.ts) against hyparquet, on files other
 * writers made: DuckDB (`COPY ... TO (FORMAT parquet, COMPRESSION ...)`, an independent writer
 * with its own choice of dictionary or PLAIN per column, and DATA_PAGE_V2 with DELTA encodings
 * when asked) and hyparquet-writer (the bench's and the fixtures' writer: DATA_PAGE_V2, RLE
 * booleans). For every row group and every leaf under no repeated field, each value equals the one
 * hyparquet decodes; for every LIST and MAP column each row equals hyparquet's assembled row; and
 * the whole file read as AWSCloudTrail gives the rows of hyparquet's object reader mapped by the
 * same OCSF mapping. What the decoder does not read (DELTA encodings) is named, and the file is
 * read by hyparquet instead, with the same rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadata, parquetRead, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { ocsfToCloudTrail } from '../../src/cloudtrail/ocsf.ts';
import { checkSchema, PARQUET_LIMITS, readCheckedFooter } from '../../src/cloudtrail/parquet-guard.ts';
import { decompressPage, ParquetUnsupportedError } from '../../src/cloudtrail/parquet-pages.ts';
import { ParquetLimitError } from '../../src/cloudtrail/parquet-thrift.ts';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { RowGroupReader } from '../../src/cloudtrail/parquet-rows.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';
import { collect, invictusAndStratusRecords, tempDir } from './helpers.ts';

/** OCSF-shaped rows with nulls at every level, lists with null elements, empty and null lists, maps with null values. */
const OCSF_SELECT = `SELECT
  CASE WHEN i % 11 = 0 THEN NULL ELSE 6003 END::INTEGER AS class_uid,
  (1688990000000 + i * 1000)::BIGINT AS time,
  make_timestamp((1688990000000 + i * 1000)::BIGINT * 1000) AS time_dt,
  {'version': '1.1.0', 'uid': 'id-' || i, 'product': {'name': 'CloudTrail', 'version': '1.08', 'feature': {'name': CASE WHEN i % 3 = 0 THEN NULL ELSE 'Management' END}}} AS metadata,
  CASE WHEN i % 13 = 0 THEN NULL ELSE {'operation': CASE WHEN i % 5 = 0 THEN NULL ELSE ['GetObject', 'PutObject', 'ListBuckets', 'DescribeEventAggregates'][i % 4 + 1] END,
    'service': {'name': 's3.amazonaws.com'}, 'request': {'uid': 'req-' || i, 'data': '{"bucketName":"b' || (i % 17) || '"}'}} END AS api,
  {'ip': CASE WHEN i % 2 = 0 THEN '10.0.' || (i % 7) || '.' || (i % 250) ELSE NULL END, 'domain': CASE WHEN i % 2 = 1 THEN 'health.amazonaws.com' ELSE NULL END} AS src_endpoint,
  {'user': {'uid': 'arn:aws:iam::123456789012:user/u' || (i % 9), 'type': 'IAMUser', 'account': {'uid': '123456789012'}},
   'session': {'is_mfa': CASE WHEN i % 4 = 0 THEN NULL ELSE i % 3 = 0 END, 'created_time_dt': CASE WHEN i % 2 = 0 THEN NULL ELSE make_timestamp(1688990000000000) END}} AS actor,
  {'region': 'us-east-' || (i % 2 + 1), 'account': {'uid': '123456789012'}} AS cloud,
  CASE WHEN i % 6 = 0 THEN NULL WHEN i % 6 = 1 THEN [] ELSE
    [{'uid': 'arn:aws:s3:::b' || i, 'type': 'AWS::S3::Bucket', 'owner': {'account': {'uid': CASE WHEN i % 4 = 0 THEN NULL ELSE '123456789012' END}}}, NULL,
     {'uid': NULL, 'type': 'AWS::S3::Object', 'owner': NULL}] END AS resources,
  CASE WHEN i % 5 = 0 THEN NULL WHEN i % 5 = 1 THEN MAP([], []::VARCHAR[]) ELSE
    MAP(['readOnly', 'eventType', 'userIdentity.sessionContext.sessionIssuer.userName'], ['true', CASE WHEN i % 2 = 0 THEN NULL ELSE 'AwsApiCall' END, 'role' || (i % 3)]) END AS unmapped
FROM range(5000) r(i)`;

async function duckdbParquet(out: string, options: string): Promise<void> {
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  await con.run(`COPY (${OCSF_SELECT}) TO '${out}' (FORMAT parquet, ROW_GROUP_SIZE 2048, ${options})`);
  con.closeSync();
}

/** Drops null and undefined fields and then empty structs (the OCSF mapping reads neither). */
function normal(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map((x) => (x === undefined ? null : normal(x)));
  if (v && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === null || x === undefined) continue;
      const n = normal(x);
      if (n && typeof n === 'object' && !Array.isArray(n) && Object.keys(n).length === 0) continue;
      o[k] = n;
    }
    return o;
  }
  return v ?? null;
}

/** Every leaf and every LIST/MAP column of every row group: our decoder's values equal hyparquet's. */
async function sameAsHyparquet(path: string): Promise<number> {
  const file = await asyncBufferFromFile(path);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const leaves = checkSchema(metadata);
  let start = 0;
  let compared = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const n = Number(metadata.row_groups[g]!.num_rows);
    const reader = new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS);
    const objects = await parquetReadObjects({ file, metadata, compressors, rowStart: start, rowEnd: start + n });
    const tops = new Map<string, string[]>();
    for (const [p, l] of leaves) {
      const top = p.split('.')[0]!;
      if (l.maxRep > 0) {
        tops.set(top, [...(tops.get(top) ?? []), p]);
        continue;
      }
      const leaf = await reader.leaf(p);
      const want: unknown[] = new Array(n);
      await parquetRead({
        file, metadata, compressors, rowStart: start, rowEnd: start + n, columns: [top],
        onPage: (page) => {
          if (page.pathInSchema.join('.') !== p) return;
          for (let i = 0; i < page.columnData.length; i++) {
            let v: unknown = page.columnData[i];
            while (Array.isArray(v)) v = v[0];
            const at = page.rowStart - start + i;
            if (at >= 0 && at < n) want[at] = v;
          }
        },
      });
      for (let i = 0; i < n; i++) assert.deepEqual(normal(leaf.value(i)), normal(want[i]), `${path}: row group ${g}, ${p}, row ${i}`);
      compared += n;
    }
    for (const [top, paths] of tops) {
      const build = await reader.nested(top, paths);
      for (let i = 0; i < n; i++) assert.deepEqual(normal(build(i)), normal(objects[i]![top]), `${path}: row group ${g}, ${top}, row ${i}`);
      compared += n;
    }
    start += n;
  }
  return compared;
}

/** The file read as AWSCloudTrail equals hyparquet's object rows through the same mapping. */
async function sameRowsAsObjectReader(parquet: string, dir: string): Promise<void> {
  const objects = await parquetReadObjects({ file: await asyncBufferFromFile(parquet), compressors });
  const json = join(dir, 'oracle.json');
  writeFileSync(json, JSON.stringify({ Records: objects.map((r) => ocsfToCloudTrail(r)) }));
  const src = openCloudTrail([parquet]);
  const got = await collect(src);
  const want = await collect(openCloudTrail([json]));
  const key = (rows: typeof got.rows) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).sort();
  assert.ok(got.rows.length > 0, JSON.stringify(src.diagnostics().slice(0, 3)));
  assert.deepEqual(key(got.rows), key(want.rows));
}

for (const codec of ['zstd', 'snappy', 'gzip', 'uncompressed']) {
  test(`DuckDB, ${codec}: every leaf, list and map equals hyparquet's, and the rows equal the object reader's`, { timeout: 300_000 }, async (t) => {
    const dir = tempDir(t);
    const parquet = join(dir, `ocsf-${codec}.parquet`);
    await duckdbParquet(parquet, `COMPRESSION ${codec}`);
    assert.ok((await sameAsHyparquet(parquet)) > 5000 * 10);
    await sameRowsAsObjectReader(parquet, dir);
  });
}

test('DuckDB, DATA_PAGE_V2 with DELTA encodings: named unsupported, the file read by hyparquet with the same rows', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const parquet = join(dir, 'ocsf-v2.parquet');
  await duckdbParquet(parquet, `COMPRESSION zstd, PARQUET_VERSION v2`);
  const file = await asyncBufferFromFile(parquet);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const reader = new RowGroupReader(file, metadata, checkSchema(metadata), 0, PARQUET_LIMITS);
  await assert.rejects(reader.leaf('metadata.uid'), (e: Error) => e instanceof ParquetUnsupportedError && /encoding DELTA_\w+ is not supported/.test(e.message));
  await sameRowsAsObjectReader(parquet, dir);
  const src = openCloudTrail([parquet]);
  await collect(src);
  const said = src.diagnostics().map((d) => `${d.severity}: ${d.message}`);
  assert.ok(said.some((m) => /^info: Parquet read with hyparquet: column [\w.]+, page \d+: encoding DELTA_\w+ is not supported$/.test(m)), said.join('\n'));
});

for (const codec of ['GZIP', 'SNAPPY', 'UNCOMPRESSED'] as const) {
  test(`hyparquet-writer, ${codec}, both OCSF versions: every leaf, list and map equals hyparquet's`, { timeout: 300_000 }, async (t) => {
    const dir = tempDir(t);
    for (const version of ['1.1.0', '1.0.0-rc.2'] as const) {
      const parquet = join(dir, `ocsf-${version}.parquet`);
      writeOcsfParquet(parquet, invictusAndStratusRecords(), { version, codec, rowGroupSize: 700 });
      assert.ok((await sameAsHyparquet(parquet)) > 0);
    }
  });
}

test('decompression bombs: 64 MiB of zeros in a page whose header says 100 bytes fail for every codec, without the 64 MiB', { timeout: 120_000 }, async () => {
  const zeros = new Uint8Array(64 * 1024 * 1024);
  const db = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await db.connect();
  // zstd and snappy frames made by DuckDB's own writer: a page of one long string of zeros
  const dir = (await import('node:os')).tmpdir();
  const bombs: [string, Uint8Array][] = [['GZIP', gzipSync(zeros)], ['BROTLI', brotliCompressSync(zeros)]];
  for (const codec of ['zstd', 'snappy']) {
    const f = join(dir, `trailhound-bomb-${process.pid}-${codec}.parquet`);
    await con.run(`COPY (SELECT repeat('a', 16 * 1024 * 1024) AS s) TO '${f}' (FORMAT parquet, COMPRESSION ${codec})`);
    const file = await asyncBufferFromFile(f);
    const md = parquetMetadata(await readCheckedFooter(file));
    const m = md.row_groups[0]!.columns[0]!.meta_data!;
    const start = Number(m.dictionary_page_offset || m.data_page_offset);
    const chunk = new Uint8Array(await file.slice(start, start + Number(m.total_compressed_size)));
    const { readThriftStruct } = await import('../../src/cloudtrail/parquet-thrift.ts');
    const h = readThriftStruct(chunk, 0, chunk.length, { maxDepth: 10, maxValues: 1000 });
    bombs.push([codec.toUpperCase(), chunk.subarray(h.end, h.end + (h.value[3] as number))]);
    (await import('node:fs')).rmSync(f);
  }
  con.closeSync();
  for (const [codec, input] of bombs) {
    assert.throws(() => decompressPage(codec, input, 100, PARQUET_LIMITS), (e: Error) => e instanceof ParquetLimitError && e.message.includes('decompress'), codec);
  }
  assert.throws(() => decompressPage('LZO', new Uint8Array(4), 100, PARQUET_LIMITS), (e: Error) => e instanceof ParquetUnsupportedError && e.message === 'compression LZO is not supported');
});

test("a row group's chunks together may not decode more values than the row group budget", { timeout: 120_000 }, async (t) => {
  const dir = tempDir(t);
  const parquet = join(dir, 'budget.parquet');
  await duckdbParquet(parquet, 'COMPRESSION zstd');
  const file = await asyncBufferFromFile(parquet);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const reader = new RowGroupReader(file, metadata, checkSchema(metadata), 0, { ...PARQUET_LIMITS, rowGroupValues: 3000 });
  assert.equal((await reader.leaf('class_uid')).entries, 2048);
  await assert.rejects(reader.leaf('metadata.uid'), (e: Error) => e instanceof ParquetLimitError && e.message === "column metadata.uid: the row group's columns hold over 3000 values");
});
