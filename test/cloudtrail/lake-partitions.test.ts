/**
 * Which Security Lake partition folders can hold a row of a scan (lake-partitions.ts): a folder is
 * left out only when every row in it fails a pushed-down predicate (src/kql/scan.ts: the reader
 * may keep rows the query drops, never drop one it keeps).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionFilterOf, partitionMayHold, prunesNothing } from '../../src/cloudtrail/lake-partitions.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';

const t = (iso: string) => isoToTicks(iso)!;

test('a day or hour folder is kept when any instant of it is in the range; bounds exact to the tick', () => {
  const f = partitionFilterOf([{ kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T00:00:00Z'), minInclusive: true, max: t('2023-07-11T00:00:00Z'), maxInclusive: false }]);
  assert.equal(partitionMayHold('eventDay=20230709', f), false);
  assert.equal(partitionMayHold('eventDay=20230710', f), true);
  // < midnight: the next day's first tick is out
  assert.equal(partitionMayHold('eventDay=20230711', f), false);
  assert.equal(partitionMayHold('eventHour=2023070923', f), false);
  assert.equal(partitionMayHold('eventHour=2023071000', f), true);
  assert.equal(partitionMayHold('eventHour=2023071023', f), true);
  assert.equal(partitionMayHold('eventHour=2023071100', f), false);
  const incl = partitionFilterOf([{ kind: 'timeRange', column: 'TimeGenerated', max: t('2023-07-11T00:00:00Z'), maxInclusive: true }]);
  assert.equal(partitionMayHold('eventDay=20230711', incl), true);
  assert.equal(partitionMayHold('eventDay=20230712', incl), false);
  // > the last tick of a day: that day is out
  const after = partitionFilterOf([{ kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T23:59:59.9999999Z'), minInclusive: false }]);
  assert.equal(partitionMayHold('eventDay=20230710', after), false);
  assert.equal(partitionMayHold('eventDay=20230711', after), true);
});

test('two ranges are both applied; a range on another column prunes nothing', () => {
  const f = partitionFilterOf([
    { kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-01T00:00:00Z') },
    { kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T00:00:00Z') },
    { kind: 'timeRange', column: 'SessionCreationDate', max: t('2020-01-01T00:00:00Z') },
  ]);
  assert.equal(partitionMayHold('eventDay=20230709', f), false);
  assert.equal(partitionMayHold('eventDay=20230710', f), true);
  assert.equal(partitionMayHold('eventDay=20990101', f), true);
  assert.equal(prunesNothing(partitionFilterOf([{ kind: 'timeRange', column: 'SessionCreationDate', max: 0n }])), true);
});

test('region and account: == and in exact, =~ folded on ASCII only; has prunes nothing', () => {
  const eq = partitionFilterOf([{ kind: 'in', column: 'AWSRegion', values: ['us-east-1', 'eu-west-1'], caseInsensitive: false }]);
  assert.equal(partitionMayHold('region=us-east-1', eq), true);
  assert.equal(partitionMayHold('region=US-EAST-1', eq), false); // == is case-sensitive
  assert.equal(partitionMayHold('region=ap-south-1', eq), false);
  assert.equal(partitionMayHold('accountId=1', eq), true);
  const ci = partitionFilterOf([{ kind: 'in', column: 'RecipientAccountId', values: ['ABC'], caseInsensitive: true }]);
  assert.equal(partitionMayHold('accountId=abc', ci), true);
  assert.equal(partitionMayHold('accountId=abd', ci), false);
  // the Kelvin sign folds onto k in Unicode: never ruled out case-insensitively
  assert.equal(partitionMayHold('accountId=\u212A', partitionFilterOf([{ kind: 'in', column: 'RecipientAccountId', values: ['k'], caseInsensitive: true }])), true);
  assert.equal(prunesNothing(partitionFilterOf([{ kind: 'has', column: 'AWSRegion', term: 'us', caseSensitive: false, negated: false }])), true);
});

test('folders that are not partitions, or whose value is not a date, are always read', () => {
  const f = partitionFilterOf([{ kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T00:00:00Z') }]);
  for (const part of ['eventDay=latest', 'eventDay=20231399', 'eventDay=2023071', 'metadata', 'data', 'foo=bar', '=x']) assert.equal(partitionMayHold(part, f), true, part);
});
