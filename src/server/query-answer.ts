/**
 * Runs one query for a client and streams its result in the v1 or v2 encoding. The query is
 * compiled, and its first batch computed, before the status line goes out: an error up to then
 * (syntax, binding, unsupported, a limit, servertimeout) gets its HTTP status and a OneApiErrors
 * body; one after it is a partial query failure inside the data, as in Kusto (response-v2 doc:
 * "The request may return a status code of 200 OK, but the HTTP response body will indicate an
 * error"). The client going away cancels the run.
 */
import type { ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { CompiledQuery, RunInput } from '../kql/engine.ts';
import type { Batch } from '../kql/types.ts';
import { kustoErrorOf, truncationError, type KustoError, type RequestIdentity } from './kusto-errors.ts';
import type { KustoRequest } from './request.ts';
import { v1Encoder, v2Encoder } from './response-encoders.ts';

export interface QueryRun {
  readonly compile: (text: string) => CompiledQuery;
  /** now(), tables, watchlists, externaldata of a run. */
  readonly input: () => Omit<RunInput, 'properties' | 'deadline' | 'signal'>;
  readonly timeoutMs: number;
  readonly maxMemoryBytes: number;
}

export interface Answered {
  readonly status: number;
  readonly rows: number;
  readonly error?: KustoError;
  /** The error's cause when it was a bug (logged by the server, never sent). */
  readonly bug?: unknown;
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full. */
async function send(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed) throw new Error('client went away');
  if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
}

export async function answerQuery(
  res: ServerResponse,
  request: KustoRequest,
  version: 'v1' | 'v2',
  run: QueryRun,
  id: RequestIdentity,
  fail: (e: KustoError) => void,
): Promise<Answered> {
  const abort = new AbortController();
  const onClose = () => abort.abort();
  res.on('close', onClose);
  const failed = (e: unknown): Answered => {
    const error = kustoErrorOf(e);
    fail(error);
    return { status: error.status, rows: 0, error, bug: error.status === 500 ? e : undefined };
  };
  let compiled: CompiledQuery;
  let iterator: AsyncIterator<Batch>;
  let first: IteratorResult<Batch>;
  let partialFailure: () => string | undefined;
  try {
    compiled = run.compile(request.csl);
    const budget = Math.min(request.properties.max_memory_consumption_per_query_per_node ?? run.maxMemoryBytes, run.maxMemoryBytes);
    const stream = compiled.resultStream({
      ...run.input(),
      properties: { ...request.properties, max_memory_consumption_per_query_per_node: budget },
      deadline: Date.now() + (request.timeoutMs ?? run.timeoutMs),
      signal: abort.signal,
    });
    partialFailure = stream.partialFailure;
    iterator = stream.batches[Symbol.asyncIterator]();
    first = await iterator.next();
  } catch (e) {
    res.off('close', onClose);
    return failed(e);
  }
  const encoder = version === 'v2' ? v2Encoder(id, compiled.visualization) : v1Encoder(id);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
  let rows = 0;
  let failure: KustoError | undefined;
  let bug: unknown;
  try {
    await send(res, encoder.head(first.done ? compiled.schema : first.value.schema));
    for (let next = first; !next.done; next = await iterator.next()) {
      rows += next.value.length;
      for (const chunk of encoder.rows(next.value)) await send(res, chunk);
      // Lets other requests and the socket's events in between batches.
      await new Promise<void>((r) => setImmediate(r));
    }
    const cut = partialFailure();
    if (cut) failure = truncationError(cut);
  } catch (e) {
    if (abort.signal.aborted || res.destroyed) {
      res.off('close', onClose);
      await iterator.return?.().catch(() => undefined);
      return { status: 499, rows };
    }
    failure = kustoErrorOf(e);
    if (failure.status === 500) bug = e;
  }
  res.off('close', onClose);
  res.end(encoder.tail(failure));
  return { status: 200, rows, error: failure, bug };
}
