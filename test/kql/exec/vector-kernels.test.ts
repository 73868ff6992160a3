/**
 * The column-at-a-time kernels (src/kql/exec/vector) must give exactly what the general path
 * gives: each call's own per-row function (functions/operators.ts) applied row by row. Inputs
 * mix nulls, NaN, -0, infinities, longs beyond 2^53 and at the 64-bit limits (wraparound),
 * int32 limits, and every operand shape (column/column, column/literal, literal/column,
 * literal/literal, null literal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evalExpr, evalMask } from '../../../src/kql/exec/eval.ts';
import { newRunContext } from '../../../src/kql/exec/context.ts';
import { maskOf } from '../../../src/kql/exec/vector/mask.ts';
import type { Expr } from '../../../src/kql/plan/expr.ts';
import { call } from '../../../src/kql/syntax/lower-expr.ts';
import type { Batch, ScalarType, Schema, Value } from '../../../src/kql/types.ts';
import { rowValue } from '../../helpers/row-eval.ts';

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}
const rand = seeded(7);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const SAMPLES: Record<string, readonly Value[]> = {
  real: [0, -0, 1, -1, 0.5, 2.5, -7.25, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, -(2 ** 63), 2 ** 63, 1e-300, 3, 4, null],
  int: [0, 1, -1, 2, 3, -4, 7, 2 ** 31 - 1, -(2 ** 31), 65536, -65536, null],
  long: [0n, 1n, -1n, 2n, 3n, -4n, 7n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 31n, 4294967296n, -9n, null],
  datetime: [0n, 1n, 638500000000000000n, 638500000000000001n, 3155378975999999999n, null],
  timespan: [0n, -1n, 1n, 36000000000n, -(2n ** 63n), 2n ** 63n - 1n, null],
  string: ['', 'a', 'b', 'A', 'ab', 'é', '\u{1F600}', '\uFFFF', 'a\0'],
  guid: ['00000000-0000-0000-0000-000000000000', 'ffffffff-0000-0000-0000-000000000000', '10000000-0000-0000-0000-000000000001', null],
  bool: [true, false, null],
};

const N = 400;

function columnOf(type: ScalarType): Value[] {
  return Array.from({ length: N }, () => pick(SAMPLES[type]!));
}

function batchOf(cols: { type: ScalarType; values: Value[] }[]): Batch {
  const schema: Schema = cols.map((c, i) => ({ name: `c${i}`, type: c.type }));
  return { schema, columns: cols.map((c) => c.values), length: N };
}

const ctx = newRunContext(0n, new Map());

/** The general path: the call's row function, one row at a time. */
const general = (e: Expr, batch: Batch, row: number): Value => rowValue(e, batch, row, ctx);

function same(a: Value, b: Value): boolean {
  return Object.is(a, b) || (typeof a === 'bigint' && a === b);
}

function check(e: Expr, batch: Batch, what: string): void {
  const got = evalExpr(e, batch, ctx);
  assert.equal(got.length, batch.length, what);
  for (let i = 0; i < batch.length; i++) {
    const want = general(e, batch, i);
    if (!same(got[i]!, want)) assert.fail(`${what}, row ${i}: got ${String(got[i])}, want ${String(want)}`);
  }
  if (e.type === 'bool') {
    const mask = evalMask(e, batch, ctx);
    const ref = maskOf(Array.from({ length: batch.length }, (_, i) => general(e, batch, i)), batch.length)!;
    assert.deepEqual(mask, ref, `${what} (mask)`);
  }
}

const col = (index: number, type: ScalarType): Expr => ({ k: 'col', index, type, name: `c${index}` });
const lit = (type: ScalarType, value: Value): Expr => ({ k: 'lit', type, value });

/** The operand shapes of a binary call over columns 0 and 1 of the given types. */
function shapes(ta: ScalarType, tb: ScalarType): [string, Expr, Expr][] {
  const out: [string, Expr, Expr][] = [['col/col', col(0, ta), col(1, tb)]];
  for (const v of SAMPLES[tb]!) out.push([`col/${String(v)}`, col(0, ta), lit(tb, v)]);
  for (const v of SAMPLES[ta]!) out.push([`${String(v)}/col`, lit(ta, v), col(1, tb)]);
  out.push(['lit/lit', lit(ta, pick(SAMPLES[ta]!)), lit(tb, pick(SAMPLES[tb]!))]);
  return out;
}

const COMPARABLE: [ScalarType, ScalarType][] = [
  ['real', 'real'], ['real', 'int'], ['real', 'long'], ['int', 'real'], ['int', 'int'], ['int', 'long'],
  ['long', 'real'], ['long', 'int'], ['long', 'long'], ['datetime', 'datetime'], ['timespan', 'timespan'],
  ['string', 'string'], ['guid', 'guid'], ['bool', 'bool'],
];

for (const [ta, tb] of COMPARABLE) {
  test(`comparison kernels ${ta} vs ${tb} equal the general path`, () => {
    const batch = batchOf([{ type: ta, values: columnOf(ta) }, { type: tb, values: columnOf(tb) }]);
    for (const op of ['==', '!=', '<', '<=', '>', '>=']) {
      for (const [shape, a, b] of shapes(ta, tb)) check(call(op, [a, b], 'bool'), batch, `${ta} ${op} ${tb} (${shape})`);
    }
  });
}

const NUMERIC: ScalarType[] = ['int', 'long', 'real'];

for (const ta of NUMERIC) {
  for (const tb of NUMERIC) {
    test(`arithmetic kernels ${ta} op ${tb} equal the general path`, () => {
      const batch = batchOf([{ type: ta, values: columnOf(ta) }, { type: tb, values: columnOf(tb) }]);
      const results: ScalarType[] = ta === 'real' || tb === 'real' ? ['real'] : ta === 'int' && tb === 'int' ? ['int', 'long', 'real'] : ['long', 'real'];
      for (const result of results) {
        for (const op of ['+', '-', '*', '/', '%']) {
          for (const [shape, a, b] of shapes(ta, tb)) check(call(op, [a, b], result), batch, `${ta} ${op} ${tb} -> ${result} (${shape})`);
        }
      }
    });
  }
}

test('nested real arithmetic (v * 2 + 1, (a - b) / (c % 3), long and int leaves) equals the general path', () => {
  const batch = batchOf([
    { type: 'real', values: columnOf('real') },
    { type: 'long', values: columnOf('long') },
    { type: 'int', values: columnOf('int') },
  ]);
  const v = col(0, 'real');
  const l = col(1, 'long');
  const i = col(2, 'int');
  const exprs: [string, Expr][] = [
    ['v * 2 + 1', call('+', [call('*', [v, lit('long', 2n)], 'real'), lit('long', 1n)], 'real')],
    ['(v - l) / (i % 3)', call('/', [call('-', [v, l], 'real'), call('%', [i, lit('long', 3n)], 'long')], 'real')],
    ['1.5 - (v * v) * l', call('-', [lit('real', 1.5), call('*', [call('*', [v, v], 'real'), l], 'real')], 'real')],
    ['(i + i) * 0.5, int sum wrapping first', call('*', [call('+', [i, i], 'int'), lit('real', 0.5)], 'real')],
    ['v + real(null)', call('+', [v, lit('real', null)], 'real')],
    ['(2 * 3) + v', call('+', [call('*', [lit('real', 2), lit('real', 3)], 'real'), v], 'real')],
    ['l * l + l (long wraparound)', call('+', [call('*', [l, l], 'long'), l], 'long')],
    ['v * 2 > l - 1', call('>', [call('*', [v, lit('long', 2n)], 'real'), call('-', [l, lit('long', 1n)], 'long')], 'bool')],
  ];
  for (const [what, e] of exprs) check(e, batch, what);
});

test('and / or / not of comparisons as masks follow three-valued logic (null-values doc)', () => {
  const batch = batchOf([
    { type: 'real', values: columnOf('real') },
    { type: 'long', values: columnOf('long') },
    { type: 'bool', values: columnOf('bool') },
    { type: 'string', values: columnOf('string') },
  ]);
  const gt = call('>', [col(0, 'real'), lit('real', 0.5)], 'bool');
  const eq = call('==', [col(1, 'long'), lit('long', 1n)], 'bool');
  const b = col(2, 'bool');
  const s = call('startswith', [col(3, 'string'), lit('string', 'a')], 'bool');
  const and = (x: Expr, y: Expr): Expr => ({ k: 'and', args: [x, y], type: 'bool' });
  const or = (x: Expr, y: Expr): Expr => ({ k: 'or', args: [x, y], type: 'bool' });
  const not = (x: Expr): Expr => call('not', [x], 'bool');
  const exprs: [string, Expr][] = [
    ['gt and eq', and(gt, eq)],
    ['gt or eq', or(gt, eq)],
    ['b and gt', and(b, gt)],
    ['not(b) or not(gt)', or(not(b), not(gt))],
    ['(gt or b) and not(eq or s)', and(or(gt, b), not(or(eq, s)))],
    ['b', b],
    ['s', s],
  ];
  for (const [what, e] of exprs) check(e, batch, what);
});
