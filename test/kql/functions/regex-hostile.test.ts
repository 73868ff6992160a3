/**
 * Hostile input (issue #13): every regex operator and function runs in time linear in the text,
 * whatever the pattern. Each case would take minutes to hours on a backtracking engine (V8's
 * RegExp, which trailhound used before); the assertion is the correct answer, and the generous
 * timeout is only the backstop that turns a regression into a failure instead of a hang.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, l, s, sr } from './call.ts';
import { runQuery } from '../../helpers/run-query.ts';
import { KqlError } from '../../../src/kql/errors.ts';

const LONG = 60_000;
const TIMEOUT = { timeout: 120_000 };
// (a+)+$ against a…ab: 2^n paths for a backtracker (issue #13's example, at 10,000 a's).
const NESTED = '(a+)+$';
const A_THEN_B = `${'a'.repeat(10_000)}b`;
// The user-agent rule of issue #13: 1.6x longer per extra character for V8; here 10,000 of them.
const UA = String.raw`^([a-z0-9]+\s?)*$`;
const UA_TEXT = `${'a'.repeat(10_000)}!`;

test('matches regex: nested quantifiers on a long non-matching text (matches-regex-operator)', TIMEOUT, () => {
  assert.equal(call('matches regex', [s(A_THEN_B), s(NESTED)]), false);
  assert.equal(call('matches regex', [s(UA_TEXT), s(UA)]), false);
  assert.equal(call('matches regex', [s(`${'a'.repeat(10_000)}`), s(UA)]), true);
  // The Unicode word boundary (our Pike VM, RE2's \b being ASCII) on a non-ASCII text.
  assert.equal(call('matches regex', [s(`é${'a'.repeat(10_000)}b`), s(String.raw`\b(a+)+$`)]), false);
  assert.equal(call('matches regex', [s(`${'a'.repeat(10_000)}b`), s(String.raw`\<(a|aa)+$`)]), false);
});

test('extract, extract_all, replace_regex, countof, indexof_regex: linear on hostile texts (their doc pages)', TIMEOUT, () => {
  assert.equal(call('extract', [s('(a+)+(b)$'), l(2n), s(A_THEN_B)], 'string'), 'b');
  assert.equal(call('extract', [s('(a+)+c'), l(1n), s(A_THEN_B)], 'string'), '', 'no match');
  // `(x+x+)+y` on x…x: exponential for a backtracker at each of n start positions.
  const xs = 'x'.repeat(LONG);
  assert.equal(call('extract_all', [s('((x+x+)+y)'), s(xs)], 'dynamic'), null);
  assert.equal(call('replace_regex', [s(xs), s('(x+x+)+y'), s('z')], 'string'), xs);
  assert.equal(call('countof', [s(xs), s('(x+x+)+y'), s('regex')], 'long'), 0n);
  assert.equal(call('indexof_regex', [s(xs), s('(x+x+)+y')], 'long'), -1n);
  assert.equal(call('countof', [s(xs), s('x'), s('regex')], 'long'), BigInt(LONG));
});

test('trim, trim_start, trim_end: a nested regex over a long text (trim-function)', TIMEOUT, () => {
  const text = `${'a'.repeat(20_000)}!${'a'.repeat(20_000)}`;
  assert.equal(call('trim', [s('(a|aa)+'), s(text)], 'string'), '!');
  assert.equal(call('trim_end', [s('(a|aa)+b'), s(text)], 'string'), text);
});

// strrep repeats at most 1024 times (strrep-function doc): long texts are built with nested calls.
test('parse kind=simple: lazy columns on a text that does not parse (parse-operator)', TIMEOUT, async () => {
  // Five lazy columns and a final "!" that never comes: O(n^5) splits for a backtracker.
  const spaces = ' '.repeat(20_000);
  const r = await runQuery(`print s=strcat('x', strrep(strrep(' ', 1000), 20), 'y') | parse s with a " " b " " c " " d " " e "!" | project a, e`);
  assert.deepEqual([r.result.columns[0]![0], r.result.columns[1]![0]], ['', ''], 'a failed parse leaves the string columns empty');
  const ok = await runQuery(`print s=strcat('x', strrep(strrep(' ', 1000), 20), 'y!') | parse s with a " " b " " c " " d " " e "!" | project a, b, e`);
  assert.deepEqual([ok.result.columns[0]![0], ok.result.columns[1]![0], ok.result.columns[2]![0]], ['x', '', spaces.slice(4) + 'y']);
});

test('parse kind=regex and parse-where on a hostile text (parse-operator, parse-where-operator)', TIMEOUT, async () => {
  const r = await runQuery(`print s=strcat(strrep(strrep('a', 1000), 20), 'b') | parse kind=regex s with x:string "(a|aa)+c" | project x`);
  assert.equal(r.result.columns[0]![0], '');
  const w = await runQuery(`print s=strcat(strrep(strrep('a', 1000), 20), 'b') | parse-where kind=regex s with x:string "(a|aa)+c"`);
  assert.equal(w.result.length, 0);
});

test('issue #13 examples through a query: print … matches regex (a+)+$', TIMEOUT, async () => {
  const r = await runQuery(`print s=strcat(strrep('a',30),'b') | extend m = s matches regex '(a+)+$'`);
  assert.equal(r.result.columns[1]![0], false);
  const ua = await runQuery(`print UserAgent=strcat(strrep('a',40),'!') | where not(UserAgent matches regex @"^([a-z0-9]+\\s?)*$")`);
  assert.equal(ua.result.length, 1);
});

test('limits: 16 regex groups for matches regex (matches-regex-operator); repetition counts up to 1000 (RE2 page)', () => {
  const groups = (n: number) => '(a)'.repeat(n);
  assert.equal(call('matches regex', [s('a'.repeat(16)), s(groups(16))]), true);
  assert.throws(() => call('matches regex', [s('a'.repeat(17)), s(groups(17))]), (e: unknown) => e instanceof KqlError && /16/.test(e.message));
  assert.equal(call('matches regex', [s('a'.repeat(1000)), s('^a{1000}$')]), true);
  assert.throws(() => call('matches regex', [s('a'), s('a{1001}')]), (e: unknown) => e instanceof KqlError && /1000/.test(e.message));
  // A nest of stacked repetitions stays within the program size limit or fails with an error, never hangs.
  assert.throws(() => call('matches regex', [s('a'), s('((a{1000}){1000}){1000}')]), KqlError);
});

test('errors name the construct Kusto lacks (learn.microsoft.com/kusto/query/regex)', () => {
  const message = (p: string) => {
    try {
      call('matches regex', [s('a'), s(p)]);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.match(message(String.raw`(a)\1`), /backreferences \(\\1\) are not supported/);
  assert.match(message(String.raw`(?P<n>a)\k<n>`), /backreferences \(\\k<name>\) are not supported/);
  assert.match(message('(?=a)'), /look-around assertions .* are not supported/);
  assert.match(message('(?<!a)b'), /look-around assertions .* are not supported/);
  assert.match(message('(a'), /unclosed group/);
  assert.match(message('('.repeat(300) + ')'.repeat(300)), /nest more than 250/);
  // Nested classes count too (the crate's nest limit); 100,000 of them overflowed the stack (fuzz).
  assert.match(message('['.repeat(300) + 'a' + ']'.repeat(300)), /character classes nest more than 250 deep/);
  assert.match(message('['.repeat(100_000)), /character classes nest more than 250 deep/);
  assert.equal(message('[[a]b]'), 'no error');
});

// trim_end(a 100,000-character literal, the same text) hung (the sweep's pairs mode): the
// pattern wrapped as (?:p)+$ is no longer a literal, and its automaton of 100,000 states ran over
// 100,000 characters. A literal pattern is now stripped with startsWith/endsWith.
test('trim, trim_start, trim_end: a 100,000-character literal pattern over a long text (trim-function)', TIMEOUT, () => {
  const big = 'a'.repeat(100_000);
  for (const fn of ['trim', 'trim_start', 'trim_end']) {
    assert.equal(call(fn, [s(big), s(big)], 'string'), '');
    assert.equal(call(fn, [s(big), s(`${big}${big}b${big}`)], 'string'), fn === 'trim' ? `b` : fn === 'trim_start' ? `b${big}` : `${big}${big}b`);
    assert.equal(call(fn, [sr(big), s(big.repeat(3))], 'string'), '');
  }
});

test('trim of a literal: what the regex form removes (repetitions, overlaps, both ends)', () => {
  // (ab) is no literal (a capture group): the regex path, the expectation for the literal one
  const texts = ['', 'ab', 'aba', 'abab', 'ababxab', 'xabab', 'aab', 'abaab', 'ab ab', 'bababa'];
  for (const fn of ['trim', 'trim_start', 'trim_end']) {
    for (const t of texts) assert.equal(call(fn, [s('ab'), s(t)], 'string'), call(fn, [s('(ab)'), s(t)], 'string'), `${fn}("ab", "${t}")`);
    for (const t of ['aaa', 'aaaa', 'aaaaa', 'baaa']) assert.equal(call(fn, [s('aa'), s(t)], 'string'), call(fn, [s('(aa)'), s(t)], 'string'), `${fn}("aa", "${t}")`);
  }
  assert.equal(call('trim', [s('--'), s('----x--')], 'string'), 'x');
  assert.equal(call('trim', [s(String.raw`\.`), s('..x.')], 'string'), 'x');
});
