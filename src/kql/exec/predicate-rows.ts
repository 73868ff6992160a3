/**
 * Pre-filter predicates (scan.ts) tested on rows already read: when one read serves several
 * consumers with different pre-filters (a replay's rules), the rows each of them needs.
 * Each test is the engine's own: `has` by its term matcher (has-operator doc), `in` by string
 * equality, `in~` by equality folding ASCII letters as `=~` does (equals-operator doc), time
 * bounds on ticks. A predicate on a column the batch does not have, or of another type, keeps
 * every row: a pre-filter may keep extra rows, never drop a needed one.
 */
import { asciiLower, termMatcher } from '../functions/terms.ts';
import type { ScanPredicate } from '../scan.ts';
import type { Batch, Value } from '../types.ts';

type RowTest = (v: Value) => boolean;

function testOf(p: ScanPredicate): RowTest {
  switch (p.kind) {
    case 'has': {
      const m = termMatcher(p.term, p.caseSensitive);
      return p.negated ? (v) => typeof v !== 'string' || !m(v) : (v) => typeof v === 'string' && m(v);
    }
    case 'in': {
      if (!p.caseInsensitive) {
        const set = new Set(p.values);
        return (v) => typeof v === 'string' && set.has(v);
      }
      const set = new Set(p.values.map(asciiLower));
      return (v) => typeof v === 'string' && set.has(asciiLower(v));
    }
    case 'timeRange':
      return (v) => {
        if (typeof v !== 'bigint') return false;
        if (p.min !== undefined && (p.minInclusive === false ? v <= p.min : v < p.min)) return false;
        if (p.max !== undefined && (p.maxInclusive === false ? v >= p.max : v > p.max)) return false;
        return true;
      };
  }
}

const TYPE_OF_KIND = { has: 'string', in: 'string', timeRange: 'datetime' } as const;

/** The rows of `batch` that pass every predicate, in order; null when that is every row. */
export function rowsPassing(batch: Batch, predicates: readonly ScanPredicate[]): number[] | null {
  const checks: { column: readonly Value[]; test: RowTest }[] = [];
  for (const p of predicates) {
    const c = batch.schema.findIndex((s) => s.name === p.column);
    if (c < 0 || batch.schema[c]!.type !== TYPE_OF_KIND[p.kind]) continue;
    checks.push({ column: batch.columns[c]!, test: testOf(p) });
  }
  if (checks.length === 0) return null;
  const out: number[] = [];
  for (let i = 0; i < batch.length; i++) {
    let pass = true;
    for (const k of checks) {
      if (!k.test(k.column[i]!)) {
        pass = false;
        break;
      }
    }
    if (pass) out.push(i);
  }
  return out.length === batch.length ? null : out;
}

