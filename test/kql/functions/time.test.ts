import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './helpers.ts';
import { formatDatetime, parseDatetime } from '../../../src/kql/values/datetime.ts';
import { formatTimespan, parseTimespanLiteral } from '../../../src/kql/values/timespan.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../../../src/kql/types.ts';

const D = (s: string) => parseDatetime(s)!;
const T = (s: string) => parseTimespanLiteral(s) as bigint;
const iso = (v: unknown) => (v === null ? null : formatDatetime(v as bigint));
const NOW = D('2024-05-01 12:00');

test('now() and ago() use the one NOW of the query (now doc, ago doc: ago(-1h) is after now)', () => {
  assert.equal(call('now', [], 'datetime', [], NOW), NOW);
  assert.equal(iso(call('now', ['timespan'], 'datetime', [-2n * TICKS_PER_DAY], NOW)), '2024-04-29T12:00:00.0000000Z');
  assert.equal(iso(call('ago', ['timespan'], 'datetime', [T('10m')], NOW)), '2024-05-01T11:50:00.0000000Z');
  assert.equal(iso(call('ago', ['timespan'], 'datetime', [-TICKS_PER_HOUR], NOW)), '2024-05-01T13:00:00.0000000Z');
});

test('bin examples of the bin doc', () => {
  assert.equal(call('bin', ['real', 'long'], 'real', [4.5, 1n]), 4);
  assert.equal(call('bin', ['timespan', 'timespan'], 'timespan', [T('16d'), T('7d')]), 14n * TICKS_PER_DAY);
  assert.equal(iso(call('bin', ['datetime', 'timespan'], 'datetime', [D('1970-05-11 13:45:07'), TICKS_PER_DAY])), '1970-05-11T00:00:00.0000000Z');
  assert.equal(iso(call('floor', ['datetime', 'timespan'], 'datetime', [D('2024-05-01 12:07:30'), T('5m')])), '2024-05-01T12:05:00.0000000Z');
  assert.equal(call('bin', ['long', 'long'], 'long', [-3n, 2n]), -4n);
  assert.equal(call('bin', ['long', 'long'], 'long', [7n, 0n]), null);
  assert.equal(call('bin', ['long', 'long'], 'long', [null, 2n]), null);
  // 7d bins count from 0001-01-01, a Monday (kql-semantics.md §11.16).
  assert.equal(iso(call('bin', ['datetime', 'timespan'], 'datetime', [D('2024-05-01'), T('7d')])), '2024-04-29T00:00:00.0000000Z');
});

test('bin_at examples (bin-at doc)', () => {
  assert.equal(call('bin_at', ['real', 'real', 'long'], 'real', [6.5, 2.5, 7n]), 4.5);
  assert.equal(call('bin_at', ['timespan', 'timespan', 'timespan'], 'timespan', [T('1h'), T('1d'), T('12h')]), -12n * TICKS_PER_HOUR);
  assert.equal(iso(call('bin_at', ['datetime', 'timespan', 'datetime'], 'datetime', [D('2017-05-15 10:20'), TICKS_PER_DAY, D('1970-01-01 12:00')])), '2017-05-14T12:00:00.0000000Z');
});

test('datetime_diff examples (datetime-diff doc)', () => {
  const f = (p: string, a: string, b: string) => call('datetime_diff', ['string', 'datetime', 'datetime'], 'long', [p, D(a), D(b)]);
  assert.equal(f('year', '2017-01-01', '2000-12-31'), 17n);
  assert.equal(f('quarter', '2017-07-01', '2017-03-30'), 2n);
  assert.equal(f('month', '2017-01-01', '2015-12-30'), 13n);
  assert.equal(f('week', '2017-10-29 00:00', '2017-09-30 23:59'), 5n);
  assert.equal(f('day', '2017-10-29 00:00', '2017-09-30 23:59'), 29n);
  assert.equal(f('hour', '2017-10-31 01:00', '2017-10-30 23:59'), 2n);
  assert.equal(f('minute', '2017-10-30 23:05:01', '2017-10-30 23:00:59'), 5n);
  assert.equal(f('second', '2017-10-30 23:00:10.100', '2017-10-30 23:00:00.900'), 10n);
  assert.equal(f('millisecond', '2017-10-30 23:00:00.200100', '2017-10-30 23:00:00.100900'), 100n);
  assert.equal(f('microsecond', '2017-10-30 23:00:00.1009001', '2017-10-30 23:00:00.1008009'), 100n);
  assert.equal(f('nanosecond', '2017-10-30 23:00:00.0000000', '2017-10-30 23:00:00.0000007'), -700n);
});

test('datetime_add with calendar months clamped like .NET AddMonths (datetime-add doc)', () => {
  const f = (p: string, n: bigint, a: string) => iso(call('datetime_add', ['string', 'long', 'datetime'], 'datetime', [p, n, D(a)]));
  assert.equal(f('month', 1n, '2017-01-31'), '2017-02-28T00:00:00.0000000Z');
  assert.equal(f('year', -5n, '2017-10-30 01:02:03'), '2012-10-30T01:02:03.0000000Z');
  assert.equal(f('quarter', 1n, '2017-10-30'), '2018-01-30T00:00:00.0000000Z');
  assert.equal(f('week', 1n, '2017-10-30'), '2017-11-06T00:00:00.0000000Z');
  assert.equal(f('nanosecond', 100n, '2017-10-30'), '2017-10-30T00:00:00.0000001Z');
  assert.throws(() => call('datetime_add', ['string', 'long', 'datetime'], 'datetime', ['fortnight', 1n, D('2017-10-30')]));
});

test('datetime_part example (datetime-part doc: 2017-10-30 01:02:03.7654321)', () => {
  const t = D('2017-10-30 01:02:03.7654321');
  const want: Record<string, number> = {
    year: 2017, quarter: 4, month: 10, week_of_year: 44, day: 30, dayOfYear: 303, hour: 1, minute: 2, second: 3,
    millisecond: 765, microsecond: 765432, nanosecond: 765432100,
  };
  for (const [part, v] of Object.entries(want)) assert.equal(call('datetime_part', ['string', 'datetime'], 'int', [part, t]), v, part);
});

test('startof/endof with offsets; weeks start on Sunday (startofday, startofweek, endofday docs)', () => {
  const f = (name: string, a: string, off?: bigint) => iso(call(name, off === undefined ? ['datetime'] : ['datetime', 'long'], 'datetime', off === undefined ? [D(a)] : [D(a), off]));
  assert.equal(f('startofday', '2017-01-01 10:10:17', -1n), '2016-12-31T00:00:00.0000000Z');
  assert.equal(f('startofday', '2017-01-01 10:10:17', 1n), '2017-01-02T00:00:00.0000000Z');
  assert.equal(f('startofweek', '2017-01-01 10:10:17'), '2017-01-01T00:00:00.0000000Z');
  assert.equal(f('startofweek', '2017-01-03 10:10:17'), '2017-01-01T00:00:00.0000000Z');
  assert.equal(f('startofmonth', '2017-01-01 10:10:17', -1n), '2016-12-01T00:00:00.0000000Z');
  assert.equal(f('startofyear', '2017-01-01 10:10:17', 1n), '2018-01-01T00:00:00.0000000Z');
  assert.equal(f('endofday', '2017-01-01 10:10:17'), '2017-01-01T23:59:59.9999999Z');
  assert.equal(f('endofweek', '2017-01-01 10:10:17'), '2017-01-07T23:59:59.9999999Z');
  assert.equal(f('endofmonth', '2016-02-10'), '2016-02-29T23:59:59.9999999Z');
  assert.equal(f('endofyear', '2017-01-01 10:10:17', -1n), '2016-12-31T23:59:59.9999999Z');
});

test('calendar getters (dayofweek doc: timespan since Sunday; dayofmonth, dayofyear, getyear, getmonth, hourofday)', () => {
  assert.equal(formatTimespan(call('dayofweek', ['datetime'], 'timespan', [D('1947-11-30 10:00:05')]) as bigint), '00:00:00');
  assert.equal(formatTimespan(call('dayofweek', ['datetime'], 'timespan', [D('1970-05-11')]) as bigint), '1.00:00:00');
  assert.equal(call('dayofmonth', ['datetime'], 'int', [D('2015-12-14')]), 14);
  assert.equal(call('dayofyear', ['datetime'], 'int', [D('2015-12-14')]), 348);
  assert.equal(call('getyear', ['datetime'], 'int', [D('2015-10-12')]), 2015);
  assert.equal(call('getmonth', ['datetime'], 'int', [D('2015-10-12')]), 10);
  assert.equal(call('hourofday', ['datetime'], 'int', [D('2015-12-14 18:54')]), 18);
});

test('make_datetime, make_timespan, unixtime_*_todatetime (their docs)', () => {
  assert.equal(iso(call('make_datetime', ['long', 'long', 'long', 'long', 'long', 'real'], 'datetime', [2017n, 10n, 1n, 12n, 10n, 0.1234567])), '2017-10-01T12:10:00.1234567Z');
  assert.equal(iso(call('make_datetime', ['long', 'long', 'long'], 'datetime', [2017n, 10n, 1n])), '2017-10-01T00:00:00.0000000Z');
  assert.equal(call('make_datetime', ['long', 'long', 'long'], 'datetime', [2017n, 2n, 30n]), null);
  // "If the creation is successful, the result will be a datetime value, otherwise null": a NaN or
  // infinite part is no valid part (found by the fuzzer: NaN slipped past the range checks)
  for (const at of [0, 1, 2, 3, 4]) {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const parts: (bigint | number)[] = [2017n, 10n, 1n, 12n, 10n, 0];
      parts[at] = bad;
      const types = parts.map((p) => (typeof p === 'number' ? 'real' : 'long'));
      assert.equal(call('make_datetime', types, 'datetime', parts), null, `part ${at} = ${bad}`);
    }
  }
  assert.equal(call('make_datetime', ['long', 'long', 'long', 'long', 'long', 'real'], 'datetime', [2017n, 10n, 1n, 12n, 10n, NaN]), null);
  assert.equal(formatTimespan(call('make_timespan', ['long', 'long', 'real'], 'timespan', [12n, 30n, 15.2]) as bigint), '12:30:15.2000000');
  assert.equal(formatTimespan(call('make_timespan', ['long', 'long', 'long', 'long'], 'timespan', [1n, 2n, 3n, 4n]) as bigint), '1.02:03:04');
  assert.equal(iso(call('unixtime_seconds_todatetime', ['long'], 'datetime', [1546300800n])), '2019-01-01T00:00:00.0000000Z');
  assert.equal(iso(call('unixtime_milliseconds_todatetime', ['long'], 'datetime', [1546300800123n])), '2019-01-01T00:00:00.1230000Z');
  assert.equal(iso(call('unixtime_seconds_todatetime', ['real'], 'datetime', [1546300800.5])), '2019-01-01T00:00:00.5000000Z');
});

test('todatetime / totimespan (their docs)', () => {
  assert.equal(iso(call('todatetime', ['string'], 'datetime', ['2015-12-31 23:59:59.9'])), '2015-12-31T23:59:59.9000000Z');
  assert.equal(call('todatetime', ['string'], 'datetime', ['12-02-2022']), D('2022-12-02'));
  assert.equal(call('todatetime', ['string'], 'datetime', ['nope']), null);
  assert.equal(call('totimespan', ['string'], 'timespan', ['0.00:01:00']), TICKS_PER_MINUTE);
  assert.equal(call('totimespan', ['string'], 'timespan', ['x']), null);
});

test('format_datetime examples (format-datetime doc)', () => {
  const dt = D('2017-01-29 09:00:05');
  const f = (fmt: string, t = dt) => call('format_datetime', ['datetime', 'string'], 'string', [t, fmt]);
  assert.equal(f('yy-MM-dd [HH:mm:ss]'), '17-01-29 [09:00:05]');
  assert.equal(f('yyyy-M-dd [H:mm:ss]'), '2017-1-29 [9:00:05]');
  assert.equal(f('yy-MM-dd [hh:mm:ss tt]'), '17-01-29 [09:00:05 AM]');
  assert.equal(f('FFFFFFF', D('2009-06-15T13:45:30.0001150')), '000115');
  assert.equal(f('F', D('2009-06-15T13:45:30.05')), '');
  assert.equal(f('ff', D('2009-06-15T13:45:30.617')), '61');
  assert.equal(f('y', D('0900-01-01')), '0');
  assert.equal(call('format_datetime', ['datetime', 'string'], 'string', [null, 'yyyy']), '');
});

test('format_timespan example (format-timespan doc)', () => {
  const t = T('time(29.09:00:05.12345)');
  assert.equal(call('format_timespan', ['timespan', 'string'], 'string', [t, 'dd.hh:mm:ss:FF']), '29.09:00:05:12');
  assert.equal(call('format_timespan', ['timespan', 'string'], 'string', [t, 'ddd.h:mm:ss [fffffff]']), '029.9:00:05 [1234500]');
});

// The extreme-argument sweep (its check of every result's kind): bin(timespan min, 1h) rounded
// down past the shortest timespan, a value no timespan holds.
test('bin, floor, bin_at of timespans: a bin past either end of the timespan range is null', () => {
  const MIN = -(2n ** 63n);
  const MAX = 2n ** 63n - 1n;
  for (const name of ['bin', 'floor']) {
    assert.equal(call(name, ['timespan', 'timespan'], 'timespan', [MIN, TICKS_PER_HOUR]), null);
    assert.equal(call(name, ['timespan', 'timespan'], 'timespan', [MAX, TICKS_PER_HOUR]), MAX - (MAX % TICKS_PER_HOUR));
  }
  assert.equal(call('bin_at', ['timespan', 'timespan', 'timespan'], 'timespan', [MIN, TICKS_PER_HOUR, TICKS_PER_HOUR]), null);
  assert.equal(call('bin_at', ['timespan', 'timespan', 'timespan'], 'timespan', [MIN + TICKS_PER_HOUR, TICKS_PER_HOUR, 0n]), MIN + TICKS_PER_HOUR - ((MIN + TICKS_PER_HOUR) % TICKS_PER_HOUR) - TICKS_PER_HOUR);
});
