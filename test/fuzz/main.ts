/**
 * `npm run fuzz -- --seconds N [--seed S] [--only kql|records] [--out DIR]`: the long fuzz run.
 * `npm run fuzz -- --sweep [--mode single,pairs,columns|all] [--functions f,g] [--out DIR]`: the
 * extreme-argument sweep (sweep.ts).
 * Alternates KQL and record inputs (random seeds unless --seed) until the time is up, prints the
 * outcomes every batch, writes each failing input to DIR (default .fuzz-failures/) as JSON, and
 * exits 1 if anything failed. The suite runs the same campaigns with a fixed seed and few inputs.
 */
import { parseArgs } from 'node:util';
import { FuzzRunner } from './harness/runner.ts';
import { writeFinding } from './harness/out-file.ts';
import { describeFailure, emptyCounts, runCampaign, type CampaignResult, type Failure } from './harness/campaign.ts';
import { kqlArbitraries } from './arbitraries/kql.ts';
import { recordCase } from './arbitraries/records.ts';
import { parseSweepModes, sweepCommand } from './sweep.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string' },
    only: { type: 'string' },
    out: { type: 'string', default: '.fuzz-failures' },
    sweep: { type: 'boolean' },
    functions: { type: 'string' },
    mode: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'npm run fuzz -- --seconds N [--seed S] [--only kql|records] [--out DIR]\n' +
      'npm run fuzz -- --sweep [--mode single,pairs,columns|all] [--functions f,g,...] [--out DIR]\n\n' +
      'Runs generated KQL queries and mutated CloudTrail files through trailhound in a watched child\n' +
      'process until N seconds have passed; writes failing inputs to DIR and exits 1 if any failed.\n' +
      'With --sweep, calls every supported function (or those named) with extreme arguments instead\n' +
      '(test/fuzz/sweep.ts). --mode chooses what is varied (default single; a comma-separated list, or all):\n' +
      '  single   one argument at a time at each extreme of its type, the others ordinary constants\n' +
      '           (about 11,000 cases, 4-5 minutes on 2 cores)\n' +
      '  pairs    every pair of argument positions at once, each at a few of its type\'s most dangerous\n' +
      '           extremes (about 6,000 cases, 2-5 minutes)\n' +
      '  columns  the extreme as a column of 5 rows (extreme, ordinary, null), the call per row\n' +
      '           (`project k, f(c0, ...)`) or for an aggregate `summarize f(c0) by k % 2`; also with\n' +
      '           the other arguments as columns (about 10,000 cases, 6-7 minutes)\n' +
      'A result value not of its column\'s type is a failure too.\n' +
      'SWEEP_LOG=FILE appends one line per case (mode, ms, outcome, case, message) to FILE.',
  );
  process.exit(0);
}
if (values.sweep) process.exit(await sweepCommand(values.functions, values.out!, parseSweepModes(values.mode)));

const seconds = Number(values.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a positive number, got ${values.seconds}`);
const only = values.only;
if (only !== undefined && only !== 'kql' && only !== 'records') throw new Error(`--only must be kql or records, got ${only}`);
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const until = Date.now() + seconds * 1000;
const runner = new FuzzRunner({ timeoutMs: 60_000 });
let saved = 0;
const save = (f: Failure): void => {
  const file = writeFinding(values.out!, `${f.input.kind}-${f.seed}-${saved++}.json`, f);
  console.log(`FAILURE -> ${file}\n${describeFailure(f)}`);
};

console.log(`fuzzing for ${seconds} s from seed ${seed}${only ? ` (${only} only)` : ''}`);
const totals = { kql: emptyCounts(), records: emptyCounts() };
const tried = { kql: 0, records: 0 };
let maxMs = 0;
let maxRss = 0;
let slowest: CampaignResult['slowest'];
const add = (kind: 'kql' | 'records', r: CampaignResult): void => {
  tried[kind] += r.tried;
  for (const [k, n] of Object.entries(r.counts)) totals[kind][k as keyof typeof r.counts] += n;
  if (r.slowest && r.slowest.ms > (slowest?.ms ?? 0)) slowest = r.slowest;
  maxMs = Math.max(maxMs, r.maxMs);
  maxRss = Math.max(maxRss, r.maxRss);
};
const kql = only === 'records' ? undefined : kqlArbitraries().query;
// Rounds of ~30 s each kind, so both get time whatever N is.
for (let round = 0; Date.now() < until; round++) {
  const roundEnd = Math.min(until, Date.now() + 30_000);
  const roundSeed = (seed + round * 1000) | 0;
  if (kql && Date.now() < roundEnd) add('kql', await runCampaign(kql, (text) => ({ kind: 'kql', text }), { seed: roundSeed, until: only ? roundEnd : Math.min(roundEnd, Date.now() + 15_000), runner, onFailure: save }));
  if (only !== 'kql' && Date.now() < roundEnd) add('records', await runCampaign(recordCase, (spec) => ({ kind: 'records', spec }), { seed: roundSeed, until: roundEnd, runner, onFailure: save }));
  console.log(`${Math.round((Date.now() - until) / 1000 + seconds)} s: kql ${tried.kql} ${JSON.stringify(totals.kql)}; records ${tried.records} ${JSON.stringify(totals.records)}`);
}
runner.stop();
// the slowest input too, beside the failures: one the watchdog let pass may still be a near-hang
const slowestFile = slowest ? writeFinding(values.out!, 'slowest.json', slowest) : '';
console.log(`done: ${tried.kql} KQL queries and ${tried.records} record files in ${seconds} s; slowest input ${Math.round(maxMs)} ms${slowestFile ? ` (${slowestFile})` : ''}; peak child RSS ${Math.round(maxRss / 2 ** 20)} MiB; ${saved} failure(s)`);
process.exit(saved > 0 ? 1 : 0);
