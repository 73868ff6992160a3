/**
 * `top N by T` over a wide read in two reads (src/kql/exec/ops/top-two-reads.ts): the keys first,
 * then only the rows at or past the N-th key, which the reader gets as a time bound. The rows must
 * be those of one read (RunInput.readAllColumns turns projection pushdown, and so the two reads,
 * off), ties, nulls and both directions included, and the second read must really be narrowed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { ScanOptions, TableSource } from '../../../src/kql/scan.ts';
import type { Batch, Schema, Value } from '../../../src/kql/types.ts';
import { fileURLToPath } from 'node:url';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { openCloudTrail } from '../../../src/cloudtrail/index.ts';

const WIDE: Schema = [
  { name: 'TimeGenerated', type: 'datetime' },
  { name: 'Id', type: 'long' },
  { name: 'Name', type: 'string' },
  ...Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, type: 'string' as const })),
];
const CATALOG: CatalogSchema = { tables: [{ name: 'T', schema: WIDE }], functions: [], watchlistFields: [] };
const S = 10_000_000n; // a second in ticks

/** 200 rows: times with many ties, a few nulls, names that tell tied rows apart. */
function rows(nulls: boolean): Value[][] {
  return Array.from({ length: 200 }, (_, i) => [
    nulls && i % 37 === 5 ? null : 638_000_000_000_000_000n + BigInt((i * 7919) % 23) * S,
    BigInt(i),
    `n${i}`,
    ...Array.from({ length: 12 }, (_, j) => `v${i}-${j}`),
  ]);
}

/** The table, keeping the options of every scan. */
class Recorded implements TableSource {
  readonly scans: ScanOptions[] = [];
  private readonly table: MemoryTable;
  constructor(data: Value[][]) {
    this.table = MemoryTable.fromRows(WIDE, data);
  }
  get schema(): Schema {
    return this.table.schema;
  }
  scan(options: ScanOptions): AsyncIterable<Batch> {
    this.scans.push(options);
    return this.table.scan(options);
  }
}

async function run(query: string, data: Value[][], readAllColumns = false) {
  const table = new Recorded(data);
  const r = await compileQuery(query, CATALOG).run({ now: 0n, tables: new Map([['T', table]]), readAllColumns });
  const out = Array.from({ length: r.length }, (_, i) => r.columns.map((c) => String(c[i])).join(' '));
  return { out, scans: table.scans };
}

test('two reads give the rows of one, in order: ties at the N-th key, nulls first or last, both directions, N past the rows', async () => {
  for (const nulls of [false, true]) {
    const data = rows(nulls);
    for (const keys of ['TimeGenerated desc', 'TimeGenerated asc', 'TimeGenerated desc nulls first', 'TimeGenerated asc nulls last', 'TimeGenerated desc, Id asc']) {
      for (const n of [1, 5, 9, 10, 11, 50, 199, 200, 250]) {
        const q = keys.includes(',') ? `T | sort by ${keys} | take ${n}` : `T | top ${n} by ${keys}`;
        const one = await run(q, data, true);
        const two = await run(q, data);
        assert.deepEqual(two.out, one.out, `${q} (nulls: ${nulls})`);
        assert.equal(one.scans.length, 1);
      }
    }
  }
});

test('the first read asks for the key only; the second for every column, with the N-th key as a time bound', async () => {
  const data = rows(false);
  const { scans, out } = await run('T | where Name != "n3" | top 10 by TimeGenerated desc', data);
  assert.equal(out.length, 10);
  assert.equal(scans.length, 2);
  assert.deepEqual([...(scans[0]!.columns ?? [])].sort(), ['Name', 'TimeGenerated']);
  assert.equal(scans[1]!.columns?.size ?? WIDE.length, WIDE.length, 'every column');
  const bound = scans[1]!.predicates.find((p) => p.kind === 'timeRange');
  assert.ok(bound && bound.kind === 'timeRange' && bound.min !== undefined && bound.minInclusive !== false, JSON.stringify(scans[1]!.predicates, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
  // through a rename and an extend that leave the key a column of the table
  const renamed = await run('T | extend k = strlen(Name) | project-rename When = TimeGenerated | top 10 by When asc', data);
  assert.equal(renamed.scans.length, 2);
  assert.deepEqual(renamed.out, (await run('T | extend k = strlen(Name) | project-rename When = TimeGenerated | top 10 by When asc', data, true)).out);
});

test('one read where two cannot help: a narrow read, a computed key, a key that is not a datetime, a shared input, N of 0', async () => {
  const data = rows(false);
  for (const q of [
    'T | project TimeGenerated, Name | top 10 by TimeGenerated desc',
    'T | extend t = TimeGenerated + 1s | top 10 by t desc',
    'T | top 10 by Id desc',
  ]) {
    const { scans } = await run(q, data);
    assert.equal(scans.length, 1, q);
  }
  assert.equal((await run('T | top 0 by TimeGenerated desc', data)).scans.length, 0, 'top 0 reads nothing');
  const shared = await run('let S = T | where Id > 3; union (S | top 5 by TimeGenerated desc), (S | top 5 by TimeGenerated asc)', data);
  assert.equal(shared.scans.length, 1, 'a shared input is read once');
});

test('over the CloudTrail reader (a worker and this thread): the rows of one read, the second read mapping few records', async () => {
  const examples = fileURLToPath(new URL('../../../examples', import.meta.url));
  const workspace = loadWorkspace({});
  const run = async (query: string, readAllColumns: boolean) => {
    const source = openCloudTrail([examples], { workers: 2, parallelMinBytes: 0 });
    const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
    const b = await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists, readAllColumns });
    const rows = Array.from({ length: b.length }, (_, i) => JSON.stringify(b.columns.map((c) => c[i]), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    return { rows, read: source.summary().rows };
  };
  for (const q of [
    'AWSCloudTrail | top 7 by TimeGenerated desc',
    'AWSCloudTrail | top 30 by TimeGenerated asc',
    'AWSCloudTrail | where EventName != "ConsoleLogin" | extend n = strlen(EventName) | top 5 by TimeGenerated desc',
    'AWSCloudTrail | sort by TimeGenerated desc, EventName asc | take 12',
  ]) {
    const one = await run(q, true);
    const two = await run(q, false);
    assert.deepEqual(two.rows, one.rows, q);
    assert.ok(two.rows.length > 0 && two.read < one.read / 10, `${q}: the second read mapped ${two.read} rows, one read ${one.read}`);
  }
});
