import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, i, l, s, sr } from './call.ts';
import { parseJson } from '../../../src/kql/values/dynamic.ts';
import type { Dyn } from '../../../src/kql/types.ts';

const dyn = (json: string) => ['dynamic', parseJson(json) as Dyn] as ['dynamic', Dyn];

test('has family operators: doc examples (has-operator, has-cs-operator, hasprefix-operator, hassuffix-operator)', () => {
  assert.equal(call('has', [s('North America'), s('america')]), true);
  assert.equal(call('!has', [s('North America'), s('amer')]), true);
  assert.equal(call('has_cs', [s('North America'), s('America')]), true);
  assert.equal(call('!has_cs', [s('North America'), s('america')]), true);
  assert.equal(call('hasprefix', [s('North America'), s('ame')]), true);
  assert.equal(call('!hasprefix', [s('North America'), s('mer')]), true);
  assert.equal(call('hasprefix_cs', [s('North America'), s('Ame')]), true);
  assert.equal(call('!hasprefix_cs', [s('North America'), s('CA')]), true);
  assert.equal(call('hassuffix', [s('North America'), s('ica')]), true);
  assert.equal(call('!hassuffix', [s('North America'), s('americ')]), true);
  assert.equal(call('hassuffix_cs', [s('North America'), s('ica')]), true);
  assert.equal(call('!hassuffix_cs', [s('North America'), s('icA')]), true);
  assert.equal(call('has', [s('ec2.health.amazonaws.com'), s('health.amazonaws.com')]), true, 'phrase (§3.3)');
  assert.equal(call('has', [sr('x HEALTH y'), sr('health')]), true, 'non-constant needle');
});

test('contains / startswith / endswith: doc examples (contains-operator, startswith-operator, endswith-operator)', () => {
  assert.equal(call('contains', [s('FabriKam'), s('BRik')]), true);
  assert.equal(call('!contains', [s('Fabrikam'), s('xyz')]), true);
  assert.equal(call('contains_cs', [s('FabriKam'), s('Kam')]), true);
  assert.equal(call('!contains_cs', [s('Fabrikam'), s('Kam')]), true);
  assert.equal(call('startswith', [s('Fabrikam'), s('fab')]), true);
  assert.equal(call('startswith_cs', [s('Fabrikam'), s('fab')]), false);
  assert.equal(call('!startswith', [s('Fabrikam'), s('kam')]), true);
  assert.equal(call('!startswith_cs', [s('Fabrikam'), s('fab')]), true);
  assert.equal(call('endswith', [s('Fabrikam'), s('Kam')]), true);
  assert.equal(call('endswith_cs', [s('Fabrikam'), s('kam')]), true);
  assert.equal(call('!endswith', [s('Fabrikam'), s('brik')]), true);
  assert.equal(call('!endswith_cs', [s('Fabrikam'), s('Kam')]), true);
  assert.equal(call('contains', [s('abc'), s('')]), true, 'empty needle (§3.6)');
});

test('=~ and !~ fold ASCII only (equals-operator: "supported only for ASCII-text")', () => {
  assert.equal(call('=~', [s('abc'), s('ABC')]), true);
  assert.equal(call('!~', [s('aBc'), s('xyz')]), true);
  assert.equal(call('=~', [s('É'), s('é')]), false);
});

test('dynamic LHS is compared through its tostring text (kql-semantics.md §8.3)', () => {
  assert.equal(call('has', [dyn('{"nested":"true"}'), s('true')]), true);
  assert.equal(call('=~', [dyn('{"nested":"true"}'), s('true')]), false);
  assert.equal(call('=~', [dyn('"ABC"'), s('abc')]), true);
  assert.equal(call('contains', [['dynamic', null], s('x')]), false);
});

test('in / !in / in~ / !in~ (in-operator, in-cs-operator; kql-semantics.md §3.8)', () => {
  assert.equal(call('in', [s('Role'), s(''), s('Role')]), true);
  assert.equal(call('in', [s(''), s(''), s('Role')]), true, '"" is an ordinary value');
  assert.equal(call('in', [s('role'), s('Role')]), false, 'case-sensitive');
  assert.equal(call('in~', [s('role'), s('Role')]), true);
  assert.equal(call('!in~', [s('role'), s('Role')]), false);
  assert.equal(call('!in', [s('x'), s('a'), s('b')]), true);
  assert.equal(call('in', [s('b'), dyn('["a","b"]')]), true, 'dynamic arrays are flattened');
  assert.equal(call('in', [l(2n), l(1n), l(2n)]), true);
  assert.equal(call('in', [l(2n), dyn('[1, 2.0]')]), true, 'numbers by value across types');
  assert.equal(call('in', [i(3), l(3n)]), true);
  assert.equal(call('in', [['real', 1.5], ['decimal', '1.50']]), true);
  assert.equal(call('in', [l(null), l(1n), l(2n)]), false, 'long(null) in (1, 2) → false');
  assert.equal(call('!in', [l(null), l(1n), l(2n)]), true, 'long(null) !in (1, 2) → true');
  assert.equal(call('in', [['real', NaN], ['real', NaN]]), false, 'NaN == NaN is false');
  assert.equal(call('in', [['datetime', 5n], ['datetime', 5n]]), true);
  assert.equal(call('in', [dyn('"a"'), s('a')]), true, 'dynamic LHS against strings');
  assert.equal(call('in', [sr('b'), sr('a'), sr('b')]), true, 'non-constant list');
  assert.equal(call('in', [s('1'), dyn('[1]')]), true, 'string LHS: array elements by tostring (our choice)');
});

test('has_any / has_all: doc examples and empty lists (has-any-operator, has-all-operator; §3.5)', () => {
  assert.equal(call('has_any', [s('North America'), s('south'), s('north')]), true);
  assert.equal(call('has_all', [s('North and South America'), s('south'), s('north')]), true);
  assert.equal(call('has_all', [s('North America'), s('south'), s('north')]), false);
  assert.equal(call('has_any', [s('x'), dyn('[]')]), false);
  assert.equal(call('has_all', [s('x'), dyn('[]')]), true);
  assert.equal(call('has_any', [s('abc def'), dyn('["x","y","z","w","v","u","t","s","DEF"]')]), true, 'many single-term needles');
  assert.equal(call('has_any', [s('abc defg'), dyn('["x","y","z","w","v","u","t","s","DEF"]')]), false);
  assert.equal(call('has_any', [s('a.b.c'), s('b.c')]), true);
});

test('strcat, strcat_delim: doc examples (strcat-function, strcat-delim-function)', () => {
  assert.equal(call('strcat', [s('hello'), s(' '), s('world')], 'string'), 'hello world');
  assert.equal(call('strcat', [s('user/'), s('')], 'string'), 'user/');
  assert.equal(call('strcat', [s('a'), l(1n), ['timespan', 10_000_000n]], 'string'), 'a100:00:01');
  assert.equal(call('strcat', [s('a'), l(null)], 'string'), 'a');
  assert.equal(call('strcat_delim', [s('-'), l(1n), s('2'), s('A'), ['timespan', 10_000_000n]], 'string'), '1-2-A-00:00:01');
});

test('strlen counts code points (strlen-function doc examples)', () => {
  assert.equal(call('strlen', [s('hello')], 'long'), 5n);
  assert.equal(call('strlen', [s('⒦⒰⒮⒯⒪')], 'long'), 5n);
  assert.equal(call('strlen', [s('Çedilla')], 'long'), 7n);
  assert.equal(call('strlen', [s('C\u0327edilla')], 'long'), 8n, 'combining cedilla counts');
  assert.equal(call('strlen', [s('😀')], 'long'), 1n);
  assert.equal(call('string_size', [s('⒦⒰⒮⒯⒪')], 'long'), 15n, 'UTF-8 bytes (string-size-function)');
});

test('tolower / toupper (simple case mapping)', () => {
  assert.equal(call('tolower', [s('Hello')], 'string'), 'hello');
  assert.equal(call('toupper', [s('hello')], 'string'), 'HELLO');
  assert.equal(call('toupper', [s('straße')], 'string'), 'STRAßE');
  assert.equal(call('tolower', [s('ΟΔΟΣ')], 'string'), 'οδοσ', 'no final-sigma context rule');
});

test('substring: doc examples (substring-function) and clamping (our choice)', () => {
  assert.equal(call('substring', [s('123456'), l(1n)], 'string'), '23456');
  assert.equal(call('substring', [s('123456'), l(2n), l(2n)], 'string'), '34');
  assert.equal(call('substring', [s('ABCD'), l(0n), l(2n)], 'string'), 'AB');
  assert.equal(call('substring', [s('123456'), l(-2n), l(2n)], 'string'), '56');
  assert.equal(call('substring', [s('abc'), l(10n)], 'string'), '');
  assert.equal(call('substring', [s('abc'), l(1n), l(100n)], 'string'), 'bc');
  assert.equal(call('substring', [s('a😀b'), l(1n), l(1n)], 'string'), '😀', 'code points');
});

test('split: doc examples (split-function)', () => {
  assert.deepEqual(call('split', [s('aa_bb'), s('_')], 'dynamic'), ['aa', 'bb']);
  assert.deepEqual(call('split', [s('aaa_bbb_ccc'), s('_'), l(1n)], 'dynamic'), ['bbb']);
  assert.deepEqual(call('split', [s(''), s('_')], 'dynamic'), ['']);
  assert.deepEqual(call('split', [s('a__b'), s('_')], 'dynamic'), ['a', '', 'b']);
  assert.deepEqual(call('split', [s('aabbcc'), s('bb')], 'dynamic'), ['aa', 'cc']);
  assert.deepEqual(call('split', [s('a_b'), s('_'), l(5n)], 'dynamic'), [], 'missing index: empty array (our choice)');
});

test('indexof: the nine doc examples (indexof-function)', () => {
  assert.equal(call('indexof', [s('abcdefg'), s('cde')], 'long'), 2n);
  assert.equal(call('indexof', [s('abcdefg'), s('cde'), l(1n), l(4n)], 'long'), 2n);
  assert.equal(call('indexof', [s('abcdefg'), s('cde'), l(1n), l(2n)], 'long'), -1n);
  assert.equal(call('indexof', [s('abcdefg'), s('cde'), l(3n), l(4n)], 'long'), -1n);
  assert.equal(call('indexof', [s('abcdefg'), s('cde'), l(-5n)], 'long'), 2n);
  assert.equal(call('indexof', [l(1234567n), l(5n), l(1n), l(4n)], 'long'), 4n);
  assert.equal(call('indexof', [s('abcdefg'), s('cde'), l(2n), l(-1n)], 'long'), 2n);
  assert.equal(call('indexof', [s('abcdefgabcdefg'), s('cde'), l(1n), l(10n), l(2n)], 'long'), 9n);
  assert.equal(call('indexof', [s('abcdefgabcdefg'), s('cde'), l(1n), l(-1n), l(3n)], 'long'), -1n);
  assert.equal(call('indexof', [s('abc'), s('b'), l(0n), l(-2n)], 'long'), null, 'length < -1 → null');
  assert.equal(call('indexof', [s('abc'), s('b'), l(0n), l(-1n), l(-1n)], 'long'), null, 'occurrence < 0 → null');
});

test('strrep, reverse, strcmp, replace_string, translate (their doc pages)', () => {
  assert.equal(call('strrep', [s('ABC'), l(2n)], 'string'), 'ABCABC');
  assert.equal(call('strrep', [l(123n), l(3n), s('.')], 'string'), '123.123.123');
  assert.equal(call('strrep', [['timespan', 30_000_000n], l(2n), s(' ')], 'string'), '00:00:03 00:00:03');
  assert.equal((call('strrep', [s('a'), l(5000n)], 'string') as string).length, 1024, 'capped at 1024');
  assert.equal(call('reverse', [s('ABC')], 'string'), 'CBA');
  assert.equal(call('reverse', [l(123n)], 'string'), '321');
  assert.equal(call('strcmp', [s('ABC'), s('ABC')], 'long'), 0n);
  assert.equal(call('strcmp', [s('abc'), s('ABC')], 'long'), 1n, 'ordinal');
  assert.equal(call('strcmp', [s('ABC'), s('abc')], 'long'), -1n);
  assert.equal(call('replace_string', [s('A magic trick can turn a cat into a dog'), s('cat'), s('hamster')], 'string'), 'A magic trick can turn a hamster into a dog');
  assert.equal(call('replace_string', [s('aaa'), s('aa'), s('b')], 'string'), 'ba', 'non-overlapping, left to right');
  assert.equal(call('translate', [s('abc'), s('x'), s('abc')], 'string'), 'xxx');
  assert.equal(call('translate', [s('abc'), s(''), s('ab')], 'string'), '');
  assert.equal(call('translate', [s('krasp'), s('otsku'), s('spark')], 'string'), 'kusto');
});

test('url_encode / url_encode_component / url_decode (their doc examples)', () => {
  assert.equal(call('url_encode', [s('https://www.bing.com/hello world')], 'string'), 'https%3a%2f%2fwww.bing.com%2fhello+world');
  assert.equal(call('url_encode_component', [s('https://www.bing.com/hello world')], 'string'), 'https%3a%2f%2fwww.bing.com%2fhello%20world');
  assert.equal(call('url_decode', [s('https%3a%2f%2fwww.bing.com%2f')], 'string'), 'https://www.bing.com/');
  assert.equal(call('url_decode', [s('a+b%C3%A9%zz')], 'string'), 'a bé%zz');
});

test('base64_encode_tostring / base64_decode_tostring (their doc examples)', () => {
  assert.equal(call('base64_encode_tostring', [s('Kusto1')], 'string'), 'S3VzdG8x');
  assert.equal(call('base64_decode_tostring', [s('S3VzdG8x')], 'string'), 'Kusto1');
  assert.equal(call('base64_decode_tostring', [s('S3VzdG8=')], 'string'), 'Kusto');
  assert.equal(call('base64_decode_tostring', [s('U3RyaW5n0KHR0tGA0L7Rh9C60LA=')], 'string'), '', 'invalid UTF-8 → null, i.e. ""');
  assert.equal(call('base64_decode_tostring', [s('not base64!')], 'string'), '', 'invalid base64 → "" (our choice)');
  assert.equal(call('base64_encode_tostring', [s('Строчка')], 'string'), '0KHRgtGA0L7Rh9C60LA=');
});

test('strcat_array and unicode_codepoints_from_string', () => {
  assert.equal(call('strcat_array', [dyn('[1, 2, 3]'), s('->')], 'string'), '1->2->3');
  assert.equal(call('strcat_array', [dyn('["a", "b"]'), s(',')], 'string'), 'a,b');
  assert.equal(JSON.stringify((call('unicode_codepoints_from_string', [s('⒦⒰')], 'dynamic') as { value: number }[]).map((d) => d.value)), '[9382,9392]');
});

test('replace_strings: doc examples, earlier lookups take precedence (replace-strings-function)', () => {
  const msg = 'A magic trick can turn a cat into a dog';
  assert.equal(call('replace_strings', [s(msg), dyn('["cat", "dog"]'), dyn('["dog", "pigeon"]')], 'string'), 'A magic trick can turn a dog into a pigeon');
  assert.equal(call('replace_strings', [s(msg), dyn('["turn", " into a dog"]'), dyn('["disappear", ""]')], 'string'), 'A magic trick can disappear a cat');
  const m2 = 'This is an example of using replace_strings()';
  assert.equal(call('replace_strings', [s(m2), dyn('["This", "is"]'), dyn('["This", "was"]')], 'string'), 'This was an example of using replace_strings()');
  assert.equal(call('replace_strings', [s(m2), dyn('["is", "This"]'), dyn('["was", "This"]')], 'string'), 'Thwas was an example of using replace_strings()');
  assert.equal(call('replace_strings', [s(msg), dyn('["cat", "dog"]'), dyn('[1, "pigeon"]')], 'string'), 'A magic trick can turn a cat into a pigeon', 'non-string rewrite: no replacement');
});

// No clock in the assertion (these machines are noisy): the quadratic code took some 10 minutes
// for 10^6 matches, far past the test's timeout, and the linear one well under a second.
test('replace_strings: a text of 1,000,000 matches is replaced in one pass, earlier lookups still first (a claim was checked against every earlier claim: quadratic, 200,000 matches took 25 s; extreme-argument sweep)', { timeout: 60_000 }, () => {
  const text = 'ab'.repeat(500_000);
  const out = call('replace_strings', [s(text), dyn('["a", "ab", "b"]'), dyn('["x", "never", "y"]')], 'string') as string;
  assert.equal(out, 'xy'.repeat(500_000));
  assert.equal(call('replace_strings', [s('abab'), dyn('["ba", "a", "b"]'), dyn('["-", "x", "y"]')], 'string'), 'x-y', 'lookup 0 claims "ba"; "a" and "b" take the rest');
});

test('has_any_index: the doc examples (has-any-index-function)', () => {
  assert.equal(call('has_any_index', [s('this is an example'), dyn('["this", "example"]')], 'long'), 0n);
  assert.equal(call('has_any_index', [s('this is an example'), dyn('["not", "example"]')], 'long'), 1n);
  assert.equal(call('has_any_index', [s('this is an example'), dyn('["not", "found"]')], 'long'), -1n);
  assert.equal(call('has_any_index', [s('Example number 2'), dyn('[1, 2, 3]')], 'long'), 1n);
  assert.equal(call('has_any_index', [s('this is an example'), dyn('[]')], 'long'), -1n);
});

test('isascii, isutf8, unicode_codepoints_to_string and deprecated aliases (their doc pages)', () => {
  assert.equal(call('isascii', [s('some string')]), true);
  assert.equal(call('isascii', [s('Ωmega')]), false);
  assert.equal(call('isutf8', [s('some string é')]), true);
  assert.equal(call('isutf8', [s('bad \uD800 surrogate')]), false);
  assert.equal(call('unicode_codepoints_to_string', [l(75n), l(117n), l(115n), l(116n), l(111n)], 'string'), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', [dyn('[75, 117, 115, 116, 111]')], 'string'), 'Kusto');
  assert.equal(call('unicode_codepoints_to_string', [dyn('[79, 76]'), l(65n)], 'string'), 'OLA');
  assert.equal(call('make_string', [l(75n)], 'string'), 'K');
  assert.equal(call('base64_encodestring', [s('Kusto')], 'string'), 'S3VzdG8=');
  assert.equal(call('base64_decodestring', [s('S3VzdG8=')], 'string'), 'Kusto');
  assert.equal(JSON.stringify((call('to_utf8', [s('K')], 'dynamic') as { value: number }[]).map((d) => d.value)), '[75]');
});

test('in / has_any with a per-run list (subquery column): the same array on every row, and a changed one', async () => {
  const { lookupScalarFunction } = await import('../../../src/kql/functions/index.ts');
  const fn = lookupScalarFunction('in').bind([{ type: 'string', constant: false }, { type: 'dynamic', constant: false }], 'bool');
  const list1 = ['a', 'b'];
  const ctx = { now: 0n };
  assert.equal(fn(['a', list1], ctx), true);
  assert.equal(fn(['c', list1], ctx), false);
  assert.equal(fn(['c', ['c']], ctx), true, 'a different list is not served from the memo');
  const any = lookupScalarFunction('has_any').bind([{ type: 'string', constant: false }, { type: 'dynamic', constant: false }], 'bool');
  assert.equal(any(['x y', ['y']], ctx), true);
  assert.equal(any(['x y', ['z']], ctx), false);
});

test('documented choices where the docs are silent (each marked "our choice" in strings.ts)', () => {
  assert.equal(call('has_any', [s('a b'), dyn('[null, "b"]')]), true, 'null list elements are skipped');
  assert.equal(call('has_all', [s('a b'), dyn('[null, "b"]')]), true);
  assert.equal(call('tolower', [s('İ')], 'string'), 'i', 'simple lower-case mapping of U+0130');
  assert.equal(call('indexof', [s('abcabc'), s('b'), l(0n), l(-1n), l(0n)], 'long'), 1n, 'occurrence 0 acts as 1');
  assert.equal(call('indexof', [s('abc'), s('b'), l(10n)], 'long'), -1n, 'start beyond the end');
  assert.equal(call('indexof', [s('abc'), s(''), l(1n)], 'long'), 1n, 'empty lookup is found at start (.NET IndexOf)');
  assert.equal(call('replace_string', [s('abc'), s(''), s('x')], 'string'), 'abc', 'empty lookup: unchanged');
  assert.equal(call('strrep', [s('a'), l(0n)], 'string'), '', 'multiplier below 1');
  assert.deepEqual(call('split', [s('abc'), s('')], 'dynamic'), ['abc'], 'empty delimiter');
  assert.deepEqual(call('split', [s('a_b'), s('_'), l(-1n)], 'dynamic'), [], 'negative index');
  assert.equal(call('countof', [s('abc'), s('')], 'long'), 0n, 'empty search');
  assert.equal(call('unicode_codepoints_to_string', [l(0xd800n)], 'string'), '', 'a surrogate is not a code point');
});

test('parse_url: the doc example, and the service outputs quoted in microsoft/Kusto-Query-Language#112', () => {
  const bag = (v: unknown) => JSON.stringify([...(v as Map<string, unknown>)].map(([k, x]) => [k, x instanceof Map ? [...x] : x]));
  assert.equal(bag(call('parse_url', [s('scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment')], 'dynamic')),
    JSON.stringify([['Scheme', 'scheme'], ['Host', 'host'], ['Port', '1234'], ['Path', '/this/is/a/path'], ['Username', 'username'],
      ['Password', 'password'], ['Query Parameters', [['k1', 'v1'], ['k2', 'v2']]], ['Fragment', 'fragment']]));
  assert.equal(bag(call('parse_url', [s('https://john.doe@www.example.com:123/forum/questions/?tag=networking&order=newest#top')], 'dynamic')),
    JSON.stringify([['Scheme', 'https'], ['Host', 'john.doe@www.example.com'], ['Port', '123'], ['Path', '/forum/questions/'], ['Username', ''],
      ['Password', ''], ['Query Parameters', [['order', 'newest'], ['tag', 'networking']]], ['Fragment', 'top']]));
  assert.equal(bag(call('parse_url', [s('ldap://[2001:db8::7]/c=GB?objectClass?one')], 'dynamic')),
    JSON.stringify([['Scheme', 'ldap'], ['Host', '[2001:db8:'], ['Port', '7]'], ['Path', '/c=GB'], ['Username', ''], ['Password', ''],
      ['Query Parameters', []], ['Fragment', '']]));
  for (const u of ['mailto:John.Doe@example.com', 'urn:oasis:names:specification:docbook:dtd:xml:4.1.2', 'bing.com', '']) {
    const v = call('parse_url', [s(u)], 'dynamic') as Map<string, unknown>;
    assert.deepEqual([...v.values()].filter((x) => !(x instanceof Map)), ['', '', '', '', '', '', ''], u);
  }
});

test('parse_urlquery: doc example; values are URL-decoded, repeated names joined (HttpUtility.ParseQueryString model)', () => {
  const q = (text: string) => [...((call('parse_urlquery', [s(text)], 'dynamic') as Map<string, Dyn>).get('Query Parameters') as Map<string, Dyn>)];
  assert.deepEqual(q('k1=v1&k2=v2&k3=v3'), [['k1', 'v1'], ['k2', 'v2'], ['k3', 'v3']]);
  assert.deepEqual(q('a=x%20y&b=1+2&a=z'), [['a', 'x y,z'], ['b', '1 2']]);
  assert.deepEqual(q('?view=1'), [['?view', '1']], 'a leading ? stays in the name (docs issue #1056)');
});

test('base64_decode_toarray / base64_encode_fromarray: doc examples', () => {
  assert.deepEqual(call('base64_decode_toarray', [s('S3VzdG8=')], 'dynamic'), [75n, 117n, 115n, 116n, 111n]);
  const bytes = call('base64_decode_toarray', [s('S3VzdG8=')], 'dynamic');
  assert.equal(call('base64_encode_fromarray', [['dynamic', bytes]], 'string'), 'S3VzdG8=');
  const bad = call('base64_decode_toarray', [s('U3RyaW5n0KHR0tGA0L7Rh9C60LA')], 'dynamic');
  assert.equal(bad, null);
  assert.equal(call('base64_encode_fromarray', [['dynamic', bad]], 'string'), '', 'the doc example prints an empty result');
  assert.equal(call('base64_encode_fromarray', [dyn('[300]')], 'string'), '', 'not a byte (our choice)');
});

// Many needles (the extreme-argument sweep's pairs mode: has_any_index of a 100,000-character
// text and range(1, 100000, 1) hung): each needle used to be searched for in the whole text, a
// product of the two; the text's terms are now looked up in a map of the needles (terms.ts,
// TermSearch). Each case below is ~10^10 steps that way: the test's timeout, not an assertion, stands
// for the time.
const NUMBERS = Array.from({ length: 100_000 }, (_, k) => String(k + 1));
const NUMBER_TEXT = NUMBERS.join(' ');
const NUMBER_LIST = ['dynamic', NUMBERS] as ['dynamic', Dyn];

test('has_any_index, has_any, has_all: 100,000 needles over a 600,000-character text, constant and per row', { timeout: 60_000 }, () => {
  const rowList = ['dynamic', NUMBERS, 'row'] as ['dynamic', Dyn, 'row'];
  for (const list of [NUMBER_LIST, rowList]) {
    assert.equal(call('has_any_index', [s('a'.repeat(100_000)), list], 'long'), -1n);
    assert.equal(call('has_any_index', [s(`${'a '.repeat(300_000)}100000`), list], 'long'), 99_999n);
    assert.equal(call('has_all', [s(NUMBER_TEXT), list]), true);
    assert.equal(call('has_all', [s(NUMBER_TEXT.replace(' 777 ', ' ')), list]), false);
    assert.equal(call('has_any', [s('a'.repeat(600_000)), list]), false);
    assert.equal(call('has_any', [s(`${'a '.repeat(300_000)}100000`), list]), true);
  }
});

test('has_any_index over many needles: the first in the list, not in the text; phrases and terms in list order', () => {
  const terms = ['a1', 'b1', 'c1', 'd1', 'e1', 'f1', 'g1', 'h1', 'i1'];
  const list = (xs: unknown[]) => ['dynamic', xs as Dyn] as ['dynamic', Dyn];
  assert.equal(call('has_any_index', [s('z y'), list([...terms, 'y', 'z', 'y'])], 'long'), 9n);
  assert.equal(call('has_any_index', [s('Z Y'), list([...terms, 'z', 'y'])], 'long'), 9n);
  assert.equal(call('has_any_index', [s('x.y i1'), list(['x.y', ...terms])], 'long'), 0n);
  assert.equal(call('has_any_index', [s('x.y i1'), list([...terms, 'x.y'])], 'long'), 8n);
  assert.equal(call('has_any_index', [s('ax.y'), list([...terms, 'x.y', null, ''])], 'long'), 11n, 'a phrase needs term boundaries too; the empty needle matches');
  assert.equal(call('has_any_index', [s('x.y'), list([null, ...terms, 'x.y'])], 'long'), 10n);
  assert.equal(call('has_all', [s('x.y a1 b1 c1 d1 e1 f1 g1 h1 i1'), list([...terms, 'x.y'])]), true);
  assert.equal(call('has_all', [s('x.y a1 b1 c1 d1 e1 f1 g1 h1'), list([...terms, 'x.y'])]), false);
  assert.equal(call('has_all', [s('a1 b1 c1 d1 e1 f1 g1 h1 i1'), list([...terms, 'x.y'])]), false);
});
