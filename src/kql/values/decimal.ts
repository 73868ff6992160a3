/**
 * Kusto `decimal` (learn.microsoft.com/kusto/query/scalar-data-types/decimal): .NET System.Decimal,
 * a 96-bit integer mantissa with a decimal scale 0..28. Values are kept as canonical text
 * ("1.50", "-3", "0.001"); like .NET, the scale written is kept (1.50 stays "1.50").
 * Arithmetic is exact on bigint mantissas with .NET's scale rules; results that need more than
 * 96 bits are rounded (half to even) to a smaller scale, and overflow gives null (our choice:
 * .NET throws OverflowException; Kusto's behaviour is not documented).
 */

const MAX_MANTISSA = 2n ** 96n - 1n;
const MAX_SCALE = 28;

export interface Dec {
  readonly m: bigint;
  readonly scale: number;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Rounds m / 10^k half to even. */
function divRoundEven(m: bigint, k: number): bigint {
  if (k <= 0) return m * pow10(-k);
  const d = pow10(k);
  const q = m / d;
  const r = m - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) return q + (m < 0n ? -1n : 1n);
  return q;
}

/** Brings a value into decimal range: scale <= 28 and |m| < 2^96, rounding as .NET does; null on overflow. */
export function normalize(m: bigint, scale: number): Dec | null {
  if (scale > MAX_SCALE) {
    m = divRoundEven(m, scale - MAX_SCALE);
    scale = MAX_SCALE;
  }
  while ((m < 0n ? -m : m) > MAX_MANTISSA) {
    if (scale === 0) return null;
    m = divRoundEven(m, 1);
    scale--;
  }
  return { m, scale };
}

/**
 * Parses decimal text: `[+-]digits[.digits][e[+-]digits]` (decimal(1e5) is a documented
 * literal). Returns canonical text or null.
 */
export function parseDecimal(text: string): string | null {
  const d = parseDec(text);
  return d ? decToString(d) : null;
}

export function parseDec(text: string): Dec | null {
  const r = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!r || (r[2] === '' && (r[3] ?? '') === '')) return null;
  const frac = r[3] ?? '';
  let m = BigInt(`${r[2] || '0'}${frac}`);
  if (r[1] === '-') m = -m;
  let scale = frac.length - Number(r[4] ?? 0);
  if (scale < 0) {
    if (-scale > 40) return null;
    m *= pow10(-scale);
    scale = 0;
  }
  return normalize(m, scale);
}

export function decToString(d: Dec): string {
  const neg = d.m < 0n;
  const digits = (neg ? -d.m : d.m).toString().padStart(d.scale + 1, '0');
  const int = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale);
  return `${neg ? '-' : ''}${int}${d.scale > 0 ? `.${frac}` : ''}`;
}

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.m * pow10(s - a.scale), b.m * pow10(s - b.scale), s];
}

export function decAdd(a: Dec, b: Dec): Dec | null {
  const [x, y, s] = align(a, b);
  return normalize(x + y, s);
}

export function decSub(a: Dec, b: Dec): Dec | null {
  const [x, y, s] = align(a, b);
  return normalize(x - y, s);
}

export function decMul(a: Dec, b: Dec): Dec | null {
  return normalize(a.m * b.m, a.scale + b.scale);
}

/**
 * a / b: the exact quotient when it has at most 28 fraction digits (at the smallest scale not
 * below a.scale - b.scale), otherwise rounded half-even to the largest scale that fits
 * (1 / 3 = 0.3333333333333333333333333333, as .NET). Division by zero gives null.
 */
export function decDiv(a: Dec, b: Dec): Dec | null {
  if (b.m === 0n) return null;
  // q = a.m * 10^k / b.m at scale a.scale - b.scale + k.
  const base = a.scale - b.scale;
  for (let k = Math.max(0, -base); k <= MAX_SCALE - base + 1 && base + k <= MAX_SCALE; k++) {
    const n = a.m * pow10(k);
    if (n % b.m === 0n) return normalize(n / b.m, base + k);
  }
  // Inexact: the quotient at scale 28, rounded half to even (normalize may round further to fit 96 bits).
  const k = MAX_SCALE - base;
  const n = k >= 0 ? a.m * pow10(k) : a.m;
  const d = k >= 0 ? b.m : b.m * pow10(-k);
  let q = n / d;
  const r = n - q * d;
  const twice = (r < 0n ? -r : r) * 2n;
  const ad = d < 0n ? -d : d;
  if (twice > ad || (twice === ad && (q & 1n) !== 0n)) q += (n < 0n) !== (d < 0n) ? -1n : 1n;
  return normalize(q, MAX_SCALE);
}

/** a % b with the sign of a (.NET decimal remainder). */
export function decRem(a: Dec, b: Dec): Dec | null {
  if (b.m === 0n) return null;
  const [x, y, s] = align(a, b);
  return normalize(x % y, s);
}

export function decCompare(a: Dec, b: Dec): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function decFromBigint(v: bigint): Dec | null {
  return normalize(v, 0);
}

/** A double as a decimal, through its shortest round-trip text (.NET rounds to 15 significant digits; our choice: R digits). */
export function decFromNumber(x: number): Dec | null {
  if (!Number.isFinite(x)) return null;
  return parseDec(x.toString());
}

export function decToNumber(d: Dec): number {
  return Number(decToString(d));
}

/** Canonical text helpers used by operators that hold decimals as text. */
export function decText(text: string): Dec {
  const d = parseDec(text);
  if (!d) throw new Error(`invalid decimal text ${text}`);
  return d;
}
