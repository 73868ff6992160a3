/**
 * `set` statements (learn.microsoft.com/kusto/query/set-statement) and result truncation
 * (learn.microsoft.com/kusto/concepts/query-limits, "Limit on result set size"), through the
 * engine API a client (the CLI, a future server) uses: compiledQuery.resultSet().
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery, type RequestProperties } from '../../src/kql/engine.ts';
import { KqlError } from '../../src/kql/errors.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { ticks } from '../helpers/cloudtrail-rows.ts';

const catalog = loadWorkspace({ noBuiltins: true }).catalog(new Map());
const NOW = ticks('2024-05-01T12:00:00Z');

function resultSet(text: string, properties?: RequestProperties) {
  return compileQuery(text, catalog).resultSet({ now: NOW, tables: new Map(), properties });
}

const RECORDS = (n: number) => `Query result set has exceeded the internal record count limit ${n} (E_QUERY_RESULT_SET_TOO_LARGE).`;
const SIZE = (n: number) => `Query result set has exceeded the internal data size limit ${n} (E_QUERY_RESULT_SET_TOO_LARGE).`;

test('by default a result is truncated to 500,000 records, with Kusto\'s partial query failure', async () => {
  const r = await resultSet('range x from 1 to 600000 step 1');
  assert.equal(r.table.length, 500000);
  assert.equal(r.table.columns[0]![499999], 500000n);
  assert.equal(r.partialFailure, RECORDS(500000));
  const exact = await resultSet('range x from 1 to 500000 step 1');
  assert.equal(exact.table.length, 500000);
  assert.equal(exact.partialFailure, undefined);
});

test('by default a result is truncated to 64 MB of data (strings count two bytes a character)', async () => {
  // Rows of 401,408 characters are 802,816 bytes each: 83 of them fit in 67,108,864 bytes.
  const r = await resultSet('range x from 1 to 100 step 1 | project s = strrep(strrep("abcdefgh", 1024), 49)');
  assert.equal((r.table.columns[0]![0] as string).length, 401408);
  assert.equal(r.table.length, 83);
  assert.equal(r.partialFailure, SIZE(67108864));
});

test('set truncationmaxrecords / truncationmaxsize change the limits (query-limits doc example)', async () => {
  const r = await resultSet('set truncationmaxrecords = 1105; range x from 1 to 5000 step 1');
  assert.equal(r.table.length, 1105);
  assert.equal(r.partialFailure, RECORDS(1105));
  // A long is 8 bytes: 12 records fit in 100 bytes.
  const s = await resultSet('set truncationmaxsize = 100; range x from 1 to 5000 step 1');
  assert.equal(s.table.length, 12);
  assert.equal(s.partialFailure, SIZE(100));
  // The request-properties page spells them with underscores.
  const u = await resultSet('set truncation_max_records = 7; range x from 1 to 5000 step 1');
  assert.equal(u.table.length, 7);
});

test('set notruncation lifts the limit; a limit also set wins over it (query-limits doc)', async () => {
  const r = await resultSet('set notruncation; range x from 1 to 600000 step 1');
  assert.equal(r.table.length, 600000);
  assert.equal(r.partialFailure, undefined);
  const both = await resultSet('set notruncation; set truncationmaxrecords = 10; range x from 1 to 600000 step 1');
  assert.equal(both.table.length, 10);
  const other = await resultSet('set notruncation; set truncationmaxsize = 80; range x from 1 to 600000 step 1');
  assert.equal(other.table.length, 10);
  assert.equal(other.partialFailure, SIZE(80));
  // notruncation = false is the default behaviour.
  const off = await resultSet('set notruncation = false; range x from 1 to 600000 step 1');
  assert.equal(off.table.length, 500000);
});

test('a limit set more than once, or by the client and the query, takes the lower value (query-limits doc)', async () => {
  const r = await resultSet('set truncationmaxrecords = 30; set truncationmaxrecords = 20; set truncationmaxrecords = 40; range x from 1 to 100 step 1');
  assert.equal(r.table.length, 20);
  const c = await resultSet('set truncationmaxrecords = 30; range x from 1 to 100 step 1', { truncationmaxrecords: 5 });
  assert.equal(c.table.length, 5);
  const d = await resultSet('set notruncation; range x from 1 to 100 step 1', { truncationmaxrecords: 5 });
  assert.equal(d.table.length, 5);
});

test('set statements affect only the statements after them (set-statement doc)', async () => {
  const q = compileQuery('range x from 1 to 100 step 1; set truncationmaxrecords = 5', catalog);
  assert.deepEqual(q.properties, {});
  const r = await q.resultSet({ now: NOW, tables: new Map() });
  assert.equal(r.table.length, 100);
  const before = compileQuery('set truncationmaxrecords = 5; let T = range x from 1 to 100 step 1; T', catalog);
  assert.deepEqual(before.properties, { truncationmaxrecords: 5 });
});

test('run() (rules, tests) never truncates', async () => {
  const r = await compileQuery('range x from 1 to 600000 step 1', catalog).run({ now: NOW, tables: new Map() });
  assert.equal(r.length, 600000);
});

test('set query_now overrides now() (request-properties doc)', async () => {
  const r = await resultSet('set query_now = datetime(2020-02-03T04:05:06Z); print n = now(), a = ago(1d)');
  assert.equal(r.table.columns[0]![0], ticks('2020-02-03T04:05:06Z'));
  assert.equal(r.table.columns[1]![0], ticks('2020-02-02T04:05:06Z'));
});

test('properties that cannot change a result are accepted and ignored; any other is refused by name', () => {
  for (const name of ['querytrace', 'request_app_name = "x"', 'query_fanout_nodes_percent = 50', 'request_description = "d"']) {
    assert.deepEqual(compileQuery(`set ${name}; print 1`, catalog).properties, {}, name);
  }
  assert.throws(
    () => compileQuery('set query_take_max_records = 3; print 1', catalog),
    (e: unknown) => e instanceof KqlError && e.kind === 'unsupported' && /<query>:1:1: the request property query_take_max_records \(set statement\) is not supported by trailhound/.test(e.message),
  );
  assert.throws(() => compileQuery('set no_such_thing = 1; print 1', catalog), /the request property no_such_thing \(set statement\) is not supported/);
});

test('bad values are errors that name the property (the official binder checks the known ones\' types)', () => {
  assert.throws(() => compileQuery('set truncationmaxrecords = "many"; print 1', catalog), /The expression must have the type long/);
  assert.throws(() => compileQuery('set notruncation = 1; print 1', catalog), /The expression must have the type bool/);
  assert.throws(() => compileQuery('set query_now = 5; print 1', catalog), /The expression must have the type datetime/);
  assert.throws(() => compileQuery('set truncationmaxsize = 1.5; print 1', catalog), /<query>:1:1: set truncationmaxsize: expects a whole number of at least 0/);
  // query-limits doc: "The maximum supported value for this request option is 32212254720 (30 GB)".
  assert.throws(() => compileQuery('set maxmemoryconsumptionperiterator = 32212254721; print 1', catalog), /set maxmemoryconsumptionperiterator: at most 32212254720/);
});

test('set statements are kept with a cached plan', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { PlanCache } = await import('../../src/kql/cache/plan-cache.ts');
  const cache = new PlanCache(mkdtempSync(join(tmpdir(), 'th-props-')));
  const text = 'set truncationmaxrecords = 3; range x from 1 to 10 step 1';
  compileQuery(text, catalog, { cache });
  const again = compileQuery(text, catalog, { cache });
  assert.equal(cache.stats.hits, 1);
  assert.deepEqual(again.properties, { truncationmaxrecords: 3 });
});
