// The two linear-time engines (re2js on the RE2 form, our Pike VM on the parsed form) must agree
// on every match and capture: the Pike VM takes over from re2js for texts with non-ASCII
// characters when a pattern has \b or \B, so any difference would change results by text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KustoRegex } from '../../../src/kql/regex/kusto-regex.ts';

const PATTERNS = [
  String.raw`\:([^\:]+$)`, String.raw`^[A-Z0-9]{21}\:[^\:]+$`, String.raw`(.+)\-[a-f0-9]{17}$`, String.raw`\:assumed-role\/([^\/]+)\/`,
  '(a|ab)(c|bcd)(d*)', '(a*)*', '(a*)+', '(a|b)*?c', 'x*', String.raw`(?m)^\w+$`, '(?i)straße', 'a{2,3}?', '(a?){3}',
  String.raw`\bfoo\b`, String.raw`\Bo\B`, '(?s).+', String.raw`[^\n]*\n`, '(?U)(a+)(a*)', '', '(|a)+', '(a|)+', '((a)|b)+',
  String.raw`(?P<k>\w+)=(?P<v>[^&]*)`, String.raw`(\d+)\.(\d+)?`, '(?m)$', '(?m)^', String.raw`\A|\z`, '[[:alpha:]]+(?i:X)',
  String.raw`(?x) ( \w+ ) \s* = # key`, String.raw`[\p{Greek}&&\p{Ll}]+`, '(a+)+$', String.raw`^([a-z0-9]+\s?)*$`, 'é|e\u0301',
];
const TEXTS = ['', 'a', 'ab', 'abcd', 'abbcd', 'aaa', 'baaab', 'xxa', 'foo bar_foo foo', 'oo', 'a\nb\n', 'key=val&k2=', 'STRASSE straße Straße',
  '12.5 7.', 'αβγ ΑΒ', 'x=1 y=2', 'arn:aws:iam::123456789012:user/Alice', 'arn:aws:sts::1:assumed-role/R/s', 'Mozilla/5.0 (X11)', 'aaaaaaaaaaab',
  'é e\u0301 😀a', 'AROAJQABLZS4A3QDU576Q:bob'];

function everyMatch(re: KustoRegex, text: string, engine: 'auto' | 'pike'): unknown[] {
  const out: unknown[] = [];
  for (let from = 0; from <= text.length; from++) {
    const m = re.exec(text, from, engine);
    out.push(m === null ? null : [m.index, ...m]);
  }
  return out;
}

test('re2js and the Pike VM agree on every match and capture, from every start position', () => {
  for (const p of PATTERNS) {
    const re = new KustoRegex(p);
    for (const t of TEXTS) assert.deepEqual(everyMatch(re, t, 'pike'), everyMatch(re, t, 'auto'), `${JSON.stringify(p)} on ${JSON.stringify(t)}`);
  }
});
