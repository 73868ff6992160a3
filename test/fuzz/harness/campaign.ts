/**
 * A fuzz campaign: draws inputs from an arbitrary (fast-check's generator, a given seed), runs
 * each in the FuzzRunner's child, and tallies the outcomes. Used by the test suite (a fixed seed,
 * a few hundred inputs) and by `npm run fuzz -- --seconds N` (random seeds, until time is up).
 */
import fc from 'fast-check';
import { FuzzRunner } from './runner.ts';
import { FAILURES, type Outcome, type OutcomeKind } from './outcome.ts';
import type { FuzzInput } from './child.ts';

export interface Failure {
  readonly input: FuzzInput;
  readonly outcome: Outcome;
  readonly seed: number;
}

export interface CampaignResult {
  readonly tried: number;
  readonly counts: Record<OutcomeKind, number>;
  readonly failures: Failure[];
  /** The slowest input's time in the child, and the largest resident memory seen after an input. */
  readonly maxMs: number;
  readonly maxRss: number;
  /** The slowest input (a near-hang the watchdog let pass is worth a look), with its seed. */
  readonly slowest?: { readonly input: FuzzInput; readonly seed: number; readonly ms: number };
}

export interface CampaignOptions {
  readonly seed: number;
  /** Stop after this many inputs... */
  readonly runs?: number;
  /** ...or at this time (Date.now()), whichever comes first. */
  readonly until?: number;
  readonly runner: FuzzRunner;
  readonly onFailure?: (f: Failure) => void;
  readonly onProgress?: (r: CampaignResult) => void;
}

export function emptyCounts(): Record<OutcomeKind, number> {
  return { ok: 0, rejected: 0, internal: 0, violation: 0, hang: 0, crash: 0 };
}

export async function runCampaign<T>(arbitrary: fc.Arbitrary<T>, toInput: (t: T) => FuzzInput, options: CampaignOptions): Promise<CampaignResult> {
  const counts = emptyCounts();
  const failures: Failure[] = [];
  let tried = 0;
  let maxMs = 0;
  let maxRss = 0;
  let slowest: CampaignResult['slowest'];
  const limit = options.runs ?? Number.POSITIVE_INFINITY;
  const until = options.until ?? Number.POSITIVE_INFINITY;
  // Batches of 25 from consecutive seeds: a failure is reproduced by its batch's seed and position.
  for (let batch = 0; tried < limit && Date.now() < until; batch++) {
    const seed = (options.seed + batch) | 0;
    for (const value of fc.sample(arbitrary, { numRuns: 25, seed })) {
      if (tried >= limit || Date.now() >= until) break;
      const input = toInput(value);
      const outcome = await options.runner.run(input);
      tried++;
      counts[outcome.kind]++;
      if ((outcome.ms ?? 0) > maxMs) slowest = { input, seed, ms: outcome.ms! };
      maxMs = Math.max(maxMs, outcome.ms ?? 0);
      maxRss = Math.max(maxRss, outcome.rss ?? 0);
      if (FAILURES.has(outcome.kind)) {
        const f = { input, outcome, seed };
        failures.push(f);
        options.onFailure?.(f);
      }
    }
    options.onProgress?.({ tried, counts, failures, maxMs, maxRss, slowest });
  }
  return { tried, counts, failures, maxMs, maxRss, slowest };
}

/** One line per failure, with enough of the input to reproduce it. */
export function describeFailure(f: Failure): string {
  const input = f.input.kind === 'kql' ? f.input.text.slice(f.input.text.indexOf('];') + 3) : JSON.stringify(f.input.spec);
  return `${f.outcome.kind} (seed ${f.seed}): ${(f.outcome.message ?? '').split('\n').slice(0, 3).join(' | ')}\n  input: ${input.slice(0, 600)}`;
}
