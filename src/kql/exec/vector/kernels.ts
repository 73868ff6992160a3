/** Which calls run column at a time, decided once per call site (plan expression). */
import type { Expr } from '../../plan/expr.ts';
import type { Value } from '../../types.ts';
import { arithKernel } from './arith.ts';
import { compareKernel } from './compare.ts';
import type { Binary } from './operand.ts';

type Call = Expr & { k: 'call' };

export type VectorCall = { readonly kind: 'mask'; readonly run: Binary<Uint8Array> } | { readonly kind: 'values'; readonly run: Binary<Value[]> };

const chosen = new WeakMap<Call, VectorCall | null>();

export function vectorCall(e: Call): VectorCall | undefined {
  let v = chosen.get(e);
  if (v === undefined) {
    v = choose(e);
    chosen.set(e, v);
  }
  return v ?? undefined;
}

function choose(e: Call): VectorCall | null {
  if (e.args.length !== 2) return null;
  const [a, b] = e.args as [Expr, Expr];
  const cmp = e.type === 'bool' ? compareKernel(e.name, a.type, b.type) : undefined;
  if (cmp) return { kind: 'mask', run: cmp };
  const arith = arithKernel(e.name, a.type, b.type, e.type);
  if (arith) return { kind: 'values', run: arith };
  return null;
}
