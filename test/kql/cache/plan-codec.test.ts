/**
 * A plan encoded and decoded runs exactly like the plan the compiler made: over every doc example
 * the conformance suite runs, and for what the codec must take care of (shared nodes, parse's
 * rebuilt matchers, dynamic wrappers, datatable rows, watchlists); and what it cannot encode or
 * decode fails loudly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { serialize } from 'node:v8';
import { decodeValue, encodeValue, PlanCodecError, toStorable } from '../../../src/kql/cache/plan-codec.ts';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';
import { collect } from '../../../src/kql/exec/batches.ts';
import { newRunContext, type Watchlist } from '../../../src/kql/exec/context.ts';
import { execute } from '../../../src/kql/exec/execute.ts';
import { MemoryTable } from '../../../src/kql/file-table.ts';
import type { Expr } from '../../../src/kql/plan/expr.ts';
import type { Plan } from '../../../src/kql/plan/plan.ts';
import type { ScanOptions, TableSource } from '../../../src/kql/scan.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Batch, type Schema } from '../../../src/kql/types.ts';
import { valueToJsonText } from '../../../src/kql/values/format.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { collectDocCases, isoTicks } from '../../conformance/harness.ts';

const workspace = loadWorkspace({});
const NOW = isoTicks('2024-05-01T12:00:00Z');

interface Input {
  readonly now?: bigint;
  readonly tables?: ReadonlyMap<string, TableSource>;
  readonly watchlists?: ReadonlyMap<string, Watchlist>;
}

function run(plan: Plan, input: Input = {}): Promise<Batch> {
  return collect(plan.schema, execute(plan, newRunContext(input.now ?? NOW, input.tables ?? new Map(), input.watchlists ?? workspace.watchlists)));
}

function roundTrip(plan: Plan): Plan {
  return decodeValue(encodeValue(plan)) as Plan;
}

/** The result as text (bag key order included) and as values (exact types: bigint vs number, wrappers). */
function shape(b: Batch): { schema: Schema; text: string[][]; columns: unknown[][] } {
  const text = Array.from({ length: b.length }, (_, r) => b.schema.map((c, j) => valueToJsonText(c.type, b.columns[j]![r]!)));
  return { schema: b.schema.map((c) => ({ ...c })), text, columns: b.columns };
}

async function outcome(f: () => Promise<Batch>): Promise<unknown> {
  try {
    return shape(await f());
  } catch (e) {
    return { error: (e as Error).message };
  }
}

// ---------------------------------------------------------------- the conformance suite

const conformance = new URL('../../conformance/', import.meta.url);
const docCases = collectDocCases();
for (const f of readdirSync(conformance).sort()) {
  if (f.endsWith('.test.ts') && f !== 'harness.test.ts') await import(new URL(f, conformance).href);
}
const compared = docCases.filter((d) => d.case.unsupported === undefined);

test('the conformance suite was collected', () => {
  assert.ok(compared.length > 300, `only ${compared.length} cases`);
});

test('every compared doc example: the decoded plan gives the same result as the compiled one', async (t) => {
  const catalog = workspace.catalog(new Map());
  const failures: string[] = [];
  let nondeterministic = 0;
  let checked = 0;
  for (const { area, case: c } of compared) {
    const name = `${area}: ${c.page}: ${c.name}`;
    let plan: Plan;
    try {
      plan = compileQuery(c.query, catalog).plan;
    } catch {
      continue; // a todo case the compiler refuses: nothing to cache
    }
    let decoded: Plan;
    try {
      decoded = roundTrip(plan);
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message}`);
      continue;
    }
    checked++;
    const input = { now: c.now ? isoTicks(c.now) : NOW };
    const first = await outcome(() => run(plan, input));
    const again = await outcome(() => run(plan, input));
    const ours = await outcome(() => run(decoded, input));
    try {
      assert.deepStrictEqual(again, first);
    } catch {
      // rand(), new_guid(): two runs of the same plan differ; only the shape can be compared.
      nondeterministic++;
      const columns = (o: unknown) => (o as { schema?: Schema }).schema;
      if (JSON.stringify(columns(ours)) !== JSON.stringify(columns(first))) failures.push(`${name}: the schema differs`);
      continue;
    }
    try {
      assert.deepStrictEqual(ours, first);
    } catch (e) {
      failures.push(`${name}: ${(e as Error).message.slice(0, 400)}`);
    }
  }
  t.diagnostic(`${checked} plans round-tripped, ${nondeterministic} of them nondeterministic (compared by schema only)`);
  assert.deepEqual(failures, []);
  assert.ok(checked > 300, `only ${checked} cases compiled`);
  assert.ok(nondeterministic < 10, `${nondeterministic} cases give a different result on every run`);
});

// ---------------------------------------------------------------- what the codec takes care of

class CountingTable implements TableSource {
  scans = 0;
  constructor(private readonly inner: MemoryTable) {}
  get schema(): Schema {
    return this.inner.schema;
  }
  scan(o: ScanOptions) {
    this.scans++;
    return this.inner.scan(o);
  }
}

const T_SCHEMA: Schema = [
  { name: 'a', type: 'long' },
  { name: 's', type: 'string' },
];
const T_ROWS = [[1n, 'user=alice;n=3;at=2024-01-02T03:04:05Z'], [2n, 'user=bob;n=x'], [3n, 'nothing']];

function catalogWithT(): CatalogSchema {
  const c = workspace.catalog(new Map());
  return { ...c, tables: [...c.tables, { name: 'T', schema: T_SCHEMA }] };
}

function allNodes(root: Plan): Plan[] {
  const out: Plan[] = [];
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if ('op' in x && 'schema' in x) out.push(x as Plan);
    for (const v of Array.isArray(x) ? x : x instanceof Map ? [...x.values()] : Object.values(x)) visit(v);
  };
  visit(root);
  return out;
}

for (const [what, query] of [
  ['a tabular let', 'let X = T | where a > 1; X | union X | join kind=inner (X) on a'],
  ['`as`', 'T | as A | join kind=inner (A | where a < 3) on a | union A'],
  ['toscalar of a let', 'let X = T | summarize m = max(a); X | extend m2 = toscalar(X) | union (X | where m > toscalar(X))'],
] as const) {
  test(`${what}: the shared node stays one node after decoding and is read once per run`, async () => {
    const plan = compileQuery(query, catalogWithT()).plan;
    const decoded = roundTrip(plan);
    const shared = (p: Plan) => allNodes(p).filter((n) => n.shared).length;
    assert.ok(shared(plan) > 0);
    assert.equal(shared(decoded), shared(plan));
    assert.equal(allNodes(decoded).length, allNodes(plan).length);
    const results: unknown[] = [];
    for (const p of [plan, decoded]) {
      const t = new CountingTable(MemoryTable.fromRows(T_SCHEMA, T_ROWS));
      results.push(shape(await run(p, { tables: new Map([['T', t]]) })));
      assert.equal(t.scans, 1);
    }
    assert.deepStrictEqual(results[1], results[0]);
  });
}

function calls(root: Plan): (Expr & { k: 'call' })[] {
  const out: (Expr & { k: 'call' })[] = [];
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if ((x as Expr).k === 'call') out.push(x as Expr & { k: 'call' });
    for (const v of Array.isArray(x) ? x : x instanceof Map ? [...x.values()] : Object.values(x)) visit(v);
  };
  visit(root);
  return out;
}

for (const query of [
  'T | parse s with "user=" user ";n=" n:long ";at=" at:datetime',
  'T | parse kind=relaxed s with "user=" user ";n=" n:long *',
  'T | parse kind=regex flags=Ui s with "USER=" user:string ";n=" n:string',
  'T | parse-where s with "user=" user ";n=" n:long *',
  'T | parse-where kind=regex s with "user=(?:al|bo)" rest:string ";n=" n:long',
  'T | parse s with * "n=" n:real *',
]) {
  test(`parse: ${query}`, async () => {
    const plan = compileQuery(query, catalogWithT()).plan;
    const decoded = roundTrip(plan);
    const specs = (p: Plan) => new Set(calls(p).flatMap((c) => (c.origin?.by === 'parse' ? [c.origin.spec] : [])));
    // The columns of one parse share one spec (and so one compiled matcher) after decoding too.
    assert.equal(specs(plan).size, 1);
    assert.equal(specs(decoded).size, 1);
    const tables = () => new Map([['T', MemoryTable.fromRows(T_SCHEMA, T_ROWS)]]);
    const want = shape(await run(plan, { tables: tables() }));
    assert.ok(want.text.length > 0);
    assert.deepStrictEqual(shape(await run(decoded, { tables: tables() })), want);
  });
}

test('dynamic literals keep every wrapper, number kind and bag key order', async () => {
  const query = `print d = dynamic({"2": 1, "1": 5000000000, "r": 1.5, "dt": datetime(2020-01-02 03:04:05.1234567), "ts": 5m,
    "g": guid(0b8a6b5e-7a23-4c55-9d51-1f1c3c0d2e11), "a": [1, "x", null, true, {"0": 0}], "n": null})
    | extend i = d["1"] + 1, t = d.dt + d.ts, b = d.a[4]["0"], j = dynamic({"b": 1, "a": [2, 3000000000]})`;
  const plan = compileQuery(query, workspace.catalog(new Map())).plan;
  const decoded = roundTrip(plan);
  const lits = (p: Plan) => JSON.stringify(allLits(p), (_k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v && typeof v === 'object' && !Array.isArray(v) ? { class: v.constructor?.name, ...v } : v));
  assert.equal(lits(decoded), lits(plan));
  const [d, j] = allLits(decoded).filter((v) => v instanceof Map) as Map<string, unknown>[];
  assert.deepEqual([...d!.keys()], ['2', '1', 'r', 'dt', 'ts', 'g', 'a', 'n']);
  assert.ok(d!.get('dt') instanceof DynDatetime && d!.get('ts') instanceof DynTimespan && d!.get('g') instanceof DynGuid);
  assert.equal(typeof d!.get('1'), 'bigint');
  // Plain JSON parses its small integers as int (DynInt), as Kusto does.
  assert.ok(j!.get('b') instanceof DynInt);
  assert.equal(typeof (j!.get('a') as unknown[])[1], 'bigint');
  assert.deepStrictEqual(shape(await run(decoded)), shape(await run(plan)));
});

function allLits(root: Plan): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<object>();
  const visit = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if ((x as Expr).k === 'lit') out.push((x as Expr & { k: 'lit' }).value);
    for (const v of Array.isArray(x) ? x : x instanceof Map ? [...x.values()] : Object.values(x)) visit(v);
  };
  visit(root);
  return out;
}

test('every dynamic wrapper, decimal included, survives the codec as its class', () => {
  const value = new Map<string, unknown>([
    ['i', new DynInt(-7)], ['dt', new DynDatetime(638_000_000_000_000_000n)], ['ts', new DynTimespan(-1n)],
    ['g', new DynGuid('0b8a6b5e-7a23-4c55-9d51-1f1c3c0d2e11')], ['d', new DynDecimal('1.10')], ['0', [null, 1, 2n, 'x', false, -0, NaN]],
  ]);
  const back = decodeValue(encodeValue({ k: 'lit', type: 'dynamic', value })) as { value: Map<string, unknown> };
  assert.deepStrictEqual(back.value, value);
  for (const [k, v] of value) if (v && typeof v === 'object' && !Array.isArray(v)) assert.equal(Object.getPrototypeOf(back.value.get(k)), Object.getPrototypeOf(v));
  assert.deepEqual([...back.value.keys()], [...value.keys()]);
});

test('datatable rows of every type come back exactly', async () => {
  const query = `datatable(l:long, i:int, r:real, m:decimal, b:bool, s:string, t:datetime, ts:timespan, g:guid, d:dynamic)[
    9223372036854775807, int(-2147483648), real(nan), decimal(1.10), true, "ü", datetime(0001-01-01), -1tick, guid(0b8a6b5e-7a23-4c55-9d51-1f1c3c0d2e11), dynamic({"z": 1, "a": [2.5]}),
    long(null), int(null), real(-inf), decimal(null), bool(null), "", datetime(null), timespan(null), guid(null), dynamic(null)]`;
  const plan = compileQuery(query, workspace.catalog(new Map())).plan;
  const decoded = roundTrip(plan);
  const rows = (p: Plan) => allNodes(p).find((n) => n.op === 'values') as Plan & { op: 'values' };
  assert.deepStrictEqual(rows(decoded).rows, rows(plan).rows);
  assert.deepStrictEqual(shape(await run(decoded)), shape(await run(plan)));
});

test('a watchlist query runs the same decoded', async () => {
  const watchlists = new Map<string, Watchlist>([['vips', { alias: 'vips', fields: ['User', 'Level'], rows: [['alice', '3'], ['bob', '1']], searchKey: 'User' }]]);
  const catalog = { ...workspace.catalog(new Map()), watchlistFields: ['User', 'Level'] };
  const plan = compileQuery(`_GetWatchlist('vips') | where toint(Level) > 2 | project SearchKey, User, WatchlistItem`, catalog).plan;
  const decoded = roundTrip(plan);
  const want = shape(await run(plan, { watchlists }));
  assert.equal(want.text.length, 1);
  assert.deepStrictEqual(shape(await run(decoded, { watchlists })), want);
});

// ---------------------------------------------------------------- loud failures

test('what the codec does not know fails the encoding', () => {
  const call = { k: 'call', name: 'probe', args: [], type: 'string', fn: () => 'x' };
  assert.throws(() => toStorable(call), PlanCodecError, 'a call without an origin');
  assert.throws(() => toStorable({ op: 'print', f: () => 1 }), PlanCodecError, 'a stray function');
  assert.throws(() => toStorable({ re: /x/ }), PlanCodecError, 'a RegExp');
  assert.throws(() => toStorable({ d: new Date(0) }), PlanCodecError, 'a Date');
  class Node {}
  assert.throws(() => toStorable([new Node()]), PlanCodecError, 'a class');
  assert.throws(() => toStorable({ [Symbol('s')]: 1 }), PlanCodecError, 'a symbol key');
  assert.throws(() => toStorable({ get x() { return 1; } }), PlanCodecError, 'a getter');
  assert.throws(() => toStorable({ '\u0000': 'dyn' }), PlanCodecError, 'the marker key');
  assert.throws(() => toStorable(Object.assign([1], { extra: 2 })), PlanCodecError, 'an array with a property');
});

test('what encoding does not write fails the decoding', () => {
  const bad = (v: unknown) => () => decodeValue(serialize(v));
  assert.throws(bad({ '\u0000': 'dyn', tag: { t: 'x', v: 1 } }), PlanCodecError, 'an unknown wrapper tag');
  assert.throws(bad({ '\u0000': 'dyn', tag: { t: 'i', v: 'one' } }), PlanCodecError, 'a tag with a value of the wrong kind');
  assert.throws(bad({ '\u0000': 'fn' }), PlanCodecError, 'a function marker outside a call');
  assert.throws(bad({ k: 'call', name: 'strlen', args: [], type: 'long', fn: { '\u0000': 'fn' } }), PlanCodecError, 'a call without origin');
  assert.throws(bad({ k: 'call', name: 'x', args: [], type: 'long', fn: { '\u0000': 'fn' }, origin: { by: 'function', name: 'no_such_fn', args: [], type: 'long' } }), PlanCodecError);
  assert.throws(bad(new Date(0)), PlanCodecError, 'a Date');
  const bytes = encodeValue(compileQuery('print x = 1', workspace.catalog(new Map())).plan);
  assert.throws(() => decodeValue(bytes.subarray(0, bytes.length >> 1)), PlanCodecError, 'truncated bytes');
});
