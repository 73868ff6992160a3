/**
 * union kind=inner (learn.microsoft.com/kusto/query/union-operator: "only columns common to all
 * of the input tables"). The binder types it as kind=outer, so we run it when the two agree and
 * name it unsupported otherwise (src/kql/syntax/lower-union-inner.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';

async function rows(q: string): Promise<unknown[][]> {
  const r = await runQuery(q);
  const out: unknown[][] = [];
  for (let i = 0; i < r.result.length; i++) out.push(r.result.columns.map((c) => c[i]));
  return out;
}

const T = 'let A = datatable(User:string, n:long)["alice", 1, "bob", 2]; let B = datatable(n:long, User:string)[3, "carol"];';

test('union kind=inner over inputs with the same columns: the rows of every input (union-operator doc)', async () => {
  const r = await runQuery(`${T} A | union kind=inner B`);
  assert.deepEqual(r.columns, ['User', 'n']);
  assert.deepEqual(await rows(`${T} A | union kind=inner B`), [
    ['alice', 1n],
    ['bob', 2n],
    ['carol', 3n],
  ]);
  // Columns aligned by name across projections, and withsource.
  assert.deepEqual(await rows(`${T} A | union kind=inner withsource=Src (B | project User, n) | where n > 1 | project Src, User`), [
    ['union_arg0', 'bob'],
    ['union_arg1', 'carol'],
  ]);
});

test('union kind=inner over inputs whose columns differ is named unsupported (the binder would keep every column)', async () => {
  await assert.rejects(runQuery(`${T} A | union kind=inner (B | extend x = 1)`), /union kind=inner.*not supported/);
  await assert.rejects(runQuery(`${T} A | union kind=inner (B | project n = tostring(n), User)`), /not supported/);
});
