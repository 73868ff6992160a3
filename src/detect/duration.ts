/**
 * Durations as written in Sentinel rule YAML: `5m`, `1h`, `1d` (the repository's form) or a .NET
 * TimeSpan string `00:05:00` (ScheduledTemplateTimeSpanConverter, kql-semantics.md §9.5), plus
 * ISO 8601 `PT5H` (ARM exports write suppressionDuration and lookbackDuration that way).
 */
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../kql/types.ts';
import { formatTimespan, parseTimespan } from '../kql/values/timespan.ts';

const UNIT: Record<string, bigint> = { s: TICKS_PER_SECOND, m: TICKS_PER_MINUTE, h: TICKS_PER_HOUR, d: TICKS_PER_DAY };

/** Ticks, or null when the text is not a duration. */
export function parseDuration(text: string): bigint | null {
  const s = text.trim();
  const short = /^(\d+)\s*([smhd])$/i.exec(s);
  if (short) return BigInt(short[1]!) * UNIT[short[2]!.toLowerCase()]!;
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i.exec(s);
  if (iso && s.length > 1 && !/T$/i.test(s)) {
    const [d, h, m, sec] = [iso[1], iso[2], iso[3], iso[4]].map((x) => BigInt(x ?? '0'));
    return d! * TICKS_PER_DAY + h! * TICKS_PER_HOUR + m! * TICKS_PER_MINUTE + sec! * TICKS_PER_SECOND;
  }
  if (/^\d+$/.test(s)) return null; // a bare number is ambiguous (days for .NET): refuse it
  return parseTimespan(s);
}

/** `5m`, `10m`, `1h`, `1d`, or the TimeSpan text when it is not a whole number of one unit. */
export function formatDuration(ticks: bigint): string {
  for (const [u, n] of [['d', TICKS_PER_DAY], ['h', TICKS_PER_HOUR], ['m', TICKS_PER_MINUTE], ['s', TICKS_PER_SECOND]] as const) {
    if (ticks > 0n && ticks % n === 0n) return `${ticks / n}${u}`;
  }
  return formatTimespan(ticks);
}
