/**
 * One read of a table for several rules: the columns it maps. Its pre-filter is what every rule's
 * pre-filter implies (kql/exec/common-predicates.ts: pre-filters may keep extra rows, never drop
 * needed ones, src/kql/scan.ts), so the shared read keeps every row any rule needs, and each
 * rule's own where-clauses still run on its window.
 */

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
