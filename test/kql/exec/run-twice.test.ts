/**
 * One compiled plan run many times, as a replay does, with different rows and now() each run:
 * what the executor keeps per plan node (which expressions need preparing) must not carry a
 * run's values into the next, and the join fast paths (a side's rows taken whole, or none of
 * them) must give the rows of the general path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { TableSource } from '../../../src/kql/scan.ts';
import type { Batch, Schema, Value } from '../../../src/kql/types.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';

const ls: Schema = [{ name: 'k', type: 'string' }, { name: 'a', type: 'long' }, { name: 't', type: 'datetime' }];
const rs: Schema = [{ name: 'k', type: 'string' }, { name: 'b', type: 'long' }];
const catalog = { tables: [{ name: 'L', schema: ls }, { name: 'R', schema: rs }], functions: [], watchlistFields: [] };

function rowsOf(b: Batch): Value[][] {
  return Array.from({ length: b.length }, (_, i) => b.columns.map((c) => c[i]!));
}

async function run(query: string, now: string, l: Value[][], r: Value[][], ingestion?: (bigint | null)[]): Promise<Batch> {
  const q = compiled.get(query) ?? compileQuery(query, catalog);
  compiled.set(query, q);
  const tables = new Map([
    ['L', MemoryTable.fromRows(ls, l, ingestion)],
    ['R', MemoryTable.fromRows(rs, r)],
  ]);
  return q.run({ now: ticks(now), tables, watchlists: new Map() });
}
const compiled = new Map<string, ReturnType<typeof compileQuery>>();

const T0 = ticks('2024-05-01T12:00:00Z');
const MIN = 600_000_000n;

test('a subquery in a project is computed afresh on every run of the same plan (toscalar, now())', async () => {
  const query = 'L | extend m = toscalar(R | summarize max(b)), age = now() - t | project k, m, age';
  const a = await run(query, '2024-05-01T12:00:00Z', [['x', 1n, T0 - MIN]], [['x', 5n]]);
  const b = await run(query, '2024-05-01T12:10:00Z', [['y', 2n, T0], ['z', 3n, T0]], [['x', 7n], ['y', 9n]]);
  const c = await run(query, '2024-05-01T12:00:00Z', [['x', 1n, T0 - MIN]], [['x', 5n]]);
  assert.deepEqual(rowsOf(a), [['x', 5n, MIN]]);
  assert.deepEqual(rowsOf(b), [['y', 9n, 10n * MIN], ['z', 9n, 10n * MIN]]);
  assert.deepEqual(rowsOf(c), rowsOf(a));
});

test('lookup kind=leftouter: no match, each row matched once, some, and several matches per row', async () => {
  const query = 'L | lookup kind=leftouter (R) on k | project k, a, b';
  const left: Value[][] = [['x', 1n, T0], ['y', 2n, T0], ['z', 3n, T0]];
  // No right row matches: every b is null.
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['q', 9n]])), [['x', 1n, null], ['y', 2n, null], ['z', 3n, null]]);
  // Every left row matches exactly once, in left order.
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['z', 30n], ['x', 10n], ['y', 20n]])), [['x', 1n, 10n], ['y', 2n, 20n], ['z', 3n, 30n]]);
  // Some match.
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['y', 20n]])), [['x', 1n, null], ['y', 2n, 20n], ['z', 3n, null]]);
  // A key matched twice repeats its left row: the left side is no longer its rows in order.
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['x', 10n], ['x', 11n]])), [['x', 1n, 10n], ['x', 1n, 11n], ['y', 2n, null], ['z', 3n, null]]);
  // An empty right side and an empty left side.
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [])), [['x', 1n, null], ['y', 2n, null], ['z', 3n, null]]);
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', [], [['x', 1n]])), []);
});

test('lookup and join keep each row its ingestion time, whether or not the left rows are taken whole', async () => {
  const query = 'L | lookup kind=leftouter (R) on k | project k, b, i = ingestion_time()';
  const left: Value[][] = [['x', 1n, T0], ['y', 2n, T0]];
  const ing = [T0 + 1n, null];
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['y', 5n]], ing)), [['x', null, T0 + 1n], ['y', 5n, null]]);
  assert.deepEqual(rowsOf(await run(query, '2024-05-01T12:00:00Z', left, [['x', 4n], ['x', 6n]], ing)), [['x', 4n, T0 + 1n], ['x', 6n, T0 + 1n], ['y', null, null]]);
  const inner = 'L | join kind=inner (R) on k | project k, b, i = ingestion_time()';
  assert.deepEqual(rowsOf(await run(inner, '2024-05-01T12:00:00Z', left, [['x', 4n], ['y', 5n]], ing)), [['x', 4n, T0 + 1n], ['y', 5n, null]]);
});

test('join kind=rightsemi and fullouter when a side is taken whole or not at all', async () => {
  const semi = 'L | join kind=rightsemi (R) on k';
  const left: Value[][] = [['x', 1n, T0], ['y', 2n, T0]];
  assert.deepEqual(rowsOf(await run(semi, '2024-05-01T12:00:00Z', left, [['x', 10n], ['y', 20n]])), [['x', 10n], ['y', 20n]]);
  assert.deepEqual(rowsOf(await run(semi, '2024-05-01T12:00:00Z', left, [['q', 10n], ['y', 20n]])), [['y', 20n]]);
  const full = 'L | join kind=fullouter (R) on k | project k, a, k1, b';
  assert.deepEqual(rowsOf(await run(full, '2024-05-01T12:00:00Z', left, [['q', 10n]])), [
    ['x', 1n, '', null],
    ['y', 2n, '', null],
    ['', null, 'q', 10n],
  ]);
  assert.deepEqual(rowsOf(await run(full, '2024-05-01T12:00:00Z', [], [['q', 10n]])), [['', null, 'q', 10n]]);
});

/** A table that yields its rows in batches of `size` (MemoryTable yields one batch). */
function batched(schema: Schema, rows: Value[][], size: number): TableSource {
  return {
    schema,
    async *scan() {
      for (let i = 0; i < rows.length; i += size) {
        const part = rows.slice(i, i + size);
        yield { schema, length: part.length, columns: schema.map((_, c) => part.map((r) => r[c]!)) };
      }
    },
  };
}

test('arg_min/arg_max(x, *) give the same rows over one batch and over many (rows kept by reference, then copied)', async () => {
  const rand = ((s: number) => () => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s / 0x7fffffff))(9);
  const rows: Value[][] = Array.from({ length: 300 }, (_, i) => [
    `k${Math.floor(rand() * 7)}`,
    rand() < 0.1 ? null : BigInt(Math.floor(rand() * 50)),
    T0 + BigInt(i),
  ]);
  // k0's first row has a null x: the row kept for it is replaced once an x comes. Every x of kn
  // is null: its first row is the result (null-handling doc).
  rows.unshift(['k0', null, T0 - 1n], ['kn', null, T0 - 2n]);
  const query = 'L | summarize arg_min(a, *), arg_max(a, t) by k | order by k asc';
  const q = compileQuery(query, catalog);
  const results: Value[][][] = [];
  for (const size of [rows.length, 1, 2, 37, 100]) {
    const tables = new Map<string, TableSource>([['L', batched(ls, rows, size)], ['R', MemoryTable.fromRows(rs, [])]]);
    results.push(rowsOf(await q.run({ now: T0, tables, watchlists: new Map() })));
  }
  const want = [...new Set(rows.map((r) => r[0] as string))].sort().map((k) => {
    const mine = rows.filter((r) => r[0] === k);
    const nonNull = mine.filter((r) => r[1] !== null);
    const min = nonNull.reduce<Value[] | undefined>((b, r) => (b === undefined || (r[1] as bigint) < (b[1] as bigint) ? r : b), undefined) ?? mine[0]!;
    const max = nonNull.reduce<Value[] | undefined>((b, r) => (b === undefined || (r[1] as bigint) > (b[1] as bigint) ? r : b), undefined) ?? mine[0]!;
    return [k, min[1]!, min[2]!, max[1]!, max[2]!];
  });
  for (const r of results) assert.deepEqual(r, want);
});

test('lookup against an empty table: leftouter keeps every row with null right columns, inner keeps none', async () => {
  const left: Value[][] = [['x', 1n, T0], ['y', 2n, T0]];
  assert.deepEqual(rowsOf(await run('L | lookup kind=leftouter (R) on k', '2024-05-01T12:00:00Z', left, [])), [['x', 1n, T0, null], ['y', 2n, T0, null]]);
  assert.deepEqual(rowsOf(await run('L | lookup kind=inner (R) on k', '2024-05-01T12:00:00Z', left, [])), []);
  assert.deepEqual(rowsOf(await run('L | lookup kind=inner (R) on k', '2024-05-01T12:00:00Z', left, [['y', 3n]])), [['y', 2n, T0, 3n]]);
});

test('activity_counts_metrics gives each group its windows in time order whatever the row order', async () => {
  const rows: Value[][] = [];
  for (let i = 0; i < 40; i++) rows.push([`u${i % 3}`, BigInt(i % 5), T0 + BigInt(i) * 2n * MIN]);
  const query = 'L | evaluate activity_counts_metrics(a, t, datetime(2024-05-01T11:00:00Z), datetime(2024-05-01T14:00:00Z), 15m, k)';
  const inOrder = rowsOf(await run(query, '2024-05-01T12:00:00Z', rows, []));
  const shuffled = [...rows].reverse();
  shuffled.push(shuffled.shift()!);
  const outOfOrder = rowsOf(await run(query, '2024-05-01T12:00:00Z', shuffled, []));
  const byGroup = (r: Value[][]) => [...new Set(r.map((x) => x[1] as string))].sort().map((k) => r.filter((x) => x[1] === k));
  // Groups come in first-appearance order; within a group, windows ascend and the counts
  // (new_dcount over the windows so far) are the same either way.
  assert.deepEqual(byGroup(outOfOrder), byGroup(inOrder));
  for (const g of byGroup(outOfOrder)) for (let i = 1; i < g.length; i++) assert.ok((g[i - 1]![0] as bigint) < (g[i]![0] as bigint));
  assert.ok(inOrder.length >= 15);
});
