/**
 * Kusto regular expressions for the KQL functions: compiled once per distinct pattern (cached)
 * and matched in linear time (src/kql/regex/: Kusto's dialect parsed into explicit code-point
 * sets, then run by re2js or our Pike VM; docs/kql.md, "Regular expressions").
 */
import { KustoRegex, type RegexMatch } from '../regex/kusto-regex.ts';

export type { KustoRegex, RegexMatch };

const cache = new Map<string, KustoRegex>();
const CACHE_LIMIT = 2000;

/**
 * Compiles a Kusto regex. Throws RuntimeError for invalid patterns (a query error, as in Kusto)
 * and UnsupportedError for valid ones we cannot run exactly.
 */
export function compileKustoRegex(pattern: string): KustoRegex {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const re = new KustoRegex(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** Number of capture groups of a compiled regex. */
export function groupCount(re: KustoRegex): number {
  return re.groupCount;
}

/** Capture group names → indexes (1-based), in the order the groups open. */
export function groupIndexes(re: KustoRegex): Map<string, number> {
  return new Map(re.groupNames);
}

/**
 * All matches, left to right, as the Rust crate's find_iter reports them: after an empty match,
 * the search resumes one code point later, and an empty match that ends where the previous
 * match ended is skipped (so `a*` on "baaab" gives "", "aaa", "" — not an extra "" at 4).
 */
export function* findAll(re: KustoRegex, text: string): Generator<RegexMatch> {
  let at = 0;
  let lastEnd = -1;
  while (at <= text.length) {
    const m = re.exec(text, at);
    if (!m) return;
    const end = m.index + m[0]!.length;
    if (m[0]!.length === 0) {
      at = end + codePointWidth(text, end);
      if (end === lastEnd) continue;
    } else {
      at = end;
    }
    lastEnd = end;
    yield m;
  }
}

function codePointWidth(text: string, i: number): number {
  if (i >= text.length) return 1;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
}
