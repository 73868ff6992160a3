/**
 * Core operators needed by the seed rule, registered only when the full implementation of the
 * same name is absent (see index.ts). Kusto semantics: kql-semantics.md §2.2-§2.4, §7.1.
 */
import { RuntimeError } from '../errors.ts';
import type { RowFn, ScalarFunction } from './contract.ts';
import type { ScalarType, Value } from '../types.ts';
import { valueToString } from '../values/format.ts';
import { parseJson } from '../values/dynamic.ts';
import { compareValues, valuesEqual } from '../values/compare.ts';

const wrap = (x: bigint): bigint => BigInt.asIntN(64, x);
const num = (v: Value): number => (typeof v === 'bigint' ? Number(v) : (v as number));
const big = (v: Value): bigint => (typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number)));

function commonType(a: ScalarType, b: ScalarType): ScalarType {
  if (a === b) return a;
  const nums = ['int', 'long', 'real'];
  if (nums.includes(a) && nums.includes(b)) return a === 'real' || b === 'real' ? 'real' : 'long';
  return a;
}

function equality(negate: boolean): ScalarFunction['bind'] {
  return (args) => {
    const t = commonType(args[0]!.type, args[1]!.type);
    const numeric = t === 'real' || t === 'long';
    return (a) => {
      const x = a[0]!;
      const y = a[1]!;
      if (x === null || y === null) return x === null && y === null ? null : negate;
      const eq = numeric ? (t === 'real' ? num(x) === num(y) : big(x) === big(y)) : valuesEqual(t, x, y);
      return eq !== negate;
    };
  };
}

function relation(test: (c: number) => boolean): ScalarFunction['bind'] {
  return (args) => {
    const t = commonType(args[0]!.type, args[1]!.type);
    const cmp = compareValues(t === 'int' ? 'real' : t);
    return (a) => {
      const x = a[0]!;
      const y = a[1]!;
      if (x === null || y === null) return null;
      if (t === 'real' || t === 'int') return test(num(x) < num(y) ? -1 : num(x) > num(y) ? 1 : 0);
      if (t === 'long') return test(big(x) < big(y) ? -1 : big(x) > big(y) ? 1 : 0);
      return test(cmp(x, y));
    };
  };
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%'): ScalarFunction['bind'] {
  return (args, result) => {
    const ta = args[0]!.type;
    const tb = args[1]!.type;
    if (result === 'real') {
      return (a) => {
        if (a[0] === null || a[1] === null) return null;
        const x = num(a[0]!);
        const y = num(a[1]!);
        switch (op) {
          case '+': return x + y;
          case '-': return x - y;
          case '*': return x * y;
          case '/': return x / y;
          case '%': return x % y;
        }
      };
    }
    if (result === 'long' || result === 'datetime' || result === 'timespan' || result === 'int') {
      const toResult = (v: bigint): Value => (result === 'int' ? Number(BigInt.asIntN(32, v)) : wrap(v));
      // timespan * real and timespan / real scale by a real factor.
      if ((op === '*' || op === '/') && (ta === 'real' || tb === 'real')) {
        return (a) => {
          if (a[0] === null || a[1] === null) return null;
          const r = op === '*' ? num(a[0]!) * num(a[1]!) : num(a[0]!) / num(a[1]!);
          return BigInt(Math.trunc(r));
        };
      }
      return (a) => {
        if (a[0] === null || a[1] === null) return null;
        const x = big(a[0]!);
        const y = big(a[1]!);
        switch (op) {
          case '+': return toResult(x + y);
          case '-': return toResult(x - y);
          case '*': return toResult(x * y);
          case '/':
            if (y === 0n) return null;
            return toResult(x / y);
          case '%': {
            if (y === 0n) return null;
            const m = x % y;
            const abs = y < 0n ? -y : y;
            return toResult(m < 0n ? m + abs : m);
          }
        }
      };
    }
    throw new RuntimeError(`internal: ${op} returning ${result}`);
  };
}

/** bin(value, size) rounds down to a multiple of size (bin-function doc); null or size <= 0 gives null. */
function binBind(args: readonly { type: ScalarType }[], result: ScalarType): RowFn {
  if (result === 'real') {
    return (a) => {
      if (a[0] === null || a[1] === null) return null;
      const size = num(a[1]!);
      return size <= 0 ? null : Math.floor(num(a[0]!) / size) * size;
    };
  }
  void args;
  return (a) => {
    if (a[0] === null || a[1] === null) return null;
    const v = big(a[0]!);
    const size = big(a[1]!);
    if (size <= 0n) return null;
    const q = v / size;
    const floor = v % size !== 0n && v < 0n ? q - 1n : q;
    return result === 'int' ? Number(floor * size) : floor * size;
  };
}

export const fallbackFunctions: ScalarFunction[] = [
  { name: '==', bind: equality(false) },
  { name: '!=', bind: equality(true) },
  { name: '<', bind: relation((c) => c < 0) },
  { name: '<=', bind: relation((c) => c <= 0) },
  { name: '>', bind: relation((c) => c > 0) },
  { name: '>=', bind: relation((c) => c >= 0) },
  { name: '+', bind: arithmetic('+') },
  { name: '-', bind: arithmetic('-') },
  { name: '*', bind: arithmetic('*') },
  { name: '/', bind: arithmetic('/') },
  { name: '%', bind: arithmetic('%') },
  { name: 'now', bind: () => (a, ctx) => (a.length > 0 && a[0] !== null ? ctx.now + (a[0] as bigint) : ctx.now) },
  { name: 'ago', bind: () => (a, ctx) => (a[0] === null ? null : ctx.now - (a[0] as bigint)) },
  { name: 'tostring', bind: (args) => { const t = args[0]!.type; return (a) => valueToString(t, a[0]!); } },
  { name: 'todynamic', bind: (args) => { const t = args[0]!.type; return (a) => (t === 'string' ? (a[0] === '' ? null : (parseJson(a[0] as string) ?? a[0]!)) : a[0]!); } },
  { name: 'parse_json', bind: (args) => { const t = args[0]!.type; return (a) => (t === 'string' ? (a[0] === '' ? null : (parseJson(a[0] as string) ?? a[0]!)) : a[0]!); } },
  { name: 'bin', bind: binBind },
  { name: 'floor', bind: binBind },
  { name: '__getprop', bind: () => (a) => (a[0] instanceof Map ? (a[0].get(a[1] as string) ?? null) : null) },
];
