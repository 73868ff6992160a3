/** round(), around() and range(): the doc pages' examples, and what the pages leave open refused by name. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, i, l } from './call.ts';
import type { Arg } from './call.ts';

const r = (v: number | null): Arg => ['real', v];
const d = (v: string | null): Arg => ['decimal', v];
const dt = (iso: string): Arg => ['datetime', BigInt(Date.parse(iso)) * 10_000n + 621_355_968_000_000_000n];
const ts = (v: bigint): Arg => ['timespan', v];
const MINUTE = 600_000_000n;

test('round: the page\'s examples (round-function)', () => {
  assert.equal(call('round', [r(2.98765), i(3)], 'real'), 2.988);
  assert.equal(call('round', [r(2.15), i(1)], 'real'), 2.2);
  assert.equal(call('round', [r(2.15)], 'real'), 2);
  assert.equal(call('round', [r(-50.55), i(-2)], 'real'), -100);
  assert.equal(call('round', [r(21.5), i(-1)], 'real'), 20);
});

test('round: 2.15 * 10 is exactly 21.5 in doubles, a tie both .NET rules round up: the page\'s 2.2, not the 2.1 of exact decimal rounding', () => {
  assert.equal(2.15 * 10, 21.5);
  assert.equal(call('round', [r(2.15), i(1)], 'real'), 2.2);
  assert.equal(call('round', [r(-2.15), i(1)], 'real'), -2.2);
  assert.equal(call('round', [r(1.5)], 'real'), 2, '1.5: even and away from zero are both 2');
  assert.equal(call('round', [r(-3.5)], 'real'), -4);
});

test('round: a tie the two .NET rules round apart is refused by name (the page does not say which Kusto uses)', () => {
  for (const args of [[r(2.5)], [r(-0.5)], [r(0.125), i(2)], [l(25n), i(-1)], [i(-250), i(-2)], [d('2.345'), i(2)]] as Arg[][]) {
    assert.throws(() => call('round', args, args[0]![0]), /round\(\) of a value exactly halfway.*is not supported by trailhound/);
  }
});

test('round: integers and decimals round exactly and keep their type; null in, null out', () => {
  assert.equal(call('round', [l(123n)], 'long'), 123n);
  assert.equal(call('round', [l(9_007_199_254_740_993n), i(-1)], 'long'), 9_007_199_254_740_990n, 'exact beyond 2^53');
  assert.equal(call('round', [l(35n), i(-1)], 'long'), 40n);
  assert.equal(call('round', [i(-1234), i(-2)], 'int'), -1200);
  assert.equal(call('round', [d('2.355'), i(2)], 'decimal'), '2.36');
  assert.equal(call('round', [d('1234.5'), i(-2)], 'decimal'), '1200');
  assert.equal(call('round', [d('1.50'), i(4)], 'decimal'), '1.50');
  assert.equal(call('round', [r(null)], 'real'), null);
  assert.equal(call('round', [r(2.5), i(null)], 'real'), null);
  assert.equal(call('round', [r(1e20), i(2)], 'real'), 1e20, 'doubles of 1e16 and more have no fractional digits');
  assert.throws(() => call('round', [r(1.5), i(16)], 'real'), /precision above 15/);
});

test('round: a precision past every digit of the number rounds to 0, as round(-50.55, -2) rounds to hundreds (round-function); round(x, -2147483648) made a 2^31-digit BigInt and threw a RangeError (extreme-argument sweep)', () => {
  assert.equal(call('round', [l(1_700_000_000n), i(-2147483648)], 'long'), 0n);
  assert.equal(call('round', [l(-9_223_372_036_854_775_808n), l(-9_223_372_036_854_775_808n)], 'long'), 0n);
  assert.equal(call('round', [i(-1234), i(-2147483648)], 'int'), 0);
  assert.equal(call('round', [d('79228162514264337593543950335'), i(-2147483648)], 'decimal'), '0');
  assert.equal(call('round', [r(1.7e9), i(-2147483648)], 'real'), 0, 'not 0 * Infinity = NaN');
  assert.equal(call('round', [r(1e308), i(-309)], 'real'), 0);
  // a precision at the number's own digits still rounds: 5 * 10^18 is half of 10^19
  assert.equal(call('round', [l(4_999_999_999_999_999_999n), i(-19)], 'long'), 0n);
  assert.equal(call('round', [l(5_000_000_000_000_000_001n), i(-19)], 'real'), 1e19);
  assert.equal(call('round', [l(35n), i(-3)], 'long'), 0n);
});

test('around: bounds included, datetime with a timespan delta, null when an argument is null (around-function)', () => {
  assert.equal(call('around', [dt('2021-01-01T01:29:00Z'), dt('2021-01-01T01:30:00Z'), ts(MINUTE)]), true);
  assert.equal(call('around', [dt('2021-01-01T01:28:00Z'), dt('2021-01-01T01:30:00Z'), ts(MINUTE)]), false);
  assert.equal(call('around', [l(5n), l(4n), l(1n)]), true);
  assert.equal(call('around', [r(5.5), l(4n), l(1n)]), false);
  assert.equal(call('around', [r(1.5), r(1), r(0.5)]), true);
  assert.equal(call('around', [l(null), l(4n), l(1n)]), null);
});

test('range: start, start+step, ... up to and including stop; 1h for times; at most 2^20 elements (range-function)', () => {
  assert.deepEqual(call('range', [l(1n), l(8n), l(3n)], 'dynamic'), [1n, 4n, 7n]);
  assert.deepEqual(call('range', [l(1n), l(3n)], 'dynamic'), [1n, 2n, 3n]);
  assert.deepEqual(call('range', [r(1), l(2n), r(0.5)], 'dynamic'), [1, 1.5, 2]);
  assert.deepEqual(call('range', [l(5n), l(1n), l(-2n)], 'dynamic'), [5n, 3n, 1n]);
  const hours = call('range', [ts(60n * MINUTE), ts(300n * MINUTE)], 'dynamic') as { ticks: bigint }[];
  assert.deepEqual(hours.map((h) => h.ticks / MINUTE), [60n, 120n, 180n, 240n, 300n]);
  assert.equal((call('range', [l(1n), l(1_000_000_000n)], 'dynamic') as unknown[]).length, 1_048_576);
  assert.equal(call('range', [l(1n), l(5n), l(0n)], 'dynamic'), null);
});
