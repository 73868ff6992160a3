/**
 * `top-nested` (top-nested-operator doc): the input is partitioned by the first clause's key, the
 * top N partitions by the aggregate are kept, each is partitioned by the next clause, and so on;
 * one output row per path through the levels.
 *
 * Our choices where the doc is silent:
 * - Rows come out depth first, each level's values in aggregate order (desc by default), ties in
 *   first-appearance order; a null aggregate ranks last in either direction.
 * - `with others = C` adds, after a level's top values, one row with key C and the aggregate over
 *   the remaining rows, only when some rows remain; deeper levels of that row are null ("").
 */
import { RuntimeError } from '../../errors.ts';
import type { Plan } from '../../plan/plan.ts';
import { nullOf, type Batch, type Value } from '../../types.ts';
import { compareValues } from '../../values/compare.ts';
import { makeAggregator } from '../aggregates.ts';
import { batchFromRows, collectCharged } from '../batches.ts';
import { cellBytes, slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, evalScalar, prepareExpr } from '../eval.ts';
import { execute } from '../execute.ts';
import { tupleKey } from './group-keys.ts';

/** A group's entry, its row list and its ranking record. */
const GROUP_BYTES = 128;

export async function topNested(plan: Plan & { op: 'topNested' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  for (const l of plan.levels) {
    for (const e of [l.key, ...l.aggregates.flatMap((a) => a.args), l.value, l.count, l.others]) if (e) await prepareExpr(e, ctx);
  }
  const all = await collectCharged(plan.input.schema, execute(plan.input, ctx), account);
  // Each level's key and argument columns, and the row lists the levels partition.
  const columnsPerLevel = plan.levels.reduce((n, l) => n + 2 + l.aggregates.reduce((m, a) => m + a.args.length, 0), 0);
  account.charge(slotBytes(columnsPerLevel, all.length));
  // What functions make from here on is garbage once the output is built.
  const mark = ctx.memory.scratch;
  const levels = plan.levels.map((l) => {
    const n = l.count ? evalScalar(l.count, ctx) : null;
    if (n !== null && (Number(n) < 0 || !Number.isFinite(Number(n)))) throw new RuntimeError(`top-nested: invalid count ${String(n)}`);
    const keys = evalExpr(l.key, all, ctx);
    return {
      limit: n === null ? Infinity : Number(n),
      keys,
      keyOf: tupleKey([l.key.type], [keys]),
      args: l.aggregates.map((a) => a.args.map((e) => evalExpr(e, all, ctx))),
      aggs: l.aggregates.map((a) => makeAggregator(a, account)),
      value: l.value,
      schema: l.aggregates.map((a) => ({ name: a.outputs[0]!.name, type: a.resultType })),
      cmp: compareValues(l.value.type),
      sign: l.descending ? -1 : 1,
      others: l.others ? evalScalar(l.others, ctx) : undefined,
    };
  });
  const out: Value[][] = [];
  /** The clause's `by` value for each set of rows: its aggregates, then the expression over them. */
  const aggregate = (level: (typeof levels)[number], sets: readonly (readonly number[])[]): Value[] => {
    const columns: Value[][] = level.aggs.map((agg, a) =>
      sets.map((rows) => {
        let st = agg.init();
        for (const i of rows) st = agg.add(st, i, level.args[a]!, []);
        return agg.result(st)[0]!;
      }),
    );
    return evalExpr(level.value, { schema: level.schema, columns, length: sets.length }, ctx).slice(0, sets.length);
  };
  const visit = (depth: number, rows: readonly number[], prefix: Value[]): void => {
    const level = levels[depth]!;
    const groups = new Map<unknown, { key: Value; rows: number[] }>();
    for (const i of rows) {
      const k = level.keyOf(i);
      let g = groups.get(k);
      if (!g) {
        account.charge(GROUP_BYTES);
        g = { key: level.keys[i]!, rows: [] };
        groups.set(k, g);
      }
      g.rows.push(i);
    }
    const list = [...groups.values()];
    const values = aggregate(level, list.map((g) => g.rows));
    const ranked = list.map((g, order) => ({ ...g, order, value: values[order]! }));
    ranked.sort((a, b) => {
      const an = a.value === null || (typeof a.value === 'number' && Number.isNaN(a.value));
      const bn = b.value === null || (typeof b.value === 'number' && Number.isNaN(b.value));
      if (an || bn) return an && bn ? a.order - b.order : an ? 1 : -1;
      return level.sign * level.cmp(a.value, b.value) || a.order - b.order;
    });
    const top = ranked.slice(0, level.limit);
    for (const g of top) {
      account.charge(slotBytes(1, prefix.length + 2) + cellBytes(level.value.type, g.value, account.left));
      const row = [...prefix, g.key, g.value];
      if (depth + 1 < levels.length) visit(depth + 1, g.rows, row);
      else out.push(row);
    }
    if (level.others !== undefined && ranked.length > top.length) {
      const rest = ranked.slice(top.length).flatMap((g) => g.rows);
      const row = [...prefix, level.others, aggregate(level, [rest])[0]!];
      for (let d = depth + 1; d < levels.length; d++) {
        row.push(nullOf(plan.schema[2 * d]!.type), nullOf(plan.schema[2 * d + 1]!.type));
      }
      out.push(row);
    }
  };
  if (all.length > 0 && levels.length > 0) visit(0, Array.from({ length: all.length }, (_, i) => i), []);
  ctx.memory.freeScratchSince(mark);
  return batchFromRows(plan.schema, out);
}
