/**
 * Arithmetic, comparison, between and dynamic accessors (kql-semantics.md §2.2-§2.4, §3.10, §8.2;
 * learn.microsoft.com/kusto/query/numerical-operators, datetime-timespan-arithmetic,
 * null-values, between-operator). The result type comes from the official binder.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { DynDatetime, DynGuid, DynInt, DynTimespan, type Dyn, type ScalarType, type Value } from '../types.ts';
import { decAdd, decDiv, decMul, decRem, decSub, decToString, type Dec } from '../values/decimal.ts';
import { dynEquals } from '../values/dynamic.ts';
import { isValidDatetimeTicks } from '../values/datetime.ts';
import { timespanOrNull } from '../values/timespan.ts';
import { compareNum, numOf, numToDec, numToReal, numToValue, wrap64, type Num } from '../values/numbers.ts';
import type { ArgInfo, RowFn, ScalarFunction } from './contract.ts';

const NUMERIC = new Set<ScalarType>(['int', 'long', 'real', 'decimal']);

export type ArithOp = '+' | '-' | '*' | '/' | '%';
type Op = ArithOp;

/** A datetime result: out of 0001..9999 gives null (our choice; .NET would throw). */
const dt = (t: bigint): bigint | null => (isValidDatetimeTicks(t) ? t : null);

/**
 * Integer operators: + - * wrap at 64 bits; / truncates toward zero; % is never negative:
 * -14 % 12 = 10, 14 % -12 = 2 (numerical-operators doc, kql-semantics.md §2.3).
 * Division or modulo by zero gives null (our choice; the docs do not say).
 */
export function intOp(op: Op, a: bigint, b: bigint): bigint | null {
  switch (op) {
    case '+': return wrap64(a + b);
    case '-': return wrap64(a - b);
    case '*': return wrap64(a * b);
    case '/': return b === 0n ? null : wrap64(a / b);
    case '%': {
      if (b === 0n) return null;
      const r = a % b;
      return r < 0n ? r + (b < 0n ? -b : b) : r;
    }
  }
}

/** Real operators follow IEEE (1.0/0.0 = +inf, real doc); % is the .NET (truncated) remainder. */
function realOp(op: Op, a: number, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '%': return a % b;
  }
}

function decOp(op: Op, a: Dec, b: Dec): Dec | null {
  switch (op) {
    case '+': return decAdd(a, b);
    case '-': return decSub(a, b);
    case '*': return decMul(a, b);
    case '/': return decDiv(a, b);
    case '%': return decRem(a, b);
  }
}

/** Numbers: computed in the widest kind of the two operands, then given the binder's result type. */
function numericOp(op: Op, a: Num, b: Num, result: ScalarType): Value {
  if (a.k === 'd' || b.k === 'd' || result === 'decimal') {
    const x = numToDec(a);
    const y = numToDec(b);
    if (!x || !y) return null;
    const r = decOp(op, x, y);
    return r ? numToValue({ k: 'd', v: r }, result) : null;
  }
  if (a.k === 'r' || b.k === 'r' || result === 'real') return numToValue({ k: 'r', v: realOp(op, numToReal(a), numToReal(b)) }, result);
  const r = intOp(op, a.v as bigint, b.v as bigint);
  return r === null ? null : numToValue({ k: 'i', v: r }, result);
}

/** Ticks of a datetime/timespan argument (dynamic: when it holds one). */
function ticksOf(type: ScalarType, v: Value, want: 'datetime' | 'timespan'): bigint | undefined {
  if (v === null) return undefined;
  if (type === want) return v as bigint;
  if (type === 'dynamic') {
    if (want === 'datetime' && v instanceof DynDatetime) return v.ticks;
    if (want === 'timespan' && v instanceof DynTimespan) return v.ticks;
  }
  return undefined;
}



function timeArith(op: Op, ta: ScalarType, tb: ScalarType, result: ScalarType): RowFn | undefined {
  const wrapResult = (v: bigint | null, kind: 'datetime' | 'timespan'): Value => {
    if (v === null) return null;
    if (result === 'dynamic') return kind === 'datetime' ? new DynDatetime(v) : new DynTimespan(v);
    return v;
  };
  if (ta === 'datetime' && tb === 'timespan' && (op === '+' || op === '-')) {
    return ([a, b]) => (a === null || b === null ? null : wrapResult(dt(op === '+' ? (a as bigint) + (b as bigint) : (a as bigint) - (b as bigint)), 'datetime'));
  }
  if (ta === 'timespan' && tb === 'datetime' && op === '+') {
    return ([a, b]) => (a === null || b === null ? null : wrapResult(dt((a as bigint) + (b as bigint)), 'datetime'));
  }
  if (ta === 'datetime' && tb === 'datetime' && op === '-') {
    return ([a, b]) => (a === null || b === null ? null : wrapResult((a as bigint) - (b as bigint), 'timespan'));
  }
  if (ta === 'timespan' && tb === 'timespan') {
    if (op === '/') return ([a, b]) => (a === null || b === null ? null : Number(a as bigint) / Number(b as bigint));
    return ([a, b]) => {
      if (a === null || b === null) return null;
      const x = a as bigint;
      const y = b as bigint;
      if (op === '%') return y === 0n ? null : wrapResult(x % y, 'timespan');
      return wrapResult(timespanOrNull(op === '+' ? x + y : op === '-' ? x - y : x * y), 'timespan');
    };
  }
  // timespan * number, number * timespan, timespan / number -> timespan; fractions of a tick truncate (our choice).
  const scale = (t: bigint, n: Num, divide: boolean): bigint | null => {
    if (n.k === 'i' && !divide) return timespanOrNull(t * n.v);
    if (n.k === 'i' && divide) return n.v === 0n ? null : t / n.v;
    const x = divide ? Number(t) / numToReal(n) : Number(t) * numToReal(n);
    return Number.isFinite(x) ? timespanOrNull(BigInt(Math.trunc(x))) : null;
  };
  if (ta === 'timespan' && (NUMERIC.has(tb) || tb === 'dynamic') && (op === '*' || op === '/')) {
    return ([a, b]) => {
      const n = numOf(tb, b);
      return a === null || n === undefined ? null : wrapResult(scale(a as bigint, n, op === '/'), 'timespan');
    };
  }
  if ((NUMERIC.has(ta) || ta === 'dynamic') && tb === 'timespan' && op === '*') {
    return ([a, b]) => {
      const n = numOf(ta, a);
      return b === null || n === undefined ? null : wrapResult(scale(b as bigint, n, false), 'timespan');
    };
  }
  if (ta === 'datetime' && (tb === 'datetime' || tb === 'timespan') && op === '/') {
    return ([a, b]) => (a === null || b === null ? null : Number(a as bigint) / Number(b as bigint));
  }
  return undefined;
}

/** Dynamic operands holding datetimes or timespans: dispatch on the runtime kinds. */
function dynTimeKind(v: Value): ScalarType | undefined {
  if (v instanceof DynDatetime) return 'datetime';
  if (v instanceof DynTimespan) return 'timespan';
  return undefined;
}

function arith(op: Op): ScalarFunction {
  return {
    name: op,
    doc: 'learn.microsoft.com/kusto/query/numerical-operators',
    bind(args: readonly ArgInfo[], result: ScalarType): RowFn {
      if (args.length !== 2) throw new KqlError('binding', `operator ${op} needs two operands`);
      const [ta, tb] = [args[0]!.type, args[1]!.type];
      const timeFn = timeArith(op, ta, tb, result);
      if (timeFn) return timeFn;
      const numericOk = (t: ScalarType): boolean => NUMERIC.has(t) || t === 'dynamic';
      if (!numericOk(ta) || !numericOk(tb)) throw new UnsupportedError(`the operator ${ta} ${op} ${tb}`);
      return ([a, b]) => {
        const x = numOf(ta, a!);
        const y = numOf(tb, b!);
        if (x === undefined || y === undefined) {
          // A dynamic operand may hold a datetime or timespan.
          const ka = ta === 'dynamic' ? dynTimeKind(a!) : undefined;
          const kb = tb === 'dynamic' ? dynTimeKind(b!) : undefined;
          if (ka || kb) {
            const f = timeArith(op, ka ?? ta, kb ?? tb, result);
            const unwrap = (v: Value): Value => (v instanceof DynDatetime || v instanceof DynTimespan ? v.ticks : v);
            if (f) return f([unwrap(a!), unwrap(b!)], { now: 0n });
          }
          return null;
        }
        return numericOp(op, x, y, result);
      };
    },
  };
}

function unary(name: 'unary-' | 'unary+'): ScalarFunction {
  return {
    name,
    doc: 'learn.microsoft.com/kusto/query/numerical-operators',
    bind(args, result) {
      const t = args[0]!.type;
      const neg = name === 'unary-';
      if (t === 'timespan') return ([v]) => (v === null ? null : neg ? timespanOrNull(-(v as bigint)) : v);
      if (!NUMERIC.has(t) && t !== 'dynamic') throw new UnsupportedError(`the operator ${neg ? '-' : '+'}${t}`);
      return ([v]) => {
        if (t === 'dynamic' && v instanceof DynTimespan) return neg ? new DynTimespan(-v.ticks) : v;
        const n = numOf(t, v!);
        if (n === undefined) return null;
        if (!neg) return numToValue(n, result);
        if (n.k === 'i') return numToValue({ k: 'i', v: wrap64(-n.v) }, result);
        if (n.k === 'r') return numToValue({ k: 'r', v: -n.v }, result);
        return numToValue({ k: 'd', v: { m: -n.v.m, scale: n.v.scale } }, result);
      };
    },
  };
}

/** A value prepared for comparison: its kind and a payload comparable within the kind. */
type Cmp =
  | { k: 'num'; n: Num }
  | { k: 'str'; s: string }
  | { k: 'bool'; b: boolean }
  | { k: 'dt'; t: bigint }
  | { k: 'ts'; t: bigint }
  | { k: 'guid'; s: string }
  | { k: 'dyn'; d: Dyn };

function cmpOf(type: ScalarType, v: Value): Cmp | null {
  if (v === null) return null;
  switch (type) {
    case 'string': return { k: 'str', s: v as string };
    case 'bool': return { k: 'bool', b: v as boolean };
    case 'datetime': return { k: 'dt', t: v as bigint };
    case 'timespan': return { k: 'ts', t: v as bigint };
    case 'guid': return { k: 'guid', s: v as string };
    case 'dynamic': return cmpOfDyn(v as Dyn);
    default: {
      const n = numOf(type, v);
      return n ? { k: 'num', n } : null;
    }
  }
}

/** A dynamic operand compares through the primitive it holds (kql-semantics.md §8.3); dynamic(null) is null. */
function cmpOfDyn(d: Dyn): Cmp | null {
  if (d === null) return null;
  switch (typeof d) {
    case 'string': return { k: 'str', s: d };
    case 'boolean': return { k: 'bool', b: d };
    case 'number': return { k: 'num', n: { k: 'r', v: d } };
    case 'bigint': return { k: 'num', n: { k: 'i', v: d } };
  }
  if (d instanceof DynInt) return { k: 'num', n: { k: 'i', v: BigInt(d.value) } };
  if (d instanceof DynDatetime) return { k: 'dt', t: d.ticks };
  if (d instanceof DynTimespan) return { k: 'ts', t: d.ticks };
  if (d instanceof DynGuid) return { k: 'guid', s: d.text };
  const n = numOf('dynamic', d);
  if (n) return { k: 'num', n };
  return { k: 'dyn', d };
}

/**
 * Order of two comparable values: a number, 'ne' when they can only be unequal (different kinds,
 * arrays/bags), or undefined when unordered (NaN). Bool compares with numbers as 0/1 (the
 * binder accepts bool x number for < and >).
 */
function order(a: Cmp, b: Cmp): number | 'ne' | undefined {
  if (a.k === 'bool' && b.k === 'num') return order({ k: 'num', n: { k: 'i', v: a.b ? 1n : 0n } }, b);
  if (a.k === 'num' && b.k === 'bool') return order(a, { k: 'num', n: { k: 'i', v: b.b ? 1n : 0n } });
  if (a.k !== b.k) return 'ne';
  switch (a.k) {
    case 'num': return compareNum(a.n, (b as typeof a).n);
    case 'str':
    case 'guid': {
      const y = (b as typeof a).s;
      return a.s < y ? -1 : a.s > y ? 1 : 0;
    }
    case 'bool': return Number(a.b) - Number((b as typeof a).b);
    case 'dt':
    case 'ts': {
      const y = (b as typeof a).t;
      return a.t < y ? -1 : a.t > y ? 1 : 0;
    }
    case 'dyn': return dynEquals(a.d, (b as typeof a).d) ? 0 : 'ne';
  }
}

type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * Null rules (null-values doc, kql-semantics.md §2.2): `==` with exactly one null side is false,
 * `!=` true; both null gives null (null-values.md, §11.10); relational operators with a null are null.
 * Strings are never null, so "" == "" is true.
 */
function compareOp(op: CmpOp): ScalarFunction {
  return {
    name: op,
    doc: 'learn.microsoft.com/kusto/query/null-values',
    bind(args) {
      const [ta, tb] = [args[0]!.type, args[1]!.type];
      return ([a, b]) => {
        const x = cmpOf(ta, a!);
        const y = cmpOf(tb, b!);
        if (x === null || y === null) {
          if (x === null && y === null) return null;
          if (op === '==') return false;
          if (op === '!=') return true;
          return null;
        }
        const c = order(x, y);
        if (op === '==') return c === 0;
        if (op === '!=') return c !== 0;
        if (c === undefined || c === 'ne') return c === 'ne' ? null : false;
        switch (op) {
          case '<': return c < 0;
          case '<=': return c <= 0;
          case '>': return c > 0;
          case '>=': return c >= 0;
        }
      };
    },
  };
}

/**
 * `x between (lo .. hi)` is lo <= x <= hi, inclusive; for a datetime with a timespan upper bound
 * the range is [lo, lo + hi] (between-operator doc). A null anywhere gives null.
 */
function betweenOp(name: 'between' | '!between'): ScalarFunction {
  return {
    name,
    doc: 'learn.microsoft.com/kusto/query/between-operator',
    bind(args) {
      if (args.length !== 3) throw new KqlError('binding', `${name} needs a value and two bounds`);
      const [tx, tl, th] = args.map((a) => a.type) as [ScalarType, ScalarType, ScalarType];
      const spanHi = (tl === 'datetime' || tl === 'dynamic') && th === 'timespan' && tx !== 'timespan';
      return ([x, lo, hi]) => {
        const cx = cmpOf(tx, x!);
        const cl = cmpOf(tl, lo!);
        let ch = cmpOf(th, hi!);
        if (cx === null || cl === null || ch === null) return null;
        if (spanHi && cl.k === 'dt' && ch.k === 'ts') ch = { k: 'dt', t: cl.t + ch.t };
        const a = order(cl, cx);
        const b = order(cx, ch);
        if (a === 'ne' || b === 'ne') return null;
        if (a === undefined || b === undefined) return name === '!between';
        const inside = a <= 0 && b <= 0;
        return name === 'between' ? inside : !inside;
      };
    },
  };
}

/** `d.a` / `d["a"]`: a bag's property; anything else (array, primitive, null, missing key) is null (§8.2). */
const getprop: ScalarFunction = {
  name: '__getprop',
  doc: 'learn.microsoft.com/kusto/query/scalar-data-types/dynamic',
  bind(args) {
    if (args[0]!.type !== 'dynamic') throw new UnsupportedError(`a property access on a ${args[0]!.type} value`);
    return ([d, k]) => (d instanceof Map ? (d.get(k as string) ?? null) : null);
  },
};

function indexValue(type: ScalarType, v: Value): number | string | undefined {
  if (v === null) return undefined;
  if (type === 'string') return v as string;
  if (type === 'int') return v as number;
  if (type === 'long') return Number(v as bigint);
  if (type === 'dynamic') {
    if (typeof v === 'string') return v;
    if (v instanceof DynInt) return v.value;
    if (typeof v === 'bigint') return Number(v);
  }
  return undefined;
}

/** `d[i]` (negative counts from the end: -1 is the last element) and `d[key]`; out of range or wrong shape -> null (§8.2). */
const index: ScalarFunction = {
  name: '__index',
  doc: 'learn.microsoft.com/kusto/query/scalar-data-types/dynamic',
  bind(args) {
    if (args[0]!.type !== 'dynamic') throw new UnsupportedError(`an element access on a ${args[0]!.type} value`);
    const ti = args[1]!.type;
    if (!['string', 'int', 'long', 'dynamic'].includes(ti)) throw new UnsupportedError(`an element access with a ${ti} index`);
    return ([d, i]) => {
      const k = indexValue(ti, i!);
      if (k === undefined) return null;
      if (typeof k === 'string') return d instanceof Map ? (d.get(k) ?? null) : null;
      if (!Array.isArray(d)) return null;
      const j = k < 0 ? d.length + k : k;
      return j >= 0 && j < d.length ? d[j]! : null;
    };
  },
};

export const functions: ScalarFunction[] = [
  arith('+'), arith('-'), arith('*'), arith('/'), arith('%'),
  unary('unary-'), unary('unary+'),
  compareOp('=='), compareOp('!='), compareOp('<'), compareOp('<='), compareOp('>'), compareOp('>='),
  betweenOp('between'), betweenOp('!between'),
  getprop, index,
];

