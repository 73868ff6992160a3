/**
 * A compiled Kusto regex, matched in time linear in the text whatever the pattern and the text.
 *
 * The pattern is parsed in Kusto's dialect (syntax.ts) into explicit code-point sets, then run by
 * one of two linear-time engines:
 *  - re2js (a pure-JavaScript port of RE2: DFA, one-pass and NFA matchers; no backtracking) on the
 *    pattern written back in RE2's syntax (emit-re2.ts), for every text where RE2's meaning equals
 *    Kusto's: always, except that RE2's `\b`/`\B` are ASCII word boundaries, equal to the Unicode
 *    ones only on an ASCII-only text;
 *  - our Pike VM (pike.ts) for the rest: a pattern with `\<`, `\>` or `\b{…}` (RE2 has none), and
 *    a pattern with `\b`/`\B` on a text with a non-ASCII character.
 * Both follow leftmost-first semantics, so they agree on every match and capture.
 */
import { RE2JS } from 're2js';
import { RuntimeError } from '../errors.ts';
import { hasWordAssertion, toRe2 } from './emit-re2.ts';
import { compilePike, runPike, type PikeProgram } from './pike.ts';
import { parseKustoRegex, type Node } from './syntax.ts';

/** One match: [whole match, group 1, ...] (undefined for a group that did not take part), with the match's UTF-16 index. */
export type RegexMatch = (string | undefined)[] & { index: number };

const NON_ASCII = /[^\x00-\x7f]/;

export class KustoRegex {
  /** Number of capture groups (not counting the whole match). */
  readonly groupCount: number;
  /** Capture group names → indexes (1-based), in the order the groups open. */
  readonly groupNames: ReadonlyMap<string, number>;
  private readonly re2: RE2JS | undefined;
  /** RE2's \b/\B are ASCII: texts with a non-ASCII character go to the Pike VM. */
  private readonly asciiOnlyRe2: boolean;
  private readonly root: Node;
  private pike: PikeProgram | undefined;

  constructor(readonly pattern: string) {
    const parsed = parseKustoRegex(pattern);
    this.root = parsed.root;
    this.groupCount = parsed.groups;
    this.groupNames = parsed.names;
    const source = toRe2(parsed.root);
    if (source !== undefined) {
      try {
        this.re2 = RE2JS.compile(source);
      } catch (e) {
        // The dialect was already checked; what RE2 refuses now is the program's size.
        throw new RuntimeError(`regex ${JSON.stringify(pattern)} cannot be compiled to a linear-time program: ${(e as Error).message}`);
      }
    } else {
      this.pikeProgram(); // compile (and size-check) now: it is the only engine for this pattern
    }
    this.asciiOnlyRe2 = this.re2 !== undefined && hasWordAssertion(parsed.root);
  }

  private pikeProgram(): PikeProgram {
    this.pike ??= compilePike(this.root, this.groupCount, this.pattern);
    return this.pike;
  }

  private usesPike(text: string): boolean {
    return this.re2 === undefined || (this.asciiOnlyRe2 && NON_ASCII.test(text));
  }

  /** Whether the regex matches somewhere in the text. */
  test(text: string): boolean {
    if (this.usesPike(text)) return runPike(this.pikeProgram(), text, 0) !== null;
    return this.re2!.test(text);
  }

  /**
   * The leftmost-first match whose search starts at UTF-16 index `from` (assertions see the text
   * before it), or null. `engine: 'pike'` forces the Pike VM (tests compare the two engines).
   */
  exec(text: string, from = 0, engine: 'auto' | 'pike' = 'auto'): RegexMatch | null {
    const n = this.groupCount;
    if (engine === 'pike' || this.usesPike(text)) {
      const caps = runPike(this.pikeProgram(), text, from);
      if (caps === null) return null;
      const out = new Array<string | undefined>(n + 1) as RegexMatch;
      for (let g = 0; g <= n; g++) {
        const s = caps[2 * g]!;
        const e = caps[2 * g + 1]!;
        out[g] = s < 0 || e < 0 ? undefined : text.slice(s, e);
      }
      out.index = caps[0]!;
      return out;
    }
    const m = this.re2!.matcher(text);
    if (!m.find(from)) return null;
    const out = new Array<string | undefined>(n + 1) as RegexMatch;
    for (let g = 0; g <= n; g++) out[g] = m.group(g) ?? undefined;
    out.index = m.start();
    return out;
  }
}
