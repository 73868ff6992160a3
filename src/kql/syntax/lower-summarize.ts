/** `summarize`: group keys, aggregate calls, and the columns tuple aggregates produce. */
import { KqlError, UnsupportedError } from '../errors.ts';
import { isAggregate } from '../exec/aggregates.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';
import type { ScalarType, Schema } from '../types.ts';
import { children, className, kustoLanguage, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';

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
  let outIndex = keys.length;
  for (const element of listElements(op.Aggregates)) {
    const named = className(element) === 'SimpleNamedExpression';
    if (className(element) === 'CompoundNamedExpression') throw new UnsupportedError('summarize (a, b) = ...', spanOf(element));
    const callNode = named ? element.Expression : element;
    const name: string = className(callNode) === 'FunctionCallExpression' ? (callNode.ReferencedSymbol?.Name ?? nameText(callNode.Name)) : '';
    if (!isAggregate(name)) {
      // Name an aggregate we lack wherever it sits (toupper(tohex(binary_all_and(x))) names
      // binary_all_and); a scalar expression over supported aggregates is the unsupported part.
      const missing = unsupportedAggregate(callNode);
      if (missing) throw new UnsupportedError(`the aggregate ${missing.name}()`, spanOf(missing.node));
      throw new UnsupportedError('an expression over aggregates in summarize (compute it in a following extend)', spanOf(callNode));
    }
    const argNodes = listElements(callNode.ArgumentList.Expressions);
    let outputs: TupleOutput[];
    let args: Expr[];
    if (name === 'arg_min' || name === 'arg_max' || name === 'take_any' || name === 'any' || name === 'take_anyif' || name === 'anyif') {
      const isIf = name.endsWith('if');
      const tupleNodes = isIf ? argNodes.slice(0, -1) : argNodes;
      outputs = tupleOutputs(lw, tupleNodes, input.schema, byColumns, name.startsWith('arg_'));
      args = isIf ? [lowerExpr(lw, argNodes[argNodes.length - 1], input.schema)] : [];
      if (name.startsWith('arg_')) args = [outputs[0]!.expr];
    } else if (name === 'percentiles') {
      args = argNodes.map((a) => lowerExpr(lw, a, input.schema));
      outputs = args.slice(1).map(() => ({ expr: args[0]! }));
    } else {
      args = argNodes.map((a) => {
        if (className(a) === 'StarExpression') throw new UnsupportedError(`${name}(*)`, spanOf(a));
        return lowerExpr(lw, a, input.schema);
      });
      outputs = [{ expr: args[0] ?? { k: 'lit', type: 'long', value: null } }];
    }
    const columns = schema.slice(outIndex, outIndex + outputs.length);
    if (columns.length !== outputs.length) throw internal('summarize', outIndex + outputs.length, schema);
    aggregates.push({
      name,
      args,
      outputs: columns.map((c, i) => ({ name: c.name, type: c.type as ScalarType, expr: outputs[i]!.expr })),
      resultType: columns[0]!.type,
      span: spanOf(callNode),
    });
    outIndex += outputs.length;
  }
  if (outIndex !== schema.length) throw internal('summarize', outIndex, schema);
  return { op: 'summarize', input, keys, aggregates, schema };
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
