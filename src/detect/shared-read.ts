/**
 * One read of a table for several rules: the pre-filter predicates that hold for every rule's
 * scan of it. A predicate can be used for the shared read when each rule has one that implies
 * it (pre-filters may keep extra rows, never drop needed ones: src/kql/scan.ts), so the shared
 * read keeps every row any rule needs, and each rule's own where-clauses still run on its window.
 */
import { commonPredicates } from '../kql/exec/common-predicates.ts';
import type { ScanPredicate } from '../kql/scan.ts';

/** The predicates of one read for several rules: what every rule's pre-filter implies. */
export function sharedPredicates(perRule: ReadonlyArray<readonly ScanPredicate[]>): ScanPredicate[] {
  return commonPredicates(perRule);
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
