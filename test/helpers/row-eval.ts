/**
 * A plan expression evaluated one row at a time by its calls' own row functions: the reference
 * the executor's column-at-a-time paths (vector kernels, lazy conditionals) are checked against.
 */
import type { EvalContext } from '../../src/kql/functions/contract.ts';
import type { Expr } from '../../src/kql/plan/expr.ts';
import type { Batch, Value } from '../../src/kql/types.ts';

export function rowValue(e: Expr, batch: Batch, row: number, ctx: EvalContext = { now: 0n }): Value {
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'col':
      return batch.columns[e.index]![row]!;
    case 'call':
      return e.fn(e.args.map((a) => rowValue(a, batch, row, ctx)), ctx);
    case 'and':
    case 'or': {
      // Three-valued logic (null-values doc): false wins `and`, true wins `or`, else null is sticky.
      const a = rowValue(e.args[0], batch, row, ctx);
      const b = rowValue(e.args[1], batch, row, ctx);
      if (e.k === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
      return a === true || b === true ? true : a === null || b === null ? null : false;
    }
    default:
      throw new Error(`not evaluated row by row here: ${e.k}`);
  }
}
