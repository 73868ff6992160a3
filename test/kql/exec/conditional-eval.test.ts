/**
 * case(), iff()/iif() and coalesce() evaluate an argument only for the rows that need it
 * (src/kql/exec/conditional-eval.ts). The values must be those of the call's own function
 * applied row by row to every argument (the definition: case-function, iff-function and
 * coalesce-function docs; null predicates count as false, coalesce skips null and "" strings),
 * which this file computes with a row-at-a-time interpreter of the plan independent of eval.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileQuery } from '../../../src/kql/engine.ts';
import { batchFromRows } from '../../../src/kql/exec/batches.ts';
import { newRunContext } from '../../../src/kql/exec/context.ts';
import { evalExpr } from '../../../src/kql/exec/eval.ts';
import { lookupScalarFunction } from '../../../src/kql/functions/index.ts';
import type { Expr } from '../../../src/kql/plan/expr.ts';
import type { Plan } from '../../../src/kql/plan/plan.ts';
import type { Batch, Schema, Value } from '../../../src/kql/types.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { rowValue } from '../../helpers/row-eval.ts';

const schema: Schema = [
  { name: 'k', type: 'long' },
  { name: 's', type: 'string' },
  { name: 't', type: 'string' },
  { name: 'b', type: 'bool' },
  { name: 'i', type: 'int' },
  { name: 'd', type: 'dynamic' },
];

function rows(n: number): Batch {
  let seed = 7;
  const rnd = (m: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0), (seed >>> 16) % m);
  const strings = ['', 'a', 'arn:aws:iam::1:user/x', 'b:c', 'DescribeEventAggregates'];
  return batchFromRows(
    schema,
    Array.from({ length: n }, (): Value[] => [
      rnd(5) === 0 ? null : BigInt(rnd(4)),
      strings[rnd(strings.length)]!,
      strings[rnd(strings.length)]!,
      rnd(4) === 0 ? null : rnd(2) === 0,
      rnd(3) === 0 ? null : rnd(100),
      rnd(3) === 0 ? null : rnd(2) === 0 ? '' : 'x',
    ]),
  );
}


/** The expression of `T | extend r = <expr>` (the project node's last column). */
function extendExpr(expr: string): Expr {
  const workspace = loadWorkspace({ noBuiltins: true });
  const tables = new Map([['T', { schema, scan: () => (async function* () {})() }]]);
  const plan = compileQuery(`T | extend r = ${expr}`, workspace.catalog(tables)).plan as Plan & { op: 'project' };
  assert.equal(plan.op, 'project');
  return plan.exprs[plan.exprs.length - 1]!;
}

const CASES = [
  'case(k == 1, s, k == 2, t, "else")',
  'case(b, i, k > 1, k, -1)', // int and long branches widen to long
  'case(isempty(s), strcat("e:", t), s startswith "arn", extract(@"\\:([^\\:]+$)", 1, s), s)',
  'case(k == 0, d, b, dynamic(null), d)',
  'iff(b, s, t)',
  'iif(k > 1, i, 0)',
  'iff(isnotempty(s), iff(b, 1, 2), 3)',
  'coalesce(s, t, "none")',
  'coalesce(s, t)',
  'coalesce(i, k, 5)',
  'coalesce(d, dynamic("z"))',
  'coalesce(extract("(a)", 1, s), extract("(b)", 1, t), s)',
  'case(k == 1, coalesce(s, t), iff(b, t, s))',
];

for (const text of CASES) {
  test(`${text} equals its function applied to every argument of every row`, () => {
    const e = extendExpr(text);
    const batch = rows(3000);
    const got = evalExpr(e, batch, newRunContext(0n, new Map()));
    // The definition: every argument evaluated for the row, then the call's function.
    const want = Array.from({ length: batch.length }, (_, r) => rowValue(e, batch, r));
    assert.deepEqual(got, want);
  });
}

test('a branch is evaluated only for the rows whose predicate took it, and a coalesce argument only where the earlier ones were skipped', () => {
  const batch = rows(500);
  const seen: Value[] = [];
  const probe = (arg: Expr): Expr => ({ k: 'call', name: 'probe', args: [arg], type: 'string', fn: (a) => (seen.push(a[0]!), 'p') });
  const col = (index: number): Expr => ({ k: 'col', index, type: schema[index]!.type, name: schema[index]!.name });
  const eq = lookupScalarFunction('==').bind([{ type: 'long', constant: false }, { type: 'long', constant: true, value: 1n }], 'bool');
  const isOne: Expr = { k: 'call', name: '==', args: [col(0), { k: 'lit', type: 'long', value: 1n }], type: 'bool', fn: eq };
  const caseFn = lookupScalarFunction('case').bind([{ type: 'bool', constant: false }, { type: 'string', constant: false }, { type: 'string', constant: false }], 'string');
  const caseExpr: Expr = { k: 'call', name: 'case', args: [isOne, probe(col(0)), col(1)], type: 'string', fn: caseFn };
  const got = evalExpr(caseExpr, batch, newRunContext(0n, new Map()));
  const ones = batch.columns[0]!.filter((k) => k === 1n).length;
  assert.ok(ones > 50 && ones < 450);
  assert.equal(seen.length, ones, 'the probe branch saw only rows with k == 1');
  assert.ok(seen.every((k) => k === 1n));
  got.forEach((v, r) => assert.equal(v, batch.columns[0]![r] === 1n ? 'p' : batch.columns[1]![r]));

  seen.length = 0;
  const coalesceFn = lookupScalarFunction('coalesce').bind([{ type: 'string', constant: false }, { type: 'string', constant: false }], 'string');
  const co: Expr = { k: 'call', name: 'coalesce', args: [col(1), probe(col(2))], type: 'string', fn: coalesceFn };
  const out = evalExpr(co, batch, newRunContext(0n, new Map()));
  const empty = batch.columns[1]!.filter((s) => s === '').length;
  assert.ok(empty > 20);
  assert.equal(seen.length, empty, 'the second argument only for rows whose first was ""');
  out.forEach((v, r) => assert.equal(v, batch.columns[1]![r] === '' ? 'p' : batch.columns[1]![r]));
});
