/**
 * Column-at-a-time evaluation of case(), iff()/iif() and coalesce() that computes an argument
 * only for the rows that still need it. Evaluating every branch over every row (the general
 * path in eval.ts) gives the same values, since scalar functions are pure and return null
 * rather than fail on bad input; but a rule such as AWSIdentityRole's `case` has a dozen
 * branches of regex extracts and todynamic() parses, of which each row needs one or two.
 *
 * The result of each row is still computed by the call's own bound function (conditional.ts),
 * given only the arguments that row needed, so null conditions, the empty-string rule of
 * coalesce and the widening of branch values come from one place.
 */
import type { Expr } from '../plan/expr.ts';
import { selectRows } from './batches.ts';
import type { Batch, Value } from '../types.ts';
import { coalesceSkips } from '../functions/conditional.ts';
import type { RunContext } from './context.ts';
import { int32s } from './vector/small-arrays.ts';

type Call = Expr & { k: 'call' };
type Evaluate = (e: Expr, batch: Batch, ctx: RunContext) => Value[];

export function isLazyConditional(e: Call): boolean {
  switch (e.name) {
    case 'case':
      return e.args.length >= 3 && e.args.length % 2 === 1;
    case 'iff':
    case 'iif':
      return e.args.length === 3;
    case 'coalesce':
      return e.args.length >= 2;
    default:
      return false;
  }
}

/** Column indexes an expression reads (subqueries read their own tables, not the batch). */
const columnsRead = new WeakMap<Expr, readonly number[]>();
function columnsOf(e: Expr): readonly number[] {
  let cols = columnsRead.get(e);
  if (cols === undefined) {
    const set = new Set<number>();
    const visit = (x: Expr): void => {
      if (x.k === 'col') set.add(x.index);
      else if (x.k === 'call' || x.k === 'and' || x.k === 'or') for (const a of x.args) visit(a);
    };
    visit(e);
    cols = [...set];
    columnsRead.set(e, cols);
  }
  return cols;
}

/** `e` over the rows `rows` of `batch` (all rows when `rows` is null): one value per row of `rows`. */
function evalOn(evaluate: Evaluate, e: Expr, batch: Batch, rows: Int32Array | null, ctx: RunContext): Value[] {
  if (e.k === 'lit') return new Array<Value>(rows === null ? batch.length : rows.length).fill(e.value);
  return rows === null ? evaluate(e, batch, ctx) : evaluate(e, selectRows(batch, rows, batch.schema, columnsOf(e)), ctx);
}

/**
 * case(p1, v1, ..., else) and iff(p, then, else): each predicate over the rows no earlier
 * predicate took, each value over the rows its predicate took.
 */
function evalBranches(e: Call, batch: Batch, ctx: RunContext, evaluate: Evaluate): Value[] {
  const n = batch.length;
  const nargs = e.args.length;
  const out = new Array<Value>(n);
  const args = new Array<Value>(nargs).fill(null);
  let rows: Int32Array | null = null; // null: every row of the batch
  let left = n;
  for (let p = 0; p + 1 < nargs && left > 0; p += 2) {
    const cond = evalOn(evaluate, e.args[p]!, batch, rows, ctx);
    let taken = 0;
    for (let i = 0; i < left; i++) if (cond[i] === true) taken++;
    if (taken === 0) continue;
    const take = int32s(taken);
    const rest = int32s(left - taken);
    for (let i = 0, t = 0, r = 0; i < left; i++) {
      const row = rows === null ? i : rows[i]!;
      if (cond[i] === true) take[t++] = row;
      else rest[r++] = row;
    }
    const values = evalOn(evaluate, e.args[p + 1]!, batch, taken === n ? null : take, ctx);
    args[p] = true;
    for (let i = 0; i < taken; i++) {
      args[p + 1] = values[i]!;
      out[take[i]!] = e.fn(args, ctx);
    }
    args[p] = null;
    args[p + 1] = null;
    rows = rest;
    left = rest.length;
  }
  if (left > 0) {
    // Every predicate false or null: the else value, with all predicates passed as null.
    const values = evalOn(evaluate, e.args[nargs - 1]!, batch, rows, ctx);
    for (let i = 0; i < left; i++) {
      args[nargs - 1] = values[i]!;
      out[rows === null ? i : rows[i]!] = e.fn(args, ctx);
    }
  }
  return out;
}

/**
 * coalesce(a1, ..., an): each argument over the rows whose earlier arguments were all skipped
 * (coalesceSkips: the rule the call's own function applies).
 */
function evalCoalesce(e: Call, batch: Batch, ctx: RunContext, evaluate: Evaluate): Value[] {
  const n = batch.length;
  const nargs = e.args.length;
  const out = new Array<Value>(n);
  const args = new Array<Value>(nargs).fill(null);
  let rows: Int32Array | null = null;
  let left = n;
  for (let a = 0; a < nargs && left > 0; a++) {
    const type = e.args[a]!.type;
    const values = evalOn(evaluate, e.args[a]!, batch, rows, ctx);
    const last = a === nargs - 1;
    const rest = int32s(left);
    let r = 0;
    for (let i = 0; i < left; i++) {
      const row = rows === null ? i : rows[i]!;
      const v = values[i]!;
      if (last || !coalesceSkips(type, v)) {
        // Earlier arguments were skipped for this row: passing them as null changes nothing.
        args[a] = v;
        out[row] = e.fn(args, ctx);
      } else rest[r++] = row;
    }
    args[a] = null;
    rows = rest.subarray(0, r);
    left = r;
  }
  return out;
}

/** Evaluates a lazy conditional (isLazyConditional(e) must hold). */
export function evalConditional(e: Call, batch: Batch, ctx: RunContext, evaluate: Evaluate): Value[] {
  return e.name === 'coalesce' ? evalCoalesce(e, batch, ctx, evaluate) : evalBranches(e, batch, ctx, evaluate);
}

