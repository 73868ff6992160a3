/**
 * `POST /trailhound/detections`: the explorer's detections page (docs/explorer.md). Replays the
 * rules `serve` was given (the built-in ones by default), as `trailhound detect` does, over the
 * scheduled times the body names, and answers the alerts with their evidence rows and the query
 * that reproduces each one. The only endpoint that is not Kusto's: a Kusto client has no call
 * for "run the analytics rules"; it sits behind the same token, concurrency gate and body limit.
 */
import type { Alert } from '../detect/alerts.ts';
import { parseDatetime } from '../kql/values/datetime.ts';
import { badRequest, type KustoError } from './kusto-errors.ts';
import { RequestError, serverTimeout } from './request.ts';

export interface DetectionsRange {
  /** First and last scheduled run times (ticks), inclusive; undefined: every run that sees the data. */
  readonly from?: bigint;
  readonly to?: bigint;
  /** The client's servertimeout (ms), as on the query endpoints; undefined: the server's default. */
  readonly timeoutMs?: number;
}

export interface RuleSummary {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly query: string;
}

export interface DetectionsResult {
  readonly rules: readonly RuleSummary[];
  readonly alerts: readonly Alert[];
  readonly runs: number;
  readonly triggered: number;
  readonly failedRuns: readonly { readonly ruleId: string; readonly now: string; readonly message: string }[];
}

/** Replays the rules over the range; stops, throwing the signal's reason, when the signal aborts. */
export type DetectionsRunner = (range: DetectionsRange, signal: AbortSignal) => Promise<DetectionsResult>;

/**
 * The body `{"from": "<datetime>", "to": "<datetime>", "servertimeout": "<timespan>"}`, all
 * optional; servertimeout as the query endpoints take it (request-properties doc: at most an hour).
 */
export function parseDetectionsBody(text: string): DetectionsRange | KustoError {
  let body: unknown;
  try {
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return badRequest('The request body is not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return badRequest('The request body must be a JSON object: {"from": "<datetime>", "to": "<datetime>"}.');
  const range: { from?: bigint; to?: bigint; timeoutMs?: number } = {};
  const timeout = (body as Record<string, unknown>).servertimeout;
  if (timeout !== undefined && timeout !== null) {
    try {
      range.timeoutMs = serverTimeout(timeout);
    } catch (e) {
      if (e instanceof RequestError) return badRequest(`servertimeout is not a positive timespan: ${JSON.stringify(timeout).slice(0, 100)}`);
      throw e;
    }
  }
  for (const key of ['from', 'to'] as const) {
    const v = (body as Record<string, unknown>)[key];
    if (v === undefined || v === null || v === '') continue;
    const t = typeof v === 'string' ? parseDatetime(v) : null;
    if (t === null) return badRequest(`${key}: not a datetime: ${String(v).slice(0, 100)} (use ISO 8601, e.g. 2023-07-10T12:00:00Z)`);
    range[key] = t;
  }
  if (range.from !== undefined && range.to !== undefined && range.from > range.to) return badRequest('from is after to: no run is scheduled between them.');
  return range;
}

/**
 * The query that reproduces an alert in any Kusto client: the rule's query with now() set to the
 * run's (set query_now: learn.microsoft.com/kusto/query/set-statement). The run saw only the
 * rows of its lookback window, which a rule's own time filter (ago(...)) normally restates.
 */
export function reproducingQuery(alert: Alert, ruleQuery: string): string {
  return (
    `// ${alert.displayName.replace(/[\r\n]+/g, ' ')}\n` +
    `// ${alert.ruleName.replace(/[\r\n]+/g, ' ')}: the run scheduled at ${alert.scheduledTime}, whose lookback held TimeGenerated ${alert.windowStart} to ${alert.windowEnd}\n` +
    `set query_now = datetime(${alert.now});\n${ruleQuery.trim()}\n`
  );
}
