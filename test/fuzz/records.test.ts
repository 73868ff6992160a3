/**
 * Record fuzzing in the suite: real CloudTrail records mutated (arbitraries/records.ts) and read
 * beside an intact delivery file, with the seed rule and queries that open every JSON column
 * (harness/record-case.ts), each in a watched child process. Properties: no internal error, hang
 * or crash; every record of the intact file is read; JSON output parses.
 * FUZZ_SEED and FUZZ_RUNS vary the run; `npm run fuzz -- --seconds N` is the long version.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FuzzRunner } from './harness/runner.ts';
import { describeFailure, runCampaign } from './harness/campaign.ts';
import { recordCase } from './arbitraries/records.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Math.max(1, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 6));

test(`record fuzz: ${RUNS} mutated CloudTrail files (seed ${SEED}) never cost an intact record, never crash or hang`, { timeout: 30 * 60_000 }, async () => {
  const runner = new FuzzRunner({ timeoutMs: 60_000 });
  try {
    const r = await runCampaign(recordCase, (spec) => ({ kind: 'records', spec }), { seed: SEED, runs: RUNS, runner });
    assert.equal(r.tried, RUNS);
    assert.deepEqual(r.failures.map(describeFailure), []);
    assert.ok(r.counts.ok >= RUNS / 2, `only ${r.counts.ok} of ${RUNS} inputs ran to the end: ${JSON.stringify(r.counts)}`);
  } finally {
    runner.stop();
  }
});
