/** Number helpers shared by operators and conversions: 64-bit wraparound, kinds of dynamic numbers. */
import { DynDecimal, DynInt, type Dyn, type ScalarType, type Value } from '../types.ts';
import { parseDec, decToString, type Dec, decFromBigint, decFromNumber, decToNumber } from './decimal.ts';

/** .NET unchecked 64-bit arithmetic: wraps (docs/values.md). */
export const wrap64 = (v: bigint): bigint => BigInt.asIntN(64, v);
export const wrap32 = (v: number | bigint): number => Number(BigInt.asIntN(32, BigInt(v)));

/** A numeric value by kind: int and long as bigint (`i`), real as number (`r`), decimal (`d`). */
export type Num = { k: 'i'; v: bigint } | { k: 'r'; v: number } | { k: 'd'; v: Dec };

/** The number held by a typed value (dynamic: its numeric kinds), or undefined. */
export function numOf(type: ScalarType, v: Value): Num | undefined {
  if (v === null) return undefined;
  switch (type) {
    case 'int': return { k: 'i', v: BigInt(v as number) };
    case 'long': return { k: 'i', v: v as bigint };
    case 'real': return { k: 'r', v: v as number };
    case 'decimal': {
      const d = parseDec(v as string);
      return d ? { k: 'd', v: d } : undefined;
    }
    case 'dynamic': return numOfDyn(v as Dyn);
    default: return undefined;
  }
}

export function numOfDyn(d: Dyn): Num | undefined {
  if (typeof d === 'bigint') return { k: 'i', v: d };
  if (typeof d === 'number') return { k: 'r', v: d };
  if (d instanceof DynInt) return { k: 'i', v: BigInt(d.value) };
  if (d instanceof DynDecimal) {
    const x = parseDec(d.text);
    return x ? { k: 'd', v: x } : undefined;
  }
  return undefined;
}

export function numToReal(n: Num): number {
  return n.k === 'r' ? n.v : n.k === 'i' ? Number(n.v) : decToNumber(n.v);
}

export function numToDec(n: Num): Dec | null {
  return n.k === 'd' ? n.v : n.k === 'i' ? decFromBigint(n.v) : decFromNumber(n.v);
}

/** A computed number as a value of `type`; reals to integers truncate; out of range -> null. */
export function numToValue(n: Num, type: ScalarType): Value {
  switch (type) {
    case 'long':
    case 'int': {
      let b: bigint;
      if (n.k === 'i') b = n.v;
      else {
        const x = numToReal(n);
        if (!Number.isFinite(x)) return null;
        b = BigInt(Math.trunc(x));
      }
      return type === 'long' ? wrap64(b) : wrap32(b);
    }
    case 'real':
      return numToReal(n);
    case 'decimal': {
      const d = numToDec(n);
      return d ? decToString(d) : null;
    }
    case 'dynamic':
      if (n.k === 'i') return wrap64(n.v);
      if (n.k === 'r') return n.v;
      return new DynDecimal(decToString(n.v));
    default:
      return null;
  }
}

/** Compares two numbers exactly across kinds; undefined when unordered (NaN). */
export function compareNum(a: Num, b: Num): number | undefined {
  if (a.k === 'i' && b.k === 'i') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
  if (a.k === 'd' || b.k === 'd') {
    if (a.k === 'r' && !Number.isFinite(a.v)) return Number.isNaN(a.v) ? undefined : a.v > 0 ? 1 : -1;
    if (b.k === 'r' && !Number.isFinite(b.v)) return Number.isNaN(b.v) ? undefined : b.v > 0 ? -1 : 1;
    const x = numToDec(a);
    const y = numToDec(b);
    if (!x || !y) return undefined;
    const [m1, m2] = [x.m * 10n ** BigInt(28 - x.scale), y.m * 10n ** BigInt(28 - y.scale)];
    return m1 < m2 ? -1 : m1 > m2 ? 1 : 0;
  }
  // One real: compare exactly, a long converted to double may round, so compare integers as bigint.
  const x = a.k === 'r' ? a.v : undefined;
  const y = b.k === 'r' ? b.v : undefined;
  if ((x !== undefined && Number.isNaN(x)) || (y !== undefined && Number.isNaN(y))) return undefined;
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  const r = (x ?? y)!;
  const i = (a.k === 'i' ? a.v : (b as { v: bigint }).v);
  let c: number;
  if (!Number.isFinite(r)) c = r > 0 ? 1 : -1;
  else {
    const fl = BigInt(Math.floor(r));
    c = fl > i ? 1 : fl < i ? -1 : r > Math.floor(r) ? 1 : 0; // sign of (r - i)
  }
  return x !== undefined ? c : -c;
}
