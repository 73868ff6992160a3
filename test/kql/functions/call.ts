// Test helper: binds a registered scalar function and evaluates it on one row.
import { lookupScalarFunction } from '../../../src/kql/functions/index.ts';
import type { ScalarType, Value } from '../../../src/kql/types.ts';

export type Arg = [ScalarType, Value] | [ScalarType, Value, 'row'];

/** Calls `name` with constant arguments (or per-row ones when marked 'row'). */
export function call(name: string, args: Arg[], resultType: ScalarType = 'bool'): Value {
  const fn = lookupScalarFunction(name).bind(
    args.map(([type, value, kind]) => (kind === 'row' ? { type, constant: false } : { type, constant: true, value })),
    resultType,
  );
  return fn(args.map(([, v]) => v), { now: 0n });
}

export const s = (v: string): Arg => ['string', v];
export const sr = (v: string): Arg => ['string', v, 'row'];
export const l = (v: bigint | null): Arg => ['long', v];
export const i = (v: number | null): Arg => ['int', v];
