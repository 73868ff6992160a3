/** Lowers bound scalar expressions of the syntax tree into plan expressions. */
import { KqlError, UnsupportedError, type Span } from '../errors.ts';
import { boundCall } from '../functions/call-origin.ts';
import { lookupScalarFunction } from '../functions/index.ts';
import type { Expr } from '../plan/expr.ts';
import { DynInt, DynTimespan, type Dyn, type ScalarType, type Schema, type Value } from '../types.ts';
import { toDyn } from '../exec/eval.ts';
import { parseJson } from '../values/dynamic.ts';
import { className, items, type BridgeObject } from './bridge.ts';
import { literalFromText } from './literals.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeOf, scalarTypeName } from './types.ts';

export function spanOf(node: BridgeObject): Span {
  return { start: node.TextStart, length: node.Width };
}

/** The expressions of a separated list (SyntaxList of SeparatedElement). */
export function listElements(list: BridgeObject): BridgeObject[] {
  return [...items(list)].map((sep: BridgeObject) => sep.Element);
}

export function lit(type: ScalarType, value: Value): Expr {
  return { k: 'lit', type, value };
}

/** A scalar call bound through the function registry. */
export function call(name: string, args: Expr[], type: ScalarType, span?: Span): Expr {
  // An unknown name fails here, outside the span-adding catch below, as an UnsupportedError.
  lookupScalarFunction(name);
  try {
    return { ...boundCall(name, args, type), span };
  } catch (e) {
    if (e instanceof KqlError && !e.span && span) throw new KqlError(e.kind, e.message, span);
    throw e;
  }
}

/** Column reference by name in a row schema. */
export function columnRef(row: Schema, name: string, span?: Span): Expr {
  const index = row.findIndex((c) => c.name === name);
  if (index < 0) throw new KqlError('binding', `unknown column ${name}`, span);
  return { k: 'col', index, type: row[index]!.type, name };
}

/** The name of a NameReference / NameDeclaration / bracketed name. */
export function nameText(node: BridgeObject): string {
  const cls = className(node);
  if (cls === 'NameReference' || cls === 'NameDeclaration') return node.SimpleName as string;
  if (node.SimpleName !== undefined) return node.SimpleName as string;
  throw new KqlError('binding', `expected a name, found ${node.ToString?.() ?? cls}`, spanOf(node));
}

const BINARY_AS_CALL = new Set([
  '+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '=~', '!~',
  'has', '!has', 'has_cs', '!has_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs',
  'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', 'contains', '!contains', 'contains_cs',
  '!contains_cs', 'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith',
  '!endswith', 'endswith_cs', '!endswith_cs', 'matches regex',
]);

export function lowerExpr(lw: Lowerer, node: BridgeObject, row: Schema | null): Expr {
  const cls = className(node);
  const span = spanOf(node);
  switch (cls) {
    case 'ParenthesizedExpression':
      return lowerExpr(lw, node.Expression, row);
    case 'LiteralExpression': {
      const type = scalarTypeOf(node.ResultType, span);
      const text: string = node.Token.Text;
      const decoded = type === 'string' ? String(node.LiteralValue ?? '') : undefined;
      return lit(type, literalFromText(text, type, span.start, decoded));
    }
    case 'CompoundStringLiteralExpression':
      // Adjacent string literals are one string ("Hello" ', ' @"world!": string data type page).
      return lit('string', String(node.LiteralValue ?? ''));
    case 'DynamicExpression': {
      const raw = node.LiteralValue;
      if (raw === null || raw === undefined) return lit('dynamic', null);
      // Plain JSON parses directly; typed values inside (datetime(...), 5m, guid(...)) need the tree.
      const v = parseJson(String(raw)) ?? dynFromSyntax(node.Expression);
      return lit('dynamic', v);
    }
    case 'NameReference':
      return lowerNameReference(lw, node, row);
    case 'BracketedExpression':
      return lowerExpr(lw, node.Expression, row);
    case 'BinaryExpression': {
      const op = String(node.Operator.Text).replace(/\s+/g, ' ').toLowerCase();
      const left = lowerExpr(lw, node.Left, row);
      const right = lowerExpr(lw, node.Right, row);
      if (op === 'and' || op === 'or') return { k: op, args: [left, right], type: 'bool' };
      const name = op === '<>' ? '!=' : op;
      if (!BINARY_AS_CALL.has(name)) throw new UnsupportedError(`the operator ${op}`, span);
      return call(name, [left, right], scalarTypeOf(node.ResultType, span), span);
    }
    case 'PrefixUnaryExpression': {
      const op = String(node.Operator.Text);
      const operand = lowerExpr(lw, node.Expression, row);
      // Fold `-5`, `-5m` into a literal so that constant arguments stay constant.
      if (operand.k === 'lit' && op === '-' && (typeof operand.value === 'bigint' || typeof operand.value === 'number')) {
        const v = operand.value;
        if (typeof v === 'bigint' && operand.type === 'long' && v === 2n ** 63n) return lit('long', -v);
      }
      return call(op === '-' ? 'unary-' : 'unary+', [operand], scalarTypeOf(node.ResultType, span), span);
    }
    case 'InExpression':
    case 'HasAnyExpression':
    case 'HasAllExpression': {
      const op = String(node.Operator.Text).toLowerCase();
      const left = lowerExpr(lw, node.Left, row);
      const elements = lowerListElements(lw, node.Right, row);
      return call(op, [left, ...elements], 'bool', span);
    }
    case 'BetweenExpression': {
      const op = String(node.Operator.Text).toLowerCase();
      const left = lowerExpr(lw, node.Left, row);
      const lo = lowerExpr(lw, node.Right.First, row);
      const hi = lowerExpr(lw, node.Right.Second, row);
      return call(op, [left, lo, hi], 'bool', span);
    }
    case 'PathExpression': {
      const target = lowerExpr(lw, node.Expression, row);
      // d.[param]: a key computed by an expression (parse-url-query doc example).
      if (className(node.Selector) === 'BracketedExpression') {
        const key = lowerExpr(lw, node.Selector.Expression, row);
        return call('__index', [target, key], scalarTypeOf(node.ResultType, span), span);
      }
      const key = nameText(node.Selector);
      return call('__getprop', [target, lit('string', key)], scalarTypeOf(node.ResultType, span), span);
    }
    case 'ElementExpression': {
      const target = lowerExpr(lw, node.Expression, row);
      const sel = lowerExpr(lw, node.Selector.Expression, row);
      return call('__index', [target, sel], scalarTypeOf(node.ResultType, span), span);
    }
    case 'FunctionCallExpression':
      return lw.aggregateColumns.get(node) ?? lw.lowerScalarCall(node, row);
    case 'ToScalarExpression': {
      // toscalar(2): a scalar argument is its own value (toscalar doc example, `let Step = toscalar(2)`).
      if (!lw.isTabular(node.Expression)) return lowerExpr(lw, node.Expression, row);
      const plan = lw.lowerTabular(node.Expression);
      if (plan.schema.length === 0) throw new KqlError('binding', 'toscalar() needs a column', span);
      return { k: 'scalarQuery', plan, type: plan.schema[0]!.type };
    }
    case 'TypeOfLiteralExpression': {
      const t = String(node.Types?.getItem?.(0)?.Element?.ToString?.() ?? '').trim();
      return lit('string', scalarTypeName(t) ?? t);
    }
    case 'StarExpression':
      throw new UnsupportedError('`*` as a function argument', span);
    default:
      throw new UnsupportedError(`the expression ${cls.replace(/Expression$/, '')} (${String(node.ToString?.() ?? '').trim().slice(0, 40)})`, span);
  }
}

/** Elements of `(a, b, c)` after `in`/`has_any`: scalars, dynamic arrays, or one tabular expression. */
function lowerListElements(lw: Lowerer, list: BridgeObject, row: Schema | null): Expr[] {
  const out: Expr[] = [];
  for (const el of listElements(list.Expressions)) {
    if (lw.isTabular(el)) {
      const plan = lw.lowerTabular(el);
      out.push({ k: 'columnList', plan, type: 'dynamic' });
    } else {
      out.push(lowerExpr(lw, el, row));
    }
  }
  return out;
}

function lowerNameReference(lw: Lowerer, node: BridgeObject, row: Schema | null): Expr {
  const span = spanOf(node);
  const name = nameText(node);
  const sym = node.ReferencedSymbol;
  const symKind = sym ? className(sym) : '';
  if (symKind === 'ColumnSymbol') {
    if (!row) throw new KqlError('binding', `column ${name} used outside a row context`, span);
    return columnRef(row, name, span);
  }
  if (symKind === 'FunctionSymbol') return lw.lowerScalarCall(node, row);
  const b = lw.scope.get(name);
  if (b?.kind === 'scalar') return b.expr;
  if (row && row.some((c) => c.name === name)) return columnRef(row, name, span);
  throw new KqlError('binding', `cannot resolve ${name} to a scalar value`, span);
}

/** A dynamic literal's value from its syntax: JSON objects and arrays holding Kusto literals. */
function dynFromSyntax(node: BridgeObject): Dyn {
  const cls = className(node);
  const span = spanOf(node);
  switch (cls) {
    case 'JsonObjectExpression': {
      const bag = new Map<string, Dyn>();
      for (const pair of listElements(node.Pairs)) {
        const keyText = String(pair.Name.Text);
        const key = keyText.startsWith('"') ? (JSON.parse(keyText) as string) : keyText.replace(/^'|'$/g, '');
        bag.set(key, dynFromSyntax(pair.Value));
      }
      return bag;
    }
    case 'JsonArrayExpression':
      return listElements(node.Values).map(dynFromSyntax);
    case 'LiteralExpression': {
      const text = String(node.Token.Text);
      if (text === 'null') return null;
      const type = node.ResultType ? scalarTypeOf(node.ResultType, span) : undefined;
      if (!type) throw new KqlError('syntax', `invalid value in a dynamic literal: ${text}`, span);
      const decoded = type === 'string' ? String(node.LiteralValue ?? '') : undefined;
      return toDyn(type, literalFromText(text, type, span.start, decoded));
    }
    case 'PrefixUnaryExpression': {
      const inner = dynFromSyntax(node.Expression);
      if (String(node.Operator.Text) !== '-') return inner;
      if (typeof inner === 'number') return -inner;
      if (typeof inner === 'bigint') return -inner;
      if (inner instanceof DynInt) return new DynInt(-inner.value);
      if (inner instanceof DynTimespan) return new DynTimespan(-inner.ticks);
      throw new KqlError('syntax', 'invalid negative value in a dynamic literal', span);
    }
    default:
      throw new UnsupportedError(`the value ${String(node.ToString?.() ?? cls).trim()} inside dynamic()`, span);
  }
}
