/** Runs a plan: a stream of column batches per node; blocking operators materialize. */
import { KqlError, RuntimeError } from '../errors.ts';
import type { Plan } from '../plan/plan.ts';
import type { Batch, Value } from '../types.ts';
import { activityCountsMetrics } from './ops/activity-counts-metrics.ts';
import { batchFromRows, batchOf, collect, firstRows, replay, selectRows } from './batches.ts';
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
import { rangeSource, watchlistSource } from './ops/sources.ts';
import { union } from './ops/union.ts';
import { scanPredicates } from './pushdown.ts';
import { readExternalData } from '../external/read.ts';

export function execute(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  if (plan.shared) return replayShared(plan, ctx);
  return executeNode(plan, ctx);
}

/** Materializes a shared node once per run (`as`, tabular `let`), then replays it. */
async function* replayShared(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  let p = ctx.cache.get(plan) as Promise<Batch> | undefined;
  if (!p) {
    p = collect(plan.schema, executeNode(plan, ctx));
    ctx.cache.set(plan, p);
  }
  yield* replay(await p);
}

export async function materialize(plan: Plan, ctx: RunContext): Promise<Batch> {
  return collect(plan.schema, execute(plan, ctx));
}

async function* executeNode(plan: Plan, ctx: RunContext): AsyncIterable<Batch> {
  switch (plan.op) {
    case 'scan': {
      const source = ctx.tables.get(plan.table);
      if (!source) throw new KqlError('runtime', `no data was given for table ${plan.table}`);
      yield* source.scan({ predicates: plan.predicates });
      return;
    }
    case 'watchlist':
      yield watchlistSource(plan, ctx);
      return;
    case 'values':
      yield batchFromRows(plan.schema, plan.rows);
      return;
    case 'externalData':
      yield await readExternalData(plan, plan.schema, ctx.externalData);
      return;
    case 'print': {
      for (const e of plan.exprs) await prepareExpr(e.expr, ctx);
      yield batchFromRows(plan.schema, [plan.exprs.map((e) => evalScalar(e.expr, ctx))]);
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
        input = source.scan({ predicates: [...bottom.predicates, ...scanPredicates(chain, bottom, ctx)] });
      } else {
        input = execute(bottom, ctx);
      }
      for await (const b of input) {
        let cur = b;
        for (const w of chain) {
          if (cur.length === 0) break;
          const keep = selection(evalMask(w.predicate, cur, ctx));
          if (keep) cur = selectRows(cur, keep);
        }
        if (cur.length > 0) yield cur.schema === plan.schema ? cur : { ...cur, schema: plan.schema };
      }
      return;
    }
    case 'project': {
      const prepared = prepareAll(plan.exprs, ctx);
      if (prepared) await prepared;
      for await (const b of execute(plan.input, ctx)) {
        yield batchOf(plan.schema, plan.exprs.map((e) => evalExpr(e, b, ctx)), b.ingestion);
      }
      return;
    }
    case 'serialize':
      yield* execute(plan.input, ctx);
      return;
    case 'summarize':
      yield await summarize(plan, ctx);
      return;
    case 'distinct':
      yield await distinct(plan, ctx);
      return;
    case 'join':
      yield await join(plan, ctx);
      return;
    case 'lookup':
      yield await lookup(plan, ctx);
      return;
    case 'sort': {
      for (const k of plan.keys) await prepareExpr(k.expr, ctx);
      const all = await materialize(plan.input, ctx);
      // One batch: splitting it up only made a consumer that collects it copy it back together.
      yield sortBatch(all, plan.keys, ctx, plan.schema);
      return;
    }
    case 'top': {
      for (const k of plan.keys) await prepareExpr(k.expr, ctx);
      await prepareExpr(plan.count, ctx); // `top toscalar(...) by x`
      yield await topRows(execute(plan.input, ctx), plan.keys, takeCount(evalScalar(plan.count, ctx)), ctx, plan.schema);
      return;
    }
    case 'take': {
      await prepareExpr(plan.count, ctx); // `take toscalar(...)`: its subquery runs first
      let left = takeCount(evalScalar(plan.count, ctx));
      if (left === 0) return;
      for await (const b of execute(plan.input, ctx)) {
        if (b.length <= left) {
          yield { ...b, schema: plan.schema };
          left -= b.length;
        } else {
          yield firstRows(b, left, plan.schema);
          left = 0;
        }
        if (left === 0) return;
      }
      return;
    }
    case 'count': {
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
    case 'activityCountsMetrics':
      yield await activityCountsMetrics(plan, ctx);
      return;
    case 'makeSeries':
      yield await makeSeries(plan, ctx);
      return;
    case 'topNested':
      yield await topNested(plan, ctx);
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
    case 'getschema':
    case 'timeWindow':
      throw new KqlError('runtime', `internal: ${plan.op} is not executable`);
  }
}

function takeCount(v: Value): number {
  if (v === null) throw new RuntimeError('take/top needs a row count');
  const n = typeof v === 'bigint' ? Number(v) : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new RuntimeError(`invalid row count ${String(v)}`);
  return Math.floor(n);
}

