/** Bare .kql rules: schedule from flags, else the query's lets, else the wizard's 5h defaults. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKqlRule, letTimespan } from '../../src/detect/rule-kql.ts';
import { TICKS_PER_HOUR, TICKS_PER_MINUTE } from '../../src/kql/types.ts';

const SEED_HEAD = 'let query_frequency = 5m;\nlet query_period = 10m;\nAWSCloudTrail | take 1\n';

test('let query_frequency / query_period give the schedule (the seed rule convention)', () => {
  const r = parseKqlRule(SEED_HEAD, 'x/seed.kql');
  assert.equal(r.queryFrequency, 5n * TICKS_PER_MINUTE);
  assert.equal(r.queryPeriod, 10n * TICKS_PER_MINUTE);
  assert.equal(r.name, 'seed');
  assert.match(r.id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(parseKqlRule(SEED_HEAD, 'y/seed.kql').id, r.id, 'the id depends on the rule name only');
});

test('flags override the lets', () => {
  const r = parseKqlRule(SEED_HEAD, 'seed.kql', { queryFrequency: 10n * TICKS_PER_MINUTE, queryPeriod: 20n * TICKS_PER_MINUTE });
  assert.equal(r.queryFrequency, 10n * TICKS_PER_MINUTE);
  assert.equal(r.queryPeriod, 20n * TICKS_PER_MINUTE);
});

test('without lets or flags: Sentinel wizard defaults, every 5 hours over 5 hours, gt 0, Medium', () => {
  const r = parseKqlRule('AWSCloudTrail | take 1', 'q.kql');
  assert.equal(r.queryFrequency, 5n * TICKS_PER_HOUR);
  assert.equal(r.queryPeriod, 5n * TICKS_PER_HOUR);
  assert.equal(r.triggerOperator, 'gt');
  assert.equal(r.triggerThreshold, 0);
  assert.equal(r.severity, 'Medium');
});

test('a period shorter than the frequency is refused, naming the file', () => {
  assert.throws(() => parseKqlRule('let query_frequency = 1h;\nlet query_period = 5m;\nprint 1', 'bad.kql'), /bad\.kql: query_period: must not be shorter/);
  assert.throws(() => parseKqlRule('  ', 'empty.kql'), /empty\.kql: the query is empty/);
});

test('letTimespan: linear on a query of many blank lines (issue #13: no regex backtracks on input)', { timeout: 60_000 }, () => {
  // With `^\s*` under the m flag, each of the 10^6 line starts rescanned all the blank lines after it.
  assert.equal(letTimespan(`${'\n'.repeat(1_000_000)}x`, 'query_period'), undefined);
  assert.equal(letTimespan(`${'\n \t'.repeat(1000)}  let query_period = 2h;`, 'query_period'), 2n * TICKS_PER_HOUR);
});

test('letTimespan reads Kusto timespan literals', () => {
  assert.equal(letTimespan('let query_period = 1d;', 'query_period'), 24n * TICKS_PER_HOUR);
  assert.equal(letTimespan('let query_period = time(0.01:00:00);', 'query_period'), TICKS_PER_HOUR);
  assert.equal(letTimespan('let other = 1d;', 'query_period'), undefined);
});
