/**
 * Text of a real (IEEE double) as .NET Core 3.0+ `double.ToString()` writes it, which is what
 * Kusto's tostring() produces: the shortest round-trip digits, fixed-point when the decimal
 * exponent is in (-5, 15), otherwise `d.dddE+XX` with at least two exponent digits;
 * `NaN`, `Infinity`, `-Infinity`; `-0` for negative zero.
 * Examples: 1.0 -> "1", 1.5 -> "1.5", 1e15 -> "1E+15", 1e14 -> "100000000000000",
 * 0.0001 -> "0.0001", 0.00001 -> "1E-05", 1e20 -> "1E+20".
 */
export function formatReal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // toExponential() with no argument gives the shortest digits that round-trip (as .NET Core "R").
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  const sign = neg ? '-' : '';
  if (exp > -5 && exp < 15) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
    return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, '0');
  return `${sign}${m}E${exp < 0 ? '-' : '+'}${e}`;
}
