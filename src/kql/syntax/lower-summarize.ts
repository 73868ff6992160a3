/** `summarize`: group keys, aggregate calls, and the columns tuple aggregates produce. */
import { KqlError, UnsupportedError } from '../errors.ts';
import { isAggregate } from '../exec/aggregates.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';
import type { ColumnSchema, ScalarType, Schema } from '../types.ts';
import { children, className, kustoLanguage, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeOf } from './types.ts';

let kustoAggregates: Set<string> | undefined;

/** The first call in `node` of a Kusto aggregate function that trailhound does not have. */
function unsupportedAggregate(node: BridgeObject): { name: string; node: BridgeObject } | undefined {
  kustoAggregates ??= new Set([...kustoLanguage().GlobalState.Default.Aggregates].map((a: BridgeObject) => a.Name as string));
  if (!node) return undefined;
  if (className(node) === 'FunctionCallExpression') {
    const name: string = node.ReferencedSymbol?.Name ?? nameText(node.Name);
    if (kustoAggregates.has(name) && !isAggregate(name)) return { name, node };
  }
  for (const c of children(node)) {
    const found = unsupportedAggregate(c);
    if (found) return found;
  }
  return undefined;
}

interface TupleOutput {
  readonly expr: Expr;
}

export function lowerSummarize(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const byElements = op.ByClause ? listElements(op.ByClause.Expressions) : [];
  if (op.ByClause?.BinClause) throw new UnsupportedError('summarize ... by ... bin=', spanOf(op.ByClause));
  const keys = byElements.map((e) => lowerExpr(lw, className(e) === 'SimpleNamedExpression' ? e.Expression : e, input.schema));
  // Columns referenced directly (unnamed) by the by-clause: arg_min(*) leaves them out (§5.6).
  const byColumns = new Set<number>();
  byElements.forEach((e, i) => {
    const k = keys[i]!;
    if (className(e) === 'NameReference' && k.k === 'col') byColumns.add(k.index);
  });
  const aggregates: AggregateCall[] = [];
  // The summarize's own columns: the keys, each aggregate's outputs, and one hidden column per
  // aggregate inside an expression (`Pct = 100.0 * countif(p) / count()`).
  const inner: ColumnSchema[] = schema.slice(0, keys.length);
  // Per output column past the keys: the summarize column it is, or the expression computing it.
  const outputs: Array<number | BridgeObject> = [];
  let outIndex = keys.length;
  for (const element of listElements(op.Aggregates)) {
    const named = className(element) === 'SimpleNamedExpression';
    if (className(element) === 'CompoundNamedExpression') throw new UnsupportedError('summarize (a, b) = ...', spanOf(element));
    const callNode = named ? element.Expression : element;
    if (!isAggregate(callName(callNode))) {
      // Name an aggregate we lack wherever it sits (toupper(tohex(binary_all_and(x))) names binary_all_and).
      const missing = unsupportedAggregate(callNode);
      if (missing) throw new UnsupportedError(`the aggregate ${missing.name}()`, spanOf(missing.node));
      for (const node of aggregateCalls(callNode)) {
        const column: ColumnSchema = { name: `__agg${inner.length}`, type: scalarTypeOf(node.ResultType, spanOf(node)) };
        if (tupleAggregate(callName(node))) throw new UnsupportedError(`${callName(node)}() inside an expression`, spanOf(node));
        aggregates.push(aggregateCall(lw, node, input.schema, byColumns, [column]));
        lw.aggregateColumns.set(node, { k: 'col', index: inner.length, type: column.type, name: column.name });
        inner.push(column);
      }
      outputs.push(callNode);
      outIndex++;
      continue;
    }
    const call = aggregateCall(lw, callNode, input.schema, byColumns, (count) => {
      const columns = schema.slice(outIndex, outIndex + count);
      if (columns.length !== count) throw internal('summarize', outIndex + count, schema);
      return columns;
    });
    aggregates.push(call);
    for (const c of call.outputs) {
      outputs.push(inner.length);
      inner.push({ name: c.name, type: c.type });
    }
    outIndex += call.outputs.length;
  }
  if (outIndex !== schema.length) throw internal('summarize', outIndex, schema);
  if (inner.length === schema.length && outputs.every((o, i) => o === keys.length + i)) {
    return { op: 'summarize', input, keys, aggregates, schema };
  }
  const summarized: Plan = { op: 'summarize', input, keys, aggregates, schema: inner };
  const exprs: Expr[] = [
    ...keys.map((_, index): Expr => ({ k: 'col', index, type: inner[index]!.type, name: inner[index]!.name })),
    ...outputs.map((o): Expr => (typeof o === 'number' ? { k: 'col', index: o, type: inner[o]!.type, name: inner[o]!.name } : lowerExpr(lw, o, inner))),
  ];
  return { op: 'project', input: summarized, exprs, schema };
}

function callName(node: BridgeObject): string {
  return className(node) === 'FunctionCallExpression' ? (node.ReferencedSymbol?.Name ?? nameText(node.Name)) : '';
}

const tupleAggregate = (name: string): boolean =>
  name === 'arg_min' || name === 'arg_max' || name === 'take_any' || name === 'any' || name === 'take_anyif' || name === 'anyif' || name === 'percentiles';

/** The outermost calls of aggregates in an expression (an aggregate cannot hold another). */
function aggregateCalls(node: BridgeObject, out: BridgeObject[] = []): BridgeObject[] {
  if (!node) return out;
  if (className(node) === 'FunctionCallExpression' && isAggregate(callName(node))) {
    out.push(node);
    return out;
  }
  for (const c of children(node)) aggregateCalls(c, out);
  return out;
}

/**
 * One aggregate call; `columns` gives its output columns (their count known once its arguments
 * are: arg_max(*) and percentiles have several).
 */
function aggregateCall(
  lw: Lowerer,
  callNode: BridgeObject,
  row: Schema,
  byColumns: Set<number>,
  columns: readonly ColumnSchema[] | ((count: number) => readonly ColumnSchema[]),
): AggregateCall {
  const name = callName(callNode);
  const argNodes = listElements(callNode.ArgumentList.Expressions);
  let outputs: TupleOutput[];
  let args: Expr[];
  if (name === 'arg_min' || name === 'arg_max' || name === 'take_any' || name === 'any' || name === 'take_anyif' || name === 'anyif') {
    const isIf = name.endsWith('if');
    const tupleNodes = isIf ? argNodes.slice(0, -1) : argNodes;
    outputs = tupleOutputs(lw, tupleNodes, row, byColumns, name.startsWith('arg_'));
    args = isIf ? [lowerExpr(lw, argNodes[argNodes.length - 1], row)] : [];
    if (name.startsWith('arg_')) args = [outputs[0]!.expr];
  } else if (name === 'percentiles') {
    args = argNodes.map((a) => lowerExpr(lw, a, row));
    outputs = args.slice(1).map(() => ({ expr: args[0]! }));
  } else {
    args = argNodes.map((a) => {
      if (className(a) === 'StarExpression') throw new UnsupportedError(`${name}(*)`, spanOf(a));
      return lowerExpr(lw, a, row);
    });
    outputs = [{ expr: args[0] ?? { k: 'lit', type: 'long', value: null } }];
  }
  const cols = typeof columns === 'function' ? columns(outputs.length) : columns;
  return {
    name,
    args,
    outputs: cols.map((c, i) => ({ name: c.name, type: c.type as ScalarType, expr: outputs[i]!.expr })),
    resultType: cols[0]!.type,
    span: spanOf(callNode),
  };
}

/**
 * The columns of arg_min/arg_max/take_any, per the official binder's GetArgMinMaxResult
 * (kql-semantics.md §5.6): `*` expands to the input columns not already emitted and not
 * by-columns; with a `*` present, a plain column already emitted is skipped.
 */
function tupleOutputs(lw: Lowerer, nodes: BridgeObject[], row: Schema, byColumns: Set<number>, isArg: boolean): TupleOutput[] {
  const anyStar = nodes.some((n) => className(n) === 'StarExpression');
  const used = new Set<number>();
  const out: TupleOutput[] = [];
  nodes.forEach((node, i) => {
    if (className(node) === 'StarExpression') {
      row.forEach((c, index) => {
        if (!used.has(index) && !byColumns.has(index)) {
          out.push({ expr: { k: 'col', index, type: c.type, name: c.name } });
          used.add(index);
        }
      });
      return;
    }
    const inner = className(node) === 'SimpleNamedExpression' ? node.Expression : node;
    const expr = lowerExpr(lw, inner, row);
    if (expr.k === 'col') {
      const keep = (i === 0 && isArg) || !anyStar || (!used.has(expr.index) && !byColumns.has(expr.index));
      if (keep) {
        out.push({ expr });
        used.add(expr.index);
      }
      return;
    }
    out.push({ expr });
  });
  if (out.length === 0) throw new KqlError('binding', 'the aggregate has no columns', spanOf(nodes[0]));
  return out;
}
