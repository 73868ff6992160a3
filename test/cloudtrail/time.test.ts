/**
 * Event times to Kusto ticks (src/cloudtrail/time.ts). CloudTrail writes `eventTime` as
 * `YYYY-MM-DDTHH:MM:SSZ` (docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html):
 * that form has its own fast path, which must give exactly what the general ISO-8601 reading gives
 * (the same text with a `.0` fraction takes the general path), dates the calendar does not have
 * included.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoToTicks } from '../../src/cloudtrail/time.ts';

test('the canonical form gives the ticks of the general reading, years 100 to 9999', () => {
  let n = 0;
  for (let ms = Date.UTC(100, 0, 1); ms < Date.UTC(9999, 11, 31); ms += 86_400_000 * 13 + 3_607_000) {
    const iso = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    assert.equal(isoToTicks(iso), isoToTicks(iso.replace('Z', '.0Z')), iso);
    n++;
  }
  assert.ok(n > 200_000);
  // 1 tick = 100 ns from 0001-01-01; the Unix epoch is 621355968000000000 ticks
  assert.equal(isoToTicks('1970-01-01T00:00:00Z'), 621355968000000000n);
  assert.equal(isoToTicks('2023-07-10T11:42:24Z'), 621355968000000000n + BigInt(Date.UTC(2023, 6, 10, 11, 42, 24)) * 10_000n);
});

test('dates and times the calendar does not have are null, leap days are kept', () => {
  for (const bad of ['2023-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2023-04-31T00:00:00Z', '2023-13-01T00:00:00Z', '2023-00-01T00:00:00Z', '2023-01-32T00:00:00Z', '2023-01-01T24:00:00Z', '2023-01-01T00:60:00Z', '2023-01-01T00:00:60Z', '2023-01-0aT00:00:00Z', '2023-01-01T00:00:00X']) {
    assert.equal(isoToTicks(bad), null, bad);
  }
  for (const leap of ['2024-02-29T00:00:00Z', '2000-02-29T23:59:59Z', '0400-02-29T00:00:00Z']) assert.notEqual(isoToTicks(leap), null, leap);
  // other forms still go the general way: a space for the T, years before 100
  assert.equal(isoToTicks('2023-01-01 00:00:00Z'), isoToTicks('2023-01-01T00:00:00Z'));
  assert.equal(isoToTicks('0099-01-01T00:00:00Z'), isoToTicks('0099-01-01T00:00:00.0Z'));
});
