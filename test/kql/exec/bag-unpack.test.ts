/**
 * evaluate bag_unpack (learn.microsoft.com/kusto/query/bag-unpack-plugin): doc examples, the limits
 * the official binder sets, and our choices (src/kql/syntax/lower-bag-unpack.ts, exec/ops/bag-unpack.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';

async function table(q: string): Promise<{ columns: string[]; types: string[]; rows: unknown[][] }> {
  const r = await runQuery(q);
  const rows: unknown[][] = [];
  for (let i = 0; i < r.result.length; i++) rows.push(r.result.schema.map((_, j) => r.result.columns[j]![i]));
  return { columns: r.columns, types: r.result.schema.map((c) => c.type), rows };
}

const PEOPLE = `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]`;

test('bag_unpack: one column per property (bag_unpack-plugin doc example)', async () => {
  assert.deepEqual(await table(`${PEOPLE} | evaluate bag_unpack(d)`), {
    columns: ['Age', 'Name'],
    types: ['long', 'string'],
    rows: [
      [20n, 'John'],
      [40n, 'Dave'],
      [30n, 'Jasmine'],
    ],
  });
});

test('bag_unpack with OutputColumnPrefix (bag_unpack-plugin doc example)', async () => {
  const t = await table(`${PEOPLE} | evaluate bag_unpack(d, 'Property_')`);
  assert.deepEqual(t.columns, ['Property_Age', 'Property_Name']);
  assert.deepEqual(t.rows[2], [30n, 'Jasmine']);
});

test('bag_unpack: a property missing from some bags is null there (bag_unpack-plugin doc example)', async () => {
  assert.deepEqual(
    (await table(`datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({ "Name": "Dave", "Height": 170, "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]
| evaluate bag_unpack(d)`)).rows,
    [
      [20n, null, 'John'],
      [40n, 170n, 'Dave'],
      [30n, null, 'Jasmine'],
    ],
  );
});

test('bag_unpack with an output schema and * (bag_unpack-plugin doc example); later operators use its columns', async () => {
  const q = `datatable(d:dynamic, Description: string)
[
    dynamic({"Name": "John", "Age":20, "height":180}), "Student",
    dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
    dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
]
| evaluate bag_unpack(d) : (*, Name:string, Age:long)`;
  assert.deepEqual(await table(q), {
    columns: ['Description', 'Name', 'Age'],
    types: ['string', 'string', 'long'],
    rows: [
      ['Student', 'John', 20n],
      ['Teacher', 'Dave', 40n],
      ['Student', 'Jasmine', 30n],
    ],
  });
  assert.deepEqual((await table(`${q} | where Age > 25 | summarize sum(Age) by Description`)).rows, [
    ['Teacher', 40n],
    ['Student', 30n],
  ]);
});

test('bag_unpack output schema without *: only the declared columns; the prefix is part of the declared name (our choice)', async () => {
  assert.deepEqual(
    (await table(`${PEOPLE} | extend k = 1 | evaluate bag_unpack(d, "p_") : (p_Name:string, Age:long, p_Missing:real)`)).rows[0],
    ['John', null, null],
  );
});

test('bag_unpack: mixed slot types give dynamic; non-bag values and nulls give nulls; kept columns first (our choices)', async () => {
  const t = await table(`datatable(k:string, d:dynamic)["a", dynamic({"x": 1, "y": "s"}), "b", dynamic({"x": "two", "y": null}), "c", dynamic(null), "d", dynamic([1])]
    | evaluate bag_unpack(d)`);
  assert.deepEqual(t.columns, ['k', 'x', 'y']);
  assert.deepEqual(t.types, ['string', 'dynamic', 'string']);
  assert.deepEqual(t.rows.map((r) => r[2]), ['s', '', '', '']);
  await assert.rejects(runQuery(`datatable(Name:string, d:dynamic)["x", dynamic({"Name": "y"})] | evaluate bag_unpack(d)`), /already has/);
});

test('bag_unpack limits: the binder rejects columnsConflict/ignoredProperties; a later reference to an unpacked column cannot be typed', async () => {
  await assert.rejects(runQuery(`${PEOPLE} | evaluate bag_unpack(d, columnsConflict='replace_source')`), /not supported/);
  await assert.rejects(runQuery(`${PEOPLE} | evaluate bag_unpack(d, 'p', 'replace_source')`), /expects 2 arguments/);
  await assert.rejects(runQuery(`${PEOPLE} | evaluate bag_unpack(d) | where Age > 25`), /unknown/);
  // Operators that name no unpacked column run; the binder's columns (here none but the count) are the result.
  assert.deepEqual((await table(`${PEOPLE} | evaluate bag_unpack(d) | count`)).rows, [[3n]]);
});

test('rows passed on after bag_unpack (where, take, sort, top) keep the columns the data gave it (a take or sort used to cut them back to the plan\'s, or crash)', async () => {
  for (const tail of ['| take 2', '| where k == 1', '| order by k asc | take 2', '| where k > 0 | take 1', '| top 2 by k']) {
    const t = await table(`${PEOPLE} | extend k = 1 | evaluate bag_unpack(d) ${tail}`);
    assert.deepEqual(t.columns, ['k', 'Age', 'Name'], tail);
    assert.ok(t.rows.length > 0 && t.rows.every((r) => r.length === 3 && typeof r[2] === 'string'), tail);
  }
});
