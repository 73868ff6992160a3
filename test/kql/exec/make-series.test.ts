/**
 * make-series (learn.microsoft.com/kusto/query/make-series-operator): doc examples, and our
 * choices where the doc is silent (src/kql/exec/ops/make-series.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';
import type { Value } from '../../../src/kql/types.ts';
import { DynDatetime, DynInt } from '../../../src/kql/types.ts';
import { formatDatetime } from '../../../src/kql/values/datetime.ts';

/** A value with datetimes as their text, int as number: long stays bigint, real number. */
function plain(v: Value): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof DynDatetime) return formatDatetime(v.ticks);
  if (v instanceof DynInt) return v.value;
  return v;
}

async function rows(q: string): Promise<unknown[][]> {
  const r = await runQuery(q);
  const out: unknown[][] = [];
  for (let i = 0; i < r.result.length; i++) out.push(r.result.columns.map((c) => plain(c[i]!)));
  return out;
}

const DATA = `let data=datatable(timestamp:datetime, metric: real)
[
  datetime(2016-12-31T06:00), 50,
  datetime(2017-01-01), 4,
  datetime(2017-01-02), 3,
  datetime(2017-01-03), 4,
  datetime(2017-01-03T03:00), 6,
  datetime(2017-01-05), 8,
  datetime(2017-01-05T13:40), 13,
  datetime(2017-01-06), 4,
  datetime(2017-01-07), 3,
  datetime(2017-01-08), 8,
  datetime(2017-01-08T21:00), 8,
  datetime(2017-01-09), 2,
  datetime(2017-01-09T12:00), 11,
  datetime(2017-01-10T05:00), 5,
];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
`;

const DAYS = (from: number, n: number, year = 2017): string[] =>
  Array.from({ length: n }, (_, i) => `${year}-01-${String(from + i).padStart(2, '0')}T00:00:00.0000000Z`);

test('make-series avg over a from/to/step grid, end exclusive, empty bins 0.0 (make-series-operator doc example)', async () => {
  const r = await runQuery(`${DATA} data | make-series avg(metric) on timestamp from stime to etime step interval`);
  assert.deepEqual(r.columns, ['avg_metric', 'timestamp']);
  assert.deepEqual(r.result.schema.map((c) => c.type), ['dynamic', 'dynamic']);
  assert.deepEqual(await rows(`${DATA} data | make-series avg(metric) on timestamp from stime to etime step interval`), [
    [[4, 3, 5, 0, 10.5, 4, 3, 8, 6.5], DAYS(1, 9)],
  ]);
});

test('make-series over an empty input gives no rows (make-series-operator doc example)', async () => {
  assert.deepEqual(
    await rows(`${DATA} data | take 0 | make-series avg(metric) default=1.0 on timestamp from stime to etime step interval | count`),
    [[0n]],
  );
});

test('make-series kind=nonempty over an empty input gives one row of defaults (make-series-operator doc example)', async () => {
  assert.deepEqual(
    await rows(`${DATA} data | take 0 | make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step interval`),
    [[[1, 1, 1, 1, 1, 1, 1, 1, 1], DAYS(1, 9)]],
  );
});

test('make-series by groups, several aggregates, named columns and default=', async () => {
  const q = `datatable(t:datetime, g:string, v:long)[
    datetime(2020-01-01), "a", 1, datetime(2020-01-01T10:00), "a", 2, datetime(2020-01-03), "a", 5,
    datetime(2020-01-02), "b", 7, datetime(2019-12-31), "b", 100, datetime(2020-01-04), "b", 100]
  | make-series n=count(), s=sum(v) default=-1, mx=max(v), dcount(v) on t from datetime(2020-01-01) to datetime(2020-01-04) step 1d by g`;
  const r = await runQuery(q);
  assert.deepEqual(r.columns, ['g', 'n', 's', 'mx', 'dcount_v', 't']);
  assert.deepEqual(await rows(q), [
    ['a', [2n, 0n, 1n], [3n, -1n, 5n], [2n, 0n, 5n], [2n, 0n, 1n], DAYS(1, 3, 2020)],
    ['b', [0n, 1n, 0n], [-1n, 7n, -1n], [0n, 7n, 0n], [0n, 1n, 0n], DAYS(1, 3, 2020)],
  ]);
});

test('make-series without from/to: the grid spans the bins with data over the whole input (our choice)', async () => {
  const q = `datatable(t:datetime, g:string)[datetime(2020-01-02T05:00), "a", datetime(2020-01-04T01:00), "b"]
    | make-series count() on t step 1d by g`;
  const days = DAYS(2, 3, 2020);
  assert.deepEqual(await rows(q), [
    ['a', [1n, 0n, 0n], days],
    ['b', [0n, 0n, 1n], days],
  ]);
});

test('make-series from without to: bins are aligned to from (bin_at), the grid ends after the last bin with data', async () => {
  const q = `datatable(t:datetime)[datetime(2020-01-01T13:00), datetime(2020-01-02T11:00), datetime(2020-01-01T11:00)]
    | make-series count() on t from datetime(2020-01-01T12:00) step 1d`;
  assert.deepEqual(await rows(q), [[[2n], ['2020-01-01T12:00:00.0000000Z']]]);
});

test('make-series on a numeric axis, and the in range(start, stop, step) syntax with an inclusive stop', async () => {
  assert.deepEqual(await rows('range x from 1 to 10 step 1 | make-series sum(x) on x from 0 to 10 step 3'), [
    [[3n, 12n, 21n, 19n], [0n, 3n, 6n, 9n]],
  ]);
  // make-series-operator doc: stop is inclusive and bins come from bin(), so start may not be on the grid.
  assert.deepEqual(await rows('range x from 1 to 10 step 1 | make-series sum(x) on x in range(1, 10, 3)'), [
    [[3n, 12n, 21n, 19n], [0n, 3n, 6n, 9n]],
  ]);
});

test('make-series of a real axis and an unsupported aggregate', async () => {
  assert.deepEqual(await rows('datatable(x:real)[0.1, 0.6, 0.7] | make-series count() on x from 0.0 to 1.0 step 0.5'), [
    [[1n, 2n], [0, 0.5]],
  ]);
  await assert.rejects(runQuery('range x from 1 to 3 step 1 | make-series make_list(x) on x step 1'), /not supported|make_list/);
});

test('make-series from ago() to now() (the Sentinel shape), percentile/take_any/stdev, default=real(null)', async () => {
  const q = `let T = datatable(TimeGenerated:datetime, u:string, x:real)[datetime(2024-05-01T10:30:00), "a", 1.5,
      datetime(2024-05-01T08:10:00), "a", 2.5, datetime(2024-05-01T11:59:00), "b", 4.0];
    T | make-series c=count(), p=percentile(x, 50), ta=take_any(x), sd=stdev(x) default=real(null)
      on TimeGenerated from ago(4h) to now() step 1h by u`;
  const hours = ['08', '09', '10', '11'].map((h) => `2024-05-01T${h}:00:00.0000000Z`);
  assert.deepEqual(await rows(q), [
    ['a', [1n, 0n, 1n, 0n], [2.5, 0, 1.5, 0], [2.5, 0, 1.5, 0], [0, null, 0, null], hours],
    ['b', [0n, 0n, 0n, 1n], [0, 0, 0, 4], [0, 0, 0, 4], [null, null, null, 0], hours],
  ]);
});

test('make-series on a timespan axis; kind=nonempty with by over an empty input gives one row with an empty key (our choice)', async () => {
  const r = await runQuery('datatable(d:timespan, g:string)[1h, "a", 150m, "a"] | make-series count() on d from 0s to 4h step 1h by g');
  const axis = r.result.columns[2]![0] as Value as unknown[];
  assert.deepEqual(r.result.columns[1]![0], [0n, 1n, 1n, 0n]);
  assert.deepEqual(axis.map((x) => (x as { ticks: bigint }).ticks), [0n, 36_000_000_000n, 72_000_000_000n, 108_000_000_000n]);
  assert.deepEqual(
    (await rows('datatable(d:timespan, g:string)[1h, "a"] | where g == "zz" | make-series kind=nonempty count() on d from 0s to 2h step 1h by g')).map((x) => x.slice(0, 2)),
    [['', [0n, 0n]]],
  );
});
