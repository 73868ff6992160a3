import { UnsupportedError } from '../errors.ts';
import type { ScalarFunction } from './contract.ts';
import { functions as operators } from './operators.ts';
import { functions as time } from './time.ts';
import { functions as conversions } from './conversions.ts';
import { functions as dynamic } from './dynamic.ts';
import { functions as strings } from './strings.ts';
import { functions as regex } from './regex-functions.ts';
import { functions as conditional } from './conditional.ts';
import { functions as network } from './network.ts';
import { functions as hash } from './hash.ts';
import { functions as math } from './math.ts';
import { functions as documents } from './documents.ts';
import { functions as series } from './series/index.ts';
import { functions as rounding } from './rounding.ts';
import { functions as rangeArray } from './range-array.ts';

const registry = new Map<string, ScalarFunction>();
for (const group of [operators, time, conversions, dynamic, strings, regex, conditional, network, hash, math, documents, rounding, rangeArray, series]) {
  for (const f of group) {
    if (registry.has(f.name)) throw new Error(`scalar function ${f.name} registered twice`);
    registry.set(f.name, f);
  }
}

export function lookupScalarFunction(name: string): ScalarFunction {
  const f = registry.get(name);
  if (!f) throw new UnsupportedError(`the function ${name}()`);
  return f;
}

export function hasScalarFunction(name: string): boolean {
  return registry.has(name);
}

export function scalarFunctionNames(): string[] {
  return [...registry.keys()].sort();
}

/** What each partly implemented function leaves out (ScalarFunction.partial), by name. */
export function scalarFunctionLimits(): Map<string, string> {
  return new Map([...registry.values()].filter((f) => f.partial).map((f) => [f.name, f.partial!]));
}
