/**
 * One read for several rules: only predicates implied by every rule's pre-filter are used, so no
 * row a rule needs is dropped (ScanPredicate contract, src/kql/scan.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPredicates, implies } from '../../src/kql/exec/common-predicates.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';

const HAS: ScanPredicate = { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false };
const EQ: ScanPredicate = { kind: 'in', column: 'EventName', values: ['DescribeEventAggregates'], caseInsensitive: false };
const NOT_HEALTH: ScanPredicate = { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true };

test('== "X" implies has "X" (a whole value equal to the term has it); not the other way round', () => {
  assert.equal(implies(EQ, HAS), true);
  assert.equal(implies(HAS, EQ), false);
  assert.equal(implies({ ...EQ, values: ['DescribeEventAggregatesV2'] }, HAS), false);
  assert.equal(implies(EQ, { ...HAS, negated: true }), false);
});

test('the two built-in rules share one read: has DescribeEventAggregates and not has health.amazonaws.com', () => {
  assert.deepEqual(commonPredicates([[HAS, NOT_HEALTH], [EQ, NOT_HEALTH]]), [HAS, NOT_HEALTH]);
  assert.deepEqual(commonPredicates([[HAS], []]), [], 'a rule that reads everything makes the shared read unfiltered');
});

test('the shared read maps the union of the rules\' columns and what the reader itself needs; a rule reading all makes it read all', async () => {
  const { sharedColumns } = await import('../../src/detect/shared-read.ts');
  assert.deepEqual([...sharedColumns([new Set(['EventName']), new Set(['SourceIpAddress', 'EventName'])], ['TimeGenerated'])!].sort(), ['EventName', 'SourceIpAddress', 'TimeGenerated']);
  assert.deepEqual([...sharedColumns([new Set()], [])!], [], 'rules that count read no column');
  assert.equal(sharedColumns([new Set(['EventName']), undefined], ['TimeGenerated']), undefined);
});
