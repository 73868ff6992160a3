/**
 * Functions that return several columns (the binder types them as tuples): `(a, b) = f(x)`,
 * `a = f(x)` and a bare `f(x)` in extend, project and print (series-stats doc: "If you provide a
 * limited number of names, the table will show only those columns"; the binder's columns rule).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';
import { compileQuery } from '../../../src/kql/engine.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';

const X = 'print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29])';
const STATS = ['series_stats_x_min', 'series_stats_x_min_idx', 'series_stats_x_max', 'series_stats_x_max_idx', 'series_stats_x_avg', 'series_stats_x_stdev', 'series_stats_x_variance'];

test('project series_stats(x): one column per statistic, named by the binder (series-stats doc example)', async () => {
  const r = await runQuery(`${X} | project series_stats(x)`);
  assert.deepEqual(r.columns, STATS);
  assert.deepEqual(r.result.schema.map((c) => c.type), ['real', 'long', 'real', 'long', 'real', 'real', 'real']);
  assert.deepEqual([r.rows[0]!.series_stats_x_min, r.rows[0]!.series_stats_x_min_idx, r.rows[0]!.series_stats_x_max_idx], [2, 8n, 3n]);
});

test('extend (a, b) = f(x): the names given first, the binder\'s default names for the rest', async () => {
  const r = await runQuery(`${X} | extend (lo, lo_at) = series_stats(x)`);
  assert.deepEqual(r.columns, ['x', 'lo', 'lo_at', ...STATS.slice(2)]);
  assert.deepEqual([r.rows[0]!.lo, r.rows[0]!.lo_at, r.rows[0]!.series_stats_x_max], [2, 8n, 87]);
});

test('extend a = f(x) names the first column; an existing name is replaced in place (extend-operator doc)', async () => {
  const r = await runQuery(`${X} | extend y = 1 | extend x = series_stats(x)`);
  assert.deepEqual(r.columns, ['x', 'y', ...STATS.slice(1)]);
  assert.equal(r.rows[0]!.x, 2);
  assert.equal(r.result.schema[0]!.type, 'real');
});

test('a tuple call is computed once per row and several tuples sit beside plain columns', async () => {
  const r = await runQuery(`${X} | extend n = array_length(x), (rs, sl) = series_fit_line(x), (mn) = series_stats(x), m = 1`);
  assert.deepEqual(r.columns.slice(0, 4), ['x', 'n', 'rs', 'sl']);
  assert.equal(r.rows[0]!.n, 15n);
  assert.equal(r.rows[0]!.mn, 2);
  assert.equal(r.rows[0]!.m, 1n);
  assert.equal(r.columns.length, 1 + 1 + 6 + 7 + 1);
});

test('print series_stats(...) spreads its columns among the print\'s own', async () => {
  const r = await runQuery('print a = 1, series_stats(dynamic([1, 2, 3])), b = "z"');
  assert.deepEqual(r.columns, ['a', 'series_stats__min', 'series_stats__min_idx', 'series_stats__max', 'series_stats__max_idx', 'series_stats__avg', 'series_stats__stdev', 'series_stats__variance', 'b']);
  assert.deepEqual(r.result.columns.map((c) => c[0]), [1n, 1, 0n, 3, 2n, 2, 1, 1, 'z']);
});

test('print (a, b) = f(x) and print a = f(x): only the named columns, the first components in order (the binder\'s print columns; series-stats doc: "the table will show only those columns"; an internal error before, found by the extreme-argument sweep)', async () => {
  const two = await runQuery('print (lo, lo_at) = series_stats(dynamic([3, 1, 2])), z = 1');
  assert.deepEqual(two.columns, ['lo', 'lo_at', 'z']);
  assert.deepEqual(two.result.schema.map((c) => c.type), ['real', 'long', 'long']);
  assert.deepEqual([two.rows[0]!.lo, two.rows[0]!.lo_at, two.rows[0]!.z], [1, 1n, 1n]);
  const one = await runQuery('print r = series_fit_line(dynamic([1, 2, 3]))');
  assert.deepEqual(one.columns, ['r']);
  assert.equal(one.rows[0]!.r, 1, 'rsquare, the first component');
});

test('each row gets its own tuple: series_decompose_anomalies over make_list per key (the Sentinel BEC rule\'s shape)', async () => {
  const r = await runQuery(`datatable(k:string, v:long)["a",1,"a",2,"a",3,"b",5,"b",5,"b",50]
| summarize v = make_list(v) by k
| extend (Anomalies, Score, Baseline) = series_decompose_anomalies(v, 1.5, 0, 'avg')
| project k, Anomalies, Baseline`);
  assert.deepEqual(r.rows.map((x) => x.k), ['a', 'b']);
  assert.deepEqual(r.rows[0]!.Baseline, [2, 2, 2]);
  assert.deepEqual(r.rows[1]!.Baseline, [20, 20, 20]);
});

test('a function returning several columns inside another expression is refused by name', () => {
  const ws = loadWorkspace({});
  assert.throws(() => compileQuery(`${X} | extend y = tostring(series_stats(x))`, ws.catalog(new Map())), /series_stats\(\) inside an expression \(it returns several columns\) is not supported/);
});
