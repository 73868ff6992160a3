/**
 * How deeply a query's brackets nest, found by a linear scan of its text, so that a query the
 * official parser would refuse as too deep is refused before it reaches the parser: the parser
 * takes time quadratic in the nesting before it gives up (4,000 nested parentheses: ~11 s; a
 * hundred thousand: hours), while it refuses anything nested past ~450 brackets with "Query syntax
 * depth exceeds maximum safe limit". Brackets inside string literals and comments do not count.
 */

/** Past this many nested brackets the official parser has always refused (parentheses: at 500). */
export const MAX_BRACKET_DEPTH = 512;

/** The deepest nesting of ( [ { outside strings and comments. */
export function bracketDepth(text: string): number {
  let depth = 0;
  let max = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
      i++;
    } else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
      i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol + 1;
    } else if (c === 0x60 && text.startsWith('```', i)) {
      const end = text.indexOf('```', i + 3);
      i = end < 0 ? n : end + 3;
    } else if (c === 0x40 && (text.charCodeAt(i + 1) === 0x22 || text.charCodeAt(i + 1) === 0x27)) {
      i = verbatimEnd(text, i + 1);
    } else if (c === 0x22 || c === 0x27) {
      i = quotedEnd(text, i);
    } else {
      i++;
    }
  }
  return max;
}

/** After a "..." or '...' literal starting at `i` (backslash escapes). */
function quotedEnd(text: string, i: number): number {
  const q = text.charCodeAt(i);
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === q) return j + 1;
    else if (c === 0x0a) return j; // an unterminated literal ends at the line's end
  }
  return text.length;
}

/** After a verbatim @"..." or @'...' literal whose quote is at `i` (a doubled quote is one quote). */
function verbatimEnd(text: string, i: number): number {
  const q = text.charCodeAt(i);
  for (let j = i + 1; j < text.length; j++) {
    if (text.charCodeAt(j) !== q) continue;
    if (text.charCodeAt(j + 1) === q) j++;
    else return j + 1;
  }
  return text.length;
}
