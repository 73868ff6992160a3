/** Lowers one tabular operator (the right side of a `|`) into a plan node. */
import { KqlError, UnsupportedError, type Span } from '../errors.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, JoinKind, Plan, SortKey } from '../plan/plan.ts';
import type { Schema, Value } from '../types.ts';
import { className, kustoLanguage, type BridgeObject } from './bridge.ts';
import { columnRef, listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { share, type Lowerer } from './lowerer.ts';
import { lowerSummarize } from './lower-summarize.ts';
import { lowerParse } from './lower-parse.ts';
import { lowerMakeSeries } from './lower-make-series.ts';
import { lowerTopNested } from './lower-top-nested.ts';
import { lowerMvApply } from './lower-mv-apply.ts';
import { lowerBagUnpack } from './lower-bag-unpack.ts';
import { lowerUnionInner } from './lower-union-inner.ts';
import { elementExpr, TupleColumns, tupleElement } from './lower-tuple.ts';

/** The query operators trailhound runs (syntax class -> KQL spelling), for the coverage table. */
export const SUPPORTED_OPERATORS: ReadonlyMap<string, string> = new Map([
  ['FilterOperator', 'where'], ['ExtendOperator', 'extend'], ['SerializeOperator', 'serialize'],
  ['ProjectOperator', 'project'], ['ProjectAwayOperator', 'project-away'], ['ProjectKeepOperator', 'project-keep'],
  ['ProjectReorderOperator', 'project-reorder'], ['ProjectRenameOperator', 'project-rename'],
  ['SummarizeOperator', 'summarize'], ['JoinOperator', 'join'], ['LookupOperator', 'lookup'], ['AsOperator', 'as'],
  ['InvokeOperator', 'invoke'], ['EvaluateOperator', 'evaluate'], ['TakeOperator', 'take / limit'],
  ['SortOperator', 'sort / order'], ['TopOperator', 'top'], ['DistinctOperator', 'distinct'], ['CountOperator', 'count'],
  ['UnionOperator', 'union'], ['MvExpandOperator', 'mv-expand'], ['GetSchemaOperator', 'getschema'],
  ['RenderOperator', 'render'], ['ParseOperator', 'parse'], ['ParseWhereOperator', 'parse-where'], ['PrintOperator', 'print'], ['RangeOperator', 'range'], ['DataTableExpression', 'datatable'],
  ['MakeSeriesOperator', 'make-series'], ['TopNestedOperator', 'top-nested'], ['MvApplyOperator', 'mv-apply'],
  ['ExternalDataExpression', 'externaldata'],
]);

export function lowerOperator(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const cls = className(op);
  const span = spanOf(op);
  switch (cls) {
    case 'FilterOperator': {
      const predicate = lowerExpr(lw, op.Condition, input.schema);
      // innerunique keeps one left row per key; Kusto applies a filter on left columns that
      // follows the join before that choice (join-innerunique doc: `| where value == "val1.2"`
      // "will never give the first result"), so a filter of only left columns moves below it.
      if (input.op === 'join' && input.kind === 'innerunique' && !input.shared && onlyColumnsBelow(predicate, input.left.schema.length)) {
        return { ...input, left: { op: 'where', input: input.left, predicate, schema: input.left.schema } };
      }
      return { op: 'where', input, predicate, schema };
    }
    case 'ExtendOperator':
      return lowerExtend(lw, listElements(op.Expressions), input, schema);
    case 'SerializeOperator': {
      const extended = lowerExtend(lw, listElements(op.Expressions), input, schema);
      return extended;
    }
    case 'ProjectOperator':
      return lowerProject(lw, listElements(op.Expressions), input, schema);
    case 'ProjectAwayOperator':
    case 'ProjectKeepOperator':
    case 'ProjectReorderOperator':
      return byName(input, schema, new Map(), span);
    case 'ProjectRenameOperator': {
      const renames = new Map<string, string>();
      for (const e of listElements(op.Expressions)) {
        if (className(e) !== 'SimpleNamedExpression') throw new KqlError('binding', 'project-rename needs new = old', spanOf(e));
        renames.set(nameText(e.Name), nameText(e.Expression));
      }
      return byName(input, schema, renames, span);
    }
    case 'SummarizeOperator':
      return lowerSummarize(lw, op, input, schema);
    case 'JoinOperator':
      return lowerJoin(lw, op, input, schema);
    case 'LookupOperator':
      return lowerLookup(lw, op, input, schema);
    case 'AsOperator': {
      const shared = share(input);
      lw.scope.set(nameText(op.Name), { kind: 'tabular', plan: shared });
      return shared;
    }
    case 'InvokeOperator':
      return lw.lowerTabularCall(op.Function, input);
    case 'EvaluateOperator':
      if (nameText(op.FunctionCall.Name) === 'bag_unpack') return lowerBagUnpack(lw, op, input, schema);
      return lowerEvaluate(lw, op, input, schema);
    case 'TakeOperator':
      return { op: 'take', input, count: lowerExpr(lw, op.Expression, null), schema };
    case 'SortOperator':
      return { op: 'sort', input, keys: listElements(op.Expressions).map((e) => sortKey(lw, e, input.schema)), schema };
    case 'TopOperator':
      return {
        op: 'top',
        input,
        count: lowerExpr(lw, op.Expression, null),
        keys: [sortKey(lw, op.ByExpression, input.schema)],
        schema,
      };
    case 'DistinctOperator': {
      const elements = listElements(op.Expressions);
      const exprs: Expr[] =
        elements.length === 1 && className(elements[0]) === 'StarExpression'
          ? input.schema.map((c, index) => ({ k: 'col', index, type: c.type, name: c.name }))
          : elements.map((e) => lowerExpr(lw, className(e) === 'SimpleNamedExpression' ? e.Expression : e, input.schema));
      if (exprs.length !== schema.length) throw internal('distinct', exprs.length, schema);
      return { op: 'distinct', input, exprs, schema };
    }
    case 'CountOperator':
      return { op: 'count', input, schema };
    case 'UnionOperator':
      if ((parameterText(op.Parameters, 'kind') ?? '').toLowerCase() === 'inner') {
        return lowerUnionInner(lw, op, input, schema, (name) => parameterText(op.Parameters, name));
      }
      return lowerUnion(lw, op, input, schema);
    case 'MvExpandOperator':
      return lowerMvExpand(lw, op, input, schema);
    case 'GetSchemaOperator':
      return { op: 'values', rows: getschemaRows(input.schema), schema };
    case 'RenderOperator':
      // A client-side chart hint: the result table is unchanged (render-operator doc).
      return input;
    case 'ParseOperator':
      return lowerParse(lw, op, input, schema, (name) => parameterText(op.Parameters, name));
    case 'ParseWhereOperator':
      return lowerParse(lw, op, input, schema, (name) => parameterText(op.Parameters, name), true);
    case 'MakeSeriesOperator':
      return lowerMakeSeries(lw, op, input, schema, (name) => parameterText(op.Parameters, name));
    case 'TopNestedOperator':
      return lowerTopNested(lw, op, input, schema);
    case 'MvApplyOperator':
      return lowerMvApply(lw, op, input, schema, () =>
        listElementsOrItems(op.Parameters).map((p) => ({ name: nameText(p.Name), value: parameterText(op.Parameters, nameText(p.Name).toLowerCase()) ?? '' })),
      );
    default:
      throw new UnsupportedError(`the ${operatorName(op)} operator`, span);
  }
}

/** Whether `e` reads only row columns with index < n (sub-queries have their own rows). */
function onlyColumnsBelow(e: Expr, n: number): boolean {
  switch (e.k) {
    case 'col':
      return e.index < n;
    case 'call':
    case 'and':
    case 'or':
      return e.args.every((a) => onlyColumnsBelow(a, n));
    case 'lit':
    case 'scalarQuery':
    case 'columnList':
      return true;
    default:
      return false;
  }
}

function operatorName(op: BridgeObject): string {
  const first = op.GetFirstToken?.();
  return first?.Text ? String(first.Text) : className(op).replace(/Operator$/, '');
}

export function internal(what: string, got: number, schema: Schema): KqlError {
  return new KqlError(
    'binding',
    `internal: ${what} produced ${got} columns where the binder expects ${schema.length} (${schema.map((c) => c.name).join(', ')})`,
  );
}

/** Output columns taken from input columns of the same name (after renames new -> old). */
function byName(input: Plan, schema: Schema, renames: Map<string, string>, span: Span): Plan {
  const exprs = schema.map((c) => columnRef(input.schema, renames.get(c.name) ?? c.name, span));
  return { op: 'project', input, exprs, schema };
}

/**
 * `extend`: a column whose name exists is replaced in place, new ones are appended
 * (official binder, ProjectionBuilder with replace; kql-semantics.md §4.3).
 */
function lowerExtend(lw: Lowerer, elements: BridgeObject[], input: Plan, schema: Schema): Plan {
  const K = kustoLanguage();
  const exprs: Expr[] = input.schema.map((c, index) => ({ k: 'col', index, type: c.type, name: c.name }));
  const names = input.schema.map((c) => c.name as string | undefined);
  const place = (name: string | undefined, value: Expr): void => {
    const at = name === undefined ? -1 : names.indexOf(name);
    if (at >= 0) exprs[at] = value;
    else {
      exprs.push(value);
      names.push(name);
    }
  };
  const tuples = new TupleColumns(input);
  for (const e of elements) {
    const tuple = tupleElement(lw, e, input.schema);
    if (tuple) {
      tuples.add(tuple).forEach((item, i) => place(tuple.names[i], item));
      continue;
    }
    const named = className(e) === 'SimpleNamedExpression';
    const value = lowerExpr(lw, named ? e.Expression : e, input.schema);
    place(named ? nameText(e.Name) : (K.KustoFacts.GetExpressionResultName(e, '') as string) || undefined, value);
  }
  if (exprs.length !== schema.length) throw internal('extend', exprs.length, schema);
  return { op: 'project', input: tuples.plan(), exprs, schema };
}

/** `project`: one column per element, several for a tuple call (series_stats(x)). */
function lowerProject(lw: Lowerer, elements: BridgeObject[], input: Plan, schema: Schema): Plan {
  const exprs: Expr[] = [];
  const tuples = new TupleColumns(input);
  for (const e of elements) {
    const tuple = tupleElement(lw, e, input.schema);
    if (tuple) exprs.push(...tuples.add(tuple));
    else exprs.push(elementExpr(lw, e, input.schema));
  }
  if (exprs.length !== schema.length) throw internal('project', exprs.length, schema);
  return { op: 'project', input: tuples.plan(), exprs, schema };
}

function sortKey(lw: Lowerer, e: BridgeObject, row: Schema): SortKey {
  const ordered = className(e) === 'OrderedExpression';
  const expr = lowerExpr(lw, ordered ? e.Expression : e, row);
  // sort-operator doc: the default is descending; nulls first for asc, last for desc.
  let descending = true;
  let nullsFirst: boolean | undefined;
  if (ordered && e.Ordering) {
    const dir = e.Ordering.AscOrDescKeyword?.Text;
    if (dir) descending = String(dir).toLowerCase() === 'desc';
    const nulls = e.Ordering.NullsClause?.FirstOrLastKeyword?.Text;
    if (nulls) nullsFirst = String(nulls).toLowerCase() === 'first';
  }
  return { expr, descending, nullsFirst: nullsFirst ?? !descending };
}

export function parameterText(params: BridgeObject, name: string): string | undefined {
  for (const p of listElementsOrItems(params)) {
    if (nameText(p.Name).toLowerCase() === name) {
      const x = p.Expression;
      return String(x.SimpleName ?? x.Token?.Text ?? x.ToString()).trim();
    }
  }
  return undefined;
}

export function listElementsOrItems(list: BridgeObject): BridgeObject[] {
  const out: BridgeObject[] = [];
  for (let i = 0; i < (list?.Count ?? 0); i++) {
    const x = list.getItem(i);
    out.push(x.Element ?? x);
  }
  return out;
}

const JOIN_KINDS: Record<string, JoinKind> = {
  innerunique: 'innerunique', inner: 'inner', leftouter: 'leftouter', rightouter: 'rightouter',
  fullouter: 'fullouter', leftsemi: 'leftsemi', rightsemi: 'rightsemi', leftanti: 'leftanti',
  anti: 'leftanti', leftantisemi: 'leftanti', rightanti: 'rightanti', rightantisemi: 'rightanti',
};

/** Key pairs of a join/lookup `on` clause: column names, or `$left.a == $right.b`, joined by `,`/`and`. */
function joinKeys(clause: BridgeObject, left: Schema, right: Schema): { leftKeys: number[]; rightKeys: number[] } {
  if (className(clause) !== 'JoinOnClause') throw new UnsupportedError('join ... where', spanOf(clause));
  const leftKeys: number[] = [];
  const rightKeys: number[] = [];
  const side = (e: BridgeObject): { side: 'left' | 'right'; name: string } | undefined => {
    if (className(e) !== 'PathExpression') return undefined;
    const s = nameText(e.Expression);
    if (s !== '$left' && s !== '$right') return undefined;
    return { side: s === '$left' ? 'left' : 'right', name: nameText(e.Selector) };
  };
  const visit = (e: BridgeObject): void => {
    const cls = className(e);
    const span = spanOf(e);
    if (cls === 'ParenthesizedExpression') return visit(e.Expression);
    if (cls === 'NameReference') {
      const name = nameText(e);
      leftKeys.push(columnRef(left, name, span).k === 'col' ? left.findIndex((c) => c.name === name) : -1);
      rightKeys.push(right.findIndex((c) => c.name === name));
      if (rightKeys[rightKeys.length - 1]! < 0) throw new KqlError('binding', `join key ${name} is not a column of the right side`, span);
      return;
    }
    if (cls === 'BinaryExpression') {
      const op = String(e.Operator.Text).toLowerCase();
      if (op === 'and') {
        visit(e.Left);
        visit(e.Right);
        return;
      }
      if (op === '==') {
        const a = side(e.Left);
        const b = side(e.Right);
        if (a && b && a.side !== b.side) {
          const l = a.side === 'left' ? a : b;
          const r = a.side === 'left' ? b : a;
          leftKeys.push(columnRef(left, l.name, span).k === 'col' ? left.findIndex((c) => c.name === l.name) : -1);
          rightKeys.push(right.findIndex((c) => c.name === r.name));
          if (rightKeys[rightKeys.length - 1]! < 0) throw new KqlError('binding', `unknown right column ${r.name}`, span);
          // The binder requires one type for a common column (`on a`) but accepts `$left.a ==
          // $right.b` of different types; how Kusto then compares (int 1 with long 1, a real with a
          // long) is not documented, and our keys of different kinds never match. Say so. (Dynamic keys
          // the binder rejects itself.)
          const lt = left[leftKeys[leftKeys.length - 1]!]?.type;
          const rt = right[rightKeys[rightKeys.length - 1]!]!.type;
          if (lt !== undefined && lt !== rt) {
            throw new UnsupportedError(`a join on keys of different types ($left.${l.name}: ${lt}, $right.${r.name}: ${rt})`, span);
          }
          return;
        }
      }
    }
    throw new UnsupportedError(`the join condition ${String(e.ToString()).trim()}`, span);
  };
  for (const e of listElements(clause.Expressions)) visit(e);
  return { leftKeys, rightKeys };
}

function lowerJoin(lw: Lowerer, op: BridgeObject, left: Plan, schema: Schema): Plan {
  const kindText = (parameterText(op.Parameters, 'kind') ?? 'innerunique').toLowerCase();
  const kind = JOIN_KINDS[kindText];
  if (!kind) throw new UnsupportedError(`join kind=${kindText}`, spanOf(op));
  const right = lw.lowerTabular(op.Expression);
  const { leftKeys, rightKeys } = joinKeys(op.ConditionClause, left.schema, right.schema);
  const expected =
    kind === 'leftsemi' || kind === 'leftanti' ? left.schema.length
    : kind === 'rightsemi' || kind === 'rightanti' ? right.schema.length
    : left.schema.length + right.schema.length;
  if (expected !== schema.length) throw internal('join', expected, schema);
  return { op: 'join', kind, left, right, leftKeys, rightKeys, schema };
}

function lowerLookup(lw: Lowerer, op: BridgeObject, left: Plan, schema: Schema): Plan {
  const kindText = (parameterText(op.Parameters, 'kind') ?? 'leftouter').toLowerCase();
  if (kindText !== 'leftouter' && kindText !== 'inner') throw new UnsupportedError(`lookup kind=${kindText}`, spanOf(op));
  const right = lw.lowerTabular(op.Expression);
  const { leftKeys, rightKeys } = joinKeys(op.LookupClause, left.schema, right.schema);
  // lookup-operator doc: the right side's key columns are not repeated in the output.
  const rightOutputs = right.schema.map((_, i) => i).filter((i) => !rightKeys.includes(i));
  if (left.schema.length + rightOutputs.length !== schema.length) {
    throw internal('lookup', left.schema.length + rightOutputs.length, schema);
  }
  return { op: 'lookup', kind: kindText, left, right, leftKeys, rightKeys, rightOutputs, schema };
}

function lowerEvaluate(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const fc = op.FunctionCall;
  const name = nameText(fc.Name);
  const span = spanOf(op);
  if (name !== 'activity_counts_metrics') throw new UnsupportedError(`the plugin ${name}`, span);
  const args = listElements(fc.ArgumentList.Expressions);
  if (args.length < 5) throw new KqlError('binding', 'activity_counts_metrics needs IdColumn, TimelineColumn, Start, End, Step', span);
  const column = (e: BridgeObject): number => {
    const x = lowerExpr(lw, e, input.schema);
    if (x.k !== 'col') throw new KqlError('binding', 'activity_counts_metrics expects a column here', spanOf(e));
    return x.index;
  };
  const step = lowerExpr(lw, args[4], null);
  if (step.type !== 'timespan') throw new UnsupportedError('activity_counts_metrics with a non-timespan step', spanOf(args[4]));
  if (input.schema[column(args[1])]!.type !== 'datetime') {
    throw new UnsupportedError('activity_counts_metrics over a non-datetime timeline', spanOf(args[1]));
  }
  return {
    op: 'activityCountsMetrics',
    input,
    idColumn: column(args[0]),
    timeColumn: column(args[1]),
    start: lowerExpr(lw, args[2], null),
    end: lowerExpr(lw, args[3], null),
    step,
    dims: args.slice(5).map(column),
    schema,
  };
}

/** The inputs of a union (the piped input first) and the names `withsource` reports for them. */
export function unionLegs(lw: Lowerer, op: BridgeObject, input: Plan | null): { legs: Plan[]; legNames: string[] } {
  const legs: Plan[] = [];
  const legNames: string[] = [];
  if (input) {
    legs.push(input);
    legNames.push('union_arg0');
  }
  for (const e of listElements(op.Expressions)) {
    if (className(e) === 'WildcardedName') throw new UnsupportedError('union with a wildcard table name', spanOf(e));
    legs.push(lw.lowerTabular(e));
    legNames.push(legName(e) ?? `union_arg${legNames.length}`);
  }
  return { legs, legNames };
}

/** A leg's `withsource` name: a table name, or the name a trailing `| as T` gives it (as-operator doc). */
function legName(e: BridgeObject): string | undefined {
  let node = e;
  while (className(node) === 'ParenthesizedExpression') node = node.Expression;
  if (className(node) === 'NameReference') return nameText(node);
  if (className(node) === 'PipeExpression' && className(node.Operator) === 'AsOperator') return nameText(node.Operator.Name);
  return undefined;
}

export function lowerUnion(lw: Lowerer, op: BridgeObject, input: Plan | null, schema: Schema): Plan {
  const span = spanOf(op);
  const kind = (parameterText(op.Parameters, 'kind') ?? 'outer').toLowerCase();
  if (kind !== 'outer') throw new UnsupportedError(`union kind=${kind}`, span);
  // isfuzzy=true: legs that do not resolve were dropped before binding (fuzzy-union.ts).
  const withsource = parameterText(op.Parameters, 'withsource');
  const { legs, legNames } = unionLegs(lw, op, input);
  const sourceIndex = withsource ? schema.findIndex((c) => c.name === withsource) : -1;
  const mapping = unionMapping(legs, schema, sourceIndex);
  return {
    op: 'union',
    inputs: legs,
    mapping,
    sourceColumn: withsource ? { names: legNames } : undefined,
    schema,
  };
}

/**
 * For each leg, the leg column each output column takes (-1: none). union-operator doc: a name
 * with several types becomes one column per type, `name_type`. Every distinct (name, type) gets
 * one output name, in order of appearance; a name already produced by another (name, type) gets
 * a numeric suffix, as the binder names them (View_1's x:long is x_long, View_3's own x_long
 * column x_long1), so that no two leg columns land in one output column.
 */
function unionMapping(legs: readonly Plan[], schema: Schema, sourceIndex: number): number[][] {
  const types = new Map<string, Set<string>>();
  for (const leg of legs) for (const c of leg.schema) (types.get(c.name) ?? types.set(c.name, new Set()).get(c.name)!).add(c.type);
  const nameOf = new Map<string, string>(); // `${name}\u0000${type}` -> output name
  const taken = new Set<string>();
  for (const leg of legs) {
    for (const c of leg.schema) {
      const key = `${c.name}\u0000${c.type}`;
      if (nameOf.has(key)) continue;
      const base = types.get(c.name)!.size > 1 ? `${c.name}_${c.type}` : c.name;
      let name = base;
      for (let k = 1; taken.has(name); k++) name = `${base}${k}`;
      taken.add(name);
      nameOf.set(key, name);
    }
  }
  return legs.map((leg) =>
    schema.map((out, oi) => (oi === sourceIndex ? -1 : leg.schema.findIndex((c) => nameOf.get(`${c.name}\u0000${c.type}`) === out.name))),
  );
}

function lowerMvExpand(lw: Lowerer, op: BridgeObject, input: Plan, schema: Schema): Plan {
  const K = kustoLanguage();
  const span = spanOf(op);
  // mv-expand-operator doc: `kind=` (and the older `bagexpansion=`) choose bag or array expansion.
  const bag = (parameterText(op.Parameters, 'kind') ?? parameterText(op.Parameters, 'bagexpansion') ?? 'bag').toLowerCase();
  if (bag !== 'bag' && bag !== 'array') throw new UnsupportedError(`mv-expand bagexpansion=${bag}`, span);
  const indexName = parameterText(op.Parameters, 'with_itemindex');
  const expansions = listElements(op.Expressions).map((m) => {
    let e = className(m) === 'MvExpandExpression' ? m.Expression : m;
    let name: string;
    if (className(e) === 'SimpleNamedExpression') {
      name = nameText(e.Name);
      e = e.Expression;
    } else {
      name = (K.KustoFacts.GetExpressionResultName(e, '') as string) || '';
    }
    const target = schema.findIndex((c) => c.name === name);
    if (target < 0) throw new UnsupportedError('mv-expand of an unnamed expression', spanOf(m));
    // `to typeof(T)`: the binder already gave the output column its type T.
    const toType = m.ToTypeOf ? schema[target]!.type : undefined;
    return { expr: lowerExpr(lw, e, input.schema), target, toType };
  });
  const targets = new Set(expansions.map((x) => x.target));
  const itemIndexColumn = indexName ? schema.findIndex((c) => c.name === indexName) : undefined;
  const passthrough = schema.map((c, i) =>
    targets.has(i) || i === itemIndexColumn ? -1 : input.schema.findIndex((ic) => ic.name === c.name),
  );
  const limitNode = op.RowLimitClause?.RowLimit;
  const limit = limitNode ? Number(lowerExpr(lw, limitNode, null).k === 'lit' ? (lowerExpr(lw, limitNode, null) as { value: Value }).value : NaN) : undefined;
  return {
    op: 'mvexpand',
    input,
    expansions,
    passthrough,
    bagExpansion: bag as 'bag' | 'array',
    itemIndexColumn,
    limit,
    schema,
  };
}

const DOTNET_TYPES: Record<string, string> = {
  bool: 'System.Boolean', int: 'System.Int32', long: 'System.Int64', real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal', string: 'System.String', datetime: 'System.DateTime',
  timespan: 'System.TimeSpan', guid: 'System.Guid', dynamic: 'System.Object',
};

/** getschema-operator doc: ColumnName, ColumnOrdinal, DataType (.NET type), ColumnType (Kusto type). */
function getschemaRows(schema: Schema): Value[][] {
  return schema.map((c, i) => [c.name, i, DOTNET_TYPES[c.type]!, c.type]);
}

export type { AggregateCall };
