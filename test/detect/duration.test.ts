/** Rule durations: `5m`/`1h`/`1d` and .NET TimeSpan text (kql-semantics.md §9.5), ISO 8601 from ARM exports. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDuration, parseDuration } from '../../src/detect/duration.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../../src/kql/types.ts';

test('parses the forms rule files use', () => {
  assert.equal(parseDuration('5m'), 5n * TICKS_PER_MINUTE);
  assert.equal(parseDuration('1h'), TICKS_PER_HOUR);
  assert.equal(parseDuration('14d'), 14n * TICKS_PER_DAY);
  assert.equal(parseDuration('00:05:00'), 5n * TICKS_PER_MINUTE);
  assert.equal(parseDuration('1.00:00:00'), TICKS_PER_DAY);
  assert.equal(parseDuration('PT5H'), 5n * TICKS_PER_HOUR);
  assert.equal(parseDuration('P1DT30M'), TICKS_PER_DAY + 30n * TICKS_PER_MINUTE);
});

test('refuses what is not a duration (a bare number is ambiguous)', () => {
  for (const s of ['5', 'five minutes', '5w', '', 'PT']) assert.equal(parseDuration(s), null, s);
});

test('formats back to the short form', () => {
  assert.equal(formatDuration(5n * TICKS_PER_MINUTE), '5m');
  assert.equal(formatDuration(TICKS_PER_DAY), '1d');
  assert.equal(formatDuration(90n * 10_000_000n), '90s');
});
