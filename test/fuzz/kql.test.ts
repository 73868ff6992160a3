/**
 * KQL fuzzing in the suite: generated queries over the function catalogue (arbitraries/kql.ts),
 * each run in a watched child process. Property: a query runs or is refused with a user-facing
 * error; never an internal error, a hang (60 s watchdog) or a crash (a 2 GiB heap ceiling).
 * FUZZ_SEED and FUZZ_RUNS vary the run; `npm run fuzz -- --seconds N` is the long version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FuzzRunner } from './harness/runner.ts';
import { describeFailure, runCampaign } from './harness/campaign.ts';
import { kqlArbitraries } from './arbitraries/kql.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

test(`KQL fuzz: ${RUNS} generated queries (seed ${SEED}) run or are refused by name; no internal error, hang or crash`, { timeout: 30 * 60_000 }, async () => {
  const runner = new FuzzRunner({ timeoutMs: 60_000 });
  try {
    const r = await runCampaign(kqlArbitraries().query, (text) => ({ kind: 'kql', text }), { seed: SEED, runs: RUNS, runner });
    assert.equal(r.tried, RUNS);
    assert.deepEqual(r.failures.map(describeFailure), []);
    // A generator whose queries are mostly refused tests the binder, not the engine.
    assert.ok(r.counts.ok >= RUNS / 3, `only ${r.counts.ok} of ${RUNS} generated queries ran: ${JSON.stringify(r.counts)}`);
  } finally {
    runner.stop();
  }
});
