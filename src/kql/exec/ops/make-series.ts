/**
 * `make-series` (make-series-operator doc). Rows are grouped by the `by` keys and by the axis bin
 * (`bin_at(axis, step, from)`, or `bin(axis, step)` for `in range(...)`); each aggregate runs per
 * (group, bin); each group becomes one row of arrays over the grid, empty bins holding the default.
 *
 * Our choices where the doc is silent:
 * - Without `from`, the grid starts at the first bin that has data, and without `to` it ends after
 *   the last one, over the whole input (every series has the same grid), bins aligned as bin().
 * - Rows whose axis is null or outside the grid are ignored; a group with no row on the grid gives
 *   no output row.
 * - `in range(start, stop, step)`: the grid is bin(start, step) .. bin(stop, step) inclusive, rows
 *   are placed by bin(axis, step).
 * - A default value of another numeric type is converted to the aggregate's type (the doc example
 *   `avg(metric)` with the default 0 shows 0.0); the implicit default is 0 of that type (null for
 *   a non-numeric result).
 * - `kind=nonempty` over an empty input gives one row: null (or "") keys and arrays of defaults.
 */
import { RuntimeError } from '../../errors.ts';
import type { Plan } from '../../plan/plan.ts';
import { DynDecimal, DynInt, DynTimespan, nullOf, type Batch, type Dyn, type ScalarType, type Value } from '../../types.ts';
import { makeAggregator, type Aggregator } from '../aggregates.ts';
import { batchOf } from '../batches.ts';
import { cellBytes, dynBytes, SLOT, slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { evalExpr, evalScalar, prepareExpr, toDyn } from '../eval.ts';
import { execute } from '../execute.ts';
import { tupleKey } from './group-keys.ts';

/** make-series-operator doc: arrays are limited to 1048576 values. */
const MAX_POINTS = 1_048_576;

type Num = bigint | number;

interface Group {
  readonly keys: Value[];
  /** Absolute bin number -> one state per aggregate. */
  readonly bins: Map<Num, unknown[]>;
}

function floorDiv(a: Num, b: Num): Num {
  if (typeof a === 'bigint') {
    const bb = b as bigint;
    const q = a / bb;
    return a % bb !== 0n && a < 0n ? q - 1n : q;
  }
  return Math.floor(a / (b as number));
}

function ceilDiv(a: Num, b: Num): Num {
  if (typeof a === 'bigint') {
    const bb = b as bigint;
    const q = a / bb;
    return a % bb !== 0n && a > 0n ? q + 1n : q;
  }
  return Math.ceil(a / (b as number));
}

function zeroOf(type: ScalarType): Dyn {
  switch (type) {
    case 'long':
      return 0n;
    case 'int':
      return new DynInt(0);
    case 'real':
      return 0;
    case 'decimal':
      return new DynDecimal('0');
    case 'timespan':
      return new DynTimespan(0n);
    default:
      return null;
  }
}

function defaultValue(aggType: ScalarType, valueType: ScalarType, v: Value): Dyn {
  if (v === null) return null;
  if (aggType === 'real' && (valueType === 'long' || valueType === 'int')) return Number(v);
  if (aggType === 'long' && valueType === 'int') return BigInt(v as number);
  if (aggType === 'int' && valueType === 'long' && (v as bigint) >= -(2n ** 31n) && (v as bigint) < 2n ** 31n) return new DynInt(Number(v));
  return toDyn(valueType, v);
}

/** A group's entry and bin map; a bin's entry and its states array. */
const GROUP_BYTES = 96;
const BIN_BYTES = 128;
const STATE_BYTES = 48;

export async function makeSeries(plan: Plan & { op: 'makeSeries' }, ctx: RunContext, account: OperatorMemory): Promise<Batch> {
  for (const k of plan.keys) await prepareExpr(k, ctx);
  for (const a of plan.aggregates) {
    for (const e of a.args) await prepareExpr(e, ctx);
    for (const o of a.outputs) if (o.expr) await prepareExpr(o.expr, ctx);
  }
  for (const e of [plan.axis, plan.from, plan.to, plan.step, ...plan.defaults]) if (e) await prepareExpr(e, ctx);
  const axisType = plan.axis.type;
  // Integral axes (datetime/timespan ticks, long, int) with an integral step are binned exactly in bigint.
  const exact = axisType !== 'real' && plan.step.type !== 'real' && (!plan.from || plan.from.type !== 'real') && (!plan.to || plan.to.type !== 'real');
  const num = (v: Value): Num | null => (v === null ? null : exact ? BigInt(v as number | bigint) : Number(v));
  const step = num(evalScalar(plan.step, ctx));
  if (step === null || !(step > 0)) throw new RuntimeError('make-series: step must be a positive value');
  const fromV = plan.from ? num(evalScalar(plan.from, ctx)) : null;
  const toV = plan.to ? num(evalScalar(plan.to, ctx)) : null;
  if ((plan.from && fromV === null) || (plan.to && toV === null)) throw new RuntimeError('make-series: from/to must not be null');
  const zero: Num = exact ? 0n : 0;
  // Bin numbers count steps from `origin`; [lowBin, highBin) is the grid when both are known now.
  let origin: Num = zero;
  let lowBin: Num | null = null;
  let highBin: Num | null = null;
  if (plan.grid === 'fromTo') {
    if (fromV !== null) {
      origin = fromV;
      lowBin = zero;
    }
    if (toV !== null) highBin = ceilDiv((toV as number) - (origin as number), step) as Num;
  } else {
    lowBin = floorDiv(fromV!, step);
    highBin = (floorDiv(toV!, step) as number) + (exact ? (1n as unknown as number) : 1);
  }
  const aggs: Aggregator[] = plan.aggregates.map((a) => makeAggregator(a, account));
  const binBytes = BIN_BYTES + STATE_BYTES * aggs.length;
  const groups = new Map<unknown, Group>();
  const keyTypes = plan.keys.map((k) => k.type);
  let minBin: Num | null = null;
  let maxBin: Num | null = null;
  for await (const b of execute(plan.input, ctx)) {
    if (b.length === 0) continue;
    const mark = ctx.memory.scratch;
    const axisCol = evalExpr(plan.axis, b, ctx);
    const keyCols = plan.keys.map((k) => evalExpr(k, b, ctx));
    const argCols = plan.aggregates.map((a) => a.args.map((e) => evalExpr(e, b, ctx)));
    const outCols = plan.aggregates.map((a) => a.outputs.map((o) => (o.expr ? evalExpr(o.expr, b, ctx) : [])));
    const key = tupleKey(keyTypes, keyCols);
    for (let i = 0; i < b.length; i++) {
      const t = num(axisCol[i]!);
      if (t === null || (typeof t === 'number' && Number.isNaN(t))) continue;
      const bin = floorDiv((t as number) - (origin as number), step);
      if (lowBin !== null && bin < lowBin) continue;
      if (highBin !== null && bin >= highBin) continue;
      if (minBin === null || bin < minBin) minBin = bin;
      if (maxBin === null || bin > maxBin) maxBin = bin;
      const k = key(i);
      let g = groups.get(k);
      if (!g) {
        let bytes = GROUP_BYTES;
        for (let j = 0; j < keyCols.length; j++) bytes += cellBytes(keyTypes[j]!, keyCols[j]![i]!, account.left);
        account.charge(bytes);
        g = { keys: keyCols.map((c) => c[i]!), bins: new Map() };
        groups.set(k, g);
      }
      let states = g.bins.get(bin);
      if (!states) {
        account.charge(binBytes);
        states = aggs.map((a) => a.init());
        g.bins.set(bin, states);
      }
      for (let a = 0; a < aggs.length; a++) states[a] = aggs[a]!.add(states[a], i, argCols[a]!, outCols[a]!);
    }
    ctx.memory.freeScratchSince(mark);
  }
  const first = lowBin ?? minBin;
  const end = highBin ?? (maxBin === null ? null : (maxBin as number) + ((exact ? 1n : 1) as number));
  const points = first === null || end === null || end <= first ? 0 : Number((end as number) - (first as number));
  if (points > MAX_POINTS) throw new RuntimeError(`make-series: the series would have ${points} points, more than ${MAX_POINTS}`);
  // The output: one array of `points` values per aggregate and group, and the axis per group.
  const defaultBytes = plan.aggregates.reduce((n, a) => n + SLOT + dynBytes(zeroOf(a.resultType)), 0);
  account.charge(slotBytes(plan.schema.length, groups.size + 1) + (groups.size + 2) * points * (defaultBytes + SLOT + 16));
  const bins: Num[] = [];
  for (let p = 0; p < points; p++) bins.push(exact ? (first as bigint) + BigInt(p) : (first as number) + p);
  const axisValues: Dyn[] = bins.map((bin) => {
    const v: Num = exact ? (origin as bigint) + (bin as bigint) * (step as bigint) : (origin as number) + (bin as number) * (step as number);
    if (axisType === 'int' && typeof v === 'bigint') return new DynInt(Number(v));
    return toDyn(axisType === 'int' || axisType === 'long' ? (typeof v === 'bigint' ? 'long' : 'real') : axisType, v);
  });
  const defaults = plan.aggregates.map((a, i) => {
    const d = plan.defaults[i];
    return d ? defaultValue(a.resultType, d.type, evalScalar(d, ctx)) : zeroOf(a.resultType);
  });
  const columns: Value[][] = plan.schema.map(() => []);
  const nk = plan.keys.length;
  const emit = (keys: Value[], g: Group | undefined): void => {
    keys.forEach((v, j) => columns[j]!.push(v));
    plan.aggregates.forEach((a, ai) => {
      const series = bins.map((bin) => {
        const states = g?.bins.get(bin);
        return states ? toDyn(a.resultType, aggs[ai]!.result(states[ai])[0]!) : defaults[ai]!;
      });
      columns[nk + ai]!.push(series);
    });
    columns[nk + plan.aggregates.length]!.push(axisValues.slice());
  };
  for (const g of groups.values()) emit(g.keys, g);
  if (groups.size === 0 && plan.nonEmpty) emit(plan.keys.map((k) => nullOf(k.type)), undefined);
  return batchOf(plan.schema, columns);
}
