/**
 * Errors in Kusto's shape. A request that fails before its result starts gets an HTTP error
 * status and a OneApiErrors body (learn.microsoft.com/kusto/api/rest/response-v2, "HTTP response
 * body (on request failure)"); one that fails after the 200 status line carries the same error
 * object inside the data ("partial query failure", api/rest/response). The codes, types and HTTP
 * statuses are those of Kusto.Data's exceptions (learn.microsoft.com/kusto/api/netfx/kusto-data-client-errors).
 */
import { hostname } from 'node:os';
import { KqlError, QueryCancelledError, RunawayQueryError } from '../kql/errors.ts';

export interface KustoError {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  /** The detail, `@message`. */
  readonly message: string;
  readonly permanent: boolean;
}

/** What every request shares: who asked, for correlation (`@context`, QueryCompletionInformation). */
export interface RequestIdentity {
  readonly clientRequestId: string;
  readonly activityId: string;
}

const BAD_REQUEST = 'Request is invalid and cannot be executed.';

export const kustoError = (status: number, code: string, type: string, message: string, permanent = true): KustoError => ({ status, code, type: `Kusto.Data.Exceptions.${type}`, message, permanent });

/** The request's own faults, by the exception Kusto raises for each. */
export const badRequest = (message: string): KustoError => kustoError(400, 'General_BadRequest', 'KustoBadRequestException', message);
export const databaseNotFound = (db: string): KustoError =>
  kustoError(400, 'BadRequest_DatabaseNotExist', 'DatabaseNotFoundException', `Request is invalid and cannot be processed: Database '${db}' was not found (this server has the database 'trailhound').`);
export const forbidden = (message: string): KustoError => kustoError(403, 'Forbidden', 'KustoRequestDeniedException', message);
export const payloadTooLarge = (limit: number): KustoError => kustoError(413, 'PayloadTooLarge', 'KustoRequestPayloadTooLargeException', `The request body is larger than ${limit} bytes.`);
export const throttled = (limit: number): KustoError =>
  kustoError(429, 'TooManyRequests', 'KustoRequestThrottledException', `Request was denied due to throttling: ${limit} queries are running already (trailhound serve --max-concurrent). Retrying after some backoff might succeed.`, false);

/** An error the engine raised, as Kusto reports its kind. Anything else is a bug in trailhound. */
export function kustoErrorOf(e: unknown): KustoError {
  if (e instanceof QueryCancelledError) return kustoError(504, 'RequestExecutionTimeout', 'KustoServiceTimeoutException', e.message, false);
  if (e instanceof RunawayQueryError) return kustoError(400, 'LimitsExceeded', 'KustoServicePartialQueryFailureLimitsExceededException', `Query execution has exceeded the allowed limits (80DA0001): ${e.message}`);
  if (e instanceof KqlError) {
    switch (e.kind) {
      case 'syntax':
        return kustoError(400, 'BadRequest_SyntaxError', 'SyntaxException', `Syntax error: ${e.message}`);
      case 'binding':
        return kustoError(400, 'General_BadRequest', 'SemanticException', `Semantic error: ${e.message}`);
      case 'unsupported':
        return badRequest(`Unsupported by trailhound: ${e.message}`);
      case 'runtime':
        return kustoError(400, 'General_BadRequest', 'KustoDataStreamException', `Query execution has resulted in error: ${e.message}`);
    }
  }
  // A file that cannot be read, a table file that went away: the machine, not the query.
  const err = e as NodeJS.ErrnoException;
  if (err instanceof Error && (err.name === 'UsageError' || typeof err.code === 'string')) return kustoError(500, 'General_InternalServerError', 'KustoServiceException', err.message, false);
  return kustoError(500, 'General_InternalServerError', 'KustoServiceException', 'trailhound failed with an internal error (a bug: the server log has the details).', false);
}

/** The truncation's partial failure: E_QUERY_RESULT_SET_TOO_LARGE (query-limits doc) as LimitsExceeded. */
export function truncationError(partialFailure: string): KustoError {
  return kustoError(400, 'LimitsExceeded', 'KustoServicePartialQueryFailureLimitsExceededException', `Query execution has exceeded the allowed limits (80DA0003): ${partialFailure}`);
}

/** The OneApiErrors object of an error (Microsoft REST API guidelines, 7.10.2). */
export function oneApiError(e: KustoError, id: RequestIdentity): object {
  return {
    error: {
      code: e.code,
      message: e.status === 429 ? 'Request was denied due to throttling.' : e.status >= 500 ? 'An unexpected error occurred.' : BAD_REQUEST,
      '@type': e.type,
      '@message': e.message,
      '@context': {
        timestamp: new Date().toISOString(),
        serviceAlias: 'TRAILHOUND',
        machineName: hostname(),
        processName: 'trailhound',
        processId: process.pid,
        clientRequestId: id.clientRequestId,
        activityId: id.activityId,
      },
      '@permanent': e.permanent,
    },
  };
}
