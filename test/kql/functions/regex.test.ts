import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileKustoRegex, findAll, groupCount, groupIndexes } from '../../../src/kql/functions/regex.ts';
import { KqlError, RuntimeError, UnsupportedError } from '../../../src/kql/errors.ts';

const first = (p: string, s: string, g = 0) => compileKustoRegex(p).exec(s)?.[g];

test('patterns of the seed rule (kql-semantics.md §3.9 table)', () => {
  assert.equal(first(String.raw`\:([^\:]+$)`, 'arn:aws:iam::123456789012:user/Alice', 1), 'user/Alice');
  assert.equal(first(String.raw`\:([^\:]+$)`, 'AROAEXAMPLE:bob-session', 1), 'bob-session');
  assert.equal(first(String.raw`\:([^\:]+$)`, 'AIDAEXAMPLE', 1), undefined);
  assert.equal(compileKustoRegex('^[A-Z0-9]{21}$').test('AIDAJQABLZS4A3QDU576Q'), true);
  assert.equal(compileKustoRegex('^[A-Z0-9]{21}$').test('AIDAJQABLZS4A3QDU576'), false);
  assert.equal(compileKustoRegex(String.raw`^[A-Z0-9]{21}\:[^\:]+$`).test('AROAJQABLZS4A3QDU576Q:bob'), true);
  assert.equal(first(String.raw`(.+)\-[a-f0-9]{17}$`, 'alice-0123456789abcdef0', 1), 'alice');
  assert.equal(first(String.raw`\:assumed-role\/([^\/]+)\/`, 'arn:aws:sts::123:assumed-role/MyRole/session', 1), 'MyRole');
  assert.equal(first(String.raw`\/([^\/]+)$`, 'a/b/c', 1), 'c');
  assert.equal(first(String.raw`AssumeRole\w* on resource\: \S+\/([^\/]+)$`, 'not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::1:role/Admin', 1), 'Admin');
});

test('\\d, \\w, \\s, \\b are Unicode-aware (learn.microsoft.com/kusto/query/regex: "\\d Digit (\\p{Nd})"; Rust crate classes)', () => {
  assert.equal(compileKustoRegex(String.raw`^\d$`).test('٣'), true);
  assert.equal(compileKustoRegex(String.raw`^[0-9]$`).test('٣'), false, '[0-9] is ASCII only');
  assert.equal(first(String.raw`\w+`, 'héllo wörld'), 'héllo');
  assert.equal(compileKustoRegex(String.raw`^\s$`).test('\u00A0'), true, 'NBSP is White_Space');
  assert.equal(compileKustoRegex(String.raw`^\s$`).test('\uFEFF'), false, 'BOM is not White_Space (JS \\s would say yes)');
  assert.equal(compileKustoRegex(String.raw`\bé`).test(' é'), true);
  assert.equal(compileKustoRegex(String.raw`a\b`).test('aé'), false, 'é is a word character');
  assert.equal(compileKustoRegex(String.raw`a\B`).test('aé'), true);
});

test('. excludes only \\n; (?s) includes it (regex page: "Any character except new line")', () => {
  assert.equal(compileKustoRegex('^.$').test('\r'), true);
  assert.equal(compileKustoRegex('^.$').test('\n'), false);
  assert.equal(compileKustoRegex('(?s)^.$').test('\n'), true);
  // A repeated dot-all (V8 under the `v` flag matched nothing with `[^]*`; parse-operator doc, flags=s).
  assert.equal(first('(?s)^.*$', 'a\nb'), 'a\nb');
  assert.equal(first('(?s)x(.+)y', 'x\n1\ny', 1), '\n1\n');
  assert.equal(compileKustoRegex('^.$').test('😀'), true, 'one code point');
});

test('anchors: ^ $ \\A \\z, and (?m) lines end at \\n only (regex page, Rust crate)', () => {
  assert.equal(compileKustoRegex('a$').test('a\n'), false);
  assert.equal(compileKustoRegex('(?m)a$').test('a\nb'), true);
  assert.equal(compileKustoRegex('(?m)^b').test('a\nb'), true);
  assert.equal(compileKustoRegex('(?m)^b').test('a\rb'), false);
  assert.equal(compileKustoRegex(String.raw`\Aab\z`).test('ab'), true);
  assert.equal(compileKustoRegex(String.raw`(?m)\Ab`).test('a\nb'), false);
});

test('flags: (?i) prefix, scoped (?i:...), (?-i), U, x (regex page "Flags")', () => {
  assert.equal(compileKustoRegex('(?i)abc').test('ABC'), true);
  assert.equal(compileKustoRegex('(?i)k').test('\u212A'), true, 'Unicode simple case folding, as Rust');
  assert.equal(compileKustoRegex('a(?i)bc').test('aBC'), true);
  assert.equal(compileKustoRegex('a(?i)bc').test('ABC'), false);
  assert.equal(compileKustoRegex('(?i:a)b').test('Ab'), true);
  assert.equal(compileKustoRegex('(?i:a)b').test('AB'), false);
  assert.equal(compileKustoRegex('(?i)a(?-i)b').test('Ab'), true);
  assert.equal(compileKustoRegex('(?i)a(?-i)b').test('AB'), false);
  assert.equal(compileKustoRegex('(?i)[^a]').test('A'), false);
  assert.equal(first('(?U)a+', 'aaa'), 'a');
  assert.equal(first('(?U)a+?', 'aaa'), 'aaa');
  assert.equal(compileKustoRegex('(?x) a b # comment').test('ab'), true);
  // A class under a partial (?i) is folded (Unicode simple case folding: K matches the Kelvin sign).
  assert.equal(compileKustoRegex('a(?i)[a-z]').test('aB'), true);
  assert.equal(compileKustoRegex('a(?i)[a-z]').test('A\u212A'), false);
  assert.equal(compileKustoRegex('^a(?i)[a-z]$').test('a\u212A'), true);
  assert.equal(compileKustoRegex('^a(?i)é$').test('aÉ'), true, 'non-ASCII letters fold under a partial (?i) too');
  assert.throws(() => compileKustoRegex('(?-u)a'), UnsupportedError);
});

test('escapes: punctuation, \\x{..}, \\u, \\t (regex page "Escape sequences")', () => {
  assert.equal(compileKustoRegex(String.raw`\:\/\-\@\#\.`).test(':/-@#.'), true);
  assert.equal(compileKustoRegex(String.raw`\x{41}\x42\u0043\u{44}\U00000045`).test('ABCDE'), true);
  assert.equal(compileKustoRegex(String.raw`\t`).test('\t'), true);
  assert.equal(compileKustoRegex(String.raw`\p{Greek}+`).test('αβ'), true);
  assert.equal(compileKustoRegex(String.raw`\pL`).test('x'), true);
  assert.equal(compileKustoRegex(String.raw`\PL`).test('x'), false);
});

test('character classes: POSIX, nesting, &&, --, ~~ (regex page "Character classes" examples)', () => {
  const all = (p: string, s: string) => [...s].filter((c) => compileKustoRegex(`^${p}$`).test(c)).join('');
  assert.equal(all('[[:alpha:]]', 'aZ1_é'), 'aZ');
  assert.equal(all('[[:^alpha:]]', 'aZ1_'), '1_');
  assert.equal(all('[x[^xyz]]', 'xyza'), 'xa');
  assert.equal(all('[a-y&&xyz]', 'xyz'), 'xy');
  assert.equal(all('[0-9&&[^4]]', '345'), '35');
  assert.equal(all('[0-9--4]', '345'), '35');
  assert.equal(all('[a-g~~b-h]', 'abgh'), 'ah');
  assert.equal(all(String.raw`[\[\]]`, '[]a'), '[]');
  assert.equal(all('[a&&b]', 'ab'), '');
  assert.equal(all('[]a]', ']a'), ']a');
  assert.equal(all('[a-]', 'a-'), 'a-');
  assert.equal(all(String.raw`[\d\s]`, '1 x'), '1 ');
  assert.equal(all(String.raw`[\d-]`, '1-x'), '1-');
});

test('named groups: (?P<name>) and (?<name>) (regex page "Grouping and flags")', () => {
  const re = compileKustoRegex('(?P<first>a)(b)(?<third>c)');
  assert.equal(groupCount(re), 3);
  assert.deepEqual([...groupIndexes(re)], [['first', 1], ['third', 3]]);
  assert.throws(() => compileKustoRegex('(?P<x>a)(?P<x>b)'), RuntimeError);
});

test('what Rust regex rejects is an error, not JS semantics (regex page: no look-around or backreferences)', () => {
  for (const p of [String.raw`(a)\1`, '(?=a)', '(?!a)', '(?<=a)b', '(?<!a)b', String.raw`\Z`, String.raw`\q`, '*a', '{2}', 'a{3,2}', '[z-a]', 'a)', '(a', '[a', String.raw`\k<x>`, String.raw`[\d-z]`]) {
    assert.throws(() => compileKustoRegex(p), (e: unknown) => e instanceof KqlError && e.kind === 'runtime', p);
  }
});

test('a { that does not open a counted repetition is a literal, as in RE2; Microsoft\'s published Log4j user-agent rule relies on it (regex page; RE2 syntax)', () => {
  // The rule's pattern: (\\$|%24)(\\{|%7B)... in a verbatim string: an escaped backslash, then `{`.
  const log4j = String.raw`(\\$|%24)(\\{|%7B)([^jJ]*[jJ])([^nN]*[nN])([^dD]*[dD])([^iI]*[iI])(:|%3A|\\$|%24|}|%7D)`;
  assert.equal(compileKustoRegex(log4j).test('Mozilla %24%7Bjndi:ldap://x}'), true);
  assert.equal(compileKustoRegex(log4j).test('Mozilla/5.0'), false);
  assert.equal(first('a{', 'xa{y'), 'a{');
  assert.equal(first('a{,2}', 'a{,2}'), 'a{,2}');
  assert.equal(first('{', '{'), '{');
  assert.equal(first('a{2}', 'aaa'), 'aa', 'a well-formed one still repeats');
});

test('findAll: empty matches follow the Rust crate (no empty match right after a match)', () => {
  assert.deepEqual([...findAll(compileKustoRegex('a*'), 'baaab')].map((m) => [m.index, m[0]]), [[0, ''], [1, 'aaa'], [5, '']]);
  assert.deepEqual([...findAll(compileKustoRegex(String.raw`\d+`), 'a 123, 567 and 789')].map((m) => m[0]), ['123', '567', '789']);
  assert.deepEqual([...findAll(compileKustoRegex(''), '😀a')].map((m) => m.index), [0, 2, 3], 'advance by code point');
});

test('compiled patterns are cached', () => {
  assert.equal(compileKustoRegex('x+y'), compileKustoRegex('x+y'));
});

test('Unicode class names are matched loosely, as the Rust crate does (\\p{greek}, \\p{Old Italic}, \\p{lu})', () => {
  assert.equal(compileKustoRegex(String.raw`^\p{greek}$`).test('α'), true);
  assert.equal(compileKustoRegex(String.raw`^\p{lu}$`).test('A'), true);
  assert.equal(compileKustoRegex(String.raw`^\p{Old Italic}$`).test('\u{10300}'), true);
  assert.throws(() => compileKustoRegex(String.raw`\p{NoSuchClass}`), UnsupportedError);
});

test('negated classes inside a repeated non-capturing group match (V8 /v bug with [^...]; trim-end-function doc example)', () => {
  assert.equal(first('(?:[^x]c)+', 'ac'), 'ac');
  assert.equal(first('(?:.com)+$', 'bing.com'), '.com');
  assert.equal(first('^(?:[^,]+,)+$', 'ab,cd,'), 'ab,cd,');
  assert.equal(first('(?:\\W\\w)+', 'a-b-c'), '-b-c');
  assert.equal(first('(?:[[:^alpha:]]b)+', '1b'), '1b');
  assert.equal(first('(?i)^[^a]$', 'A'), undefined, 'negation after case folding');
  assert.equal(first('(?m)^(?:[^x]y)+$', 'q\nay\nz'), 'ay');
});
