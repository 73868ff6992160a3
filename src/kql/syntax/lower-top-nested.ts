/**
 * `top-nested` (top-nested-operator doc): `top-nested [N] of Expr [with others = C] by Agg [asc|desc]`,
 * clauses separated by commas; the binder's output is two columns per clause (key, aggregate).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { isAggregate } from '../exec/aggregates.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';
import type { ScalarType, Schema } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { call, listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeOf } from './types.ts';

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
    // The doc: "Any algebraic combination of the aggregations is also supported".
    const aggregates: AggregateCall[] = [];
    const aggColumn = schema[2 * i + 1]!;
    const value = byValue(lw, by, input.schema, aggregates, aggColumn.name);
    if (value.type !== aggColumn.type) throw internal('top-nested', -1, schema);
    const keyColumn = schema[2 * i]!;
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
      aggregates,
      value,
      descending,
      others,
    };
  });
  return { op: 'topNested', input, levels, schema };
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

/**
 * The `by` expression as an expression over one row whose column j is aggregates[j]'s result:
 * aggregate calls, literals, parentheses and arithmetic between them.
 */
function byValue(lw: Lowerer, node: BridgeObject, row: Schema, aggregates: AggregateCall[], outName: string): Expr {
  const cls = className(node);
  const span = spanOf(node);
  if (cls === 'ParenthesizedExpression') return byValue(lw, node.Expression, row, aggregates, outName);
  if (cls === 'LiteralExpression') return lowerExpr(lw, node, null);
  if (cls === 'BinaryExpression') {
    const op = String(node.Operator.Text);
    if (!ARITHMETIC.has(op)) throw new UnsupportedError(`the operator ${op} over aggregates in top-nested`, span);
    const left = byValue(lw, node.Left, row, aggregates, outName);
    const right = byValue(lw, node.Right, row, aggregates, outName);
    return call(op, [left, right], scalarTypeOf(node.ResultType, span), span);
  }
  if (cls === 'FunctionCallExpression') {
    const name: string = node.ReferencedSymbol?.Name ?? nameText(node.Name);
    if (!TOP_NESTED_AGGREGATES.has(name) || !isAggregate(name)) throw new UnsupportedError(`the aggregate ${name}() in top-nested`, span);
    const args = listElements(node.ArgumentList.Expressions).map((a) => lowerExpr(lw, a, row));
    const type: ScalarType = scalarTypeOf(node.ResultType, span);
    const index = aggregates.length;
    aggregates.push({ name, args, outputs: [{ name: `${outName}#${index}`, type }], resultType: type, span });
    return { k: 'col', index, type, name: `${outName}#${index}` };
  }
  throw new UnsupportedError(`the expression ${String(node.ToString()).trim()} in top-nested (aggregates, literals and arithmetic)`, span);
}
