/**
 * Which parts of a `where` chain directly over a table scan can be handed to the reader as a
 * pre-filter. Only conjuncts whose meaning the reader reproduces exactly are pushed; the where
 * still runs afterwards, so a reader may let extra rows through but never loses one.
 */
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { ScanPredicate } from '../scan.ts';
import type { Schema } from '../types.ts';
import { asciiLower, isAsciiAlnum } from '../functions/terms.ts';
import { commonPredicates } from './common-predicates.ts';
import type { RunContext } from './context.ts';
import { evalScalar } from './eval.ts';

/** The operands of a tree of `kind` (and, or), left to right; a loop: `a or b or ...` is as deep as it is long. */
function operands(e: Expr, kind: 'and' | 'or'): Expr[] {
  const out: Expr[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.k === kind) stack.push(x.args[1], x.args[0]);
    else out.push(x);
  }
  return out;
}

/**
 * Ors nested in ands nested in ors... deeper than this push nothing of theirs (a pre-filter only
 * narrows the read; the query's own where still decides).
 */
const MAX_OR_DEPTH = 3;

/**
 * What every disjunct of an `or` implies (common-predicates.ts), e.g. `EventName == "A" and X or
 * EventName in ("B", "C")` reads only rows whose EventName is one of A, B, C.
 */
function orPredicates(e: Expr, schema: Schema, ctx: RunContext | undefined, depth: number): ScanPredicate[] {
  if (depth >= MAX_OR_DEPTH) return [];
  const lists: ScanPredicate[][] = [];
  for (const d of operands(e, 'or')) {
    const list = conjunctPredicates(d, schema, ctx, depth + 1);
    // a disjunct with nothing pushable may hold for any row: so may the or
    if (list.length === 0) return [];
    lists.push(list);
  }
  return commonPredicates(lists);
}

/** Pushable predicates of the conjuncts of `e`. */
function conjunctPredicates(e: Expr, schema: Schema, ctx: RunContext | undefined, depth: number): ScanPredicate[] {
  const out: ScanPredicate[] = [];
  for (const c of operands(e, 'and')) {
    if (c.k === 'or') out.push(...orPredicates(c, schema, ctx, depth));
    else {
      const p = pushable(c, schema, ctx);
      if (p) out.push(p);
      else out.push(...impliedTerms(c, schema));
    }
  }
  return out;
}

/**
 * Which ends of the needle are term boundaries in the value, per operator: `startswith` puts the
 * needle's start at the value's start, `hasprefix` at a term boundary; `endswith` and `hassuffix`
 * its end likewise; `contains` neither.
 */
const ANCHORS: Record<string, { start: boolean; end: boolean }> = {
  startswith: { start: true, end: false },
  startswith_cs: { start: true, end: false },
  endswith: { start: false, end: true },
  endswith_cs: { start: false, end: true },
  hasprefix: { start: true, end: false },
  hasprefix_cs: { start: true, end: false },
  hassuffix: { start: false, end: true },
  hassuffix_cs: { start: false, end: true },
  contains: { start: false, end: false },
  contains_cs: { start: false, end: false },
};

/**
 * `has` pre-filters implied by a substring test of a constant needle: a run of letters and digits
 * inside the needle whose both ends are term boundaries there (a delimiter next to it in the
 * needle, or an anchored end) is a whole term of every value that passes, e.g. `UserAgent
 * startswith "aws-cli"` implies `UserAgent has "aws"` (terms.ts: a term is a maximal run of ASCII
 * letters and digits; case-insensitive forms fold ASCII only, which leaves delimiters alone).
 * Pushed case-insensitively, which every case-sensitive match also passes. Terms of 3 or more
 * characters, the 2 longest.
 */
function impliedTerms(e: Expr, schema: Schema): ScanPredicate[] {
  if (e.k !== 'call' || e.args.length !== 2) return [];
  const anchors = ANCHORS[e.name];
  const column = anchors && stringColumn(e.args[0]!, schema);
  const needle = e.args[1]!;
  if (!anchors || !column || needle.k !== 'lit' || typeof needle.value !== 'string') return [];
  const text = needle.value;
  const terms: string[] = [];
  for (let i = 0; i < text.length; ) {
    if (!isAsciiAlnum(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    while (j < text.length && isAsciiAlnum(text.charCodeAt(j))) j++;
    if ((i > 0 || anchors.start) && (j < text.length || anchors.end) && j - i >= MIN_IMPLIED_TERM) terms.push(asciiLower(text.slice(i, j)));
    i = j;
  }
  // the longest are the most selective; each is one more check of a record's text
  return terms
    .sort((a, b) => b.length - a.length)
    .slice(0, MAX_IMPLIED_TERMS)
    .map((term) => ({ kind: 'has', column, term, caseSensitive: false, negated: false }));
}

/** Shorter terms filter too little to be worth a check; at most this many terms a needle. */
const MIN_IMPLIED_TERM = 3;
const MAX_IMPLIED_TERMS = 2;

/** True when the expression does not depend on the row (constants, lets, now(), ago()). */
export function isRowIndependent(e: Expr): boolean {
  switch (e.k) {
    case 'lit':
      return true;
    case 'col':
    case 'ingestionTime':
      return false;
    case 'call':
    case 'and':
    case 'or':
      return e.args.every(isRowIndependent);
    case 'scalarQuery':
    case 'columnList':
      return false;
  }
}

function stringColumn(e: Expr, schema: Schema): string | undefined {
  return e.k === 'col' && schema[e.index]?.type === 'string' ? schema[e.index]!.name : undefined;
}

/** The strings of constant arguments (dynamic arrays of strings flattened); undefined if any is not one. */
export function stringLiterals(args: readonly Expr[]): string[] | undefined {
  const out: string[] = [];
  for (const a of args) {
    if (a.k !== 'lit') return undefined;
    if (typeof a.value === 'string') out.push(a.value);
    else if (Array.isArray(a.value) && a.value.every((x) => typeof x === 'string')) out.push(...(a.value as string[]));
    else return undefined;
  }
  return out;
}

/**
 * Most values an `in (T)` over a constant table pushes (a Tor exit list has ~1,500): each reader
 * says the list its own way (a ClickHouse pre-filter spells it out in SQL, whose text has a size limit).
 */
export const MAX_TABLE_IN_VALUES = 4096;

/**
 * The strings of `in (T)`'s list when T is a table known before the run: a `datatable`, or an
 * `externaldata` already read (external/bind.ts makes it a values node). The list is T's first
 * column (in-cs-operator doc: "If a tabular expression has multiple columns, the first column is
 * used"); a null in it equals no value, so it is left out. Undefined for any other operand, a
 * non-string column, or a list past MAX_TABLE_IN_VALUES.
 */
function constantTableValues(args: readonly Expr[]): string[] | undefined {
  const a = args[0];
  if (args.length !== 1 || a?.k !== 'columnList' || a.plan.op !== 'values' || a.plan.schema[0]?.type !== 'string') return undefined;
  if (a.plan.rows.length > MAX_TABLE_IN_VALUES) return undefined;
  const out: string[] = [];
  for (const row of a.plan.rows) if (typeof row[0] === 'string') out.push(row[0]);
  return out;
}

const HAS: Record<string, { caseSensitive: boolean; negated: boolean }> = {
  has: { caseSensitive: false, negated: false },
  has_cs: { caseSensitive: true, negated: false },
  '!has': { caseSensitive: false, negated: true },
  '!has_cs': { caseSensitive: true, negated: true },
};

/** Pushable predicates of one conjunct, with row-independent bounds evaluated for this run. */
function pushable(e: Expr, schema: Schema, ctx: RunContext | undefined, negate = false): ScanPredicate | undefined {
  if (e.k !== 'call') return undefined;
  const has = HAS[e.name];
  if (has && e.args.length === 2) {
    const column = stringColumn(e.args[0]!, schema);
    const term = e.args[1]!;
    if (column && term.k === 'lit' && typeof term.value === 'string') {
      return { kind: 'has', column, term: term.value, caseSensitive: has.caseSensitive, negated: has.negated !== negate };
    }
    return undefined;
  }
  if (e.name === 'not' && e.args.length === 1) return pushable(e.args[0]!, schema, ctx, !negate);
  if (negate) return undefined;
  if (e.name === '==' || e.name === '=~' || e.name === 'in' || e.name === 'in~') {
    const column = stringColumn(e.args[0]!, schema);
    const values = stringLiterals(e.args.slice(1)) ?? constantTableValues(e.args.slice(1));
    if (column && values) return { kind: 'in', column, values, caseInsensitive: e.name.endsWith('~') };
    return undefined;
  }
  if (ctx && ['>', '>=', '<', '<='].includes(e.name) && e.args.length === 2) {
    let [a, b] = e.args as [Expr, Expr];
    let op = e.name;
    if (a.k !== 'col' && b.k === 'col') {
      [a, b] = [b, a];
      op = op.startsWith('>') ? op.replace('>', '<') : op.replace('<', '>');
    }
    if (a.k !== 'col' || schema[a.index]?.type !== 'datetime' || b.type !== 'datetime' || !isRowIndependent(b)) return undefined;
    const bound = evalScalar(b, ctx);
    if (typeof bound !== 'bigint') return undefined;
    const column = schema[a.index]!.name;
    if (op === '>' || op === '>=') return { kind: 'timeRange', column, min: bound, minInclusive: op === '>=' };
    return { kind: 'timeRange', column, max: bound, maxInclusive: op === '<=' };
  }
  if (ctx && e.name === 'between' && e.args.length === 3) return betweenRange(e.args as [Expr, Expr, Expr], schema, ctx);
  return undefined;
}

/**
 * `T between (lo .. hi)` on a datetime column is lo <= T <= hi, both inclusive; a timespan upper
 * bound means lo + hi (learn.microsoft.com/kusto/query/between-operator). Pushed only when both
 * bounds are row-independent and not null (a null bound makes every row's test null: no row).
 */
function betweenRange([x, lo, hi]: [Expr, Expr, Expr], schema: Schema, ctx: RunContext): ScanPredicate | undefined {
  if (x.k !== 'col' || schema[x.index]?.type !== 'datetime' || lo.type !== 'datetime') return undefined;
  if ((hi.type !== 'datetime' && hi.type !== 'timespan') || !isRowIndependent(lo) || !isRowIndependent(hi)) return undefined;
  const min = evalScalar(lo, ctx);
  const upper = evalScalar(hi, ctx);
  if (typeof min !== 'bigint' || typeof upper !== 'bigint') return undefined;
  const max = hi.type === 'timespan' ? min + upper : upper;
  return { kind: 'timeRange', column: schema[x.index]!.name, min, minInclusive: true, max, maxInclusive: true };
}

/** Predicates for the scan under a chain of wheres (time bounds evaluated with this run's now). */
export function scanPredicates(chain: readonly (Plan & { op: 'where' })[], scan: Plan, ctx?: RunContext): ScanPredicate[] {
  const out: ScanPredicate[] = [];
  for (const w of chain) out.push(...conjunctPredicates(w.predicate, scan.schema, ctx, 0));
  return out;
}
