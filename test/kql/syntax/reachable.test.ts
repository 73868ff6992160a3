/**
 * Declaring only the tables and functions a query can reach (src/kql/syntax/reachable.ts) binds
 * exactly as declaring the whole catalog: the same diagnostics (messages, places, severities) and
 * the same plan, over the workspace trailhound gives a query (AWSCloudTrail, the Sentinel tables,
 * the ASIM parsers, the built-in functions, _GetWatchlist).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { encodeValue } from '../../../src/kql/cache/plan-codec.ts';
import { analyze } from '../../../src/kql/syntax/analyze.ts';
import { buildGlobalState, type CatalogSchema } from '../../../src/kql/syntax/catalog.ts';
import { Lowerer } from '../../../src/kql/syntax/lowerer.ts';
import { reachable } from '../../../src/kql/syntax/reachable.ts';

const workspace = loadWorkspace({});
const CATALOG: CatalogSchema = workspace.catalog(new Map());

/** Diagnostics and plan (or the lowerer's error) of `text` bound against `globals`. */
function binding(text: string, restricted: boolean): string {
  const { code, diagnostics } = analyze(text, buildGlobalState(CATALOG, restricted ? text : undefined));
  let plan: string;
  try {
    plan = encodeValue(new Lowerer({ tables: new Set(CATALOG.tables.map((t) => t.name)) }).lowerQuery(code.Syntax)).toString('base64');
  } catch (e) {
    plan = `error: ${(e as Error).message}`;
  }
  return JSON.stringify({ diagnostics, plan });
}

const QUERIES = [
  'AWSCloudTrail | count',
  'AWSCloudTrail | summarize c=count() by EventName | top 5 by c',
  // an unknown table, one in the wrong case, a misspelt column, a misspelt function
  'AWSCloudTrial | count',
  'awscloudtrail | count',
  'AWSCloudTrail | where EventNam == "x"',
  'AWSCloudTrail | invoke AWSIdentityRol()',
  // a stored function (whose body reads AWSCloudTrail's columns), an ASIM parser (a function over a table of its own)
  'AWSCloudTrail | invoke AWSIdentityRole() | take 1',
  '_Im_WebSession(starttime=ago(1h)) | take 1',
  "_GetWatchlist('HighValueAssets') | project SearchKey",
  // Sentinel tables joined, a let shadowing a table, a let function calling a stored function
  'SigninLogs | join kind=inner (AuditLogs | project CorrelationId) on CorrelationId | take 1',
  'let AWSGuardDuty = AWSCloudTrail | take 1; AWSGuardDuty | project EventName',
  'let f = (T:(EventName:string)) { T | invoke AWSIdentityRole() }; AWSCloudTrail | invoke f()',
  'let f = () { SecurityEvent | take 1 }; f() | project Account',
  // names reached without being written plainly: wildcards, computed names, bracketed names
  'union AWS* | take 1',
  'union withsource=T AWSCloudTrail, SigninLogs | count',
  'table("AWSCloudTrail") | count',
  "database('trailhound').AWSCloudTrail | count",
  "['AWSCloudTrail'] | count",
  "['AWSCloud\\u0054rail'] | count",
  'search "x" | take 1',
  'find where EventName == "x"',
  // syntax errors
  'AWSCloudTrail | where',
  'SigninLogs | summarize by',
];

test('the reachable catalog binds every query exactly as the whole catalog', { timeout: 300_000 }, () => {
  for (const q of QUERIES) assert.equal(binding(q, true), binding(q, false), q);
});

test('the built-in rules and hunting queries bind exactly as with the whole catalog', { timeout: 300_000 }, () => {
  const root = new URL('../../../content/', import.meta.url).pathname;
  const texts: string[] = [];
  for (const dir of ['rules', 'hunting']) {
    for (const f of readdirSync(join(root, dir)).filter((n) => n.endsWith('.yaml') && !n.endsWith('.tests.yaml'))) {
      const doc = parseYaml(readFileSync(join(root, dir, f), 'utf8')) as { query?: string };
      if (typeof doc.query === 'string') texts.push(doc.query);
    }
  }
  assert.ok(texts.length >= 3);
  for (const q of texts) assert.equal(binding(q, true), binding(q, false), q);
});

test('what a query reaches: the names it contains, through function bodies; everything for computed names', () => {
  const tables = [{ name: 'Qx' }, { name: 'Bee' }, { name: 'Cee' }, { name: 'Dee rows' }];
  const functions = [
    { name: 'F1', parameters: '()', body: '{ F2 | take 1 }' },
    { name: 'F2', parameters: '()', body: '{ Bee }' },
    { name: 'F3', parameters: '()', body: "{ ['Dee rows'] }" },
  ];
  const names = (r: ReturnType<typeof reachable>) => [...r.tables, ...r.functions].map((x) => x.name);
  assert.deepEqual(names(reachable('cee | count', tables, functions)), ['Cee']);
  assert.deepEqual(names(reachable('F1()', tables, functions)), ['Bee', 'F1', 'F2']);
  assert.deepEqual(names(reachable('print 1', tables, functions)), []);
  // a name inside another is reached too (a superset is harmless): 'Bee' in 'Beef'
  assert.deepEqual(names(reachable('Beef | count', tables, functions)), ['Bee']);
  // a body with a bracketed name, and a query with a computed one, reach everything
  assert.equal(names(reachable('F3()', tables, functions)).length, 7);
  for (const q of ['union *', 'table("Qx")', 'search "x"', "['Qx']", 'cluster("c").database("d").Qx']) assert.equal(names(reachable(q, tables, functions)).length, 7, q);
});
