/**
 * `mv-apply` (mv-apply-operator doc): each input row is expanded (as mv-expand) into a small
 * table, the subquery runs over it, and the results are unioned with the row's other columns.
 *
 * The binder types the subquery's implicit source as the input columns with the expanded ones
 * replaced in place (same name) or appended, then the with_itemindex column (long); the output is
 * the input columns not replaced, then the subquery's columns, one column per name. We compute each
 * output column from the subquery when it has that name, else from the input row.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { ColumnSchema, ScalarType, Schema, Value } from '../types.ts';
import { className, kustoLanguage, type BridgeObject } from './bridge.ts';
import { listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal, lowerOperator } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeName, schemaOf } from './types.ts';

type RowColumn = (Plan & { op: 'mvApply' })['rowColumns'][number];

export function lowerMvApply(
  lw: Lowerer,
  op: BridgeObject,
  input: Plan,
  schema: Schema,
  parameters: () => Array<{ name: string; value: string }>,
): Plan {
  const K = kustoLanguage();
  const span = spanOf(op);
  let indexName: string | undefined;
  for (const p of parameters()) {
    if (p.name.toLowerCase() === 'with_itemindex') indexName = p.value;
    else throw new UnsupportedError(`mv-apply ${p.name}=`, span);
  }
  const rowSchema: ColumnSchema[] = [...input.schema];
  const rowColumns: RowColumn[] = input.schema.map((_, index) => ({ from: 'input', index }));
  const replaced = new Set<number>();
  const expansions = listElements(op.Expressions).map((m, e) => {
    let x = className(m) === 'MvApplyExpression' ? m.Expression : m;
    let name: string;
    if (className(x) === 'SimpleNamedExpression') {
      name = nameText(x.Name);
      x = x.Expression;
    } else {
      name = (K.KustoFacts.GetExpressionResultName(x, '') as string) || '';
    }
    if (!name) throw new UnsupportedError('mv-apply of an unnamed expression (name it: Name = expression)', spanOf(m));
    const toTypeText = m.ToTypeOf ? String(m.ToTypeOf.TypeOf?.Types?.getItem?.(0)?.Element?.ToString?.() ?? '').trim() : undefined;
    const toType: ScalarType | undefined = toTypeText ? scalarTypeName(toTypeText) : undefined;
    if (toTypeText && !toType) throw new UnsupportedError(`mv-apply ... to typeof(${toTypeText})`, spanOf(m));
    const column: ColumnSchema = { name, type: toType ?? 'dynamic' };
    const at = rowSchema.findIndex((c) => c.name === name);
    if (at >= 0) {
      rowSchema[at] = column;
      rowColumns[at] = { from: 'expansion', index: e };
      if (at < input.schema.length) replaced.add(at);
    } else {
      rowSchema.push(column);
      rowColumns.push({ from: 'expansion', index: e });
    }
    return { expr: lowerExpr(lw, x, input.schema), toType };
  });
  if (indexName !== undefined) {
    rowSchema.push({ name: indexName, type: 'long' });
    rowColumns.push({ from: 'itemIndex' });
  }
  const limitNode = op.RowLimitClause?.RowLimit;
  let limit: number | undefined;
  if (limitNode) {
    const l = lowerExpr(lw, limitNode, null);
    if (l.k !== 'lit' || l.value === null) throw new UnsupportedError('mv-apply limit with a non-constant count', spanOf(limitNode));
    limit = Number(l.value as Value as number | bigint);
  }
  const rowTable: Plan = { op: 'rowTable', schema: rowSchema };
  const subquery = lowerSubquery(lw, op.Subquery.Expression, rowTable);
  const mapping = schema.map((c) => {
    const j = subquery.schema.findIndex((s) => s.name === c.name);
    if (j >= 0) return -(j + 1);
    const i = input.schema.findIndex((s, index) => s.name === c.name && !replaced.has(index));
    if (i < 0) throw internal('mv-apply', -1, schema);
    return i;
  });
  return { op: 'mvApply', input, expansions, rowColumns, limit, rowTable, right: subquery, mapping, schema };
}

/** A subquery whose leftmost operator reads the implicit row table. */
function lowerSubquery(lw: Lowerer, node: BridgeObject, rowTable: Plan): Plan {
  const cls = className(node);
  if (cls === 'PipeExpression') {
    const input = lowerSubquery(lw, node.Expression, rowTable);
    return lowerOperator(lw, node.Operator, input, schemaOf(node.ResultType, spanOf(node)));
  }
  if (cls === 'ParenthesizedExpression') return lowerSubquery(lw, node.Expression, rowTable);
  if (cls.endsWith('Operator')) return lowerOperator(lw, node, rowTable, schemaOf(node.ResultType, spanOf(node)));
  if (!lw.isTabular(node)) throw new KqlError('binding', 'mv-apply needs a tabular subquery', spanOf(node));
  return lw.lowerTabular(node);
}
