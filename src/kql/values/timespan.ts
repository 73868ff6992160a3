/**
 * Kusto `timespan` values: signed 100 ns ticks in a bigint
 * (learn.microsoft.com/kusto/query/scalar-data-types/timespan).
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../types.ts';

export const MAX_TIMESPAN_TICKS = 2n ** 63n - 1n;
export const MIN_TIMESPAN_TICKS = -(2n ** 63n);

/**
 * `ticks` when a timespan holds them (64 bits, .NET's TimeSpan), else null: a result past either
 * end is null (parsing, the arithmetic operators, abs, bin, totimespan of parts).
 */
export function timespanOrNull(ticks: bigint): bigint | null {
  return ticks >= MIN_TIMESPAN_TICKS && ticks <= MAX_TIMESPAN_TICKS ? ticks : null;
}

/** A unit as a rational number of ticks: num / den (nanoseconds are 1/100 of a tick). */
interface Unit { readonly num: bigint; readonly den: bigint }

const DAY: Unit = { num: TICKS_PER_DAY, den: 1n };
const HOUR: Unit = { num: TICKS_PER_HOUR, den: 1n };
const MINUTE: Unit = { num: TICKS_PER_MINUTE, den: 1n };
const SECOND: Unit = { num: TICKS_PER_SECOND, den: 1n };
const MILLI: Unit = { num: 10_000n, den: 1n };
const MICRO: Unit = { num: 10n, den: 1n };
const NANO: Unit = { num: 1n, den: 100n };
const TICK: Unit = { num: 1n, den: 1n };

/** The suffix table of the official lexer (kql-semantics.md §1.6); `m` is minutes, there is no week. */
const UNITS: ReadonlyMap<string, Unit> = new Map([
  ...['d', 'day', 'days'].map((k) => [k, DAY] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((k) => [k, HOUR] as const),
  ...['m', 'min', 'minute', 'minutes'].map((k) => [k, MINUTE] as const),
  ...['s', 'sec', 'second', 'seconds'].map((k) => [k, SECOND] as const),
  ...['ms', 'milli', 'millis', 'millisec', 'millisecond', 'milliseconds'].map((k) => [k, MILLI] as const),
  ...['micro', 'micros', 'microsec', 'microsecond', 'microseconds'].map((k) => [k, MICRO] as const),
  ...['nano', 'nanos', 'nanosec', 'nanosecond', 'nanoseconds'].map((k) => [k, NANO] as const),
  ...['tick', 'ticks'].map((k) => [k, TICK] as const),
]);

export function timespanUnit(name: string): Unit | undefined {
  return UNITS.get(name.toLowerCase());
}

/**
 * `digits[.fraction]` times a unit, in ticks. A remainder below one tick is truncated toward
 * zero (our choice: the docs do not say; `1.5h`, `0.1s` and every documented example are exact).
 */
function scaled(intDigits: string, fracDigits: string, unit: Unit, negative: boolean): bigint | null {
  const scale = 10n ** BigInt(fracDigits.length);
  const n = BigInt(intDigits || '0') * scale + BigInt(fracDigits || '0');
  const t = (n * unit.num) / (scale * unit.den);
  return timespanOrNull(negative ? -t : t);
}

const BARE_RE = /^(-)?(\d+)(?:\.(\d+))?\s*([a-z]+)$/i;

/**
 * A timespan literal token: `5m`, `1.5h`, `10ms`, `2d`, `100tick`, `1microsecond`, or the
 * parenthesised forms `time(...)` / `timespan(...)` holding a bare literal, a number of days
 * (`time(2)`), a number and a spelled unit (`time(15 seconds)`), or the clock form
 * (`time(0.12:34:56.7)`) — timespan data-type doc.
 * Returns ticks, null for `time(null)`, undefined when the text is not a timespan literal.
 */
export function parseTimespanLiteral(text: string): bigint | null | undefined {
  const s = text.trim();
  const typed = /^(?:time|timespan)\s*\(([\s\S]*)\)$/i.exec(s);
  if (!typed) return parseSuffixed(s);
  const inner = typed[1]!.trim();
  if (inner.toLowerCase() === 'null') return null;
  const days = /^(-)?(\d+)(?:\.(\d+))?$/.exec(inner);
  if (days) return scaled(days[2]!, days[3] ?? '', DAY, days[1] === '-') ?? undefined;
  return parseSuffixed(inner) ?? parseTimespan(inner) ?? undefined;
}

function parseSuffixed(s: string): bigint | undefined {
  const m = BARE_RE.exec(s);
  if (!m) return undefined;
  const unit = timespanUnit(m[4]!);
  if (!unit) return undefined;
  return scaled(m[2]!, m[3] ?? '', unit, m[1] === '-') ?? undefined;
}

/**
 * The string forms totimespan() accepts, .NET TimeSpan.Parse's `[-]{ d | [d.]hh:mm[:ss[.fffffff]] }`
 * (totimespan doc example: "0.00:01:00"). Hours 0-23, minutes and seconds 0-59, up to 7 fraction
 * digits. Returns null when the text does not parse.
 */
export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (m) {
    const h = Number(m[3]);
    const min = Number(m[4]);
    const sec = Number(m[5] ?? 0);
    if (h > 23 || min > 59 || sec > 59) return null;
    const frac = BigInt((m[6] ?? '').padEnd(7, '0'));
    const t = BigInt(m[2] ?? '0') * TICKS_PER_DAY + BigInt(h) * TICKS_PER_HOUR + BigInt(min) * TICKS_PER_MINUTE + BigInt(sec) * TICKS_PER_SECOND + frac;
    return timespanOrNull(m[1] ? -t : t);
  }
  const d = /^(-)?(\d+)$/.exec(s);
  if (d) return scaled(d[2]!, '', DAY, d[1] === '-');
  return null;
}

/**
 * Kusto's text form of a timespan, the .NET constant ("c") format `[-][d.]hh:mm:ss[.fffffff]`:
 * `00:05:00`, `1.02:03:04.5000000`, `-00:00:01`; 7 fraction digits when the fraction is
 * non-zero (kql-semantics.md §2.6; doc outputs `4.00:00:00`, `00:00:02`, `01:30:00`).
 */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  const a = neg ? -ticks : ticks;
  const days = a / TICKS_PER_DAY;
  let rest = a % TICKS_PER_DAY;
  const h = rest / TICKS_PER_HOUR;
  rest %= TICKS_PER_HOUR;
  const m = rest / TICKS_PER_MINUTE;
  rest %= TICKS_PER_MINUTE;
  const s = rest / TICKS_PER_SECOND;
  const f = rest % TICKS_PER_SECOND;
  const p2 = (n: bigint): string => n.toString().padStart(2, '0');
  return `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(h)}:${p2(m)}:${p2(s)}${f > 0n ? `.${f.toString().padStart(7, '0')}` : ''}`;
}
