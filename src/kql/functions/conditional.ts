/**
 * Conditionals and null/empty helpers: iff/iif, case, coalesce, isempty, isnotempty, isnull,
 * isnotnull, not, max_of, min_of, isnan, isinf, isfinite (kql-semantics.md §7.2 and each
 * function's doc page).
 */
import { UnsupportedError } from '../errors.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, nullOf, type Dyn, type ScalarType, type Value } from '../types.ts';
import { compareValues } from '../values/compare.ts';
import { valueToString } from '../values/format.ts';
import { decFromBigint, decFromNumber, decToString } from '../values/decimal.ts';
import type { ArgInfo, ScalarFunction } from './contract.ts';
import { arity, define } from './strings.ts';

/**
 * Converts a branch value to the call's result type, for the widenings the binder applies when
 * it computes a common type (int → long → real → decimal; kql-semantics.md §2.7). Same type:
 * identity. Anything else is not a common-type widening and is rejected at bind time.
 */
export function widen(from: ScalarType, to: ScalarType): (v: Value) => Value {
  if (from === to) return (v) => v;
  const numeric = (t: ScalarType) => t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
  if (numeric(from) && numeric(to)) {
    switch (to) {
      case 'long': return (v) => (v === null ? null : BigInt(v as number));
      case 'real': return (v) => (v === null ? null : Number(v as number | bigint));
      case 'decimal': return (v) => {
        if (v === null) return null;
        const d = typeof v === 'bigint' ? decFromBigint(v) : decFromNumber(v as number);
        return d ? decToString(d) : null;
      };
      default: break;
    }
  }
  if (to === 'dynamic') {
    // A typed value in a dynamic result (e.g. iff(c, dynamic([...]), dynamic(null))).
    return (v) => {
      if (v === null) return null;
      if (from === 'int') return new DynInt(v as number);
      if (from === 'decimal') return new DynDecimal(v as string);
      if (from === 'string' || from === 'bool' || from === 'long' || from === 'real') return v as Dyn;
      if (from === 'datetime') return new DynDatetime(v as bigint);
      if (from === 'timespan') return new DynTimespan(v as bigint);
      if (from === 'guid') return new DynGuid(v as string);
      throw new UnsupportedError(`a ${from} value in a dynamic conditional result`);
    };
  }
  if (from === 'dynamic' && to === 'string') {
    // iif(c, split(s, "@")[0], s): the official binder types the call string (Microsoft's
    // published BEC S3 rule writes it), so the dynamic branch's value becomes a string as
    // tostring() makes one: a JSON string's text, other values as JSON, null as "".
    return (v) => valueToString('dynamic', v);
  }
  throw new UnsupportedError(`a ${from} branch in a conditional returning ${to}`);
}

/** A condition counts only when it is true: null (and a dynamic non-bool) counts as false (iff doc, case doc). */
function isTrue(type: ScalarType, v: Value): boolean {
  return type === 'dynamic' ? v === true : v === true;
}

/** iff(cond, then, else) / iif: `then` when cond is true; otherwise (false or null) `else` (iff-function doc). */
function iffFunction(name: string): ScalarFunction {
  return define(name, 'iff-function', (args, resultType) => {
    arity(name, args, 3, 3);
    const t = widen(args[1]!.type, resultType);
    const e = widen(args[2]!.type, resultType);
    const ct = args[0]!.type;
    return (a) => (isTrue(ct, a[0]!) ? t(a[1]!) : e(a[2]!));
  });
}

/** case(p1, v1, ..., else): the value of the first predicate that is true (case-function doc). */
const caseFunction = define('case', 'case-function', (args, resultType) => {
  if (args.length < 3 || args.length % 2 === 0) throw new UnsupportedError(`case() with ${args.length} argument(s)`);
  const n = args.length - 1;
  // Values sit at odd positions and at the end; predicates are not converted.
  const conv = args.map((x, i) => (i % 2 === 1 || i === n ? widen(x.type, resultType) : (v: Value) => v));
  return (a) => {
    for (let i = 0; i < n; i += 2) if (isTrue(args[i]!.type, a[i]!)) return conv[i + 1]!(a[i + 1]!);
    return conv[n]!(a[n]!);
  };
});

/** Is the value "empty" in isempty's sense: null, or an empty string (isempty-function doc). */
function isEmptyValue(type: ScalarType, v: Value): boolean {
  if (v === null) return true;
  if (type === 'string') return v === '';
  // dynamic: null and "" are empty; [] and {} are not (isempty doc table: parse_json("[]") → false).
  if (type === 'dynamic') return v === '';
  return false;
}

/**
 * coalesce(a1, ..., an): the first argument that is not null and, for strings, not empty —
 * "Evaluates a list of expressions and returns the first non-null (or non-empty for string)
 * expression" (coalesce-function doc). None qualifies: the null of the result type ("" for string).
 * `coalesceSkips` is that rule for one argument (exec/conditional-eval.ts uses it too).
 */
export function coalesceSkips(type: ScalarType, v: Value): boolean {
  return v === null || (type === 'string' && v === '');
}

const coalesce = define('coalesce', 'coalesce-function', (args, resultType) => {
  arity('coalesce', args, 2, 64);
  const conv = args.map((x) => widen(x.type, resultType));
  const none = nullOf(resultType);
  return (a) => {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!;
      if (coalesceSkips(args[i]!.type, v)) continue;
      return conv[i]!(v);
    }
    return none;
  };
});

function unary(name: string, doc: string, f: (type: ScalarType, v: Value) => Value): ScalarFunction {
  return define(name, doc, (args) => {
    arity(name, args, 1, 1);
    const t = args[0]!.type;
    return (a) => f(t, a[0]!);
  });
}

/**
 * max_of/min_of(a1, ..., an): largest/smallest argument after conversion to the common type;
 * "Non-null values take precedence to null values"; all null → null (max-of-function doc).
 */
function extremeOf(name: string, sign: 1 | -1): ScalarFunction {
  return define(name, `${name.replace('_', '-')}-function`, (args: readonly ArgInfo[], resultType) => {
    arity(name, args, 2, 64);
    if (resultType === 'dynamic') throw new UnsupportedError(`${name}() on dynamic values`);
    const conv = args.map((x) => widen(x.type, resultType));
    const cmp = compareValues(resultType);
    const none = nullOf(resultType);
    return (a) => {
      let best: Value = null;
      let found = false;
      for (let i = 0; i < a.length; i++) {
        const v = conv[i]!(a[i]!);
        // "" stands in for a null string, so it loses to any non-empty string (our choice).
        if (v === null || (resultType === 'string' && v === '')) continue;
        if (!found || sign * cmp(v, best) > 0) {
          best = v;
          found = true;
        }
      }
      return found ? best : none;
    };
  });
}

function realOf(type: ScalarType, v: Value): number | null {
  if (v === null) return null;
  if (type === 'real' || type === 'int') return v as number;
  if (type === 'long') return Number(v as bigint);
  if (type === 'decimal') return Number(v as string);
  if (type === 'dynamic') {
    const d = v as Dyn;
    if (typeof d === 'number') return d;
    if (typeof d === 'bigint') return Number(d);
    if (d instanceof DynInt) return d.value;
  }
  return null;
}

export const functions: ScalarFunction[] = [
  iffFunction('iff'),
  iffFunction('iif'),
  caseFunction,
  coalesce,
  unary('isempty', 'isempty-function', (t, v) => isEmptyValue(t, v)),
  unary('isnotempty', 'isnotempty-function', (t, v) => !isEmptyValue(t, v)),
  // isnull: strings are never null (isnull("") = false); dynamic null is null (isnull-function doc).
  unary('isnull', 'isnull-function', (t, v) => t !== 'string' && v === null),
  unary('isnotnull', 'isnotnull-function', (t, v) => t === 'string' || v !== null),
  // not(null) = null (null-values doc); a dynamic that is not a bool gives null (our choice).
  unary('not', 'not-function', (_t, v) => (typeof v === 'boolean' ? !v : null)),
  extremeOf('max_of', 1),
  extremeOf('min_of', -1),
  // isnan/isinf/isfinite: "true if ... and false otherwise" — null gives false (our reading of the docs).
  unary('isnan', 'isnan-function', (t, v) => {
    const x = realOf(t, v);
    return x !== null && Number.isNaN(x);
  }),
  unary('isinf', 'isinf-function', (t, v) => {
    const x = realOf(t, v);
    return x !== null && (x === Infinity || x === -Infinity);
  }),
  unary('isfinite', 'isfinite-function', (t, v) => {
    const x = realOf(t, v);
    return x !== null && Number.isFinite(x);
  }),
];
