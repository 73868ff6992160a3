/** Runs a plan: a stream of column batches per node; blocking operators materialize. */
import { KqlError, RuntimeError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { Batch, Value } from '../types.ts';
import { activityCountsMetrics } from './ops/activity-counts-metrics.ts';
import { BATCH_SIZE, batchFromRows, batchOf, collectCharged, firstRows, replay, selectRows } from './batches.ts';
import type { RunContext } from './context.ts';
import { evalExpr, evalMask, evalScalar, prepareAll, prepareExpr } from './eval.ts';
import { selection } from './vector/mask.ts';
import { join, lookup } from './ops/join.ts';
import { mvExpand } from './ops/mv-expand.ts';
import { makeSeries } from './ops/make-series.ts';
import { topNested } from './ops/top-nested.ts';
import { mvApply, rowTableBatch } from './ops/mv-apply.ts';
import { bagUnpack } from './ops/bag-unpack.ts';
import { distinct, summarize } from './ops/summarize.ts';
import { sortBatch } from './ops/sort.ts';
import { topRows } from './ops/top.ts';
import { boundOf, twoReads } from './ops/top-two-reads.ts';
import { rangeSource, watchlistSource } from './ops/sources.ts';
import { union } from './ops/union.ts';
import { scanPredicates } from './pushdown.ts';
import { partialAggregate } from './partial.ts';
import { readExternalData } from '../external/read.ts';
import type { OperatorMemory } from './memory.ts';
import { markResident } from './memory-size.ts';

/**
 * Whether a batch has the columns its plan node declares. Not after `evaluate bag_unpack` without
 * a declared schema, whose columns come from the data: operators that pass rows through (where,
 * take) then keep the batch's own columns instead of the plan's.
 */
function sameWidth(b: Batch, plan: Plan): boolean {
  return b.columns.length === plan.schema.length;
}

/** Results of blocking operators longer than this go on in batches of BATCH_SIZE rows. */
const SPLIT_ROWS = 16 * BATCH_SIZE;

export function execute(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  const out = plan.shared ? replayShared(plan, ctx) : executeNode(plan, ctx);
  return ctx.checkpoint ? checked(out, ctx.checkpoint) : out;
}

/**
 * The stream, with the run's checkpoint before each batch is asked for and after it comes: every
 * node of the plan passes its batches through here, so a blocking operator consuming its input,
 * a scan and a `range` all stop within one batch of the deadline. The check reads the clock
 * itself: a run that never waits for I/O gives timers no chance to fire. A checkpoint may return
 * a promise, to let the process's other work (a server's other requests) in during a long run.
 */
async function* checked(stream: AsyncIterable<Batch>, checkpoint: () => void | Promise<void>): AsyncIterable<Batch> {
  const first = checkpoint();
  if (first) await first;
  for await (const b of stream) {
    const p = checkpoint();
    if (p) await p;
    yield b;
  }
}

/**
 * Materializes a shared node once per run (`as`, tabular `let`), then replays it. It is held,
 * and charged to the memory budget, until the run ends.
 */
async function* replayShared(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  let p = ctx.cache.get(plan) as Promise<Batch> | undefined;
  if (!p) {
    p = collectCharged(plan.schema, executeNode(plan, ctx), ctx.memory.operator('ExecuteAndCache'));
    ctx.cache.set(plan, p);
  }
  yield* replay(await p);
}

/** The whole output of `plan` in one batch, charged to `account` (the operator that holds it). */
export async function materialize(plan: Plan, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  return collectCharged(plan.schema, execute(plan, ctx), account);
}

/**
 * The batch a blocking operator makes, with the account its structures are charged to; undefined
 * for the other operators. What the account holds is released when the consumer asks for more
 * (it is done with the batch, or holds and charges it itself) or stops (executeNode).
 */
function blocking(plan: Plan, ctx: RunContext): { account: OperatorMemory; result: Promise<Batch> } | undefined {
  let account: OperatorMemory;
  let result: Promise<Batch>;
  switch (plan.op) {
    case 'summarize':
      account = ctx.memory.operator('Summarize');
      result = partialAggregate(plan, ctx, account) ?? summarize(plan, ctx, account);
      break;
    case 'distinct':
      account = ctx.memory.operator('Summarize');
      result = partialAggregate(plan, ctx, account) ?? distinct(plan, ctx, account);
      break;
    case 'join':
      result = join(plan, ctx, (account = ctx.memory.operator('HashJoin')));
      break;
    case 'lookup':
      result = lookup(plan, ctx, (account = ctx.memory.operator('HashJoin')));
      break;
    case 'sort':
      result = sorted(plan, ctx, (account = ctx.memory.operator('Sort')));
      break;
    case 'top':
      result = top(plan, ctx, (account = ctx.memory.operator('Top')));
      break;
    case 'activityCountsMetrics':
      result = activityCountsMetrics(plan, ctx, (account = ctx.memory.operator('ActivityCountsMetrics')));
      break;
    case 'makeSeries':
      result = makeSeries(plan, ctx, (account = ctx.memory.operator('MakeSeries')));
      break;
    case 'topNested':
      result = topNested(plan, ctx, (account = ctx.memory.operator('TopNested')));
      break;
    default:
      return undefined;
  }
  return { account, result };
}

async function sorted(plan: Plan & { op: 'sort' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  for (const k of plan.keys) await prepareExpr(k.expr, ctx);
  const all = await materialize(plan.input, ctx, account);
  // One batch: splitting it up only made a consumer that collects it copy it back together.
  return sortBatch(all, plan.keys, ctx, sameWidth(all, plan) ? plan.schema : all.schema, account);
}

async function top(plan: Plan & { op: 'top' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  for (const k of plan.keys) await prepareExpr(k.expr, ctx);
  await prepareExpr(plan.count, ctx); // `top toscalar(...) by x`
  const n = takeCount(evalScalar(plan.count, ctx));
  // a wide read: the keys first, then only the rows at or past the N-th key (top-two-reads.ts)
  let input = plan.input;
  const two = twoReads(plan, n, ctx);
  if (two !== undefined) {
    const bound = boundOf(await materialize(two.first, two.firstContext, account));
    account.release();
    if (bound !== undefined) input = two.second(bound);
  }
  return topRows(execute(input, ctx), plan.keys, n, ctx, plan.schema, account);
}

async function* executeNode(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  const held = blocking(plan, ctx);
  if (held) {
    try {
      const result = await held.result;
      // A large result (a join's pairs, a sort of everything) goes on in batches, so that what
      // follows evaluates its expressions a batch at a time (memory bounded by a batch, not by
      // the result) and a `take` stops it early. A smaller one stays whole: a consumer that
      // collects it would only copy it back together.
      if (result.length > SPLIT_ROWS) yield* replay(result);
      else yield result;
    } finally {
      held.account.release();
    }
    return;
  }
  switch (plan.op) {
    case 'scan': {
      const source = ctx.tables.get(plan.table);
      if (!source) throw new KqlError('runtime', `no data was given for table ${plan.table}`);
      yield* source.scan({ predicates: plan.predicates, ...columnsOf(plan, ctx) });
      return;
    }
    case 'watchlist':
      yield watchlistSource(plan, ctx);
      return;
    case 'values':
      // datatable rows are the plan's own values.
      yield markResident(batchFromRows(plan.schema, plan.rows));
      return;
    case 'externalData':
      yield await readExternalData(plan, plan.schema, ctx.externalData);
      return;
    case 'print': {
      for (const e of plan.exprs) await prepareExpr(e.expr, ctx);
      const mark = ctx.memory.scratch;
      const row = batchFromRows(plan.schema, [plan.exprs.map((e) => evalScalar(e.expr, ctx))]);
      const made = ctx.memory.scratch - mark;
      try {
        yield row;
      } finally {
        ctx.memory.freeScratch(made);
      }
      return;
    }
    case 'range':
      yield* rangeSource(plan, ctx);
      return;
    case 'where': {
      // A chain of wheres runs as one: over a scan, its filters are pushed down to the reader.
      const chain: (Plan & { op: 'where' })[] = [];
      let bottom: Plan = plan;
      while (bottom.op === 'where' && (bottom === plan || !bottom.shared)) {
        chain.unshift(bottom);
        bottom = bottom.input;
      }
      for (const w of chain) {
        const prepared = prepareExpr(w.predicate, ctx);
        if (prepared) await prepared;
      }
      let input: AsyncIterable<Batch>;
      if (bottom.op === 'scan' && !bottom.shared) {
        const source = ctx.tables.get(bottom.table);
        if (!source) throw new KqlError('runtime', `no data was given for table ${bottom.table}`);
        input = source.scan({ predicates: [...bottom.predicates, ...scanPredicates(chain, bottom, ctx)], ...columnsOf(bottom, ctx) });
      } else {
        input = execute(bottom, ctx);
      }
      for await (const b of input) {
        let cur = b;
        // The predicates' values are dropped once the rows are chosen.
        const mark = ctx.memory.scratch;
        for (const w of chain) {
          if (cur.length === 0) break;
          const keep = selection(evalMask(w.predicate, cur, ctx));
          if (keep) cur = selectRows(cur, keep);
        }
        ctx.memory.freeScratchSince(mark);
        if (cur.length > 0) yield cur.schema === plan.schema || !sameWidth(cur, plan) ? cur : { ...cur, schema: plan.schema };
      }
      return;
    }
    case 'project': {
      const prepared = prepareAll(plan.exprs, ctx);
      if (prepared) await prepared;
      const memory = ctx.memory;
      for await (const b of execute(plan.input, ctx)) {
        // Values functions made for this batch stay charged until the consumer is done with it.
        const mark = memory.scratch;
        const out = batchOf(plan.schema, plan.exprs.map((e) => evalExpr(e, b, ctx)), b.ingestion);
        const made = memory.scratch - mark;
        if (made === 0) yield out;
        else {
          try {
            yield out;
          } finally {
            memory.freeScratch(made);
          }
        }
      }
      return;
    }
    case 'serialize':
      yield* execute(plan.input, ctx);
      return;
    case 'take': {
      await prepareExpr(plan.count, ctx); // `take toscalar(...)`: its subquery runs first
      let left = takeCount(evalScalar(plan.count, ctx));
      if (left === 0) return;
      for await (const b of execute(plan.input, ctx)) {
        const schema = sameWidth(b, plan) ? plan.schema : b.schema;
        if (b.length <= left) {
          yield { ...b, schema };
          left -= b.length;
        } else {
          yield firstRows(b, left, schema);
          left = 0;
        }
        if (left === 0) return;
      }
      return;
    }
    case 'count': {
      const account = ctx.memory.operator('Summarize');
      try {
        const partial = partialAggregate(plan, ctx, account);
        if (partial) {
          yield await partial;
          return;
        }
      } finally {
        account.release();
      }
      let n = 0n;
      for await (const b of execute(plan.input, ctx)) n += BigInt(b.length);
      yield batchFromRows(plan.schema, [[n]]);
      return;
    }
    case 'union':
      yield* union(plan, ctx);
      return;
    case 'mvexpand':
      yield* mvExpand(plan, ctx);
      return;
    case 'mvApply':
      yield* mvApply(plan, ctx);
      return;
    case 'rowTable':
      yield rowTableBatch(plan, ctx);
      return;
    case 'bagUnpack':
      yield* bagUnpack(plan, ctx);
      return;
    case 'summarize':
    case 'distinct':
    case 'join':
    case 'lookup':
    case 'sort':
    case 'top':
    case 'activityCountsMetrics':
    case 'makeSeries':
    case 'topNested':
      return; // blocking(): above
    case 'getschema':
    case 'timeWindow':
      throw new KqlError('runtime', `internal: ${plan.op} is not executable`);
  }
}

/** The columns a scan's consumers read, for the reader (projection pushdown); none given: all. */
function columnsOf(scan: Plan, ctx: RunContext): { columns?: ReadonlySet<string> } {
  const columns = ctx.scanColumns?.get(scan);
  return columns ? { columns } : {};
}

function takeCount(v: Value): number {
  if (v === null) throw new RuntimeError('take/top needs a row count');
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new RuntimeError(`invalid row count ${String(v)}`);
  return Math.floor(n);
}

