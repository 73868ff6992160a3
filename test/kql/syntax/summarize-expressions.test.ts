/**
 * Scalar expressions over aggregates in summarize (summarize-operator doc: "Aggregation: A call
 * to an aggregation function such as count() or avg(), ... *Column* = *Aggregation*"; the
 * use-aggregation-functions tutorial writes `round(avg(DamageProperty))` and
 * `100.0 * countif(...) / count()`-style percentages). Names and types are the binder's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';

const T = 'let T = datatable(k:string, x:long)["a",1, "a",2, "b",-3, "a",2, "b",6];';

test('Pct = 100.0 * countif(p) / count() and S = array_sort_asc(make_set_if(x, p)) per group', async () => {
  const r = await runQuery(`${T} T | summarize S = array_sort_asc(make_set_if(x, x > 0)), Pct = 100.0 * countif(x > 0) / count() by k`);
  assert.deepEqual(r.columns, ['k', 'S', 'Pct']);
  assert.deepEqual(r.result.schema.map((c) => c.type), ['string', 'dynamic', 'real']);
  assert.deepEqual(r.rows, [
    { k: 'a', S: [1n, 2n], Pct: 100 },
    { k: 'b', S: [6n], Pct: 50 },
  ]);
});

test('an unnamed expression takes the binder\'s name: round(avg(x)) is avg_x (use-aggregation-functions tutorial output)', async () => {
  const r = await runQuery(`${T} T | summarize min(x), round(avg(x)), tostring(count()), 100.0 * countif(x > 0) by k`);
  assert.deepEqual(r.columns, ['k', 'min_x', 'avg_x', 'count_', 'Column1']);
  assert.deepEqual(r.rows[0], { k: 'a', min_x: 1n, avg_x: 2, count_: '3', Column1: 300 });
  // avg 1.5: a tie both of .NET's rules round to 2 (rounding.ts).
  assert.deepEqual(r.rows[1], { k: 'b', min_x: -3n, avg_x: 2, count_: '2', Column1: 100 });
});

test('the aggregates of an expression are computed once with the others; no by over no rows gives one row', async () => {
  const r = await runQuery(`${T} T | where x > 100 | summarize n = count(), Ratio = 1.0 * sum(x) / count(), Last = strcat("n=", count())`);
  assert.deepEqual(r.rows, [{ n: 0n, Ratio: NaN, Last: 'n=0' }]);
});

test('an expression may mix several aggregates and constants, and sit between plain aggregates', async () => {
  const r = await runQuery(`${T} let base = 10; T | summarize c = count(), Span = max(x) - min(x) + base, d = dcount(x) by k`);
  assert.deepEqual(r.columns, ['k', 'c', 'Span', 'd']);
  assert.deepEqual(r.rows, [
    { k: 'a', c: 3n, Span: 11n, d: 2n },
    { k: 'b', c: 2n, Span: 19n, d: 2n },
  ]);
});
