/**
 * `top-nested` (top-nested-operator doc): `top-nested [N] of Expr [with others = C] by Agg [asc|desc]`,
 * clauses separated by commas; the binder's output is two columns per clause (key, aggregate).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { isAggregate } from '../exec/aggregates.ts';
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { Schema } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';

/** top-nested-operator doc, "Supported aggregation functions" (percentilew is not an aggregate we have). */
const TOP_NESTED_AGGREGATES = new Set(['sum', 'count', 'max', 'min', 'dcount', 'avg', 'percentile']);

export function lowerTopNested(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const clauses = listElements(op.Clauses);
  if (clauses.length * 2 !== schema.length) throw internal('top-nested', clauses.length * 2, schema);
  const levels = clauses.map((c, i) => {
    let by = c.ByExpression;
    let descending = true;
    if (className(by) === 'OrderedExpression') {
      const dir = by.Ordering?.AscOrDescKeyword?.Text;
      if (dir) descending = String(dir).toLowerCase() === 'desc';
      if (by.Ordering?.NullsClause) throw new UnsupportedError('top-nested ... nulls first/last', spanOf(by.Ordering));
      by = by.Expression;
    }
    if (className(by) === 'SimpleNamedExpression') by = by.Expression;
    if (className(by) !== 'FunctionCallExpression') {
      throw new UnsupportedError('an expression over aggregates in top-nested (one aggregate call per clause)', spanOf(by));
    }
    const name: string = by.ReferencedSymbol?.Name ?? nameText(by.Name);
    if (!TOP_NESTED_AGGREGATES.has(name) || !isAggregate(name)) throw new UnsupportedError(`the aggregate ${name}() in top-nested`, spanOf(by));
    const args = listElements(by.ArgumentList.Expressions).map((a) => lowerExpr(lw, a, input.schema));
    const keyColumn = schema[2 * i]!;
    const aggColumn = schema[2 * i + 1]!;
    const key = lowerExpr(lw, c.OfExpression, input.schema);
    if (key.type !== keyColumn.type) throw internal('top-nested', -1, schema);
    let others: Expr | undefined;
    if (c.WithOthersClause) {
      others = lowerExpr(lw, c.WithOthersClause.Expression, null);
      if (others.type !== key.type && !(others.k === 'lit' && others.value === null)) {
        throw new KqlError('binding', `top-nested: with others = a ${others.type} value for a key of type ${key.type}`, spanOf(c.WithOthersClause));
      }
    }
    return {
      count: c.Expression ? lowerExpr(lw, c.Expression, null) : null,
      key,
      aggregate: {
        name,
        args,
        outputs: [{ name: aggColumn.name, type: aggColumn.type }],
        resultType: aggColumn.type,
        span: spanOf(by),
      },
      descending,
      others,
    };
  });
  return { op: 'topNested', input, levels, schema };
}
