/**
 * The fixed regexes that parse values from record text (datetime, timespan, decimal, CloudTrail
 * timestamps) stay linear on long adversarial inputs (issue #13): each is anchored at both ends and
 * its quantified parts cannot share characters, so a failed match backtracks over each part once.
 * Inputs of 200,000 characters, aimed at each pattern's quantifiers; a quadratic pattern would take
 * minutes, the timeout is the backstop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatetime } from '../../../src/kql/values/datetime.ts';
import { parseTimespan, parseTimespanLiteral } from '../../../src/kql/values/timespan.ts';
import { parseDecimal } from '../../../src/kql/values/decimal.ts';
import { isoToTicks } from '../../../src/cloudtrail/time.ts';

const N = 200_000;
const spaces = ' '.repeat(N);
const digits = '1'.repeat(N);
const letters = 'a'.repeat(N);

test('todatetime text: long runs of spaces, digits and letters where each pattern repeats (todatetime-function)', { timeout: 60_000 }, () => {
  for (const s of [
    `2024-01-01${spaces}!`,
    `2024-01-01T10:00:00.${digits}!`,
    `2024-01-01 10:00${spaces}${letters}`,
    `${letters}, 1 Jan 2024 10:00`,
    `Mon, 1 Jan 2024${spaces}10:00${spaces}!`,
    `01-Jan-2024 10:00:00${spaces}!`,
    `1/2/2024${spaces}!`,
    `"${letters}`,
  ]) assert.equal(parseDatetime(s), null, s.slice(0, 30));
  assert.notEqual(parseDatetime('2024-01-01T10:00:00.1234567Z'), null);
});

test('timespan, decimal and CloudTrail timestamps on long adversarial text', { timeout: 60_000 }, () => {
  assert.equal(parseTimespan(`${digits}.${digits}${spaces}!`), null);
  assert.equal(parseTimespanLiteral(`time(${letters}`) ?? null, null);
  assert.equal(parseDecimal(`${digits}.${digits}e${digits}x`), null);
  assert.equal(isoToTicks(`2024-01-01T10:00:00.${digits}Z`), null);
});
