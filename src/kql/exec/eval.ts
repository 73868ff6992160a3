/** Evaluates plan expressions over a batch, column at a time. */
import { RuntimeError } from '../errors.ts';
import type { Expr } from '../plan/expr.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Batch, type Dyn, type ScalarType, type Value } from '../types.ts';
import { collectCharged } from './batches.ts';
import { evalConditional, isLazyConditional } from './conditional-eval.ts';
import type { RunContext } from './context.ts';
import { execute } from './execute.ts';
import { vectorCall } from './vector/kernels.ts';
import { evalRealTree, isRealArith } from './vector/real-tree.ts';
import { andInto, FALSE, maskOf, notInPlace, orInto, TRUE, valuesOf } from './vector/mask.ts';
import { column, constant, type Operand } from './vector/operand.ts';
import { uint8s } from './vector/small-arrays.ts';

export function evalExpr(e: Expr, batch: Batch, ctx: RunContext): Value[] {
  const n = batch.length;
  switch (e.k) {
    case 'lit':
      return new Array<Value>(n).fill(e.value);
    case 'col':
      return batch.columns[e.index]!;
    case 'call': {
      if (isLazyConditional(e)) return evalConditional(e, batch, ctx, evalExpr);
      if (isRealArith(e)) return evalRealTree(e, n, (x) => evalExpr(x, batch, ctx));
      const vector = vectorCall(e);
      if (vector) {
        const [a, b] = [operand(e.args[0]!, batch, ctx), operand(e.args[1]!, batch, ctx)];
        return vector.kind === 'values' ? vector.run(a, b, n) : valuesOf(vector.run(a, b, n));
      }
      // Literal arguments are set once; only column arguments change from row to row.
      const nargs = e.args.length;
      const args = new Array<Value>(nargs);
      const varying: number[] = [];
      const cols: Value[][] = [];
      for (let a = 0; a < nargs; a++) {
        const arg = e.args[a]!;
        if (arg.k === 'lit') args[a] = arg.value;
        else {
          varying.push(a);
          cols.push(evalExpr(arg, batch, ctx));
        }
      }
      const out = new Array<Value>(n);
      const fn = e.fn;
      const nv = varying.length;
      try {
        if (nv === 1) {
          const at = varying[0]!;
          const col = cols[0]!;
          for (let i = 0; i < n; i++) {
            args[at] = col[i]!;
            out[i] = fn(args, ctx);
          }
        } else {
          for (let i = 0; i < n; i++) {
            for (let v = 0; v < nv; v++) args[varying[v]!] = cols[v]![i]!;
            out[i] = fn(args, ctx);
          }
        }
      } catch (err) {
        throw tooLarge(err, e.name);
      }
      return out;
    }
    case 'and':
    case 'or': {
      const l = evalExpr(e.args[0], batch, ctx);
      const r = evalExpr(e.args[1], batch, ctx);
      const out = new Array<Value>(n);
      // Three-valued logic (null-values doc): false wins `and`, true wins `or`, else null is sticky.
      if (e.k === 'and') {
        for (let i = 0; i < n; i++) {
          const a = l[i];
          const b = r[i];
          out[i] = a === false || b === false ? false : a === null || b === null ? null : true;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const a = l[i];
          const b = r[i];
          out[i] = a === true || b === true ? true : a === null || b === null ? null : false;
        }
      }
      return out;
    }
    case 'ingestionTime':
      return batch.ingestion ? (batch.ingestion as Value[]) : new Array<Value>(n).fill(null);
    case 'scalarQuery':
    case 'columnList':
      return new Array<Value>(n).fill(cachedScalar(e, ctx));
  }
}

/**
 * A function whose result would pass the longest string (2^29 - 24 UTF-16 units) or array
 * Node.js can make fails the query with an error that names it; the engine would otherwise stop
 * with V8's RangeError as an internal error. Kusto documents no size limit for a value a query
 * computes (strcat of 64 megabyte strings, strrep of a long one); such a query hits its memory
 * limit there (learn.microsoft.com/kusto/concepts/query-limits).
 */
function tooLarge(err: unknown, name: string): unknown {
  if (!(err instanceof RangeError) || !/^Invalid (string|array|typed array) length/.test(err.message)) return err;
  return new RuntimeError(`${name}(): the result is larger than the longest string or array this engine can hold (${err.message})`);
}

function operand(e: Expr, batch: Batch, ctx: RunContext): Operand {
  return e.k === 'lit' ? constant(e.value) : column(evalExpr(e, batch, ctx));
}

/**
 * A boolean expression as a tri-state mask (vector/mask.ts), for `where`: comparisons and
 * `and`/`or`/`not` of them run column at a time; anything else is evaluated and converted.
 */
export function evalMask(e: Expr, batch: Batch, ctx: RunContext): Uint8Array {
  return maskOrUndefined(e, batch, ctx) ?? general(e, batch, ctx);
}

function general(e: Expr, batch: Batch, ctx: RunContext): Uint8Array {
  const values = evalExpr(e, batch, ctx);
  const mask = maskOf(values, batch.length);
  if (mask) return mask;
  // Not a boolean column: only `true` keeps a row.
  const out = uint8s(batch.length);
  for (let i = 0; i < batch.length; i++) out[i] = values[i] === true ? TRUE : FALSE;
  return out;
}

function maskOrUndefined(e: Expr, batch: Batch, ctx: RunContext): Uint8Array | undefined {
  switch (e.k) {
    case 'and':
    case 'or': {
      const l = maskOrUndefined(e.args[0], batch, ctx) ?? maskOf(evalExpr(e.args[0], batch, ctx), batch.length);
      if (!l) return undefined;
      const r = maskOrUndefined(e.args[1], batch, ctx) ?? maskOf(evalExpr(e.args[1], batch, ctx), batch.length);
      if (!r) return undefined;
      return e.k === 'and' ? andInto(l, r) : orInto(l, r);
    }
    case 'call': {
      if (e.name === 'not' && e.args.length === 1 && e.args[0]!.type === 'bool') {
        const m = maskOrUndefined(e.args[0]!, batch, ctx) ?? maskOf(evalExpr(e.args[0]!, batch, ctx), batch.length);
        return m ? notInPlace(m) : undefined;
      }
      const vector = vectorCall(e);
      if (vector?.kind !== 'mask') return undefined;
      return vector.run(operand(e.args[0]!, batch, ctx), operand(e.args[1]!, batch, ctx), batch.length);
    }
    default:
      return undefined;
  }
}

/** Value of a row-independent expression (let constants, now(), ago(...)) for this run. */
export function evalScalar(e: Expr, ctx: RunContext): Value {
  switch (e.k) {
    case 'lit':
      return e.value;
    case 'call': {
      const args = e.args.map((a) => evalScalar(a, ctx));
      try {
        return e.fn(args, ctx);
      } catch (err) {
        throw tooLarge(err, e.name);
      }
    }
    case 'and':
    case 'or': {
      const a = evalScalar(e.args[0], ctx);
      const b = evalScalar(e.args[1], ctx);
      if (e.k === 'and') return a === false || b === false ? false : a === null || b === null ? null : true;
      return a === true || b === true ? true : a === null || b === null ? null : false;
    }
    case 'scalarQuery':
    case 'columnList':
      return cachedScalar(e, ctx);
    default:
      throw new Error(`internal: ${e.k} is not a row-independent expression`);
  }
}

function cachedScalar(e: Expr & { k: 'scalarQuery' | 'columnList' }, ctx: RunContext): Value {
  const v = ctx.cache.get(e);
  if (v === undefined) throw new Error('internal: subquery not prepared');
  return v as Value;
}

const subqueryFree = new WeakMap<Expr, boolean>();

/** Whether an expression holds no subquery (toscalar, `in (T)`): nothing to prepare. */
export function hasNoSubquery(e: Expr): boolean {
  let free = subqueryFree.get(e);
  if (free === undefined) {
    free = e.k === 'call' || e.k === 'and' || e.k === 'or' ? e.args.every(hasNoSubquery) : e.k !== 'scalarQuery' && e.k !== 'columnList';
    subqueryFree.set(e, free);
  }
  return free;
}

/**
 * Computes every subquery an expression needs, before the expression is evaluated row by row.
 * Most expressions have none: they skip the async walk and get undefined, nothing to await
 * (operators prepare every expression of every batch, and a replay runs the plan thousands of times).
 */
export function prepareExpr(e: Expr, ctx: RunContext): Promise<void> | undefined {
  return hasNoSubquery(e) ? undefined : prepareSubqueries(e, ctx);
}

const listFree = new WeakMap<readonly Expr[], boolean>();

/**
 * prepareExpr over a list (an operator's expressions), or undefined when none holds a subquery.
 * Awaiting even a settled promise costs a microtask turn: a replay awaited each of the ~230
 * column expressions of the seed rule's projects on every run.
 */
export function prepareAll(exprs: readonly Expr[], ctx: RunContext): Promise<void> | undefined {
  let free = listFree.get(exprs);
  if (free === undefined) {
    free = exprs.every(hasNoSubquery);
    listFree.set(exprs, free);
  }
  return free ? undefined : prepareEach(exprs, ctx);
}

async function prepareEach(exprs: readonly Expr[], ctx: RunContext): Promise<void> {
  for (const e of exprs) await prepareExpr(e, ctx);
}

async function prepareSubqueries(e: Expr, ctx: RunContext): Promise<void> {
  switch (e.k) {
    case 'call':
    case 'and':
    case 'or':
      for (const a of e.args) await prepareExpr(a, ctx);
      return;
    case 'scalarQuery':
    case 'columnList': {
      if (ctx.cache.has(e)) return;
      // The subquery's result is held while it is read; a list (`in (T)`) for the rest of the run.
      const account = ctx.memory.operator('ExecuteAndCache');
      const table = await collectCharged(e.plan.schema, execute(e.plan, ctx), account);
      if (e.k === 'scalarQuery') {
        // toscalar-function doc: the first column of the first row; no rows gives null.
        ctx.cache.set(e, table.length > 0 ? table.columns[0]![0]! : e.type === 'string' ? '' : null);
        account.release();
      } else {
        const t = e.plan.schema[0]!.type;
        ctx.cache.set(e, table.length > 0 ? table.columns[0]!.map((v) => toDyn(t, v)) : []);
      }
      return;
    }
    default:
      return;
  }
}

/** A typed value as a dynamic value. */
export function toDyn(type: ScalarType, v: Value): Dyn {
  if (v === null) return null;
  switch (type) {
    case 'int':
      return new DynInt(v as number);
    case 'datetime':
      return new DynDatetime(v as bigint);
    case 'timespan':
      return new DynTimespan(v as bigint);
    case 'guid':
      return new DynGuid(v as string);
    case 'decimal':
      return new DynDecimal(v as string);
    default:
      return v as Dyn;
  }
}
