/**
 * A query or management request: `{db, csl, properties}` in a POST body or the URL of a GET
 * (learn.microsoft.com/kusto/api/rest/request, "Request parameters"), and the client request
 * properties in `properties.Options` (api/rest/request-properties), which may come as an object
 * or as its JSON text.
 */
import type { IncomingMessage } from 'node:http';
import { withProperty, type OptionValue, type RequestProperties } from '../kql/request-properties.ts';
import { parseDatetime } from '../kql/values/datetime.ts';
import { parseTimespan, parseTimespanLiteral } from '../kql/values/timespan.ts';
import { TICKS_PER_MILLISECOND } from '../kql/types.ts';
import { badRequest, payloadTooLarge, type KustoError } from './kusto-errors.ts';

export class RequestError extends Error {
  constructor(readonly kusto: KustoError) {
    super(kusto.message);
  }
}

export interface KustoRequest {
  readonly db?: string;
  readonly csl: string;
  /** The request properties trailhound's engine applies. */
  readonly properties: RequestProperties;
  /** `servertimeout` in milliseconds, when the client set it (`norequesttimeout`: the longest). */
  readonly timeoutMs?: number;
}

/** Kusto's longest servertimeout (request-properties doc: `norequesttimeout` sets it to the maximum). */
export const MAX_TIMEOUT_MS = 60 * 60 * 1000;

/**
 * Options that shape only how a response travels or is logged, never what it holds: accepted and
 * left alone (trailhound always answers with a non-progressive v2 data set, errors in the data).
 */
const TRANSPORT_OPTIONS = new Set([
  'results_progressive_enabled', 'results_v2_newlines_between_frames', 'results_v2_fragment_primary_tables',
  'results_error_reporting_placement', 'client_max_redirect_count', 'client_request_id', 'request_readonly_hardline',
  'x-ms-app', 'x-ms-user', 'x-ms-client-version',
]);

/** Reads the body, refusing more than `limit` bytes (413) without reading the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new RequestError(payloadTooLarge(limit));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new RequestError(payloadTooLarge(limit));
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The request of a POST body (JSON) or of a GET's URL parameters. */
export function parseRequest(method: string, url: URL, body: Buffer): KustoRequest {
  let fields: { db?: unknown; csl?: unknown; properties?: unknown };
  if (method === 'GET') {
    fields = { db: url.searchParams.get('db') ?? undefined, csl: url.searchParams.get('csl') ?? undefined, properties: url.searchParams.get('properties') ?? undefined };
  } else {
    try {
      fields = JSON.parse(body.toString('utf8')) as typeof fields;
    } catch {
      throw new RequestError(badRequest('The request body is not a JSON document ({"db": ..., "csl": ..., "properties": ...}).'));
    }
    if (!fields || typeof fields !== 'object') throw new RequestError(badRequest('The request body must be a JSON object.'));
  }
  if (typeof fields.csl !== 'string' || fields.csl.trim() === '') throw new RequestError(badRequest('The request has no csl (the query or command text).'));
  if (fields.db !== undefined && fields.db !== null && typeof fields.db !== 'string') throw new RequestError(badRequest('db must be a string.'));
  return { db: (fields.db as string | null | undefined) ?? undefined, csl: fields.csl, ...clientProperties(fields.properties) };
}

function clientProperties(raw: unknown): { properties: RequestProperties; timeoutMs?: number } {
  let props = raw;
  if (typeof props === 'string') {
    if (props.trim() === '') return { properties: {} };
    try {
      props = JSON.parse(props);
    } catch {
      throw new RequestError(badRequest('properties is not JSON.'));
    }
  }
  if (props === undefined || props === null) return { properties: {} };
  if (typeof props !== 'object') throw new RequestError(badRequest('properties must be a JSON object.'));
  const { Options: options, Parameters: parameters } = props as { Options?: unknown; Parameters?: unknown };
  if (parameters && typeof parameters === 'object' && Object.keys(parameters).length > 0) {
    throw new RequestError(badRequest(`Unsupported by trailhound: query parameters (properties.Parameters: ${Object.keys(parameters).join(', ')}); write the values into the query.`));
  }
  let properties: RequestProperties = {};
  let timeoutMs: number | undefined;
  for (const [name, value] of Object.entries((options as Record<string, unknown> | undefined) ?? {})) {
    const lower = name.toLowerCase();
    if (TRANSPORT_OPTIONS.has(lower) || value === null) continue;
    if (lower === 'servertimeout') timeoutMs = serverTimeout(value);
    else if (lower === 'norequesttimeout') {
      if (value === true) timeoutMs = MAX_TIMEOUT_MS;
    } else if (lower === 'query_language') {
      if (!/^(csl|kql)$/i.test(String(value))) throw new RequestError(badRequest(`Unsupported by trailhound: query_language ${String(value)} (only KQL).`));
    } else if (lower === 'deferpartialqueryfailures') {
      if (value === true) throw new RequestError(badRequest('Unsupported by trailhound: deferpartialqueryfailures (trailhound always reports a partial query failure in the result).'));
    } else {
      try {
        properties = withProperty(properties, name, optionValue(lower, value));
      } catch (e) {
        throw new RequestError(badRequest(`properties.Options: ${(e as Error).message}`));
      }
    }
  }
  return { properties, timeoutMs };
}

/** A JSON option value as a `set` statement's literal of the type the property expects. */
function optionValue(name: string, v: unknown): OptionValue {
  if (typeof v === 'boolean') return { type: 'bool', value: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { type: 'long', value: BigInt(v) } : { type: 'real', value: v };
  if (typeof v === 'string') {
    if (name === 'query_now') {
      const t = parseDatetime(v);
      if (t === null) throw new RequestError(badRequest(`properties.Options: query_now is not a datetime: ${v}`));
      return { type: 'datetime', value: t };
    }
    if (/^(true|false)$/i.test(v)) return { type: 'bool', value: v.toLowerCase() === 'true' };
    if (/^\d+$/.test(v)) return { type: 'long', value: BigInt(v) };
    return { type: 'string', value: v };
  }
  return { type: 'dynamic', value: null };
}

/** `servertimeout`: a timespan (`00:04:00` as the SDKs send it, or `5m`), at most an hour. */
export function serverTimeout(v: unknown): number {
  const ticks = typeof v === 'string' ? (parseTimespan(v) ?? parseTimespanLiteral(v) ?? null) : null;
  if (ticks === null || ticks <= 0n) throw new RequestError(badRequest(`properties.Options: servertimeout is not a positive timespan: ${JSON.stringify(v)}`));
  return Math.min(Number(ticks / TICKS_PER_MILLISECOND), MAX_TIMEOUT_MS);
}
