/**
 * Functions that return several columns (series_stats, series_fit_line, series_decompose, ...;
 * the binder types their call as a tuple). In `extend`, `project` and `print` they are written
 * `(a, b, c) = f(x)`, `a = f(x)` or `f(x)`: each component becomes a column, named by the tuple
 * names, then by the binder's default names (`series_stats_x_min`, ...), e.g. series-stats doc:
 * `print x=dynamic([...]) | project series_stats(x)` gives `series_stats_x_min`, ...
 *
 * The call is computed once per row into a hidden column holding the tuple (a JS array of the
 * component values), and each output column reads one component of it (`__tuple_item`).
 */
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { ColumnSchema, ScalarType, Schema } from '../types.ts';
import { className, items, type BridgeObject } from './bridge.ts';
import { call, listElements, lit, lowerExpr, nameText } from './lower-expr.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeOf } from './types.ts';

export interface TupleCall {
  /** The call, typed `dynamic` here: its value is the tuple of components. */
  readonly call: Expr;
  /** Each component's column name: the names the query gives, then the binder's. */
  readonly names: readonly string[];
  readonly types: readonly ScalarType[];
  /** How many names the query gave (`a = f(x)`: 1, `(a, b) = f(x)`: 2; none for a bare `f(x)`). */
  readonly given: number;
}

/** Whether a syntax node's value is a tuple (a function returning several columns). */
export function isTuple(node: BridgeObject): boolean {
  return !!node?.ResultType && className(node.ResultType) === 'TupleSymbol';
}

/**
 * The tuple call of an `extend`/`project`/`print` element, or undefined when the element is an
 * ordinary scalar expression.
 */
export function tupleElement(lw: Lowerer, element: BridgeObject, row: Schema | null): TupleCall | undefined {
  const cls = className(element);
  const value = cls === 'CompoundNamedExpression' || cls === 'SimpleNamedExpression' ? element.Expression : element;
  if (!isTuple(value)) return undefined;
  const columns = [...items(value.ResultType.Columns)] as BridgeObject[];
  const names: string[] = columns.map((c) => c.Name as string);
  let given = 0;
  if (cls === 'SimpleNamedExpression') {
    names[0] = nameText(element.Name);
    given = 1;
  }
  if (cls === 'CompoundNamedExpression') {
    const named = listElements(element.Names.Names);
    named.forEach((n, i) => {
      if (i < names.length) names[i] = nameText(n);
    });
    given = named.length;
  }
  const types = columns.map((c) => scalarTypeOf(c.Type));
  return { call: lw.lowerTupleCall(value, row), names, types, given };
}

/** One expression per component of the tuple `ref` holds. */
export function tupleItems(ref: Expr, types: readonly ScalarType[]): Expr[] {
  return types.map((type, i) => call('__tuple_item', [ref, lit('long', BigInt(i))], type));
}

/**
 * The tuple calls of one operator's elements: each is computed into a hidden column appended
 * after the input's (so the input's column indices stay valid), once per row.
 */
export class TupleColumns {
  private readonly calls: Expr[] = [];
  private readonly row: ColumnSchema[];

  constructor(private readonly input: Plan) {
    this.row = [...input.schema];
  }

  /** Adds a tuple call; returns an expression for each of its components. */
  add(tuple: TupleCall): Expr[] {
    const column = this.row.length;
    this.calls.push(tuple.call);
    this.row.push({ name: `__tuple${this.calls.length - 1}`, type: 'dynamic' });
    return tupleItems({ k: 'col', index: column, type: 'dynamic', name: this.row[column]!.name }, tuple.types);
  }

  /** The operator's input: the original one, or it with the hidden tuple columns. */
  plan(): Plan {
    if (this.calls.length === 0) return this.input;
    const exprs: Expr[] = this.input.schema.map((c, index) => ({ k: 'col', index, type: c.type, name: c.name }));
    return { op: 'project', input: this.input, exprs: [...exprs, ...this.calls], schema: this.row };
  }
}

/** Lowers one element's scalar expression (the value of `a = e` or a bare `e`). */
export function elementExpr(lw: Lowerer, element: BridgeObject, row: Schema | null): Expr {
  return lowerExpr(lw, className(element) === 'SimpleNamedExpression' ? element.Expression : element, row);
}
