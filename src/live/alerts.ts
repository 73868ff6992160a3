/**
 * Live alerts are replay's alerts (detect/alerts.ts: same grouping, entities, stable ids from
 * rule + evidence rows), plus `late`: raised by a catch-up run for events that arrived after
 * their window ran. The id stays the first key: sinks recognise a written alert by its line start.
 */
import { createHash } from 'node:crypto';
import type { Batch } from '../kql/types.ts';
import type { Rule } from '../detect/rule.ts';
import { triggers, type RunWindow } from '../detect/schedule.ts';
import { alertsForRun, type Alert as DetectAlert } from '../detect/alerts.ts';

export type Alert = { readonly id: string; readonly late: boolean } & Omit<DetectAlert, 'id' | 'evidenceKeys'>;

export interface RunAlert {
  readonly alert: Alert;
  /** Short digests of the evidence keys (rule + row), for replay's cross-run de-duplication. */
  readonly evidence: readonly string[];
}

/** The run's alerts, or none when the trigger condition does not hold. */
export function alertsFor(rule: Rule, window: RunWindow, result: Batch, late: boolean): RunAlert[] {
  if (!triggers(result.length, rule.triggerOperator, rule.triggerThreshold)) return [];
  return alertsForRun(rule, window, result).map((a) => {
    const { id, evidenceKeys, ...rest } = a;
    return { alert: { id, late, ...rest }, evidence: evidenceKeys.map((k) => createHash('sha256').update(k).digest('base64url').slice(0, 22)) };
  });
}
