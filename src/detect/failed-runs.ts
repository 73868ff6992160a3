/** How a replay reports the runs a query limit stopped (docs/detections.md, "Failed runs"). */
import { formatDatetimeJson } from '../kql/values/datetime.ts';
import type { FailedRun } from './replay.ts';

/** Lines shown before the rest are only counted. */
export const FAILED_RUNS_SHOWN = 20;

/** One line per failed run (the first `shown`), then how many more there were. */
export function describeFailedRuns(failed: readonly FailedRun[], shown = FAILED_RUNS_SHOWN): string[] {
  const lines = failed.slice(0, shown).map((f) => `rule "${f.rule.name}": the run scheduled at ${formatDatetimeJson(f.window.scheduled)} failed: ${f.message}`);
  if (failed.length > shown) lines.push(`... and ${failed.length - shown} more failed run(s)`);
  return lines;
}
