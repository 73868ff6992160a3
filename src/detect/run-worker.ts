/**
 * worker_threads entry of a parallel replay (run-pool.ts): evaluates the units of runs it claims
 * from the counter it shares with the other threads, reading windows from the spill files, and
 * posts each unit's results. Plans arrive encoded (kql/cache/plan-codec.ts).
 */
import { parentPort } from 'node:worker_threads';
import { decodeValue } from '../kql/cache/plan-codec.ts';
import { stringifyJson } from '../kql/values/json-stringify.ts';
import { compiledFromPlan } from '../kql/engine.ts';
import type { Plan } from '../kql/plan/plan.ts';
import { claimer, withWindows, type RunsInit, type FromRunWorker } from './run-pool.ts';
import { errorMessage, evaluateUnits, isLimitError, releasePoints, type RunResult, type RunRule } from './run-units.ts';

/**
 * Errors cross threads as a marker: a limit error (a failed run) keeps its message; for any other
 * the replay evaluates that run again to throw the real one.
 */
function portable(r: RunResult): RunResult {
  return 'error' in r ? { error: { remote: true, limit: isLimitError(r.error), message: errorMessage(r.error) } } : r;
}

const port = parentPort;
if (port) {
  const post = (m: FromRunWorker) => port.postMessage(m);
  port.once('message', async (m: RunsInit) => {
    try {
      const rules: RunRule[] = m.rules.map((r) => ({
        rule: r.rule,
        schedule: r.schedule,
        tables: r.tables,
        properties: r.properties,
        compiled: compiledFromPlan(r.text, decodeValue(r.plan) as Plan, r.queryProperties),
      }));
      await withWindows(new Map(m.tables), async (tables) => {
        const ctx = { rules, runs: m.runs, starts: m.starts, tables, others: new Map(), watchlists: new Map(m.watchlists), release: releasePoints(m.runs, rules) };
        await evaluateUnits(ctx, claimer(m.counter, m.starts.length), (unit, results) => {
          const sent = results.map(portable);
          try {
            post({ type: 'unit', unit, results: sent });
          } catch (e) {
            // Structured clone recurses: alert evidence nested thousands of levels deep overflows it.
            if (!(e instanceof RangeError)) throw e;
            post({ type: 'unitJson', unit, json: stringifyJson(sent)! });
          }
        });
      });
      post({ type: 'done' });
    } catch (e) {
      post({ type: 'failed', message: (e as Error).message });
    }
  });
  post({ type: 'ready' });
}
