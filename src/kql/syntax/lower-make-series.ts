/**
 * `make-series` (make-series-operator doc): group keys, aggregates over an axis grid, and the
 * axis array. Output columns (by binder): the by columns, one dynamic column per aggregate,
 * then the axis column (dynamic).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { isAggregate } from '../exec/aggregates.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';
import type { ScalarType, Schema } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeOf } from './types.ts';

/** The aggregates the make-series doc lists ("Only aggregation functions that return numeric results"). */
const SERIES_AGGREGATES = new Set([
  'avg', 'avgif', 'count', 'countif', 'dcount', 'dcountif', 'max', 'maxif', 'min', 'minif', 'percentile',
  'take_any', 'any', 'stdev', 'stdevif', 'stdevp', 'sum', 'sumif', 'variance', 'varianceif', 'variancep',
]);

const AXIS_TYPES: ReadonlySet<ScalarType> = new Set(['datetime', 'timespan', 'long', 'int', 'real']);

export function lowerMakeSeries(
  lw: Lowerer,
  op: BridgeObject,
  input: Plan,
  schema: Schema,
  parameter: (name: string) => string | undefined,
): Plan {
  const span = spanOf(op);
  const kind = parameter('kind');
  if (kind !== undefined && kind.toLowerCase() !== 'nonempty') throw new UnsupportedError(`make-series kind=${kind}`, span);
  const byElements = op.ByClause ? listElements(op.ByClause.Expressions) : [];
  const keys = byElements.map((e) => lowerExpr(lw, className(e) === 'SimpleNamedExpression' ? e.Expression : e, input.schema));
  const aggregates: AggregateCall[] = [];
  const defaults: (Expr | undefined)[] = [];
  listElements(op.Aggregates).forEach((m, i) => {
    const element = m.Expression;
    const named = className(element) === 'SimpleNamedExpression';
    const callNode = named ? element.Expression : element;
    if (className(callNode) !== 'FunctionCallExpression') {
      throw new UnsupportedError('an expression over aggregates in make-series', spanOf(callNode));
    }
    const name: string = callNode.ReferencedSymbol?.Name ?? nameText(callNode.Name);
    if (!SERIES_AGGREGATES.has(name) || !isAggregate(name)) throw new UnsupportedError(`the aggregate ${name}() in make-series`, spanOf(callNode));
    const args = listElements(callNode.ArgumentList.Expressions).map((a) => {
      if (className(a) === 'StarExpression') throw new UnsupportedError(`${name}(*) in make-series`, spanOf(a));
      return lowerExpr(lw, a, input.schema);
    });
    const column = schema[keys.length + i];
    if (!column) throw internal('make-series', keys.length + i + 1, schema);
    // The binder types the MakeSeriesExpression as the aggregate's scalar type; the column is dynamic.
    const resultType = scalarTypeOf(m.ResultType, spanOf(m));
    aggregates.push({
      name,
      args,
      outputs: [{ name: column.name, type: resultType, expr: name === 'take_any' || name === 'any' ? args[0] : undefined }],
      resultType,
      span: spanOf(callNode),
    });
    defaults.push(m.DefaultExpression ? lowerExpr(lw, m.DefaultExpression.Expression, null) : undefined);
  });
  if (keys.length + aggregates.length + 1 !== schema.length) throw internal('make-series', keys.length + aggregates.length + 1, schema);
  const axis = lowerExpr(lw, op.OnClause.Expression, input.schema);
  if (!AXIS_TYPES.has(axis.type)) throw new UnsupportedError(`make-series on an axis of type ${axis.type}`, spanOf(op.OnClause));
  const range = op.RangeClause;
  const rangeClass = className(range);
  let from: Expr | undefined;
  let to: Expr | undefined;
  let step: Expr;
  let grid: 'fromTo' | 'inRange';
  if (rangeClass === 'MakeSeriesFromToStepClause') {
    from = range.MakeSeriesFromClause ? lowerExpr(lw, range.MakeSeriesFromClause.Expression, null) : undefined;
    to = range.MakeSeriesToClause ? lowerExpr(lw, range.MakeSeriesToClause.Expression, null) : undefined;
    step = lowerExpr(lw, range.MakeSeriesStepClause.Expression, null);
    grid = 'fromTo';
  } else if (rangeClass === 'MakeSeriesInRangeClause') {
    const args = listElements(range.Arguments.Expressions);
    if (args.length !== 3) throw new KqlError('binding', 'make-series ... in range(start, stop, step) needs three arguments', spanOf(range));
    [from, to, step] = args.map((a) => lowerExpr(lw, a, null)) as [Expr, Expr, Expr];
    grid = 'inRange';
  } else {
    throw new UnsupportedError(`the make-series range clause ${rangeClass}`, spanOf(range));
  }
  const timeAxis = axis.type === 'datetime' || axis.type === 'timespan';
  if (timeAxis ? step.type !== 'timespan' : !['long', 'int', 'real'].includes(step.type)) {
    throw new KqlError('binding', `make-series: a step of type ${step.type} does not fit an axis of type ${axis.type}`, spanOf(range));
  }
  for (const bound of [from, to]) {
    if (bound && (timeAxis ? bound.type !== axis.type : !['long', 'int', 'real'].includes(bound.type))) {
      throw new KqlError('binding', `make-series: a bound of type ${bound.type} does not fit an axis of type ${axis.type}`, spanOf(range));
    }
  }
  return {
    op: 'makeSeries',
    input,
    keys,
    aggregates,
    defaults,
    axis,
    from,
    to,
    step,
    grid,
    nonEmpty: kind !== undefined,
    schema,
  };
}
