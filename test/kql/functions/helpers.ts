import type { ScalarType, Value } from '../../../src/kql/types.ts';
import { functions as operators } from '../../../src/kql/functions/operators.ts';
import { functions as time } from '../../../src/kql/functions/time.ts';
import { functions as conversions } from '../../../src/kql/functions/conversions.ts';
import { functions as dynamic } from '../../../src/kql/functions/dynamic.ts';
import { functions as hash } from '../../../src/kql/functions/hash.ts';

const all = [...operators, ...time, ...conversions, ...dynamic, ...hash];

/** Binds `name` with the given argument types and result type, then evaluates one row. */
export function call(name: string, types: ScalarType[], result: ScalarType, args: Value[], now = 0n): Value {
  const f = all.find((x) => x.name === name);
  if (!f) throw new Error(`no function ${name}`);
  const fn = f.bind(types.map((type, i) => ({ type, constant: true, value: args[i] })), result);
  return fn(args, { now });
}
