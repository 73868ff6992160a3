/**
 * A query's final `render` (learn.microsoft.com/kusto/query/render-operator): the chart type and
 * its `with (...)` properties are kept for the client under Kusto's names (as the v2 response's
 * QueryProperties table carries them, api/rest/response-v2), and through the plan cache.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { PlanCache } from '../../../src/kql/cache/plan-cache.ts';

const CATALOG: CatalogSchema = { tables: [], functions: [], watchlistFields: [] };

test('render properties: the chart type, names, lists of names, literals; defaults as Kusto reports them', () => {
  const q = compileQuery('range x from 1 to 3 step 1 | extend y = x, z = x | render columnchart with (title="Counts", xcolumn=x, ycolumns=y, z, series=z, ymax=10, accumulate=true, legend=hidden)', CATALOG);
  assert.deepEqual(q.visualization, {
    Visualization: 'columnchart', Title: 'Counts', XColumn: 'x', Series: 'z', YColumns: 'y,z', AnomalyColumns: null, XTitle: null, YTitle: null,
    XAxis: null, YAxis: null, Legend: 'hidden', YSplit: null, Accumulate: true, IsQuerySorted: false, Kind: null, Ymin: 'NaN', Ymax: 10, Xmin: null, Xmax: null,
  });
  assert.equal(compileQuery('print 1 | render piechart', CATALOG).visualization?.Visualization, 'piechart');
});

test('only the result statement\'s final render counts; a query without render has none', () => {
  assert.equal(compileQuery('print 1', CATALOG).visualization, undefined);
  assert.equal(compileQuery('let t = print 1 | render timechart; t', CATALOG).visualization, undefined);
  assert.equal(compileQuery('set query_now = datetime(2024-01-01); print now() | render table', CATALOG).visualization?.Visualization, 'table');
});

test('the plan cache keeps the visualization', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-render-cache-'));
  try {
    const cache = new PlanCache(dir);
    const text = 'print a = 1 | render barchart with (title="cached")';
    compileQuery(text, CATALOG, { cache });
    const again = compileQuery(text, CATALOG, { cache });
    assert.equal(cache.stats.hits, 1);
    assert.equal(again.visualization?.Title, 'cached');
    assert.equal(again.visualization?.Visualization, 'barchart');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
