/**
 * One read for several rules: only predicates implied by every rule's pre-filter are used, so no
 * row a rule needs is dropped (ScanPredicate contract, src/kql/scan.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commonPredicates, implies } from '../../src/kql/exec/common-predicates.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import type { ReadGroup } from '../../src/detect/shared-read.ts';

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

test('planReads: groups whose pre-filters share one that keeps given values stay in one read (the built-in rules)', async () => {
  const { planReads } = await import('../../src/detect/shared-read.ts');
  assert.deepEqual(planReads([{ predicates: [HAS, NOT_HEALTH], columns: new Set(['EventName']) }, { predicates: [EQ, NOT_HEALTH], columns: undefined }]), [[0, 1]]);
  // a shared negated has keeps most records: that is no reason for one read
  const other: ScanPredicate = { kind: 'in', column: 'SourceIpAddress', values: ['198.51.100.7'], caseInsensitive: false };
  assert.deepEqual(planReads([{ predicates: [EQ, NOT_HEALTH], columns: undefined }, { predicates: [other, NOT_HEALTH], columns: undefined }]), [[0], [1]]);
  assert.deepEqual(planReads([{ predicates: [], columns: undefined }]), [[0]]);
});

test('planReads: one read per column tested by `in`, the groups without one last; a column\'s groups join them when their columns are read there anyway', async () => {
  const { planReads } = await import('../../src/detect/shared-read.ts');
  const inOf = (column: string, ...values: string[]): ScanPredicate => ({ kind: 'in', column, values, caseInsensitive: false });
  const agents: ScanPredicate = { kind: 'has', column: 'UserAgent', term: 'aws', caseSensitive: false, negated: false };
  const reads = planReads([
    { predicates: [], columns: new Set(['TimeGenerated', 'UserAgent', 'EventSource']) }, // 0: every row
    { predicates: [inOf('EventName', 'GetObject')], columns: undefined }, // 1
    { predicates: [inOf('EventName', 'A', 'B'), inOf('SourceIpAddress', 'x', 'y', 'z')], columns: new Set(['EventName']) }, // 2: EventName has fewer values
    { predicates: [inOf('SourceIpAddress', '198.51.100.7')], columns: undefined }, // 3
    { predicates: [agents], columns: new Set(['UserAgent']) }, // 4: no `in`
    { predicates: [inOf('EventSource', 'iam.amazonaws.com')], columns: new Set(['EventSource', 'TimeGenerated']) }, // 5: read by 0's read anyway
  ]);
  assert.deepEqual(reads, [[1, 2], [3], [0, 4, 5]]);
});

test('planReads: at most MAX_READS reads, every group in exactly one, the largest columns kept apart', async () => {
  const { planReads, MAX_READS } = await import('../../src/detect/shared-read.ts');
  const inOf = (column: string): ScanPredicate => ({ kind: 'in', column, values: ['v'], caseInsensitive: false });
  const columns = ['EventName', 'EventSource', 'SourceIpAddress', 'UserAgent', 'ErrorCode', 'AWSRegion'];
  for (const withAll of [false, true]) {
    const groups: ReadGroup[] = columns.flatMap((c, k) => Array.from({ length: k + 1 }, () => ({ predicates: [inOf(c)], columns: undefined })));
    if (withAll) groups.push({ predicates: [], columns: new Set(['TimeGenerated']) });
    const reads = planReads(groups);
    assert.equal(reads.length, MAX_READS);
    assert.deepEqual(reads.flat().sort((a, b) => a - b), groups.map((_, i) => i));
    // the classes kept apart are the largest (AWSRegion's 6 groups, ErrorCode's 5, ...)
    assert.deepEqual(reads[0]!.map((i) => (groups[i]!.predicates[0] as { column: string }).column), Array(6).fill('AWSRegion'));
    if (withAll) assert.ok(reads[MAX_READS - 1]!.includes(groups.length - 1), 'the read of every row is last');
  }
  // a group that reads every row at every column: one read maps everything anyway
  assert.deepEqual(planReads([{ predicates: [inOf('EventName')], columns: new Set(['EventName']) }, { predicates: [], columns: undefined }]), [[0, 1]]);
});
