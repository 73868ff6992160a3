/**
 * Lowers the official binder's tree into our typed plan. Column names and types of every
 * operator's output come from the binder (it implements Kusto's naming rules exactly); this
 * module decides what computes each column.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { Schema } from '../types.ts';
import { className, items, kustoLanguage, type BridgeObject } from './bridge.ts';
import { GET_WATCHLIST } from './catalog.ts';
import { hasScalarFunction, lookupScalarFunction } from '../functions/index.ts';
import { call, lit, listElements, lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { lowerOperator } from './lower-operators.ts';
import { lowerSource } from './lower-sources.ts';
import { Scope } from './scope.ts';
import { isTableType, scalarTypeName, scalarTypeOf, schemaOf } from './types.ts';
import { literalFromText } from './literals.ts';
import { withProperty, type OptionValue, type RequestProperties } from '../request-properties.ts';
import type { Visualization } from '../visualization.ts';
import { finalRender, renderVisualization } from './render.ts';

export interface LowerOptions {
  /** Names of the catalog's tables, so that a reference becomes a scan. */
  readonly tables: ReadonlySet<string>;
}

export class Lowerer {
  scope: Scope;
  /**
   * Aggregate calls inside a summarize expression (`100.0 * countif(p) / count()`), each already
   * computed into a column of the summarize: lowerExpr reads that column instead.
   */
  readonly aggregateColumns = new Map<BridgeObject, Expr>();
  /** Request properties of the `set` statements before the query's result statement. */
  properties: RequestProperties = {};
  /** The result statement's final `render`, which the result's table does not show (render-operator doc). */
  visualization: Visualization | undefined;

  constructor(readonly options: LowerOptions) {
    this.scope = new Scope();
  }

  /** The plan of a whole query block: its let statements, then its last tabular statement. */
  lowerQuery(root: BridgeObject): Plan {
    let result: Plan | undefined;
    // set-statement doc: a set statement affects only the tabular statements that follow it.
    let pending: RequestProperties = {};
    for (const stmt of listElements(root.Statements)) {
      if (className(stmt) === 'SetOptionStatement') {
        pending = this.lowerSet(stmt, pending);
        continue;
      }
      const p = this.lowerStatement(stmt);
      if (p) {
        result = p;
        this.properties = pending;
        const render = finalRender(stmt.Expression);
        this.visualization = render ? renderVisualization(render) : undefined;
      }
    }
    if (!result) throw new KqlError('binding', 'the query has no tabular expression statement');
    return result;
  }

  /** `set Name [= Value]` (set-statement doc): a flag without a value is true. */
  private lowerSet(stmt: BridgeObject, props: RequestProperties): RequestProperties {
    const name = nameText(stmt.Name);
    const node = stmt.ValueClause?.Expression;
    let value: OptionValue;
    if (!node) value = { type: 'none', value: true };
    else if (className(node) === 'NameReference') value = { type: 'identifier', value: nameText(node) };
    else {
      const e = lowerExpr(this, node, null);
      const folded = e.k === 'call' && e.name === '-' && e.args.length === 1 && e.args[0]!.k === 'lit' ? e.fn([e.args[0]!.value], { now: 0n }) : undefined;
      if (e.k === 'lit') value = { type: e.type, value: e.value };
      else if (folded !== undefined) value = { type: e.type, value: folded };
      else throw new KqlError('binding', `set ${name}: the value must be a literal`, spanOf(node));
    }
    return withProperty(props, name, value, spanOf(stmt));
  }

  private lowerStatement(stmt: BridgeObject): Plan | undefined {
    const cls = className(stmt);
    if (cls === 'LetStatement') {
      this.lowerLet(stmt);
      return undefined;
    }
    if (cls === 'ExpressionStatement') {
      const e = stmt.Expression;
      if (!this.isTabular(e)) throw new UnsupportedError('a scalar expression statement (use print)', spanOf(e));
      return this.lowerTabular(e);
    }
    throw new UnsupportedError(`the ${cls.replace(/Statement$/, '').toLowerCase()} statement`, spanOf(stmt));
  }

  private lowerLet(stmt: BridgeObject): void {
    const name = nameText(stmt.Name);
    const value = stmt.Expression;
    // Function declarations are expanded at each call site by the binder.
    if (className(value) === 'FunctionDeclaration') return;
    if (this.isTabular(value)) {
      const plan = this.lowerTabular(value);
      this.scope.set(name, { kind: 'tabular', plan: share(plan) });
    } else {
      this.scope.set(name, { kind: 'scalar', expr: lowerExpr(this, value, null) });
    }
  }

  isTabular(node: BridgeObject): boolean {
    return isTableType(node.ResultType);
  }

  lowerTabular(node: BridgeObject): Plan {
    const cls = className(node);
    if (cls === 'PipeExpression') {
      // A pipe whose result is not a table (make-graph's graph, then graph-match...): name the
      // operator that leaves tables, not the missing table.
      if (!node.ResultType?.Columns) {
        const inner = className(node.Expression) === 'PipeExpression' && !node.Expression.ResultType?.Columns ? node.Expression : node;
        if (inner !== node) return this.lowerTabular(inner);
        const first = node.Operator.GetFirstToken?.();
        const opName = first?.Text ? String(first.Text) : className(node.Operator).replace(/Operator$/, '');
        throw new UnsupportedError(`the ${opName} operator`, spanOf(node.Operator));
      }
      const input = this.lowerTabular(node.Expression);
      return lowerOperator(this, node.Operator, input, schemaOf(node.ResultType, spanOf(node)));
    }
    if (cls === 'ParenthesizedExpression') return this.lowerTabular(node.Expression);
    return lowerSource(this, node);
  }

  /** A reference to a table, a tabular let or an `as` name. */
  lowerTableReference(node: BridgeObject): Plan {
    const name = nameText(node);
    const b = this.scope.get(name);
    if (b?.kind === 'tabular') return b.plan;
    if (this.options.tables.has(name)) {
      return { op: 'scan', table: name, predicates: [], schema: schemaOf(node.ResultType, spanOf(node)) };
    }
    // A view (a function without parameters) referenced by its bare name (union-operator doc:
    // `let View_1 = view () { print x=1 }; union View_1, View_2`).
    if (className(node.ReferencedSymbol) === 'FunctionSymbol' && typeof node.GetCalledFunctionBody === 'function') {
      return this.lowerTabularCall(node, null);
    }
    throw new KqlError('binding', `unknown table ${name}`, spanOf(node));
  }

  /** A scalar function call: built-in, or a user/stored function expanded by the binder. */
  lowerScalarCall(node: BridgeObject, row: Schema | null): Expr {
    const span = spanOf(node);
    const sym = node.ReferencedSymbol;
    const name: string = sym?.Name ?? nameText(node.Name ?? node);
    const body = className(node) === 'FunctionCallExpression' ? node.GetCalledFunctionBody() : null;
    if (body) {
      return this.withFunctionScope(node, null, row, () => {
        this.lowerBodyStatements(body);
        return lowerExpr(this, body.Expression, row);
      });
    }
    const args = className(node) === 'FunctionCallExpression' ? listElements(node.ArgumentList.Expressions) : [];
    // Name an unsupported function before its arguments are lowered (a tabular argument, as in
    // column_names_of(T), would otherwise fail first with a message that does not name it).
    if (name !== 'column_ifexists' && name !== 'ingestion_time' && !hasScalarFunction(name)) {
      throw new UnsupportedError(`the function ${name}()`, span);
    }
    if (className(node.ResultType) === 'TupleSymbol') {
      // array_sort_asc(a1, a2, ...) returns one column per array.
      if (!lookupScalarFunction(name).tuple) throw new UnsupportedError(`${name}() with several arrays (it returns several columns)`, span);
      // series_stats(x) and the like are columns of an extend/project/print (lower-tuple.ts).
      throw new UnsupportedError(`${name}() inside an expression (it returns several columns)`, span);
    }
    const type = scalarTypeOf(node.ResultType, span);
    switch (name) {
      case 'column_ifexists': {
        const colName = args[0] ? lowerExpr(this, args[0], row) : undefined;
        if (!colName || colName.k !== 'lit' || typeof colName.value !== 'string') {
          throw new KqlError('binding', 'column_ifexists() needs a constant column name', span);
        }
        const index = row ? row.findIndex((c) => c.name === colName.value) : -1;
        if (index >= 0) {
          const col = row![index]!;
          const ref: Expr = { k: 'col', index, type: col.type, name: col.name };
          // The binder types the call as its default's type; convert when the column differs.
          return col.type === type ? ref : convertTo(ref, type, span);
        }
        return lowerExpr(this, args[1], row);
      }
      case 'ingestion_time':
        return { k: 'ingestionTime', type: 'datetime' };
      default: {
        const lowered = args.map((a) => lowerExpr(this, a, row));
        return call(name, lowered, type, span);
      }
    }
  }

  /**
   * A built-in call that returns several columns (series_stats(x), ...), as one `dynamic` value
   * holding the tuple of its components (lower-tuple.ts reads them).
   */
  lowerTupleCall(node: BridgeObject, row: Schema | null): Expr {
    const span = spanOf(node);
    const name: string = node.ReferencedSymbol?.Name ?? nameText(node.Name ?? node);
    if (className(node) !== 'FunctionCallExpression' || node.GetCalledFunctionBody() || !hasScalarFunction(name)) {
      throw new UnsupportedError(`the function ${name}()`, span);
    }
    if (!lookupScalarFunction(name).tuple) throw new UnsupportedError(`${name}() with several arrays (it returns several columns)`, span);
    const args = listElements(node.ArgumentList.Expressions).map((a) => lowerExpr(this, a, row));
    return call(name, args, 'dynamic', span);
  }

  /** A tabular function call (user/stored function, or _GetWatchlist); `piped` is the invoke input. */
  lowerTabularCall(node: BridgeObject, piped: Plan | null): Plan {
    const span = spanOf(node);
    const sym = node.ReferencedSymbol;
    const name: string = sym?.Name ?? '';
    const schema = schemaOf(node.ResultType, span);
    if (name === GET_WATCHLIST && !piped) {
      const args = listElements(node.ArgumentList.Expressions);
      const alias = args[0] ? lowerExpr(this, args[0], null) : undefined;
      if (!alias || alias.k !== 'lit' || typeof alias.value !== 'string') {
        throw new KqlError('binding', '_GetWatchlist() needs a constant alias', span);
      }
      return { op: 'watchlist', alias: alias.value, schema };
    }
    const body = node.GetCalledFunctionBody();
    if (!body) throw new UnsupportedError(`the tabular function ${name}()`, span);
    return this.withFunctionScope(node, piped, null, () => {
      this.lowerBodyStatements(body);
      return this.lowerTabular(body.Expression);
    });
  }

  /**
   * A parameter's default value. The defaults of a stored function's declaration are not bound
   * (their literals have no type), so a literal is read with the parameter's declared type.
   */
  private lowerDefault(p: BridgeObject): Expr {
    const d = p.DefaultValue;
    const declared = [...items(p.DeclaredTypes)][0];
    const type = declared ? scalarTypeName(String(declared.Name)) : undefined;
    if (className(d) === 'LiteralExpression' && type && !scalarTypeName(String(d.ResultType?.Name ?? ''))) {
      return lit(type, literalFromText(String(d.Token.Text), type, spanOf(d).start, type === 'string' ? String(d.LiteralValue ?? '') : undefined));
    }
    return lowerExpr(this, d, null);
  }

  private lowerBodyStatements(body: BridgeObject): void {
    for (const stmt of listElements(body.Statements)) {
      if (className(stmt) === 'LetStatement') this.lowerLet(stmt);
      else throw new UnsupportedError(`a ${className(stmt)} inside a function body`, spanOf(stmt));
    }
  }

  /** Runs `f` in a new scope where the function's parameters are bound to the call's arguments. */
  private withFunctionScope<T>(node: BridgeObject, piped: Plan | null, row: Schema | null, f: () => T): T {
    const signature = node.ReferencedSignature;
    const params = [...items(signature.Parameters)];
    const args = className(node) === 'FunctionCallExpression' ? listElements(node.ArgumentList.Expressions) : [];
    const outer = this.scope;
    const inner = new Scope(outer);
    // Positional arguments first, then `name = value` ones for any parameter (function docs:
    // "user-defined functions", invoking with named arguments).
    const named = new Map<string, BridgeObject>();
    const positional: BridgeObject[] = [];
    for (const a of args) {
      if (className(a) === 'SimpleNamedExpression') named.set(String(a.Name.SimpleName), a.Expression);
      else positional.push(a);
    }
    let argIndex = 0;
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      const pname: string = p.Name;
      if (i === 0 && piped) {
        inner.set(pname, { kind: 'tabular', plan: piped });
        continue;
      }
      const arg = named.get(pname) ?? (argIndex < positional.length ? positional[argIndex++] : undefined);
      if (arg) {
        if (this.isTabular(arg)) inner.set(pname, { kind: 'tabular', plan: this.lowerTabular(arg) });
        else inner.set(pname, { kind: 'scalar', expr: lowerExpr(this, arg, row) });
      } else if (p.DefaultValue) {
        inner.set(pname, { kind: 'scalar', expr: this.lowerDefault(p) });
      }
    }
    this.scope = inner;
    try {
      return f();
    } finally {
      this.scope = outer;
    }
  }
}

/** Marks a plan as computed once per run however often it is referenced. */
export function share(plan: Plan): Plan {
  return plan.shared ? plan : ({ ...plan, shared: true } as Plan);
}

function convertTo(e: Expr, type: Expr['type'], span: ReturnType<typeof spanOf>): Expr {
  const fn = type === 'string' ? 'tostring' : type === 'long' ? 'tolong' : type === 'int' ? 'toint' : type === 'real' ? 'toreal'
    : type === 'bool' ? 'tobool' : type === 'datetime' ? 'todatetime' : type === 'timespan' ? 'totimespan' : type === 'dynamic' ? 'todynamic'
    : type === 'guid' ? 'toguid' : 'todecimal';
  return call(fn, [e], type, span);
}

export { lit, kustoLanguage };
