/**
 * `== != < <= > >=` a column at a time, into a tri-state mask, for the operand types whose
 * comparison needs no conversion objects: numbers (int, long, real in any mix), datetime with
 * datetime, timespan with timespan, string with string, guid with guid, bool with bool.
 * The rules are those of functions/operators.ts (compareOp):
 * - both null gives null; one null gives false for `==`, true for `!=`, null otherwise;
 * - numbers compare exactly across int/long/real: JS relational operators and `==` between a
 *   bigint and a number compare the mathematical values, as compareNum does;
 * - NaN is unordered: `==` and the relational operators are false, `!=` is true — exactly what
 *   JS operators give.
 */
import type { ScalarType, Value } from '../../types.ts';
import { FALSE, NULL, TRUE } from './mask.ts';
import type { Binary, Operand } from './operand.ts';
import { uint8s } from './small-arrays.ts';

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

const NUMBER = new Set<ScalarType>(['int', 'long', 'real']);

function comparable(ta: ScalarType, tb: ScalarType): boolean {
  if (NUMBER.has(ta) && NUMBER.has(tb)) return true;
  return ta === tb && (ta === 'datetime' || ta === 'timespan' || ta === 'string' || ta === 'guid' || ta === 'bool');
}

/** The same comparison with its operands swapped. */
const MIRROR: Record<CmpOp, CmpOp> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** The mask of a row with one null operand. */
function oneNull(op: CmpOp): number {
  return op === '==' ? FALSE : op === '!=' ? TRUE : NULL;
}

export function compareKernel(op: string, ta: ScalarType, tb: ScalarType): Binary<Uint8Array> | undefined {
  if (!Object.hasOwn(MIRROR, op) || !comparable(ta, tb)) return undefined;
  const cmp = op as CmpOp;
  return (a: Operand, b: Operand, n: number): Uint8Array => {
    if (a.col && b.col) return columns(cmp, a.col, b.col, n);
    if (a.col) return withConstant(cmp, a.col, (b as { value: Value }).value, n);
    if (b.col) return withConstant(MIRROR[cmp], b.col, a.value, n);
    return uint8s(n).fill(withConstant(cmp, [a.value], b.value, 1)[0]!);
  };
}

// The loops below cast values to number: at run time they are numbers, bigints, strings or
// booleans of one kind (or a bigint against a number), for which JS's operators are the
// comparisons we want. One loop per operator keeps the operator out of the loop, and +(bool)
// (TRUE is 1, FALSE 0) compiles without a branch: on random data that was 4x faster.

function withConstant(op: CmpOp, col: Value[], value: Value, n: number): Uint8Array {
  const out = uint8s(n);
  if (value === null) {
    for (let i = 0; i < n; i++) out[i] = col[i] === null ? NULL : oneNull(op);
    return out;
  }
  const c = value as number;
  const nul = oneNull(op);
  switch (op) {
    case '==':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x == c);
      }
      break;
    case '!=':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x != c);
      }
      break;
    case '<':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x < c);
      }
      break;
    case '<=':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x <= c);
      }
      break;
    case '>':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x > c);
      }
      break;
    case '>=':
      for (let i = 0; i < n; i++) {
        const x = col[i] as number | null;
        out[i] = x === null ? nul : +(x >= c);
      }
      break;
  }
  return out;
}

function columns(op: CmpOp, xs: Value[], ys: Value[], n: number): Uint8Array {
  const out = uint8s(n);
  const nul = oneNull(op);
  for (let i = 0; i < n; i++) {
    const x = xs[i] as number | null;
    const y = ys[i] as number | null;
    if (x === null || y === null) {
      out[i] = x === null && y === null ? NULL : nul;
      continue;
    }
    let r: boolean;
    switch (op) {
      case '==': r = x == y; break;
      case '!=': r = x != y; break;
      case '<': r = x < y; break;
      case '<=': r = x <= y; break;
      case '>': r = x > y; break;
      case '>=': r = x >= y; break;
    }
    out[i] = r ? TRUE : FALSE;
  }
  return out;
}
