/**
 * The extreme-argument sweep (sweep.ts, `npm run fuzz -- --sweep`) in the suite: its light
 * version (no million-element or 100,000-level arguments) for a few functions, among them the
 * ones it found defects in, each case in the watched child. Property: every case runs or is
 * refused with a user-facing error; never an internal error, a hang or a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FuzzRunner } from './harness/runner.ts';
import { describeSweepFailure, runSweep, sweepPlan } from './sweep.ts';

const FUNCTIONS = ['round', 'extract_all', 'series_periods_detect', 'percentile', 'replace_strings', '%', 'between'];

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
  const runner = new FuzzRunner({ timeoutMs: 20_000 });
  try {
    const r = await runSweep(plan.cases, runner);
    assert.equal(r.tried, plan.cases.length);
    assert.deepEqual(r.failures.map(describeSweepFailure), []);
    assert.ok(r.counts.ok > plan.cases.length / 2, `only ${r.counts.ok} of ${plan.cases.length} cases ran: ${JSON.stringify(r.counts)}`);
  } finally {
    runner.stop();
  }
});
