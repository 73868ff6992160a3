/**
 * `+ - * / %` a column at a time for int and long operands, without the per-row number objects
 * of the general path (functions/operators.ts, numericOp), whose rules these follow:
 * - a null operand gives null;
 * - int and long only, long result: 64-bit with .NET wraparound (intOp);
 * - int and int, int result: the 64-bit result truncated to 32 bits, computed in doubles:
 *   sums and differences of two int32 are exact doubles, Math.imul gives the low 32 bits of a
 *   product, and a quotient of two int32 rounds to a double on the right side of every integer.
 * Other types and results (decimal, dynamic, datetime, timespan) stay on the general path.
 */
import { intOp, type ArithOp } from '../../functions/operators.ts';
import type { ScalarType, Value } from '../../types.ts';
import type { Binary, Operand } from './operand.ts';

const NUMBER = new Set<ScalarType>(['int', 'long', 'real']);
const OPS = new Set<string>(['+', '-', '*', '/', '%']);

export function arithKernel(op: string, ta: ScalarType, tb: ScalarType, result: ScalarType): Binary<Value[]> | undefined {
  if (!OPS.has(op) || !NUMBER.has(ta) || !NUMBER.has(tb)) return undefined;
  const o = op as ArithOp;
  // A real result is real-tree.ts's; a real operand with another result stays general.
  if (ta === 'real' || tb === 'real' || result === 'real') return undefined;
  if (result === 'long') return (a, b, n) => longColumns(o, asLong(ta, a, n), asLong(tb, b, n), n);
  if (result === 'int' && ta === 'int' && tb === 'int') return (a, b, n) => int32Columns(o, a, b, n);
  return undefined;
}

function asLong(type: ScalarType, x: Operand, n: number): Operand {
  if (type !== 'int') return x;
  if (!x.col) return { value: x.value === null ? null : BigInt(x.value as number) };
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    const v = x.col[i];
    out[i] = v === null ? null : BigInt(v as number);
  }
  return { col: out };
}

function longColumns(op: ArithOp, a: Operand, b: Operand, n: number): Value[] {
  const out = new Array<Value>(n);
  const xs = a.col;
  const ys = b.col;
  const cx = a.col ? null : (a.value as bigint | null);
  const cy = b.col ? null : (b.value as bigint | null);
  for (let i = 0; i < n; i++) {
    const x = xs ? (xs[i] as bigint | null) : cx;
    const y = ys ? (ys[i] as bigint | null) : cy;
    out[i] = x === null || y === null ? null : intOp(op, x, y);
  }
  return out;
}

function int32Columns(op: ArithOp, a: Operand, b: Operand, n: number): Value[] {
  const out = new Array<Value>(n);
  const xs = a.col;
  const ys = b.col;
  const cx = a.col ? null : (a.value as number | null);
  const cy = b.col ? null : (b.value as number | null);
  for (let i = 0; i < n; i++) {
    const x = xs ? (xs[i] as number | null) : cx;
    const y = ys ? (ys[i] as number | null) : cy;
    if (x === null || y === null) {
      out[i] = null;
      continue;
    }
    switch (op) {
      case '+': out[i] = (x + y) | 0; break;
      case '-': out[i] = (x - y) | 0; break;
      case '*': out[i] = Math.imul(x, y); break;
      case '/': out[i] = y === 0 ? null : Math.trunc(x / y) | 0; break;
      case '%': {
        if (y === 0) {
          out[i] = null;
          break;
        }
        // numerical-operators doc: the result is in [0, abs(y)).
        const r = x % y;
        out[i] = (r < 0 ? r + Math.abs(y) : r) | 0;
        break;
      }
    }
  }
  return out;
}
