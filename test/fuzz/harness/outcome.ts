/**
 * What one fuzz input did. `ok` and `rejected` are fine (a query error that names the problem is
 * the right answer to a bad query); everything else is a defect the fuzzer reports.
 */
import { KqlError } from '../../../src/kql/errors.ts';

export type OutcomeKind =
  /** Ran to the end; for record inputs, every intact record was read. */
  | 'ok'
  /** Refused with a KqlError that is not an internal one (syntax, binding, unsupported, runtime). */
  | 'rejected'
  /** Threw something that is not a user-facing error (TypeError, RangeError, `internal: ...`). */
  | 'internal'
  /** Ran, but broke a property (an intact record lost, output not valid JSON, ...). */
  | 'violation'
  /** Did not finish within the watchdog's time. */
  | 'hang'
  /** The child process died (out of memory, a fatal V8 error, a native crash). */
  | 'crash';

export interface Outcome {
  readonly kind: OutcomeKind;
  readonly message?: string;
  /** Milliseconds the input took in the child. */
  readonly ms?: number;
  /** The child's resident set size after the input, in bytes. */
  readonly rss?: number;
}

export const FAILURES: ReadonlySet<OutcomeKind> = new Set(['internal', 'violation', 'hang', 'crash']);

/** Sorts a thrown value into `rejected` (a KqlError a user should see) or `internal`. */
export function classifyError(e: unknown): Outcome {
  if (e instanceof KqlError && !/^internal\b/i.test(e.message)) return { kind: 'rejected', message: `${e.kind}: ${e.message}` };
  const err = e instanceof Error ? e : new Error(String(e));
  return { kind: 'internal', message: `${err.name}: ${err.message}\n${err.stack ?? ''}`.slice(0, 4000) };
}
