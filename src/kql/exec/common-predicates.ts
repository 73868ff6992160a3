/**
 * Pre-filter predicates that hold for every one of several sets of rows, each set described by
 * its own list of predicates (all of a list hold for its rows): the disjuncts of an `or`, the
 * scans of one table in one query, the rules sharing one read. A reader may keep extra rows but
 * never drop a needed one (src/kql/scan.ts), so a predicate is used only when every list
 * implies it.
 */
import { asciiLower } from '../functions/terms.ts';
import type { ScanPredicate } from '../scan.ts';

/** Equal for equal predicates (or lists of them): time bounds are bigints, which JSON cannot spell. */
export const predicateKey = (p: ScanPredicate | readonly ScanPredicate[]): string => JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

/** Whether every row satisfying `a` satisfies `b`. Conservative: false when unsure. */
export function implies(a: ScanPredicate, b: ScanPredicate): boolean {
  if (predicateKey(a) === predicateKey(b)) return true;
  // `C == "X"` / `C in ("X")` implies `C has "X"`: a whole value equal to the term contains it as a term.
  if (a.kind === 'in' && b.kind === 'has' && !b.negated && a.column === b.column) {
    return a.values.length > 0 && a.values.every((v) => (b.caseSensitive && !a.caseInsensitive ? v === b.term : asciiLower(v) === asciiLower(b.term)));
  }
  // `C has "X"` implies `C has "x"` ignoring case (which folds ASCII letters only: terms.ts)
  if (a.kind === 'has' && b.kind === 'has' && !a.negated && !b.negated && a.column === b.column && !b.caseSensitive) {
    return asciiLower(a.term) === asciiLower(b.term);
  }
  // `C in (X)` implies `C in (X, Y)`; case-sensitively equal implies equal ignoring case
  if (a.kind === 'in' && b.kind === 'in' && a.column === b.column && (b.caseInsensitive || !a.caseInsensitive)) {
    const of = b.caseInsensitive ? asciiLower : (v: string) => v;
    const allowed = new Set(b.values.map(of));
    return a.values.every((v) => allowed.has(of(v)));
  }
  return false;
}

/** The tightest `in` of `list` on `column` (fewest values), or undefined. */
function inOn(list: readonly ScanPredicate[], column: string): (ScanPredicate & { kind: 'in' }) | undefined {
  let best: (ScanPredicate & { kind: 'in' }) | undefined;
  for (const p of list) if (p.kind === 'in' && p.column === column && (best === undefined || p.values.length < best.values.length)) best = p;
  return best;
}

/**
 * The predicates every list implies: those of the lists themselves that every list implies, and
 * for each column every list tests with `in` (==, =~, in, in~), the union of their values
 * (ignoring case when any of them does): a row of any list has one of them.
 */
export function commonPredicates(lists: ReadonlyArray<readonly ScanPredicate[]>): ScanPredicate[] {
  if (lists.length === 0) return [];
  const candidates = new Map<string, ScanPredicate>();
  for (const list of lists) for (const p of list) candidates.set(predicateKey(p), p);
  const out: ScanPredicate[] = [];
  for (const c of candidates.values()) {
    if (!lists.every((list) => list.some((p) => implies(p, c)))) continue;
    // one of two equivalent predicates (has "AWS" and has "aws"): the reader would check both
    if (!out.some((q) => implies(q, c) && implies(c, q))) out.push(c);
  }
  const columns = new Set(lists[0]!.flatMap((p) => (p.kind === 'in' ? [p.column] : [])));
  for (const column of columns) {
    const ins = lists.map((list) => inOn(list, column));
    if (ins.some((p) => p === undefined)) continue;
    const caseInsensitive = ins.some((p) => p!.caseInsensitive);
    const values = [...new Set(ins.flatMap((p) => p!.values))];
    const union: ScanPredicate = { kind: 'in', column, values, caseInsensitive };
    // already there (every list had the same one), or implied by what is: nothing to add
    if (!out.some((p) => implies(p, union))) out.push(union);
  }
  return out;
}
