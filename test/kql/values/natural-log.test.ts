/**
 * naturalLog (src/kql/values/natural-log.ts) against an independent reference: ln x in exact
 * integer arithmetic (BigInt, 256 bits after the point), rounded once to the nearest double. Kusto's
 * log() is .NET's Math.Log, which prints log(3) = 1.0986122886681098 (series-log-function doc),
 * the correctly rounded value; V8's Math.log gives 1.0986122886681096.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { naturalLog } from '../../../src/kql/values/natural-log.ts';

const P = 256n;
const ONE = 1n << P;

/** atanh(num / den) * 2^P, num / den < 1/2. */
function atanhFixed(num: bigint, den: bigint): bigint {
  let sum = 0n;
  let power = (num << P) / den; // z^(2n+1) * 2^P
  const z2n = num * num;
  const z2d = den * den;
  for (let n = 0n; power !== 0n; n++) {
    sum += power / (2n * n + 1n);
    power = (power * z2n) / z2d;
  }
  return sum;
}

const LN2 = 2n * atanhFixed(1n, 3n);

/** The double nearest to v / 2^P (ties to even), v != 0. */
function nearestDouble(v: bigint): number {
  const negative = v < 0n;
  let a = negative ? -v : v;
  let exp = -Number(P);
  const bits = a.toString(2).length;
  // keep 53 significant bits (fewer below the normal range), round the rest
  const keep = Math.min(53, bits + exp + 1074);
  const drop = bits - keep;
  if (drop > 0) {
    const half = 1n << BigInt(drop - 1);
    const rest = a & ((1n << BigInt(drop)) - 1n);
    a >>= BigInt(drop);
    if (rest > half || (rest === half && (a & 1n) === 1n)) a += 1n;
    exp += drop;
  }
  const r = Number(a) * 2 ** exp;
  return negative ? -r : r;
}

/** ln x, correctly rounded, from x's exact value m * 2^e (m an integer of at most 53 bits). */
function referenceLog(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) m |= 1n << 52n;
  // x = m * 2^e; bring m / 2^52 near 1 so that the atanh argument is small
  const shift = m.toString(2).length - 1;
  e += shift;
  let num = m - (1n << BigInt(shift));
  let den = m + (1n << BigInt(shift));
  // m / 2^shift in [1, 2): past sqrt(2) use it halved, one more power of two
  if (m * m >= 2n << (2n * BigInt(shift))) {
    num = m - (2n << BigInt(shift));
    den = m + (2n << BigInt(shift));
    e += 1;
  }
  const negativeArgument = num < 0n;
  const t = atanhFixed(negativeArgument ? -num : num, den);
  const v = BigInt(e) * LN2 + (negativeArgument ? -2n * t : 2n * t);
  return v === 0n ? 0 : nearestDouble(v);
}

test('the reference itself: ln 2, ln 1/2, and its rounding of an exact value', () => {
  assert.equal(referenceLog(2), 0.6931471805599453);
  assert.equal(referenceLog(0.5), -0.6931471805599453);
  assert.equal(nearestDouble(ONE * 3n), 3);
});

test('log(3) is 1.0986122886681098 (series-log-function doc), and other values .NET prints', () => {
  assert.equal(naturalLog(3), 1.0986122886681098);
  assert.equal(naturalLog(1), 0);
  assert.equal(naturalLog(2), 0.6931471805599453);
  assert.equal(naturalLog(5), 1.6094379124341003); // log-function doc: log(5)
});

test('the edges: 0, negative, NaN, infinity, the smallest subnormal, the largest double, next to 1', () => {
  assert.equal(naturalLog(0), -Infinity);
  assert.ok(Number.isNaN(naturalLog(-1)));
  assert.ok(Number.isNaN(naturalLog(NaN)));
  assert.equal(naturalLog(Infinity), Infinity);
  for (const x of [5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308, 1 + 2 ** -52, 1 - 2 ** -53, Math.SQRT2, Math.SQRT1_2, Math.E, 10, 1e-300]) {
    assert.equal(naturalLog(x), referenceLog(x), String(x));
  }
});

test('at the edges of the table\'s intervals (m halfway between two j / 128) and at each j / 128', () => {
  for (let j = 90; j <= 182; j++) {
    for (const m of [(j + 0.5) / 128, (j + 0.5) / 128 + 2 ** -52, (j + 0.5) / 128 - 2 ** -52, j / 128]) {
      for (const x of [m, m * 2 ** 40, m * 2 ** -1030]) assert.equal(naturalLog(x), referenceLog(x), `ln ${x}`);
    }
  }
});

test('correctly rounded for random doubles over the whole range and near 1, where Math.log often is not', () => {
  const view = new DataView(new ArrayBuffer(8));
  let seed = 20261207;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  let mathLogWrong = 0;
  for (let i = 0; i < 3000; i++) {
    view.setUint32(0, next() & 0x7fefffff);
    view.setUint32(4, next());
    const xs = [view.getFloat64(0), 1 + next() / 2 ** 32, 1 - next() / 2 ** 34, (next() % 100000) + 1];
    for (const x of xs) {
      const want = referenceLog(x);
      assert.equal(naturalLog(x), want, `ln ${x}`);
      if (Math.log(x) !== want) mathLogWrong++;
    }
  }
  assert.ok(mathLogWrong > 0, 'the sample holds values Math.log misrounds, so it tests something');
});
