/**
 * Queries over dynamic values nested 100,000 levels deep, and over values past the engine's
 * size limits (issue #13). No depth limit is documented for parse_json
 * (learn.microsoft.com/kusto/query/parse-json-function): every operator that parses, prints,
 * compares, groups, hashes or sorts such a value must give the same answer as for a flat one,
 * where recursion would end the query with a RangeError a few thousand levels down.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { Schema } from '../../../src/kql/types.ts';
import { runQuery } from '../../helpers/run-query.ts';

const DEEP = 100_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepBag = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);

const schema: Schema = [{ name: 'id', type: 'string' }, { name: 'j', type: 'string' }];
const T = MemoryTable.fromRows(schema, [
  ['flat', '{"a":1}'],
  ['array', deepArray],
  ['bag', deepBag],
  ['array2', deepArray],
]);
const tables = { T };

test('parse_json, tostring, ==, gettype and todynamic(tostring(d)) over 100,000 levels', { timeout: 120_000 }, async () => {
  const { rows } = await runQuery(
    'T | extend d = parse_json(j) | extend s = tostring(d) | extend same = s == j, eq = d == todynamic(s), t = gettype(d), n = strlen(s) | project id, same, eq, t, n',
    { tables },
  );
  assert.deepEqual(rows, [
    { id: 'flat', same: true, eq: true, t: 'dictionary', n: 7n },
    { id: 'array', same: true, eq: true, t: 'array', n: BigInt(deepArray.length) },
    { id: 'bag', same: true, eq: true, t: 'dictionary', n: BigInt(deepBag.length) },
    { id: 'array2', same: true, eq: true, t: 'array', n: BigInt(deepArray.length) },
  ]);
});

test('grouping, distinct, dcount, make_set, hashes, join and sort on deep values', { timeout: 120_000 }, async () => {
  const grouped = await runQuery('T | extend d = parse_json(j) | summarize c = count() by s = tostring(d) | project c', { tables });
  assert.deepEqual(grouped.rows.map((r) => r['c']), [1n, 2n, 1n]);
  const agg = await runQuery(
    'T | extend d = parse_json(j) | summarize dc = dcount(tostring(d)), sets = make_set(d), h = make_set(hash_sha256(tostring(d))), xx = make_set(hash(tostring(d))) | project dc, n = array_length(sets), nh = array_length(h), nx = array_length(xx)',
    { tables },
  );
  assert.deepEqual(agg.rows, [{ dc: 3n, n: 3n, nh: 3n, nx: 3n }]);
  const distinct = await runQuery('T | extend s = tostring(parse_json(j)) | distinct s | count', { tables });
  assert.equal(distinct.rows[0]!['Count'], 3n);
  const joined = await runQuery('T | extend s = tostring(parse_json(j)) | join kind=inner (T | extend s = tostring(parse_json(j)) | project s, id2 = id) on s | project id, id2', { tables });
  assert.equal(joined.rows.length, 6, 'array and array2 match each other and themselves');
  const sorted = await runQuery('T | extend d = parse_json(j) | sort by tostring(d) asc | project id', { tables });
  assert.deepEqual(sorted.rows.map((r) => r['id']), ['array', 'array2', 'flat', 'bag'], 'ordinal: "1" sorts before "{"');
});

test('mv-expand, bag_unpack, bag_merge, set_union, array_index_of, in and pack_array of deep values', { timeout: 120_000 }, async () => {
  const { rows } = await runQuery(
    `T | where id != 'array2' | extend d = parse_json(j)
     | extend m = bag_merge(d, dynamic({"z":1})), u = set_union(pack_array(d), pack_array(d)), i = array_index_of(pack_array(1, d), d), isin = d in (pack_array(d))
     | project id, m = strlen(tostring(m)), u = array_length(u), i, isin`,
    { tables },
  );
  assert.deepEqual(rows, [
    { id: 'flat', m: 13n, u: 1n, i: 1n, isin: true },
    { id: 'array', m: 0n, u: 1n, i: 1n, isin: true }, // bag_merge of a non-bag is null, whose tostring is ""
    { id: 'bag', m: BigInt(deepBag.length + 6), u: 1n, i: 1n, isin: true },
  ]);
  const expanded = await runQuery("T | where id == 'array' | extend d = parse_json(j) | mv-expand d | project n = strlen(tostring(d))", { tables });
  assert.deepEqual(expanded.rows, [{ n: BigInt(deepArray.length - 2) }]);
  const unpacked = await runQuery("T | where id == 'bag' | extend d = parse_json(j) | evaluate bag_unpack(d) : (id:string, j:string, a:dynamic) | project n = strlen(tostring(a))", { tables });
  assert.deepEqual(unpacked.rows, [{ n: BigInt(deepBag.length - 6) }]);
});

test('a value past the longest string Node.js holds fails the query by name, not with an internal RangeError', { timeout: 120_000 }, async () => {
  // strrep repeats at most 1,024 times (strrep doc); three levels make 2^30 characters.
  await assert.rejects(
    runQuery('print s = strrep(strrep(strrep("a", 1024), 1024), 1024) | project strlen(s)'),
    (e: Error) => e.name === 'QueryLimitError' && /^strrep\(\): the result would have 1073741824 characters, more than a string can hold/.test(e.message),
  );
  await assert.rejects(
    runQuery('range i from 1 to 2 step 1 | extend s = strrep(strrep(strrep(tostring(i), 1024), 1024), 1024) | project strlen(s)'),
    (e: Error) => e.name === 'QueryLimitError' && /^strrep\(\)/.test(e.message),
  );
  // repeat() is refused by the query's memory budget before the array is made (docs/kql.md, Limits).
  await assert.rejects(
    runQuery('print r = repeat("a", 1000000000) | project n = array_length(r)'),
    (e: Error) => /^The repeat\(\) function has exceeded the memory budget .*\(E_RUNAWAY_QUERY\)/.test(e.message),
  );
});
