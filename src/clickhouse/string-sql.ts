/**
 * Kusto's string operators as ClickHouse SQL that computes exactly what our executor computes
 * (src/kql/functions/terms.ts), for the strings a ClickHouse table holds: well-formed Unicode as
 * UTF-8 (load.ts refuses anything else).
 *
 * Why each is exact:
 *  - Case-insensitive operators fold ASCII letters only, in Kusto ("Case-insensitive operators
 *    are currently supported only for ASCII-text", learn.microsoft.com/kusto/query/equals-operator)
 *    and in ClickHouse's `lower` ("converts the ASCII Latin symbols in a string to lowercase",
 *    clickhouse.com/docs/sql-reference/functions/string-functions#lower): the bytes of a non-ASCII
 *    character are >= 0x80 and left alone by both.
 *  - UTF-8 is self-synchronising: a needle's bytes occur in a haystack's bytes exactly where its
 *    characters occur in its characters, so byte-wise `position`/`startsWith`/`endsWith`/`=`
 *    decide what the UTF-16 comparisons in terms.ts decide.
 *  - `has`: a term is a maximal run of ASCII letters and digits (learn.microsoft.com/kusto/query/
 *    datatypes-string-operators#what-is-a-term). The needle must occur with a non-alphanumeric (or
 *    the start/end) beside each alphanumeric end. That is a regular expression over ASCII classes
 *    only, with the letters' cases spelled out as [aA] (RE2's (?i) would also fold U+212A KELVIN
 *    SIGN to k, which Kusto does not).
 */
import { asciiLower, isAsciiAlnum, type TermMode } from '../kql/functions/terms.ts';
import { stringSql } from './values.ts';

/** A regex literal character for one ASCII code unit, case-folded when asked. */
function regexChar(c: number, caseInsensitive: boolean): string {
  const ch = String.fromCharCode(c);
  if (caseInsensitive && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return `[${ch.toLowerCase()}${ch.toUpperCase()}]`;
  if (isAsciiAlnum(c)) return ch;
  return `\\x{${c.toString(16)}}`;
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * `hay has needle` (and hasprefix / hassuffix) as SQL, or undefined when not translatable (a
 * non-ASCII needle: exact too in principle, but terms.ts matches it differently; kept local).
 */
export function termSql(hay: string, needle: string, caseSensitive: boolean, mode: TermMode): string | undefined {
  if (!ASCII.test(needle)) return undefined;
  if (needle.length === 0) return '1';
  const left = mode !== 'suffix' && isAsciiAlnum(needle.charCodeAt(0)) ? '(^|[^A-Za-z0-9])' : '';
  const right = mode !== 'prefix' && isAsciiAlnum(needle.charCodeAt(needle.length - 1)) ? '($|[^A-Za-z0-9])' : '';
  let body = '';
  for (let i = 0; i < needle.length; i++) body += regexChar(needle.charCodeAt(i), !caseSensitive);
  return `match(${hay}, ${stringSql(left + body + right)})`;
}

export function containsSql(hay: string, needle: string, caseSensitive: boolean): string {
  return caseSensitive ? `(position(${hay}, ${stringSql(needle)}) > 0)` : `(position(lower(${hay}), ${stringSql(asciiLower(needle))}) > 0)`;
}

export function startsWithSql(hay: string, needle: string, caseSensitive: boolean): string {
  return caseSensitive ? `startsWith(${hay}, ${stringSql(needle)})` : `startsWith(lower(${hay}), ${stringSql(asciiLower(needle))})`;
}

export function endsWithSql(hay: string, needle: string, caseSensitive: boolean): string {
  return caseSensitive ? `endsWith(${hay}, ${stringSql(needle)})` : `endsWith(lower(${hay}), ${stringSql(asciiLower(needle))})`;
}

/** `hay in (values)` / `in~`; `==` / `=~` are the one-value case. */
export function inSql(hay: string, values: readonly string[], caseSensitive: boolean): string {
  if (values.length === 0) return '0';
  const list = values.map((v) => stringSql(caseSensitive ? v : asciiLower(v))).join(', ');
  return `(${caseSensitive ? hay : `lower(${hay})`} IN (${list}))`;
}
