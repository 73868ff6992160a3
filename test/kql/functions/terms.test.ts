import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asciiEqualsIgnoreCase, asciiIndexOf, asciiLower, containsMatcher, matchTerm, someTerm, termMatcher } from '../../../src/kql/functions/terms.ts';

const has = (l: string, n: string) => termMatcher(n, false)(l);
const hasCs = (l: string, n: string) => termMatcher(n, true)(l);

test('has: documented examples (learn.microsoft.com/kusto/query/has-operator, has-cs-operator, datatypes-string-operators)', () => {
  assert.equal(has('North America', 'america'), true);
  assert.equal(has('North America', 'amer'), false);
  assert.equal(hasCs('North America', 'America'), true);
  assert.equal(hasCs('North America', 'america'), false);
  assert.equal(has('KustoExplorerQueryRun', 'Explorer'), false);
  assert.equal(has('Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun', 'c1db'), true);
  assert.equal(has('Kusto: ad67d136-c1db-4f9f-88ef-d94f3b6b0b5a;KustoExplorerQueryRun', 'kustoexplorerqueryrun'), true);
});

test('has with punctuated needles is a phrase anchored at term boundaries (kql-semantics.md §3.3 table, issue #1005)', () => {
  const n = 'health.amazonaws.com';
  assert.equal(has('health.amazonaws.com', n), true);
  assert.equal(has('ec2.health.amazonaws.com', n), true);
  assert.equal(has('xhealth.amazonaws.com', n), false);
  assert.equal(has('health.amazonaws.com.evil.net', n), true);
  assert.equal(has('health.amazonaws.com2', n), false);
  assert.equal(has('HEALTH.AMAZONAWS.COM', n), true);
  assert.equal(has('health-amazonaws-com', n), false);
  assert.equal(has('203.0.113.10', n), false);
  assert.equal(has('DescribeEventAggregates', 'DescribeEventAggregates'), true);
  assert.equal(has('DescribeEventAggregatesV2', 'DescribeEventAggregates'), false);
  assert.equal(has('foo_bar', 'foo'), true, '_ is a delimiter (§3.2)');
  assert.equal(has('10.1.2.3', '1.2.3'), true);
  const url = 'https://management.azure.com/subscriptions/0000/resourcegroups/test.rg000001?api-version=2021-04-01';
  assert.equal(has(url, 'resourcegroups/test.rg000001'), true);
  assert.equal(has(url, '/resourcegroups/test.rg000001?'), true);
  assert.equal(has('North America', 'North America'), true);
});

test('a later occurrence can satisfy the boundaries when an earlier one does not (§3.3 "for each position")', () => {
  assert.equal(has('xabc abc', 'abc'), true);
  assert.equal(has('abcx abcy', 'abc'), false);
});

test('case folding is ASCII only (learn.microsoft.com/kusto/query/equals-operator: "only for ASCII-text")', () => {
  assert.equal(has('ÉCOLE', 'école'), false);
  assert.equal(has('école', 'école'), true);
  assert.equal(asciiEqualsIgnoreCase('ABC', 'abc'), true);
  assert.equal(asciiEqualsIgnoreCase('É', 'é'), false);
  assert.equal(asciiEqualsIgnoreCase('K', '\u212A'), false, 'Kelvin sign is not k');
});

test('non-ASCII letters are delimiters (ASCII terms, §3.2)', () => {
  assert.equal(has('caféx', 'caf'), true);
  assert.equal(has('naïve', 've'), true);
});

test('hasprefix / hassuffix: documented examples (hasprefix-operator, hassuffix-operator, !hasprefix)', () => {
  assert.equal(termMatcher('ame', false, 'prefix')('North America'), true);
  assert.equal(termMatcher('mer', false, 'prefix')('North America'), false);
  assert.equal(termMatcher('ica', false, 'suffix')('North America'), true);
  assert.equal(termMatcher('ame', false, 'suffix')('North America'), false);
  assert.equal(termMatcher('Ame', true, 'prefix')('North America'), true);
  assert.equal(termMatcher('ame', true, 'prefix')('North America'), false);
  assert.equal(termMatcher('a.b', false, 'prefix')('x a.bc'), true, 'phrase with left boundary only (§3.4)');
  assert.equal(termMatcher('a.b', false, 'prefix')('xa.bc'), false);
});

test('empty needle matches (our choice; docs silent, kql-semantics.md §3.3 recommendation)', () => {
  assert.equal(has('abc', ''), true);
  assert.equal(has('', ''), true);
  assert.equal(has('', 'a'), false);
});

test('ASCII helpers: asciiLower, asciiIndexOf, matchTerm with pre-folded needle, someTerm', () => {
  assert.equal(asciiLower('AbC-É'), 'abc-É');
  const s = 'already lower';
  assert.equal(asciiLower(s), s);
  assert.equal(asciiIndexOf('FabriKam', 'brik'), 2);
  assert.equal(asciiIndexOf('FabriKam', 'x'), -1);
  assert.equal(asciiIndexOf('abc', '', 1), 1);
  assert.equal(matchTerm('A B', 'b', false, 'term'), true);
  const terms: string[] = [];
  someTerm('a-bc  d9_', (st, en) => { terms.push('a-bc  d9_'.slice(st, en)); return false; });
  assert.deepEqual(terms, ['a', 'bc', 'd9']);
});

test('compiled matchers agree with matchTerm on boundary and case cases (kql-semantics.md §3.3)', () => {
  const hays = ['health.amazonaws.com', 'ec2.health.amazonaws.com', 'xhealth.amazonaws.com', 'HEALTH.AMAZONAWS.COM2', 'a health.amazonaws.com b',
    'ſtatus', 'K', 'k', '\u212A', '(x) [y] {z}', 'a.b', 'foo_bar', '', 'North America'];
  const needles = ['health.amazonaws.com', 'k', 's', 'status', '(x)', '[y] {z}', 'a.b', 'foo', 'america', 'ame', 'ica', '.', 'a'];
  for (const mode of ['term', 'prefix', 'suffix'] as const) {
    for (const cs of [false, true]) {
      for (const n of needles) {
        const m = termMatcher(n, cs, mode);
        for (const h of hays) assert.equal(m(h), matchTerm(h, cs ? n : asciiLower(n), cs, mode), `${mode} ${cs} ${n} in ${h}`);
      }
    }
  }
  for (const n of needles) {
    for (const h of hays) {
      assert.equal(containsMatcher(n, false)(h), asciiIndexOf(h, asciiLower(n)) >= 0, `contains ${n} in ${h}`);
      assert.equal(containsMatcher(n, true)(h), h.includes(n));
    }
  }
  assert.equal(termMatcher('k', false)('\u212A'), false, 'no non-ASCII folding (equals-operator: ASCII only)');
  assert.equal(termMatcher('s', false)('ſ'), false);
});
