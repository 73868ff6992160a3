/** `summarize` and `distinct`: hash grouping, groups in first-appearance order. */
import type { Expr } from '../../plan/expr.ts';
import type { AggregateCall, Plan } from '../../plan/plan.ts';
import type { Batch, Schema, Value } from '../../types.ts';
import { canMerge, makeAggregator, type Aggregator } from '../aggregates.ts';
import { batchOf } from '../batches.ts';
import { cellBytes, slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, prepareAll } from '../eval.ts';
import { execute } from '../execute.ts';
import { grouper } from './group-ids.ts';

/** A group's share of the grouping structures (Map entry or tuple slots, key arrays) and of each aggregate's state. */
const GROUP_BYTES = 64;
const STATE_BYTES = 48;

/** Bytes of a new group's key values (held until the end). */
function keyBytes(keys: readonly Expr[], keyCols: readonly Value[][], i: number, account: OperatorMemory): number {
  let n = GROUP_BYTES;
  for (let j = 0; j < keyCols.length; j++) n += cellBytes(keys[j]!.type, keyCols[j]![i]!, account.left);
  return n;
}

/** A summarize's expressions in the order they are prepared, listed once per plan node. */
const summarizeExprs = new WeakMap<SummarizeSpec, readonly Expr[]>();

export async function summarize(plan: Plan & { op: 'summarize' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  await prepareSummarize(plan, ctx);
  const table = new GroupTable(plan, account);
  for await (const b of execute(plan.input, ctx)) table.add(b, ctx);
  return table.result(plan.schema);
}

/** Prepares a summarize's expressions (their subqueries run first). */
export async function prepareSummarize(plan: SummarizeSpec, ctx: RunContext): Promise<void> {
  let exprs = summarizeExprs.get(plan);
  if (exprs === undefined) {
    exprs = [...plan.keys, ...plan.aggregates.flatMap((a) => [...a.args, ...a.outputs.flatMap((o) => (o.expr ? [o.expr] : []))])];
    summarizeExprs.set(plan, exprs);
  }
  const prepared = prepareAll(exprs, ctx);
  if (prepared) await prepared;
}

/** What a summarize groups by and computes (a summarize plan node, or `count` as one without keys). */
export interface SummarizeSpec {
  readonly keys: readonly Expr[];
  readonly aggregates: readonly AggregateCall[];
}

/**
 * The groups of a summarize and each aggregate's state per group, in first-appearance order. Fed
 * batches of rows (`add`) or the groups of the same summarize over later rows (`merge`, partial
 * aggregation: exec/partial.ts); both keep first-appearance order as long as what they are fed
 * comes in row order.
 */
export class GroupTable {
  private readonly aggs: Aggregator[];
  private readonly stateBytes: number;
  private readonly groups;
  private readonly keyValues: Value[][];
  private readonly states: unknown[][];
  private known = 0;
  private batches = 0;

  constructor(
    private readonly plan: SummarizeSpec,
    private readonly account: OperatorMemory,
  ) {
    this.aggs = plan.aggregates.map((a) => makeAggregator(a, account));
    this.stateBytes = STATE_BYTES * this.aggs.length;
    this.groups = grouper(plan.keys.map((k) => k.type));
    this.keyValues = plan.keys.map(() => []);
    this.states = this.aggs.map(() => []);
    for (const agg of this.aggs) agg.shareRows?.();
  }

  /** Whether every aggregate can merge (partial aggregation is possible). */
  mergeable(): boolean {
    return this.aggs.every(canMerge);
  }

  /** Group ids of `n` key tuples (columns); a new group gets its keys and initial states. */
  private groupIds(keyCols: readonly Value[][], n: number): ArrayLike<number> {
    const { plan, account, aggs, states, keyValues } = this;
    const ids = this.groups.ids(keyCols, n);
    for (let i = 0; i < n; i++) {
      // Ids are handed out in first-appearance order: a new group's id is the next one.
      if (ids[i] !== this.known) continue;
      this.known++;
      account.charge(this.stateBytes + keyBytes(plan.keys, keyCols, i, account));
      for (let j = 0; j < keyCols.length; j++) keyValues[j]!.push(keyCols[j]![i]!);
      for (let a = 0; a < aggs.length; a++) states[a]!.push(aggs[a]!.init());
    }
    return ids;
  }

  add(b: Batch, ctx: RunContext): void {
    if (b.length === 0) return;
    const { plan, aggs, states } = this;
    if (++this.batches === 2) for (let a = 0; a < aggs.length; a++) aggs[a]!.copyRows?.(states[a]!);
    // Values functions made for this batch are dropped after it (what is kept is charged as kept).
    const mark = ctx.memory.scratch;
    const keyCols = plan.keys.map((k) => evalExpr(k, b, ctx));
    const argCols = plan.aggregates.map((a) => a.args.map((e) => evalExpr(e, b, ctx)));
    const outCols = plan.aggregates.map((a) => a.outputs.map((o) => (o.expr ? evalExpr(o.expr, b, ctx) : [])));
    const n = b.length;
    const ids = this.groupIds(keyCols, n);
    // aggregate by aggregate: each one's own loop (addRows) where it has one
    for (let a = 0; a < aggs.length; a++) {
      const agg = aggs[a]!;
      const st = states[a]!;
      const args = argCols[a]!;
      const outs = outCols[a]!;
      if (agg.addRows) agg.addRows(st, ids, n, args, outs);
      else {
        for (let i = 0; i < n; i++) {
          const g = ids[i]!;
          st[g] = agg.add(st[g], i, args, outs);
        }
      }
    }
    ctx.memory.freeScratchSince(mark);
  }

  /** The groups and states so far, as plain data (they cross worker threads). */
  partial(): PartialGroups {
    const states = this.aggs.map((agg, a) => {
      const st = this.states[a]!;
      if (agg.partialStates) return agg.partialStates(st, this.known);
      return agg.partial ? st.map((s) => agg.partial!(s)) : st;
    });
    return { count: this.known, keys: this.keyValues, states };
  }

  /** Merges the groups of the same summarize over rows that come after every row seen so far. */
  merge(p: PartialGroups): void {
    if (p.count === 0) return;
    const { aggs, states } = this;
    const ids = this.groupIds(p.keys, p.count);
    for (let a = 0; a < aggs.length; a++) {
      const st = states[a]!;
      const from = p.states[a]!;
      const agg = aggs[a]!;
      if (agg.mergeStates) {
        agg.mergeStates(st, ids, p.count, from);
        continue;
      }
      const each = from as readonly unknown[];
      for (let i = 0; i < p.count; i++) st[ids[i]!] = agg.merge!(st[ids[i]!], each[i]);
    }
  }

  result(schema: Schema): Batch {
    const { plan, account, aggs, states, keyValues } = this;
    let known = this.known;
    // summarize-operator doc: without `by`, an empty input still gives one row of defaults.
    if (plan.keys.length === 0 && known === 0) {
      known = 1;
      for (let a = 0; a < aggs.length; a++) states[a]!.push(aggs[a]!.init());
    }
    const columns: Value[][] = [...keyValues];
    account.charge(slotBytes(schema.length - keyValues.length, known));
    for (let a = 0; a < aggs.length; a++) {
      const width = plan.aggregates[a]!.outputs.length;
      // A loop, not Array.from({ length }): that went through the generic iteration path, ~7 % of
      // a replay run over a one-row window.
      const cols = new Array<Value[]>(width);
      for (let o = 0; o < width; o++) cols[o] = new Array<Value>(known);
      const st = states[a]!;
      const agg = aggs[a]!;
      if (agg.resultColumns) agg.resultColumns(st, known, cols);
      else {
        for (let g = 0; g < known; g++) {
          const r = agg.result(st[g]);
          for (let o = 0; o < width; o++) cols[o]![g] = r[o]!;
        }
      }
      columns.push(...cols);
    }
    return batchOf(schema, columns);
  }
}

/** A GroupTable's groups as plain data: `count` groups, key columns, per aggregate its states. */
export interface PartialGroups {
  readonly count: number;
  readonly keys: Value[][];
  /** Per aggregate: its partialStates(), or one partial() (or the state itself) a group. */
  readonly states: unknown[];
}

export async function distinct(plan: Plan & { op: 'distinct' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  const prepared = prepareAll(plan.exprs, ctx);
  if (prepared) await prepared;
  const groups = grouper(plan.exprs.map((e) => e.type));
  const columns: Value[][] = plan.exprs.map(() => []);
  let known = 0;
  for await (const b of execute(plan.input, ctx)) {
    if (b.length === 0) continue;
    const mark = ctx.memory.scratch;
    const cols = plan.exprs.map((e) => evalExpr(e, b, ctx));
    const ids = groups.ids(cols, b.length);
    for (let i = 0; i < b.length; i++) {
      if (ids[i] !== known) continue;
      known++;
      account.charge(keyBytes(plan.exprs, cols, i, account));
      for (let j = 0; j < cols.length; j++) columns[j]!.push(cols[j]![i]!);
    }
    ctx.memory.freeScratchSince(mark);
  }
  return batchOf(plan.schema, columns);
}
