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
    // and what Date.UTC counts, in BigInt arithmetic (the fast path multiplies in doubles while exact)
    assert.equal(isoToTicks(iso), 621355968000000000n + BigInt(ms - (ms % 1000)) * 10_000n, iso);
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
  // other forms go the general way: a space for the T
  assert.equal(isoToTicks('2023-01-01 00:00:00Z'), isoToTicks('2023-01-01T00:00:00Z'));
});

test("years before 100 are those years, not 19xx (Kusto's datetime starts at 0001-01-01)", () => {
  // learn.microsoft.com/kusto/query/scalar-data-types/datetime: 0001-01-01 is tick 0, 9999-12-31T23:59:59.9999999 the last
  assert.equal(isoToTicks('0001-01-01T00:00:00Z'), 0n);
  assert.equal(isoToTicks('0001-01-01T00:00:00.0000001Z'), 1n);
  // 98 years of which 24 leap (4, 8, ..., 96)
  const days99 = 98n * 365n + 24n;
  assert.equal(isoToTicks('0099-01-01T00:00:00Z'), days99 * 864_000_000_000n);
  assert.equal(isoToTicks('0099-01-01T00:00:00.0Z'), days99 * 864_000_000_000n);
  assert.equal(isoToTicks('9999-12-31T23:59:59.9999999Z'), 3155378975999999999n);
  assert.equal(isoToTicks('0000-01-01T00:00:00Z'), null);
  assert.equal(isoToTicks('0004-02-29T00:00:00Z'), (3n * 365n + 31n + 28n) * 864_000_000_000n);
});

test('seconds past where seconds x 10^7 stops being an exact double give the same ticks', () => {
  // the fast path's double product is exact below 2^53 / 5^7 seconds (about the year 3650)
  for (let year = 3640; year <= 3660; year++) {
    for (const [mo, d] of [[1, 1], [6, 15], [12, 31]] as const) {
      const iso = `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T23:59:59Z`;
      const ms = Date.UTC(year, mo - 1, d, 23, 59, 59);
      assert.equal(isoToTicks(iso), 621355968000000000n + BigInt(ms) * 10_000n, iso);
    }
  }
});
