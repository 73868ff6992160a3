/** Tabular expressions that start a pipeline: tables, lets, function calls, datatable, externaldata, print, range, union. */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Expr } from '../plan/expr.ts';
import type { NamedExpr, Plan } from '../plan/plan.ts';
import type { Schema, ScalarType, Value } from '../types.ts';
import { toDyn } from '../exec/eval.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, spanOf } from './lower-expr.ts';
import { internal, lowerUnion } from './lower-operators.ts';
import { elementExpr, tupleElement, tupleItems } from './lower-tuple.ts';
import { share, type Lowerer } from './lowerer.ts';
import { schemaOf } from './types.ts';
import { lowerExternalData } from './lower-external-data.ts';

export function lowerSource(lw: Lowerer, node: BridgeObject): Plan {
  const cls = className(node);
  const span = spanOf(node);
  switch (cls) {
    case 'NameReference':
      return lw.lowerTableReference(node);
    case 'FunctionCallExpression':
      return lw.lowerTabularCall(node, null);
    case 'DataTableExpression': {
      const schema = schemaOf(node.ResultType, span);
      const values = listElements(node.Values).map((v, i) => {
        const e = lowerExpr(lw, v, null);
        return toColumnType(constantValue(e, spanOf(v)), e.type, schema[i % Math.max(1, schema.length)]!.type, spanOf(v));
      });
      if (schema.length === 0 || values.length % schema.length !== 0) {
        throw new KqlError('binding', `datatable has ${values.length} values for ${schema.length} columns`, span);
      }
      const rows: Value[][] = [];
      for (let i = 0; i < values.length; i += schema.length) rows.push(values.slice(i, i + schema.length));
      return { op: 'values', rows, schema };
    }
    case 'PrintOperator':
      return lowerPrint(lw, node, schemaOf(node.ResultType, span));
    case 'RangeOperator': {
      const schema = schemaOf(node.ResultType, span);
      return {
        op: 'range',
        from: lowerExpr(lw, node.From, null),
        to: lowerExpr(lw, node.To, null),
        step: lowerExpr(lw, node.Step, null),
        schema,
      };
    }
    case 'UnionOperator':
      return lowerUnion(lw, node, null, schemaOf(node.ResultType, span));
    case 'ExternalDataExpression':
      return lowerExternalData(lw, node);
    case 'MaterializeExpression':
      // materialize-function doc: the subquery is computed once per query and its result reused.
      return share(lw.lowerTabular(node.Expression));
    default:
      throw new UnsupportedError(`the tabular expression ${cls.replace(/Expression$|Operator$/, '')}`, span);
  }
}

/**
 * A datatable value stored in its column's type: `datatable(i:int, r:real)[1, 50]` writes the
 * long literals 1 and 50 as an int and a real (datatable-operator doc: values of the declared types).
 */
function toColumnType(v: Value, from: ScalarType, to: ScalarType, span: { start: number; length: number }): Value {
  if (v === null || from === to) return v === null && to === 'string' ? '' : v;
  const numeric = (t: ScalarType) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
  if (numeric(from) && numeric(to)) {
    if (to === 'real') return Number(v as number | bigint);
    if (to === 'long') {
      if (typeof v === 'number' && !Number.isInteger(v)) throw new KqlError('binding', `datatable: ${v} is not a long`, span);
      return BigInt(v as number | bigint);
    }
    if (to === 'int') {
      const n = Number(v as number | bigint);
      if (!Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31) throw new KqlError('binding', `datatable: ${String(v)} is not an int`, span);
      return n;
    }
    if (to === 'decimal') return String(v);
  }
  if (to === 'dynamic') return toDyn(from, v);
  throw new KqlError('binding', `datatable: a ${from} value in a ${to} column`, span);
}

/** Evaluates a constant expression (literals and calls over literals) at plan time. */
export function constantValue(e: Expr, span: { start: number; length: number }): Value {
  if (e.k === 'lit') return e.value;
  if (e.k === 'call') {
    const args = e.args.map((a) => constantValue(a, span));
    return e.fn(args, { now: 0n });
  }
  throw new KqlError('binding', 'expected a constant value', span);
}

/**
 * `print`: one row of the elements' values. A tuple call (`print series_stats(x)`) is printed
 * whole into a hidden column, then a projection spreads its components over the binder's columns.
 * Unnamed, every component is a column; named (`print a = f(x)`, `print (a, b) = f(x)`), the
 * official binder gives print only the named ones, typed as the first components in order (where
 * extend and project keep every component, the unnamed ones under their default names): those.
 */
function lowerPrint(lw: Lowerer, node: BridgeObject, schema: Schema): Plan {
  const elements = listElements(node.Expressions);
  const tuples = elements.map((e) => tupleElement(lw, e, null));
  if (tuples.every((t) => !t)) {
    if (elements.length !== schema.length) throw internal('print', elements.length, schema);
    return { op: 'print', exprs: elements.map((e, i) => ({ name: schema[i]!.name, expr: elementExpr(lw, e, null) })), schema };
  }
  const printed: NamedExpr[] = [];
  const exprs: Expr[] = [];
  elements.forEach((e, i) => {
    const tuple = tuples[i];
    const name = tuple ? `__tuple${i}` : (schema[exprs.length]?.name ?? `__print${i}`);
    const expr = tuple ? tuple.call : elementExpr(lw, e, null);
    const ref: Expr = { k: 'col', index: i, type: expr.type, name };
    printed.push({ name, expr });
    if (tuple) exprs.push(...tupleItems(ref, tuple.types).slice(0, tuple.given || tuple.types.length));
    else exprs.push(ref);
  });
  if (exprs.length !== schema.length) throw internal('print', exprs.length, schema);
  const input: Plan = { op: 'print', exprs: printed, schema: printed.map((p) => ({ name: p.name, type: p.expr.type })) };
  return { op: 'project', input, exprs, schema };
}
