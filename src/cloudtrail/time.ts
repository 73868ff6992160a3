/** Timestamps as Kusto datetime ticks (100 ns since 0001-01-01 UTC). */
import { TICKS_PER_MILLISECOND, TICKS_PER_SECOND, UNIX_EPOCH_TICKS } from '../kql/types.ts';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}:?\d{2})?$/;

/**
 * ISO-8601 text (CloudTrail writes `2023-07-10T11:42:24Z`) to ticks; null when it is not a
 * valid date. Up to 7 fraction digits are kept exactly (a tick is 100 ns); more are cut.
 */
const cache = new Map<string, bigint | null>();

export function isoToTicks(s: string): bigint | null {
  // records of one file share few distinct seconds: a small cache saves the regex and BigInt work
  const hit = cache.get(s);
  if (hit !== undefined) return hit;
  const t = s.length === 20 ? (canonicalIso(s) ?? parseIso(s)) : parseIso(s);
  if (cache.size >= 4096) cache.clear();
  cache.set(s, t);
  return t;
}

/** Two ASCII digits at s[i], or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i) - 0x30;
  const b = s.charCodeAt(i + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * CloudTrail's own form, `YYYY-MM-DDTHH:MM:SSZ` (years 100-9999), without the regular expression
 * and Date objects of parseIso: the same ticks (days from the civil date in the proleptic
 * Gregorian calendar, as Date.UTC counts them). Null for anything else, which parseIso then reads.
 */
function canonicalIso(s: string): bigint | null {
  if (s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d || s.charCodeAt(10) !== 0x54 || s.charCodeAt(13) !== 0x3a || s.charCodeAt(16) !== 0x3a || s.charCodeAt(19) !== 0x5a) return null;
  const hi = two(s, 0);
  const lo = two(s, 2);
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (hi < 1 || lo < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  const year = hi * 100 + lo;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  // days since 1970-01-01 (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil)
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return UNIX_EPOCH_TICKS + BigInt(days * 86400 + hour * 3600 + minute * 60 + second) * TICKS_PER_SECOND;
}

function parseIso(s: string): bigint | null {
  const m = ISO.exec(s);
  if (m === null) return null;
  const [, y, mo, d, h, mi, se, frac, zone] = m;
  const year = +y!, month = +mo!, day = +d!, hour = +h!, minute = +mi!, second = se ? +se : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC maps years 0..99 to 1900..1999 and rolls over bad days: check the round trip
  const dt = new Date(ms);
  if (dt.getUTCFullYear() !== year || dt.getUTCMonth() !== month - 1 || dt.getUTCDate() !== day) {
    if (year >= 100) return null;
  }
  let ticks = UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MILLISECOND;
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
