/** Sentinel additions to the engine: _GetWatchlist and ingestion_time(). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import { parseWatchlistCsv } from '../../../src/kql/watchlist-file.ts';
import { ticks } from '../../helpers/cloudtrail-rows.ts';

const watchlist = parseWatchlistCsv('Accounts', 'AccountId,AccountName\n111122223333,Prod\n444455556666,Dev\n', 'accounts.csv');

test('_GetWatchlist returns _DTItemId, LastUpdatedTimeUTC, SearchKey, WatchlistItem, then the fields (kql-semantics §9.3)', async () => {
  const q = compileQuery("_GetWatchlist('Accounts')", { tables: [], functions: [], watchlistFields: watchlist.fields });
  assert.deepEqual(q.schema.map((c) => `${c.name}:${c.type}`), [
    '_DTItemId:string', 'LastUpdatedTimeUTC:datetime', 'SearchKey:string', 'WatchlistItem:dynamic', 'AccountId:string', 'AccountName:string',
  ]);
  const r = await q.run({ now: 0n, tables: new Map(), watchlists: new Map([['Accounts', watchlist]]) });
  assert.equal(r.length, 2);
  // SearchKey: the first column when the watchlist did not name one.
  assert.deepEqual(r.columns[2], ['111122223333', '444455556666']);
  assert.deepEqual(r.columns[5], ['Prod', 'Dev']);
  assert.deepEqual([...(r.columns[3]![0] as Map<string, unknown>).entries()], [['AccountId', '111122223333'], ['AccountName', 'Prod']]);
});

test('_GetWatchlist with an unknown alias returns no rows, as Sentinel filters its Watchlist table by alias (docs/kql.md)', async () => {
  const q = compileQuery("_GetWatchlist('Nope') | count", { tables: [], functions: [], watchlistFields: [] });
  const r = await q.run({ now: 0n, tables: new Map() });
  assert.deepEqual(r.columns[0], [0n]);
});

test('LastUpdatedTimeUTC is the time the watchlist says its items were updated', async () => {
  const t = ticks('2024-05-01T12:00:00Z');
  const q = compileQuery("_GetWatchlist('Accounts') | project LastUpdatedTimeUTC", { tables: [], functions: [], watchlistFields: watchlist.fields });
  const r = await q.run({ now: 0n, tables: new Map(), watchlists: new Map([['Accounts', { ...watchlist, lastUpdated: t }]]) });
  assert.deepEqual(r.columns[0], [t, t]);
});

test('ingestion_time() is the row ingestion time from the source, null where unknown (ingestion-time doc)', async () => {
  const schema = [{ name: 'x', type: 'long' as const }];
  const t = ticks('2024-05-01T12:03:00Z');
  const table = MemoryTable.fromRows(schema, [[1n], [2n]], [t, null]);
  const q = compileQuery('T | extend i = ingestion_time()', { tables: [{ name: 'T', schema }], functions: [], watchlistFields: [] });
  const r = await q.run({ now: 0n, tables: new Map([['T', table]]) });
  assert.deepEqual(r.columns[1], [t, null]);
});
