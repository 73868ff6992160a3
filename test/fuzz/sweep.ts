/**
 * The extreme-argument sweep (`npm run fuzz -- --sweep`): a systematic complement to the random
 * campaigns. For every scalar function and aggregate trailhound supports, and every signature the
 * official parser's catalog declares for it (src/kql/syntax/function-signatures.ts), it builds a
 * call with ordinary arguments, then, one parameter position at a time, puts each extreme value of
 * a type that position accepts there: the integers at the ends of int and long (and past them),
 * reals that are huge, tiny, NaN or infinite, an empty and a 100,000-character string, regex
 * metacharacters, the first and last datetime and the longest timespans, deeply nested and
 * 1,000,000-element dynamic values, nulls, and a few ordinary-but-large counts. A numeric argument
 * the user controls that drives a loop, an allocation, a recursion or a string's size is the bug
 * it hunts (`series_seasonal(x, 2147483647)` was one). The operators trailhound implements as
 * functions (`%`, `between`, `has`, `matches regex`, ...) have no catalog signature: they are
 * swept with the operand types written here (operatorSignatures).
 *
 * That is the `single` mode. `pairs` puts two positions at extremes at once (a few each, pairExtremes),
 * and `columns` makes the extreme arrive as a column of rows, so that the per-row code runs
 * rather than what bind() does with a constant (see SweepMode).
 *
 * Each case runs in the fuzz child (harness/runner.ts: a watchdog for hangs, a heap ceiling for
 * crashes) and is classified by harness/outcome.ts; a case the binder refuses is `rejected`, which
 * is a right answer. Which base call a position's type is swept on is chosen by compiling (not
 * running) candidate calls in this process: the first that binds with an ordinary value of that
 * type at that position.
 */
import { appendFileSync } from 'node:fs';
import { compileQuery, type TableSource } from '../../src/kql/engine.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { functionSignatures, type FunctionSignature, type ParameterSignature } from '../../src/kql/syntax/function-signatures.ts';
import { scalarFunctionNames } from '../../src/kql/functions/index.ts';
import { aggregateNames } from '../../src/kql/exec/aggregates.ts';
import { FAILURES, type Outcome, type OutcomeKind } from './harness/outcome.ts';
import { FuzzRunner } from './harness/runner.ts';
import { writeFinding } from './harness/out-file.ts';
import { emptyCounts } from './harness/campaign.ts';
import { kqlString } from './arbitraries/kql.ts';
import type { CaseFormat } from './harness/kql-case.ts';

/** One sweep input: the function, what was put where, and the query. */
export interface SweepCase {
  readonly fn: string;
  /** e.g. `strrep(value, multiplier=2147483647)`. */
  readonly label: string;
  readonly text: string;
  /** Set for a 1,000,000-element argument or a range() call: the result is written in these formats only. */
  readonly formats?: readonly CaseFormat[];
}

export interface SweepFailure {
  readonly sweepCase: SweepCase;
  readonly outcome: Outcome;
}

export interface SweepResult {
  readonly tried: number;
  readonly counts: Record<OutcomeKind, number>;
  readonly failures: SweepFailure[];
  /** The slowest case and its time in the child. */
  readonly slowest: { readonly label: string; readonly ms: number } | undefined;
  readonly maxRss: number;
}

const LONG_EXTREMES = ['0', '-1', '2147483647', '-2147483648', '9223372036854775807', '-9223372036854775808', '4294967296', '100000000', '1000000'];
/**
 * The 1,000,000-element array: a second or more per case, most of it writing the result (a
 * million reals take seconds in each format), so such a case writes JSON only.
 */
const HUGE_ARRAY = 'range(1, 1000000, 1)';
const DEEP = 'parse_json(strcat(strrep(strrep("[", 1000), 100), strrep(strrep("]", 1000), 100)))';
const MANY_STRINGS = 'split(strrep(strrep("a,", 1000), 100), ",")';
const BIG_BAG = 'parse_json(strcat("{\\"", strcat_array(range(1, 100000, 1), "\\":1,\\""), "\\":1}"))';
/**
 * The values that take a few hundred milliseconds or more a case: each is tried once per
 * function, parameter and type, not again in each overload (series_add's three), and left out of
 * a light sweep.
 */
const HEAVY: ReadonlySet<string> = new Set([HUGE_ARRAY, DEEP, MANY_STRINGS, BIG_BAG]);
/**
 * The pairs mode's large array: 100,000 elements are enough for a quadratic pair (200,000 by
 * 200,000) to hang and for a size times a 2^31 count to overflow, at a tenth of the time a case.
 */
const BIG_ARRAY = 'range(1, 100000, 1)';
const HUGE_STRING = 'strrep(strrep("a", 1000), 100)'; // strrep repeats at most 1024 times (learn.microsoft.com/kusto/query/strrep-function)
const HUGE_LITERAL = kqlString('a'.repeat(100_000));
// a valid regex of nested repetition, classes and flags (a backtracking engine's worst case)
const METACHARS = kqlString('^(a+)+$|.*?[\\]{}()]+\\d\\p{L}(?i)x$');
const HEAVY_REGEX = kqlString('((a{1000}){1000}){1000}');

/**
 * The extreme values of each type; `literal` when the parameter takes only a literal, `anyType`
 * when it takes any scalar (where a dynamic value is mostly turned into a string: the huge string
 * stands for the sizes, and a few big values keep the sweep to minutes).
 */
function extremes(type: string, literal: boolean, anyType: boolean): string[] {
  switch (type) {
    case 'long':
      // (-9223372036854775808 bare is minus an out-of-range literal: refused by the parser)
      return [...LONG_EXTREMES.map((n) => (n.startsWith('-9') ? `long(${n})` : n)), 'long(null)'];
    case 'int':
      // (an int literal past the int range is a syntax error: not tried)
      return [...LONG_EXTREMES.filter((n) => Math.abs(Number(n)) <= 2 ** 31).map((n) => `int(${n})`), 'int(null)'];
    case 'real':
      return ['1e308', '-1e308', 'real(nan)', 'real(+inf)', 'real(-inf)', '1e-308', '-1e-308', '100000000.0', 'real(null)'];
    case 'decimal':
      return ['decimal(79228162514264337593543950335)', 'decimal(-79228162514264337593543950335)', 'decimal(0.0000000000000000000000000001)', 'decimal(100000000)', 'decimal(null)'];
    case 'string':
      return literal ? ['""', HUGE_LITERAL, METACHARS, HEAVY_REGEX] : ['""', HUGE_STRING, METACHARS, HEAVY_REGEX, 'tostring(dynamic(null))'];
    case 'bool':
      return ['false', 'bool(null)'];
    case 'datetime':
      return ['datetime(0001-01-01)', 'datetime(9999-12-31 23:59:59.9999999)', 'datetime(null)'];
    case 'timespan':
      return ['timespan(10675199.02:48:05.4775807)', 'timespan(-10675199.02:48:05.4775808)', '1tick', '-1tick', '0s', 'timespan(null)'];
    case 'guid':
      return ['guid(null)', 'guid(00000000-0000-0000-0000-000000000000)'];
    case 'dynamic':
      return [
        'dynamic(null)',
        'dynamic([])',
        'dynamic({})',
        // 1,000 levels (formatted and walked) and 100,000 (past any sane limit)
        'parse_json(strcat(strrep("[", 1000), strrep("]", 1000)))',
        DEEP,
        HUGE_ARRAY,
        // where only a dynamic value is taken: 100,000 strings, and a bag of 100,000 keys
        ...(anyType ? [] : [MANY_STRINGS, BIG_BAG]),
      ];
    default:
      return [];
  }
}

/**
 * The few most dangerous extremes of each type, for the pairs mode: two of them at once multiply
 * (a 100,000-element array rotated 2^31 times, a huge string repeated 2^31 times, a range from
 * the first datetime to the last by one tick), so each position takes one to three.
 */
function pairExtremes(type: string, literal: boolean): string[] {
  switch (type) {
    case 'long':
      return ['2147483647', '9223372036854775807', 'long(-9223372036854775808)'];
    case 'int':
      return ['int(2147483647)', 'int(-2147483648)'];
    case 'real':
      return ['1e308', 'real(nan)'];
    case 'decimal':
      return ['decimal(79228162514264337593543950335)', 'decimal(-0.0000000000000000000000000001)'];
    case 'string':
      return [literal ? HUGE_LITERAL : HUGE_STRING, METACHARS, '""'];
    case 'bool':
      return ['bool(null)'];
    case 'datetime':
      return ['datetime(0001-01-01)', 'datetime(9999-12-31 23:59:59.9999999)'];
    case 'timespan':
      return ['timespan(10675199.02:48:05.4775807)', '1tick'];
    case 'guid':
      return ['guid(null)'];
    case 'dynamic':
      return ['dynamic(null)', 'parse_json(strcat(strrep("[", 1000), strrep("]", 1000)))', BIG_ARRAY];
    default:
      return [];
  }
}

/**
 * A position's types in the pairs mode: all of a narrow one's, else the first two of those that
 * matter most for sizes and loops (integers and strings drive them; a dynamic array, a real, a
 * time are the other shapes).
 */
function pairTypes(p: ParameterSignature): string[] {
  if (p.types.length <= 2) return [...p.types];
  return ['long', 'string', 'dynamic', 'real', 'timespan', 'datetime', 'int', 'decimal', 'bool', 'guid'].filter((t) => p.types.includes(t)).slice(0, 2);
}

/** A null of each type, for the null row of a column (a string's null is the empty string). */
const NULL_OF: Record<string, string> = {
  string: '""',
  long: 'long(null)',
  int: 'int(null)',
  real: 'real(null)',
  decimal: 'decimal(null)',
  bool: 'bool(null)',
  datetime: 'datetime(null)',
  timespan: 'timespan(null)',
  guid: 'guid(null)',
  dynamic: 'dynamic(null)',
};

/** An ordinary value of each type, for the positions not being swept. */
const ORDINARY: Record<string, string> = {
  string: '"abc"',
  long: '3',
  int: 'int(3)',
  real: '2.5',
  decimal: 'decimal(2.5)',
  bool: 'true',
  datetime: 'datetime(2024-05-01T10:00:00Z)',
  timespan: '1h',
  guid: 'guid(6f4ae34b-0cbd-4f29-a5b5-3c0b7a8d8a51)',
  // 7 points: the series functions decide a default period (-1, detect) only on fewer than 8
  // (trailhound refuses to guess series_periods_detect's scoring), so 8 would leave them unswept
  dynamic: 'dynamic([1, 2, 3, 4, 5, 6, 7])',
  type: 'typeof(string)',
};

/** Ordinary values that a parameter's name asks for (a regex, a date part, an IP, ...), by type. */
const BY_NAME: Record<string, Partial<Record<string, string>>> = {
  regex: { string: '"(b)"' },
  lookup_regex: { string: '"(b)"' },
  rewrite_pattern: { string: '"<\\\\1>"' },
  part: { string: '"day"' },
  format: { string: '"yyyy-MM-dd HH:mm:ss"' },
  kind: { string: '"normal"' },
  trend: { string: '"linefit"' },
  method: { string: '"ctukey"' },
  jsonPath: { string: '"$.a"' },
  jsonText: { string: kqlString('{"a":[1,2]}') },
  json_text: { string: kqlString('{"a":[1,2]}') },
  xml_text: { string: '"<a><b>1</b></a>"' },
  ip: { string: '"10.1.2.3"' },
  ip1: { string: '"10.1.2.3"' },
  ip2: { string: '"10.1.2.4"' },
  ip_range: { string: '"10.0.0.0/8"' },
  ranges: { string: '"10.0.0.0/8"', dynamic: 'dynamic(["10.0.0.0/8"])' },
  ips: { string: '"10.1.2.3"', dynamic: 'dynamic(["10.1.2.3"])' },
  ip_prefix: { string: '"10.1."' },
  ip_prefixes: { string: '"10.1."', dynamic: 'dynamic(["10.1."])' },
  url: { string: '"https://a.example/p/q?x=1&y=2#f"' },
  query: { string: '"x=1&y=2"' },
  encoded_url: { string: '"a%20b"' },
  base64_string: { string: '"YWJj"' },
  base64_string_decoded_as_array: { dynamic: 'dynamic([97, 98, 99])' },
  searchList: { string: '"ab"' },
  replacementList: { string: '"xy"' },
  delimiter: { string: '","' },
  key: { string: '"a"' },
  source: { string: '"abc 10.1.2.3 abc"' },
  text: { string: '"abcabc"' },
  lookup: { string: '"b"' },
  match: { string: '"b"' },
  captureGroups: { dynamic: 'dynamic([1])' },
  keys: { dynamic: 'dynamic(["a"])' },
  lookups: { dynamic: 'dynamic(["a"])' },
  rewrites: { dynamic: 'dynamic(["z"])' },
  values: { dynamic: 'dynamic(["b"])' },
  filter: { dynamic: 'dynamic([1, 1])' },
  numerators: { dynamic: 'dynamic([1])' },
  denominators: { dynamic: 'dynamic([1, 0.5])' },
  object: { dynamic: 'dynamic({"a": 1, "b": [2, 3]})' },
  bag: { dynamic: 'dynamic({"a": 1, "b": [2, 3]})' },
  expr: { dynamic: 'dynamic({"a": 1})' },
  prefix: { long: '24', int: 'int(24)' },
  precision: { long: '2' },
  captureGroup: { long: '1' },
  start: { long: '1', int: 'int(1)' },
  length: { long: '2', int: 'int(2)' },
  occurrence: { long: '1', int: 'int(1)' },
  requestedIndex: { long: '0', int: 'int(0)' },
  period: { long: '2', int: 'int(2)' },
  test_points: { long: '1', int: 'int(1)' },
  num_periods: { long: '1' },
  min_period: { long: '1' },
  max_period: { long: '3' },
  percentile: { long: '50' },
  accuracy: { long: '1' },
  maxSize: { long: '10' },
  year: { long: '2024' },
  month: { long: '5' },
  day: { long: '1' },
  min_percentile: { real: '10.0' },
  max_percentile: { real: '90.0' },
  seasonality_threshold: { real: '0.6' },
  threshold: { real: '1.5' },
  number: { long: '1700000000' },
};

/** The types swept at a position: all it takes, or for an any-type one the types sizes live in. */
function sweptTypes(p: ParameterSignature): string[] {
  if (p.types.length <= 4) return [...p.types];
  return ['string', 'long', 'real', 'dynamic', 'datetime', 'timespan'].filter((t) => p.types.includes(t));
}

/** Ordinary values for one function's parameter, where its name means something else there. */
const BY_FUNCTION: Record<string, Partial<Record<string, string>>> = {
  'series_outliers.kind': { string: '"ctukey"' },
  'format_timespan.format': { string: '"d.hh:mm:ss"' },
};

function ordinary(fn: string, p: ParameterSignature, type: string): string {
  return BY_FUNCTION[`${fn}.${p.name}`]?.[type] ?? BY_NAME[p.name]?.[type] ?? ORDINARY[type] ?? 'dynamic(null)';
}

/** A call as query text: an operator's own form, else `name(args)`. */
function callText(sig: Sweepable, args: readonly string[]): string {
  if (sig.render) return sig.render(args);
  return `${sig.name}(${args.join(', ')})`;
}

/** A call of `sig` as a query; `args` are the arguments (one per position used). */
function queryOf(sig: Sweepable, args: readonly string[]): string {
  const call = callText(sig, args);
  // An aggregate runs over a few rows; a scalar is printed
  // (unnamed: a function of several results, series_stats say, makes one column each).
  return sig.aggregate ? `range x from 1 to 2 step 1 | summarize ${call}` : `print ${call}`;
}

/** A catalog signature, or an operator's made here (`render` writes it infix). */
interface Sweepable extends FunctionSignature {
  readonly render?: (args: readonly string[]) => string;
}

const operand = (name: string, types: readonly string[]): ParameterSignature => ({ name, kind: 'Declared', types, minOccurring: 1, maxOccurring: 1, constant: false, literal: false });
const ARITHMETIC = ['long', 'real', 'decimal', 'timespan', 'datetime'];
const TEXT = ['string'];

/**
 * The operators trailhound implements as scalar functions, which the catalog has no signature
 * for: each as its operands' types and its written form.
 */
function operatorSignatures(names: ReadonlySet<string>): Sweepable[] {
  const out: Sweepable[] = [];
  const binary = (op: string, types: readonly string[]) =>
    out.push({ name: op, aggregate: false, parameters: [operand('left', types), operand('right', types)], render: ([a, b]) => `(${a}) ${op} (${b})` });
  for (const op of ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=']) if (names.has(op)) binary(op, ARITHMETIC);
  for (const op of ['has', '!has', 'has_cs', '!has_cs', 'contains', '!contains', 'contains_cs', '!contains_cs', 'startswith', '!startswith', 'startswith_cs', '!startswith_cs', 'endswith', '!endswith', 'endswith_cs', '!endswith_cs', 'hasprefix', '!hasprefix', 'hasprefix_cs', '!hasprefix_cs', 'hassuffix', '!hassuffix', 'hassuffix_cs', '!hassuffix_cs', '=~', '!~', 'matches regex']) {
    if (names.has(op)) binary(op, TEXT);
  }
  for (const op of ['in', '!in', 'in~', '!in~', 'has_any', 'has_all']) {
    if (names.has(op)) out.push({ name: op, aggregate: false, parameters: [operand('left', TEXT), operand('item', TEXT), operand('other', TEXT)], render: ([a, b, c]) => `(${a}) ${op} (${b}, ${c})` });
  }
  for (const op of ['between', '!between']) {
    if (names.has(op)) out.push({ name: op, aggregate: false, parameters: [operand('left', ARITHMETIC), operand('low', ARITHMETIC), operand('high', ARITHMETIC)], render: ([a, b, c]) => `(${a}) ${op} ((${b}) .. (${c}))` });
  }
  if (names.has('unary-')) out.push({ name: 'unary-', aggregate: false, parameters: [operand('operand', ARITHMETIC)], render: ([a]) => `-(${a})` });
  return out;
}

/** The parameter positions a call uses, to reach position `i` (each parameter once, or its minimum). */
function positions(sig: Sweepable, i: number): ParameterSignature[] {
  const out: ParameterSignature[] = [];
  sig.parameters.forEach((p, j) => {
    const n = j <= i ? Math.max(1, p.minOccurring) : p.minOccurring;
    for (let k = 0; k < n; k++) out.push(p);
  });
  return out;
}

/** Catalog aliases trailhound implements whose catalog entry is hidden: swept with the canonical signature. */
const ALIASES: Record<string, string> = {
  makelist: 'make_list',
  makeset: 'make_set',
  anyif: 'take_anyif',
  extractall: 'extract_all',
  pack: 'bag_pack',
  pack_dictionary: 'bag_pack',
  parsejson: 'parse_json',
  toobject: 'todynamic',
  parseurl: 'parse_url',
  parseurlquery: 'parse_urlquery',
  base64_encodestring: 'base64_encode_tostring',
  base64_decodestring: 'base64_decode_tostring',
  make_string: 'unicode_codepoints_to_string',
  to_utf8: 'unicode_codepoints_from_string',
  replace: 'replace_regex',
};

/**
 * What a sweep varies: `single`, one argument at a time at each extreme of its type, the others
 * ordinary constants (in a `print`, or a two-row `summarize`); `pairs`, two arguments at once at
 * a few of their type's most dangerous extremes (pairExtremes); `columns`, the extreme arriving
 * as a column of several rows mixed with ordinary values and a null, so that the function's
 * per-row code runs (bind() sees no constant it could check or fold, binary operators take their
 * column-at-a-time kernels, aggregates their addRows over two groups).
 */
export type SweepMode = 'single' | 'pairs' | 'columns';
export const SWEEP_MODES: readonly SweepMode[] = ['single', 'pairs', 'columns'];

export interface SweepPlan {
  readonly cases: SweepCase[];
  /** Functions trailhound supports that the sweep has no signature for (operators, ...). */
  readonly unswept: string[];
  /** `fn(param:type)` positions no candidate base call bound for. */
  readonly unbound: string[];
}

export interface SweepOptions {
  /** Only these functions (all supported ones when absent). */
  readonly only?: ReadonlySet<string>;
  /**
   * Leave out the arguments that take a second or more a case (the 1,000,000-element array, the
   * 100,000-level nesting, the 100,000-key bag and 100,000-string array): the suite's quick run.
   */
  readonly light?: boolean;
  /** What is varied (default `single`). */
  readonly mode?: SweepMode;
}

/** The rows of a `columns` case: k = 1 and 4 hold the extreme, 2 and 5 an ordinary value, 3 a null. */
const COLUMN_ROWS = 5;

/** An argument of a planned call: its text, and the type of its value. */
interface Arg {
  readonly text: string;
  readonly type: string;
}

/**
 * A `columns` case: `c0` holds the extreme on two rows, an ordinary value on two and a null on
 * one; each other argument that may vary by row is a column too when `othersAsColumns` (an
 * ordinary value, null on a row where c0 holds the extreme), else stays the constant it was. A
 * scalar is projected beside k (unnamed: a function of several results makes one column each);
 * an aggregate is summarized by k % 2, two groups each holding an extreme.
 */
function columnQuery(sig: Sweepable, params: readonly ParameterSignature[], args: readonly Arg[], at: number, extreme: string, othersAsColumns: boolean): string {
  const cols: string[] = [];
  const callArgs = args.map((a, j) => {
    if (j === at) {
      cols.push(`c${j} = case(k == 2 or k == 5, ${a.text}, k == 3, ${NULL_OF[a.type] ?? 'dynamic(null)'}, ${extreme})`);
      return `c${j}`;
    }
    if (!othersAsColumns || params[j]!.constant) return a.text;
    cols.push(`c${j} = iff(k == 4, ${NULL_OF[a.type] ?? 'dynamic(null)'}, ${a.text})`);
    return `c${j}`;
  });
  const call = callText(sig, callArgs);
  const source = `range k from 1 to ${COLUMN_ROWS} step 1 | extend ${cols.join(', ')}`;
  return sig.aggregate ? `${source} | summarize ${call} by g = k % 2` : `${source} | project k, ${call}`;
}

/** Every sweep case of one mode. */
export function sweepPlan(options: SweepOptions = {}): SweepPlan {
  const { only, light = false, mode = 'single' } = options;
  const supported = [...scalarFunctionNames(), ...aggregateNames()].filter((n) => !only || only.has(n));
  const canonical = new Set(supported.map((n) => ALIASES[n] ?? n));
  const sigs: Sweepable[] = [...functionSignatures(canonical), ...operatorSignatures(canonical)];
  const workspace = loadWorkspace({});
  const catalog = workspace.catalog(new Map<string, TableSource>());
  const binds = (text: string): boolean => {
    try {
      compileQuery(text, catalog);
      return true;
    } catch {
      return false;
    }
  };
  const cases: SweepCase[] = [];
  const unbound: string[] = [];
  const swept = new Set<string>();
  const shown = (v: string): string => (v.length > 60 ? `${v.slice(0, 40)}...(${v.length} chars)` : v);
  for (const name of supported) {
    const mine = sigs.filter((s) => s.name === (ALIASES[name] ?? name)).map((s) => ({ ...s, name }));
    if (mine.length === 0) continue;
    swept.add(name);
    const seen = new Set<string>();
    // range() makes up to 2^20 elements of its own: its results are written in JSON only too
    const jsonOnly = name === 'range';
    const add = (label: string, text: string, heavy?: { readonly key: string; readonly huge: boolean }): void => {
      if (seen.has(text) || (heavy !== undefined && seen.has(heavy.key))) return;
      seen.add(text);
      if (heavy) seen.add(heavy.key);
      cases.push({ fn: name, label, text, ...(jsonOnly || heavy?.huge ? { formats: ['json'] as const } : {}) });
    };
    /** The base call of `used` with ordinary values of `fixed`'s types at its positions, or undefined (noted) when none binds. */
    const base = (sig: Sweepable, used: readonly ParameterSignature[], fixed: ReadonlyMap<number, string>, query: (args: readonly Arg[]) => string): Arg[] | undefined => {
      const found = baseFor(name, used, fixed, (args) => binds(query(args)));
      if (!found) unbound.push(`${name}(${[...fixed].map(([at, type]) => `${used[at]!.name}:${type}`).join(', ')})`);
      return found;
    };
    for (const sig of mine) {
      if (sig.parameters.length === 0) {
        if (mode === 'single') add(`${name}()`, queryOf(sig, []));
        continue;
      }
      if (mode === 'pairs') {
        sig.parameters.forEach((pi, i) => {
          sig.parameters.forEach((pj, j) => {
            if (j <= i) return;
            const used = positions(sig, j);
            const [ai, aj] = [used.indexOf(pi), used.indexOf(pj)];
            const names = used.map((p) => p.name);
            for (const ti of pairTypes(pi)) {
              for (const tj of pairTypes(pj)) {
                const args = base(sig, used, new Map([[ai, ti], [aj, tj]]), (a) => queryOf(sig, a.map((x) => x.text)));
                if (!args) continue;
                for (const vi of pairExtremes(ti, pi.literal)) {
                  for (const vj of pairExtremes(tj, pj.literal)) {
                    const slow = HEAVY.has(vi) || HEAVY.has(vj);
                    if (light && slow) continue;
                    const texts = args.map((a) => a.text);
                    texts[ai] = vi;
                    texts[aj] = vj;
                    const label = `${name}(${names.map((n, k) => (k === ai ? `${n}=${shown(vi)}` : k === aj ? `${n}=${shown(vj)}` : n)).join(', ')})`;
                    // a slow pair once per function, positions and values, not again in each overload
                    const heavy = slow ? { key: `${pi.name}:${ti}=${vi}|${pj.name}:${tj}=${vj}`, huge: vi === HUGE_ARRAY || vj === HUGE_ARRAY } : undefined;
                    add(label, queryOf(sig, texts), heavy);
                  }
                }
              }
            }
          });
        });
        continue;
      }
      sig.parameters.forEach((target, i) => {
        // a column cannot stand where a constant is required: the binder refuses it
        if (mode === 'columns' && target.constant) return;
        const used = positions(sig, i);
        const at = used.indexOf(target);
        const names = used.map((p) => p.name);
        for (const type of sweptTypes(target)) {
          if (mode === 'single') {
            const args = base(sig, used, new Map([[at, type]]), (a) => queryOf(sig, a.map((x) => x.text)));
            if (!args) continue;
            const texts = args.map((a) => a.text);
            add(`${name}(${names.join(', ')})`, queryOf(sig, texts));
            for (const v of extremes(type, target.literal, target.types.length > 4)) {
              const slow = HEAVY.has(v);
              if (light && slow) continue;
              const withV = texts.slice();
              withV[at] = v;
              // a slow value once per function, parameter and type, not again in each overload
              const heavy = slow ? { key: `${target.name}:${type}=${v}`, huge: v === HUGE_ARRAY } : undefined;
              add(`${name}(${names.map((n, k) => (k === at ? `${n}=${shown(v)}` : n)).join(', ')})`, queryOf(sig, withV), heavy);
            }
            continue;
          }
          // columns: the base must bind with the ordinary value in a column too (the extreme's own case)
          const args = base(sig, used, new Map([[at, type]]), (a) => columnQuery(sig, used, a, at, a[at]!.text, false));
          if (!args) continue;
          // the others as columns too where that still binds (ordinary values, a null beside an extreme)
          const allColumns = used.some((p, k) => k !== at && !p.constant) && binds(columnQuery(sig, used, args, at, args[at]!.text, true));
          // (a null extreme is left out: row 3 holds the type's null already; the 1,000,000-element
          // array, two rows of it a second or more a case, is the 100,000 one of the pairs mode)
          const values = extremes(type, target.literal, target.types.length > 4).filter((x) => x !== NULL_OF[type] && !x.endsWith('(null)') && !x.endsWith('(null))'));
          for (const v of values.map((x) => (x === HUGE_ARRAY ? BIG_ARRAY : x))) {
            const slow = HEAVY.has(v);
            if (light && slow) continue;
            const heavy = slow ? { key: `${target.name}:${type}=${v}`, huge: v === HUGE_ARRAY } : undefined;
            const label = `${name}(${names.map((n, k) => (k === at ? `${n}=column(${shown(v)})` : n)).join(', ')})`;
            add(label, columnQuery(sig, used, args, at, v, false), heavy);
            if (allColumns && !slow && pairExtremes(type, false).includes(v)) add(`${label} [all columns]`, columnQuery(sig, used, args, at, v, true));
          }
        }
      });
    }
  }
  return { cases, unswept: supported.filter((n) => !swept.has(n)), unbound };
}

/**
 * Ordinary arguments for `used` with an ordinary value of the type `fixed` gives at each of its
 * positions, that bind: the others at their first type, or at a fixed one where they take it
 * (Kusto's common-type parameters), or at timespan beside a datetime (range, bin and bin_at's
 * steps).
 */
function baseFor(fn: string, used: readonly ParameterSignature[], fixed: ReadonlyMap<number, string>, binds: (args: Arg[]) => boolean): Arg[] | undefined {
  const options = used.map((p, j): Arg[] => {
    const mine = fixed.get(j);
    if (mine !== undefined) return [{ text: ordinary(fn, p, mine), type: mine }];
    const first = p.types[0] ?? 'long';
    const list = [first];
    for (const type of fixed.values()) {
      if (p.types.includes(type) && type !== first) list.unshift(type);
      if (type === 'datetime' && p.types.includes('timespan')) list.push('timespan');
      if (type === 'datetime' && p.types.includes('long')) list.push('long');
    }
    return [...new Set(list)].map((t) => ({ text: ordinary(fn, p, t), type: t }));
  });
  // The candidates in order, at most 16 (the options' product is small for every catalog signature).
  let candidates: Arg[][] = [[]];
  for (const opts of options) candidates = candidates.flatMap((c) => opts.map((o) => [...c, o])).slice(0, 16);
  return candidates.find(binds);
}

/** Runs the cases one at a time in the runner's child. */
export async function runSweep(
  cases: readonly SweepCase[],
  runner: FuzzRunner,
  onFailure?: (f: SweepFailure) => void,
  onCase?: (c: SweepCase, outcome: Outcome, done: number) => void,
): Promise<SweepResult> {
  const counts = emptyCounts();
  const failures: SweepFailure[] = [];
  let slowest: SweepResult['slowest'];
  let maxRss = 0;
  let tried = 0;
  for (const c of cases) {
    const outcome = await runner.run({ kind: 'kql', text: c.text, ...(c.formats ? { formats: c.formats } : {}) });
    tried++;
    counts[outcome.kind]++;
    if ((outcome.ms ?? 0) > (slowest?.ms ?? -1)) slowest = { label: c.label, ms: outcome.ms ?? 0 };
    maxRss = Math.max(maxRss, outcome.rss ?? 0);
    if (FAILURES.has(outcome.kind)) {
      const f = { sweepCase: c, outcome };
      failures.push(f);
      onFailure?.(f);
    }
    onCase?.(c, outcome, tried);
  }
  return { tried, counts, failures, slowest, maxRss };
}

/** One line per failure, with the query. */
export function describeSweepFailure(f: SweepFailure): string {
  return `${f.outcome.kind}: ${f.sweepCase.label}: ${(f.outcome.message ?? '').split('\n').slice(0, 3).join(' | ')}\n  query: ${f.sweepCase.text.slice(0, 400)}`;
}

/** The modes `--mode` names (a comma-separated list, or `all`), in the order they run. */
export function parseSweepModes(text: string | undefined): SweepMode[] {
  if (text === undefined) return ['single'];
  const names = text.split(',').map((m) => m.trim()).filter(Boolean);
  if (names.includes('all')) return [...SWEEP_MODES];
  for (const m of names) if (!(SWEEP_MODES as readonly string[]).includes(m)) throw new Error(`--mode must be ${SWEEP_MODES.join(', ')} or all (a comma-separated list), got ${m}`);
  return SWEEP_MODES.filter((m) => names.includes(m));
}

/**
 * `npm run fuzz -- --sweep [--mode single,pairs,columns|all] [--functions f,g]`: runs the sweep's
 * modes one after the other, prints failures and a summary of each; the exit code.
 */
export async function sweepCommand(functions: string | undefined, outDir: string, modes: readonly SweepMode[] = ['single']): Promise<number> {
  const only = functions ? new Set(functions.split(',').map((f) => f.trim()).filter(Boolean)) : undefined;
  // A legitimate case takes well under a second; 20 s is a hang.
  const runner = new FuzzRunner({ timeoutMs: 20_000 });
  let saved = 0;
  const save = (f: SweepFailure): void => {
    const file = writeFinding(outDir, `sweep-${f.sweepCase.fn}-${saved++}.json`, f);
    console.log(`FAILURE -> ${file}\n${describeSweepFailure(f)}`);
  };
  const summaries: string[] = [];
  try {
    for (const mode of modes) {
      const started = Date.now();
      const plan = sweepPlan({ mode, ...(only ? { only } : {}) });
      console.log(`sweep (${mode}): ${plan.cases.length} cases over ${new Set(plan.cases.map((c) => c.fn)).size} functions (planned in ${Math.round((Date.now() - started) / 1000)} s)`);
      if (plan.unswept.length > 0) console.log(`no catalog signature (not swept): ${plan.unswept.join(' ')}`);
      if (plan.unbound.length > 0) console.log(`positions no ordinary call binds for (unsupported overloads): ${plan.unbound.join(' ')}`);
      let last = Date.now();
      const r = await runSweep(plan.cases, runner, save, (c, outcome, done) => {
        if (process.env.SWEEP_LOG) appendFileSync(process.env.SWEEP_LOG, `${mode}\t${Math.round(outcome.ms ?? 0)}\t${outcome.kind}\t${c.label}\t${(outcome.message ?? '').slice(0, 200).replace(/\s+/g, ' ')}\n`);
        if (Date.now() - last < 15_000) return;
        last = Date.now();
        console.log(`${Math.round((last - started) / 1000)} s: ${done}/${plan.cases.length} (${plan.cases[done - 1]!.fn})`);
      });
      const summary =
        `${mode}: ${r.tried} cases in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(r.counts)}; ` +
        `slowest ${Math.round(r.slowest?.ms ?? 0)} ms (${r.slowest?.label}); peak child RSS ${Math.round(r.maxRss / 2 ** 20)} MiB; ${r.failures.length} failure(s)`;
      console.log(`done: ${summary}`);
      summaries.push(summary);
    }
    if (summaries.length > 1) console.log(`all modes:\n  ${summaries.join('\n  ')}`);
    return saved > 0 ? 1 : 0;
  } finally {
    runner.stop();
  }
}
