/**
 * One read of a table for several rules: the pre-filter predicates that hold for every rule's
 * scan of it. A predicate can be used for the shared read when each rule has one that implies
 * it (pre-filters may keep extra rows, never drop needed ones: src/kql/scan.ts), so the shared
 * read keeps every row any rule needs, and each rule's own where-clauses still run on its window.
 */
import type { ScanPredicate } from '../kql/scan.ts';

const key = (p: ScanPredicate): string => JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Whether every row satisfying `a` satisfies `b`. Conservative: false when unsure. */
export function implies(a: ScanPredicate, b: ScanPredicate): boolean {
  if (key(a) === key(b)) return true;
  // `C == "X"` / `C in ("X")` implies `C has "X"`: a whole value equal to the term contains it as a term.
  if (a.kind === 'in' && b.kind === 'has' && !b.negated && a.column === b.column) {
    return a.values.length > 0 && a.values.every((v) => (b.caseSensitive && !a.caseInsensitive ? v === b.term : v.toLowerCase() === b.term.toLowerCase()));
  }
  return false;
}

export function sharedPredicates(perRule: ReadonlyArray<readonly ScanPredicate[]>): ScanPredicate[] {
  if (perRule.length === 0) return [];
  const candidates = new Map<string, ScanPredicate>();
  for (const list of perRule) for (const p of list) candidates.set(key(p), p);
  return [...candidates.values()].filter((c) => perRule.every((list) => list.some((p) => implies(p, c))));
}

/**
 * The columns one read must map for several rules: every column any rule's query reads (each
 * rule's own scans ask for their part of them), plus `also` (what the reader's caller itself
 * needs); undefined (every column) when some rule reads them all.
 */
export function sharedColumns(perRule: ReadonlyArray<ReadonlySet<string> | undefined>, also: readonly string[]): ReadonlySet<string> | undefined {
  const out = new Set<string>(also);
  for (const cols of perRule) {
    if (cols === undefined) return undefined;
    for (const c of cols) out.add(c);
  }
  return out;
}
