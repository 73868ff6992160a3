/**
 * `union isfuzzy=true` (src/kql/syntax/fuzzy-union.ts). learn.microsoft.com/kusto/query/union-operator:
 * "The set of union sources is reduced to the set of table references that exist ... If at least
 * one such table was found, any resolution failure yields a warning in the query status results,
 * but won't prevent the query execution. If no resolutions were successful, the query returns an
 * error." The doc's example warns `Failed to resolve entity 'View_3'`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { compileQuery, formatDiagnostic } from '../../../src/kql/engine.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { runQuery } from '../../helpers/run-query.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import { emptyBatch } from '../../../src/kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../../src/cloudtrail/schema.ts';

const workspace = loadWorkspace({});
const compile = (q: string) => compileQuery(q, workspace.catalog(new Map()));
const warnings = (q: string) => {
  const c = compile(q);
  return c.warnings.map((w) => formatDiagnostic(q, w));
};

const DOC_EXAMPLE = `let View_1 = view () { print x=1 };
let View_2 = view () { print x=1 };
let OtherView_1 = view () { print x=1 };
union isfuzzy=true
(View_1 | where x > 0), 
(View_2 | where x > 0),
(View_3 | where x > 0)
| count`;

test('the union doc example: the legs that resolve are counted, the missing view is a warning naming it', async () => {
  assert.deepEqual((await runQuery(DOC_EXAMPLE)).rows, [{ Count: 2n }]);
  assert.deepEqual(warnings(DOC_EXAMPLE), ["<query>:7:2: Failed to resolve entity 'View_3'"]);
});

test('a leg naming an unknown table or tabular function is dropped; its columns do not exist after the union', async () => {
  const q = `union isfuzzy=true (SigninLogsMissing | project UserPrincipalName, IPAddress), (print IPAddress = '10.0.0.1', n = 2),
    (_Im_Missing(starttime = ago(1d)) | project HttpUserAgent), AWSCloudTrail | where isnotempty(IPAddress) | project IPAddress, n`;
  const r = await runQuery(q, { tables: { AWSCloudTrail: new MemoryTable(AWS_CLOUDTRAIL_SCHEMA, emptyBatch(AWS_CLOUDTRAIL_SCHEMA)) } });
  assert.deepEqual(r.rows, [{ IPAddress: '10.0.0.1', n: 2n }]);
  assert.deepEqual(warnings(q), ["<query>:1:21: Failed to resolve entity 'SigninLogsMissing'", "<query>:2:6: Failed to resolve entity '_Im_Missing'"]);
  // Only AWSCloudTrail's and the print's columns: no UserPrincipalName, no HttpUserAgent.
  const schema = compile(q.replace(/\| where[^\n]*$/, '')).schema.map((c) => c.name);
  assert.ok(!schema.includes('UserPrincipalName') && !schema.includes('HttpUserAgent') && schema.includes('EventName'), schema.join(','));
});

test('a column that only a dropped leg had is unknown afterwards, and the error names it', () => {
  assert.throws(() => compile('union isfuzzy=true (Missing | project y), (print x = 1) | project x, y'), /<query>:1:70: The name 'y' does not refer to any known column/);
});

test('no leg resolves: an error naming every missing entity', () => {
  assert.throws(() => compile('union isfuzzy=true Missing1, (Missing2 | take 1)'), /<query>:1:20: union isfuzzy=true: none of its sources resolved \(Failed to resolve entity 'Missing1', 'Missing2'\)/);
});

test('a piped input counts as a source: `T | union isfuzzy=true Missing` is T', async () => {
  const q = 'print x = 1 | union isfuzzy=true Missing';
  assert.deepEqual((await runQuery(q)).rows, [{ x: 1n }]);
  assert.deepEqual(warnings(q), ["<query>:1:34: Failed to resolve entity 'Missing'"]);
});

test('nested fuzzy unions: the inner one drops its own missing leg, the outer leg stays', async () => {
  const q = `union isfuzzy=true (union isfuzzy=true Missing, (print x = 2)), (print x = 1)
    | order by x asc`;
  assert.deepEqual((await runQuery(q)).rows, [{ x: 1n }, { x: 2n }]);
  assert.deepEqual(warnings(q), ["<query>:1:40: Failed to resolve entity 'Missing'"]);
});

test('the last legs missing: their separating commas go too; positions of later errors stay right', () => {
  const q = 'union isfuzzy=true (print x = 1),\n  Missing1,\n  Missing2\n| project z';
  assert.throws(() => compile(q), /<query>:4:11: The name 'z' does not refer/);
});

test('without isfuzzy a missing table is the binder\'s error naming it (not "expected a scalar value")', () => {
  assert.throws(() => compile('union (Missing | project y), (print x = 1)'), /The name 'Missing' does not refer to any known table/);
});

test('the CLI prints the warning on stderr and the result on stdout', () => {
  const main = new URL('../../../src/cli/bin.ts', import.meta.url).pathname;
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'query', '--no-cache', '--format', 'csv', DOC_EXAMPLE], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n2\n');
  assert.equal(r.stderr, "trailhound: warning: <query>:7:2: Failed to resolve entity 'View_3'\n");
});

test('the warnings are kept with the plan in the plan cache: a cached compile reports them too', async () => {
  const { PlanCache } = await import('../../../src/kql/cache/plan-cache.ts');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const cache = new PlanCache(mkdtempSync(join(tmpdir(), 'th-fuzzy-cache-')));
  const first = compileQuery(DOC_EXAMPLE, workspace.catalog(new Map()), { cache });
  const second = compileQuery(DOC_EXAMPLE, workspace.catalog(new Map()), { cache });
  assert.equal(cache.stats.hits, 1);
  assert.deepEqual(second.warnings, first.warnings);
  assert.deepEqual((await second.run({ now: 0n, tables: new Map() })).columns, [[2n]]);
});

test('stored functions (ASIM-style parsers): a fuzzy leg of a called function\'s body that does not resolve is dropped too', async () => {
  const catalog = {
    tables: [],
    watchlistFields: [],
    functions: [
      { name: '_Im_Demo', parameters: '(starttime:datetime=datetime(null))', body: `{ union isfuzzy=true
          _Im_Demo_Missing(starttime),
          (print Source = 'a', n = 1),
          _Im_Demo_Inner() }` },
      { name: '_Im_Demo_Inner', parameters: '()', body: "{ union isfuzzy=true (MissingTable | project Source), (print Source = 'b', n = 2) }" },
    ],
  };
  const q = `let t = now();
_Im_Demo(starttime = t) | order by n asc | project Source`;
  const compiled = compileQuery(q, catalog);
  assert.deepEqual((await compiled.run({ now: 0n, tables: new Map() })).columns, [['a', 'b']]);
  assert.deepEqual(compiled.warnings.map((w) => formatDiagnostic(q, w)), [
    "<query>:2:1: Failed to resolve entity '_Im_Demo_Missing' (in the function _Im_Demo)",
    "<query>:2:1: Failed to resolve entity 'MissingTable' (in the function _Im_Demo_Inner)",
  ]);
  const none = { ...catalog, functions: [{ name: 'F', parameters: '()', body: '{ union isfuzzy=true Missing1, Missing2 }' }] };
  assert.throws(() => compileQuery('F()', none), /<query>:1:1: union isfuzzy=true: none of its sources resolved \(Failed to resolve entity 'Missing1', 'Missing2'\) \(in the function F\)/);
});

test('a fuzzy leg naming a column its table lacks is dropped with a warning; the other legs run (union doc: "any resolution failure yields a warning")', async () => {
  // Microsoft's Log4j user-agent rule reads AzureDiagnostics' userAgent_s in a fuzzy leg.
  const q = `union isfuzzy=true (print a = 1 | where nosuchcolumn has 'x' | project a), (print a = 2)`;
  assert.deepEqual(warnings(q), ["<query>:1:41: Failed to resolve entity 'nosuchcolumn'"]);
  assert.deepEqual((await runQuery(q)).rows, [{ a: 2n }]);
});

test('an unknown column outside a fuzzy leg, or in every leg, is still an error', () => {
  assert.throws(() => compile(`union isfuzzy=true (print a = 1), (print a = 2) | where nosuchcolumn == 1`), /The name 'nosuchcolumn' does not refer to any known column/);
  assert.throws(() => compile(`union isfuzzy=true (print a = 1 | where b1 == 1), (print a = 2 | where b2 == 1)`), /none of its sources resolved \(Failed to resolve entity 'b1', 'b2'\)/);
  assert.throws(() => compile(`union isfuzzy=false (print a = 1 | where b1 == 1), (print a = 2)`), /The name 'b1' does not refer/);
});
