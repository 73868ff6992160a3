/**
 * The benchmark baseline (bench/regex.ts): trailhound's translation of Kusto regexes to V8's
 * backtracking RegExp as it was before the linear-time engine (src/kql/regex/), unchanged but for
 * this comment and the import path, so the benchmark measures the change against the real thing.
 * Not used by trailhound itself.
 *
 * Kusto regular expressions on JavaScript's RegExp engine.
 *
 * Kusto's regex syntax is the Rust `regex` crate's (learn.microsoft.com/kusto/query/regex;
 * kql-semantics.md §3.9). We parse the pattern with that grammar and emit an equivalent
 * JavaScript pattern compiled with the `v` flag (Unicode sets mode), so that:
 *  - matching is by code point, as in Rust;
 *  - `\d` = \p{Nd}, `\s` = \p{White_Space}, `\w` = [\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]
 *    (Unicode-aware, as the Kusto page documents: "\d Digit (\p{Nd})"; the \w set is the one the
 *    Rust crate uses, UTS #18 Annex C), and `\b`/`\B`/`\<`/`\>` are word boundaries over that
 *    \w, written as look-arounds (JS's own \b is ASCII-only);
 *  - `.` is "any character except \n" ([^\n]; JS's own `.` also excludes \r, U+2028, U+2029);
 *    with the `s` flag, any character;
 *  - `^`/`$` are start/end of text; with the `m` flag they also match after/before `\n` only
 *    (JS's `m` also treats \r, U+2028, U+2029 as line ends) — emitted as look-arounds;
 *  - `\A`, `\z` are start/end of text;
 *  - character classes support nesting, `&&`, `--`, `~~`, POSIX `[:alpha:]` (ASCII);
 *  - `(?P<name>…)` and `(?<name>…)` are named groups; `U` swaps greediness; `x` is verbose mode;
 *  - the `i` flag: when every case-sensitive atom is under `(?i)` (the usual `(?i)` prefix) we use
 *    JS's `i` flag, which folds by Unicode simple case folding as Rust does. When `(?i)` covers
 *    only part of the pattern, ASCII letters under it are expanded to their fold sets; other
 *    case-insensitive atoms in such mixed patterns are rejected as unsupported.
 * Constructs the Rust crate rejects (backreferences, look-around, unknown escapes, `\Z`, …) are
 * rejected with a RuntimeError rather than run with JavaScript semantics. The CRLF flag `R` and
 * disabling Unicode `(?-u)` throw UnsupportedError.
 */
import { RuntimeError, UnsupportedError } from '../../src/kql/errors.ts';

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
  x: boolean;
}

const WORD = '[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]';
const NOT_WORD = '[[\\s\\S]--[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]]';
const WORD_BOUNDARY = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
const NOT_WORD_BOUNDARY = `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
const WORD_START = `(?:(?<!${WORD})(?=${WORD}))`;
const WORD_END = `(?:(?<=${WORD})(?!${WORD}))`;
const WORD_START_HALF = `(?<!${WORD})`;
const WORD_END_HALF = `(?!${WORD})`;

/** POSIX classes, ASCII only (Kusto regex page: "[[:alpha:]] ASCII character class ([A-Za-z])"). */
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\u{0}-\\u{7F}',
  blank: '\\u{9}\\u{20}',
  cntrl: '\\u{0}-\\u{1F}\\u{7F}',
  digit: '0-9',
  graph: '\\u{21}-\\u{7E}',
  lower: 'a-z',
  print: '\\u{20}-\\u{7E}',
  punct: '\\u{21}-\\u{2F}\\u{3A}-\\u{40}\\u{5B}-\\u{60}\\u{7B}-\\u{7E}',
  space: '\\u{9}\\u{A}\\u{B}\\u{C}\\u{D}\\u{20}',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/**
 * A negated class is written as a set difference, never `[^...]`: Node 20's V8 fails to match a
 * repeated non-capturing group holding a negated class under the `v` flag (`/(?:[^x]c)+/v` does
 * not match "ac"; trim_end(".com", "bing.com") and parse's `flags=s` doc examples hit it).
 */
function complement(cls: string): string {
  return `[[\\s\\S]--${cls}]`;
}

const NOT_NEWLINE = '[[\\s\\S]--[\\n]]';

/** Perl classes as v-mode class operands (usable both inside and outside a class). */
const PERL: Record<string, string> = {
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  s: '\\p{White_Space}',
  S: '\\P{White_Space}',
  w: WORD,
  W: NOT_WORD,
};

const GENERAL_CATEGORY_ONE_LETTER = new Set(['L', 'M', 'N', 'P', 'S', 'Z', 'C']);

function invalid(pattern: string, why: string): RuntimeError {
  return new RuntimeError(`invalid regular expression ${JSON.stringify(pattern)}: ${why} (Kusto regex syntax: learn.microsoft.com/kusto/query/regex)`);
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

function isAsciiAlnumCp(cp: number): boolean {
  return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
}

/** A literal code point, written so that it is literal both outside and inside a v-mode class. */
function literal(cp: number): string {
  return isAsciiAlnumCp(cp) ? String.fromCodePoint(cp) : hex(cp);
}

/** Does case folding relate this code point to another one? (Then it is "case-sensitive".) */
function hasCaseVariants(cp: number): boolean {
  const c = String.fromCodePoint(cp);
  return c.toLowerCase() !== c || c.toUpperCase() !== c;
}

/** Simple case-fold sets of ASCII letters, including the non-ASCII members (Kelvin sign, long s). */
function asciiFoldSet(cp: number): string | undefined {
  if (!((cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122))) return undefined;
  const lower = cp | 0x20;
  const upper = lower - 32;
  let extra = '';
  if (lower === 0x6b) extra = hex(0x212a);
  if (lower === 0x73) extra = hex(0x17f);
  return `[${String.fromCharCode(upper)}${String.fromCharCode(lower)}${extra}]`;
}

/** Unicode property name → JS \p{…} body; Rust accepts general categories, scripts and binary properties. */
function unicodeProperty(pattern: string, name: string): string {
  // Rust matches property names loosely (case, spaces, '_' and '-' ignored); JS wants canonical
  // spellings, so also try the Title_Case form ("old italic" → "Old_Italic") and an upper-case
  // first letter ("lu" → "Lu").
  const words = name.split(/[\s_-]+/).filter((w) => w.length > 0);
  const title = words.map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join('_');
  const upperFirst = name.length > 0 ? name[0]!.toUpperCase() + name.slice(1) : name;
  const names = [...new Set([name, title, upperFirst])];
  const candidates = name.includes('=') ? [name] : names.flatMap((n) => [n, `Script=${n}`, `General_Category=${n}`]);
  for (const c of candidates) {
    try {
      new RegExp(`\\p{${c}}`, 'v');
      return c;
    } catch {
      // try the next interpretation
    }
  }
  throw new UnsupportedError(`the Unicode class \\p{${name}} in regex ${JSON.stringify(pattern)}`);
}

type CaseMode = 'flag' | 'expand';

class Translator {
  private pos = 0;
  readonly groupNames = new Set<string>();
  usedInsensitive = false;
  usedSensitive = false;

  constructor(
    private readonly src: string,
    private readonly caseMode: CaseMode,
  ) {}

  translate(): string {
    const flags: Flags = { i: false, m: false, s: false, U: false, x: false };
    const out = this.alternation(flags, 0);
    if (this.pos < this.src.length) throw invalid(this.src, 'unopened group (unbalanced `)`)');
    return out;
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
  private alternation(flags: Flags, depth: number): string {
    const branches: string[] = [this.concat(flags, depth)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concat(flags, depth));
    }
    return branches.join('|');
  }

  private concat(flags: Flags, depth: number): string {
    let out = '';
    for (;;) {
      this.skipVerbose(flags);
      const c = this.peek();
      if (c === undefined || c === '|') return out;
      if (c === ')') {
        if (depth === 0) throw invalid(this.src, 'unopened group (unbalanced `)`)');
        return out;
      }
      if (c === '*' || c === '+' || c === '?' || c === '{') throw invalid(this.src, 'repetition operator missing expression');
      const atom = this.atom(flags, depth);
      if (atom === null) continue; // a flag group `(?i)`
      out += this.quantifiers(flags, atom);
    }
  }

  /** Applies any repetition operators following an atom. */
  private quantifiers(flags: Flags, atom: { text: string; assertion: boolean }): string {
    let text = atom.text;
    let wrapped = !atom.assertion;
    for (;;) {
      this.skipVerbose(flags);
      const c = this.peek();
      let q: string | undefined;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        q = c;
      } else if (c === '{') {
        q = this.counted(flags);
      }
      if (q === undefined) return text;
      let lazy = false;
      if (this.peek() === '?') {
        this.pos++;
        lazy = true;
      }
      if (flags.U) lazy = !lazy;
      if (!wrapped) text = `(?:${text})`;
      text = `${text}${q}${lazy ? '?' : ''}`;
      // Stacked repetition (`a**`) repeats the repetition: group it for JS.
      text = `(?:${text})`;
      wrapped = true;
    }
  }

  private counted(flags: Flags): string {
    const start = this.pos;
    this.pos++; // {
    this.skipVerbose(flags);
    const min = this.digits();
    if (min === undefined) throw invalid(this.src, `invalid counted repetition at offset ${start}`);
    this.skipVerbose(flags);
    let max: number | undefined = min;
    let open = false;
    if (this.eat(',')) {
      this.skipVerbose(flags);
      max = this.digits();
      open = max === undefined;
      this.skipVerbose(flags);
    }
    if (!this.eat('}')) throw invalid(this.src, `unclosed counted repetition at offset ${start}`);
    if (max !== undefined && max < min) throw invalid(this.src, 'invalid repetition range (min > max)');
    return open ? `{${min},}` : max === min ? `{${min}}` : `{${min},${max}}`;
  }

  private digits(): number | undefined {
    const m = /^[0-9]+/.exec(this.src.slice(this.pos));
    if (!m) return undefined;
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private noteCase(flags: Flags): void {
    if (flags.i) this.usedInsensitive = true;
    else this.usedSensitive = true;
  }

  private literalAtom(cp: number, flags: Flags): string {
    if (hasCaseVariants(cp)) {
      this.noteCase(flags);
      if (flags.i && this.caseMode === 'expand') {
        const set = asciiFoldSet(cp);
        if (set === undefined) throw new UnsupportedError(`case-insensitive non-ASCII letters under a partial (?i) in regex ${JSON.stringify(this.src)}`);
        return set;
      }
    }
    return literal(cp);
  }

  private classAtom(text: string, flags: Flags, caseRelevant: boolean): string {
    if (caseRelevant) {
      this.noteCase(flags);
      if (flags.i && this.caseMode === 'expand') {
        throw new UnsupportedError(`character classes under a partial (?i) in regex ${JSON.stringify(this.src)}`);
      }
    }
    return text;
  }

  /** One atom; null for a flag-setting group `(?flags)`. */
  private atom(flags: Flags, depth: number): { text: string; assertion: boolean } | null {
    const c = this.peek()!;
    switch (c) {
      case '(':
        return this.group(flags, depth);
      case '[': {
        const { text, caseRelevant } = this.charClass(flags);
        return { text: this.classAtom(text, flags, caseRelevant), assertion: false };
      }
      case '.':
        this.pos++;
        return { text: flags.s ? '[\\s\\S]' : NOT_NEWLINE, assertion: false };
      case '^':
        this.pos++;
        return { text: flags.m ? `(?<!${NOT_NEWLINE})` : '^', assertion: true };
      case '$':
        this.pos++;
        return { text: flags.m ? `(?!${NOT_NEWLINE})` : '$', assertion: true };
      case '\\':
        return this.escapeAtom(flags);
      default: {
        const cp = this.cpAt();
        this.pos += cp > 0xffff ? 2 : 1;
        return { text: this.literalAtom(cp, flags), assertion: false };
      }
    }
  }

  private group(flags: Flags, depth: number): { text: string; assertion: boolean } | null {
    this.pos++; // (
    let open = '(';
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
        if (this.groupNames.has(name)) throw invalid(this.src, `duplicate capture group name ${JSON.stringify(name)}`);
        this.groupNames.add(name);
        open = `(?<${name}>`;
      } else {
        const c = this.peek();
        if (c === '=' || c === '!' || (c === '<' && (this.peek(1) === '=' || this.peek(1) === '!'))) {
          throw invalid(this.src, 'look-around is not supported');
        }
        // Flags: (?flags) or (?flags:...)
        const m = /^([A-Za-z-]*)([:)])/.exec(this.src.slice(this.pos));
        if (!m) throw invalid(this.src, 'unrecognized group syntax');
        this.applyFlags(m[1]!, inner, m[2] === ':');
        this.pos += m[0].length;
        if (m[2] === ')') {
          // Flags apply to the rest of the enclosing group.
          Object.assign(flags, inner);
          return null;
        }
        open = '(?:';
      }
    }
    const body = this.alternation(inner, depth + 1);
    if (!this.eat(')')) throw invalid(this.src, 'unclosed group');
    return { text: `${open}${body})`, assertion: false };
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
  private escapeAtom(flags: Flags): { text: string; assertion: boolean } {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw invalid(this.src, 'incomplete escape sequence');
    switch (c) {
      case 'A': this.pos++; return { text: '^', assertion: true };
      case 'z': this.pos++; return { text: '$', assertion: true };
      case 'B': this.pos++; return { text: NOT_WORD_BOUNDARY, assertion: true };
      case '<': this.pos++; return { text: WORD_START, assertion: true };
      case '>': this.pos++; return { text: WORD_END, assertion: true };
      case 'b': {
        this.pos++;
        if (this.peek() === '{') {
          const end = this.src.indexOf('}', this.pos);
          const kind = end < 0 ? '' : this.src.slice(this.pos + 1, end);
          const text = { start: WORD_START, end: WORD_END, 'start-half': WORD_START_HALF, 'end-half': WORD_END_HALF }[kind];
          if (text !== undefined) {
            this.pos = end + 1;
            return { text, assertion: true };
          }
        }
        return { text: WORD_BOUNDARY, assertion: true };
      }
    }
    this.pos = start;
    const item = this.escapeItem(false);
    if (item.kind === 'char') return { text: this.literalAtom(item.cp, flags), assertion: false };
    return { text: this.classAtom(item.kind === 'perl' ? `[${item.text}]` : item.text, flags, item.kind === 'prop'), assertion: false };
  }

  /**
   * An escape that stands for a character or a class (valid inside and outside classes).
   * perl/prop texts are v-mode class operands.
   */
  private escapeItem(inClass: boolean): { kind: 'char'; cp: number } | { kind: 'perl' | 'prop'; text: string } {
    this.pos++; // backslash
    const c = this.peek();
    if (c === undefined) throw invalid(this.src, 'incomplete escape sequence');
    this.pos++;
    const simple: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };
    if (simple[c] !== undefined) return { kind: 'char', cp: simple[c]! };
    if (PERL[c] !== undefined) return { kind: 'perl', text: PERL[c]! };
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
      return { kind: 'prop', text: `\\${negated ? 'P' : 'p'}{${unicodeProperty(this.src, name)}}` };
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
    if (c >= '0' && c <= '9') throw invalid(this.src, 'backreferences are not supported');
    if (c === 'k') throw invalid(this.src, 'backreferences are not supported');
    const cp = c.codePointAt(0)!;
    // Rust: any ASCII character other than letters, digits, `<` and `>` may be escaped.
    if (cp < 128 && !isAsciiAlnumCp(cp) && (inClass || (c !== '<' && c !== '>'))) return { kind: 'char', cp };
    throw invalid(this.src, `unrecognized escape sequence \\${c}`);
  }

  /** `[...]` → a v-mode class. */
  private charClass(flags: Flags): { text: string; caseRelevant: boolean } {
    const start = this.pos;
    this.pos++; // [
    let negated = false;
    if (this.peek() === '^') {
      this.pos++;
      negated = true;
    }
    let caseRelevant = false;
    let acc: string | undefined;
    let pendingOp: string | undefined;
    let union: string[] = [];
    let first = true;
    const flush = (): void => {
      const u = `[${union.join('')}]`;
      if (acc === undefined) acc = u;
      else if (pendingOp === '&&') acc = `[${acc}&&${u}]`;
      else if (pendingOp === '--') acc = `[${acc}--${u}]`;
      else acc = `[[${acc}--${u}][${u}--${acc}]]`;
      union = [];
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
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
        if (posix) {
          const body = POSIX[posix[2]!];
          if (body === undefined) throw invalid(this.src, `unknown POSIX class ${posix[2]}`);
          this.pos += posix[0].length;
          union.push(posix[1] ? complement(`[${body}]`) : `[${body}]`);
          if (/[A-Za-z]/.test(body)) caseRelevant = true;
          continue;
        }
        const nested = this.charClass(flags);
        if (nested.caseRelevant) caseRelevant = true;
        union.push(nested.text);
        continue;
      }
      const lo = this.classChar();
      if (lo.kind !== 'char') {
        // Rust: a class such as \d cannot start a range (`[\d-z]` is an error; `[\d-]` is fine).
        if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '-') throw invalid(this.src, 'invalid range boundary in character class');
        union.push(lo.text);
        if (lo.kind === 'prop') caseRelevant = true;
        continue;
      }
      // A range `a-z` (a `-` before `]` or before an operator is literal).
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '-' && this.peek(1) !== undefined) {
        this.pos++;
        const hi = this.classChar();
        if (hi.kind !== 'char') throw invalid(this.src, 'invalid range boundary in character class');
        if (hi.cp < lo.cp) throw invalid(this.src, 'invalid range in character class (start > end)');
        union.push(`${literal(lo.cp)}-${literal(hi.cp)}`);
        if (rangeHasCase(lo.cp, hi.cp)) caseRelevant = true;
        continue;
      }
      union.push(literal(lo.cp));
      if (hasCaseVariants(lo.cp)) caseRelevant = true;
    }
    flush();
    return { text: negated ? complement(acc!) : acc!, caseRelevant };
  }

  private classChar(): { kind: 'char'; cp: number } | { kind: 'perl' | 'prop'; text: string } {
    if (this.peek() === '\\') return this.escapeItem(true);
    const cp = this.cpAt();
    this.pos += cp > 0xffff ? 2 : 1;
    return { kind: 'char', cp };
  }
}

function rangeHasCase(lo: number, hi: number): boolean {
  // Ranges entirely outside letters (digits, punctuation) are case-invariant; anything wider is treated as case-relevant.
  if (hi < 65) return false;
  if (lo > 90 && hi < 97) return false;
  return true;
}

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 2000;

/**
 * Compiles a Kusto regex to an equivalent JS RegExp (see the module comment). `extraFlags` may
 * add `g` or `y`; a cached RegExp with `g`/`y` is shared, so callers must set lastIndex before
 * every use. Throws RuntimeError for invalid patterns and UnsupportedError for valid ones we
 * cannot express exactly.
 */
export function compileKustoRegex(pattern: string, extraFlags: '' | 'g' | 'y' = ''): RegExp {
  const key = `${extraFlags}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  let t = new Translator(pattern, 'flag');
  let source = t.translate();
  let flags = 'v';
  if (t.usedInsensitive && t.usedSensitive) {
    t = new Translator(pattern, 'expand');
    source = t.translate();
  } else if (t.usedInsensitive) {
    flags += 'i';
  }
  let re: RegExp;
  try {
    re = new RegExp(source, flags + extraFlags);
  } catch (e) {
    throw invalid(pattern, (e as Error).message);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, re);
  return re;
}

const groupCounts = new WeakMap<RegExp, number>();

/** Number of capture groups of a compiled regex (cached per RegExp). */
export function groupCount(re: RegExp): number {
  let n = groupCounts.get(re);
  if (n === undefined) {
    n = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, '')).exec('')!.length - 1;
    groupCounts.set(re, n);
  }
  return n;
}

/** Capture group names → indexes (1-based), in the order the groups open. */
export function groupIndexes(re: RegExp): Map<string, number> {
  const out = new Map<string, number>();
  // Re-parse the emitted source: named groups are emitted as `(?<name>`; count capture opens.
  const src = re.source;
  let index = 0;
  let inClass = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') inClass++;
    else if (c === ']' && inClass > 0) inClass--;
    else if (c === '(' && inClass === 0) {
      if (src[i + 1] !== '?') index++;
      else if (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!') {
        index++;
        const end = src.indexOf('>', i);
        out.set(src.slice(i + 3, end), index);
      }
    }
  }
  return out;
}

/**
 * All matches, left to right, as the Rust crate's find_iter reports them: after an empty match,
 * the search resumes one code point later, and an empty match that ends where the previous
 * match ended is skipped (so `a*` on "baaab" gives "", "aaa", "" — not JS's extra "" at 4).
 */
export function* findAll(re: RegExp, text: string): Generator<RegExpExecArray> {
  const g = re.global ? re : compileGlobalLike(re);
  let at = 0;
  let lastEnd = -1;
  while (at <= text.length) {
    g.lastIndex = at;
    const m = g.exec(text);
    if (!m) return;
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      if (end === lastEnd) {
        at = end + codePointWidth(text, end);
        continue;
      }
      at = end + codePointWidth(text, end);
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

const globalCache = new WeakMap<RegExp, RegExp>();
function compileGlobalLike(re: RegExp): RegExp {
  let g = globalCache.get(re);
  if (!g) {
    g = new RegExp(re.source, `${re.flags}g`);
    globalCache.set(re, g);
  }
  return g;
}
