/**
 * `evaluate bag_unpack` (bag_unpack-plugin doc): each top-level property of the bag column becomes
 * a column; rows whose value is not a bag (or lacks the property) get null ("" for strings).
 *
 * Without a declared output schema (our choices where the doc is silent):
 * - Columns: the input columns but the unpacked one, in order, then one per property, sorted by
 *   name (ordinal). A property whose prefixed name is an input column is an error (the doc's
 *   default columnsConflict=error; the binder accepts no other).
 * - Types (doc: the slot's type when all its values share it, else dynamic; null values are
 *   ignored): JSON integers give long, other numbers real; a property that is always null is dynamic.
 * - The node's schema is set from the data on each run (so a result read right after the run has
 *   these columns); two runs of the same compiled query at once would race on it.
 */
import { RuntimeError } from '../../errors.ts';
import type { RowFn } from '../../functions/contract.ts';
import { lookupScalarFunction } from '../../functions/index.ts';
import type { Plan } from '../../plan/plan.ts';
import {
  DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, nullOf,
  type Batch, type ColumnSchema, type Dyn, type ScalarType, type Value,
} from '../../types.ts';
import { batchOf, collectCharged } from '../batches.ts';
import { slotBytes } from '../memory-size.ts';
import type { OperatorMemory } from '../memory.ts';
import type { RunContext } from '../context.ts';
import { execute } from '../execute.ts';

const CONVERTERS: Partial<Record<ScalarType, string>> = {
  string: 'tostring', long: 'tolong', int: 'toint', real: 'toreal', bool: 'tobool', datetime: 'todatetime',
  timespan: 'totimespan', guid: 'toguid', decimal: 'todecimal',
};

function converter(t: ScalarType): RowFn | undefined {
  if (t === 'dynamic') return undefined;
  return lookupScalarFunction(CONVERTERS[t]!).bind([{ type: 'dynamic', constant: false }], t);
}

function dynType(d: Dyn): ScalarType | null {
  if (d === null) return null;
  switch (typeof d) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'real';
    case 'bigint':
      return 'long';
  }
  if (d instanceof DynInt) return 'long';
  if (d instanceof DynDatetime) return 'datetime';
  if (d instanceof DynTimespan) return 'timespan';
  if (d instanceof DynGuid) return 'guid';
  if (d instanceof DynDecimal) return 'decimal';
  return 'dynamic';
}

/** A dynamic value of a known primitive type as that type's value. */
function typed(type: ScalarType, d: Dyn): Value {
  if (d === null) return nullOf(type);
  if (type === 'dynamic') return d;
  if (d instanceof DynInt) return BigInt(d.value);
  if (d instanceof DynDatetime || d instanceof DynTimespan) return d.ticks;
  if (d instanceof DynGuid || d instanceof DynDecimal) return d.text;
  return d as Value;
}

export async function* bagUnpack(plan: Plan & { op: 'bagUnpack' }, ctx: RunContext): AsyncIterable<Batch> {
  const declared = plan.declared;
  if (declared) {
    const convert = declared.map((d) => (d.from === 'property' ? converter(d.type) : undefined));
    for await (const b of execute(plan.input, ctx)) {
      const bags = b.columns[plan.column]!;
      const columns = declared.map((d, c): Value[] => {
        if (d.from === 'input') return b.columns[d.index]!;
        const out = new Array<Value>(b.length);
        const conv = convert[c];
        for (let i = 0; i < b.length; i++) {
          const bag = bags[i];
          const v = d.name !== null && bag instanceof Map ? (bag.get(d.name) ?? null) : null;
          out[i] = v === null ? nullOf(d.type) : conv ? conv([v], ctx) : v;
        }
        return out;
      });
      yield batchOf(plan.schema, columns, b.ingestion);
    }
    return;
  }
  const account = ctx.memory.operator('BagUnpack');
  try {
    yield* unpackAll(plan, ctx, account);
  } finally {
    account.release();
  }
}

/** Without a declared schema: the columns are the properties of every row's bag, so all rows are held. */
async function* unpackAll(plan: Plan & { op: 'bagUnpack' }, ctx: RunContext, account: OperatorMemory): AsyncIterable<Batch> {
  const all = await collectCharged(plan.input.schema, execute(plan.input, ctx), account);
  const bags = all.columns[plan.column]!;
  const slots = new Map<string, Set<ScalarType>>();
  for (const bag of bags) {
    if (!(bag instanceof Map)) continue;
    for (const [k, v] of bag) {
      let types = slots.get(k);
      if (!types) slots.set(k, (types = new Set()));
      const t = dynType(v);
      if (t) types.add(t);
    }
  }
  const keptNames = new Set(plan.kept.map((i) => plan.input.schema[i]!.name));
  const props = [...slots.keys()].sort((a, b) => {
    const x = plan.prefix + a;
    const y = plan.prefix + b;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const unpacked: ColumnSchema[] = props.map((p) => {
    const name = plan.prefix + p;
    if (keptNames.has(name)) throw new RuntimeError(`bag_unpack: the property ${p} gives the column ${name}, which the input already has`);
    const types = slots.get(p)!;
    return { name, type: types.size === 1 ? [...types][0]! : 'dynamic' };
  });
  const schema = plan.schema as ColumnSchema[];
  schema.splice(0, schema.length, ...plan.kept.map((i) => plan.input.schema[i]!), ...unpacked);
  const columns: Value[][] = plan.kept.map((i) => all.columns[i]!);
  // One new column per property, each as long as the input (a row of many properties multiplies them).
  account.charge(slotBytes(props.length, all.length));
  props.forEach((p, j) => {
    const type = unpacked[j]!.type;
    columns.push(bags.map((bag) => typed(type, bag instanceof Map ? (bag.get(p) ?? null) : null)));
  });
  if (all.length > 0) yield batchOf(schema, columns, all.ingestion);
}
