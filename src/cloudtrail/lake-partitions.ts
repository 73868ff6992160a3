/**
 * Partition pruning for a Security Lake bucket. Security Lake writes each source's objects under
 * `region=<region>/accountId=<account>/eventDay=<YYYYMMDD>/` (and custom sources may add
 * `eventHour=<YYYYMMDDHH>/`): docs.aws.amazon.com/security-lake/latest/userguide/custom-sources.html,
 * "Partitioning". The folder of an event is its region (`cloud.region`, AWSRegion), its account
 * (`cloud.account.uid`, RecipientAccountId) and the UTC day and hour of its `time` (TimeGenerated).
 *
 * A folder is left out only when no row in it can satisfy the scan's pushed-down predicates
 * (src/kql/scan.ts): a `timeRange` on TimeGenerated that misses the folder's whole day or hour,
 * or an exact `in` (==, in, =~, in~) on AWSRegion / RecipientAccountId that its value is not one
 * of. A folder whose value does not parse (`eventDay=latest`) is always read.
 */
import type { ScanPredicate } from '../kql/scan.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, UNIX_EPOCH_TICKS, TICKS_PER_MILLISECOND } from '../kql/types.ts';

interface ValueSet {
  /** Values as given, or lower-cased when `caseInsensitive`. */
  readonly values: ReadonlySet<string>;
  readonly caseInsensitive: boolean;
}

export interface PartitionFilter {
  /** Earliest and latest TimeGenerated a row may have (ticks, inclusive); absent = unbounded. */
  readonly from?: bigint;
  readonly to?: bigint;
  /** Every set a value must be in (the predicates are AND-ed), per partition key. */
  readonly sets: ReadonlyMap<string, readonly ValueSet[]>;
}

export const NO_PARTITION_FILTER: PartitionFilter = { sets: new Map() };

const KEY_OF_COLUMN: Record<string, string> = { AWSRegion: 'region', RecipientAccountId: 'accountId' };

/** What the scan's predicates say about the partitions a row can be in. */
export function partitionFilterOf(predicates: readonly ScanPredicate[]): PartitionFilter {
  let from: bigint | undefined;
  let to: bigint | undefined;
  const sets = new Map<string, ValueSet[]>();
  for (const p of predicates) {
    if (p.kind === 'timeRange' && p.column === 'TimeGenerated') {
      // whole ticks: an exclusive bound moves by one tick, the smallest step of a datetime
      if (p.min !== undefined) {
        const lo = p.minInclusive === false ? p.min + 1n : p.min;
        if (from === undefined || lo > from) from = lo;
      }
      if (p.max !== undefined) {
        const hi = p.maxInclusive === false ? p.max - 1n : p.max;
        if (to === undefined || hi < to) to = hi;
      }
    } else if (p.kind === 'in' && KEY_OF_COLUMN[p.column] !== undefined) {
      // case-insensitive matching of non-ASCII text is not folded here: no pruning then
      if (p.caseInsensitive && p.values.some((v) => /[^\x00-\x7f]/.test(v))) continue;
      const key = KEY_OF_COLUMN[p.column]!;
      const values = new Set(p.caseInsensitive ? p.values.map((v) => v.toLowerCase()) : p.values);
      sets.set(key, [...(sets.get(key) ?? []), { values, caseInsensitive: p.caseInsensitive }]);
    }
  }
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), sets };
}

/** True when the filter leaves out nothing (a listing then prunes no folder). */
export function prunesNothing(f: PartitionFilter): boolean {
  return f.from === undefined && f.to === undefined && f.sets.size === 0;
}

/** `eventDay=20230710` as its first tick and length; null when it does not parse. */
function timeSpan(key: string, value: string): { start: bigint; length: bigint } | null {
  const m = key === 'eventDay' ? /^(\d{4})(\d{2})(\d{2})$/.exec(value) : key === 'eventHour' ? /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(value) : null;
  if (m === null) return null;
  const [y, mo, d, h] = [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 0 : Number(m[4])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23) return null;
  const ms = Date.UTC(y, mo - 1, d, h);
  const dt = new Date(ms);
  if (dt.getUTCDate() !== d || dt.getUTCMonth() !== mo - 1) return null;
  return { start: UNIX_EPOCH_TICKS + BigInt(ms) * TICKS_PER_MILLISECOND, length: key === 'eventDay' ? TICKS_PER_DAY : TICKS_PER_HOUR };
}

/**
 * Whether the folder named `part` (one path part, `eventDay=20230710`) can hold a row the filter
 * keeps. Parts that are not partitions of a known key are always kept.
 */
export function partitionMayHold(part: string, f: PartitionFilter): boolean {
  const eq = part.indexOf('=');
  if (eq <= 0) return true;
  const key = part.slice(0, eq);
  const value = part.slice(eq + 1);
  if (key === 'eventDay' || key === 'eventHour') {
    const span = timeSpan(key, value);
    if (span === null) return true;
    if (f.from !== undefined && span.start + span.length - 1n < f.from) return false;
    if (f.to !== undefined && span.start > f.to) return false;
    return true;
  }
  const sets = f.sets.get(key);
  if (!sets) return true;
  // a non-ASCII value may fold onto an ASCII one (K, the Kelvin sign): not pruned case-insensitively
  return sets.every((s) => (s.caseInsensitive ? /[^\x00-\x7f]/.test(value) || s.values.has(value.toLowerCase()) : s.values.has(value)));
}
