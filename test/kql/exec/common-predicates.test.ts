/**
 * What several lists of pre-filter predicates all imply (src/kql/exec/common-predicates.ts): a
 * reader may keep extra rows, never drop one a list needs (src/kql/scan.ts), so only predicates
 * every list implies are used.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPredicates, implies } from '../../../src/kql/exec/common-predicates.ts';
import type { ScanPredicate } from '../../../src/kql/scan.ts';

const IN = (values: string[], caseInsensitive = false, column = 'EventName'): ScanPredicate => ({ kind: 'in', column, values, caseInsensitive });
const HAS: ScanPredicate = { kind: 'has', column: 'UserAgent', term: 'aws-cli', caseSensitive: false, negated: false };

test('`in` implies an `in` of more values on the column; equal implies equal ignoring case, not the other way round', () => {
  assert.equal(implies(IN(['A']), IN(['A', 'B'])), true);
  assert.equal(implies(IN(['A', 'C']), IN(['A', 'B'])), false);
  assert.equal(implies(IN(['A']), IN(['a'], true)), true);
  assert.equal(implies(IN(['a'], true), IN(['A'])), false, '=~ "a" holds for "A", which == "A"... but also for "a", which does not');
  assert.equal(implies(IN(['A']), IN(['A'], false, 'EventSource')), false);
});

test('lists that all test a column with `in` share the union of their values (ignoring case when one does)', () => {
  assert.deepEqual(commonPredicates([[IN(['A'])], [IN(['B', 'A'])]]), [IN(['B', 'A'])], 'one list\'s own `in` that the other implies');
  assert.deepEqual(commonPredicates([[IN(['A'])], [IN(['b'], true)]]), [IN(['A', 'b'], true)]);
  // the tightest `in` of a list on the column is the one taken
  assert.deepEqual(commonPredicates([[IN(['A', 'B', 'C']), IN(['A'])], [IN(['D'])]]), [IN(['A', 'D'])]);
  // a list without an `in` on the column: no union (its rows may have any value)
  assert.deepEqual(commonPredicates([[IN(['A'])], [HAS]]), []);
  assert.deepEqual(commonPredicates([[IN(['A']), HAS], [IN(['B']), HAS]]), [HAS, IN(['A', 'B'])]);
  // the same list everywhere: itself, once
  assert.deepEqual(commonPredicates([[IN(['A']), HAS], [IN(['A']), HAS]]), [IN(['A']), HAS]);
  assert.deepEqual(commonPredicates([]), []);
  assert.deepEqual(commonPredicates([[IN(['A'])], []]), []);
});

test('has "X" implies has "x" ignoring case; case folds ASCII letters only (datatypes-string-operators: case-insensitive operators support ASCII text), for in~ and has alike', () => {
  const has = (term: string, caseSensitive = false): ScanPredicate => ({ kind: 'has', column: 'UserAgent', term, caseSensitive, negated: false });
  assert.equal(implies(has('AWS'), has('aws')), true);
  assert.equal(implies(has('AWS', true), has('aws')), true);
  assert.equal(implies(has('aws'), has('AWS', true)), false);
  assert.equal(implies(has('É'), has('é')), false, 'non-ASCII letters are not folded');
  assert.equal(implies(IN(['É']), IN(['é'], true)), false);
  assert.equal(implies(IN(['É'], false, 'UserAgent'), has('é')), false);
  assert.deepEqual(commonPredicates([[has('aws')], [has('AWS')]]), [has('aws')]);
});
