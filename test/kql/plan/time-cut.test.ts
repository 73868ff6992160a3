/**
 * cutTimeRange (src/kql/plan/time-cut.ts): the time picker's range as a `where` above every scan
 * of a table with the datetime column, both ends included, null left out (Log Analytics,
 * "Specify a time range"; null-values doc: a comparison with null is not true).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compiledFromPlan, compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { encodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import { cutTimeRange } from '../../../src/kql/plan/time-cut.ts';
import type { Schema } from '../../../src/kql/types.ts';

const T: Schema = [{ name: 'TimeGenerated', type: 'datetime' }, { name: 'x', type: 'long' }];
const U: Schema = [{ name: 'TimeGenerated', type: 'string' }, { name: 'x', type: 'long' }];
const CATALOG: CatalogSchema = { tables: [{ name: 'T', schema: T }, { name: 'U', schema: U }], functions: [], watchlistFields: [] };
const H = 36_000_000_000n; // one hour in ticks
const rowsT = MemoryTable.fromRows(T, [[0n, 1n], [H, 2n], [2n * H, 3n], [3n * H, 4n], [null, 5n]]);
const rowsU = MemoryTable.fromRows(U, [['a', 10n], ['', 20n]]);

async function cut(query: string, from = H, to = 2n * H): Promise<string> {
  const c = compileQuery(query, CATALOG);
  const cutQuery = compiledFromPlan(query, cutTimeRange(c.plan, 'TimeGenerated', from, to), c.properties);
  const r = await cutQuery.run({ now: 10n * H, tables: new Map([['T', rowsT], ['U', rowsU]]) });
  return JSON.stringify(r.columns.map((col) => col.map(String)));
}

test('both bounds are in, rows outside and rows without a time are out', async () => {
  assert.equal(await cut('T | project x'), '[["2","3"]]');
  assert.equal(await cut('T | summarize n = count(), s = sum(x)'), '[["2"],["5"]]');
});

test('every scan is cut: both sides of a join, a toscalar() and an `in` subquery', async () => {
  assert.equal(await cut('T | join kind=inner (T | project x, y = x) on x | project x, y'), '[["2","3"],["2","3"]]');
  assert.equal(await cut('print n = toscalar(T | count)'), '[["2"]]');
  assert.equal(await cut('range i from 1 to 4 step 1 | where i in ((T | project x))'), '[["2","3"]]');
});

test('a table whose TimeGenerated is not a datetime is not cut, and a plan without any comes back as itself', async () => {
  assert.equal(await cut('U | project x'), '[["10","20"]]');
  const c = compileQuery('U | where x > 1', CATALOG);
  assert.equal(cutTimeRange(c.plan, 'TimeGenerated', 0n, H), c.plan);
});

test('the cut plan can be sent to a reading thread (every call it adds can be rebuilt there)', () => {
  const c = compileQuery('T | summarize count()', CATALOG);
  assert.doesNotThrow(() => encodeValue(cutTimeRange(c.plan, 'TimeGenerated', 0n, H)));
});
