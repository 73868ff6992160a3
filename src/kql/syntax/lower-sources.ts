/** Tabular expressions that start a pipeline: tables, lets, function calls, datatable, print, range, union. */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { Value } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, spanOf } from './lower-expr.ts';
import { lowerUnion } from './lower-operators.ts';
import { share, type Lowerer } from './lowerer.ts';
import { schemaOf } from './types.ts';

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
      const values = listElements(node.Values).map((v) => constantValue(lowerExpr(lw, v, null), spanOf(v)));
      if (schema.length === 0 || values.length % schema.length !== 0) {
        throw new KqlError('binding', `datatable has ${values.length} values for ${schema.length} columns`, span);
      }
      const rows: Value[][] = [];
      for (let i = 0; i < values.length; i += schema.length) rows.push(values.slice(i, i + schema.length));
      return { op: 'values', rows, schema };
    }
    case 'PrintOperator': {
      const schema = schemaOf(node.ResultType, span);
      const exprs = listElements(node.Expressions).map((e, i) => ({
        name: schema[i]!.name,
        expr: lowerExpr(lw, className(e) === 'SimpleNamedExpression' ? e.Expression : e, null),
      }));
      return { op: 'print', exprs, schema };
    }
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
    case 'MaterializeExpression':
      // materialize-function doc: the subquery is computed once per query and its result reused.
      return share(lw.lowerTabular(node.Expression));
    default:
      throw new UnsupportedError(`the tabular expression ${cls.replace(/Expression$|Operator$/, '')}`, span);
  }
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
