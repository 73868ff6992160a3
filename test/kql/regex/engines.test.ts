// The matchers (our bounded backtracker for short texts, re2js, our Pike VM where RE2 cannot
// express the pattern, the literal fast path) must agree on every match and capture: which one
// runs depends on the text's length and characters, so any difference would change results by
// text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KustoRegex, type Engine } from '../../../src/kql/regex/kusto-regex.ts';

const PATTERNS = [
  String.raw`\:([^\:]+$)`, String.raw`^[A-Z0-9]{21}\:[^\:]+$`, String.raw`(.+)\-[a-f0-9]{17}$`, String.raw`\:assumed-role\/([^\/]+)\/`,
  '(a|ab)(c|bcd)(d*)', '(a*)*', '(a*)+', '(a|b)*?c', 'x*', String.raw`(?m)^\w+$`, '(?i)straße', 'a{2,3}?', '(a?){3}',
  String.raw`\bfoo\b`, String.raw`\Bo\B`, '(?s).+', String.raw`[^\n]*\n`, '(?U)(a+)(a*)', '', '(|a)+', '(a|)+', '((a)|b)+',
  String.raw`(?P<k>\w+)=(?P<v>[^&]*)`, String.raw`(\d+)\.(\d+)?`, '(?m)$', '(?m)^', String.raw`\A|\z`, '[[:alpha:]]+(?i:X)',
  String.raw`(?x) ( \w+ ) \s* = # key`, String.raw`[\p{Greek}&&\p{Ll}]+`, '(a+)+$', String.raw`^([a-z0-9]+\s?)*$`, 'é|e\u0301',
];
const TEXTS = ['', 'a', 'ab', 'abcd', 'abbcd', 'aaa', 'baaab', 'xxa', 'foo bar_foo foo', 'oo', 'a\nb\n', 'key=val&k2=', 'STRASSE straße Straße',
  '12.5 7.', 'αβγ ΑΒ', 'x=1 y=2', 'arn:aws:iam::123456789012:user/Alice', 'arn:aws:sts::1:assumed-role/R/s', 'Mozilla/5.0 (X11)', 'aaaaaaaaaaab',
  'é e\u0301 😀a', 'AROAJQABLZS4A3QDU576Q:bob', '😀😀b'];

function everyMatch(re: KustoRegex, text: string, engine: Engine | undefined): unknown[] {
  const out: unknown[] = [];
  for (let from = 0; from <= text.length; from++) {
    const m = re.exec(text, from, engine);
    out.push(m === null ? null : [m.index, ...m]);
  }
  return out;
}

const ASCII = /^[\x00-\x7f]*$/;
const WORD_ASSERTION = /\\[bB<>]/;

test('the bounded backtracker, re2js, the Pike VM and the literal path agree on every match and capture, from every start position', () => {
  for (const p of [...PATTERNS, '^AssumeRole', 'Role$', '^a$', 'foo', String.raw`\<foo`, String.raw`[^\x{1F600}]`, String.raw`[^\x{1F600}]b`]) {
    const re = new KustoRegex(p);
    for (const t of [...TEXTS, 'AssumeRole', 'xAssumeRoleWithSAML', 'a', 'fooRole']) {
      const where = `${JSON.stringify(p)} on ${JSON.stringify(t)}`;
      const pike = everyMatch(re, t, 'pike');
      assert.deepEqual(everyMatch(re, t, 'bitstate'), pike, `bitstate: ${where}`);
      assert.deepEqual(everyMatch(re, t, undefined), pike, `default: ${where}`);
      // RE2's \b is ASCII: it is used only when the text is ASCII or the pattern has no \b/\B.
      if (!p.includes('\\<') && (ASCII.test(t) || !WORD_ASSERTION.test(p))) assert.deepEqual(everyMatch(re, t, 're2'), pike, `re2js: ${where}`);
    }
  }
});
