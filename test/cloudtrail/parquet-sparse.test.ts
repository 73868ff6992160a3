/**
 * A column chunk decoded for the kept rows alone (parquet-sparse.ts) and the first pass's keys
 * taken from the pages' runs (parquet-keys.ts), against hyparquet and against our full decoder:
 *
 *  - files of two writers: hyparquet-writer with pages of ~256 bytes (DATA_PAGE_V2, dictionary and
 *    PLAIN pages in one chunk, a row group's rows over dozens of pages, lists and maps) and DuckDB
 *    (DATA_PAGE v1; nulls at every level, lists with null elements, empty and null lists, maps with
 *    null values); for every row group, sets of kept rows that start, stop and cross page
 *    boundaries, bit-packed groups and runs: every leaf's value, every LIST and MAP row equals
 *    hyparquet's, every dictionary key the full decoder's;
 *  - the file read with the seed rule's checks (through the reader, the sparse path) gives the
 *    rows the JSON of hyparquet's objects gives with the same checks;
 *  - chunks built here byte by byte: a list row that continues on the next v1 page, definition
 *    levels bit-packed and partly skipped, a dictionary page then a PLAIN fallback page; and
 *    malformed ones, each failing with a message naming the column and the page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadata, parquetRead, parquetReadObjects, type SchemaElement } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { checkSchema, PARQUET_LIMITS, readCheckedFooter } from '../../src/cloudtrail/parquet-guard.ts';
import { RowGroupReader } from '../../src/cloudtrail/parquet-rows.ts';
import { decodeChunk, type DecodedLeaf, type LeafType } from '../../src/cloudtrail/parquet-pages.ts';
import { decodeSparse } from '../../src/cloudtrail/parquet-sparse.ts';
import { ParquetLimitError } from '../../src/cloudtrail/parquet-thrift.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { ocsfToCloudTrail } from '../../src/cloudtrail/ocsf.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';
import { collect, invictusAndStratusRecords, tempDir } from './helpers.ts';
import { duckdbParquet, hyparquetLeafValues, normal } from './parquet-oracle.ts';
import { rng } from './rng.ts';
import { hybrid, struct, type HybridRun } from './parquet-craft.ts';

const range = (from: number, to: number, step = 1) => Array.from({ length: Math.max(0, Math.ceil((to - from) / step)) }, (_, i) => from + i * step);

/** Kept-row sets of a row group of `n` rows, each at most an eighth of it (what the reader decodes sparsely). */
function keepSets(n: number, pageStarts: readonly number[], seed: number): number[][] {
  const cap = Math.floor(n / 8);
  const r = rng(seed);
  const boundaries = [...new Set(pageStarts.flatMap((s) => [s - 1, s]))].filter((x) => x >= 0 && x < n).sort((a, b) => a - b);
  const mid = Math.max(0, Math.floor(n / 2) - Math.floor(cap / 2));
  const sets = [
    [0],
    [n - 1],
    [0, n - 1],
    range(3, n, 9),
    range(0, n).filter(() => r() < 0.05),
    // consecutive rows across the middle of the group: runs and pages crossed with every row kept
    range(mid, Math.min(n, mid + cap)),
    // the last row of each page and the first of the next
    boundaries,
    boundaries.slice(Math.floor(boundaries.length / 2)),
  ];
  return sets.map((s) => s.slice(0, cap)).filter((s) => s.length > 0);
}

/** Every kept-row set of every row group: leaves, lists and maps equal hyparquet's; keys the full decoder's. */
async function sparseSameAsHyparquet(path: string): Promise<{ compared: number; keyed: number }> {
  const file = await asyncBufferFromFile(path);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const leaves = checkSchema(metadata);
  const flat = [...leaves].filter(([, l]) => l.maxRep === 0).map(([p]) => p);
  const tops = new Map<string, string[]>();
  for (const [p, l] of leaves) if (l.maxRep > 0) tops.set(p.split('.')[0]!, [...(tops.get(p.split('.')[0]!) ?? []), p]);
  let start = 0;
  let compared = 0;
  let keyed = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const n = Number(metadata.row_groups[g]!.num_rows);
    const objects = await parquetReadObjects({ file, metadata, compressors, rowStart: start, rowEnd: start + n });
    const pageStarts: number[] = [];
    await parquetRead({ file, metadata, compressors, rowStart: start, rowEnd: start + n, onPage: (p) => void pageStarts.push(p.rowStart - start) });
    const want = new Map<string, unknown[]>();
    for (const p of flat) want.set(p, await hyparquetLeafValues(file, metadata, start, n, p));
    const whole = new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS);
    const full = new Map<string, DecodedLeaf>();
    for (const p of flat) full.set(p, await whole.leaf(p));
    for (const keep of keepSets(n, pageStarts, g)) {
      const reader = new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS);
      const at = (p: string, r: number) => `${path}: row group ${g}, ${p}, row ${r} of kept ${keep.length} (${keep.slice(0, 6).join(',')}...)`;
      for (const p of flat) {
        const leaf = await reader.leaf(p, keep);
        assert.equal(leaf.entries, keep.length, `${p}: the kept rows alone are held`);
        for (const r of keep) {
          assert.deepEqual(normal(leaf.value(leaf.rowStart(r))), normal(want.get(p)![r]), at(p, r));
          assert.equal(leaf.key(leaf.rowStart(r)), full.get(p)!.key(r), at(p, r));
        }
        compared += keep.length;
      }
      for (const [top, paths] of tops) {
        const build = await reader.nested(top, paths, keep);
        for (const r of keep) assert.deepEqual(normal(build(r)), normal(objects[r]![top]), at(top, r));
        compared += keep.length;
      }
    }
    // the keys from the runs: each leaf alone, and the seed rule's first-pass leaves together
    const firstPass = ['class_uid', 'api.operation', 'src_endpoint.ip', 'src_endpoint.domain', 'metadata.version', 'metadata.product.name'].filter((p) => leaves.has(p));
    for (const set of [...flat.map((p) => [p]), firstPass]) {
      const got = await new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS).keys(set);
      const parts = set.map((p) => full.get(p)!);
      if (got === null) {
        // only when a leaf has a value that is not from a dictionary, or no dictionary at all
        assert.ok(parts.some((l) => l.dictionary.length === 0 || range(0, n).some((r) => l.key(r) < 0)), `${set.join(',')}: keys`);
        continue;
      }
      for (let r = 0; r < n; r++) {
        let k = 0;
        let radix = 1;
        for (const l of parts) {
          k += l.key(r) * radix;
          radix *= l.dictionary.length + 1;
        }
        assert.equal(got[r], k, `${path}: row group ${g}, keys of ${set.join(',')}, row ${r}`);
      }
      keyed++;
    }
    start += n;
  }
  return { compared, keyed };
}

test('hyparquet-writer, pages of ~256 bytes, both OCSF versions: the kept rows decoded alone equal hyparquet', { timeout: 600_000 }, async (t) => {
  const dir = tempDir(t);
  for (const version of ['1.1.0', '1.0.0-rc.2'] as const) {
    const parquet = join(dir, `small-pages-${version}.parquet`);
    writeOcsfParquet(parquet, invictusAndStratusRecords(), { version, rowGroupSize: 800, pageSize: 256 });
    const { compared, keyed } = await sparseSameAsHyparquet(parquet);
    assert.ok(compared > 30_000, `${compared} values compared`);
    assert.ok(keyed > 50, `${keyed} key sets compared`);
  }
});

for (const codec of ['gzip', 'zstd']) {
  test(`DuckDB, ${codec}, nulls at every level: the kept rows decoded alone equal hyparquet`, { timeout: 600_000 }, async (t) => {
    const parquet = join(tempDir(t), `ocsf-${codec}.parquet`);
    await duckdbParquet(parquet, `COMPRESSION ${codec}`);
    const { compared, keyed } = await sparseSameAsHyparquet(parquet);
    assert.ok(compared > 20_000, `${compared} values compared`);
    assert.ok(keyed > 5, `${keyed} key sets compared`);
  });
}

test('the seed rule checks on a lake file of small pages: the rows of the JSON of hyparquet objects', { timeout: 300_000 }, async (t) => {
  const dir = tempDir(t);
  const parquet = join(dir, 'lake.gz.parquet');
  writeOcsfParquet(parquet, invictusAndStratusRecords(), { rowGroupSize: 800, pageSize: 256 });
  const json = join(dir, 'oracle.json');
  const objects = await parquetReadObjects({ file: await asyncBufferFromFile(parquet), compressors });
  writeFileSync(json, JSON.stringify({ Records: objects.map((r) => ocsfToCloudTrail(r)) }));
  const key = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).sort();
  const cases: [string, ScanPredicate[]][] = [
    // ~1.6% of the rows: decoded sparsely
    ['seed rule', [
      { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
      { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
    ]],
    ['EventName in', [{ kind: 'in', column: 'EventName', values: ['Decrypt', 'GetUser'], caseInsensitive: false }]],
    // over an eighth of the rows: the whole decoder, pages without a kept row skipped
    ['many rows', [{ kind: 'has', column: 'EventName', term: 'Describe', caseSensitive: false, negated: false }]],
  ];
  for (const [name, predicates] of cases) {
    const got = await collect(openCloudTrail([parquet]), predicates);
    const wantRows = await collect(openCloudTrail([json]), predicates);
    assert.ok(got.rows.length > 20, `${name}: ${got.rows.length} rows`);
    assert.deepEqual(key(got.rows), key(wantRows.rows), name);
  }
});

// ---- chunks built byte by byte (parquet.thrift PageHeader; DATA_PAGE v1 levels are length-prefixed) ----

const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
const int32s = (xs: readonly number[]) => xs.flatMap(le32);
const PLAIN = 0;
const RLE_DICTIONARY = 8;

function dictionaryPage(values: readonly number[]): number[] {
  const body = int32s(values);
  return [...struct({ 1: ['i32', 2], 2: ['i32', body.length], 3: ['i32', body.length], 7: ['struct', { 1: ['i32', values.length], 2: ['i32', PLAIN] }] }), ...body];
}

function v1Page(n: number, rep: HybridRun[] | null, def: HybridRun[] | null, levelWidths: [number, number], encoding: number, values: number[]): number[] {
  const levels = (runs: HybridRun[] | null, width: number) => {
    if (!runs) return [];
    const bytes = hybrid(runs, width);
    return [...le32(bytes.length), ...bytes];
  };
  const body = [...levels(rep, levelWidths[0]), ...levels(def, levelWidths[1]), ...values];
  return [...struct({ 1: ['i32', 0], 2: ['i32', body.length], 3: ['i32', body.length], 5: ['struct', { 1: ['i32', n], 2: ['i32', encoding], 3: ['i32', 3], 4: ['i32', 3] }] }), ...body];
}

function v2Page(n: number, rows: number, rep: HybridRun[], def: HybridRun[], widths: [number, number], encoding: number, values: number[]): number[] {
  const r = hybrid(rep, widths[0]);
  const d = hybrid(def, widths[1]);
  const body = [...r, ...d, ...values];
  return [...struct({ 1: ['i32', 3], 2: ['i32', body.length], 3: ['i32', body.length], 8: ['struct', { 1: ['i32', n], 2: ['i32', 0], 3: ['i32', rows], 4: ['i32', encoding], 5: ['i32', d.length], 6: ['i32', r.length] }] }), ...body];
}

/** dictionary indices: their bit width, then the hybrid runs */
const indices = (width: number, runs: HybridRun[]) => [width, ...hybrid(runs, width)];

const element = (repetition: 'OPTIONAL' | 'REQUIRED'): SchemaElement => ({ name: 'element', type: 'INT32', repetition_type: repetition }) as SchemaElement;
/** an optional LIST of optional INT32: levels 0 null list, 1 empty list, 2 null element, 3 a value */
const LIST_OF_INT: LeafType = { element: element('OPTIONAL'), maxDef: 3, maxRep: 1 };
const OPTIONAL_INT: LeafType = { element: element('OPTIONAL'), maxDef: 1, maxRep: 0 };

/** Each kept row's entries: [repetition level, definition level, value]. */
function entriesOf(leaf: DecodedLeaf, keep: readonly number[]): [number, number, unknown][][] {
  return keep.map((r) => range(leaf.rowStart(r), leaf.rowEnd(r)).map((e) => [leaf.rep ? leaf.rep[e]! : 0, leaf.def ? leaf.def[e]! : leaf.maxDef, leaf.value(e)] as [number, number, unknown]));
}

const sparse = (bytes: number[], type: LeafType, rows: number, keep: readonly number[]) => decodeSparse(Uint8Array.from(bytes), 'c', 'UNCOMPRESSED', type, rows, PARQUET_LIMITS, keep);
const whole = (bytes: number[], type: LeafType, rows: number) => decodeChunk(Uint8Array.from(bytes), 'c', 'UNCOMPRESSED', type, rows, PARQUET_LIMITS);

/** Every subset of up to 3 rows and every run of consecutive rows: the sparse entries are the full decoder's. */
function sameAsWhole(bytes: number[], type: LeafType, rows: number): number {
  const all = whole(bytes, type, rows);
  const sets: number[][] = [];
  for (let a = 0; a < rows; a++) {
    sets.push([a]);
    for (let b = a + 1; b < rows; b++) {
      sets.push([a, b]);
      for (let c = b + 1; c < rows; c++) sets.push([a, b, c]);
    }
    for (let b = a + 1; b <= rows; b++) sets.push(range(a, b));
  }
  for (const keep of sets) assert.deepEqual(entriesOf(sparse(bytes, type, rows, keep), keep), entriesOf(all, keep), `rows ${keep.join(',')}`);
  return sets.length;
}

test('a list row that continues on the next v1 page, after a dictionary page then a PLAIN fallback page', () => {
  // rows: [10, 11] · [12, null, 13, 14] (over both pages) · null · [] · [15] · [16, 17, 18]
  const page0 = v1Page(4, [{ rle: 0, count: 1 }, { rle: 1, count: 1 }, { rle: 0, count: 1 }, { rle: 1, count: 1 }], [{ rle: 3, count: 3 }, { rle: 2, count: 1 }], [1, 2], RLE_DICTIONARY, indices(2, [{ packed: [0, 1, 2] }]));
  const page1 = v1Page(8, [{ packed: [1, 1, 0, 0, 0, 0, 1, 1] }], [{ packed: [3, 3, 0, 1, 3, 3, 3, 3] }], [1, 2], PLAIN, int32s([13, 14, 15, 16, 17, 18]));
  const bytes = [...dictionaryPage([10, 11, 12]), ...page0, ...page1];
  assert.deepEqual(entriesOf(sparse(bytes, LIST_OF_INT, 6, [1]), [1]), [[[0, 3, 12], [1, 2, undefined], [1, 3, 13], [1, 3, 14]]]);
  assert.deepEqual(entriesOf(sparse(bytes, LIST_OF_INT, 6, [2, 3, 5]), [2, 3, 5]), [[[0, 0, undefined]], [[0, 1, undefined]], [[0, 3, 16], [1, 3, 17], [1, 3, 18]]]);
  assert.ok(sameAsWhole(bytes, LIST_OF_INT, 6) > 50);
});

test('definition levels bit-packed and partly skipped, with runs around them, over two pages', () => {
  // 24 rows: a bit-packed group, an RLE run of values, a bit-packed group; then a v1 page of 8 rows
  const def0: HybridRun[] = [{ packed: [1, 0, 1, 1, 0, 0, 1, 0] }, { rle: 1, count: 5 }, { rle: 0, count: 3 }, { packed: [0, 1, 1, 0, 1, 0, 0, 1] }];
  const present0 = 4 + 5 + 4;
  const page0 = v1Page(24, null, def0, [0, 1], RLE_DICTIONARY, indices(3, [{ packed: range(0, 8).map((i) => i % 5) }, { rle: 4, count: present0 - 8 }]));
  const page1 = v1Page(8, null, [{ packed: [1, 1, 0, 1, 1, 1, 0, 1] }], [0, 1], PLAIN, int32s([20, 21, 22, 23, 24, 25]));
  const bytes = [...dictionaryPage([100, 101, 102, 103, 104]), ...page0, ...page1];
  const leaf = sparse(bytes, OPTIONAL_INT, 32, [0, 1, 6, 9, 13, 15, 23, 24, 31]);
  assert.deepEqual(entriesOf(leaf, [0, 1, 6, 9, 13, 15, 23, 24, 31]).map((e) => e[0]![2]), [100, undefined, 103, 100, undefined, undefined, 104, 20, 25]);
  assert.ok(sameAsWhole(bytes, OPTIONAL_INT, 32) > 1000);
});

test('v2 pages of a repeated leaf, each starting rows, skipped and read', () => {
  // 3 pages of 2 rows each: [1,2] [3] · [] [4,5,6] · null [7]
  const page = (rep: number[], def: number[], values: number[]) => v2Page(rep.length, rep.filter((x) => x === 0).length, [{ packed: rep }], [{ packed: def }], [1, 2], PLAIN, int32s(values));
  const bytes = [...page([0, 1, 0], [3, 3, 3], [1, 2, 3]), ...page([0, 0, 1, 1], [1, 3, 3, 3], [4, 5, 6]), ...page([0, 0], [0, 3], [7])];
  assert.deepEqual(entriesOf(sparse(bytes, LIST_OF_INT, 6, [3, 5]), [3, 5]), [[[0, 3, 4], [1, 3, 5], [1, 3, 6]], [[0, 3, 7]]]);
  assert.ok(sameAsWhole(bytes, LIST_OF_INT, 6) > 50);
});

test('malformed chunks fail with a message naming the column and page; a value not kept is not read', () => {
  const fails = (f: () => unknown, message: string) => assert.throws(f, (e: Error) => e instanceof ParquetLimitError && e.message === message, message);
  const dict = dictionaryPage([7, 8, 9]);
  // definition levels for 8 of 20 rows: a page's levels are read to its end, kept rows or not
  const short = [...dict, ...v1Page(20, null, [{ rle: 1, count: 8 }], [0, 1], RLE_DICTIONARY, indices(2, [{ rle: 0, count: 20 }]))];
  for (const keep of [[7], [15]]) fails(() => sparse(short, OPTIONAL_INT, 20, keep), 'column c, page 1: definition levels: run-length data ends after 8 of 20 values');
  // a definition level over the maximum (2, in 2 bits)
  const TWO: LeafType = { element: element('OPTIONAL'), maxDef: 2, maxRep: 0 };
  fails(() => sparse([...dict, ...v1Page(4, null, [{ rle: 3, count: 4 }], [0, 2], RLE_DICTIONARY, indices(2, [{ rle: 0, count: 4 }]))], TWO, 4, [1]), "column c, page 1: definition levels: definition level 3 is over the column's maximum 2");
  // a dictionary index past the dictionary: an error where a kept row reads it, unread elsewhere
  const badIndex = [...dict, ...v1Page(8, null, [{ rle: 1, count: 8 }], [0, 1], RLE_DICTIONARY, indices(3, [{ packed: [0, 1, 2, 5, 0, 1, 2, 0] }]))];
  fails(() => sparse(badIndex, OPTIONAL_INT, 8, [3]), 'column c, page 1: dictionary indices: dictionary index 5 is out of range (the dictionary holds 3 values)');
  assert.deepEqual(entriesOf(sparse(badIndex, OPTIONAL_INT, 8, [2, 4]), [2, 4]), [[[0, 1, 9]], [[0, 1, 7]]]);
  // a v2 page whose repetition levels start 1 row where its header says 2
  const page = (rep: number[], rows: number) => v2Page(rep.length, rows, [{ packed: rep }], [{ packed: rep.map(() => 3) }], [1, 2], PLAIN, int32s(rep.map((_, i) => i)));
  fails(() => sparse([...page([0, 1, 1], 2), ...page([0], 1)], LIST_OF_INT, 3, [0]), 'column c, page 0: 1 rows where the page header says 2');
  // (a page holding no kept row is not read: its rows are counted from its header)
  assert.deepEqual(entriesOf(sparse([...page([0, 1, 1], 2), ...page([0], 1)], LIST_OF_INT, 3, [2]), [2]), [[[0, 3, 0]]]);
  // the first value continues a row that never started
  fails(() => sparse([...page([1, 0], 1), ...page([0], 1)], LIST_OF_INT, 2, [0]), 'column c, page 0: the first value does not start a row');
  // fewer rows than the row group claims
  fails(() => sparse([...page([0, 1], 1), ...page([0], 1)], LIST_OF_INT, 3, [1]), 'column c holds 2 rows where the row group claims 3');
  // a run of 2^31 - 1 definition levels in a 10-value page: cut at the page's values, nothing sized from it
  const huge = [...dict, ...v1Page(10, null, [{ rle: 1, count: 2 ** 31 - 1 }], [0, 1], RLE_DICTIONARY, indices(2, [{ rle: 2, count: 10 }]))];
  assert.deepEqual(entriesOf(sparse(huge, OPTIONAL_INT, 10, [9]), [9]), [[[0, 1, 9]]]);
  // a row group claiming 3 billion rows
  fails(() => sparse(huge, OPTIONAL_INT, 3_000_000_000, [9]), 'column c: 3000000000 rows is over the limit of 16777216 values per column chunk');
  // rows to decode must be ascending rows of the group (a caller's mistake, not the file's)
  assert.throws(() => sparse(huge, OPTIONAL_INT, 10, [5, 3]), (e: Error) => !(e instanceof ParquetLimitError) && /not ascending rows/.test(e.message));
});

test("a checked leaf walked three times (its keys, the deciding rows, the kept rows) counts once toward the row group's value budget", { timeout: 120_000 }, async (t) => {
  const parquet = join(tempDir(t), 'budget.parquet');
  writeOcsfParquet(parquet, invictusAndStratusRecords(), { rowGroupSize: 800, pageSize: 256 });
  const file = await asyncBufferFromFile(parquet);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const reader = new RowGroupReader(file, metadata, checkSchema(metadata), 0, { ...PARQUET_LIMITS, rowGroupValues: 800 });
  assert.ok(await reader.keys(['api.operation']));
  assert.equal((await reader.leaf('api.operation', [1, 5, 9])).entries, 3);
  assert.equal((await reader.leaf('api.operation', [2, 700])).entries, 2);
  await assert.rejects(reader.leaf('class_uid', [1]), (e: Error) => e instanceof ParquetLimitError && e.message === "column class_uid: the row group's columns hold over 800 values");
});

test('checked leaves of many combinations (500 IPs, dictionary-encoded): the rows of the JSON of hyparquet objects', { timeout: 300_000 }, async (t) => {
  // 7,843 combinations of class, operation and IP in the 9,000-row group, over an eighth of its
  // rows: the keys are given up for the verdicts row by row (parquet-ocsf.ts, rowsPassing)
  const dir = tempDir(t);
  const base = invictusAndStratusRecords();
  const records = Array.from({ length: 9000 }, (_, i) => ({ ...base[i % base.length], eventID: `id-${i}`, sourceIPAddress: `10.0.${(i % 500) >> 8}.${(i % 500) & 255}` }));
  const parquet = join(dir, 'ips.gz.parquet');
  writeOcsfParquet(parquet, records, { rowGroupSize: 9000 });
  const json = join(dir, 'oracle.json');
  const objects = await parquetReadObjects({ file: await asyncBufferFromFile(parquet), compressors });
  writeFileSync(json, JSON.stringify({ Records: objects.map((r) => ocsfToCloudTrail(r)) }));
  const predicates: ScanPredicate[] = [
    { kind: 'in', column: 'EventName', values: ['Decrypt', 'GetUser'], caseInsensitive: false },
    { kind: 'has', column: 'SourceIpAddress', term: '10.0.7.9', caseSensitive: false, negated: true },
  ];
  const file = await asyncBufferFromFile(parquet);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const keys = await new RowGroupReader(file, metadata, checkSchema(metadata), 0, PARQUET_LIMITS).keys(['class_uid', 'api.operation', 'src_endpoint.ip']);
  assert.ok(keys && new Set(keys).size > 9000 / 8, 'the keys are many');
  const got = await collect(openCloudTrail([parquet]), predicates);
  const want = await collect(openCloudTrail([json]), predicates);
  const key = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? `${v}` : v))).sort();
  assert.ok(got.rows.length > 500, `${got.rows.length} rows`);
  assert.deepEqual(key(got.rows), key(want.rows));
});
