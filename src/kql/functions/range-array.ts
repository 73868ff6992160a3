/**
 * range(start, stop, step) (learn.microsoft.com/kusto/query/range-function): a dynamic array of
 * start, start + step, ... up to and including stop; step defaults to 1 for numbers and 1h for
 * datetime and timespan; at most 1,048,576 (2^20) elements, the rest is cut off (page). Integer
 * arguments give long elements, a real one real elements. A negative step counts down to stop,
 * a zero step gives null, a null argument gives null (our reading: the page does not say).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { DynDatetime, DynTimespan, TICKS_PER_HOUR, type Dyn, type ScalarType, type Value } from '../types.ts';
import { numOf, numToReal } from '../values/numbers.ts';
import type { RowFn, ScalarFunction } from './contract.ts';
import { chargeMade } from './reserve.ts';

const MAX_ELEMENTS = 1 << 20;

function ticksRange(start: bigint, stop: bigint, step: bigint, make: (t: bigint) => Dyn): Dyn[] | null {
  if (step === 0n) return null;
  const out: Dyn[] = [];
  for (let t = start; (step > 0n ? t <= stop : t >= stop) && out.length < MAX_ELEMENTS; t += step) out.push(make(t));
  return out;
}

const range: ScalarFunction = {
  name: 'range',
  doc: 'learn.microsoft.com/kusto/query/range-function',
  bind(args): RowFn {
    const make = arrayOf(args.map((a) => a.type));
    return (vals, ctx) => {
      const out = make(vals);
      // up to 2^20 elements a call, for every row: charged, so that many rows of them end in the
      // query's memory limit, not in an out-of-memory crash
      if (out !== null) chargeMade(ctx, out, 'range');
      return out;
    };
  },
};

/** The array of range(start, stop[, step]) for arguments of these types (null: a null argument or a zero step). */
function arrayOf(types: readonly ScalarType[]): (vals: readonly Value[]) => Dyn[] | null {
  if (types.length < 2 || types.length > 3) throw new KqlError('binding', `range() takes 2 or 3 arguments, got ${types.length}`);
  const [ts, te, tp] = [types[0]!, types[1]!, types[2]];
  if (ts === 'datetime' || ts === 'timespan') {
    if (te !== ts || (tp !== undefined && tp !== 'timespan')) throw new UnsupportedError(`range() of ${types.join(', ')}`);
    const make = ts === 'datetime' ? (t: bigint) => new DynDatetime(t) : (t: bigint) => new DynTimespan(t);
    return ([a, b, c]) => {
      const step = tp === undefined ? TICKS_PER_HOUR : (c as bigint | null);
      if (a === null || b === null || step === null) return null;
      return ticksRange(a as bigint, b as bigint, step, make);
    };
  }
  const numeric = (t: ScalarType | undefined) => t === undefined || t === 'int' || t === 'long' || t === 'real';
  if (!numeric(ts) || !numeric(te) || !numeric(tp)) throw new UnsupportedError(`range() of ${types.join(', ')}`);
  return (vals) => {
    const [a, b] = [numOf(ts, vals[0]!), numOf(te, vals[1]!)];
    const c = tp === undefined ? ({ k: 'i', v: 1n } as const) : numOf(tp, vals[2]!);
    if (a === undefined || b === undefined || c === undefined) return null;
    if (a.k === 'i' && b.k === 'i' && c.k === 'i') return ticksRange(a.v, b.v, c.v, (v) => v);
    const [x, y, step] = [numToReal(a), numToReal(b), numToReal(c)];
    if (step === 0 || Number.isNaN(step)) return null;
    const out: Dyn[] = [];
    // start + i*step (not a running sum), so that rounding errors do not pile up.
    for (let i = 0; out.length < MAX_ELEMENTS; i++) {
      const v = x + i * step;
      if (step > 0 ? !(v <= y) : !(v >= y)) break;
      out.push(v);
    }
    return out;
  };
}

export const functions: ScalarFunction[] = [range];
