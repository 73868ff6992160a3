/**
 * `evaluate activity_counts_metrics(Id, Timeline, Start, End, Step [, Dims])`
 * (activity-counts-metrics-plugin doc; algorithm in kql-semantics.md §6.3).
 *
 * The doc leaves the window grid and sparsity open. We use windows aligned to Start
 * (Start + k*Step), emitted only where (window, dims) has rows, and keep rows with
 * Start <= t <= End (the doc example includes a row at t == End). Rows with a null
 * timeline are dropped; null ids count in `count` but not in the distinct counts.
 */
import { RuntimeError } from '../../errors.ts';
import type { Plan } from '../../plan/plan.ts';
import type { Batch, Value } from '../../types.ts';
import { groupKey } from '../../values/compare.ts';
import { batchOf } from '../batches.ts';
import { cellBytes, slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { evalScalar, prepareExpr } from '../eval.ts';
import { execute } from '../execute.ts';
import { tupleKey } from './group-keys.ts';

interface Window {
  readonly start: bigint;
  count: number;
  ids: Set<unknown>;
}

/**
 * A group's entry and maps; a window's record and set; an id in a window's set (its entry and a
 * key of typical size: ids are counted as they are added, and charged per batch).
 */
const GROUP_BYTES = 128;
const WINDOW_BYTES = 128;
const ID_BYTES = 96;

export async function activityCountsMetrics(plan: Plan & { op: 'activityCountsMetrics' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  for (const e of [plan.start, plan.end, plan.step]) {
    const prepared = prepareExpr(e, ctx);
    if (prepared) await prepared;
  }
  const start = evalScalar(plan.start, ctx);
  const end = evalScalar(plan.end, ctx);
  const step = evalScalar(plan.step, ctx);
  if (typeof start !== 'bigint' || typeof end !== 'bigint' || typeof step !== 'bigint') {
    throw new RuntimeError('activity_counts_metrics: Start, End and Step must not be null');
  }
  if (step <= 0n) throw new RuntimeError('activity_counts_metrics: Step must be positive');
  const input = plan.input.schema;
  const idType = input[plan.idColumn]!.type;
  const dimTypes = plan.dims.map((d) => input[d]!.type);
  // dims key -> (first-appearance order, dim values, window start -> stats)
  const groups = new Map<unknown, { dims: Value[]; windows: Map<bigint, Window>; list: Window[] }>();
  let ids = 0;
  for await (const b of execute(plan.input, ctx)) {
    const times = b.columns[plan.timeColumn]!;
    const idCol = b.columns[plan.idColumn]!;
    const dimCols = plan.dims.map((d) => b.columns[d]!);
    const key = tupleKey(dimTypes, dimCols);
    for (let i = 0; i < b.length; i++) {
      const t = times[i] as bigint | null;
      if (t === null || t < start || t > end) continue;
      const w = start + ((t - start) / step) * step;
      const k = key(i);
      let g = groups.get(k);
      if (!g) {
        let bytes = GROUP_BYTES;
        for (let d = 0; d < dimCols.length; d++) bytes += cellBytes(dimTypes[d]!, dimCols[d]![i]!, account.left);
        account.charge(bytes);
        g = { dims: dimCols.map((c) => c[i]!), windows: new Map(), list: [] };
        groups.set(k, g);
      }
      let win = g.windows.get(w);
      if (!win) {
        account.charge(WINDOW_BYTES);
        win = { start: w, count: 0, ids: new Set() };
        g.windows.set(w, win);
        g.list.push(win);
      }
      win.count++;
      const id = idCol[i]!;
      if (id !== null) {
        const before = win.ids.size;
        win.ids.add(groupKey(idType, id));
        ids += win.ids.size - before;
      }
    }
    account.charge(ID_BYTES * ids);
    ids = 0;
  }
  let windows = 0;
  for (const g of groups.values()) windows += g.list.length;
  account.charge(slotBytes(plan.schema.length, windows) + 2 * ID_BYTES * windows);
  const columns: Value[][] = plan.schema.map(() => []);
  const nd = plan.dims.length;
  for (const g of groups.values()) {
    const seen = new Set<unknown>();
    for (const win of inOrder(g.list)) {
      const w = win.start;
      let fresh = 0;
      for (const id of win.ids) {
        if (!seen.has(id)) {
          fresh++;
          seen.add(id);
        }
      }
      columns[0]!.push(w);
      for (let d = 0; d < nd; d++) columns[1 + d]!.push(g.dims[d]!);
      columns[1 + nd]!.push(BigInt(win.count));
      columns[2 + nd]!.push(BigInt(win.ids.size));
      columns[3 + nd]!.push(BigInt(fresh));
      columns[4 + nd]!.push(BigInt(seen.size));
    }
  }
  return batchOf(plan.schema, columns);
}

/** A group's windows by start time; rows usually come in time order, and then nothing is sorted. */
function inOrder(list: Window[]): Window[] {
  for (let i = 1; i < list.length; i++) {
    if (list[i - 1]!.start > list[i]!.start) return list.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }
  return list;
}
