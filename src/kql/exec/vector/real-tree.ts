/**
 * A tree of `+ - * / %` whose nodes all have a real result (`v * 2 + 1`), computed in one
 * Float64Array: each leaf column is read once, each operator is a loop over doubles done in
 * place, and only the result becomes a column of values. The rules are numericOp's
 * (functions/operators.ts) for a real result: operands as doubles (a long through Number(), as
 * numToReal does), IEEE arithmetic, `%` the truncated remainder, null in gives null out. No real
 * operator turns non-null operands into null, so a row's result is null exactly when one of its
 * leaves is.
 */
import type { Expr } from '../../plan/expr.ts';
import type { ScalarType, Value } from '../../types.ts';

const NUMBER = new Set<ScalarType>(['int', 'long', 'real']);
const OPS = new Set<string>(['+', '-', '*', '/', '%']);

type Call = Expr & { k: 'call' };

/** Whether a call is a node of such a tree. */
export function isRealArith(e: Expr): e is Call {
  return e.k === 'call' && e.type === 'real' && e.args.length === 2 && OPS.has(e.name) && NUMBER.has(e.args[0]!.type) && NUMBER.has(e.args[1]!.type);
}

/** Doubles of n rows (nulls: 1 where the row is null), or one value for every row. */
type Part = { readonly v: Float64Array; readonly nulls: Uint8Array | undefined } | { readonly v?: undefined; readonly c: number | null };

/** Evaluates a real-arithmetic tree; `leaf` evaluates the other subexpressions. */
export function evalRealTree(e: Call, n: number, leaf: (e: Expr) => Value[]): Value[] {
  const r = part(e, n, leaf);
  if (!r.v) return new Array<Value>(n).fill(r.c);
  const out = new Array<Value>(n);
  const { v, nulls } = r;
  if (nulls) for (let i = 0; i < n; i++) out[i] = nulls[i] ? null : v[i]!;
  else for (let i = 0; i < n; i++) out[i] = v[i]!;
  return out;
}

function part(e: Expr, n: number, leaf: (e: Expr) => Value[]): Part {
  if (e.k === 'lit') return { c: e.value === null ? null : Number(e.value as number | bigint) };
  if (!isRealArith(e)) return doubles(leaf(e), n);
  const a = part(e.args[0]!, n, leaf);
  const b = part(e.args[1]!, n, leaf);
  const op = e.name;
  if (!a.v && !b.v) return { c: a.c === null || b.c === null ? null : apply(op, a.c, b.c) };
  if ((!a.v && a.c === null) || (!b.v && b.c === null)) return { c: null };
  if (!b.v) {
    applyRight(op, a.v!, b.c as number);
    return a;
  }
  if (!a.v) {
    applyLeft(op, a.c as number, b.v);
    return b;
  }
  applyBoth(op, a.v, b.v);
  return { v: a.v, nulls: union(a.nulls, b.nulls) };
}

function doubles(values: Value[], n: number): Part {
  const v = new Float64Array(n);
  let nulls: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x === null) (nulls ??= new Uint8Array(n))[i] = 1;
    else v[i] = typeof x === 'bigint' ? Number(x) : (x as number);
  }
  return { v, nulls };
}

function union(a: Uint8Array | undefined, b: Uint8Array | undefined): Uint8Array | undefined {
  if (!a) return b;
  if (!b) return a;
  for (let i = 0; i < a.length; i++) a[i]! |= b[i]!;
  return a;
}

function apply(op: string, x: number, y: number): number {
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    default: return x % y;
  }
}

// One loop per operator keeps the operator out of the loop.

function applyRight(op: string, xs: Float64Array, c: number): void {
  const n = xs.length;
  switch (op) {
    case '+': for (let i = 0; i < n; i++) xs[i]! += c; return;
    case '-': for (let i = 0; i < n; i++) xs[i]! -= c; return;
    case '*': for (let i = 0; i < n; i++) xs[i]! *= c; return;
    case '/': for (let i = 0; i < n; i++) xs[i]! /= c; return;
    default: for (let i = 0; i < n; i++) xs[i]! %= c;
  }
}

function applyLeft(op: string, c: number, ys: Float64Array): void {
  const n = ys.length;
  switch (op) {
    case '+': for (let i = 0; i < n; i++) ys[i] = c + ys[i]!; return;
    case '-': for (let i = 0; i < n; i++) ys[i] = c - ys[i]!; return;
    case '*': for (let i = 0; i < n; i++) ys[i] = c * ys[i]!; return;
    case '/': for (let i = 0; i < n; i++) ys[i] = c / ys[i]!; return;
    default: for (let i = 0; i < n; i++) ys[i] = c % ys[i]!;
  }
}

function applyBoth(op: string, xs: Float64Array, ys: Float64Array): void {
  const n = xs.length;
  switch (op) {
    case '+': for (let i = 0; i < n; i++) xs[i]! += ys[i]!; return;
    case '-': for (let i = 0; i < n; i++) xs[i]! -= ys[i]!; return;
    case '*': for (let i = 0; i < n; i++) xs[i]! *= ys[i]!; return;
    case '/': for (let i = 0; i < n; i++) xs[i]! /= ys[i]!; return;
    default: for (let i = 0; i < n; i++) xs[i]! %= ys[i]!;
  }
}
