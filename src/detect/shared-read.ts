/**
 * One read of a table for several rules: the columns it maps. Its pre-filter is what every rule's
 * pre-filter implies (kql/exec/common-predicates.ts: pre-filters may keep extra rows, never drop
 * needed ones, src/kql/scan.ts), so the shared read keeps every row any rule needs, and each
 * rule's own where-clauses still run on its window.
 */
import { commonPredicates } from '../kql/exec/common-predicates.ts';
import type { ScanPredicate } from '../kql/scan.ts';

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

/** A group of rules that keep the same rows at the same columns (one window store). */
export interface ReadGroup {
  /** The pre-filter every rule of the group implies. */
  readonly predicates: readonly ScanPredicate[];
  /** The columns its rules read (undefined: all). */
  readonly columns: ReadonlySet<string> | undefined;
}

/** Most reads of one table: each one inflates and scans every file again. */
export const MAX_READS = 4;

/**
 * The reads that fill several groups' stores, each a list of group indices, the groups without an
 * `in` pre-filter last. One read for all groups keeps what every group's pre-filter implies, at
 * the union of their columns: with a group that needs every row and one that reads every column
 * (Microsoft's 73 rules: new user agents, Tor exit addresses), it mapped every column of every
 * record. So groups are read by the column their tightest `in` tests (fewest values): groups on
 * one column share a read whose pre-filter is the union of their values (common-predicates.ts),
 * and groups without an `in` share one that reads every row. A column's groups join that read
 * when it maps their columns anyway; past MAX_READS the smallest classes join it too.
 *
 * Groups whose pre-filters all imply one that keeps given values (a positive `in` or `has`: the
 * built-in rules, `has "DescribeEventAggregates"`) stay in one read: it is narrow already, and a
 * second read would inflate every file again.
 *
 * The groups without an `in` come last: the reader's summary describes the last scan, and that
 * one reads every record.
 */
export function planReads(groups: readonly ReadGroup[]): number[][] {
  const all = groups.map((_, i) => i);
  if (groups.length < 2 || commonPredicates(groups.map((g) => g.predicates)).some(keepsGivenValues)) return [all];
  const byColumn = new Map<string | null, number[]>();
  groups.forEach((g, i) => {
    const key = anchorColumn(g.predicates);
    byColumn.set(key, [...(byColumn.get(key) ?? []), i]);
  });
  const rest = byColumn.get(null) ?? [];
  byColumn.delete(null);
  const covered = rest.length > 0 ? sharedColumns(rest.map((i) => groups[i]!.columns), []) : new Set<string>();
  const classes: number[][] = [];
  for (const members of byColumn.values()) {
    const within = covered === undefined || members.every((i) => { const c = groups[i]!.columns; return c !== undefined && [...c].every((x) => covered.has(x)); });
    if (rest.length > 0 && within) rest.push(...members);
    else classes.push(members);
  }
  const budget = MAX_READS - (rest.length > 0 ? 1 : 0);
  if (classes.length > budget) {
    classes.sort((a, b) => b.length - a.length);
    for (const members of classes.splice(Math.max(0, budget - (rest.length > 0 ? 0 : 1)))) rest.push(...members);
  }
  const reads = classes.map((c) => c.sort((a, b) => a - b));
  if (rest.length > 0) reads.push(rest.sort((a, b) => a - b));
  return reads;
}

function keepsGivenValues(p: ScanPredicate): boolean {
  return p.kind === 'in' || (p.kind === 'has' && !p.negated);
}

/** The column of the `in` with the fewest values, or null. */
function anchorColumn(predicates: readonly ScanPredicate[]): string | null {
  let best: (ScanPredicate & { kind: 'in' }) | undefined;
  for (const p of predicates) if (p.kind === 'in' && (best === undefined || p.values.length < best.values.length)) best = p;
  return best?.column ?? null;
}
