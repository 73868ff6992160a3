/**
 * Pushed-down predicates (src/kql/scan.ts) turned into two cheap checks:
 *
 *  textMayMatch(recordText)  before JSON.parse: a byte/string search in the record's raw text.
 *  rowMayMatch(columns, i)   after mapping, on the row's real column values.
 *
 * Both are PRE-filters: they may keep a row the query later drops, never the reverse.
 * Why the text check is safe (see docs/cloudtrail.md "Pushdown"):
 *  - A term's letters/digits appear literally in the raw JSON text of any value containing
 *    them, unless the text spells characters as \uXXXX escapes: records containing `\u`
 *    are never skipped by text.
 *  - JSON columns are re-encoded with `\u0026`-style escapes, which create terms such as
 *    "u0026isauthcode" that are not in the raw text: needles drop any leading u/hex run
 *    that such an escape could have contributed (for every column: a wrong-typed field is
 *    re-encoded too).
 *  - A wrong-typed number coerced to a string column is re-spelled by JS ("1e2" -> "100"):
 *    records with fraction/exponent/16+-digit number tokens are never skipped by text.
 *  - Case-insensitive search is done on ASCII only; a record with non-ASCII text is kept
 *    (Unicode case folding could match letters we cannot see bytewise).
 *  - TimeGenerated is read from `"eventTime":"..."` only when the text holds exactly one
 *    `eventTime`: if that one is not the top-level field, the row's TimeGenerated is null and
 *    fails any time range anyway.
 * The row check is exact for timeRange, `in` and negated `has` (the engine's term matcher);
 * for `has` it only tests that every letter/digit run of the term occurs in the value
 * (necessary for a term match). Negated `has` has no text check: the term may be anywhere.
 */
import type { ScanPredicate } from '../kql/scan.ts';
import type { Value } from '../kql/types.ts';
import { AWS_CLOUDTRAIL_SCHEMA, COLUMN_INDEX } from './schema.ts';
import { CONSTANT_COLUMNS, constantValue, type MappingOptions } from './mapping.ts';
import { isoToTicks } from './time.ts';
import { termMatcher } from '../kql/functions/terms.ts';
import { MAX_NEEDLES, type ByteFilter } from './byte-scan.ts';

interface Needle {
  readonly text: string; // lower-cased when !caseSensitive
  readonly caseSensitive: boolean;
  /** ASCII case-insensitive search without lower-casing the whole record (needles are [A-Za-z0-9]+). */
  readonly re: RegExp;
}

/** A disjunction of needle conjunctions: the text may match if one group's needles all occur. */
type NeedleGroups = Needle[][];

export interface CompiledFilter {
  readonly hasPredicates: boolean;
  /** True when a predicate on a constant column can never hold: the scan yields nothing. */
  readonly impossible: boolean;
  /** Columns the row check reads (they must be mapped even if the query does not ask). */
  readonly columns: ReadonlySet<string>;
  /** Columns valuesMayMatch reads (the checks run before a row is mapped). */
  readonly earlyColumns: ReadonlySet<string>;
  /**
   * valuesMayMatch keeps only rows with given values (a positive `in` or `has`) or times (a time
   * range), so it likely rules out most records; a negated `has` alone keeps most.
   */
  readonly selective: boolean;
  /** `ascii`: the caller already knows whether the text is pure ASCII. */
  textMayMatch(text: string, ascii?: boolean): boolean;
  /** Items this rules out are items textMayMatch rules out (see byteFilterFor); null = none. */
  readonly byteFilter: ByteFilter | null;
  /** `checkedEarly`: valuesMayMatch already passed for this row; only the other checks run. */
  rowMayMatch(columns: Value[][], row: number, checkedEarly?: boolean): boolean;
  /**
   * The checks on string columns (`has`, `in`), before the row is mapped: `valueOf(column)` gives
   * the value mapping would put in that column. A record they rule out need not be mapped at all
   * (the seed rule: half of the records holding its needle are ruled out by a negated `has`).
   * Time ranges are left to rowMayMatch: the text check has mostly decided them already.
   */
  valuesMayMatch(valueOf: (column: number) => Value): boolean;
}

/** One exact check on one column's value; `early`: valuesMayMatch runs it before the row is mapped. */
interface RowCheck {
  readonly column: number;
  readonly test: (v: Value) => boolean;
  readonly early: boolean;
}

const ALNUM_RUN = /[A-Za-z0-9]+/g;
const NON_ASCII = /[^\x00-\x7f]/;
const ESCAPE_LIKE = /^u?[0-9A-Fa-f]{1,4}/;
/** A number token (after `:`, `,` or `[`) with a fraction, an exponent, or 16+ digits. */
const RESPELLED_NUMBER = /[:,[]\s*-?\d+(?:\.\d|[eE])|[:,[]\s*-?\d{16}/;
/**
 * Every character JS may write when it re-spells a JSON number (`String(n)`: digits, `.`, `e`,
 * `+`, `-`, `Infinity`). A needle with a letter/digit outside this set can never be created by
 * re-spelling (the number token is delimited by non-alphanumerics on both sides), so records
 * need not be kept for their number spellings when every needle has one.
 */
const NUMBER_ALPHABET = /^[0-9efinty]*$/i;

function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

/** Needles that must all occur in the raw text of a value containing `s`; null = no safe needle. */
function needlesFor(s: string, caseSensitive: boolean): Needle[] | null {
  if (!isAscii(s)) return null;
  const out: Needle[] = [];
  for (const m of s.matchAll(ALNUM_RUN)) {
    // any string column may hold re-encoded JSON (nested columns always; others when a field has
    // the wrong type and is coerced), whose \uXXXX escapes can prefix a run with u/hex digits
    const run = m[0].replace(ESCAPE_LIKE, '');
    if (run.length === 0) continue;
    out.push({ text: caseSensitive ? run : run.toLowerCase(), caseSensitive, re: new RegExp(run, 'i') });
  }
  return out;
}

function textHas(text: string, n: Needle): boolean {
  return n.caseSensitive ? text.includes(n.text) : n.re.test(text);
}

function inRange(t: bigint | null, p: Extract<ScanPredicate, { kind: 'timeRange' }>): boolean {
  if (t === null) return false;
  if (p.min !== undefined && (p.minInclusive === false ? t <= p.min : t < p.min)) return false;
  if (p.max !== undefined && (p.maxInclusive === false ? t >= p.max : t > p.max)) return false;
  return true;
}

export function compileFilter(predicates: readonly ScanPredicate[], mapping: MappingOptions): CompiledFilter {
  const textGroups: NeedleGroups[] = [];
  const timeRanges: Extract<ScanPredicate, { kind: 'timeRange' }>[] = [];
  const rowChecks: RowCheck[] = [];
  const columns = new Set<string>();
  let selective = false;
  let impossible = false;
  let needsCaseInsensitive = false;

  for (const p of predicates) {
    const idx = COLUMN_INDEX.get(p.column);
    if (idx === undefined) continue; // not our column: the engine will complain, not us
    const type = AWS_CLOUDTRAIL_SCHEMA[idx]!.type;
    if (p.kind === 'timeRange') {
      if (type !== 'datetime') continue;
      columns.add(p.column);
      // checked before mapping, and selective: a responder's time slice of a trail keeps a
      // fraction of its records, and a scan of every column then reads each record's time
      // first and parses only those in range (check-first.ts): 1M records, 682 in range, 8.0 s
      // on one thread before, 3.1 s now; a range that keeps every record costs no more
      rowChecks.push({ column: idx, test: (v) => inRange(v as bigint | null, p), early: true });
      selective = true;
      if (p.column === 'TimeGenerated') timeRanges.push(p);
      continue;
    }
    if (type !== 'string') continue;
    if (p.kind === 'in') {
      const ci = p.caseInsensitive;
      if (CONSTANT_COLUMNS.has(p.column)) {
        const v = constantValue(p.column, mapping);
        if (!p.values.some((x) => equalsMaybe(v, x, ci))) impossible = true;
        continue;
      }
      columns.add(p.column);
      selective = true;
      rowChecks.push({ column: idx, test: inTest(p.values, ci), early: true });
      // a long list (`in (T)` of a constant table) is left to the row check: the text check
      // would search every record for every value
      if (p.values.length > MAX_TEXT_IN_VALUES) continue;
      const groups: NeedleGroups = [];
      let unsafe = false;
      for (const x of p.values) {
        const ns = needlesFor(x, !ci);
        if (ns === null || ns.length === 0) {
          unsafe = true; // e.g. "" or "-": nothing to look for, keep everything
          break;
        }
        groups.push(ns);
      }
      if (!unsafe && groups.length > 0) {
        textGroups.push(groups);
        if (ci) needsCaseInsensitive = true;
      }
      continue;
    }
    // has
    if (p.negated) {
      // Exact, not a pre-filter: the engine's own term matcher, so a row dropped here is one the
      // query's where drops too (the seed rule: half of the records holding its needle are the
      // service's `health.amazonaws.com` companions).
      const m = termMatcher(p.term, p.caseSensitive);
      if (CONSTANT_COLUMNS.has(p.column)) {
        if (m(constantValue(p.column, mapping))) impossible = true;
        continue;
      }
      columns.add(p.column);
      rowChecks.push({ column: idx, test: (v) => !m(v as string), early: true });
      continue;
    }
    const ns = needlesFor(p.term, p.caseSensitive);
    if (CONSTANT_COLUMNS.has(p.column)) {
      const v = constantValue(p.column, mapping);
      if (ns !== null && !ns.every((n) => (n.caseSensitive ? v : v.toLowerCase()).includes(n.text)) && isAscii(v)) impossible = true;
      continue;
    }
    if (ns === null || ns.length === 0) continue;
    columns.add(p.column);
    selective = true;
    rowChecks.push({ column: idx, test: (value) => {
      const v = value as string;
      if (!p.caseSensitive && !isAscii(v)) return true;
      const hay = p.caseSensitive ? v : v.toLowerCase();
      return ns.every((n) => hay.includes(n.text));
    }, early: true });
    textGroups.push([ns]);
    if (!p.caseSensitive) needsCaseInsensitive = true;
  }

  const hasPredicates = rowChecks.length > 0 || impossible;
  const earlyColumns = new Set(rowChecks.flatMap((c) => (c.early ? [AWS_CLOUDTRAIL_SCHEMA[c.column]!.name] : [])));
  let ciNeedles = 0;
  for (const groups of textGroups) for (const g of groups) for (const n of g) if (!n.caseSensitive) ciNeedles++;
  const numbersMatter = textGroups.some((groups) => groups.some((g) => g.some((n) => NUMBER_ALPHABET.test(n.text))));

  function textMayMatch(text: string, ascii?: boolean): boolean {
    if (textGroups.length === 0 && timeRanges.length === 0) return true;
    if (text.includes('\\u')) return true;
    if (timeRanges.length > 0) {
      const t = eventTimeFromText(text);
      if (t !== undefined) {
        for (const p of timeRanges) if (!inRange(t, p)) return false;
      }
    }
    if (textGroups.length === 0) return true;
    // a JSON number spelled with a fraction/exponent or beyond double precision is re-spelled if
    // coerced into a string column ("1e2" -> "100"): such records are not skipped by text
    if (numbersMatter && RESPELLED_NUMBER.test(text)) return true;
    if (needsCaseInsensitive && !(ascii ?? isAscii(text))) {
      // only case-sensitive needles may be used on this text
      return textGroups.every((groups) =>
        groups.some((g) => g.every((n) => !n.caseSensitive || text.includes(n.text))),
      );
    }
    if (ciNeedles <= 2) return textGroups.every((groups) => groups.some((g) => g.every((n) => textHas(text, n))));
    // Many case-insensitive needles (an `in~` list): one lower-cased copy and a plain search each,
    // not a case-insensitive regex scan of the whole record each. Lower-casing maps every ASCII
    // letter to its lower case one for one, so it finds every match the regex finds (and
    // perhaps more: the Kelvin sign becomes "k"; a pre-filter may keep extra records).
    const lower = text.toLowerCase();
    return textGroups.every((groups) => groups.some((g) => g.every((n) => (n.caseSensitive ? text : lower).includes(n.text))));
  }

  function rowMayMatch(cols: Value[][], row: number, checkedEarly = false): boolean {
    for (const check of rowChecks) if (!(checkedEarly && check.early) && !check.test(cols[check.column]![row]!)) return false;
    return true;
  }

  function valuesMayMatch(valueOf: (column: number) => Value): boolean {
    for (const check of rowChecks) if (check.early && !check.test(valueOf(check.column))) return false;
    return true;
  }

  const byteFilter = numbersMatter ? null : byteFilterFor(textGroups);
  return { hasPredicates, impossible, columns, earlyColumns, selective, textMayMatch, rowMayMatch, valuesMayMatch, byteFilter };
}

/**
 * What the byte scanner may rule out without decoding. textMayMatch keeps a text only if, for
 * EVERY predicate, one of its alternatives has all its needles; so one predicate, one needle per
 * alternative (the longest) gives a necessary condition: some picked needle occurs. The scanner
 * also keeps every item holding `\u` (textMayMatch keeps those), and, when the picked needles are
 * case-insensitive, every item with a non-ASCII byte (textMayMatch does not decide those with
 * case-insensitive needles; case-sensitive needles it still tests, and ASCII bytes are the same
 * characters in UTF-8 and in the decoded text). Not used when numbers matter: the re-spelled
 * number test keeps texts for reasons no needle search can see.
 */
function byteFilterFor(textGroups: readonly NeedleGroups[]): ByteFilter | null {
  let best: Needle[] | null = null;
  const shortest = (ns: Needle[]) => Math.min(...ns.map((n) => n.text.length));
  for (const groups of textGroups) {
    if (groups.length > MAX_NEEDLES) continue;
    const picks: Needle[] = [];
    for (const g of groups) {
      const useful = g.filter((n) => !inNearlyEveryRecord(n));
      if (useful.length > 0) picks.push(useful.reduce((a, b) => (b.text.length > a.text.length ? b : a)));
    }
    // an alternative whose every needle is in nearly every record rules out almost nothing: nor does its predicate
    if (picks.length < groups.length) continue;
    if (best === null || picks.length < best.length || (picks.length === best.length && shortest(picks) > shortest(best))) best = picks;
  }
  if (best === null) return null;
  return {
    needles: best.map((n) => ({ text: n.text, caseSensitive: n.caseSensitive })),
    nonAscii: best.some((n) => !n.caseSensitive),
    all: false,
  };
}

/**
 * Text (nearly) every CloudTrail record holds: its keys, `<service>.amazonaws.com` as its
 * eventSource, and an IAM or STS ARN as its identity. A needle found in it (`amazonaws`, `com`,
 * `event`, `iam`, `sts`; `aws` ignoring case, from awsRegion) is in (nearly) every record's bytes,
 * so a byte filter on it rules out (almost) nothing and decodes every record: `EventSource in
 * ("iam.amazonaws.com", ...)` picked "amazonaws". Such a predicate gives no byte filter; the scan's
 * others may, or its checks are read first (check-first.ts). Only the choice of filter depends on
 * this list, never which rows are kept.
 */
const COMMON_TEXT = '"eventVersion" "userIdentity" "eventTime" "eventSource" "eventName" "awsRegion" "sourceIPAddress" "userAgent" "requestParameters" "responseElements" "requestID" "eventID" "eventType" "recipientAccountId" ".amazonaws.com" "arn:aws:iam::" "arn:aws:sts::"';
const COMMON_TEXT_LOWER = COMMON_TEXT.toLowerCase();

function inNearlyEveryRecord(n: Needle): boolean {
  return n.caseSensitive ? COMMON_TEXT.includes(n.text) : COMMON_TEXT_LOWER.includes(n.text);
}

/** Most values of an `in` the text check searches a record's text for. */
const MAX_TEXT_IN_VALUES = 64;

/**
 * The exact check of `in`/`in~` on a value: one lookup whatever the list's length. In~ decides
 * on ASCII only (equalsMaybe), so a non-ASCII value or list entry may match.
 */
function inTest(values: readonly string[], ci: boolean): (v: Value) => boolean {
  if (!ci) {
    const set = new Set(values);
    return (v) => set.has(v as string);
  }
  if (!values.every(isAscii)) return () => true;
  const lower = new Set(values.map((x) => x.toLowerCase()));
  return (v) => typeof v === 'string' && (!isAscii(v) || lower.has(v.toLowerCase()));
}

/** Equality for `in`/`in~`; case-insensitive only decides on ASCII text (else: may match). */
function equalsMaybe(a: string, b: string, ci: boolean): boolean {
  if (!ci) return a === b;
  if (!isAscii(a) || !isAscii(b)) return true;
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The record's eventTime read from its text without parsing: a time (or null for
 * unparseable), or undefined when the text does not decide it.
 */
export function eventTimeFromText(text: string): bigint | null | undefined {
  const first = text.indexOf('eventTime');
  // absent: the item may be another shape (Sentinel row, OCSF, Lake row) that has its own time
  if (first < 0 || text.includes('TimeGenerated') || text.includes('class_uid')) return undefined;
  if (text.indexOf('eventTime', first + 9) >= 0) return undefined;
  const m = /^"\s*:\s*"([^"\\]*)"/.exec(text.slice(first + 9, first + 9 + 64));
  if (m === null || text.charCodeAt(first - 1) !== 0x22) return undefined;
  return isoToTicks(m[1]!);
}
