/**
 * The generated Unicode tables (src/kql/regex/unicode-tables.ts) are what this Node computes from
 * its own tables, and the sets mean what the Kusto regex page says.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeCaseOrbits, computeClassSet, DIGIT_CLASS, SPACE_CLASS, WORD_CLASS } from '../../../src/kql/regex/unicode.ts';
import { CASE_ORBITS, DIGIT, SPACE, UNICODE_VERSION, WORD } from '../../../src/kql/regex/unicode-tables.ts';
import { compileKustoRegex } from '../../../src/kql/functions/regex.ts';

test('the committed tables equal this Node\'s Unicode tables (regenerate with scripts/gen-unicode-tables.ts)', { timeout: 120_000 }, (t) => {
  if (process.versions.unicode !== UNICODE_VERSION) {
    t.skip(`tables made from Unicode ${UNICODE_VERSION}, this Node has ${process.versions.unicode}`);
    return;
  }
  assert.deepEqual(DIGIT, computeClassSet(DIGIT_CLASS));
  assert.deepEqual(SPACE, computeClassSet(SPACE_CLASS));
  assert.deepEqual(WORD, computeClassSet(WORD_CLASS));
  assert.deepEqual(CASE_ORBITS, computeCaseOrbits());
});

test('case folding: simple folding orbits, classes folded before negation (learn.microsoft.com/kusto/query/regex "Flags": i)', () => {
  const m = (p: string, s: string) => compileKustoRegex(p).test(s);
  assert.equal(m('^(?i)k$', '\u212A'), true, 'K, k and the Kelvin sign fold together');
  assert.equal(m('^(?i)s$', '\u017F'), true, 'long s folds with s');
  assert.equal(m('^(?i)i$', '\u0131'), false, 'dotless i has no simple folding to i');
  assert.equal(m('^(?i)σ$', 'ς'), true, 'final sigma');
  assert.equal(m('^(?i)[^k]$', 'K'), false);
  assert.equal(m('^(?i)[^k]$', '\u212A'), false);
  assert.equal(m(String.raw`^(?i)\p{Lu}$`, 'a'), true, 'a Unicode class is folded under (?i)');
  assert.equal(m(String.raw`^(?i)\P{Lu}$`, 'a'), false, '... before it is negated');
  assert.equal(m('^(?i)[[:upper:]]$', 'a'), true, 'POSIX classes too');
  assert.equal(m('^x(?i:straße)$', 'xSTRASSE'), false, 'simple folding only: ß is not ss');
});

test('\\d, \\s, \\w are Unicode sets (regex page: "\\d Digit (\\p{Nd})"); POSIX classes are ASCII', () => {
  const m = (p: string, s: string) => compileKustoRegex(p).test(s);
  assert.equal(m(String.raw`^\d+$`, '١٢٣߀'), true);
  assert.equal(m(String.raw`^\w+$`, 'naïve_Straße١'), true);
  assert.equal(m(String.raw`^\w$`, '\u200D'), true, 'Join_Control is a word character');
  assert.equal(m(String.raw`^\s$`, '\u2028'), true);
  assert.equal(m(String.raw`^\s$`, '\u200B'), false, 'zero width space is not White_Space');
  assert.equal(m('^[[:digit:]]$', '١'), false);
  assert.equal(m('^[[:word:]]$', 'é'), false);
});
