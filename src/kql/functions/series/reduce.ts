/**
 * Series functions that reduce arrays to one real (learn.microsoft.com/kusto/query/series-<name>-function):
 * series_sum, series_product, series_magnitude, series_dot_product, series_cosine_similarity,
 * series_pearson_correlation.
 *
 * series_dot_product and series_cosine_similarity: "the longer series will be truncated to the
 * length of the shorter one", "any non-numeric element of the input series will be ignored", "if
 * one or both input arrays are empty, the result will be null", and a numeric scalar stands for
 * an array of that value. series_magnitude is "the square root of the dot product of the series
 * with itself", so it follows the same rules, and so, by analogy (their pages say nothing about
 * non-numeric elements or empty arrays), do series_sum and series_product: our reading.
 * series_pearson_correlation: "any non-numeric element or nonexisting element (arrays of
 * different sizes) yields a null result".
 */
import type { RowFn, ScalarFunction } from '../contract.ts';
import { arity, arrayFunction, operandOf, realOf, type Elem, type Operand, seriesDoc } from './vector.ts';

const DOC = seriesDoc;

function fold(name: string, start: number, step: (acc: number, x: number) => number, end: (acc: number) => number = (x) => x): ScalarFunction {
  return arrayFunction(name, (items) => {
    let acc = start;
    let n = 0;
    for (const e of items) {
      if (e === null) continue;
      acc = step(acc, realOf(e)!);
      n++;
    }
    return n === 0 ? null : end(acc);
  });
}

/** Pairs of numeric elements of two operands, truncated to the shorter array; null if either is empty or not a series. */
function pairs(a: Operand, b: Operand): [number, number][] | null {
  if (a.kind === 'none' || b.kind === 'none' || (a.kind === 'scalar' && b.kind === 'scalar')) return null;
  const n = Math.min(a.kind === 'array' ? a.items.length : Infinity, b.kind === 'array' ? b.items.length : Infinity);
  if (n === 0) return null;
  const elem = (o: Operand, i: number): Elem => (o.kind === 'array' ? o.items[i]! : o.kind === 'scalar' ? o.item : null);
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const x = elem(a, i);
    const y = elem(b, i);
    if (x !== null && y !== null) out.push([realOf(x)!, realOf(y)!]);
  }
  return out;
}

const dotProduct: ScalarFunction = {
  name: 'series_dot_product',
  doc: DOC('series_dot_product'),
  bind(args): RowFn {
    arity('series_dot_product', args, 2);
    const [ta, tb] = [args[0]!.type, args[1]!.type];
    return ([a, b]) => {
      const ps = pairs(operandOf(ta, a!), operandOf(tb, b!));
      if (ps === null) return null;
      let s = 0;
      for (const [x, y] of ps) s += x * y;
      return s;
    };
  },
};

/** series-cosine-similarity doc: dot(s1, s2) / (magnitude1 * magnitude2); magnitudes computed unless given. */
const cosineSimilarity: ScalarFunction = {
  name: 'series_cosine_similarity',
  doc: DOC('series_cosine_similarity'),
  bind(args): RowFn {
    arity('series_cosine_similarity', args, 2, 4);
    const types = args.map((a) => a.type);
    return (vals) => {
      const ps = pairs(operandOf(types[0]!, vals[0]!), operandOf(types[1]!, vals[1]!));
      if (ps === null) return null;
      let dot = 0;
      let xx = 0;
      let yy = 0;
      for (const [x, y] of ps) {
        dot += x * y;
        xx += x * x;
        yy += y * y;
      }
      const given = (i: number): number | null | undefined => {
        if (i >= vals.length) return undefined;
        const o = operandOf(types[i]!, vals[i]!);
        return o.kind === 'scalar' ? realOf(o.item) : null;
      };
      const m1 = given(2);
      const m2 = given(3);
      if (m1 === null || m2 === null) return null;
      return dot / ((m1 ?? Math.sqrt(xx)) * (m2 ?? Math.sqrt(yy)));
    };
  },
};

const pearson: ScalarFunction = {
  name: 'series_pearson_correlation',
  doc: DOC('series_pearson_correlation'),
  bind(args): RowFn {
    arity('series_pearson_correlation', args, 2);
    const [ta, tb] = [args[0]!.type, args[1]!.type];
    return ([va, vb]) => {
      const a = operandOf(ta, va!);
      const b = operandOf(tb, vb!);
      if (a.kind !== 'array' || b.kind !== 'array' || a.items.length !== b.items.length || a.items.length === 0) return null;
      if (a.items.some((e) => e === null) || b.items.some((e) => e === null)) return null;
      const x = a.items.map((e) => realOf(e)!);
      const y = b.items.map((e) => realOf(e)!);
      const n = x.length;
      let sx = 0;
      let sy = 0;
      for (let i = 0; i < n; i++) {
        sx += x[i]!;
        sy += y[i]!;
      }
      const mx = sx / n;
      const my = sy / n;
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      for (let i = 0; i < n; i++) {
        const dx = x[i]! - mx;
        const dy = y[i]! - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
      return sxy / Math.sqrt(sxx * syy);
    };
  },
};

export const functions: ScalarFunction[] = [
  fold('series_sum', 0, (a, x) => a + x),
  fold('series_product', 1, (a, x) => a * x),
  fold('series_magnitude', 0, (a, x) => a + x * x, Math.sqrt),
  dotProduct,
  cosineSimilarity,
  pearson,
];
