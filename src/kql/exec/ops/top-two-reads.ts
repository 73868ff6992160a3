/**
 * `top N by T` over a wide read, in two reads. A responder's "latest events",
 * `AWSCloudTrail | top 20 by TimeGenerated desc`, needs every column of 20 rows, but read in one
 * pass it maps every column of every record (25 s at 1M CloudTrail records, one thread). Instead:
 *
 *  1. the same input with only the sort keys (and what its `where`s test) gives the top N, and
 *     so the N-th row's first key t;
 *  2. the input read again under `where T >= t` (`<=` ascending), which the reader gets as a time
 *     bound and checks before it maps a record, gives the top N of the rows it keeps.
 *
 * Why the rows are the same: every row of the top N has a first key at or past t (the N-th row's,
 * with nulls placed last), so the filter keeps them all; it drops only rows that sort after the
 * N-th, and keeps the others in their input order, so the stable top N of what is left is the top
 * N of everything (top.ts), ties included. When nulls come first, t is used only if none of the N
 * rows is null: then no row of the input is. When the N-th row's key is null, or there are fewer
 * than N rows, there is no t and the second read is the plain one.
 *
 * Used only where it pays: a first key that is a datetime column of the scan (a time bound is what
 * readers check early), a scan read through `where`/`project` alone, and one that reads more
 * columns than WIDE_READ_COLUMNS.
 */
import { boundCall } from '../../functions/call-origin.ts';
import type { Expr } from '../../plan/expr.ts';
import { pushFiltersBelowProjections } from '../../plan/filter-pushdown.ts';
import type { Plan, SortKey } from '../../plan/plan.ts';
import type { Batch, Value } from '../../types.ts';
import type { RunContext } from '../context.ts';
import { hasNoSubquery } from '../eval.ts';
import { scanColumns } from '../projection.ts';

/**
 * A read of more columns than this maps each record whole: the CloudTrail reader's field scanner
 * reads up to 10 columns from a record's bytes (src/cloudtrail/check-first.ts), past that every
 * record is parsed.
 */
const WIDE_READ_COLUMNS = 10;
/** The second read fetches N whole rows: a responder's top 20 or 1,000, not a bulk export. */
const MAX_ROWS = 10_000;

export interface TwoReads {
  /** The first read: the input with only the keys' columns, and its keys (re-indexed). */
  readonly first: Plan;
  readonly firstKeys: readonly SortKey[];
  readonly firstContext: RunContext;
  /** The input under the first key's bound, for the second read. */
  second(bound: bigint): Plan;
}

/** The datetime scan column the first key is, traced down through projections; undefined if it is computed. */
function keyReachesScan(input: Plan, index: number): boolean {
  let node = input;
  let i = index;
  for (;;) {
    if (node.shared) return false;
    if (node.op === 'scan') return node.schema[i]?.type === 'datetime';
    if (node.op === 'where') {
      if (!hasNoSubquery(node.predicate)) return false;
      node = node.input;
      continue;
    }
    if (node.op === 'project') {
      if (!node.exprs.every(hasNoSubquery)) return false;
      const e = node.exprs[i];
      if (e?.k !== 'col') return false;
      i = e.index;
      node = node.input;
      continue;
    }
    return false;
  }
}

function scanUnder(input: Plan): Plan & { op: 'scan' } {
  let node = input;
  while (node.op !== 'scan') node = (node as { input: Plan }).input;
  return node;
}

/** The two reads of `top`, or undefined where one read is as good. */
export function twoReads(top: Plan & { op: 'top' }, n: number, ctx: RunContext): TwoReads | undefined {
  const first = top.keys[0];
  if (n < 1 || n > MAX_ROWS || first === undefined || first.expr.k !== 'col' || first.expr.type !== 'datetime') return undefined;
  if (!top.keys.every((k) => k.expr.k === 'col') || !keyReachesScan(top.input, first.expr.index)) return undefined;
  // no projection pushdown in this run (RunInput.readAllColumns): every read is whole anyway
  if (ctx.scanColumns === undefined) return undefined;
  const read = ctx.scanColumns.get(scanUnder(top.input));
  if (read !== undefined && read.size <= WIDE_READ_COLUMNS) return undefined;
  // the first read: the keys' columns only, each once
  const columns = [...new Set(top.keys.map((k) => (k.expr as Expr & { k: 'col' }).index))];
  const exprs: Expr[] = columns.map((i) => ({ k: 'col', index: i, type: top.input.schema[i]!.type, name: top.input.schema[i]!.name }));
  const firstRead: Plan = { op: 'project', input: top.input, exprs, schema: columns.map((i) => top.input.schema[i]!) };
  const firstKeys = top.keys.map((k) => {
    const e = k.expr as Expr & { k: 'col' };
    const at = columns.indexOf(e.index);
    return { ...k, expr: { ...e, index: at } };
  });
  const key = first.expr;
  return {
    first: firstRead,
    firstKeys,
    firstContext: { ...ctx, scanColumns: scanColumns(firstRead) },
    second: (bound) => {
      const predicate = boundCall(first.descending ? '>=' : '<=', [key, { k: 'lit', type: 'datetime', value: bound }], 'bool');
      return pushFiltersBelowProjections({ op: 'where', input: top.input, predicate, schema: top.input.schema });
    },
  };
}

/** The bound the first read's top rows give (their first key's column is column 0), or undefined: read everything. */
export function boundOf(rows: Batch, n: number, key: SortKey): bigint | undefined {
  if (rows.length < n) return undefined;
  const values: Value[] = rows.columns[0]!;
  const last = values[n - 1];
  if (typeof last !== 'bigint') return undefined;
  if (key.nullsFirst && values.some((v) => v === null)) return undefined;
  return last;
}
