/**
 * The natural logarithm, correctly rounded. Kusto's log() is .NET's Math.Log, which prints
 * log(3) = 1.0986122886681098 (series-log-function doc), the double nearest to ln 3; V8's
 * Math.log (a port of fdlibm, within one unit in the last place) gives 1.0986122886681096.
 *
 * ln x is computed in double-double arithmetic (~100 bits) and rounded once: x = m * 2^k with m
 * in [sqrt(1/2), sqrt(2)), and m near c = j/128 (a table holds ln c), so that
 * ln x = k ln 2 + ln c + 2 atanh(s), s = (m - c) / (m + c), |s| < 2^-8, whose series converges
 * by 2^-17 a term. A fixed number of steps whatever the input: no loop that input drives.
 */

/** A double-double: the unevaluated sum hi + lo, |lo| <= ulp(hi) / 2. */
type DD = readonly [number, number];

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return [s, b - (s - a)];
}

/** Dekker's split: hi holds the top 26 bits of a (|a| well below 2^996 here). */
function split(a: number): DD {
  const t = 134217729 * a;
  const hi = t - (t - a);
  return [hi, a - hi];
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  const [ah, al] = split(a);
  const [bh, bl] = split(b);
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

function add(a: DD, b: DD): DD {
  const [s, e] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  const [u, g] = quickTwoSum(s, e + t);
  return quickTwoSum(u, g + f);
}

function mul(a: DD, b: DD): DD {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}

function div(a: DD, b: DD): DD {
  const q1 = a[0] / b[0];
  let r = add(a, mul(b, [-q1, 0]));
  const q2 = r[0] / b[0];
  r = add(r, mul(b, [-q2, 0]));
  const q3 = r[0] / b[0];
  return add(quickTwoSum(q1, q2), [q3, 0]);
}

/** ln 2: the double nearest, and the rest. */
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];
const inverseOdd = (terms: number): DD[] => Array.from({ length: terms }, (_, n) => div([1, 0], [2 * n + 1, 0]));

/** 2 atanh((m - c) / (m + c)) = ln(m / c), by atanh(s) / s = sum of s^(2n) / (2n + 1); m - c exact. */
function lnRatio(m: number, c: number, inverse: readonly DD[]): DD {
  const s = div([m - c, 0], twoSum(m, c));
  const s2 = mul(s, s);
  let acc = inverse[inverse.length - 1]!;
  for (let n = inverse.length - 2; n >= 0; n--) acc = add(mul(acc, s2), inverse[n]!);
  return mul([2 * s[0], 2 * s[1]], acc);
}

/**
 * ln(j / 128) for the j that m in [sqrt(1/2), sqrt(2)) rounds to (91..181), from c / 1 with 23
 * terms (|s| < 0.1716: less than 2^-115 left); ln 1 is 0 exactly, so x near 1 loses nothing.
 */
const TABLE_FROM = 90;
/**
 * Built on the first call, not at load: ~15 ms of CPU that every thread of every run would pay
 * at startup, for a function few queries call.
 */
let LN_C: DD[] | undefined;
function lnTable(): DD[] {
  if (LN_C === undefined) {
    const inverse = inverseOdd(23);
    LN_C = Array.from({ length: 182 - TABLE_FROM + 1 }, (_, i) => (i + TABLE_FROM === 128 ? [0, 0] : lnRatio((i + TABLE_FROM) / 128, 1, inverse)));
  }
  return LN_C;
}
/** With |s| <= 2^-8.4, 8 terms leave less than 2^-130. */
const INVERSE_ODD_8 = inverseOdd(8);
const SQRT2 = Math.SQRT2;
const TWO_POW_54 = 2 ** 54;

const view = new DataView(new ArrayBuffer(8));

/** ln x, rounded to the nearest double; NaN below 0, -Infinity at 0 (as Math.Log). */
export function naturalLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  if (x === 1) return 0;
  let k = 0;
  // subnormals: scaled into the normal range first
  if (x < 2.2250738585072014e-308) {
    x *= TWO_POW_54;
    k = -54;
  }
  view.setFloat64(0, x);
  const bits = view.getUint32(0);
  k += ((bits >>> 20) & 0x7ff) - 1023;
  // the mantissa with the exponent of 1: m in [1, 2)
  view.setUint32(0, (bits & 0x800fffff) | 0x3ff00000);
  let m = view.getFloat64(0);
  if (m >= SQRT2) {
    m /= 2;
    k += 1;
  }
  // c = j / 128 is within 1/256 of m, so m - c is exact (Sterbenz) and |s| < 2^-8.4
  const j = Math.round(m * 128);
  const lnM = add(lnTable()[j - TABLE_FROM]!, lnRatio(m, j / 128, INVERSE_ODD_8));
  const [hi, lo] = add(mul([k, 0], LN2), lnM);
  return hi + lo;
}
