/**
 * Unicode tables for the Kusto regex dialect, taken from JavaScript's own (V8/ICU) tables.
 *
 * The sets every common pattern needs (\d, \s, \w and the simple case folding orbits of `(?i)`)
 * are generated into unicode-tables.ts by scripts/gen-unicode-tables.ts, because computing them
 * at run time costs about a second (test/kql/regex/unicode.test.ts checks they equal what the
 * running Node computes). Other \p{…} classes are computed on first use and cached: `\p{…}+` runs
 * over one string that holds every scalar value in order, and its runs of matches are the ranges.
 */
import { UnsupportedError } from '../errors.ts';
import { type CharSet, has, normalize, union } from './charset.ts';
import { CASE_ORBITS, DIGIT, SPACE, WORD } from './unicode-tables.ts';

let everyScalar: string | undefined;

/** Every Unicode scalar value (surrogates excluded), in order, as UTF-16. */
function allScalars(): string {
  if (everyScalar === undefined) {
    const units = new Uint16Array(0xd800 + 0x2000 + 2 * 0x100000);
    let k = 0;
    for (let c = 0; c < 0xd800; c++) units[k++] = c;
    for (let c = 0xe000; c < 0x10000; c++) units[k++] = c;
    for (let v = 0; v < 0x100000; v++) {
      units[k++] = 0xd800 + (v >> 10);
      units[k++] = 0xdc00 + (v & 0x3ff);
    }
    everyScalar = new TextDecoder('utf-16le').decode(units);
  }
  return everyScalar;
}

/** The code point at a UTF-16 index of allScalars(). */
function scalarAt(index: number): number {
  if (index < 0xd800) return index;
  if (index < 0xf800) return index + 0x800;
  return 0x10000 + ((index - 0xf800) >> 1);
}

/** The scalar values matched by a v-mode class body such as `\p{Greek}`, computed from V8's tables. */
export function computeClassSet(classBody: string): CharSet {
  const pairs: number[] = [];
  for (const m of allScalars().matchAll(new RegExp(`[${classBody}]+`, 'gv'))) {
    // A run ending in a supplementary character ends at its low surrogate: same code point.
    pairs.push(scalarAt(m.index), scalarAt(m.index + m[0].length - 1));
  }
  return normalize(pairs);
}

const setCache = new Map<string, CharSet>();
function setOf(classBody: string): CharSet {
  let set = setCache.get(classBody);
  if (set === undefined) {
    set = computeClassSet(classBody);
    setCache.set(classBody, set);
  }
  return set;
}

/** The class bodies of the generated sets. */
export const DIGIT_CLASS = '\\p{Nd}';
export const SPACE_CLASS = '\\p{White_Space}';
export const WORD_CLASS = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';

/** `\d`: Unicode decimal digits (learn.microsoft.com/kusto/query/regex: "\d Digit (\p{Nd})"). */
export function digitSet(): CharSet {
  return DIGIT;
}

/** `\s`: White_Space (the Rust regex crate's \s, UTS #18 Annex C). */
export function spaceSet(): CharSet {
  return SPACE;
}

/** `\w`: Alphabetic, marks, decimal digits, connector punctuation, Join_Control (UTS #18 Annex C, as the Rust crate). */
export function wordSet(): CharSet {
  return WORD;
}

/** Is cp a Unicode word character (for \b, \B, \<, \>)? ASCII answered without a search. */
export function isWordChar(cp: number): boolean {
  if (cp < 0x80) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95;
  return has(WORD, cp);
}

/**
 * A Unicode property by name → its set. The Rust crate accepts general categories, scripts and
 * binary properties, matching names loosely (case, spaces, '_' and '-' ignored); JavaScript wants
 * canonical spellings, so also try the Title_Case form ("old italic" → "Old_Italic") and an
 * upper-case first letter ("lu" → "Lu").
 */
export function propertySet(pattern: string, name: string): CharSet {
  const words = name.split(/[\s_-]+/).filter((w) => w.length > 0);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('_');
  const upperFirst = name.length > 0 ? name[0]!.toUpperCase() + name.slice(1) : name;
  const names = [...new Set([name, title, upperFirst])];
  const candidates = name.includes('=') ? [name] : names.flatMap((n) => [n, `Script=${n}`, `General_Category=${n}`]);
  for (const c of candidates) {
    if (!/^[A-Za-z0-9_=]+$/.test(c)) continue;
    try {
      new RegExp(`\\p{${c}}`, 'v');
    } catch {
      continue; // try the next interpretation
    }
    return setOf(`\\p{${c}}`);
  }
  throw new UnsupportedError(`the Unicode class \\p{${name}} in regex ${JSON.stringify(pattern)}`);
}

/**
 * Simple case folding orbits (the sets of characters that fold together, as `(?i)` matches them:
 * Unicode simple case folding, as the Rust crate and JavaScript's /iu do). Candidate pairs come
 * from single-character toLowerCase/toUpperCase; each pair is kept only when V8's /iu agrees that
 * the two fold together (so dotless ı does not join i). Sorted orbits, sorted by first member.
 */
export function computeCaseOrbits(): number[][] {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const m of allScalars().matchAll(new RegExp('\\p{Changes_When_Casemapped}', 'gu'))) {
    const c = m[0];
    const cp = c.codePointAt(0)!;
    for (const other of [c.toLowerCase(), c.toUpperCase()]) {
      const ocp = other.codePointAt(0)!;
      if (other === c || String.fromCodePoint(ocp) !== other) continue;
      if (!new RegExp(`^\\u{${cp.toString(16)}}$`, 'iu').test(other)) continue;
      const ra = find(cp);
      const rb = find(ocp);
      if (ra !== rb) parent.set(ra, rb);
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const r = find(cp);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = []));
    g.push(cp);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => g.sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);
}

let orbits: Map<number, readonly number[]> | undefined;
let casedSorted: number[] | undefined;

function caseOrbits(): Map<number, readonly number[]> {
  if (orbits) return orbits;
  orbits = new Map();
  for (const g of CASE_ORBITS) for (const cp of g) orbits.set(cp, g);
  casedSorted = [...orbits.keys()].sort((a, b) => a - b);
  return orbits;
}

/** The characters that fold together with cp (itself included). */
export function caseVariants(cp: number): readonly number[] {
  return caseOrbits().get(cp) ?? [cp];
}

/** The set closed under simple case folding (what a class matches under `(?i)`). */
export function caseFold(set: CharSet): CharSet {
  const o = caseOrbits();
  const extra: number[] = [];
  for (const cp of casedSorted!) {
    if (has(set, cp)) for (const v of o.get(cp)!) extra.push(v, v);
  }
  return extra.length === 0 ? set : union(set, normalize(extra));
}
