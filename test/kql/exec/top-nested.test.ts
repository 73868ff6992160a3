/**
 * top-nested (learn.microsoft.com/kusto/query/top-nested-operator): doc examples, and our choices
 * where the doc is silent (src/kql/exec/ops/top-nested.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runQuery } from '../../helpers/run-query.ts';
import { formatDatetime } from '../../../src/kql/values/datetime.ts';

async function rows(q: string): Promise<unknown[][]> {
  const r = await runQuery(q);
  const out: unknown[][] = [];
  for (let i = 0; i < r.result.length; i++) {
    out.push(r.result.columns.map((c, j) => (r.result.schema[j]!.type === 'datetime' && c[i] !== null ? formatDatetime(c[i] as bigint) : c[i])));
  }
  return out;
}

test('top-nested: latest records per identity with other column data (top-nested-operator doc example)', async () => {
  const q = `datatable(id: string, timestamp: datetime, otherInformation: string)
[
    "Barak", datetime(2015-01-01), "1",
    "Barak", datetime(2016-01-01), "2",
    "Barak", datetime(2017-01-20), "3",
    "Donald", datetime(2017-01-20), "4",
    "Donald", datetime(2017-01-18), "5",
    "Donald", datetime(2017-01-19), "6"
]
| top-nested of id by Ignore0=max(1),
  top-nested 2 of timestamp by Ignore1=max(timestamp),
  top-nested of otherInformation by Ignore2=max(1)
| project-away Ignore0, Ignore1, Ignore2`;
  assert.deepEqual((await runQuery(q)).columns, ['id', 'timestamp', 'otherInformation']);
  const got = await rows(`${q} | order by timestamp asc, id asc`);
  // The doc's output table (row order there is arbitrary; we sort).
  assert.deepEqual(got, [
    ['Barak', '2016-01-01T00:00:00.0000000Z', '2'],
    ['Donald', '2017-01-19T00:00:00.0000000Z', '6'],
    ['Barak', '2017-01-20T00:00:00.0000000Z', '3'],
    ['Donald', '2017-01-20T00:00:00.0000000Z', '4'],
  ]);
});

const STORMS = `let StormEvents = datatable(State:string, EventType:string, EndLocation:string, DamageProperty:long)[
  "CALIFORNIA", "Wildfire", "", 1000, "CALIFORNIA", "Wildfire", "", 300, "CALIFORNIA", "HighWind", "", 200,
  "CALIFORNIA", "Flood", "X", 100, "CALIFORNIA", "Hail", "Y", 50,
  "OKLAHOMA", "IceStorm", "", 900, "OKLAHOMA", "Flood", "COMMERCE", 400, "OKLAHOMA", "Flood", "TULSA", 100,
  "TEXAS", "Hail", "AMARILLO", 10, "KANSAS", "Hail", "", 5];
`;

test('top-nested: two states, three event types each, one end location (shape of the doc example), default names aggregated_<key>', async () => {
  const q = `${STORMS} StormEvents
| top-nested 2 of State by sum(DamageProperty),
  top-nested 3 of EventType by sum(DamageProperty),
  top-nested 1 of EndLocation by sum(DamageProperty)`;
  assert.deepEqual((await runQuery(q)).columns, ['State', 'aggregated_State', 'EventType', 'aggregated_EventType', 'EndLocation', 'aggregated_EndLocation']);
  assert.deepEqual(await rows(q), [
    ['CALIFORNIA', 1650n, 'Wildfire', 1300n, '', 1300n],
    ['CALIFORNIA', 1650n, 'HighWind', 200n, '', 200n],
    ['CALIFORNIA', 1650n, 'Flood', 100n, 'X', 100n],
    ['OKLAHOMA', 1400n, 'IceStorm', 900n, '', 900n],
    ['OKLAHOMA', 1400n, 'Flood', 500n, 'COMMERCE', 400n],
  ]);
});

test('top-nested with others: one more row aggregating the rest; deeper levels of it are empty (doc example; our choice below it)', async () => {
  assert.deepEqual(await rows(`${STORMS} StormEvents | top-nested 2 of State with others="OtherStates" by sum(DamageProperty)`), [
    ['CALIFORNIA', 1650n],
    ['OKLAHOMA', 1400n],
    ['OtherStates', 15n],
  ]);
  assert.deepEqual(
    await rows(`${STORMS} StormEvents | top-nested 1 of State with others="Other" by n=count(), top-nested 1 of EventType with others="Rest" by count()`),
    [
      ['CALIFORNIA', 5n, 'Wildfire', 2n],
      ['CALIFORNIA', 5n, 'Rest', 3n],
      ['Other', 5n, '', null],
    ],
  );
});

test('top-nested asc keeps the smallest aggregates; dcount/avg/min aggregates', async () => {
  assert.deepEqual(await rows(`${STORMS} StormEvents | top-nested 2 of State by sum(DamageProperty) asc`), [
    ['KANSAS', 5n],
    ['TEXAS', 10n],
  ]);
  assert.deepEqual(await rows(`${STORMS} StormEvents | top-nested 1 of State by dcount(EventType), top-nested 1 of EventType by avg(DamageProperty)`), [
    ['CALIFORNIA', 4n, 'Wildfire', 650],
  ]);
  await assert.rejects(runQuery(`${STORMS} StormEvents | top-nested 1 of State by make_set(EventType)`), /not supported/);
});

test('top-nested by an algebraic combination of aggregations (top-nested-operator doc: "Any algebraic combination of the aggregations is also supported")', async () => {
  const q = `${STORMS} StormEvents | top-nested 2 of State by avgDamage = sum(DamageProperty) / count(), top-nested 1 of EventType by (max(DamageProperty) - min(DamageProperty)) * 2`;
  assert.deepEqual((await runQuery(q)).columns, ['State', 'avgDamage', 'EventType', 'aggregated_EventType']);
  assert.deepEqual(await rows(q), [
    ['OKLAHOMA', 466n, 'Flood', 600n],
    ['CALIFORNIA', 330n, 'Wildfire', 1400n],
  ]);
  assert.deepEqual(await rows(`${STORMS} StormEvents | top-nested 1 of State with others = "rest" by sum(DamageProperty) + 1`), [
    ['CALIFORNIA', 1651n],
    ['rest', 1416n],
  ]);
  await assert.rejects(runQuery(`${STORMS} StormEvents | top-nested 1 of State by iff(count() > 1, 1, 0)`), /not supported/);
});
