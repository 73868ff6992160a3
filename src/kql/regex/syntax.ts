/**
 * The Kusto regex dialect, parsed into a small tree that the engines share.
 *
 * Kusto's regex syntax is the Rust `regex` crate's (learn.microsoft.com/kusto/query/regex), an
 * RE2-family syntax:
 *  - matching is by code point; `\d` = \p{Nd}, `\s` = \p{White_Space}, `\w` = Alphabetic, marks,
 *    Nd, Pc and Join_Control (Unicode-aware, as the Kusto page documents: "\d Digit (\p{Nd})";
 *    the \w set is the Rust crate's, UTS #18 Annex C); `\b`, `\B`, `\<`, `\>`, `\b{start}`,
 *    `\b{end}`, `\b{start-half}`, `\b{end-half}` are word boundaries over that \w;
 *  - `.` is any character except \n; with the `s` flag, any character;
 *  - `^`/`$` are start/end of text; with `m` they also match after/before `\n` (only);
 *    `\A`, `\z` are always start/end of text;
 *  - character classes: ranges, nesting, `&&`, `--`, `~~`, POSIX `[:alpha:]` (ASCII), \p{…};
 *  - `(?P<name>…)` / `(?<name>…)` named groups; flags i m s U x, scoped or to the group's end;
 *  - `(?i)` folds by Unicode simple case folding; a class is folded before it is negated.
 * Every class becomes an explicit set of code points here (charset.ts), so the engines need no
 * Unicode knowledge of their own. Constructs the Rust crate rejects (backreferences, look-around,
 * unknown escapes, `\Z`, …) are errors that name the construct; valid ones we cannot run
 * (disabling Unicode `(?-u)`, CRLF mode `R`) are UnsupportedError.
 */
import { RuntimeError, UnsupportedError } from '../errors.ts';
import * as cs from './charset.ts';
import type { CharSet } from './charset.ts';
import { caseFold, caseVariants, digitSet, propertySet, spaceSet, wordSet } from './unicode.ts';

export type AssertKind =
  | 'text-start' // ^ (no m), \A
  | 'text-end' // $ (no m), \z
  | 'line-start' // (?m)^
  | 'line-end' // (?m)$
  | 'word' // \b
  | 'not-word' // \B
  | 'word-start' // \<, \b{start}
  | 'word-end' // \>, \b{end}
  | 'word-start-half' // \b{start-half}
  | 'word-end-half'; // \b{end-half}

export type Node =
  | { readonly t: 'set'; readonly set: CharSet }
  | { readonly t: 'empty' }
  | { readonly t: 'assert'; readonly kind: AssertKind }
  | { readonly t: 'group'; readonly capture: number | null; readonly body: Node }
  | { readonly t: 'cat'; readonly items: readonly Node[] }
  | { readonly t: 'alt'; readonly items: readonly Node[] }
  | { readonly t: 'rep'; readonly min: number; readonly max: number; readonly greedy: boolean; readonly body: Node };

export interface ParsedRegex {
  readonly root: Node;
  /** Number of capture groups (group 0, the whole match, not counted). */
  readonly groups: number;
  /** Capture group names → indexes (1-based). */
  readonly names: ReadonlyMap<string, number>;
}

/**
 * The largest repetition count: RE2's (`{n}` with n > 1000 is an error there), applied to the
 * Kusto dialect too so that every pattern we accept compiles to a bounded program.
 */
export const MAX_REPEAT = 1000;

/**
 * The deepest nesting of groups and repetitions: the Rust crate's default nest limit (250), so
 * that no pattern drives our recursive passes over the tree into a stack overflow.
 */
export const NEST_LIMIT = 250;

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  x: boolean;
}

/** POSIX classes, ASCII only (Kusto regex page: "[[:alpha:]] ASCII character class ([A-Za-z])"). */
const POSIX: Record<string, number[]> = {
  alnum: [48, 57, 65, 90, 97, 122],
  alpha: [65, 90, 97, 122],
  ascii: [0, 0x7f],
  blank: [9, 9, 32, 32],
  cntrl: [0, 0x1f, 0x7f, 0x7f],
  digit: [48, 57],
  graph: [0x21, 0x7e],
  lower: [97, 122],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [9, 13, 32, 32],
  upper: [65, 90],
  word: [48, 57, 65, 90, 95, 95, 97, 122],
  xdigit: [48, 57, 65, 70, 97, 102],
};

const GENERAL_CATEGORY_ONE_LETTER = new Set(['L', 'M', 'N', 'P', 'S', 'Z', 'C']);
const NEWLINE = cs.single(10);

function invalid(pattern: string, why: string): RuntimeError {
  return new RuntimeError(`invalid regular expression ${JSON.stringify(pattern)}: ${why} (Kusto regex syntax: learn.microsoft.com/kusto/query/regex)`);
}

/** A construct Kusto's syntax does not have: a query error that names it. */
function notInKusto(pattern: string, construct: string): RuntimeError {
  return new RuntimeError(`regex ${JSON.stringify(pattern)}: ${construct} are not supported (Kusto's regex syntax has none: learn.microsoft.com/kusto/query/regex)`);
}

function isAsciiAlnumCp(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

function perlSet(c: string): CharSet | undefined {
  switch (c) {
    case 'd': return digitSet();
    case 'D': return cs.complement(digitSet());
    case 's': return spaceSet();
    case 'S': return cs.complement(spaceSet());
    case 'w': return wordSet();
    case 'W': return cs.complement(wordSet());
    default: return undefined;
  }
}

type EscapeItem = { kind: 'char'; cp: number } | { kind: 'perl' | 'prop'; set: CharSet };

class Parser {
  private pos = 0;
  private groups = 0;
  readonly names = new Map<string, number>();

  constructor(private readonly src: string) {}

  parse(): ParsedRegex {
    const flags: Flags = { i: false, m: false, s: false, U: false, x: false };
    const root = this.alternation(flags, 0);
    if (this.pos < this.src.length) throw invalid(this.src, 'unopened group (unbalanced `)`)');
    if (height(root) > NEST_LIMIT) throw invalid(this.src, `groups and repetitions nest more than ${NEST_LIMIT} deep`);
    return { root, groups: this.groups, names: this.names };
  }

  private peek(k = 0): string | undefined {
    return this.src[this.pos + k];
  }

  private cpAt(): number {
    return this.src.codePointAt(this.pos)!;
  }

  private eat(s: string): boolean {
    if (this.src.startsWith(s, this.pos)) {
      this.pos += s.length;
      return true;
    }
    return false;
  }

  private skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.peek();
      if (c === undefined) return;
      if (/\s/u.test(c)) this.pos++;
      else if (c === '#') {
        while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  /** `a|b|c` up to an unmatched `)` or the end. Flags set by `(?i)` persist across `|` (Rust). */
  private alternation(flags: Flags, depth: number): Node {
    const branches: Node[] = [this.concat(flags, depth)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concat(flags, depth));
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', items: branches };
  }

  private concat(flags: Flags, depth: number): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipVerbose(flags);
      const c = this.peek();
      if (c === undefined || c === '|') break;
      if (c === ')') {
        if (depth === 0) throw invalid(this.src, 'unopened group (unbalanced `)`)');
        break;
      }
      if (c === '*' || c === '+' || c === '?' || (c === '{' && this.countedAhead(flags))) throw invalid(this.src, 'repetition operator missing expression');
      const atom = this.atom(flags, depth);
      if (atom === null) continue; // a flag group `(?i)`
      items.push(this.quantifiers(flags, atom));
    }
    return items.length === 0 ? { t: 'empty' } : items.length === 1 ? items[0]! : { t: 'cat', items };
  }

  /** Applies any repetition operators following an atom (stacked ones, `a**`, repeat the repetition). */
  private quantifiers(flags: Flags, atom: Node): Node {
    let node = atom;
    for (;;) {
      this.skipVerbose(flags);
      const c = this.peek();
      let range: [number, number] | undefined;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        range = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      } else if (c === '{' && this.countedAhead(flags)) {
        range = this.counted(flags);
      }
      if (range === undefined) return node;
      let lazy = false;
      if (this.peek() === '?') {
        this.pos++;
        lazy = true;
      }
      if (flags.U) lazy = !lazy;
      node = { t: 'rep', min: range[0], max: range[1], greedy: !lazy, body: node };
    }
  }

  /**
   * Whether a `{` here opens a counted repetition (`{n}`, `{n,}`, `{n,m}`). Any other `{` is a
   * literal, as in RE2 ("a{,2}" and "a{" match themselves): Microsoft's published Sentinel rules
   * rely on it, e.g. the Log4j user-agent rule's `(\\{|%7B)`, where the `{` follows an escaped
   * backslash. The Rust crate, whose syntax the Kusto page now documents, would reject it; Kusto runs
   * those rules, so it does not.
   */
  private countedAhead(flags: Flags): boolean {
    const ws = flags.x ? '\\s*' : '';
    return new RegExp(`^\\{${ws}[0-9]+${ws}(?:,${ws}[0-9]*${ws})?\\}`, 'y').test(this.src.slice(this.pos, this.pos + 64));
  }

  private counted(flags: Flags): [number, number] {
    const start = this.pos;
    this.pos++; // {
    this.skipVerbose(flags);
    const min = this.digits();
    if (min === undefined) throw invalid(this.src, `invalid counted repetition at offset ${start}`);
    this.skipVerbose(flags);
    let max: number | undefined = min;
    if (this.eat(',')) {
      this.skipVerbose(flags);
      max = this.digits() ?? Infinity;
      this.skipVerbose(flags);
    }
    if (!this.eat('}')) throw invalid(this.src, `unclosed counted repetition at offset ${start}`);
    if (max < min) throw invalid(this.src, 'invalid repetition range (min > max)');
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      throw new RuntimeError(`regex ${JSON.stringify(this.src)}: the counted repetition at offset ${start} exceeds ${MAX_REPEAT}, the most a linear-time regex engine (RE2) allows (docs/kql.md, "Regular expressions")`);
    }
    return [min, max];
  }

  private digits(): number | undefined {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos, this.pos + 12));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private literal(cp: number, flags: Flags): Node {
    return { t: 'set', set: flags.i ? cs.normalize(caseVariants(cp).flatMap((v) => [v, v])) : cs.single(cp) };
  }

  /** One atom; null for a flag-setting group `(?flags)`. */
  private atom(flags: Flags, depth: number): Node | null {
    const c = this.peek()!;
    switch (c) {
      case '(':
        return this.group(flags, depth);
      case '[':
        return { t: 'set', set: this.charClass(flags) };
      case '.':
        this.pos++;
        return { t: 'set', set: flags.s ? cs.ANY : cs.complement(NEWLINE) };
      case '^':
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'line-start' : 'text-start' };
      case '$':
        this.pos++;
        return { t: 'assert', kind: flags.m ? 'line-end' : 'text-end' };
      case '\\':
        return this.escapeAtom(flags);
      default: {
        const cp = this.cpAt();
        this.pos += cp > 0xffff ? 2 : 1;
        return this.literal(cp, flags);
      }
    }
  }

  private group(flags: Flags, depth: number): Node | null {
    if (depth >= NEST_LIMIT) throw invalid(this.src, `groups and repetitions nest more than ${NEST_LIMIT} deep`);
    this.pos++; // (
    let capture: number | null = null;
    const inner: Flags = { ...flags };
    if (this.peek() === '?') {
      this.pos++;
      if (this.eat('P<') || (this.peek() === '<' && this.peek(1) !== '=' && this.peek(1) !== '!' && this.eat('<'))) {
        const end = this.src.indexOf('>', this.pos);
        if (end < 0) throw invalid(this.src, 'unclosed capture group name');
        const name = this.src.slice(this.pos, end);
        this.pos = end + 1;
        if (!/^[A-Za-z_][A-Za-z0-9_.[\]]*$/.test(name)) throw invalid(this.src, `invalid capture group name ${JSON.stringify(name)}`);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UnsupportedError(`the capture group name ${JSON.stringify(name)} (only letters, digits and _)`);
        if (this.names.has(name)) throw invalid(this.src, `duplicate capture group name ${JSON.stringify(name)}`);
        capture = ++this.groups;
        this.names.set(name, capture);
      } else {
        const c = this.peek();
        if (c === '=' || c === '!' || (c === '<' && (this.peek(1) === '=' || this.peek(1) === '!'))) {
          throw notInKusto(this.src, 'look-around assertions ((?=, (?!, (?<=, (?<!)');
        }
        // Flags: (?flags) or (?flags:...)
        const m = /^([A-Za-z-]*)([:)])/.exec(this.src.slice(this.pos, this.pos + 16));
        if (!m) throw invalid(this.src, 'unrecognized group syntax');
        this.applyFlags(m[1]!, inner, m[2] === ':');
        this.pos += m[0].length;
        if (m[2] === ')') {
          // Flags apply to the rest of the enclosing group.
          Object.assign(flags, inner);
          return null;
        }
      }
    } else {
      capture = ++this.groups;
    }
    const body = this.alternation(inner, depth + 1);
    if (!this.eat(')')) throw invalid(this.src, 'unclosed group');
    return { t: 'group', capture, body };
  }

  private applyFlags(spec: string, f: Flags, scoped: boolean): void {
    if (spec === '' && !scoped) throw invalid(this.src, 'empty flag group');
    let negate = false;
    let seenNegate = false;
    let any = false;
    for (const ch of spec) {
      if (ch === '-') {
        if (seenNegate) throw invalid(this.src, 'repeated negation in flags');
        negate = seenNegate = true;
        any = false;
        continue;
      }
      any = true;
      switch (ch) {
        case 'i': f.i = !negate; break;
        case 'm': f.m = !negate; break;
        case 's': f.s = !negate; break;
        case 'U': f.U = !negate; break;
        case 'x': f.x = !negate; break;
        case 'u':
          if (negate) throw new UnsupportedError(`the regex flag -u (byte-oriented matching) in ${JSON.stringify(this.src)}`);
          break;
        case 'R':
          if (!negate) throw new UnsupportedError(`the regex flag R (CRLF mode) in ${JSON.stringify(this.src)}`);
          break;
        default:
          throw invalid(this.src, `unrecognized flag ${ch}`);
      }
    }
    if (seenNegate && !any) throw invalid(this.src, 'expected a flag after -');
  }

  /** `\…` outside a class. */
  private escapeAtom(flags: Flags): Node {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw invalid(this.src, 'incomplete escape sequence');
    switch (c) {
      case 'A': this.pos++; return { t: 'assert', kind: 'text-start' };
      case 'z': this.pos++; return { t: 'assert', kind: 'text-end' };
      case 'B': this.pos++; return { t: 'assert', kind: 'not-word' };
      case '<': this.pos++; return { t: 'assert', kind: 'word-start' };
      case '>': this.pos++; return { t: 'assert', kind: 'word-end' };
      case 'b': {
        this.pos++;
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.pos);
          const name = end < 0 ? '' : this.src.slice(this.pos + 1, end);
          const kinds: Record<string, AssertKind> = { start: 'word-start', end: 'word-end', 'start-half': 'word-start-half', 'end-half': 'word-end-half' };
          const kind = kinds[name];
          if (kind !== undefined) {
            this.pos = end + 1;
            return { t: 'assert', kind };
          }
        }
        return { t: 'assert', kind: 'word' };
      }
    }
    this.pos = start;
    const item = this.escapeItem(false, flags);
    if (item.kind === 'char') return this.literal(item.cp, flags);
    // \p{…} is folded under (?i) (before its negation, already applied in escapeItem for \P);
    // Perl classes are not (the Rust crate's translator).
    return { t: 'set', set: item.set };
  }

  /** An escape that stands for a character or a class (valid inside and outside classes). */
  private escapeItem(inClass: boolean, flags: Flags): EscapeItem {
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw invalid(this.src, 'incomplete escape sequence');
    this.pos++;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return { kind: 'char', cp: simple[c]! };
    const perl = perlSet(c);
    if (perl) return { kind: 'perl', set: perl };
    if (c === 'p' || c === 'P') {
      let name: string;
      if (this.peek() === '{') {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) throw invalid(this.src, 'unclosed Unicode class');
        name = this.src.slice(this.pos + 1, end).trim();
        this.pos = end + 1;
      } else {
        name = this.peek() ?? '';
        if (!GENERAL_CATEGORY_ONE_LETTER.has(name)) throw invalid(this.src, `unknown one-letter Unicode class \\${c}${name}`);
        this.pos++;
      }
      const negated = c === 'P' !== name.startsWith('^');
      if (name.startsWith('^')) name = name.slice(1);
      let set = propertySet(this.src, name);
      if (flags.i) set = caseFold(set);
      return { kind: 'prop', set: negated ? cs.complement(set) : set };
    }
    if (c === 'x' || c === 'u' || c === 'U') {
      let digits: string;
      if (this.peek() === '{') {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) throw invalid(this.src, 'unclosed hex escape');
        digits = this.src.slice(this.pos + 1, end);
        this.pos = end + 1;
      } else {
        const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
        digits = this.src.slice(this.pos, this.pos + n);
        if (digits.length !== n) throw invalid(this.src, 'incomplete hex escape');
        this.pos += n;
      }
      if (!/^[0-9A-Fa-f]{1,8}$/.test(digits)) throw invalid(this.src, `invalid hex escape ${digits}`);
      const cp = parseInt(digits, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw invalid(this.src, `hex escape is not a Unicode scalar value: ${digits}`);
      return { kind: 'char', cp };
    }
    if (c >= '0' && c <= '9') throw notInKusto(this.src, `backreferences (\\${c})`);
    if (c === 'k') throw notInKusto(this.src, 'backreferences (\\k<name>)');
    if (c === 'Z') throw invalid(this.src, 'unrecognized escape sequence \\Z (use \\z for the end of the text)');
    const cp = c.codePointAt(0)!;
    // Rust: any ASCII character other than letters, digits, `<` and `>` may be escaped.
    if (cp < 128 && !isAsciiAlnumCp(cp) && (inClass || (c !== '<' && c !== '>'))) return { kind: 'char', cp };
    throw invalid(this.src, `unrecognized escape sequence \\${c}`);
  }

  /** `[...]` → its set: items united, `&&` `--` `~~` left to right, folded under (?i), then negated. */
  private charClass(flags: Flags, depth = 0): CharSet {
    // The crate's nest limit counts nested classes too; it also bounds this recursion.
    if (depth >= NEST_LIMIT) throw invalid(this.src, `character classes nest more than ${NEST_LIMIT} deep`);
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === '^') {
      this.pos++;
      negated = true;
    }
    let acc: CharSet | undefined;
    let pendingOp: string | undefined;
    let pairs: number[] = [];
    let first = true;
    const fold = (set: CharSet): CharSet => (flags.i ? caseFold(set) : set);
    const flush = (): void => {
      const u = fold(cs.normalize(pairs));
      if (acc === undefined) acc = u;
      else if (pendingOp === '&&') acc = cs.intersect(acc, u);
      else if (pendingOp === '--') acc = cs.difference(acc, u);
      else acc = cs.symmetricDifference(acc, u);
      pairs = [];
    };
    for (;;) {
      if (flags.x) while (this.peek() !== undefined && /\s/u.test(this.peek()!)) this.pos++;
      const c = this.peek();
      if (c === undefined) throw invalid(this.src, `unclosed character class at offset ${start}`);
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      if (!first && (this.src.startsWith('&&', this.pos) || this.src.startsWith('--', this.pos) || this.src.startsWith('~~', this.pos))) {
        flush();
        pendingOp = this.src.slice(this.pos, this.pos + 2);
        this.pos += 2;
        continue;
      }
      first = false;
      if (c === '[') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos, this.pos + 16));
        if (posix) {
          const body = POSIX[posix[2]!];
          if (body === undefined) throw invalid(this.src, `unknown POSIX class ${posix[2]}`);
          this.pos += posix[0].length;
          const set = fold(cs.normalize([...body]));
          pairs.push(...(posix[1] ? cs.complement(set) : set));
          continue;
        }
        pairs.push(...this.charClass(flags, depth + 1));
        continue;
      }
      const lo = this.classChar(flags);
      if (lo.kind !== 'char') {
        // Rust: a class such as \d cannot start a range (`[\d-z]` is an error; `[\d-]` is fine).
        if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '-') throw invalid(this.src, 'invalid range boundary in character class');
        pairs.push(...lo.set);
        continue;
      }
      // A range `a-z` (a `-` before `]` or before an operator is literal).
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '-' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classChar(flags);
        if (hi.kind !== 'char') throw invalid(this.src, 'invalid range boundary in character class');
        if (hi.cp < lo.cp) throw invalid(this.src, 'invalid range in character class (start > end)');
        pairs.push(lo.cp, hi.cp);
        continue;
      }
      pairs.push(lo.cp, lo.cp);
    }
    flush();
    return negated ? cs.complement(acc!) : acc!;
  }

  private classChar(flags: Flags): EscapeItem {
    if (this.peek() === '\\') return this.escapeItem(true, flags);
    const cp = this.cpAt();
    this.pos += cp > 0xffff ? 2 : 1;
    return { kind: 'char', cp };
  }
}

/** The nesting of groups and repetitions, counted without recursion (the limit is checked before any recursive pass). */
function height(root: Node): number {
  let max = 0;
  const stack: [Node, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [n, h] = stack.pop()!;
    if (h > max) max = h;
    if (n.t === 'group' || n.t === 'rep') stack.push([n.body, h + 1]);
    else if (n.t === 'cat' || n.t === 'alt') for (const item of n.items) stack.push([item, h]);
  }
  return max;
}

/** Parses a Kusto regex (throws RuntimeError for invalid patterns, UnsupportedError for ones we cannot run). */
export function parseKustoRegex(pattern: string): ParsedRegex {
  return new Parser(pattern).parse();
}
