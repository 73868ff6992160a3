/**
 * The extreme-argument sweep (sweep.ts, `npm run fuzz -- --sweep`) in the suite: its light
 * version (no million-element or 100,000-level arguments) for a few functions, among them the
 * ones it found defects in, each case in the watched child; and a few cases of its pairs and
 * columns modes. Property: every case runs or is refused with a user-facing error; never an
 * internal error, a hang or a crash.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { FuzzRunner } from './harness/runner.ts';
import { describeSweepFailure, parseSweepModes, runSweep, sweepPlan, type SweepCase } from './sweep.ts';

const FUNCTIONS = ['round', 'extract_all', 'series_periods_detect', 'percentile', 'replace_strings', '%', 'between'];

// One child for every test of the file (the tests run one after the other): it takes seconds to start.
const runner = new FuzzRunner({ timeoutMs: 20_000 });
after(() => runner.stop());

async function runAll(cases: readonly SweepCase[]): Promise<void> {
  const r = await runSweep(cases, runner);
  assert.equal(r.tried, cases.length);
  assert.deepEqual(r.failures.map(describeSweepFailure), []);
  assert.ok(r.counts.ok > cases.length / 2, `only ${r.counts.ok} of ${cases.length} cases ran: ${JSON.stringify(r.counts)}`);
}

test(`extreme-argument sweep (light) of ${FUNCTIONS.join(', ')}: each extreme runs or is refused by name`, { timeout: 120_000 }, async () => {
  const plan = sweepPlan({ only: new Set(FUNCTIONS), light: true });
  assert.deepEqual(plan.unswept, []);
  assert.deepEqual([...new Set(plan.cases.map((c) => c.fn))].sort(), [...FUNCTIONS].sort());
  const labels = new Set(plan.cases.map((c) => c.label));
  // the arguments that found defects are among the cases
  for (const label of ['round(number, precision=-2147483648)', 'series_periods_detect(series, min_period, max_period, num_periods=2147483647)', 'percentile(expr, percentile)']) {
    assert.ok(labels.has(label), `no case ${label}`);
  }
  assert.ok(plan.cases.some((c) => c.fn === 'replace_strings' && c.label.includes('text=strrep(strrep("a", 1000), 100)')));
  await runAll(plan.cases);
});

// A few functions' pairs (every pair of positions, two extremes at once) and columns (the
// extreme in a column of rows, the call per row; an aggregate over two groups), among them the
// ones they found defects in; of the columns, every sixth case, to keep the suite's time.
const PAIRS = ['round', 'trim_end', 'has_any_index'];
const COLUMNS = ['abs', 'percentile', 'make_list', '%'];

test(`extreme-argument sweep, pairs mode (light) of ${PAIRS.join(', ')}`, { timeout: 120_000 }, async () => {
  const plan = sweepPlan({ only: new Set(PAIRS), light: true, mode: 'pairs' });
  assert.deepEqual([...new Set(plan.cases.map((c) => c.fn))].sort(), [...PAIRS].sort());
  const labels = new Set(plan.cases.map((c) => c.label));
  assert.ok(labels.has('round(number=2147483647, precision=long(-9223372036854775808))'), [...labels].slice(0, 5).join('; '));
  assert.ok(plan.cases.some((c) => c.text === 'print trim_end(strrep(strrep("a", 1000), 100), strrep(strrep("a", 1000), 100))'));
  assert.ok(plan.cases.some((c) => c.text === 'print has_any_index(strrep(strrep("a", 1000), 100), range(1, 100000, 1))'));
  await runAll(plan.cases);
});

test(`extreme-argument sweep, columns mode (light) of ${COLUMNS.join(', ')}`, { timeout: 120_000 }, async () => {
  const plan = sweepPlan({ only: new Set(COLUMNS), light: true, mode: 'columns' });
  assert.deepEqual([...new Set(plan.cases.map((c) => c.fn))].sort(), [...COLUMNS].sort());
  // the extreme arrives as a column; an aggregate runs over two groups
  assert.ok(plan.cases.some((c) => c.fn === 'abs' && c.text.includes('c0 = case(') && c.text.includes('| project k, abs(c0)')));
  assert.ok(plan.cases.some((c) => c.fn === 'percentile' && c.text.includes('| summarize percentile(c0, ') && c.text.endsWith(' by g = k % 2')));
  assert.ok(plan.cases.some((c) => c.fn === '%' && c.label.endsWith('[all columns]')));
  await runAll(plan.cases.filter((_, i) => i % 6 === 0));
});

test('--mode: a list of modes, or all; anything else is refused by name', () => {
  assert.deepEqual(parseSweepModes(undefined), ['single']);
  assert.deepEqual(parseSweepModes('columns,pairs'), ['pairs', 'columns']);
  assert.deepEqual(parseSweepModes('all'), ['single', 'pairs', 'columns']);
  assert.throws(() => parseSweepModes('pair'), /--mode must be single, pairs, columns or all/);
});
