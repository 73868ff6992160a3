/**
 * The plan split (docs/clickhouse.md, "Push-down"): each maximal part of a plan that starts at a
 * scan of the ClickHouse table and that ClickHouse computes exactly as our executor does becomes
 * one SQL query; the plan keeps everything above it, reading that query's rows through a
 * placeholder scan. Anything not proven equal stays local: a construct missing from this file is
 * not pushed, and the local executor runs it over the rows ClickHouse returns.
 *
 * Proofs, construct by construct (each with a differential test in test/clickhouse/pushdown.test.ts):
 *  - Row-independent expressions (literals, `let` constants, now(), ago(...)) are evaluated by
 *    our own executor, with the run's now(), and sent as literals: identical by construction.
 *  - Strings: see string-sql.ts (has, contains, startswith, endswith, ==, !=, =~, !~, in, in~).
 *  - Comparisons (==, !=, <, <=, >, >=) of datetimes, longs, ints, bools: the same total order on
 *    the same values (DateTime64(7) holds Kusto's ticks). Nulls (learn.microsoft.com/kusto/query/
 *    scalar-data-types/null-values): a relational operator with a null side is null in both; `==`
 *    with exactly one null side is false and `!=` true in Kusto, null in SQL, so those say so.
 *  - and / or / not: Kusto's three-valued logic is SQL's (null-values doc: `null and false` is
 *    false, `null or true` is true).
 *  - between: `x >= lo and x <= hi`, both ends included (between-operator doc).
 *  - isempty/isnotempty: "" for strings, null for other types (isempty-function doc); isnull of a
 *    string is false (strings are never null).
 *  - bin(datetime, span): floor on the ticks since 0001-01-01, as Kusto defines it (bin-function
 *    doc), computed on DateTime64's integer with the epoch offset added back, so a span that does
 *    not divide a day still floors at the same instants.
 *  - `count` (the operator): `SELECT count()`, one row also for no input.
 *  - summarize count(), countif(p) (rows where p is true: null is not counted, as in countIf),
 *    min/max of datetime/long/int (nulls ignored, null when all are null), by any pushed keys
 *    (null keys form one group in both). Not pushed: dcount/dcountif (Kusto's are HyperLogLog
 *    estimates; uniqExact is not), make_set/make_list (element order), sum/avg (overflow and
 *    floating-point order), arg_min/arg_max (ties: which row wins).
 * Row order: Kusto does not define the order of a table or of summarize's output; the rows come
 * back in ClickHouse's order, as from any other reader.
 */
import { isRowIndependent, stringLiterals } from '../kql/exec/pushdown.ts';
import { scanColumns } from '../kql/exec/projection.ts';
import { evalScalar } from '../kql/exec/eval.ts';
import type { RunContext } from '../kql/exec/context.ts';
import type { Expr } from '../kql/plan/expr.ts';
import type { AggregateCall, Plan } from '../kql/plan/plan.ts';
import { UNIX_EPOCH_TICKS, type ScalarType, type Schema, type Value } from '../kql/types.ts';
import { containsSql, endsWithSql, inSql, startsWithSql, termSql } from './string-sql.ts';
import { datetimeInRange, datetimeSql, identSql, outputSql, stringSql } from './values.ts';

/** The ClickHouse table a plan's scans of `table` read. */
export interface PushTarget {
  readonly table: string;
  /** The FROM clause: `db.table FINAL`. */
  readonly from: string;
  /** Whether a column may hold null (strings never do; key columns are declared non-null). */
  readonly nullable: (column: string) => boolean;
}

/** One pushed-down part: its SQL, and the placeholder table the local plan reads it from. */
export interface PushedQuery {
  readonly table: string;
  readonly sql: string;
  readonly schema: Schema;
  /** The operators it covers, from the scan up (for --explain). */
  readonly operators: readonly string[];
}

export interface Split {
  /** The plan with each pushed part replaced by a scan of its placeholder table. */
  readonly plan: Plan;
  readonly pushed: readonly PushedQuery[];
}

interface Col {
  readonly sql: string;
  readonly type: ScalarType;
  readonly nullable: boolean;
}

/** A SELECT being built: output columns over `from`, filtered by `where`. */
interface Select {
  readonly from: string;
  readonly cols: readonly Col[];
  readonly where: readonly string[];
  readonly operators: readonly string[];
}

export const PLACEHOLDER_PREFIX = '__clickhouse_';

export function splitPlan(plan: Plan, target: PushTarget, ctx: RunContext): Split {
  // ingestion_time() reads a row's delivery time, which only the table scan carries (table-source.ts).
  if (usesIngestionTime(plan)) return { plan, pushed: [] };
  const parts: { table: string; select: Select; node: Plan }[] = [];
  const done = new Map<Plan, Plan>();
  const rewrite = (node: Plan): Plan => {
    const hit = done.get(node);
    if (hit) return hit;
    let out: Plan;
    const select = selectOf(node, target, ctx);
    if (select) {
      const table = `${PLACEHOLDER_PREFIX}${parts.length + 1}`;
      out = { op: 'scan', table, predicates: [], schema: node.schema, ...(node.shared ? { shared: true } : {}) } as Plan;
      parts.push({ table, select, node: out });
    } else out = rewriteChildren(node, rewrite);
    done.set(node, out);
    return out;
  };
  const local = rewrite(plan);
  // Only the columns the local part reads cross over (the others come back as their null value).
  const read = scanColumns(local);
  const pushed = parts.map(({ table, select, node }): PushedQuery => {
    const wanted = read.get(node as Plan & { op: 'scan' });
    const cols = wanted === undefined ? select.cols : select.cols.map((c, i) => (wanted.has(node.schema[i]!.name) ? c : nullCol(c.type)));
    return { table, sql: finalSql({ ...select, cols }), schema: node.schema, operators: select.operators };
  });
  return { plan: local, pushed };
}

function nullCol(type: ScalarType): Col {
  return literal(type, null)!;
}

function rewriteChildren(node: Plan, rewrite: (p: Plan) => Plan): Plan {
  const n = node as Plan & Record<string, unknown>;
  let changed = false;
  const copy: Record<string, unknown> = { ...n };
  for (const key of ['input', 'left', 'right'] as const) {
    const child = n[key] as Plan | undefined;
    if (child && typeof child === 'object' && 'op' in child) {
      const r = rewrite(child);
      if (r !== child) {
        copy[key] = r;
        changed = true;
      }
    }
  }
  if (node.op === 'union') {
    const inputs = node.inputs.map(rewrite);
    if (inputs.some((p, i) => p !== node.inputs[i])) {
      copy.inputs = inputs;
      changed = true;
    }
  }
  return changed ? (copy as unknown as Plan) : node;
}

function finalSql(s: Select): string {
  const cols = s.cols.map((c, i) => `${outputSql(c.type, c.sql)} AS c${i}`);
  return `SELECT ${cols.join(', ')} FROM ${s.from}${s.where.length > 0 ? ` WHERE ${s.where.join(' AND ')}` : ''}`;
}

/** The node as a SELECT when it and everything under it down to the scan can be pushed. */
function selectOf(node: Plan, target: PushTarget, ctx: RunContext): Select | undefined {
  switch (node.op) {
    case 'scan':
      // Only the table ClickHouse holds: another table's chain (a union's other arm) stays local.
      if (node.table !== target.table) return undefined;
      return {
        from: target.from,
        cols: node.schema.map((c) => ({ sql: identSql(c.name), type: c.type, nullable: c.type !== 'string' && target.nullable(c.name) })),
        where: [],
        operators: [`scan ${node.table}`],
      };
    case 'where': {
      const input = selectOf(node.input, target, ctx);
      if (!input) return undefined;
      const p = exprSql(node.predicate, input.cols, ctx);
      if (!p || p.type !== 'bool') return undefined;
      return { ...input, where: [...input.where, p.sql], operators: [...input.operators, 'where'] };
    }
    case 'project': {
      const input = selectOf(node.input, target, ctx);
      if (!input) return undefined;
      const cols: Col[] = [];
      for (const [i, e] of node.exprs.entries()) {
        const c = exprSql(e, input.cols, ctx);
        if (!c || c.type !== node.schema[i]!.type || !outputable(c.type)) return undefined;
        cols.push(c);
      }
      return { ...input, cols, operators: [...input.operators, 'project'] };
    }
    case 'summarize': {
      const input = selectOf(node.input, target, ctx);
      if (!input) return undefined;
      const keys: Col[] = [];
      for (const k of node.keys) {
        const c = exprSql(k, input.cols, ctx);
        if (!c || !outputable(c.type)) return undefined;
        keys.push(c);
      }
      const aggs: Col[] = [];
      for (const a of node.aggregates) {
        const c = aggregateSql(a, input.cols, ctx);
        if (!c) return undefined;
        aggs.push(c);
      }
      const all = [...keys, ...aggs];
      if (all.length !== node.schema.length) return undefined;
      // Aliases unique to this level: ClickHouse resolves an alias before a column of the same name.
      const level = input.operators.filter((o) => o === 'summarize').length;
      const alias = (i: number) => `g${level}_${i}`;
      const inner =
        `SELECT ${all.map((c, i) => `${c.sql} AS ${alias(i)}`).join(', ')} FROM ${input.from}` +
        `${input.where.length > 0 ? ` WHERE ${input.where.join(' AND ')}` : ''}` +
        `${keys.length > 0 ? ` GROUP BY ${keys.map((_c, i) => alias(i)).join(', ')}` : ''}`;
      return {
        from: `(${inner})`,
        cols: all.map((c, i) => ({ sql: alias(i), type: node.schema[i]!.type, nullable: c.nullable })),
        where: [],
        operators: [...input.operators, 'summarize'],
      };
    }
    case 'count': {
      // `T | count`: one row, one long column (count-operator doc), also for an empty input.
      const input = selectOf(node.input, target, ctx);
      if (!input || node.schema.length !== 1 || node.schema[0]!.type !== 'long') return undefined;
      const inner = `SELECT count() AS n FROM ${input.from}${input.where.length > 0 ? ` WHERE ${input.where.join(' AND ')}` : ''}`;
      return { from: `(${inner})`, cols: [{ sql: 'n', type: 'long', nullable: false }], where: [], operators: [...input.operators, 'count'] };
    }
    default:
      return undefined;
  }
}

function outputable(t: ScalarType): boolean {
  return t === 'string' || t === 'datetime' || t === 'bool' || t === 'long' || t === 'int';
}

function aggregateSql(a: AggregateCall, cols: readonly Col[], ctx: RunContext): Col | undefined {
  if (a.outputs.length !== 1) return undefined;
  switch (a.name) {
    case 'count':
      return a.args.length === 0 ? { sql: 'count()', type: 'long', nullable: false } : undefined;
    case 'countif': {
      const p = a.args.length === 1 ? exprSql(a.args[0]!, cols, ctx) : undefined;
      return p && p.type === 'bool' ? { sql: `countIf(${p.sql})`, type: 'long', nullable: false } : undefined;
    }
    case 'min':
    case 'max': {
      const x = a.args.length === 1 ? exprSql(a.args[0]!, cols, ctx) : undefined;
      if (!x || !['datetime', 'long', 'int'].includes(x.type) || x.type !== a.resultType) return undefined;
      // An empty input gives no group, or (without keys) Kusto's null: minOrNull/maxOrNull.
      return { sql: `${a.name}OrNull(${x.sql})`, type: x.type, nullable: true };
    }
    default:
      return undefined;
  }
}

const COMPARE: Record<string, string> = { '==': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
const ORDERED: ReadonlySet<ScalarType> = new Set(['datetime', 'long', 'int']);

type StringOp = (hay: string, needle: string, caseSensitive: boolean) => string | undefined;
const STRING_OPS: Record<string, StringOp> = {
  has: (h, n, cs) => termSql(h, n, cs, 'term'),
  hasprefix: (h, n, cs) => termSql(h, n, cs, 'prefix'),
  hassuffix: (h, n, cs) => termSql(h, n, cs, 'suffix'),
  contains: containsSql,
  startswith: startsWithSql,
  endswith: endsWithSql,
};

function literal(type: ScalarType, v: Value): Col | undefined {
  if (v === null) {
    if (type === 'string') return { sql: "''", type, nullable: false };
    const t = { datetime: "Nullable(DateTime64(7, 'UTC'))", bool: 'Nullable(Bool)', long: 'Nullable(Int64)', int: 'Nullable(Int32)' }[type as string];
    return t ? { sql: `CAST(NULL AS ${t})`, type, nullable: true } : undefined;
  }
  switch (type) {
    case 'string': return { sql: stringSql(v as string), type, nullable: false };
    case 'datetime': return datetimeInRange(v as bigint) ? { sql: datetimeSql(v as bigint), type, nullable: false } : undefined;
    case 'bool': return { sql: v ? 'true' : 'false', type, nullable: false };
    case 'long': return { sql: `toInt64(${String(v)})`, type, nullable: false };
    case 'int': return { sql: `toInt32(${String(v)})`, type, nullable: false };
    case 'timespan': return { sql: `toInt64(${String(v)})`, type, nullable: false };
    default: return undefined;
  }
}

const bool = (sql: string, nullable: boolean): Col => ({ sql, type: 'bool', nullable });

function exprSql(e: Expr, cols: readonly Col[], ctx: RunContext): Col | undefined {
  if (e.k === 'lit' || (e.k === 'call' && isRowIndependent(e))) {
    let v: Value;
    try {
      v = evalScalar(e, ctx);
    } catch {
      return undefined; // the local executor raises the error, as it would have
    }
    return literal(e.type, v);
  }
  switch (e.k) {
    case 'col': {
      const c = cols[e.index];
      return c && c.type === e.type ? { ...c, sql: /^(`[^`]*`|g\d+_\d+)$/.test(c.sql) ? c.sql : `(${c.sql})` } : undefined;
    }
    case 'and':
    case 'or': {
      const a = exprSql(e.args[0], cols, ctx);
      const b = exprSql(e.args[1], cols, ctx);
      if (!a || !b || a.type !== 'bool' || b.type !== 'bool') return undefined;
      return bool(`(${a.sql} ${e.k === 'and' ? 'AND' : 'OR'} ${b.sql})`, a.nullable || b.nullable);
    }
    case 'call':
      return callSql(e, cols, ctx);
    default:
      return undefined;
  }
}

function callSql(e: Expr & { k: 'call' }, cols: readonly Col[], ctx: RunContext): Col | undefined {
  const name = e.name;
  const args = () => {
    const out: Col[] = [];
    for (const a of e.args) {
      const c = exprSql(a, cols, ctx);
      if (!c) return undefined;
      out.push(c);
    }
    return out;
  };
  if (name === 'not') {
    const [x] = args() ?? [];
    return x && x.type === 'bool' && e.args.length === 1 ? bool(`(NOT ${x.sql})`, x.nullable) : undefined;
  }
  if (name in COMPARE && e.args.length === 2) {
    const [a, b] = args() ?? [];
    if (!a || !b) return undefined;
    const ok =
      (a.type === b.type && (ORDERED.has(a.type) || ((name === '==' || name === '!=') && (a.type === 'string' || a.type === 'bool')))) ||
      (ORDERED.has(a.type) && ORDERED.has(b.type) && a.type !== 'datetime' && b.type !== 'datetime');
    if (!ok) return undefined;
    const plain = `(${a.sql} ${COMPARE[name]} ${b.sql})`;
    if ((name === '==' || name === '!=') && (a.nullable || b.nullable)) {
      // Kusto: `==` with exactly one null side is false and `!=` true; both null give null
      // (null-values doc); SQL gives null for either.
      const one = name === '==' ? 'false' : 'true';
      return bool(`if(isNull(${a.sql}) OR isNull(${b.sql}), if(isNull(${a.sql}) AND isNull(${b.sql}), CAST(NULL AS Nullable(Bool)), ${one}), ${plain})`, true);
    }
    return bool(plain, a.nullable || b.nullable);
  }
  if ((name === '=~' || name === '!~') && e.args.length === 2) {
    const [a, b] = args() ?? [];
    if (!a || !b || a.type !== 'string' || b.type !== 'string') return undefined;
    return bool(`(lower(${a.sql}) ${name === '=~' ? '=' : '!='} lower(${b.sql}))`, false);
  }
  if (name === 'in' || name === '!in' || name === 'in~' || name === '!in~') {
    const hay = exprSql(e.args[0]!, cols, ctx);
    const values = stringLiterals(e.args.slice(1));
    if (!hay || hay.type !== 'string' || !values) return undefined;
    const sql = inSql(hay.sql, values, !name.endsWith('~'));
    return bool(name.startsWith('!') ? `(NOT ${sql})` : sql, false);
  }
  const m = /^(!?)(has|hasprefix|hassuffix|contains|startswith|endswith)(_cs)?$/.exec(name);
  if (m && e.args.length === 2) {
    const hay = exprSql(e.args[0]!, cols, ctx);
    const needle = e.args[1]!;
    if (!hay || hay.type !== 'string' || needle.k !== 'lit' || typeof needle.value !== 'string') return undefined;
    const sql = STRING_OPS[m[2]!]!(hay.sql, needle.value, m[3] !== undefined);
    return sql === undefined ? undefined : bool(m[1] ? `(NOT ${sql})` : sql, false);
  }
  if ((name === 'between' || name === '!between') && e.args.length === 3) {
    const [x, lo, hi] = args() ?? [];
    if (!x || !lo || !hi || !ORDERED.has(x.type) || lo.type !== x.type || hi.type !== x.type) return undefined;
    const sql = `(${x.sql} >= ${lo.sql} AND ${x.sql} <= ${hi.sql})`;
    return bool(name === 'between' ? sql : `(NOT ${sql})`, x.nullable || lo.nullable || hi.nullable);
  }
  if ((name === 'isempty' || name === 'isnotempty' || name === 'isnull' || name === 'isnotnull') && e.args.length === 1) {
    const [x] = args() ?? [];
    if (!x || !outputable(x.type)) return undefined;
    const positive = name === 'isempty' || name === 'isnull';
    if (x.type === 'string') {
      if (name === 'isnull' || name === 'isnotnull') return bool(positive ? 'false' : 'true', false);
      return bool(`(${x.sql} ${positive ? '=' : '!='} '')`, false);
    }
    return bool(`${positive ? 'isNull' : 'isNotNull'}(${x.sql})`, false);
  }
  if (name === 'bin' && e.args.length === 2 && e.type === 'datetime') {
    const [x] = args() ?? [];
    const span = e.args[1]!;
    if (!x || x.type !== 'datetime' || x.nullable || span.k !== 'lit' || span.type !== 'timespan' || typeof span.value !== 'bigint' || span.value <= 0n) return undefined;
    const s = span.value.toString();
    const epoch = UNIX_EPOCH_TICKS.toString();
    return { sql: `reinterpret(toInt64(intDiv(reinterpretAsInt64(${x.sql}) + ${epoch}, ${s}) * ${s} - ${epoch}), 'DateTime64(7, \\'UTC\\')')`, type: 'datetime', nullable: false };
  }
  return undefined;
}

function usesIngestionTime(plan: Plan): boolean {
  const seen = new Set<object>();
  const stack: unknown[] = [plan];
  while (stack.length > 0) {
    const x = stack.pop();
    if (!x || typeof x !== 'object' || seen.has(x)) continue;
    seen.add(x);
    if ((x as { k?: string }).k === 'ingestionTime') return true;
    for (const [key, v] of Object.entries(x)) if (key !== 'fn' && key !== 'schema' && v && typeof v === 'object') stack.push(v);
  }
  return false;
}
