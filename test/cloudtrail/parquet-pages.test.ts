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
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet';
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
import { duckdbParquet, hyparquetLeafValues, normal } from './parquet-oracle.ts';

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
      const want = await hyparquetLeafValues(file, metadata, start, n, p);
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
