/**
 * Sets of Unicode scalar values as sorted, disjoint, non-adjacent ranges, flattened:
 * [lo0, hi0, lo1, hi1, ...] (inclusive bounds). Character classes of the Kusto regex dialect are
 * computed into these (set operations, negation, case folding) before any engine sees them, so
 * that every engine matches the same characters.
 */
export type CharSet = readonly number[];

export const MAX_CP = 0x10ffff;
export const EMPTY: CharSet = [];
export const ANY: CharSet = [0, MAX_CP];

/** Sorts and merges arbitrary [lo, hi] pairs (overlapping or adjacent ones join). */
export function normalize(pairs: number[]): CharSet {
  const ranges: [number, number][] = [];
  for (let i = 0; i < pairs.length; i += 2) ranges.push([pairs[i]!, pairs[i + 1]!]);
  ranges.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) {
      if (hi > out[n - 1]!) out[n - 1] = hi;
    } else out.push(lo, hi);
  }
  return out;
}

export function single(cp: number): CharSet {
  return [cp, cp];
}

export function union(a: CharSet, b: CharSet): CharSet {
  return normalize([...a, ...b]);
}

export function complement(a: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < a.length; i += 2) {
    if (a[i]! > next) out.push(next, a[i]! - 1);
    next = a[i + 1]! + 1;
  }
  if (next <= MAX_CP) out.push(next, MAX_CP);
  return out;
}

export function intersect(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

export function difference(a: CharSet, b: CharSet): CharSet {
  return intersect(a, complement(b));
}

export function symmetricDifference(a: CharSet, b: CharSet): CharSet {
  return union(difference(a, b), difference(b, a));
}

export function has(set: CharSet, cp: number): boolean {
  // Binary search over the range starts.
  let lo = 0;
  let hi = (set.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < set[2 * mid]!) hi = mid - 1;
    else if (cp > set[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The one code point of a single-character set, else undefined. */
export function onlyMember(set: CharSet): number | undefined {
  return set.length === 2 && set[0] === set[1] ? set[0] : undefined;
}
