import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, l, s, sr } from './call.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import { KqlError, RuntimeError } from '../../../src/kql/errors.ts';
import type { Dyn } from '../../../src/kql/types.ts';

const dyn = (json: string) => ['dynamic', parseJson(json) as Dyn] as ['dynamic', Dyn];

test('matches regex: unanchored search, case-sensitive (matches-regex-operator; §3.9)', () => {
  assert.equal(call('matches regex', [s('arn:aws:sts::1:assumed-role/R/s'), s('^arn')]), true);
  assert.equal(call('matches regex', [s('xAssumeRole'), s('^AssumeRole')]), false);
  assert.equal(call('matches regex', [s('AssumeRoleWithSAML'), s('^AssumeRole')]), true);
  assert.equal(call('matches regex', [s('ABC'), s('abc')]), false);
  assert.equal(call('matches regex', [s('ABC'), s('(?i)abc')]), true);
  assert.equal(call('matches regex', [sr('a1'), sr(String.raw`\d`)]), true, 'non-constant pattern');
  assert.throws(() => call('matches regex', [s('a'), s(String.raw`(a)\1`)]), KqlError);
});

test('extract: doc examples and no-match → "" (extract-function; §7.3)', () => {
  assert.equal(call('extract', [s(String.raw`\:([^\:]+$)`), l(1n), s('arn:aws:iam::111122223333:user/alice')], 'string'), 'user/alice');
  assert.equal(call('extract', [s('x(\\d+)'), l(1n), s('abc')], 'string'), '');
  assert.equal(call('extract', [s(String.raw`x=([0-9.]+)`), l(1n), s('hello x=456|wo')], 'string'), '456');
  assert.equal(call('extract', [s(String.raw`x=([0-9.]+)`), l(0n), s('hello x=456|wo')], 'string'), 'x=456');
  assert.equal(call('extract', [s('(a)|(b)'), l(2n), s('a')], 'string'), '', 'group that did not take part');
  assert.throws(() => call('extract', [s('(a)'), l(2n), s('a')], 'string'), KqlError, 'group beyond the regex');
});

test('extract_all: doc examples (extract-all-function)', () => {
  assert.deepEqual(call('extract_all', [s(String.raw`(\d+)`), s('a set of numbers: 123, 567 and 789')], 'dynamic'), ['123', '567', '789']);
  const id = '82b8be2d-dfa7-4bd1-8f63-24ad26d31449';
  assert.deepEqual(call('extract_all', [s(String.raw`([\da-f]{2})`), s(id)], 'dynamic'),
    ['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49']);
  assert.deepEqual(call('extract_all', [s(String.raw`(\w)(\w+)(\w)`), s(id)], 'dynamic'),
    [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']]);
  assert.deepEqual(call('extract_all', [s(String.raw`(\w)(\w+)(\w)`), dyn('[1,3]'), s(id)], 'dynamic'),
    [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]);
  assert.deepEqual(call('extract_all', [s(String.raw`(?P<first>\w)(?P<middle>\w+)(?P<last>\w)`), dyn('["first","last"]'), s(id)], 'dynamic'),
    [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']]);
  assert.equal(call('extract_all', [s(String.raw`(\d+)`), s('none')], 'dynamic'), null, 'no match → null');
  assert.throws(() => call('extract_all', [s(String.raw`\d+`), s('1')], 'dynamic'), KqlError, 'needs a capture group');
});

test('extract_all: a captureGroups element that is not a group is refused by name (extract-all-function: valid values are 1 to the number of groups, or a group name), even one nested 100,000 levels deep (its String() overflowed the stack; extreme-argument sweep)', () => {
  const invalid = (spec: string, shown: RegExp) =>
    assert.throws(() => call('extract_all', [s('(a)'), dyn(spec), s('a')], 'dynamic'), (e: unknown) => e instanceof RuntimeError && shown.test(e.message));
  invalid('[2]', /^extract_all\(\): invalid capture group "2"$/);
  invalid('[[1, 2]]', /^extract_all\(\): invalid capture group "\[1,2\]"$/);
  invalid(`[${'['.repeat(100_000)}${']'.repeat(100_000)}]`, /^extract_all\(\): invalid capture group "\[{100}\.\.\."$/);
});

test('replace_regex and the deprecated replace(): doc example, \\0 and \\N (replace-regex-function)', () => {
  for (const x of ['1', '2', '5']) {
    assert.equal(call('replace_regex', [s(`Number is ${x}`), s(String.raw`is (\d+)`), s(String.raw`was: \1`)], 'string'), `Number was: ${x}`);
  }
  assert.equal(call('replace_regex', [s('abc'), s('b'), s(String.raw`[\0]`)], 'string'), 'a[b]c');
  assert.equal(call('replace_regex', [s('a.b.c'), s(String.raw`\.`), s('$1')], 'string'), 'a$1b$1c', '$ is literal, not JS syntax');
  assert.equal(call('replace_regex', [s('baaab'), s('a*'), s('-')], 'string'), '-b-b-', 'Rust empty-match rules');
  assert.equal(call('replace', [s(String.raw`is (\d+)`), s(String.raw`was: \1`), s('Number is 7')], 'string'), 'Number was: 7');
  assert.equal(call('replace_regex', [s('no match'), s('x'), s('y')], 'string'), 'no match');
});

test('countof: the doc table (countof-function: plain overlaps, regex does not)', () => {
  assert.equal(call('countof', [s('aaa'), s('a')], 'long'), 3n);
  assert.equal(call('countof', [s('aaaa'), s('aa')], 'long'), 3n);
  assert.equal(call('countof', [s('ababa'), s('ab'), s('normal')], 'long'), 2n);
  assert.equal(call('countof', [s('ababa'), s('aba')], 'long'), 2n);
  assert.equal(call('countof', [s('ababa'), s('aba'), s('regex')], 'long'), 1n);
  assert.equal(call('countof', [s('abcabc'), s('a.c'), s('regex')], 'long'), 2n);
  assert.throws(() => call('countof', [s('a'), s('a'), s('other')], 'long'), KqlError);
});

test('trim, trim_start, trim_end: doc examples (trim-function, trim-start-function, trim-end-function)', () => {
  assert.equal(call('trim', [s('--'), s('--https://bing.com--')], 'string'), 'https://bing.com');
  assert.equal(call('trim', [s(String.raw`[^\w]+`), s('-  Te st1// $')], 'string'), 'Te st1');
  assert.equal(call('trim', [s(String.raw`\s+`), s('  Hello, world!  ')], 'string'), 'Hello, world!');
  assert.equal(call('trim_start', [s('sample'), s('sample text with sample')], 'string'), ' text with sample');
  assert.equal(call('trim_start', [s(String.raw`[^\w]+`), s('-  Te st1// $')], 'string'), 'Te st1// $');
  assert.equal(call('trim_end', [s('sample'), s('sample text with sample')], 'string'), 'sample text with ');
  assert.equal(call('trim_end', [s(String.raw`[^\w]+`), s('-  Te st1// $')], 'string'), '-  Te st1');
  assert.equal(call('trim', [s('-'), s('----x--')], 'string'), 'x', 'repeated matches');
});

test('indexof_regex: doc examples (indexof-regex-function)', () => {
  assert.equal(call('indexof_regex', [s('abcabc'), s('a.c')], 'long'), 0n);
  assert.equal(call('indexof_regex', [s('abcabcdefg'), s('a.c'), l(0n), l(9n), l(2n)], 'long'), 3n);
  assert.equal(call('indexof_regex', [s('abcabc'), s('a.c'), l(1n), l(-1n), l(2n)], 'long'), -1n);
  assert.equal(call('indexof_regex', [s('ababaa'), s('a.a'), l(0n), l(-1n), l(2n)], 'long'), -1n, 'matches do not overlap');
  assert.equal(call('indexof_regex', [s('abcabc'), s('a|ab'), l(-1n)], 'long'), null, 'invalid start');
});

test('regex_quote escapes metacharacters so the result matches the text itself (regex-quote-function)', () => {
  assert.equal(call('regex_quote', [s('(so$me.Te^xt)')], 'string'), String.raw`\(so\$me\.Te\^xt\)`);
  const text = 'a.b*c+d?e(f)g[h]i{j}k^l$m|n\\o#p&q-r~s';
  const quoted = call('regex_quote', [s(text)], 'string') as string;
  assert.equal(call('matches regex', [s(text), s(`^${quoted}$`)]), true);
  assert.deepEqual(call('extractall', [s(String.raw`(\d+)`), s('a 1 b 22')], 'dynamic'), ['1', '22'], 'deprecated alias extractall');
});

test('regex functions: documented choices (our choice where the docs are silent)', () => {
  assert.deepEqual(call('extract_all', [s('(a)|(b)'), s('ab')], 'dynamic'), [['a', ''], ['', 'b']], 'a group that did not take part gives ""');
  assert.equal(call('extract', [s('(a)'), l(-1n), s('a')], 'string'), '', 'negative group');
  assert.equal(call('replace_regex', [s('ab'), s('(a)'), s(String.raw`[\2]`)], 'string'), '[]b', 'a group the regex lacks gives ""');
  assert.equal(call('replace_regex', [s('ab'), s('a'), s(String.raw`\x`)], 'string'), String.raw`\xb`, 'other backslashes are literal');
});

test('extract_all with a regex computed per row (e.g. a let value that is not a literal)', () => {
  assert.deepEqual(call('extract_all', [sr(String.raw`(\d+)`), sr('a 1 b 22')], 'dynamic'), ['1', '22']);
  assert.deepEqual(call('extract_all', [sr(String.raw`(\w)(\d)`), dyn('[2]'), sr('a1 b2')], 'dynamic'), ['1', '2']);
});

// A constant regex over a column keeps its results per distinct text (TextMemo: 2,048 texts, then
// it starts again; texts past 512 characters are not kept): every row's answer must still be its
// own text's, through every restart of the memo (checked against JavaScript's RegExp, which these
// simple patterns mean the same in).
test('matches regex, extract_all and replace_regex with a constant regex: each row gets its own text\'s answer (repeated texts, past the memo\'s size)', async () => {
  const { compileQuery } = await import('../../../src/kql/engine.ts');
  const long = 'x'.repeat(600);
  const q = compileQuery(
    `range i from 1 to 9000 step 1
| extend s = iff(i % 7 == 0, strcat("${long}", i % 3), strcat("ab", i % 2600, "cd", iff(i % 5 == 0, "zz", "")))
| project s, m = s matches regex "z+", e = extract_all("([a-z]+)", s), r = replace_regex(s, "[0-9]+", "#"), n = extract_all("(q)", s)`,
    { tables: [], functions: [], watchlistFields: [] },
  );
  const b = await q.run({ now: 0n, tables: new Map() });
  assert.equal(b.length, 9000);
  const texts = b.columns[0] as string[];
  assert.ok(new Set(texts).size > 2600, 'more distinct texts than the memo keeps');
  assert.deepEqual(b.columns[1], texts.map((t) => /z+/.test(t)));
  assert.deepEqual(b.columns[2], texts.map((t) => t.match(/[a-z]+/g)));
  assert.deepEqual(b.columns[3], texts.map((t) => t.replace(/[0-9]+/g, '#')));
  assert.ok(b.columns[4]!.every((v) => v === null), 'no match: null');
});
