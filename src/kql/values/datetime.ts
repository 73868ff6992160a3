/**
 * Kusto `datetime` values: 100 ns ticks since 0001-01-01T00:00:00Z held in a bigint
 * (learn.microsoft.com/kusto/query/scalar-data-types/datetime). All calendar arithmetic is done
 * on integers so sub-millisecond ticks are never rounded through a JS Date.
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE, TICKS_PER_SECOND, UNIX_EPOCH_TICKS } from '../types.ts';

/** The largest valid datetime: 9999-12-31T23:59:59.9999999Z (.NET DateTime.MaxValue). */
export const MAX_DATETIME_TICKS = 3_155_378_975_999_999_999n;
export const MIN_DATETIME_TICKS = 0n;

export function isValidDatetimeTicks(t: bigint): boolean {
  return t >= MIN_DATETIME_TICKS && t <= MAX_DATETIME_TICKS;
}

/** Days from 0001-01-01 to 1970-01-01. */
const UNIX_EPOCH_DAYS = 719_162;

/** Civil date of a day number counted from 1970-01-01 (proleptic Gregorian, H. Hinnant's algorithm). */
function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: month <= 2 ? y + 1 : y, month, day };
}

/** Day number counted from 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The calendar parts of a datetime (UTC). `ticks` is the sub-second remainder (0..9999999). */
export interface DatetimeParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Sub-second part in ticks, 0..9_999_999. */
  readonly fraction: number;
}

export function datetimeParts(ticks: bigint): DatetimeParts {
  const days = ticks / TICKS_PER_DAY;
  const rest = Number(ticks - days * TICKS_PER_DAY);
  const { year, month, day } = civilFromDays(Number(days) - UNIX_EPOCH_DAYS);
  const secs = Math.floor(rest / 10_000_000);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor(secs / 60) % 60,
    second: secs % 60,
    fraction: rest % 10_000_000,
  };
}

/** Ticks of a calendar date and time; no range or validity check (callers validate). */
export function datetimeFromParts(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, fraction = 0): bigint {
  const days = BigInt(daysFromCivil(year, month, day) + UNIX_EPOCH_DAYS);
  return days * TICKS_PER_DAY + BigInt(hour) * TICKS_PER_HOUR + BigInt(minute) * TICKS_PER_MINUTE + BigInt(second) * TICKS_PER_SECOND + BigInt(fraction);
}

/** Ticks at midnight of the day holding `ticks`. */
export function dayStart(ticks: bigint): bigint {
  return ticks - (((ticks % TICKS_PER_DAY) + TICKS_PER_DAY) % TICKS_PER_DAY);
}

/** Day of week, 0 = Sunday (0001-01-01 was a Monday). */
export function dayOfWeekIndex(ticks: bigint): number {
  return Number((ticks / TICKS_PER_DAY + 1n) % 7n);
}

/** 1-based day of year. */
export function dayOfYear(ticks: bigint): number {
  const p = datetimeParts(ticks);
  return Number((dayStart(ticks) - datetimeFromParts(p.year, 1, 1)) / TICKS_PER_DAY) + 1;
}

export function datetimeFromUnixMillis(ms: number): bigint {
  // Milliseconds may carry a fraction (e.g. 1.5 ms): keep it to the tick.
  if (Number.isInteger(ms)) return UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MILLISECOND;
  return UNIX_EPOCH_TICKS + BigInt(Math.round(ms * 10_000));
}

/** Milliseconds since the Unix epoch; sub-millisecond ticks are floored. */
export function unixMillisFromDatetime(ticks: bigint): number {
  const d = ticks - UNIX_EPOCH_TICKS;
  let ms = d / TICKS_PER_MILLISECOND;
  if (d < 0n && ms * TICKS_PER_MILLISECOND !== d) ms -= 1n;
  return Number(ms);
}

const p2 = (n: number): string => String(n).padStart(2, '0');
const p4 = (n: number): string => String(n).padStart(4, '0');
const p7 = (n: number): string => String(n).padStart(7, '0');

/**
 * tostring() form: `yyyy-MM-ddTHH:mm:ss.fffffffZ`, always 7 fraction digits
 * (kql-semantics.md §2.6, derived from the hash_md5(datetime(2020-01-01)) doc example).
 */
export function formatDatetime(ticks: bigint): string {
  const p = datetimeParts(ticks);
  return `${p4(p.year)}-${p2(p.month)}-${p2(p.day)}T${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}.${p7(p.fraction)}Z`;
}

/**
 * The form of Kusto JSON results (REST v1/v2, "ISO 8601 UTC"): `yyyy-MM-ddTHH:mm:ss[.f…]Z`
 * with the fraction's trailing zeros trimmed and the fraction omitted when zero, as the
 * service's JSON results show (`"2016-03-14T11:45:00Z"`, `"2009-06-15T13:45:30.5Z"`).
 * Our choice where the docs are silent: the .NET round-trip format with trimmed zeros.
 */
export function formatDatetimeJson(ticks: bigint): string {
  const p = datetimeParts(ticks);
  const frac = p.fraction === 0 ? '' : `.${p7(p.fraction).replace(/0+$/, '')}`;
  return `${p4(p.year)}-${p2(p.month)}-${p2(p.day)}T${p2(p.hour)}:${p2(p.minute)}:${p2(p.second)}${frac}Z`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const LONG_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Zone designators of RFC 822 §5 and ISO offsets, as minutes east of UTC. */
function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0;
  const z = zone.toUpperCase();
  const named: Record<string, number> = {
    Z: 0, GMT: 0, UT: 0, UTC: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  };
  if (z in named) return named[z]!;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3]);
  if (Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return m[1] === '-' ? -mins : mins;
}

/** RFC 822 two-digit years: .NET's default two-digit-year window (2049) maps 00-49 to 20xx, 50-99 to 19xx. */
function fullYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n <= 49 ? 2000 + n : 1900 + n;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, fracDigits: string | undefined, zone: string | undefined): bigint | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  // Fractions beyond 7 digits (sub-tick) are truncated: our choice; the docs show up to 7.
  const fraction = fracDigits ? Number(fracDigits.slice(0, 7).padEnd(7, '0')) : 0;
  const off = zoneOffsetMinutes(zone);
  if (off === null) return null;
  const t = datetimeFromParts(year, month, day, hour, minute, second, fraction) - BigInt(off) * TICKS_PER_MINUTE;
  return isValidDatetimeTicks(t) ? t : null;
}

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?`;
const ZONE = String.raw`(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,3})`;
/** ISO 8601 and "sortable": yyyy-M-d[(T| )H:mm[:ss[.f]]][zone]; a zone may follow a space. */
const ISO_RE = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)${TIME})?(?:\s*${ZONE})?$`, 'i');
/** RFC 822 / 1123: [Wkd, ]d Mon yy[yy] H:mm[:ss] [zone]. */
const RFC822_RE = new RegExp(String.raw`^(?:([A-Za-z]+),\s*)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+${TIME}(?:\s+${ZONE})?$`);
/** RFC 850: [Weekday, ]dd-Mon-yy H:mm[:ss] [zone]. */
const RFC850_RE = new RegExp(String.raw`^(?:([A-Za-z]+),\s*)?(\d{1,2})-([A-Za-z]{3})-(\d{2}|\d{4})\s+${TIME}(?:\s+${ZONE})?$`);
/** .NET invariant-culture fallback M/d/yyyy or M-d-yyyy, e.g. the todatetime doc's '12-02-2022'. */
const US_RE = new RegExp(String.raw`^(\d{1,2})([-/])(\d{1,2})\2(\d{4})(?:\s+${TIME})?$`);

function weekdayOk(w: string | undefined): boolean {
  if (w === undefined) return true;
  const l = w.toLowerCase();
  return WEEKDAYS.includes(l) || LONG_WEEKDAYS.includes(l);
}

/**
 * Parses the datetime text forms the datetime data-type doc lists for datetime() literals and
 * todatetime(): ISO 8601 (T or space, optional seconds, fraction, Z or offset), RFC 822/1123,
 * RFC 850 and "sortable", plus the M-d-yyyy example of the todatetime doc. Offsets are
 * converted to UTC. Returns null when the text is not a valid datetime.
 */
export function parseDatetime(text: string): bigint | null {
  const s = text.trim();
  let m = ISO_RE.exec(s);
  if (m) {
    if (m[4] === undefined && m[8] !== undefined && !/^z$/i.test(m[8])) {
      // A date alone may only carry "Z"; "2014-11-08 GMT" is not a listed form.
      return null;
    }
    return build(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), m[7], m[8]);
  }
  m = RFC822_RE.exec(s) ?? RFC850_RE.exec(s);
  if (m) {
    if (!weekdayOk(m[1])) return null;
    const month = MONTHS.indexOf(m[3]!.toLowerCase()) + 1;
    if (month === 0) return null;
    return build(fullYear(m[4]!), month, Number(m[2]), Number(m[5]), Number(m[6]), Number(m[7] ?? 0), m[8], m[9]);
  }
  m = US_RE.exec(s);
  if (m) return build(Number(m[4]), Number(m[1]), Number(m[3]), Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0), m[8], undefined);
  return null;
}

/**
 * The contents of a `datetime(...)` literal: like parseDatetime, and the text may be quoted
 * (`datetime('12-02-2022')`, todatetime doc).
 */
export function parseDatetimeLiteral(inner: string): bigint | null {
  const s = inner.trim();
  const q = /^(['"])(.*)\1$/s.exec(s);
  return parseDatetime(q ? q[2]! : s);
}
