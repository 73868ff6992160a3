/** Where in the query text a problem is: 0-based offset and length. */
export interface Span {
  readonly start: number;
  readonly length: number;
}

export type KqlErrorKind = 'syntax' | 'binding' | 'unsupported' | 'runtime';

/** Every error the engine reports to a user; the CLI prints it as file:line:column: message. */
export class KqlError extends Error {
  constructor(
    readonly kind: KqlErrorKind,
    message: string,
    readonly span?: Span,
    readonly source?: string,
  ) {
    super(message);
    this.name = 'KqlError';
  }
}

/** A construct that Kusto has and trailhound does not: named, never approximated. */
export class UnsupportedError extends KqlError {
  constructor(what: string, span?: Span) {
    super('unsupported', `${what} is not supported by trailhound`, span);
    this.name = 'UnsupportedError';
  }
}

/** A query that is valid but fails while running (bad argument value, limits). */
export class RuntimeError extends KqlError {
  constructor(message: string, span?: Span) {
    super('runtime', message, span);
    this.name = 'RuntimeError';
  }
}

/**
 * A run stopped by one of Kusto's query limits (docs/kql.md, "Limits"): a scheduled run that
 * fails this way is reported and the other runs go on (docs/detections.md).
 */
export class QueryLimitError extends RuntimeError {
  constructor(message: string, span?: Span) {
    super(message, span);
    this.name = 'QueryLimitError';
  }
}

/**
 * Kusto's runaway-query failure (query-limits doc: "The HashJoin operator has exceeded the memory
 * budget during evaluation. Results might be incorrect or incomplete (E_RUNAWAY_QUERY).").
 * `what` names the operator or function that needed more memory.
 */
export class RunawayQueryError extends QueryLimitError {
  constructor(
    readonly what: string,
    readonly budget: { readonly name: string; readonly bytes: number },
  ) {
    super(
      `The ${what} has exceeded the memory budget during evaluation. Results might be incorrect or incomplete (E_RUNAWAY_QUERY). ` +
        `Budget: ${budget.name} = ${budget.bytes} bytes (${formatMiB(budget.bytes)})`,
    );
    this.name = 'RunawayQueryError';
  }
}

function formatMiB(bytes: number): string {
  const mib = bytes / 1048576;
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/**
 * A run stopped before it ended: its deadline passed (the client's `servertimeout` request
 * property; request-properties doc) or its caller cancelled it. Checked between batches, so a
 * run stops within one batch of work.
 */
export class QueryCancelledError extends QueryLimitError {
  constructor(
    readonly reason: 'timeout' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'QueryCancelledError';
  }
}
