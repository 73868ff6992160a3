/**
 * A compiled query run with ClickHouse: the plan split (translate.ts), the pushed parts read
 * through their SQL, the rest on our executor. What --explain prints.
 */
import { compiledFromPlan, type CompiledQuery } from '../kql/engine.ts';
import { newRunContext } from '../kql/exec/context.ts';
import type { TableSource } from '../kql/scan.ts';
import type { ClickHouseConnection } from './connection.ts';
import { sqlSource } from './sql-source.ts';
import { tableSql, type TableLayout } from './table.ts';
import { splitPlan, type PushTarget, type Split } from './translate.ts';
import { datetimeInRange, datetimeSql, identSql, MAX_DATETIME, MIN_DATETIME } from './values.ts';

export function pushTarget(layout: TableLayout, database: string): PushTarget {
  const keys = new Set([layout.partitionDay, ...layout.orderBy]);
  return { table: layout.name, from: `${tableSql(database, layout)} FINAL`, nullable: (c) => !keys.has(c) };
}

/**
 * The target limited to rows whose TimeGenerated lies in [from, to] (hunt's time range, docs/hunting.md):
 * pushed SQL then reads that cut, as the local plan reads the range-limited table.
 */
export function timeRangeTarget(target: PushTarget, layout: TableLayout, range: { from: bigint; to: bigint }): PushTarget {
  const t = identSql(layout.partitionDay);
  const bound = (v: bigint, op: string) => (datetimeInRange(v) ? [`${t} ${op} ${datetimeSql(v)}`] : []);
  const where = [...bound(range.from, '>='), ...bound(range.to, '<=')];
  // A bound outside DateTime64's range excludes nothing that the table can hold, except a `from` past its end.
  if (range.from >= MAX_DATETIME || range.to < MIN_DATETIME) where.push('0');
  return where.length === 0 ? target : { ...target, from: `(SELECT * FROM ${target.from} WHERE ${where.join(' AND ')})` };
}

export interface PushedRun {
  /** The local part, reading the pushed parts' placeholder tables. */
  readonly compiled: CompiledQuery;
  /** Tables for the run: the placeholders (add the query's other tables). */
  readonly tables: Map<string, TableSource>;
  readonly split: Split;
}

/** The split of `compiled` for a run at `now` (now() and ago() are sent as literals of this run). */
export function pushDown(compiled: CompiledQuery, conn: ClickHouseConnection, target: PushTarget, now: bigint): PushedRun {
  const effectiveNow = compiled.properties.query_now ?? now;
  const split = splitPlan(compiled.plan, target, newRunContext(effectiveNow, new Map()));
  const tables = new Map<string, TableSource>();
  for (const p of split.pushed) tables.set(p.table, sqlSource(conn, p.sql, p.schema));
  return { compiled: compiledFromPlan(compiled.text, split.plan, compiled.properties), tables, split };
}

/** The split as text, for --explain. */
export function describeSplit(split: Split): string {
  const lines: string[] = [];
  if (split.pushed.length === 0) lines.push('Nothing is pushed down to ClickHouse: the whole query runs locally over the table read from ClickHouse.');
  for (const p of split.pushed) {
    lines.push(`ClickHouse computes ${p.table} (${p.operators.join(' | ')}):`, `  ${p.sql}`);
  }
  lines.push('Locally (trailhound executor):', ...describePlan(split.plan).map((l) => `  ${l}`));
  return `${lines.join('\n')}\n`;
}

function describePlan(plan: import('../kql/plan/plan.ts').Plan, depth = 0, seen = new Set<unknown>()): string[] {
  const p = plan as unknown as Record<string, unknown> & { op: string; table?: string };
  const label = p.op === 'scan' ? `scan ${p.table}` : p.op;
  const out = [`${'  '.repeat(depth)}${label}${seen.has(plan) ? ' (shared, above)' : ''}`];
  if (seen.has(plan)) return out;
  seen.add(plan);
  for (const key of ['input', 'left', 'right']) {
    const child = p[key] as typeof plan | undefined;
    if (child && typeof child === 'object' && 'op' in child) out.push(...describePlan(child, depth + 1, seen));
  }
  if (plan.op === 'union') for (const c of plan.inputs) out.push(...describePlan(c, depth + 1, seen));
  return out;
}
