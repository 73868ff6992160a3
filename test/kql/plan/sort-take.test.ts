/**
 * sortTakeAsTop (src/kql/plan/sort-take.ts): `sort by K | take N` runs as `top N by K`, which the
 * top-operator doc calls equivalent "both from semantic and performance perspectives"
 * (learn.microsoft.com/kusto/query/top-operator): the same rows in the same order, ties and
 * nulls included, in the memory of N rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { RunawayQueryError } from '../../../src/kql/errors.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { Plan } from '../../../src/kql/plan/plan.ts';
import type { Schema } from '../../../src/kql/types.ts';

const T: Schema = [{ name: 'a', type: 'long' }, { name: 's', type: 'string' }, { name: 'r', type: 'real' }];
const CATALOG: CatalogSchema = { tables: [{ name: 'T', schema: T }], functions: [], watchlistFields: [] };
// ties on a, nulls, NaN, and s to tell tied rows apart
const ROWS = MemoryTable.fromRows(T, [
  [3n, 'p', 1], [1n, 'q', NaN], [null, 'r', null], [3n, 's', 2], [2n, 't', 2], [null, 'u', 0], [1n, 'v', NaN], [3n, 'w', 1],
]);

async function rows(query: string): Promise<string[]> {
  const r = await compileQuery(query, CATALOG).run({ now: 0n, tables: new Map([['T', ROWS]]) });
  return Array.from({ length: r.length }, (_, i) => r.columns.map((c) => String(c[i])).join(' '));
}

const ops = (plan: Plan): string[] => {
  const out: string[] = [];
  for (let p: Plan | undefined = plan; p; p = (p as { input?: Plan }).input) out.push(p.op);
  return out;
};

test('sort | take, order by | limit: one top node', () => {
  assert.deepEqual(ops(compileQuery('T | sort by a | take 2', CATALOG).plan), ['top', 'scan']);
  assert.deepEqual(ops(compileQuery('T | order by a asc nulls first, s desc | limit 3 | project s', CATALOG).plan), ['project', 'top', 'scan']);
  const top = compileQuery('T | order by a asc nulls first, s desc | limit 3', CATALOG).plan as Plan & { op: 'top' };
  assert.deepEqual(top.keys.map((k) => [k.descending, k.nullsFirst]), [[false, true], [true, false]]);
  // a take under other operators, or a sort not straight under the take, stays as it was
  assert.deepEqual(ops(compileQuery('T | sort by a | where a > 1 | take 2', CATALOG).plan), ['take', 'where', 'sort', 'scan']);
});

test('the rows of the whole sort, first N, in order: ties in input order, nulls and NaN where sort puts them', async () => {
  for (const keys of ['a', 'a asc', 'a desc nulls first', 'a asc nulls last, s desc', 'r', 'r asc', 'r desc nulls first', 's']) {
    const sorted = await rows(`T | sort by ${keys}`);
    for (const n of [0, 1, 3, 5, 8, 20]) {
      assert.deepEqual(await rows(`T | sort by ${keys} | take ${n}`), sorted.slice(0, n), `sort by ${keys} | take ${n}`);
      // top takes one key (top-operator syntax); the top node a sort | take becomes takes several
      if (!keys.includes(',')) assert.deepEqual(await rows(`T | top ${n} by ${keys}`), sorted.slice(0, n), `top ${n} by ${keys}`);
    }
  }
});

test('a sort that something else reads too is kept, and both uses give their rows', async () => {
  const q = 'let S = T | sort by a; union (S | take 2 | extend k = "take"), (S | count | extend k = "count", a = Count)';
  const plan = compileQuery(q, CATALOG).plan;
  assert.match(JSON.stringify(plan, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)), /"op":"sort"/);
  const out = await rows(q);
  assert.equal(out.length, 3);
});

test('sort | take over many rows runs in the memory of its N rows, as top does (the sort alone stops at the budget)', async () => {
  const properties = { max_memory_consumption_per_query_per_node: 16 * 1024 * 1024 };
  const run = (q: string) => compileQuery(q, CATALOG).run({ now: 0n, tables: new Map(), properties });
  const r = await run('range x from 1 to 300000 step 1 | extend s = strcat("row", x) | sort by x desc | take 3');
  assert.deepEqual(r.columns[0], [300000n, 299999n, 299998n]);
  await assert.rejects(run('range x from 1 to 300000 step 1 | extend s = strcat("row", x) | sort by x desc'), RunawayQueryError);
});
