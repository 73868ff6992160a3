/**
 * `parse` (parse-operator doc): the pattern becomes one regular expression; each extended column
 * is an expression that runs it and converts its capture group.
 *
 * What the doc leaves open, and our choice (docs/kql.md):
 * - simple/relaxed: delimiters are literal text; a column ends at the first occurrence of the
 *   next delimiter (lazy), a trailing column takes the rest of the string; the match starts at
 *   the beginning of the string (a pattern may start with a column).
 * - regex: delimiters are RE2 regexes; columns and `*` are greedy, as the doc's example output
 *   shows (its flags example makes them lazy with `U`).
 * - typed columns: long/int match `-?digits`, real a decimal number, other types any text that
 *   must then convert; in simple and regex kinds a failed match or conversion leaves every
 *   extended column null; in relaxed a number column that finds no number matches any text, and
 *   only the column that did not convert is null.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import { bindCall, type CallOrigin } from '../functions/call-origin.ts';
import type { ParseColumn, ParseSpec } from '../functions/parse-pattern.ts';
import type { Expr } from '../plan/expr.ts';
import type { Plan } from '../plan/plan.ts';
import type { ScalarType, Schema } from '../types.ts';
import { className, type BridgeObject } from './bridge.ts';
import { lowerExpr, nameText, spanOf } from './lower-expr.ts';
import { internal } from './lower-operators.ts';
import type { Lowerer } from './lowerer.ts';
import { scalarTypeName } from './types.ts';

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&');
}

/**
 * A column's group. Every kind's pattern is a Kusto regex (run in linear time, whatever the
 * text); simple and relaxed number columns take ASCII digits ([0-9]), regex ones `\d` (Unicode
 * digits, as the Kusto regex page defines \d).
 */
function groupFor(type: ScalarType, greedy: boolean): string {
  const d = greedy ? '\\d' : '[0-9]';
  if (type === 'long' || type === 'int') return `(-?${d}+)`;
  if (type === 'real') return `(-?${d}+(?:\\.${d}+)?(?:[eE][+-]?${d}+)?)`;
  return greedy ? '(.*)' : '(.*?)';
}

/**
 * `parse` and `parse-where` (parse-where-operator doc: the same parsing, keeping only the rows
 * whose string parsed, i.e. matched and converted).
 */
export function lowerParse(
  lw: Lowerer,
  op: BridgeObject,
  input: Plan,
  schema: Schema,
  parameter: (name: string) => string | undefined,
  keepOnlyParsed = false,
): Plan {
  const span = spanOf(op);
  const kind = (parameter('kind') ?? 'simple').toLowerCase();
  if (kind !== 'simple' && kind !== 'regex' && kind !== 'relaxed') throw new UnsupportedError(`parse kind=${kind}`, span);
  const flags = parameter('flags');
  if (flags && kind !== 'regex') throw new KqlError('binding', 'parse flags= needs kind=regex', span);
  const source = lowerExpr(lw, op.Expression, input.schema);
  const patterns: BridgeObject[] = [];
  for (let i = 0; i < op.Patterns.Count; i++) patterns.push(op.Patterns.getItem(i));
  const greedy = kind === 'regex';
  let regex = '';
  const columns: ParseColumn[] = [];
  let groups = 0;
  patterns.forEach((p, i) => {
    const cls = className(p);
    if (cls === 'StarExpression') regex += greedy ? '.*' : '.*?';
    else if (cls === 'LiteralExpression' || cls === 'CompoundStringLiteralExpression') {
      const text = String(p.LiteralValue ?? '');
      if (kind === 'regex') {
        // The delimiter's own capture groups come before the next column's group.
        regex += `(?:${text})`;
        groups += captureGroupCount(text);
      } else regex += escapeLiteral(text);
    } else if (cls === 'NameDeclaration' || cls === 'NameAndTypeDeclaration') {
      const name = nameText(cls === 'NameDeclaration' ? p : p.Name);
      const typeText = cls === 'NameAndTypeDeclaration' ? String(p.Type.ToString()).trim() : 'string';
      const type = scalarTypeName(typeText);
      if (!type) throw new UnsupportedError(`parse into type ${typeText}`, spanOf(p));
      const last = i === patterns.length - 1;
      // relaxed: a number column that does not find a number takes any text (then null) so the
      // rest still parses (parse-operator doc's relaxed example: totalSlices=nonValidLongValue
      // leaves totalSlices null and still fills sliceNumber, lockTime...).
      if (type === 'string') regex += last ? '(.*)' : groupFor(type, greedy);
      else if (kind === 'relaxed' && (type === 'long' || type === 'int' || type === 'real')) {
        regex += `(${groupFor(type, greedy).slice(1, -1)}|${last ? '.*' : '.*?'})`;
      } else if (last && type !== 'long' && type !== 'int' && type !== 'real') {
        // A trailing datetime/timespan/... column takes the rest, like a string column (a lazy
        // group there would capture nothing and fail to convert).
        regex += '(.*)';
      } else regex += groupFor(type, greedy);
      groups++;
      columns.push({ name, type, group: groups });
    } else {
      throw new UnsupportedError(`the parse pattern element ${String(p.ToString()).trim()}`, spanOf(p));
    }
  });
  const spec: ParseSpec = { kind, regex, ...(flags ? { flags } : {}), columns, sourceType: source.type };
  // Made even for a plain parse: an invalid pattern fails here, whatever the columns.
  const test: CallOrigin = { by: 'parse', spec, column: null };
  const testFn = bindCall(test);
  const byName = new Map<string, Expr>();
  columns.forEach((c, ci) => {
    const origin: CallOrigin = { by: 'parse', spec, column: ci };
    byName.set(c.name, { k: 'call', name: `parse:${c.name}`, args: [source], type: c.type, fn: bindCall(origin), origin, span });
  });
  const from: Plan = keepOnlyParsed
    ? {
        op: 'where',
        input,
        predicate: { k: 'call', name: 'parse-where', args: [source], type: 'bool', fn: testFn, origin: test, span },
        schema: input.schema,
      }
    : input;
  const exprs: Expr[] = schema.map((c) => {
    const e = byName.get(c.name);
    if (e) return e;
    const index = input.schema.findIndex((ic) => ic.name === c.name);
    if (index < 0) throw internal('parse', -1, schema);
    return { k: 'col', index, type: c.type, name: c.name };
  });
  return { op: 'project', input: from, exprs, schema };
}

/**
 * The capture groups of a regex delimiter: `(` not escaped, not in a character class, and not
 * `(?:`, `(?=`, `(?i)`..., except the named forms `(?P<n>` and `(?<n>` (the parse-operator
 * regex example's delimiters hold `(.*?)` and `(previous)?`).
 */
export function captureGroupCount(re: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (c !== '(') continue;
    if (re[i + 1] !== '?') n++;
    else if (re.startsWith('?P<', i + 1) || (re[i + 2] === '<' && re[i + 3] !== '=' && re[i + 3] !== '!')) n++;
  }
  return n;
}
