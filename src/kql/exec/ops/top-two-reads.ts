/**
 * `top N by T` over a wide read, in two reads. A responder's "latest events",
 * `AWSCloudTrail | top 20 by TimeGenerated desc`, needs every column of 20 rows, but read in one
 * pass it maps every column of every record (25 s at 1M CloudTrail records, one thread). Instead:
 *
 *  1. the same input's first key alone (and what its `where`s test) gives t, the first key of
 *     the N-th row, as an aggregate (nth-key.ts) that the reading threads compute, so that only
 *     N keys per file cross threads;
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
import type { AggregateCall, Plan } from '../../plan/plan.ts';
import type { Batch, Value } from '../../types.ts';
import type { RunContext } from '../context.ts';
import { hasNoSubquery } from '../eval.ts';
import { NTH_KEY } from '../nth-key.ts';
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
  /** The first read: the N-th key (nth-key.ts), a summarize the readers can compute. */
  readonly first: Plan;
  readonly firstContext: RunContext;
  /** The input under the first key's bound, for the second read. */
  second(bound: bigint): Plan;
}

/**
 * The scan under `input` when its column `index` is a datetime column of that scan, traced down
 * through `where`s and projections (not computed); else undefined.
 */
function keyScan(input: Plan, index: number): (Plan & { op: 'scan' }) | undefined {
  let node = input;
  let i = index;
  for (;;) {
    if (node.shared) return undefined;
    if (node.op === 'scan') return node.schema[i]?.type === 'datetime' ? node : undefined;
    if (node.op === 'where') {
      if (!hasNoSubquery(node.predicate)) return undefined;
      node = node.input;
      continue;
    }
    if (node.op === 'project') {
      if (!node.exprs.every(hasNoSubquery)) return undefined;
      const e = node.exprs[i];
      if (e?.k !== 'col') return undefined;
      i = e.index;
      node = node.input;
      continue;
    }
    return undefined;
  }
}

/** The two reads of `top`, or undefined where one read is as good. */
export function twoReads(top: Plan & { op: 'top' }, n: number, ctx: RunContext): TwoReads | undefined {
  const first = top.keys[0];
  if (n < 1 || n > MAX_ROWS || first === undefined || first.expr.k !== 'col' || first.expr.type !== 'datetime') return undefined;
  const scan = keyScan(top.input, first.expr.index);
  // no projection pushdown in this run (RunInput.readAllColumns): every read is whole anyway
  if (scan === undefined || ctx.scanColumns === undefined) return undefined;
  const read = ctx.scanColumns.get(scan);
  if (read !== undefined && read.size <= WIDE_READ_COLUMNS) return undefined;
  // the first read: a summarize of the first key alone, computed in the reading threads
  const lit = (value: Value, type: 'long' | 'bool'): Expr => ({ k: 'lit', type, value });
  const nth: AggregateCall = {
    name: NTH_KEY,
    args: [first.expr, lit(BigInt(n), 'long'), lit(first.descending, 'bool'), lit(first.nullsFirst, 'bool')],
    outputs: [{ name: 'bound', type: 'datetime' }],
    resultType: 'datetime',
  };
  const firstRead: Plan = { op: 'summarize', input: top.input, keys: [], aggregates: [nth], schema: [{ name: 'bound', type: 'datetime' }] };
  const key = first.expr;
  return {
    first: firstRead,
    firstContext: { ...ctx, scanColumns: scanColumns(firstRead) },
    second: (bound) => {
      const predicate = boundCall(first.descending ? '>=' : '<=', [key, { k: 'lit', type: 'datetime', value: bound }], 'bool');
      return pushFiltersBelowProjections({ op: 'where', input: top.input, predicate, schema: top.input.schema });
    },
  };
}

/** The bound the first read gave (its one row), or undefined: read everything. */
export function boundOf(first: Batch): bigint | undefined {
  const v = first.length === 1 ? first.columns[0]![0] : undefined;
  return typeof v === 'bigint' ? v : undefined;
}
