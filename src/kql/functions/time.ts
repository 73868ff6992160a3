/**
 * Date and time functions (learn.microsoft.com/kusto/query/<name>-function; kql-semantics.md §7.1).
 * Everything is computed on bigint ticks; a datetime outside 0001..9999 is null (our choice).
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { DynDatetime, DynTimespan, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND, UNIX_EPOCH_TICKS, type Dyn, type ScalarType, type Value } from '../types.ts';
import {
  datetimeFromParts, datetimeParts, dayOfWeekIndex, dayOfYear, dayStart, daysInMonth, isValidDatetimeTicks, parseDatetime,
} from '../values/datetime.ts';
import { parseTimespan, timespanOrNull } from '../values/timespan.ts';
import { numOf, numToReal, numToValue, type Num } from '../values/numbers.ts';
import type { ArgInfo, RowFn, ScalarFunction } from './contract.ts';

const dt = (t: bigint): bigint | null => (isValidDatetimeTicks(t) ? t : null);
const TICKS_PER_WEEK = 7n * TICKS_PER_DAY;

function fn(name: string, bind: (args: readonly ArgInfo[], result: ScalarType) => RowFn): ScalarFunction {
  return { name, doc: `learn.microsoft.com/kusto/query/${name.replace(/_/g, '-')}-function`, bind };
}

function arity(name: string, args: readonly ArgInfo[], min: number, max = min): void {
  if (args.length < min || args.length > max) throw new KqlError('binding', `${name}() takes ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
}

/** now([offset]) (now doc): the query's single NOW, plus an optional timespan. */
const now = fn('now', (args) => {
  arity('now', args, 0, 1);
  return (a, ctx) => {
    if (args.length === 0) return ctx.now;
    return a[0] === null ? null : dt(ctx.now + (a[0] as bigint));
  };
});

/** ago(ts) = now() - ts (ago doc: ago(-1h) is an hour after now). */
const ago = fn('ago', (args) => {
  arity('ago', args, 1);
  return (a, ctx) => (a[0] === null ? null : dt(ctx.now - (a[0] as bigint)));
});

/** Floor division for bigint (toward -infinity). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/**
 * bin(value, size) / floor (bin doc): rounds down to a multiple of size. Datetimes are binned
 * on ticks since 0001-01-01 (bin(datetime(1970-05-11 13:45:07), 1d) = 1970-05-11; 7d bins start
 * on Mondays, kql-semantics.md §11.16); numbers floor toward -infinity (bin(4.5, 1) = 4).
 * A null value or size, or a size <= 0, gives null.
 */
function binFn(name: string): ScalarFunction {
  return fn(name, (args, result) => {
    arity(name, args, 2);
    return binner(name, args[0]!.type, args[1]!.type, result, undefined);
  });
}

function binner(name: string, tv: ScalarType, ts: ScalarType, result: ScalarType, fixed: ((a: Value[]) => Value) | undefined): RowFn {
  if (tv === 'datetime' || tv === 'timespan') {
    if (ts !== 'timespan') throw new UnsupportedError(`${name}(${tv}, ${ts})`);
    return (a) => {
      const v = a[0];
      const s = a[1];
      if (v === null || s === null) return null;
      const size = s as bigint;
      if (size <= 0n) return null;
      const origin = fixed ? fixed(a) : 0n;
      if (origin === null) return null;
      const o = origin as bigint;
      const r = floorDiv((v as bigint) - o, size) * size + o;
      // a bin below the shortest timespan (bin(timespan min, 1h)) is past its end: null
      return tv === 'datetime' ? dt(r) : timespanOrNull(r);
    };
  }
  const numeric = (t: ScalarType): boolean => t === 'int' || t === 'long' || t === 'real' || t === 'decimal' || t === 'dynamic';
  if (!numeric(tv) || !numeric(ts)) throw new UnsupportedError(`${name}(${tv}, ${ts})`);
  return (a) => {
    const v = numOf(tv, a[0]!);
    const s = numOf(ts, a[1]!);
    if (!v || !s) return null;
    let o: Num = { k: 'i', v: 0n };
    if (fixed) {
      const f = fixed(a);
      if (f === null) return null;
      o = f as unknown as Num;
    }
    if (v.k === 'i' && s.k === 'i' && o.k === 'i') {
      if (s.v <= 0n) return null;
      return numToValue({ k: 'i', v: floorDiv(v.v - o.v, s.v) * s.v + o.v }, result);
    }
    const x = numToReal(v);
    const size = numToReal(s);
    const origin = numToReal(o);
    if (!(size > 0)) return null;
    return numToValue({ k: 'r', v: Math.floor((x - origin) / size) * size + origin }, result);
  };
}

/** bin_at(value, size, fixed_point) (bin-at doc): bins aligned so that fixed_point is a boundary. */
const binAt = fn('bin_at', (args, result) => {
  arity('bin_at', args, 3);
  const [tv, ts, tf] = args.map((x) => x.type) as [ScalarType, ScalarType, ScalarType];
  if (tv === 'datetime' || tv === 'timespan') {
    if (tf !== tv) throw new UnsupportedError(`bin_at(${tv}, ${ts}, ${tf})`);
    return binner('bin_at', tv, ts, result, (a) => a[2]!);
  }
  return binner('bin_at', tv, ts, result, (a) => (numOf(tf, a[2]!) ?? null) as unknown as Value);
});

/** A period name: case-insensitive (datetime-diff / datetime-add docs list lower-case names; the datetime_part doc uses "dayOfYear"). */
function periodArg(name: string, info: ArgInfo, allowed: readonly string[]): (v: Value) => string | null {
  const norm = (v: Value): string | null => {
    const s = String(v ?? '').trim().toLowerCase();
    return allowed.includes(s) ? s : null;
  };
  if (info.constant) {
    const p = norm(info.value ?? null);
    if (p === null) throw new KqlError('runtime', `${name}(): unknown period '${String(info.value)}'; expected one of ${allowed.join(', ')}`);
    return () => p;
  }
  return norm;
}

const DIFF_PERIODS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'] as const;

/** Start of the week (Sunday) holding t. */
function weekStart(t: bigint): bigint {
  const d = dayStart(t);
  return d - BigInt(dayOfWeekIndex(d)) * TICKS_PER_DAY;
}

/**
 * datetime_diff(period, d1, d2) (datetime-diff doc): the number of period boundaries between d2
 * and d1, calendar-based; weeks start on Sunday; result d1 - d2.
 * Doc examples: ('hour', 2017-10-31 01:00, 2017-10-30 23:59) = 2; ('week', 2017-10-29, 2017-09-30 23:59) = 5.
 */
export function datetimeDiff(period: string, a: bigint, b: bigint): bigint {
  const pa = datetimeParts(a);
  const pb = datetimeParts(b);
  switch (period) {
    case 'year': return BigInt(pa.year - pb.year);
    case 'quarter': return BigInt(pa.year * 4 + Math.floor((pa.month - 1) / 3) - (pb.year * 4 + Math.floor((pb.month - 1) / 3)));
    case 'month': return BigInt(pa.year * 12 + pa.month - (pb.year * 12 + pb.month));
    case 'week': return (weekStart(a) - weekStart(b)) / TICKS_PER_WEEK;
    case 'day': return (dayStart(a) - dayStart(b)) / TICKS_PER_DAY;
    case 'hour': return a / TICKS_PER_HOUR - b / TICKS_PER_HOUR;
    case 'minute': return a / TICKS_PER_MINUTE - b / TICKS_PER_MINUTE;
    case 'second': return a / TICKS_PER_SECOND - b / TICKS_PER_SECOND;
    case 'millisecond': return a / 10_000n - b / 10_000n;
    case 'microsecond': return a / 10n - b / 10n;
    default: return (a - b) * 100n;
  }
}

const datetimeDiffFn = fn('datetime_diff', (args, result) => {
  arity('datetime_diff', args, 3);
  const period = periodArg('datetime_diff', args[0]!, DIFF_PERIODS);
  return (a) => {
    const p = period(a[0]!);
    if (p === null || a[1] === null || a[2] === null) return null;
    return numToValue({ k: 'i', v: datetimeDiff(p, a[1] as bigint, a[2] as bigint) }, result);
  };
});

/** Adds calendar months as .NET AddMonths does: the day is clamped to the target month's length. */
function addMonths(t: bigint, months: bigint): bigint | null {
  const p = datetimeParts(t);
  const total = BigInt(p.year) * 12n + BigInt(p.month - 1) + months;
  const year = Number(total / 12n);
  const month = Number(total % 12n) + 1;
  if (total < 12n || year > 9999) return null;
  const day = Math.min(p.day, daysInMonth(year, month));
  return dt(datetimeFromParts(year, month, day) + (t - dayStart(t)));
}

/** datetime_add(period, amount, datetime) (datetime-add doc). */
const datetimeAdd = fn('datetime_add', (args) => {
  arity('datetime_add', args, 3);
  const period = periodArg('datetime_add', args[0]!, DIFF_PERIODS);
  const ta = args[1]!.type;
  return (a) => {
    const p = period(a[0]!);
    const n = numOf(ta, a[1]!);
    if (p === null || !n || a[2] === null) return null;
    const amount = n.k === 'i' ? n.v : BigInt(Math.trunc(numToReal(n)));
    const t = a[2] as bigint;
    switch (p) {
      case 'year': return addMonths(t, amount * 12n);
      case 'quarter': return addMonths(t, amount * 3n);
      case 'month': return addMonths(t, amount);
      case 'week': return dt(t + amount * TICKS_PER_WEEK);
      case 'day': return dt(t + amount * TICKS_PER_DAY);
      case 'hour': return dt(t + amount * TICKS_PER_HOUR);
      case 'minute': return dt(t + amount * TICKS_PER_MINUTE);
      case 'second': return dt(t + amount * TICKS_PER_SECOND);
      case 'millisecond': return dt(t + amount * 10_000n);
      case 'microsecond': return dt(t + amount * 10n);
      default: return dt(t + amount / 100n);
    }
  };
});

/** ISO 8601 week number: week 1 holds the year's first Thursday (datetime-part doc note). */
export function isoWeek(t: bigint): number {
  const d = dayStart(t);
  const dow = (dayOfWeekIndex(d) + 6) % 7; // Monday = 0
  const thursday = d + BigInt(3 - dow) * TICKS_PER_DAY;
  const y = datetimeParts(thursday).year;
  return Number((thursday - datetimeFromParts(y, 1, 1)) / TICKS_PER_WEEK) + 1;
}

const PARTS = ['year', 'quarter', 'month', 'week_of_year', 'day', 'dayofyear', 'hour', 'minute', 'second', 'millisecond', 'microsecond', 'nanosecond'] as const;

/** datetime_part(part, date) (datetime-part doc example: 2017-10-30 01:02:03.7654321 -> 765, 765432, 765432100). */
export function datetimePart(part: string, t: bigint): number {
  const p = datetimeParts(t);
  switch (part) {
    case 'year': return p.year;
    case 'quarter': return Math.floor((p.month - 1) / 3) + 1;
    case 'month': return p.month;
    case 'week_of_year': return isoWeek(t);
    case 'day': return p.day;
    case 'dayofyear': return dayOfYear(t);
    case 'hour': return p.hour;
    case 'minute': return p.minute;
    case 'second': return p.second;
    case 'millisecond': return Math.floor(p.fraction / 10_000);
    case 'microsecond': return Math.floor(p.fraction / 10);
    default: return p.fraction * 100;
  }
}

const datetimePartFn = fn('datetime_part', (args, result) => {
  arity('datetime_part', args, 2);
  const part = periodArg('datetime_part', args[0]!, PARTS);
  return (a) => {
    const p = part(a[0]!);
    if (p === null || a[1] === null) return null;
    return numToValue({ k: 'i', v: BigInt(datetimePart(p, a[1] as bigint)) }, result);
  };
});

/** One calendar-part getter returning a number in the binder's result type. */
function getter(name: string, f: (t: bigint) => number): ScalarFunction {
  return fn(name, (args, result) => {
    arity(name, args, 1);
    return (a) => (a[0] === null ? null : numToValue({ k: 'i', v: BigInt(f(a[0] as bigint)) }, result));
  });
}

/** Start of a period plus `offset` periods; kind: day, week (Sunday), month, year. */
function startOf(kind: 'day' | 'week' | 'month' | 'year', t: bigint, offset: bigint): bigint | null {
  switch (kind) {
    case 'day': return dt(dayStart(t) + offset * TICKS_PER_DAY);
    case 'week': return dt(weekStart(t) + offset * TICKS_PER_WEEK);
    case 'month': {
      const p = datetimeParts(t);
      return addMonths(datetimeFromParts(p.year, p.month, 1), offset);
    }
    case 'year': {
      const p = datetimeParts(t);
      return addMonths(datetimeFromParts(p.year, 1, 1), offset * 12n);
    }
  }
}

function nextStart(kind: 'day' | 'week' | 'month' | 'year', s: bigint): bigint | null {
  switch (kind) {
    case 'day': return s + TICKS_PER_DAY;
    case 'week': return s + TICKS_PER_WEEK;
    case 'month': return addMonths(s, 1n) ?? s + 31n * TICKS_PER_DAY;
    case 'year': return addMonths(s, 12n) ?? datetimeFromParts(10000, 1, 1);
  }
}

/**
 * startofday/week/month/year(date [, offset]) and endof…: the first / last tick of the period,
 * moved by `offset` periods (startofday doc: startofday(datetime(2017-01-01 10:10:17), -1) = 2016-12-31;
 * weeks start on Sunday; endofday(...) ends at 23:59:59.9999999).
 */
function periodFn(prefix: 'startof' | 'endof', kind: 'day' | 'week' | 'month' | 'year'): ScalarFunction {
  const name = `${prefix}${kind}`;
  return fn(name, (args) => {
    arity(name, args, 1, 2);
    const to = args[1]?.type;
    return (a) => {
      if (a[0] === null) return null;
      let offset = 0n;
      if (args.length === 2) {
        const n = numOf(to!, a[1]!);
        if (!n) return null;
        offset = n.k === 'i' ? n.v : BigInt(Math.trunc(numToReal(n)));
      }
      const s = startOf(kind, a[0] as bigint, offset);
      if (s === null || prefix === 'startof') return s;
      const next = nextStart(kind, s);
      return next === null ? null : dt(next - 1n);
    };
  });
}

/** dayofweek(date) (dayofweek doc): the timespan since the preceding Sunday, e.g. 1.00:00:00 for a Monday. */
const dayofweek = fn('dayofweek', (args) => {
  arity('dayofweek', args, 1);
  return (a) => (a[0] === null ? null : BigInt(dayOfWeekIndex(a[0] as bigint)) * TICKS_PER_DAY);
});

/** A real number of seconds as ticks, rounded to the nearest tick (our choice). */
function realTicks(n: Num, unitTicks: number): bigint | null {
  if (n.k === 'i') return n.v * BigInt(unitTicks);
  const x = numToReal(n) * unitTicks;
  return Number.isFinite(x) ? BigInt(Math.round(x)) : null;
}

/**
 * make_datetime(year, month, day[, hour, minute, second]) (make-datetime doc): second may carry a
 * fraction (7 digits); an invalid date gives null.
 */
const makeDatetime = fn('make_datetime', (args) => {
  arity('make_datetime', args, 3, 6);
  const types = args.map((x) => x.type);
  return (a) => {
    const nums = a.map((v, i) => numOf(types[i]!, v!));
    if (nums.some((n) => n === undefined)) return null;
    const ints = nums.slice(0, 5).map((n) => (n!.k === 'i' ? Number(n!.v) : Math.trunc(numToReal(n!))));
    const [y, mo, d, h = 0, mi = 0] = ints as [number, number, number, number?, number?];
    // a NaN part (real(nan)) passes no range check below, but makes no date either
    if (ints.some((x) => Number.isNaN(x))) return null;
    if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h < 0 || h > 23 || mi < 0 || mi > 59) return null;
    const sec = nums[5] ? realTicks(nums[5], 10_000_000) : 0n;
    if (sec === null || sec < 0n || sec >= 60n * TICKS_PER_SECOND) return null;
    return dt(datetimeFromParts(y, mo, d, h, mi) + sec);
  };
});

/**
 * make_timespan(hour, minute) / (hour, minute, second) / (day, hour, minute, second)
 * (make-timespan doc); second may carry a fraction.
 */
const makeTimespan = fn('make_timespan', (args) => {
  arity('make_timespan', args, 2, 4);
  const types = args.map((x) => x.type);
  return (a) => {
    const nums = a.map((v, i) => numOf(types[i]!, v!));
    if (nums.some((n) => n === undefined)) return null;
    const units = args.length === 4 ? [86_400, 3600, 60, 1] : [3600, 60, 1];
    let total = 0n;
    for (let i = 0; i < nums.length; i++) {
      const t = realTicks(nums[i]!, units[i]! * 10_000_000);
      if (t === null) return null;
      total += t;
    }
    return timespanOrNull(total);
  };
});

/** unixtime_*_todatetime(n) (unixtime-seconds-todatetime doc etc.): n units after 1970-01-01; reals round to the nearest tick. */
function unixFn(name: string, unitTicks: number): ScalarFunction {
  return fn(name, (args) => {
    arity(name, args, 1);
    const t = args[0]!.type;
    return (a) => {
      const n = numOf(t, a[0]!);
      if (!n) return null;
      if (unitTicks < 1) {
        // nanoseconds: 100 per tick, truncated toward zero.
        if (n.k !== 'i') {
          const x = numToReal(n) / 100;
          return Number.isFinite(x) ? dt(UNIX_EPOCH_TICKS + BigInt(Math.trunc(x))) : null;
        }
        return dt(UNIX_EPOCH_TICKS + n.v / 100n);
      }
      const ticks = realTicks(n, unitTicks);
      return ticks === null ? null : dt(UNIX_EPOCH_TICKS + ticks);
    };
  });
}

/** todatetime(value) (todatetime doc): strings in the datetime doc's formats, datetimes, dynamic datetimes/strings; else null. */
export function toDatetime(type: ScalarType, v: Value): bigint | null {
  if (v === null) return null;
  switch (type) {
    case 'datetime': return v as bigint;
    case 'string': return parseDatetime(v as string);
    case 'dynamic': {
      const d = v as Dyn;
      if (d instanceof DynDatetime) return d.ticks;
      if (typeof d === 'string') return parseDatetime(d);
      return null;
    }
    default: return null;
  }
}

/** totimespan(value) (totimespan doc): strings `[-][d.]hh:mm[:ss[.fffffff]]`, timespans, dynamic timespans/strings; else null. */
export function toTimespan(type: ScalarType, v: Value): bigint | null {
  if (v === null) return null;
  switch (type) {
    case 'timespan': return v as bigint;
    case 'string': return parseTimespan(v as string);
    case 'dynamic': {
      const d = v as Dyn;
      if (d instanceof DynTimespan) return d.ticks;
      if (typeof d === 'string') return parseTimespan(d);
      return null;
    }
    default: return null;
  }
}

const todatetime = fn('todatetime', (args) => {
  arity('todatetime', args, 1);
  const t = args[0]!.type;
  return (a) => toDatetime(t, a[0]!);
});

const totimespan = fn('totimespan', (args) => {
  arity('totimespan', args, 1);
  const t = args[0]!.type;
  return (a) => toTimespan(t, a[0]!);
});

/** The elements of a format string: runs of one letter, or literal text. */
type FmtPart = { letter: string; n: number } | { text: string };

function tokenize(fmt: string, letters: string): FmtPart[] | string {
  const out: FmtPart[] = [];
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (fmt[j] === c) j++;
      if (!letters.includes(c)) return c;
      out.push({ letter: c, n: j - i });
      i = j;
    } else {
      out.push({ text: c });
      i++;
    }
  }
  return out;
}

function fraction(frac7: number, n: number, trim: boolean): string | undefined {
  const digits = String(frac7).padStart(7, '0').slice(0, n);
  if (!trim) return digits;
  return digits.replace(/0+$/, '');
}

function formatDatetimeParts(parts: FmtPart[], t: bigint): string | null {
  const p = datetimeParts(t);
  let s = '';
  for (const x of parts) {
    if ('text' in x) {
      s += x.text;
      continue;
    }
    const pad = (v: number, w: number): string => String(v).padStart(w, '0');
    const n = x.n;
    switch (x.letter) {
      case 'd': if (n > 2) return null; s += pad(p.day, n); break;
      case 'M': if (n > 2) return null; s += pad(p.month, n); break;
      case 'y': s += n === 1 ? String(p.year % 100) : n === 2 ? pad(p.year % 100, 2) : pad(p.year, n); break;
      case 'H': if (n > 2) return null; s += pad(p.hour, n); break;
      case 'h': if (n > 2) return null; s += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n); break;
      case 'm': if (n > 2) return null; s += pad(p.minute, n); break;
      case 's': if (n > 2) return null; s += pad(p.second, n); break;
      case 'f': if (n > 7) return null; s += fraction(p.fraction, n, false); break;
      case 'F': if (n > 7) return null; s += fraction(p.fraction, n, true); break;
      case 't': s += (p.hour < 12 ? 'AM' : 'PM').slice(0, n >= 2 ? 2 : 1); break;
      default: return null;
    }
  }
  return s;
}

/**
 * format_datetime(date, format) (format-datetime doc): d dd f…fffffff F…FFFFFFF h hh H HH m mm
 * M MM s ss y yy yyyy tt; other characters are copied. A format with other letters is not
 * supported (UnsupportedError when constant, "" per row otherwise: our choice).
 */
const formatDatetimeFn = fn('format_datetime', (args) => {
  arity('format_datetime', args, 2);
  const compile = (f: string): FmtPart[] | null => {
    const parts = tokenize(f, 'dfFhHmMsyt');
    return typeof parts === 'string' ? null : parts;
  };
  let fixed: FmtPart[] | null | undefined;
  if (args[1]!.constant) {
    fixed = compile(String(args[1]!.value ?? ''));
    if (fixed === null || formatDatetimeParts(fixed, 0n) === null) throw new UnsupportedError(`format_datetime() format '${String(args[1]!.value)}'`);
  }
  return (a) => {
    if (a[0] === null) return '';
    const parts = fixed ?? compile(a[1] as string);
    return parts ? (formatDatetimeParts(parts, a[0] as bigint) ?? '') : '';
  };
});

function formatTimespanParts(parts: FmtPart[], t: bigint): string | null {
  const neg = t < 0n;
  const a = neg ? -t : t;
  const days = a / TICKS_PER_DAY;
  const rest = Number(a % TICKS_PER_DAY);
  const h = Math.floor(rest / 36_000_000_000);
  const m = Math.floor(rest / 600_000_000) % 60;
  const sec = Math.floor(rest / 10_000_000) % 60;
  const frac = rest % 10_000_000;
  const pad = (v: number | bigint, w: number): string => String(v).padStart(w, '0');
  let s = neg ? '-' : '';
  for (const x of parts) {
    if ('text' in x) {
      s += x.text;
      continue;
    }
    const n = x.n;
    switch (x.letter) {
      case 'd': if (n > 8) return null; s += pad(days, n); break;
      case 'h':
      case 'H': if (n > 2) return null; s += pad(h, n); break;
      case 'm': if (n > 2) return null; s += pad(m, n); break;
      case 's': if (n > 2) return null; s += pad(sec, n); break;
      case 'f': if (n > 7) return null; s += fraction(frac, n, false); break;
      case 'F': if (n > 7) return null; s += fraction(frac, n, true); break;
      default: return null;
    }
  }
  return s;
}

/**
 * format_timespan(ts, format) (format-timespan doc): d…dddddddd (zero-padded days), H HH (and h hh,
 * which the doc's own example uses for hours), m mm, s ss, f…, F…. A negative value is written with
 * a leading "-" (our choice).
 */
const formatTimespanFn = fn('format_timespan', (args) => {
  arity('format_timespan', args, 2);
  const compile = (f: string): FmtPart[] | null => {
    const parts = tokenize(f, 'dfFhHms');
    return typeof parts === 'string' ? null : parts;
  };
  let fixed: FmtPart[] | null | undefined;
  if (args[1]!.constant) {
    fixed = compile(String(args[1]!.value ?? ''));
    if (fixed === null || formatTimespanParts(fixed, 0n) === null) throw new UnsupportedError(`format_timespan() format '${String(args[1]!.value)}'`);
  }
  return (a) => {
    if (a[0] === null) return '';
    const parts = fixed ?? compile(a[1] as string);
    return parts ? (formatTimespanParts(parts, a[0] as bigint) ?? '') : '';
  };
});

export const functions: ScalarFunction[] = [
  now, ago, binFn('bin'), binFn('floor'), binAt, datetimeDiffFn, datetimeAdd, datetimePartFn,
  formatDatetimeFn, formatTimespanFn,
  periodFn('startof', 'day'), periodFn('startof', 'week'), periodFn('startof', 'month'), periodFn('startof', 'year'),
  periodFn('endof', 'day'), periodFn('endof', 'week'), periodFn('endof', 'month'), periodFn('endof', 'year'),
  dayofweek,
  getter('dayofmonth', (t) => datetimeParts(t).day),
  getter('dayofyear', dayOfYear),
  getter('getyear', (t) => datetimeParts(t).year),
  getter('getmonth', (t) => datetimeParts(t).month),
  getter('monthofyear', (t) => datetimeParts(t).month),
  getter('hourofday', (t) => datetimeParts(t).hour),
  getter('week_of_year', isoWeek),
  makeDatetime, makeTimespan,
  unixFn('unixtime_seconds_todatetime', 10_000_000), unixFn('unixtime_milliseconds_todatetime', 10_000),
  unixFn('unixtime_microseconds_todatetime', 10), unixFn('unixtime_nanoseconds_todatetime', 0.01),
  todatetime, totimespan,
];
