/**
 * Kusto's term matching (`has`, `hasprefix`, `hassuffix` and their `_cs` forms) and the ASCII
 * case-insensitive substring primitives behind `contains`, `startswith`, `endswith`, `=~`.
 *
 * Rules (kql-semantics.md §3.2–§3.4; learn.microsoft.com/kusto/query/datatypes-string-operators):
 *  - A term is a maximal run of ASCII letters and digits; every other character (including `_`
 *    and all non-ASCII characters) is a delimiter.
 *  - `L has N`: N occurs in L at a position where its alphanumeric ends fall on term boundaries:
 *    if N starts with a letter/digit, the character before the occurrence (if any) is not one;
 *    if N ends with a letter/digit, the character after it (if any) is not one. A needle with
 *    punctuation is therefore a phrase: `"ec2.health.amazonaws.com" has "health.amazonaws.com"`.
 *  - `hasprefix` requires only the left boundary, `hassuffix` only the right one.
 *  - Case-insensitive forms fold ASCII letters only: "Case-insensitive operators are currently
 *    supported only for ASCII-text" (learn.microsoft.com/kusto/query/equals-operator).
 *  - Empty needle: our choice (docs silent, kql-semantics.md §3.3 recommends it): matches.
 *
 * Exported for the CloudTrail reader's pushed-down pre-filters: `termMatcher` compiles a needle
 * once; the returned function allocates nothing per call and never lower-cases the haystack.
 */

export type TermMode = 'term' | 'prefix' | 'suffix';

/** ASCII [A-Za-z0-9]: the characters that make up terms. */
export function isAsciiAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** ASCII lower-case of one UTF-16 code unit (other code units unchanged). */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The string with ASCII A–Z lowered and everything else unchanged (no copy when nothing changes). */
export function asciiLower(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

/** Does hay[at .. at+needle.length) equal `foldedNeedle` under ASCII case folding? (bounds checked by caller) */
function regionEqualsFolded(hay: string, at: number, foldedNeedle: string): boolean {
  for (let j = 0; j < foldedNeedle.length; j++) {
    if (fold(hay.charCodeAt(at + j)) !== foldedNeedle.charCodeAt(j)) return false;
  }
  return true;
}

/** First index >= from where `foldedNeedle` (already ASCII-lowered) occurs in hay, ignoring ASCII case; -1 if none. */
export function asciiIndexOf(hay: string, foldedNeedle: string, from = 0): number {
  const n = foldedNeedle.length;
  const last = hay.length - n;
  if (n === 0) return from <= hay.length ? from : -1;
  const first = foldedNeedle.charCodeAt(0);
  for (let p = from; p <= last; p++) {
    if (fold(hay.charCodeAt(p)) === first && regionEqualsFolded(hay, p, foldedNeedle)) return p;
  }
  return -1;
}

/** `a =~ b` on strings: equal lengths and equal under ASCII case folding. */
export function asciiEqualsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && fold(x) !== fold(y)) return false;
  }
  return true;
}

export function asciiStartsWith(hay: string, foldedNeedle: string): boolean {
  return foldedNeedle.length <= hay.length && regionEqualsFolded(hay, 0, foldedNeedle);
}

export function asciiEndsWith(hay: string, foldedNeedle: string): boolean {
  const at = hay.length - foldedNeedle.length;
  return at >= 0 && regionEqualsFolded(hay, at, foldedNeedle);
}

/**
 * Does `hay` contain `needle` as a term / term prefix / term suffix (see the module comment)?
 * When `caseSensitive` is false, `needle` must already be ASCII-lowered (asciiLower).
 */
export function matchTerm(hay: string, needle: string, caseSensitive: boolean, mode: TermMode): boolean {
  const n = needle.length;
  if (n === 0) return true;
  const needLeft = mode !== 'suffix' && isAsciiAlnum(needle.charCodeAt(0));
  const needRight = mode !== 'prefix' && isAsciiAlnum(needle.charCodeAt(n - 1));
  const h = hay.length;
  let p = caseSensitive ? hay.indexOf(needle) : asciiIndexOf(hay, needle);
  while (p >= 0) {
    const end = p + n;
    if ((!needLeft || p === 0 || !isAsciiAlnum(hay.charCodeAt(p - 1))) && (!needRight || end === h || !isAsciiAlnum(hay.charCodeAt(end)))) {
      return true;
    }
    p = caseSensitive ? hay.indexOf(needle, p + 1) : asciiIndexOf(hay, needle, p + 1);
  }
  return false;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;
const REGEX_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;

/**
 * A compiled `has`-family test for one needle: `termMatcher("health.amazonaws.com", false, 'term')(text)`.
 * ASCII needles compile to one RegExp with the term boundaries as look-arounds; without the `u`
 * flag, `i` folds ASCII letters only against ASCII letters (ECMAScript Canonicalize never maps a
 * non-ASCII character to an ASCII one), which is exactly ASCII case folding. Other needles use
 * matchTerm.
 */
export function termMatcher(needle: string, caseSensitive: boolean, mode: TermMode = 'term'): (hay: string) => boolean {
  if (needle.length > 0 && ASCII_ONLY.test(needle)) {
    const esc = (t: string) => t.replace(REGEX_SYNTAX, '\\$&');
    const right = mode !== 'prefix' && isAsciiAlnum(needle.charCodeAt(needle.length - 1)) ? '(?![A-Za-z0-9])' : '';
    let body = esc(needle);
    if (mode !== 'suffix' && isAsciiAlnum(needle.charCodeAt(0))) {
      // The left boundary is checked after the needle's leading letters/digits, as a look-behind
      // over them: a pattern that starts with a literal keeps V8's fast literal scan.
      let k = 0;
      while (k < needle.length && isAsciiAlnum(needle.charCodeAt(k))) k++;
      const run = esc(needle.slice(0, k));
      body = `${run}(?<![A-Za-z0-9]${run})${esc(needle.slice(k))}`;
    }
    const re = new RegExp(`${body}${right}`, caseSensitive ? '' : 'i');
    return (hay) => re.test(hay);
  }
  const n = caseSensitive ? needle : asciiLower(needle);
  return (hay) => matchTerm(hay, n, caseSensitive, mode);
}

/** A compiled substring test (`contains` / `contains_cs`) for one needle, ASCII-case-insensitive unless caseSensitive. */
export function containsMatcher(needle: string, caseSensitive: boolean): (hay: string) => boolean {
  if (caseSensitive) return (hay) => hay.includes(needle);
  if (ASCII_ONLY.test(needle)) {
    const re = new RegExp(needle.replace(REGEX_SYNTAX, '\\$&'), 'i');
    return (hay) => re.test(hay);
  }
  const n = asciiLower(needle);
  return (hay) => asciiIndexOf(hay, n) >= 0;
}

/** True when the needle is a single term (only ASCII letters/digits, non-empty). */
export function isSingleTerm(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isAsciiAlnum(s.charCodeAt(i))) return false;
  return true;
}

/**
 * Calls `visit(start, end)` for each term of `hay` in order until it returns true.
 * Returns whether some call returned true. Used by has_any over many single-term needles.
 */
export function someTerm(hay: string, visit: (start: number, end: number) => boolean): boolean {
  const h = hay.length;
  let i = 0;
  while (i < h) {
    while (i < h && !isAsciiAlnum(hay.charCodeAt(i))) i++;
    if (i >= h) break;
    const start = i;
    while (i < h && isAsciiAlnum(hay.charCodeAt(i))) i++;
    if (visit(start, i)) return true;
  }
  return false;
}

/**
 * Which of many needles (ASCII-lowered; null ones never match) a text `has`, case-insensitively,
 * for `has_any_index`, `has_any` and `has_all`. Searching the text once per needle costs needles × text
 * (100,000 numbers over a 100,000-character text: 10^10 steps); the single-term needles are
 * instead looked up once per term of the text, in a map from term to its first position in the
 * list. Needles with punctuation (phrases) are still searched one by one, in list order, only
 * while they could come before the best index found.
 */
export class TermSearch {
  private readonly terms = new Map<string, number>();
  private readonly others: { readonly needle: string; readonly index: number }[] = [];

  constructor(needles: readonly (string | null)[]) {
    needles.forEach((n, index) => {
      if (n === null) return;
      if (isSingleTerm(n)) {
        if (!this.terms.has(n)) this.terms.set(n, index);
      } else this.others.push({ needle: n, index });
    });
  }

  /** The position in the list of the first needle `hay` has, or -1; with `any`, of some needle it has. */
  firstIndex(hay: string, any = false): number {
    let best = Infinity;
    // A handful of terms are cheaper to search for than the text is to split into terms.
    if (this.terms.size > 8) {
      someTerm(hay, (s, e) => {
        const at = this.terms.get(asciiLower(hay.slice(s, e)));
        if (at !== undefined && at < best) best = at;
        return best === 0 || (any && best !== Infinity);
      });
    } else {
      for (const [needle, index] of this.terms) if (index < best && matchTerm(hay, needle, false, 'term')) best = index;
    }
    for (const o of this.others) {
      if (o.index >= best) break;
      if (matchTerm(hay, o.needle, false, 'term')) best = o.index;
    }
    return best === Infinity ? -1 : best;
  }

  /** Whether `hay` has every needle. */
  hasAll(hay: string): boolean {
    if (this.terms.size > 8) {
      const seen = new Set<string>();
      someTerm(hay, (s, e) => {
        const term = asciiLower(hay.slice(s, e));
        if (this.terms.has(term)) seen.add(term);
        return seen.size === this.terms.size;
      });
      if (seen.size < this.terms.size) return false;
    } else {
      for (const needle of this.terms.keys()) if (!matchTerm(hay, needle, false, 'term')) return false;
    }
    for (const o of this.others) if (!matchTerm(hay, o.needle, false, 'term')) return false;
    return true;
  }
}
