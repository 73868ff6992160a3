/**
 * Filling missing values of a series (learn.microsoft.com/kusto/query/series-fill-*-function):
 * series_fill_forward, series_fill_backward, series_fill_const, series_fill_linear.
 *
 * A missing value is an element equal to *missing_value_placeholder*, whose default is
 * `double(null)`: then the null elements (`double(null)`, `long(null)` and `int(null)` "have the
 * same meaning"). The functions "preserve the original type of the array elements": a value
 * copied into a gap keeps its kind. series_fill_linear on a series of only int/long elements
 * gives integers: the page's example truncates (73.5 -> 73, 32.667 -> 32, 24.333 -> 24); an
 * all-int series gets int elements, otherwise long. A series whose elements are all missing is
 * filled with *constant_value* (default 0.0; `double(null)` keeps the nulls).
 */
import { DynInt, type Dyn, type ScalarType, type Value } from '../../types.ts';
import { compareNum } from '../../values/numbers.ts';
import { toDynValue } from '../conversions.ts';
import type { RowFn, ScalarFunction } from '../contract.ts';
import { arity, elemOf, realOf, seriesDoc } from './vector.ts';

const DOC = seriesDoc;

/** Which elements are missing: null ones, or those equal to a numeric placeholder. */
function missingTest(type: ScalarType | undefined, v: Value | undefined): (d: Dyn) => boolean {
  const p = type === undefined || v === undefined ? null : elemOf(toDynValue(type, v));
  if (p === null) return (d) => d === null;
  const want = typeof p === 'bigint' ? ({ k: 'i', v: p } as const) : ({ k: 'r', v: p } as const);
  return (d) => {
    const e = elemOf(d);
    if (e === null) return false;
    return compareNum(typeof e === 'bigint' ? { k: 'i', v: e } : { k: 'r', v: e }, want) === 0;
  };
}

/** Forward (from the left) or backward (from the right) fill; edge gaps stay. */
function fillDirection(name: string, forward: boolean): ScalarFunction {
  return {
    name,
    doc: DOC(name),
    bind(args): RowFn {
      arity(name, args, 1, 2);
      return (vals) => {
        const a = vals[0];
        if (!Array.isArray(a)) return null;
        const missing = missingTest(args[1]?.type, vals[1]);
        const out = (a as Dyn[]).slice();
        let last: Dyn | undefined;
        for (let k = 0; k < out.length; k++) {
          const i = forward ? k : out.length - 1 - k;
          if (missing(out[i]!)) {
            if (last !== undefined) out[i] = last;
          } else last = out[i]!;
        }
        return out;
      };
    },
  };
}

const fillConst: ScalarFunction = {
  name: 'series_fill_const',
  doc: DOC('series_fill_const'),
  bind(args): RowFn {
    arity('series_fill_const', args, 2, 3);
    return (vals) => {
      const a = vals[0];
      if (!Array.isArray(a)) return null;
      const missing = missingTest(args[2]?.type, vals[2]);
      const c = toDynValue(args[1]!.type, vals[1]!);
      return (a as Dyn[]).map((d) => (missing(d) ? c : d));
    };
  },
};

const fillLinear: ScalarFunction = {
  name: 'series_fill_linear',
  doc: DOC('series_fill_linear'),
  bind(args): RowFn {
    arity('series_fill_linear', args, 1, 4);
    return (vals) => {
      const a = vals[0];
      if (!Array.isArray(a)) return null;
      const missing = missingTest(args[1]?.type, vals[1]);
      const fillEdges = vals.length > 2 ? vals[2] !== false : true;
      const src = a as Dyn[];
      const present: number[] = [];
      src.forEach((d, i) => {
        if (!missing(d)) present.push(i);
      });
      if (present.length === 0) {
        const c = vals.length > 3 ? toDynValue(args[3]!.type, vals[3]!) : 0;
        return src.map(() => c);
      }
      const known = present.map((i) => elemOf(src[i]));
      // Only int/long elements: interpolated values are truncated integers of the same kind.
      const integral = known.every((e) => typeof e === 'bigint');
      const allInt = integral && present.every((i) => src[i] instanceof DynInt);
      const out = src.slice();
      const first = present[0]!;
      const last = present[present.length - 1]!;
      if (fillEdges) {
        for (let i = 0; i < first; i++) out[i] = src[first]!;
        for (let i = last + 1; i < out.length; i++) out[i] = src[last]!;
      }
      for (let k = 0; k + 1 < present.length; k++) {
        const [i0, i1] = [present[k]!, present[k + 1]!];
        const [y0, y1] = [realOf(known[k]!), realOf(known[k + 1]!)];
        for (let i = i0 + 1; i < i1; i++) {
          if (y0 === null || y1 === null) {
            out[i] = null;
            continue;
          }
          const y = y0 + ((y1 - y0) * (i - i0)) / (i1 - i0);
          out[i] = !integral ? y : allInt ? new DynInt(Math.trunc(y)) : BigInt(Math.trunc(y));
        }
      }
      return out;
    };
  },
};

export const functions: ScalarFunction[] = [
  fillDirection('series_fill_forward', true),
  fillDirection('series_fill_backward', false),
  fillConst,
  fillLinear,
];
