/**
 * Regex operators and functions: `matches regex`, extract, extract_all, replace_regex (and its
 * deprecated alias replace), countof, trim/trim_start/trim_end. Patterns follow Kusto's regex
 * syntax through compileKustoRegex (regex.ts); constant patterns are compiled once at bind time.
 */
import { RuntimeError, UnsupportedError } from '../errors.ts';
import type { Dyn, ScalarType, Value } from '../types.ts';
import { dynToString } from '../values/format.ts';
import type { ArgInfo, RowFn, ScalarFunction } from './contract.ts';
import { lookupScalarFunction } from './index.ts';
import { compileKustoRegex, findAll, groupCount, groupIndexes, type KustoRegex, type RegexMatch } from './regex.ts';
import { arity, define, intOf, textOf } from './strings.ts';

/** The regex of argument i: compiled once when constant, else per row (compileKustoRegex caches). */
function regexArg(
  args: readonly ArgInfo[],
  i: number,
  wrap: (p: string) => string = (p) => p,
  check: (re: KustoRegex) => KustoRegex = (re) => re,
): (row: Value[]) => KustoRegex {
  const text = textOf(args[i]!.type);
  if (args[i]!.constant) {
    const re = check(compileKustoRegex(wrap(text(args[i]!.value ?? null))));
    return () => re;
  }
  return (row) => check(compileKustoRegex(wrap(text(row[i]!))));
}

/**
 * Results of a regex function of one text for texts seen again. A column such as UserAgent holds
 * a few thousand distinct values in millions of rows, and rules run regexes on every one
 * (NewUserAgentLast24h: replace and extract_all on each event of 14 days). Bounded: texts of up
 * to 512 characters, 2,048 of them, then it starts again. Rows of one text share its result:
 * values are never changed once made (a constant dynamic is shared by every row the same way).
 */
class TextMemo<T> {
  private readonly seen = new Map<string, T>();

  get(text: string, f: (text: string) => T): T {
    if (text.length > 512) return f(text);
    let v = this.seen.get(text);
    if (v === undefined && !this.seen.has(text)) {
      v = f(text);
      if (this.seen.size >= 2048) this.seen.clear();
      this.seen.set(text, v);
    }
    return v as T;
  }
}

/** matches-regex-operator doc: "The maximum number of regex groups is 16." */
const MATCHES_REGEX_MAX_GROUPS = 16;

function checkMatchesRegexGroups(re: KustoRegex): KustoRegex {
  if (re.groupCount > MATCHES_REGEX_MAX_GROUPS) {
    throw new RuntimeError(`matches regex: the regex has ${re.groupCount} capture groups; the most is ${MATCHES_REGEX_MAX_GROUPS} (matches-regex-operator)`);
  }
  return re;
}

/** `L matches regex R`: R matches somewhere in L (matches-regex-operator doc; unanchored). */
const matchesRegex = define('matches regex', 'matches-regex-operator', (args) => {
  arity('matches regex', args, 2, 2);
  const lhs = textOf(args[0]!.type);
  const re = regexArg(args, 1, undefined, checkMatchesRegexGroups);
  if (args[1]!.constant) {
    const fixed = re([]);
    const memo = new TextMemo<boolean>();
    return (a) => memo.get(lhs(a[0]!), (t) => fixed.test(t));
  }
  return (a) => re(a).test(lhs(a[0]!));
});

const CONVERTERS: Partial<Record<ScalarType, string>> = {
  bool: 'tobool', int: 'toint', long: 'tolong', real: 'toreal', decimal: 'todecimal',
  datetime: 'todatetime', timespan: 'totimespan', guid: 'toguid', dynamic: 'todynamic',
};

/**
 * extract(regex, captureGroup, source [, typeof(T)]) (extract-function doc): the first match's
 * group (0 = whole match); no match, or a group that did not take part, gives null — "" for a
 * string result; with typeof(T) the text is converted to T (null when it does not convert).
 */
const extract = define('extract', 'extract-function', (args, resultType) => {
  arity('extract', args, 3, 4);
  const re = regexArg(args, 0);
  const source = textOf(args[2]!.type);
  let convert: RowFn | undefined;
  if (resultType !== 'string') {
    const name = CONVERTERS[resultType];
    if (!name) throw new UnsupportedError(`extract() to ${resultType}`);
    convert = lookupScalarFunction(name).bind([{ type: 'string', constant: false }], resultType);
  }
  const groupType = args[1]!.type;
  return (a, ctx) => {
    const g = intOf(groupType, a[1]!);
    const r = re(a);
    if (g === null || g < 0) return convert ? null : '';
    if (g > groupCount(r)) throw new RuntimeError(`extract(): capture group ${g} does not exist in the regex`);
    const m = r.exec(source(a[2]!));
    const text = m?.[g];
    if (text === undefined) return convert ? null : '';
    return convert ? convert([text], ctx) : text;
  };
});

/**
 * A captureGroups element as the error shows it: its text (dynToString walks a nested value
 * without recursion; String() of an array 100,000 levels deep overflows the stack), cut short.
 */
function shortText(g: Dyn): string {
  const text = dynToString(g);
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

/**
 * extract_all(regex, [captureGroups,] source) (extract-all-function doc): all matches; one
 * selected group → a flat array of strings, several → an array of arrays; no match → null.
 * The regex needs 1..16 capture groups. Groups that did not take part yield "" (our choice).
 */
const extractAll = define('extract_all', 'extract-all-function', (args) => {
  arity('extract_all', args, 2, 3);
  const hasGroups = args.length === 3;
  const sourceIndex = hasGroups ? 2 : 1;
  const source = textOf(args[sourceIndex]!.type);
  const patternText = textOf(args[0]!.type);
  // The regex and the group list, checked and resolved once per distinct pattern/list.
  const prepare = (pattern: string, spec: Dyn | undefined): { re: KustoRegex; selected: number[] } => {
    const re = compileKustoRegex(pattern);
    const count = groupCount(re);
    if (count < 1 || count > 16) throw new RuntimeError(`extract_all(): the regex must have between 1 and 16 capture groups, it has ${count}`);
    if (spec === undefined) return { re, selected: Array.from({ length: count }, (_, i) => i + 1) };
    if (!Array.isArray(spec)) throw new RuntimeError('extract_all(): captureGroups must be a dynamic array');
    const names = groupIndexes(re);
    const selected = spec.map((g) => {
      const n = typeof g === 'string' ? names.get(g) : intOf('dynamic', g);
      if (n === undefined || n === null || n < 1 || n > count) throw new RuntimeError(`extract_all(): invalid capture group ${JSON.stringify(shortText(g))}`);
      return n;
    });
    return { re, selected };
  };
  const fixed = args[0]!.constant && (!hasGroups || args[1]!.constant)
    ? prepare(patternText(args[0]!.value ?? null), hasGroups ? (args[1]!.value as Dyn) : undefined)
    : undefined;
  const matches = ({ re, selected }: { re: KustoRegex; selected: number[] }, text: string): Dyn[] | null => {
    const out: Dyn[] = [];
    for (const m of findAll(re, text)) {
      if (selected.length === 1) out.push(m[selected[0]!] ?? '');
      else out.push(selected.map((g) => m[g] ?? ''));
    }
    return out.length === 0 ? null : out;
  };
  if (fixed) {
    const memo = new TextMemo<Dyn[] | null>();
    return (a) => memo.get(source(a[sourceIndex]!), (t) => matches(fixed, t));
  }
  let lastKey: [Value, Value] | undefined;
  let last: { re: KustoRegex; selected: number[] } | undefined;
  return (a) => {
    const spec = hasGroups ? a[1]! : undefined;
    if (!last || !lastKey || lastKey[0] !== a[0] || lastKey[1] !== spec) {
      last = prepare(patternText(a[0]!), spec as Dyn | undefined);
      lastKey = [a[0]!, spec ?? null];
    }
    return matches(last, source(a[sourceIndex]!));
  };
});

/**
 * Expands a Kusto rewrite pattern for one match: `\0` whole match, `\1`..`\9` groups
 * (replace-regex-function doc). A group that did not take part, or does not exist, gives ""
 * (our choice); any other backslash is kept literally.
 */
function compileRewrite(rewrite: string): (m: RegexMatch) => string {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < rewrite.length; i++) {
    const c = rewrite[i]!;
    const d = rewrite.charCodeAt(i + 1);
    if (c === '\\' && d >= 48 && d <= 57) {
      if (lit) parts.push(lit);
      lit = '';
      parts.push(d - 48);
      i++;
    } else lit += c;
  }
  if (lit) parts.push(lit);
  if (parts.length === 1 && typeof parts[0] === 'string') {
    const only = parts[0];
    return () => only;
  }
  return (m) => {
    let out = '';
    for (const p of parts) out += typeof p === 'string' ? p : (m[p] ?? '');
    return out;
  };
}

/** All non-overlapping matches replaced, left to right (Rust find_iter rules for empty matches). */
function replaceAll(re: KustoRegex, text: string, rewrite: (m: RegexMatch) => string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, text)) {
    out += text.slice(last, m.index) + rewrite(m);
    last = m.index + m[0]!.length;
  }
  return last === 0 && out === '' ? text : out + text.slice(last);
}

function replaceFunction(name: string, doc: string, order: { source: number; regex: number; rewrite: number }): ScalarFunction {
  return define(name, doc, (args) => {
    arity(name, args, 3, 3);
    const source = textOf(args[order.source]!.type);
    const re = regexArg(args, order.regex);
    const rewriteText = textOf(args[order.rewrite]!.type);
    const constRewrite = args[order.rewrite]!.constant ? compileRewrite(rewriteText(args[order.rewrite]!.value ?? null)) : undefined;
    if (constRewrite && args[order.regex]!.constant) {
      const fixed = re([]);
      const memo = new TextMemo<string>();
      return (a) => memo.get(source(a[order.source]!), (t) => replaceAll(fixed, t, constRewrite));
    }
    return (a) => replaceAll(re(a), source(a[order.source]!), constRewrite ?? compileRewrite(rewriteText(a[order.rewrite]!)));
  });
}

/**
 * countof(source, search [, kind]) (countof-function doc): "Plain string matches may overlap;
 * regex matches don't": countof("aaaa", "aa") = 3, countof("ababa", "aba", "regex") = 1.
 * An empty plain search counts 0 (our choice).
 */
const countof = define('countof', 'countof-function', (args) => {
  arity('countof', args, 2, 3);
  const text = textOf(args[0]!.type);
  const search = textOf(args[1]!.type);
  let kind = 'normal';
  if (args.length === 3) {
    if (!args[2]!.constant) throw new UnsupportedError('countof() with a non-constant kind');
    kind = String(args[2]!.value ?? '');
    if (kind !== 'normal' && kind !== 'regex') throw new RuntimeError(`countof(): kind must be "normal" or "regex", not ${JSON.stringify(kind)}`);
  }
  if (kind === 'regex') {
    const re = regexArg(args, 1);
    return (a) => {
      let n = 0n;
      for (const _ of findAll(re(a), text(a[0]!))) n++;
      return n;
    };
  }
  return (a) => {
    const s = text(a[0]!);
    const n = search(a[1]!);
    if (n === '') return 0n;
    let count = 0n;
    for (let p = s.indexOf(n); p >= 0; p = s.indexOf(n, p + 1)) count++;
    return count;
  };
});

/**
 * trim/trim_start/trim_end(regex, source) (trim-function doc): remove leading and/or trailing
 * matches of the regex — repeated matches included (`trim("--", "----x--")` = "x"). Implemented
 * as the anchored patterns ^(?:regex)+ and (?:regex)+$.
 */
function trimFunction(name: string, start: boolean, end: boolean): ScalarFunction {
  return define(name, `${name.replace('_', '-')}-function`, (args) => {
    arity(name, args, 2, 2);
    const source = textOf(args[1]!.type);
    const head = start ? regexArg(args, 0, (p) => `^(?:${p})+`) : undefined;
    const tail = end ? regexArg(args, 0, (p) => `(?:${p})+$`) : undefined;
    const pattern = regexArg(args, 0); // also validates a constant pattern itself
    return (a) => {
      let s = source(a[1]!);
      // A literal pattern is stripped with startsWith/endsWith: its wrapped forms are no longer
      // literals, and the automaton of a 100,000-character literal over a 100,000-character text
      // takes their product in steps (10^10).
      const literal = pattern(a).plainText;
      if (literal !== undefined) return trimLiteral(s, literal, start, end);
      if (head) {
        const m = head(a).exec(s);
        if (m) s = s.slice(m[0]!.length);
      }
      if (tail) {
        // The leftmost match that reaches the end is the longest removable suffix.
        const re = tail(a);
        for (const m of findAll(re, s)) {
          if (m.index + m[0]!.length === s.length) {
            s = s.slice(0, m.index);
            break;
          }
        }
      }
      return s;
    };
  });
}

/** `s` without its leading and/or trailing repetitions of `literal` (non-empty), as ^(?:literal)+ and (?:literal)+$ remove them. */
function trimLiteral(s: string, literal: string, start: boolean, end: boolean): string {
  const n = literal.length;
  let from = 0;
  let to = s.length;
  if (start) while (s.startsWith(literal, from)) from += n;
  if (end) while (to - n >= from && s.endsWith(literal, to)) to -= n;
  return s.slice(from, to);
}

/**
 * indexof_regex(string, match [, start [, length [, occurrence]]]) (indexof-regex-function):
 * index of the occurrence-th non-overlapping match inside [start, start+length); -1 when there is
 * none; null when start < 0, length < -1 or occurrence < 1. Indexes count code points, as indexof.
 */
const indexofRegex = define('indexof_regex', 'indexof-regex-function', (args) => {
  arity('indexof_regex', args, 2, 5);
  const text = textOf(args[0]!.type);
  const re = regexArg(args, 1);
  return (a) => {
    const start = args.length > 2 ? intOf(args[2]!.type, a[2]!) : 0;
    const length = args.length > 3 ? intOf(args[3]!.type, a[3]!) : -1;
    const occurrence = args.length > 4 ? intOf(args[4]!.type, a[4]!) : 1;
    if (start === null || length === null || occurrence === null || start < 0 || length < -1 || occurrence < 1) return null;
    const cps = Array.from(text(a[0]!));
    if (start > cps.length) return -1n;
    const end = length === -1 ? cps.length : Math.min(cps.length, start + length);
    const window = cps.slice(start, end).join('');
    let k = 0;
    for (const m of findAll(re(a), window)) {
      if (++k === occurrence) return BigInt(start + Array.from(window.slice(0, m.index)).length);
    }
    return -1n;
  };
});

/** regex_quote(s): s with every regex metacharacter escaped, so that it matches itself (regex-quote-function). */
const regexQuote = define('regex_quote', 'regex-quote-function', (args) => {
  arity('regex_quote', args, 1, 1);
  const text = textOf(args[0]!.type);
  // The Rust crate's escape set (regex::escape): \ . + * ? ( ) | [ ] { } ^ $ # & - ~
  return (a) => text(a[0]!).replace(/[\\.+*?()|[\]{}^$#&\-~]/g, '\\$&');
});

export const functions: ScalarFunction[] = [
  indexofRegex,
  regexQuote,
  { ...extractAll, name: 'extractall' }, // deprecated alias (extract-all-function doc)
  matchesRegex,
  extract,
  extractAll,
  replaceFunction('replace_regex', 'replace-regex-function', { source: 0, regex: 1, rewrite: 2 }),
  // Deprecated alias with the older argument order replace(regex, rewrite, source) (parser signature).
  replaceFunction('replace', 'replace-regex-function', { source: 2, regex: 0, rewrite: 1 }),
  countof,
  trimFunction('trim', true, true),
  trimFunction('trim_start', true, false),
  trimFunction('trim_end', false, true),
];
