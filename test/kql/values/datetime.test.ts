import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  datetimeFromParts, datetimeFromUnixMillis, datetimeParts, dayOfWeekIndex, dayOfYear, formatDatetime, formatDatetimeJson,
  parseDatetime, parseDatetimeLiteral, unixMillisFromDatetime, MAX_DATETIME_TICKS,
} from '../../../src/kql/values/datetime.ts';

const DOC = 'learn.microsoft.com/kusto/query/scalar-data-types/datetime';
const iso = (t: bigint | null): string | null => (t === null ? null : formatDatetime(t));

test(`ticks are counted from 0001-01-01: 31241376000000000 is 0100-01-01 (${DOC})`, () => {
  assert.equal(parseDatetime('0100-01-01'), 31241376000000000n);
  assert.equal(parseDatetime('0001-01-01'), 0n);
  assert.equal(parseDatetime('1970-01-01'), 621355968000000000n);
});

test(`ISO 8601 forms of the datetime doc's table (${DOC})`, () => {
  assert.equal(iso(parseDatetime('2014-05-25T08:20:03.123456Z')), '2014-05-25T08:20:03.1234560Z');
  assert.equal(iso(parseDatetime('2014-05-25T08:20:03.123456')), '2014-05-25T08:20:03.1234560Z');
  assert.equal(iso(parseDatetime('2014-05-25T08:20')), '2014-05-25T08:20:00.0000000Z');
  assert.equal(iso(parseDatetime('2014-11-08 15:55:55.123456Z')), '2014-11-08T15:55:55.1234560Z');
  assert.equal(iso(parseDatetime('2014-11-08 15:55:55')), '2014-11-08T15:55:55.0000000Z');
  assert.equal(iso(parseDatetime('2014-11-08 15:55')), '2014-11-08T15:55:00.0000000Z');
  assert.equal(iso(parseDatetime('2014-11-08')), '2014-11-08T00:00:00.0000000Z');
  assert.equal(iso(parseDatetime('2015-12-31 23:59:59.9')), '2015-12-31T23:59:59.9000000Z');
  assert.equal(iso(parseDatetime('2014-05-25T08:20:03.1234567Z')), '2014-05-25T08:20:03.1234567Z');
});

test('offsets are converted to UTC (datetime values are always UTC, datetime doc)', () => {
  assert.equal(iso(parseDatetime('2014-05-25T08:20:03+02:00')), '2014-05-25T06:20:03.0000000Z');
  assert.equal(iso(parseDatetime('2014-05-25T23:20:03-0130')), '2014-05-26T00:50:03.0000000Z');
});

test(`RFC 822, RFC 850 and sortable forms (${DOC})`, () => {
  const want = '2014-11-08T15:05:02.0000000Z';
  assert.equal(iso(parseDatetime('Sat, 8 Nov 14 15:05:02 GMT')), want);
  assert.equal(iso(parseDatetime('Sat, 8 Nov 14 15:05:02')), want);
  assert.equal(iso(parseDatetime('8 Nov 14 15:05:02 GMT')), want);
  assert.equal(iso(parseDatetime('Sat, 8 Nov 14 15:05')), '2014-11-08T15:05:00.0000000Z');
  assert.equal(iso(parseDatetime('Saturday, 08-Nov-14 15:05:02 GMT')), want);
  assert.equal(iso(parseDatetime('08-Nov-14 15:05 GMT')), '2014-11-08T15:05:00.0000000Z');
  assert.equal(iso(parseDatetime('2014-11-08 15:05:25 GMT')), '2014-11-08T15:05:25.0000000Z');
  assert.equal(iso(parseDatetime('2014-11-8T15:05')), '2014-11-08T15:05:00.0000000Z');
  // RFC 1123 four-digit year.
  assert.equal(iso(parseDatetime('Sat, 08 Nov 2014 15:05:02 GMT')), want);
});

test("the todatetime doc's '12-02-2022' (invariant culture M-d-yyyy) and quoted literal contents", () => {
  assert.equal(iso(parseDatetime('12-02-2022')), '2022-12-02T00:00:00.0000000Z');
  assert.equal(iso(parseDatetimeLiteral("'12-02-2022'")), '2022-12-02T00:00:00.0000000Z');
});

test('invalid text is null (todatetime doc: failed conversion is null)', () => {
  for (const s of ['', 'abc', '2014-13-01', '2014-02-30', '2014-01-01 24:00', '2014-01-01T10:61', '10000-01-01', '2015-02-29', 'Sun, 8 Nov 14 15:05:02 XYZ1']) {
    assert.equal(parseDatetime(s), null, s);
  }
  assert.notEqual(parseDatetime('2016-02-29'), null);
});

test('tostring form always has 7 fraction digits and Z (kql-semantics.md §2.6)', () => {
  assert.equal(formatDatetime(parseDatetime('2020-01-01')!), '2020-01-01T00:00:00.0000000Z');
  assert.equal(formatDatetime(MAX_DATETIME_TICKS), '9999-12-31T23:59:59.9999999Z');
  assert.equal(formatDatetime(0n), '0001-01-01T00:00:00.0000000Z');
});

test('JSON form trims fraction zeros (our documented choice, docs/values.md)', () => {
  assert.equal(formatDatetimeJson(parseDatetime('2016-03-14 11:45')!), '2016-03-14T11:45:00Z');
  assert.equal(formatDatetimeJson(parseDatetime('2009-06-15T13:45:30.5')!), '2009-06-15T13:45:30.5Z');
  assert.equal(formatDatetimeJson(parseDatetime('2009-06-15T13:45:30.0000001')!), '2009-06-15T13:45:30.0000001Z');
});

test('unix millisecond helpers are exact on ticks', () => {
  assert.equal(datetimeFromUnixMillis(0), 621355968000000000n);
  assert.equal(datetimeFromUnixMillis(1_700_000_000_123), parseDatetime('2023-11-14T22:13:20.123Z'));
  assert.equal(unixMillisFromDatetime(parseDatetime('2023-11-14T22:13:20.1239999Z')!), 1_700_000_000_123);
  assert.equal(unixMillisFromDatetime(parseDatetime('1969-12-31T23:59:59.9995Z')!), -1);
});

test('calendar parts and back, day of week (0001-01-01 was a Monday) and day of year', () => {
  const t = parseDatetime('2024-02-29T13:14:15.1234567Z')!;
  assert.deepEqual(datetimeParts(t), { year: 2024, month: 2, day: 29, hour: 13, minute: 14, second: 15, fraction: 1234567 });
  assert.equal(datetimeFromParts(2024, 2, 29, 13, 14, 15, 1234567), t);
  assert.equal(dayOfWeekIndex(0n), 1);
  assert.equal(dayOfWeekIndex(parseDatetime('2017-01-01')!), 0); // a Sunday
  assert.equal(dayOfYear(parseDatetime('2024-12-31')!), 366);
  assert.equal(dayOfYear(parseDatetime('2023-03-01')!), 60);
});
