import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTimespan, parseTimespan, parseTimespanLiteral } from '../../../src/kql/values/timespan.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_SECOND } from '../../../src/kql/types.ts';

const DOC = 'learn.microsoft.com/kusto/query/scalar-data-types/timespan';

test(`literal table of the timespan doc (${DOC})`, () => {
  assert.equal(parseTimespanLiteral('2d'), 2n * TICKS_PER_DAY);
  assert.equal(parseTimespanLiteral('1.5h'), 90n * TICKS_PER_MINUTE);
  assert.equal(parseTimespanLiteral('30m'), 30n * TICKS_PER_MINUTE);
  assert.equal(parseTimespanLiteral('10s'), 10n * TICKS_PER_SECOND);
  assert.equal(parseTimespanLiteral('0.1s'), 1_000_000n);
  assert.equal(parseTimespanLiteral('100ms'), 1_000_000n);
  assert.equal(parseTimespanLiteral('10microsecond'), 100n);
  assert.equal(parseTimespanLiteral('1tick'), 1n);
  assert.equal(parseTimespanLiteral('time(15 seconds)'), 15n * TICKS_PER_SECOND);
  assert.equal(parseTimespanLiteral('time(2)'), 2n * TICKS_PER_DAY);
  assert.equal(parseTimespanLiteral('time(0.12:34:56.7)'), 12n * TICKS_PER_HOUR + 34n * TICKS_PER_MINUTE + 56n * TICKS_PER_SECOND + 7_000_000n);
  assert.equal(parseTimespanLiteral('time(null)'), null);
  assert.equal(parseTimespanLiteral('timespan(1d)'), TICKS_PER_DAY);
  assert.equal(parseTimespanLiteral('time(00:01:00)'), TICKS_PER_MINUTE);
});

test('suffix table of the official lexer: m is minutes, nanoseconds are 1/100 tick (kql-semantics.md §1.6)', () => {
  assert.equal(parseTimespanLiteral('5min'), 5n * TICKS_PER_MINUTE);
  assert.equal(parseTimespanLiteral('2hrs'), 2n * TICKS_PER_HOUR);
  assert.equal(parseTimespanLiteral('3milliseconds'), 30_000n);
  assert.equal(parseTimespanLiteral('200nanoseconds'), 2n);
  assert.equal(parseTimespanLiteral('100ticks'), 100n);
  assert.equal(parseTimespanLiteral('1w'), undefined); // no week unit
  assert.equal(parseTimespanLiteral('abc'), undefined);
});

test('totimespan string forms [-][d.]hh:mm[:ss[.fffffff]] (totimespan doc: "0.00:01:00" == 1min)', () => {
  assert.equal(parseTimespan('0.00:01:00'), TICKS_PER_MINUTE);
  assert.equal(parseTimespan('00:03:00'), 3n * TICKS_PER_MINUTE);
  assert.equal(parseTimespan('1.02:03:04.5'), TICKS_PER_DAY + 2n * TICKS_PER_HOUR + 3n * TICKS_PER_MINUTE + 4n * TICKS_PER_SECOND + 5_000_000n);
  assert.equal(parseTimespan('-01:00'), -TICKS_PER_HOUR);
  assert.equal(parseTimespan('3'), 3n * TICKS_PER_DAY);
  assert.equal(parseTimespan('25:00:00'), null);
  assert.equal(parseTimespan('nope'), null);
  assert.equal(parseTimespan('00:00:00.12345678'), null);
});

test('text form is the .NET "c" format with 7 fraction digits when non-zero (kql-semantics.md §2.6)', () => {
  assert.equal(formatTimespan(5n * TICKS_PER_MINUTE), '00:05:00');
  assert.equal(formatTimespan(4n * TICKS_PER_DAY), '4.00:00:00');
  assert.equal(formatTimespan(90n * TICKS_PER_MINUTE), '01:30:00');
  assert.equal(formatTimespan(parseTimespan('1.02:03:04.5')!), '1.02:03:04.5000000');
  assert.equal(formatTimespan(-TICKS_PER_SECOND), '-00:00:01');
  assert.equal(formatTimespan(-(TICKS_PER_DAY + 1n)), '-1.00:00:00.0000001');
  assert.equal(formatTimespan(0n), '00:00:00');
  assert.equal(formatTimespan(1_000_000n), '00:00:00.1000000');
});
