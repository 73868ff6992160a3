/**
 * A compiled Kusto regex, matched in time linear in the text whatever the pattern and the text.
 *
 * The pattern is parsed in Kusto's dialect (syntax.ts) into explicit code-point sets, then run by
 * one of these linear-time matchers (docs/kql.md, "Regular expressions"):
 *  - a pattern that is only a literal (maybe anchored): startsWith / endsWith / indexOf;
 *  - short texts: our bounded backtracker (bitstate.ts, RE2's BitState), with the start positions
 *    narrowed by a literal prefix, an anchor or the possible first characters;
 *  - longer texts: re2js (a pure-JavaScript port of RE2: DFA, one-pass and NFA matchers; no
 *    backtracking) on the pattern written back in RE2's syntax (emit-re2.ts), wherever RE2's
 *    meaning equals Kusto's: always, except that RE2's `\b`/`\B` are ASCII word boundaries,
 *    equal to the Unicode ones only on an ASCII-only text;
 *  - our Pike VM (pike.ts) for the rest: a pattern with `\<`, `\>` or `\b{…}` (RE2 has none),
 *    and a pattern with `\b`/`\B` on a long text with a non-ASCII character.
 * All follow leftmost-first semantics, so they agree on every match and capture
 * (test/kql/regex/engines.test.ts).
 */
import { RE2JS } from 're2js';
import { hasWordAssertion, toRe2 } from './emit-re2.ts';
import { fitsBitState, runBitState } from './bitstate.ts';
import * as cs from './charset.ts';
import { onlyMember, type CharSet } from './charset.ts';
import { compilePike, runPike, type PikeProgram } from './pike.ts';
import { parseKustoRegex, type Node } from './syntax.ts';

/** One match: [whole match, group 1, ...] (undefined for a group that did not take part), with the match's UTF-16 index. */
export type RegexMatch = (string | undefined)[] & { index: number };

/** The matchers: our bounded backtracker (bitstate.ts), our Pike VM (pike.ts), re2js. */
export type Engine = 'bitstate' | 'pike' | 're2';

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Where a match can start: only at 0 (`^`/`\A` first), at the next occurrence of a literal text
 * every match starts with, or anywhere.
 */
type Start = { kind: 'anchored' } | { kind: 'literal'; text: string } | { kind: 'any' };

function startOf(root: Node): Start {
  let literal = '';
  const walk = (n: Node): boolean => {
    // true: the node was wholly a fixed literal (the prefix may go on after it).
    switch (n.t) {
      case 'set': {
        const cp = onlyMember(n.set);
        if (cp === undefined) return false;
        literal += String.fromCodePoint(cp);
        return true;
      }
      case 'empty':
        return true;
      case 'group':
        return walk(n.body);
      case 'cat':
        for (const item of n.items) if (!walk(item)) return false;
        return true;
      default:
        return false;
    }
  };
  const first = n0(root);
  if (first?.t === 'assert' && first.kind === 'text-start') return { kind: 'anchored' };
  walk(root);
  return literal === '' ? { kind: 'any' } : { kind: 'literal', text: literal };
}

/**
 * A pattern that is only a literal text, maybe anchored (`^AssumeRole`, `\.amazonaws\.com$`),
 * without capture groups: matched with startsWith/endsWith/indexOf, exactly.
 */
interface PlainLiteral {
  readonly text: string;
  readonly atStart: boolean;
  readonly atEnd: boolean;
}

function plainLiteral(root: Node): PlainLiteral | undefined {
  const items = root.t === 'cat' ? [...root.items] : [root];
  const isAssert = (n: Node | undefined, kind: string) => n?.t === 'assert' && n.kind === kind;
  const atStart = isAssert(items[0], 'text-start');
  if (atStart) items.shift();
  const atEnd = isAssert(items[items.length - 1], 'text-end');
  if (atEnd) items.pop();
  let text = '';
  for (const n of items) {
    const cp = n.t === 'set' ? onlyMember(n.set) : undefined;
    if (cp === undefined) return undefined;
    text += String.fromCodePoint(cp);
  }
  return text === '' ? undefined : { text, atStart, atEnd };
}

/** The index of the plain literal's first match at or after `from`, or -1. */
function findLiteral(lit: PlainLiteral, text: string, from: number): number {
  if (lit.atStart) {
    if (from > 0 || !text.startsWith(lit.text)) return -1;
    return !lit.atEnd || text.length === lit.text.length ? 0 : -1;
  }
  if (lit.atEnd) {
    const at = text.length - lit.text.length;
    return at >= from && text.endsWith(lit.text) ? at : -1;
  }
  return text.indexOf(lit.text, from);
}

/** The characters a match can start with, or undefined when a match can be empty. */
function firstChars(root: Node): CharSet | undefined {
  const first = (n: Node): { set: CharSet; nullable: boolean } => {
    switch (n.t) {
      case 'set':
        return { set: n.set, nullable: false };
      case 'empty':
      case 'assert':
        return { set: cs.EMPTY, nullable: true };
      case 'group':
        return first(n.body);
      case 'rep': {
        const f = first(n.body);
        return { set: f.set, nullable: f.nullable || n.min === 0 };
      }
      case 'cat': {
        let set: CharSet = cs.EMPTY;
        for (const item of n.items) {
          const f = first(item);
          set = cs.union(set, f.set);
          if (!f.nullable) return { set, nullable: false };
        }
        return { set, nullable: true };
      }
      case 'alt': {
        let set: CharSet = cs.EMPTY;
        let nullable = false;
        for (const item of n.items) {
          const f = first(item);
          set = cs.union(set, f.set);
          nullable ||= f.nullable;
        }
        return { set, nullable };
      }
    }
  };
  const f = first(root);
  return f.nullable ? undefined : f.set;
}

/** The first leaf of a concatenation (through groups). */
function n0(n: Node): Node | undefined {
  while (n.t === 'group' || n.t === 'cat') {
    if (n.t === 'group') n = n.body;
    else if (n.items.length === 0) return undefined;
    else n = n.items[0]!;
  }
  return n;
}

export class KustoRegex {
  /** Number of capture groups (not counting the whole match). */
  readonly groupCount: number;
  /** Capture group names → indexes (1-based), in the order the groups open. */
  readonly groupNames: ReadonlyMap<string, number>;
  /** re2js, compiled on first use (only long texts need it); null when RE2 cannot run the pattern. */
  private re2js: RE2JS | null | undefined;
  /** RE2's \b/\B are ASCII: texts with a non-ASCII character go to the Pike VM. */
  private readonly asciiOnlyRe2: boolean;
  private readonly root: Node;
  private readonly pike: PikeProgram;
  private readonly firstStart: ((text: string, at: number) => number) | undefined;
  private readonly literal: PlainLiteral | undefined;

  constructor(readonly pattern: string) {
    const parsed = parseKustoRegex(pattern);
    this.root = parsed.root;
    this.groupCount = parsed.groups;
    this.groupNames = parsed.names;
    // Compiled now: it checks the program's size, and every engine but re2js runs it.
    this.pike = compilePike(parsed.root, parsed.groups, pattern);
    this.asciiOnlyRe2 = hasWordAssertion(parsed.root);
    this.literal = parsed.groups === 0 ? plainLiteral(parsed.root) : undefined;
    const start = startOf(parsed.root);
    if (start.kind === 'anchored') this.firstStart = (_text, at) => (at === 0 ? 0 : -1);
    else if (start.kind === 'literal') this.firstStart = (text, at) => text.indexOf(start.text, at);
    else {
      const first = firstChars(parsed.root);
      if (first !== undefined && first.length < 2 * 64) {
        // Skip the positions whose character cannot start a match (ASCII by a bitmap).
        const ascii = new Uint8Array(128);
        for (let c = 0; c < 128; c++) ascii[c] = cs.has(first, c) ? 1 : 0;
        this.firstStart = (text, at) => {
          for (let i = at; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c < 128) {
              if (ascii[c] === 1) return i;
              continue;
            }
            const cp = text.codePointAt(i)!;
            if (cs.has(first, cp)) return i;
            if (cp > 0xffff) i++; // never start inside a surrogate pair
          }
          return -1;
        };
      }
    }
  }

  /** re2js for this pattern, or null when RE2 cannot express it (\<, \>, \b{…}) or refuses it (its own size limits): then our Pike VM, as exact and linear, runs instead. */
  private re2(): RE2JS | null {
    if (this.re2js === undefined) {
      const source = toRe2(this.root);
      try {
        this.re2js = source === undefined ? null : RE2JS.compile(source);
      } catch {
        this.re2js = null;
      }
    }
    return this.re2js;
  }

  /** The text the pattern matches and nothing else, when it is only a literal with no anchor or group. */
  get plainText(): string | undefined {
    return this.literal && !this.literal.atStart && !this.literal.atEnd ? this.literal.text : undefined;
  }

  /** Whether the regex matches somewhere in the text. */
  test(text: string): boolean {
    if (this.literal) return findLiteral(this.literal, text, 0) >= 0;
    const engine = this.engineFor(text);
    if (engine === 're2') return this.re2()!.test(text);
    return this.captures(engine, text, 0) !== null;
  }

  /**
   * The leftmost-first match whose search starts at UTF-16 index `from` (assertions see the text
   * before it), or null. `engine` forces one engine (tests compare them on the same inputs).
   */
  exec(text: string, from = 0, engine?: Engine | 'literal'): RegexMatch | null {
    if (this.literal && (engine === undefined || engine === 'literal')) {
      const at = findLiteral(this.literal, text, from);
      if (at < 0) return null;
      const out = [this.literal.text] as RegexMatch;
      out.index = at;
      return out;
    }
    const use = engine === undefined || engine === 'literal' ? this.engineFor(text) : engine;
    const n = this.groupCount;
    const out = new Array<string | undefined>(n + 1) as RegexMatch;
    if (use === 're2') {
      const re2 = this.re2();
      if (re2 === null) throw new Error(`regex ${JSON.stringify(this.pattern)} has no RE2 form`);
      const m = re2.matcher(text);
      if (!m.find(from)) return null;
      for (let g = 0; g <= n; g++) out[g] = m.group(g) ?? undefined;
      out.index = m.start();
      return out;
    }
    const caps = this.captures(use, text, from);
    if (caps === null) return null;
    for (let g = 0; g <= n; g++) {
      const s = caps[2 * g]!;
      const e = caps[2 * g + 1]!;
      out[g] = s < 0 || e < 0 ? undefined : text.slice(s, e);
    }
    out.index = caps[0]!;
    return out;
  }

  /**
   * The engine for a text: the bounded backtracker when its bitmap is small (short texts: the
   * fastest, and exact for every pattern); else re2js, unless RE2 cannot express the pattern on
   * this text (Unicode word boundaries), then the Pike VM.
   */
  private engineFor(text: string): Engine {
    if (fitsBitState(this.pike, text)) return 'bitstate';
    if ((this.asciiOnlyRe2 && NON_ASCII.test(text)) || this.re2() === null) return 'pike';
    return 're2';
  }

  private captures(engine: 'bitstate' | 'pike', text: string, from: number): Int32Array | null {
    const prog = this.pike;
    if (engine === 'pike') return runPike(prog, text, from);
    if (!fitsBitState(prog, text)) throw new Error('text too long for the bounded backtracker');
    return runBitState(prog, text, from, this.firstStart);
  }
}
