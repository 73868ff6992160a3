/** The to*() conversion of a value of one type to another, bound once (tostring, tolong, todynamic, ...). */
import type { ScalarType, Value } from '../types.ts';
import { lookupScalarFunction } from './index.ts';

const CONVERTERS: Record<ScalarType, string> = {
  bool: 'tobool', int: 'toint', long: 'tolong', real: 'toreal', decimal: 'todecimal', string: 'tostring',
  datetime: 'todatetime', timespan: 'totimespan', guid: 'toguid', dynamic: 'todynamic',
};

/** `to<to>(v)` for a `from` value, as the conversion functions' docs define it. */
export function converter(from: ScalarType, to: ScalarType): (v: Value) => Value {
  const fn = lookupScalarFunction(CONVERTERS[to]).bind([{ type: from, constant: false }], to);
  return (v) => fn([v], { now: 0n });
}
