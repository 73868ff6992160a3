/** `summarize` and `distinct`: hash grouping, groups in first-appearance order. */
import type { Expr } from '../../plan/expr.ts';
import type { Plan } from '../../plan/plan.ts';
import type { Batch, Value } from '../../types.ts';
import { makeAggregator } from '../aggregates.ts';
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
const summarizeExprs = new WeakMap<Plan, readonly Expr[]>();

export async function summarize(plan: Plan & { op: 'summarize' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  let exprs = summarizeExprs.get(plan);
  if (exprs === undefined) {
    exprs = [...plan.keys, ...plan.aggregates.flatMap((a) => [...a.args, ...a.outputs.flatMap((o) => (o.expr ? [o.expr] : []))])];
    summarizeExprs.set(plan, exprs);
  }
  const prepared = prepareAll(exprs, ctx);
  if (prepared) await prepared;
  const aggs = plan.aggregates.map((a) => makeAggregator(a, account));
  const stateBytes = STATE_BYTES * aggs.length;
  const groups = grouper(plan.keys.map((k) => k.type));
  const keyValues: Value[][] = plan.keys.map(() => []);
  const states: unknown[][] = aggs.map(() => []);
  for (const agg of aggs) agg.shareRows?.();
  let known = 0;
  let batches = 0;
  for await (const b of execute(plan.input, ctx)) {
    if (b.length === 0) continue;
    if (++batches === 2) for (let a = 0; a < aggs.length; a++) aggs[a]!.copyRows?.(states[a]!);
    // Values functions made for this batch are dropped after it (what is kept is charged as kept).
    const mark = ctx.memory.scratch;
    const keyCols = plan.keys.map((k) => evalExpr(k, b, ctx));
    const argCols = plan.aggregates.map((a) => a.args.map((e) => evalExpr(e, b, ctx)));
    const outCols = plan.aggregates.map((a) => a.outputs.map((o) => (o.expr ? evalExpr(o.expr, b, ctx) : [])));
    const ids = groups.ids(keyCols, b.length);
    for (let i = 0; i < b.length; i++) {
      const g = ids[i]!;
      // Ids are handed out in first-appearance order: a new group's id is the next one.
      if (g === known) {
        known++;
        account.charge(stateBytes + keyBytes(plan.keys, keyCols, i, account));
        for (let j = 0; j < keyCols.length; j++) keyValues[j]!.push(keyCols[j]![i]!);
        for (let a = 0; a < aggs.length; a++) states[a]!.push(aggs[a]!.init());
      }
      for (let a = 0; a < aggs.length; a++) {
        const st = states[a]!;
        st[g] = aggs[a]!.add(st[g], i, argCols[a]!, outCols[a]!);
      }
    }
    ctx.memory.freeScratchSince(mark);
  }
  // summarize-operator doc: without `by`, an empty input still gives one row of defaults.
  if (plan.keys.length === 0 && known === 0) {
    known = 1;
    for (let a = 0; a < aggs.length; a++) states[a]!.push(aggs[a]!.init());
  }
  const columns: Value[][] = [...keyValues];
  account.charge(slotBytes(plan.schema.length - keyValues.length, known));
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
  return batchOf(plan.schema, columns);
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
