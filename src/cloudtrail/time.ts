/** Timestamps as Kusto datetime ticks (100 ns since 0001-01-01 UTC). */
import { TICKS_PER_MILLISECOND, TICKS_PER_SECOND, UNIX_EPOCH_TICKS } from '../kql/types.ts';
import { daysFromCivil, isLeapYear } from '../kql/values/datetime.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO-8601 text (CloudTrail writes `2023-07-10T11:42:24Z`) to ticks; null when it is not a
 * valid date. Up to 7 fraction digits are kept exactly (a tick is 100 ns); more are cut.
 * Years 0001 to 9999, Kusto's datetime range
 * (learn.microsoft.com/kusto/query/scalar-data-types/datetime): every date is counted in the
 * proleptic Gregorian calendar, years before 100 included (Date.UTC would read them as 19xx).
 */
export function isoToTicks(s: string): bigint | null {
  if (s.length === 20) {
    const t = canonicalIso(s);
    if (t !== null) return t;
  }
  // other forms are rare (CloudTrail writes the one above): a small cache saves the regex
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const t = parseIso(s);
  if (cache.size >= 4096) cache.clear();
  cache.set(s, t);
  return t;
}

const cache = new Map<string, bigint | null>();

/** Two ASCII digits at s[i], or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Seconds from 0001-01-01 to 1970-01-01. */
const EPOCH_SECONDS = 62_135_596_800;
/**
 * Seconds from 0001-01-01 below which seconds x 10^7 is an exact double: 10^7 = 5^7 x 2^7 and
 * seconds x 5^7 stays below 2^53 (up to about the year 3650), so one BigInt is made, not three.
 */
const EXACT_SECONDS = Math.floor(2 ** 53 / 78_125);

/**
 * Ticks of a valid civil date and time (UTC), or null when the calendar has no such date (day 31
 * of a 30-day month, 29 February of a common year) or the year is outside 1..9999.
 */
function civilTicks(year: number, month: number, day: number, hour: number, minute: number, second: number): bigint | null {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  const seconds = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second + EPOCH_SECONDS;
  return seconds < EXACT_SECONDS ? BigInt(seconds * 1e7) : BigInt(seconds) * TICKS_PER_SECOND;
}

/**
 * CloudTrail's own form, `YYYY-MM-DDTHH:MM:SSZ`, without the regular expression and the cache of
 * parseIso (a Map lookup hashes the fresh string of every record: more than this costs). Null for
 * anything else, which parseIso then reads.
 */
function canonicalIso(s: string): bigint | null {
  if (s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a || s.charCodeAt(19) !== 0x5a) return null;
  const hi = two(s, 0);
  const lo = two(s, 2);
  if (hi < 0 || lo < 0) return null;
  return civilTicks(hi * 100 + lo, two(s, 5), two(s, 8), two(s, 11), two(s, 14), two(s, 17));
}

function parseIso(s: string): bigint | null {
  const m = ISO.exec(s);
  if (m === null) return null;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  let ticks = civilTicks(+y!, +mo!, +d!, +h!, +mi!, se ? +se : 0);
  if (ticks === null) return null;
  if (frac) ticks += BigInt((frac + '000000').slice(0, 7));
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1n : 1n;
    const digits = zone.slice(1).replace(':', '');
    const offMin = BigInt(+digits.slice(0, 2) * 60 + +digits.slice(2, 4));
    ticks -= sign * offMin * 60n * TICKS_PER_SECOND;
  }
  return ticks;
}

export function msToTicks(ms: number): bigint {
  return UNIX_EPOCH_TICKS + BigInt(Math.trunc(ms)) * TICKS_PER_MILLISECOND;
}

export function ticksToIso(t: bigint): string {
  const ms = Number((t - UNIX_EPOCH_TICKS) / TICKS_PER_MILLISECOND);
  const sub = (t - UNIX_EPOCH_TICKS) % TICKS_PER_MILLISECOND;
  const iso = new Date(ms).toISOString();
  return sub === 0n ? iso : iso.replace('Z', '') + sub.toString().padStart(4, '0') + 'Z';
}

/**
 * Delivery time from an S3 CloudTrail object name: `<acct>_CloudTrail_<region>_20230710T1145Z_<rand>.json.gz`
 * (digest names carry seconds too: `..._20230710T114512Z`). Null when the name has none.
 */
export function deliveryTicksFromName(name: string): bigint | null {
  const m = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?Z(?:_|\.|$)/.exec(name);
  if (m === null) return null;
  return isoToTicks(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6] ?? '00'}Z`);
}
