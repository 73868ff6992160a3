/**
 * Streaming partial aggregation (issue #15): a `summarize`, `count` or `distinct` straight over a
 * table, through `where` and `project`/`extend` only, is computed where the rows are read. Each
 * reading thread (the table's reader: worker threads and this one) runs the where/project chain
 * and the summarize over the rows of each file it reads and hands over that file's groups
 * (partial-accumulate.ts), not its rows; this thread merges the groups in file order
 * (GroupTable.merge). The rows are never sent between threads nor gathered here.
 *
 * The result is the one the row-by-row path gives, exactly: groups come out in first-appearance
 * order (files are merged in the order their rows would have come, each file's groups in the
 * order they appeared in it), and only aggregates whose states merge exactly take part
 * (Aggregator.merge or mergeStates: count, countif, dcount/dcountif (exact: a file's dictionary of
 * values mapped into the merging one's, the groups' ids united), sum/sumif of long and
 * timespan, min/max/minif/maxif, make_list/make_set/make_bag and their _if/_with_nulls variants,
 * arg_min/arg_max, take_any/take_anyif, percentile/percentiles). `distinct` is a summarize by its
 * columns without aggregates. Anything else — avg, stdev/variance, a sum of reals (floating-point
 * steps that depend on their order), a subquery, a shared node, a function whose call cannot be
 * rebuilt in another thread, a table without scanPartial — runs the row path as before.
 */
import { encodeValue, PlanCodecError } from '../cache/plan-codec.ts';
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';
import type { Batch } from '../types.ts';
import type { TableSource } from '../scan.ts';
import type { RunContext } from './context.ts';
import { hasNoSubquery, prepareExpr } from './eval.ts';
import type { OperatorMemory } from './memory.ts';
import { GroupTable, type PartialGroups, type SummarizeSpec } from './ops/summarize.ts';
import { applyChain, type Fragment } from './partial-accumulate.ts';
import { scanPredicates } from './pushdown.ts';
import { canMerge, makeAggregator } from './aggregates.ts';

/** The parts of an eligible plan, worked out once per plan node. */
interface Eligible {
  /** The summarize's input chain, top down, the scan last. */
  readonly chain: readonly Plan[];
  readonly scan: Plan & { op: 'scan' };
  readonly spec: SummarizeSpec;
}

const eligible = new WeakMap<Plan, Eligible | null>();

/** `count` as the summarize it is: count() without keys. */
function countSpec(plan: Plan & { op: 'count' }): SummarizeSpec {
  const call: AggregateCall = { name: 'count', args: [], outputs: [{ name: plan.schema[0]!.name, type: 'long' }], resultType: 'long' };
  return { keys: [], aggregates: [call] };
}

function exprsFree(exprs: readonly Expr[]): boolean {
  return exprs.every(hasNoSubquery);
}

/** The summarize a plan node is: `count` one without keys, `distinct` one without aggregates. */
function specOf(plan: Plan & { op: 'summarize' | 'count' | 'distinct' }): SummarizeSpec {
  if (plan.op === 'count') return countSpec(plan);
  if (plan.op === 'distinct') return { keys: plan.exprs, aggregates: [] };
  return { keys: plan.keys, aggregates: plan.aggregates };
}

function eligibility(plan: Plan & { op: 'summarize' | 'count' | 'distinct' }): Eligible | null {
  const spec = specOf(plan);
  const aggExprs = spec.aggregates.flatMap((a) => [...a.args, ...a.outputs.flatMap((o) => (o.expr ? [o.expr] : []))]);
  if (!exprsFree([...spec.keys, ...aggExprs])) return null;
  for (const a of spec.aggregates) {
    try {
      if (!canMerge(makeAggregator(a))) return null;
    } catch {
      return null; // unsupported here: the row path reports it
    }
  }
  const chain: Plan[] = [];
  let node = plan.input;
  for (;;) {
    if (node.shared) return null;
    chain.push(node);
    if (node.op === 'scan') break;
    if (node.op === 'where') {
      if (!exprsFree([node.predicate])) return null;
    } else if (node.op === 'project') {
      if (!exprsFree(node.exprs)) return null;
    } else return null;
    node = node.input;
  }
  return { chain, scan: node as Plan & { op: 'scan' }, spec };
}

/**
 * The summarize (or count) computed by its table's readers, or undefined when this plan cannot
 * be (then the caller runs the row path). `account` holds the merged groups.
 */
export function partialAggregate(plan: Plan & { op: 'summarize' | 'count' | 'distinct' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> | undefined {
  if (ctx.partialAggregation === false) return undefined;
  let e = eligible.get(plan);
  if (e === undefined) {
    e = eligibility(plan);
    eligible.set(plan, e);
  }
  if (e === null) return undefined;
  const source = ctx.tables.get(e.scan.table);
  if (!source?.scanPartial) return undefined;
  let fragment: Uint8Array;
  try {
    fragment = encodeValue({ chain: e.chain, spec: e.spec, now: ctx.now } satisfies Fragment);
  } catch (err) {
    if (err instanceof PlanCodecError) {
      eligible.set(plan, null); // a call that cannot be rebuilt in another thread
      return undefined;
    }
    throw err;
  }
  return run(e, source.scanPartial.bind(source), fragment, plan.schema, ctx, account);
}

async function run(
  e: Eligible,
  scanPartial: NonNullable<TableSource['scanPartial']>,
  fragment: Uint8Array,
  schema: Plan['schema'],
  ctx: RunContext,
  account: OperatorMemory,
): Promise<Batch> {
  for (const n of e.chain) if (n.op === 'where') await prepareExpr(n.predicate, ctx);
  // the wheres right above the scan are pushed down to the reader, as execute() does
  const wheres: (Plan & { op: 'where' })[] = [];
  for (let i = e.chain.length - 2; i >= 0 && e.chain[i]!.op === 'where'; i--) wheres.push(e.chain[i] as Plan & { op: 'where' });
  wheres.reverse();
  const columns = ctx.scanColumns?.get(e.scan);
  const table = new GroupTable(e.spec, account);
  const chunks = scanPartial({ predicates: [...e.scan.predicates, ...scanPredicates(wheres, e.scan, ctx)], ...(columns ? { columns } : {}) }, fragment);
  for await (const c of chunks) {
    if (ctx.checkpoint) await ctx.checkpoint();
    if (c.kind === 'groups') table.merge(c.groups as PartialGroups);
    else {
      const mark = ctx.memory.scratch;
      table.add(applyChain(e.chain, c.batch, ctx), ctx);
      ctx.memory.freeScratchSince(mark);
    }
  }
  return table.result(schema);
}
