/**
 * A parsed Kusto regex written back in RE2's syntax, for the re2js engine. Only the parts of RE2's
 * syntax whose meaning does not depend on RE2's own Unicode or case tables are used: every class
 * is an explicit list of code-point ranges, case-insensitivity was already expanded into classes,
 * and the only flags are the scoped `(?m:^)`/`(?m:$)` line anchors. `\b`/`\B` are RE2's ASCII
 * word boundaries: the caller uses this program only for texts where they mean the same as the
 * Unicode ones (ASCII-only texts; see kusto-regex.ts).
 */
import type { CharSet } from './charset.ts';
import type { AssertKind, Node } from './syntax.ts';

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function char(cp: number): string {
  if ((cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122) || cp === 95) return String.fromCharCode(cp);
  return hex(cp);
}

function charSet(set: CharSet): string {
  if (set.length === 0) return '[^\\x{0}-\\x{10ffff}]';
  if (set.length === 2 && set[0] === set[1]) return char(set[0]!);
  let out = '[';
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    out += lo === hi ? char(lo) : `${char(lo)}-${char(hi)}`;
  }
  return `${out}]`;
}

const ASSERT: Partial<Record<AssertKind, string>> = {
  'text-start': '\\A',
  'text-end': '\\z',
  'line-start': '(?m:^)',
  'line-end': '(?m:$)',
  word: '\\b',
  'not-word': '\\B',
};

/** The RE2 pattern of a node, or undefined when it holds an assertion RE2 lacks (\<, \>, \b{…}). */
export function toRe2(node: Node): string | undefined {
  switch (node.t) {
    case 'set':
      return charSet(node.set);
    case 'empty':
      return '(?:)';
    case 'assert':
      return ASSERT[node.kind];
    case 'group': {
      const body = toRe2(node.body);
      if (body === undefined) return undefined;
      return node.capture === null ? `(?:${body})` : `(${body})`;
    }
    case 'cat':
    case 'alt': {
      const parts: string[] = [];
      for (const item of node.items) {
        const p = toRe2(item);
        if (p === undefined) return undefined;
        parts.push(node.t === 'cat' && item.t === 'alt' ? `(?:${p})` : p);
      }
      return node.t === 'alt' ? parts.join('|') : parts.join('');
    }
    case 'rep': {
      const body = toRe2(node.body);
      if (body === undefined) return undefined;
      const { min, max } = node;
      const q = min === 0 && max === Infinity ? '*' : min === 1 && max === Infinity ? '+' : min === 0 && max === 1 ? '?'
        : max === Infinity ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`;
      const atom = node.body.t === 'set' || node.body.t === 'group' ? body : `(?:${body})`;
      return `${atom}${q}${node.greedy ? '' : '?'}`;
    }
  }
}

/** Does the pattern use a Unicode word-boundary assertion (any of \b \B \< \> \b{…})? */
export function hasWordAssertion(node: Node): boolean {
  switch (node.t) {
    case 'assert':
      return node.kind.startsWith('word') || node.kind === 'not-word';
    case 'group':
    case 'rep':
      return hasWordAssertion(node.body);
    case 'cat':
    case 'alt':
      return node.items.some(hasWordAssertion);
    default:
      return false;
  }
}
