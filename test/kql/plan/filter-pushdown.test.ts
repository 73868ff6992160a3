/** Filters moved below projections, so that they reach the table's reader (src/kql/plan/filter-pushdown.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { compileQuery } from '../../../src/kql/engine.ts';
import { execute } from '../../../src/kql/exec/execute.ts';
import { newRunContext } from '../../../src/kql/exec/context.ts';
import { pushFiltersBelowProjections } from '../../../src/kql/plan/filter-pushdown.ts';
import type { Expr } from '../../../src/kql/plan/expr.ts';
import type { Plan } from '../../../src/kql/plan/plan.ts';
import { analyze } from '../../../src/kql/syntax/analyze.ts';
import { buildGlobalState } from '../../../src/kql/syntax/catalog.ts';
import { Lowerer } from '../../../src/kql/syntax/lowerer.ts';
import type { ScanPredicate, TableSource } from '../../../src/kql/scan.ts';
import type { Batch, Schema } from '../../../src/kql/types.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { openCloudTrail } from '../../../src/cloudtrail/index.ts';
import { cloudTrailTable, ticks, type RowSpec } from '../../helpers/cloudtrail-rows.ts';
import { FIXTURES } from '../../cloudtrail/helpers.ts';
import { RecordingTable } from '../../helpers/recording-table.ts';

const workspace = loadWorkspace({});
const NOW = ticks('2024-05-01T12:00:00Z');


const tablesOf = (t: TableSource) => new Map([['AWSCloudTrail', t]]);
const emptyTables = tablesOf(cloudTrailTable([]));
const filters = (q: string) => compileQuery(q, workspace.catalog(emptyTables)).tableFilters().get('AWSCloudTrail');
const inOf = (column: string, values: string[], caseInsensitive = false): ScanPredicate => ({ kind: 'in', column, values, caseInsensitive });

/** The plan as the lowerer makes it, before compiledQuery() rewrites it. */
function lowered(text: string): Plan {
  const catalog = workspace.catalog(emptyTables);
  const { code, diagnostics } = analyze(text, buildGlobalState(catalog, text));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], text);
  return new Lowerer({ tables: new Set(catalog.tables.map((t) => t.name)) }).lowerQuery(code.Syntax);
}

/** Every plan node reachable through operator inputs (not subqueries). */
function nodes(plan: Plan): Plan[] {
  const out: Plan[] = [];
  const stack = [plan];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (out.includes(p)) continue;
    out.push(p);
    const r = p as Plan & Record<string, unknown>;
    for (const k of ['input', 'left', 'right'] as const) if (r[k] && typeof r[k] === 'object') stack.push(r[k] as Plan);
    if (p.op === 'union') stack.push(...p.inputs);
  }
  return out;
}

/** The result's rows as text, sorted (readers need not keep the order of their files). */
async function rowsOf(stream: AsyncIterable<Batch>): Promise<string[]> {
  const out: string[] = [];
  for await (const b of stream) {
    for (let i = 0; i < b.length; i++) out.push(inspect(b.columns.map((c) => c[i]), { depth: null, sorted: true }));
  }
  return out.sort();
}

const rows = (specs: RowSpec[]) => cloudTrailTable(specs.map((s) => ({ TimeGenerated: '2024-05-01T11:30:00Z', ...s })));

test('the where after an extend in UserImpersonateByAAID reaches the reader: its in~, and at run time its time bound', async () => {
  // Sentinel's UserImpersonateByAAID (Multi Cloud Attack Coverage Essentials), its AWSCloudTrail side
  const q = `AWSCloudTrail
| where isempty(ErrorMessage)
| extend UserType = tostring(parse_json(RequestParameters).userType)
| where EventName in~ ("CreateRole", "DeleteRole")
| where TimeGenerated > ago(1h)`;
  assert.deepEqual(filters(q), [inOf('EventName', ['CreateRole', 'DeleteRole'], true)]);
  const table = new RecordingTable(rows([{ EventName: 'CreateRole' }, { EventName: 'deleterole', ErrorMessage: 'denied' }, { EventName: 'ListBuckets' }, { EventName: 'DELETEROLE', TimeGenerated: '2024-05-01T10:00:00Z' }]));
  const tables = tablesOf(table);
  const compiled = compileQuery(q, workspace.catalog(tables));
  const r = await compiled.run({ now: NOW, tables });
  assert.deepEqual(r.columns[r.schema.findIndex((c) => c.name === 'EventName')], ['CreateRole']);
  assert.deepEqual(table.scans, [[inOf('EventName', ['CreateRole', 'DeleteRole'], true), { kind: 'timeRange', column: 'TimeGenerated', min: ticks('2024-05-01T11:00:00Z'), minInclusive: false }]]);
  // the project now reads the rows the wheres keep: no where is left above it
  assert.equal(compiled.plan.op, 'project');
});

test('a where on a column the extend redefines stays above it, and is right', async () => {
  const q = 'AWSCloudTrail | extend EventName = strcat(EventName, "x") | where EventName == "Ax" | project EventName, AwsEventId';
  assert.deepEqual(filters(q), []);
  const tables = tablesOf(rows([{ EventName: 'A', AwsEventId: '1' }, { EventName: 'Ax', AwsEventId: '2' }, { EventName: 'B', AwsEventId: '3' }]));
  const compiled = compileQuery(q, workspace.catalog(tables));
  const r = await compiled.run({ now: NOW, tables });
  assert.deepEqual(r.columns, [['Ax'], ['1']]);
  const where = nodes(compiled.plan).find((n) => n.op === 'where');
  assert.equal(where?.op === 'where' && where.input.op, 'project');
});

test('a where over a rename tests the input column: pushed as EventName', async () => {
  assert.deepEqual(filters('AWSCloudTrail | project-rename N = EventName | where N == "A"'), [inOf('EventName', ['A'])]);
  assert.deepEqual(filters('AWSCloudTrail | project N = EventName, U = UserAgent | where N == "A" and U has "aws"'), [
    inOf('EventName', ['A']),
    { kind: 'has', column: 'UserAgent', term: 'aws', caseSensitive: false, negated: false },
  ]);
  const tables = tablesOf(rows([{ EventName: 'A', AwsEventId: '1' }, { EventName: 'B', AwsEventId: '2' }]));
  const r = await compileQuery('AWSCloudTrail | project-rename N = EventName | where N == "A" | project N, AwsEventId', workspace.catalog(tables)).run({ now: NOW, tables });
  assert.deepEqual(r.columns, [['A'], ['1']]);
});

test("a where's conjuncts split: those on passed-through columns go below, the others stay above", async () => {
  const q = 'AWSCloudTrail | extend L = strlen(UserAgent) | where L > 5 and EventName == "A" and UserAgent has "aws" | project EventName, UserAgent, L';
  assert.deepEqual(filters(q), [inOf('EventName', ['A']), { kind: 'has', column: 'UserAgent', term: 'aws', caseSensitive: false, negated: false }]);
  const tables = tablesOf(rows([{ EventName: 'A', UserAgent: 'aws-cli/2' }, { EventName: 'A', UserAgent: 'aws' }, { EventName: 'B', UserAgent: 'aws-cli/2' }, { EventName: 'A', UserAgent: 'console x' }]));
  const compiled = compileQuery(q, workspace.catalog(tables));
  assert.deepEqual((await compiled.run({ now: NOW, tables })).columns, [['A'], ['aws-cli/2'], [9n]]);
  const wheres = nodes(compiled.plan).filter((n): n is Plan & { op: 'where' } => n.op === 'where');
  assert.deepEqual(
    wheres.map((w) => [w.input.op, w.predicate.k === 'call' ? w.predicate.name : w.predicate.k]),
    [['project', '>'], ['scan', 'and']],
  );
});

test('a where over a shared projection (a let used twice) stays above it; the rows are right', async () => {
  const q = 'let x = AWSCloudTrail | extend a = 1; union (x | where EventName == "A"), (x | where EventName == "B") | project EventName, a';
  const table = new RecordingTable(rows([{ EventName: 'A' }, { EventName: 'B' }, { EventName: 'C' }]));
  const tables = tablesOf(table);
  const compiled = compileQuery(q, workspace.catalog(tables));
  const r = await compiled.run({ now: NOW, tables });
  assert.deepEqual([...r.columns[0]!].sort(), ['A', 'B']);
  assert.deepEqual(r.columns[1], [1n, 1n]);
  assert.equal(table.scans.length, 1, 'the shared projection is computed once');
  const wheres = nodes(compiled.plan).filter((n): n is Plan & { op: 'where' } => n.op === 'where');
  assert.equal(wheres.length, 2);
  for (const w of wheres) assert.ok(w.input.op === 'project' && w.input.shared);
});

test('a shared where (a let of a filter after an extend, used twice) moves below its projection, which takes its place as the shared node', async () => {
  const q = 'let y = AWSCloudTrail | extend a = 1 | where EventName == "A"; union (y | project EventName), (y | project EventName)';
  const table = new RecordingTable(rows([{ EventName: 'A' }, { EventName: 'B' }]));
  const tables = tablesOf(table);
  const compiled = compileQuery(q, workspace.catalog(tables));
  assert.deepEqual((await compiled.run({ now: NOW, tables })).columns, [['A', 'A']]);
  assert.deepEqual(table.scans, [[inOf('EventName', ['A'])]], 'read once, with the filter');
  const shared = nodes(compiled.plan).filter((n) => n.shared);
  assert.equal(shared.length, 1);
  assert.equal(shared[0]!.op, 'project');
  assert.equal(shared[0]!.op === 'project' && shared[0]!.input.op, 'where');
});

test('the same rows with and without the rewrite, over the real CloudTrail files', { timeout: 120_000 }, async () => {
  const queries = [
    'AWSCloudTrail | where isempty(ErrorMessage) | extend UserType = tostring(parse_json(RequestParameters).userType) | where EventName in~ ("ConsoleLogin", "listbuckets", "GetBucketAcl") | project AwsEventId, EventName, UserType',
    'AWSCloudTrail | project-rename N = EventName, Agent = UserAgent | extend L = strlen(Agent) | where N startswith "Get" and L > 20 and Agent has "aws" | project AwsEventId, N, L',
    'AWSCloudTrail | extend EventName = strcat(EventName, "x") | where EventName == "ListBucketsx" | project AwsEventId, EventName',
    'AWSCloudTrail | extend a = 1 | project-rename E = EventName | extend b = strlen(E) | where E in ("ListBuckets", "GetBucketAcl") and b > 3 | summarize count() by E, b',
    'AWSCloudTrail | extend x = 1 | where isnotnull(ingestion_time()) and EventName == "ListBuckets" | count',
    'AWSCloudTrail | extend k = 1 | where EventName in ((AWSCloudTrail | summarize c = count() by EventName | top 3 by c | project EventName)) | summarize count() by EventName',
    'AWSCloudTrail | extend u = tolower(UserAgent) | where EventName == "ConsoleLogin" or u contains "console" | project AwsEventId',
    'AWSCloudTrail | extend T = TimeGenerated | where T between (datetime(2023-07-10 00:00) .. 12h) and EventSource == "s3.amazonaws.com" | project AwsEventId, T',
  ];
  const now = ticks('2030-01-01T00:00:00Z');
  let moved = 0;
  let filtered = 0;
  for (const q of queries) {
    const plan = lowered(q);
    const pushed = pushFiltersBelowProjections(plan);
    if (pushed !== plan) moved++;
    const run = async (p: Plan) => {
      const tables = tablesOf(openCloudTrail([FIXTURES]));
      return rowsOf(execute(p, newRunContext(now, tables, workspace.watchlists)));
    };
    const before = await run(plan);
    const after = await run(pushed);
    assert.ok(before.length > 0, `${q}: some rows`);
    assert.deepEqual(after, before, q);
    // and as the engine runs it (pushFiltersBelowProjections applied in compiledQuery)
    const source = openCloudTrail([FIXTURES]);
    const tables = tablesOf(source);
    assert.deepEqual(await rowsOf(compileQuery(q, workspace.catalog(tables)).stream({ now, tables, watchlists: workspace.watchlists })), before, q);
    filtered += source.summary().filteredRecords;
  }
  assert.ok(filtered > 1000, `records the reader filtered: ${filtered}`);
  assert.equal(moved, queries.length - 2, 'all but the redefined EventName and the or of a computed column move');
});

test('a plan with nothing to move comes back as the same object; a rewritten one is not rewritten again; subqueries keep their identity', () => {
  for (const q of [
    'AWSCloudTrail | where EventName == "A" | extend k = 1',
    'AWSCloudTrail | extend k = strlen(EventName) | where k > 1',
    'AWSCloudTrail | summarize c = count() by EventName | where c > 1',
    'let x = AWSCloudTrail | extend a = 1; union (x | where EventName == "A"), (x | where EventName == "B")',
  ]) {
    const plan = lowered(q);
    assert.equal(pushFiltersBelowProjections(plan), plan, q);
  }
  const plan = lowered('AWSCloudTrail | extend k = 1 | where EventName in ((AWSCloudTrail | where UserAgent has "x" | extend y = 2 | where EventSource == "s" | project EventName)) and k == 1');
  const pushed = pushFiltersBelowProjections(plan);
  assert.notEqual(pushed, plan);
  assert.equal(pushFiltersBelowProjections(pushed), pushed, 'idempotent: a cached plan is not copied again');
  // the `in`'s list (found in a where of the outer plan)
  const listOf = (p: Plan): Expr & { k: 'columnList' } => {
    for (const n of nodes(p)) {
      if (n.op !== 'where') continue;
      const stack: Expr[] = [n.predicate];
      while (stack.length > 0) {
        const e = stack.pop()!;
        if (e.k === 'columnList') return e;
        if (e.k === 'call' || e.k === 'and' || e.k === 'or') stack.push(...e.args);
      }
    }
    throw new Error('no columnList');
  };
  // its own where moved below its extend: the subquery is rewritten too, so the list is a new expression
  const inner = nodes(listOf(pushed).plan).filter((n) => n.op === 'where');
  assert.ok(inner.length > 0 && inner.every((w) => w.op === 'where' && w.input.op !== 'project'), 'the subquery was rewritten too');
  // a subquery with nothing to move keeps its expression object (the executor keeps its result by
  // it) when the where holding it moves
  const plain = lowered('AWSCloudTrail | extend k = 1 | where EventName in ((AWSCloudTrail | summarize by EventName | take 2)) and k == 1');
  const moved = pushFiltersBelowProjections(plain);
  assert.notEqual(moved, plain);
  assert.equal(listOf(moved), listOf(plain));
});

test('a where of 5,000 conjuncts, or a conjunct of 5,000 disjuncts, is rewritten without overflowing the stack', () => {
  const schema: Schema = [{ name: 'a', type: 'bool' }, { name: 'b', type: 'bool' }];
  const scan: Plan = { op: 'scan', table: 'T', predicates: [], schema };
  const col = (index: number, name: string): Expr => ({ k: 'col', index, type: 'bool', name });
  const project: Plan = { op: 'project', input: scan, exprs: [col(0, 'a'), col(1, 'b'), { k: 'lit', type: 'bool', value: true }], schema: [...schema, { name: 'c', type: 'bool' }] };
  let predicate: Expr = col(0, 'a');
  for (let i = 1; i < 5000; i++) predicate = { k: 'and', args: [predicate, i % 2 === 0 ? col(0, 'a') : col(2, 'c')], type: 'bool' };
  const out = pushFiltersBelowProjections({ op: 'where', input: project, predicate, schema: project.schema });
  assert.equal(out.op, 'where');
  const depth = (e: Expr) => {
    let n = 1;
    while (e.k === 'and') {
      n++;
      e = e.args[0];
    }
    return n;
  };
  if (out.op !== 'where' || out.input.op !== 'project' || out.input.input.op !== 'where') throw new Error('where, project, where expected');
  assert.equal(depth(out.predicate), 2500);
  assert.equal(depth(out.input.input.predicate), 2500);
  assert.equal(out.input.input.input, scan);
  let or: Expr = col(1, 'b');
  for (let i = 0; i < 5000; i++) or = { k: 'or', args: [or, col(0, 'a')], type: 'bool' };
  const whole = pushFiltersBelowProjections({ op: 'where', input: project, predicate: or, schema: project.schema });
  assert.ok(whole.op === 'project' && whole.input.op === 'where' && whole.input.input === scan);
});
