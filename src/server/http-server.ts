/**
 * `trailhound serve`'s HTTP server: the Azure Data Explorer REST endpoints a Kusto client uses
 * (learn.microsoft.com/kusto/api/rest/request: `/v1/rest/query`, `/v2/rest/query`, `/v1/rest/mgmt`;
 * `/v1/rest/auth/metadata`, which the SDKs read before connecting; `/v1/rest/ping`), and `/`.
 *
 * Safe by default: a bearer token, when set, is required on every API request and compared in
 * constant time; no CORS headers, so a web page of another origin cannot read an answer; `/` (the
 * web explorer, docs/explorer.md) is served under a Content-Security-Policy that allows only its
 * own origin's scripts, styles and API calls.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CatalogSchema } from '../kql/engine.ts';
import { badRequest, databaseNotFound, kustoError, kustoErrorOf, oneApiError, throttled, type KustoError, type RequestIdentity } from './kusto-errors.ts';
import { ConcurrencyGate, type ServerLimits } from './limits.ts';
import { DATABASE, runCommand } from './management.ts';
import { explorerAsset, isExplorerPath } from './explorer-assets.ts';
import { answerQuery, type QueryRun } from './query-answer.ts';
import { parseDetectionsBody, type DetectionsRunner } from './detections.ts';
import { createIpLabeller, MAX_ADDRESSES, type IpLabeller } from './ip-info.ts';
import { stringifyJson } from '../kql/values/json-stringify.ts';
import { QueryCancelledError } from '../kql/errors.ts';
import { parseRequest, readBody, RequestError, type KustoRequest } from './request.ts';

export interface ServeConfig {
  readonly host: string;
  readonly port: number;
  /** The bearer token every API request must carry (none: no check, loopback only). */
  readonly token?: string;
  readonly limits: ServerLimits;
  readonly catalog: () => CatalogSchema;
  readonly run: Omit<QueryRun, 'timeoutMs' | 'maxMemoryBytes'>;
  /** The detections page's replay of the rules serve was given (none: the endpoint answers 404). */
  readonly detections?: DetectionsRunner;
  /** The explorer's address labels (default: the bundled data only). */
  readonly ipLabeller?: IpLabeller;
  /** One line per request (method, path, status, rows, milliseconds) and server-side errors. */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly server: Server;
  /** `http://host:port` */
  readonly url: string;
  close(): Promise<void>;
}

/** The cloud metadata the Kusto SDKs ask for first; trailhound has no Entra ID, so the public cloud's defaults. */
const AUTH_METADATA = JSON.stringify({
  AzureAD: {
    LoginEndpoint: 'https://login.microsoftonline.com',
    LoginMfaRequired: false,
    KustoClientAppId: 'db662dc1-0cfe-4e1c-a843-19a68e65be58',
    KustoClientRedirectUri: 'https://microsoft/kustoclient',
    KustoServiceResourceId: 'https://kusto.kusto.windows.net',
    FirstPartyAuthorityUrl: 'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  },
  dSTS: null,
});

export const HOME_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HOME_PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>trailhound serve</title></head><body>' +
  '<h1>trailhound serve</h1><p>The web explorer\'s files are missing from this installation.</p>' +
  '<p>Connect a Kusto client (Kusto Explorer, the Azure Data Explorer web UI, Kqlmagic, Grafana, the Kusto SDKs) to this address; the database is <code>trailhound</code>. See <code>trailhound serve --help</code>.</p>' +
  '</body></html>\n';

/** The explorer's detections endpoint (src/server/detections.ts). */
export const DETECTIONS_PATH = '/trailhound/detections';
/** The explorer's address labels: kind, country, ASN and organisation of each `addr` (src/server/ip-info.ts). */
export const IP_PATH = '/trailhound/ip';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Whether the request carries the token: both sides hashed to one length, compared in constant time. */
function authorized(req: IncomingMessage, token: Buffer | undefined): boolean {
  if (!token) return true;
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!.trim()), token);
}

function commonHeaders(res: ServerResponse, id: RequestIdentity): void {
  res.setHeader('x-ms-client-request-id', id.clientRequestId);
  res.setHeader('x-ms-activity-id', id.activityId);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
}

function sendError(res: ServerResponse, e: KustoError, id: RequestIdentity): void {
  if (res.headersSent) return;
  const body = JSON.stringify(oneApiError(e, id));
  res.writeHead(e.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

export function startServer(config: ServeConfig): Promise<RunningServer> {
  const token = config.token === undefined ? undefined : digest(config.token);
  const gate = new ConcurrencyGate(config.limits.maxConcurrent);
  const run: QueryRun = { ...config.run, timeoutMs: config.limits.defaultTimeoutMs, maxMemoryBytes: config.limits.maxMemoryBytes };
  const log = config.log ?? (() => {});
  const ipLabeller = config.ipLabeller ?? createIpLabeller();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const header = req.headers['x-ms-client-request-id'];
    const id: RequestIdentity = { clientRequestId: (typeof header === 'string' && header.length <= 256 ? header : undefined) ?? `trailhound;${randomUUID()}`, activityId: randomUUID() };
    commonHeaders(res, id);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    let status = 200;
    let rows = 0;
    const done = (note = '') => log(`${method} ${path} ${status}${rows > 0 ? ` ${rows} rows` : ''} ${Date.now() - started} ms${note}`);
    const fail = (e: KustoError) => {
      status = e.status;
      sendError(res, e, id);
    };

    if (isExplorerPath(path) && (method === 'GET' || method === 'HEAD')) {
      // The explorer's files carry no data: they are served without the token, like the page
      // itself; every query the page makes goes through the API and its token check.
      const asset = explorerAsset(path);
      const page = asset ?? { body: Buffer.from(HOME_PAGE), contentType: 'text/html; charset=utf-8' };
      const csp = asset ? asset.csp : HOME_CSP;
      if (!asset && path !== '/') {
        fail(kustoError(404, 'NotFound', 'KustoRequestException', `No such endpoint: ${method} ${path.slice(0, 200)}.`));
        return done();
      }
      res.writeHead(200, { 'Content-Type': page.contentType, 'Content-Length': page.body.length, 'Content-Security-Policy': csp, 'X-Frame-Options': 'DENY', 'Referrer-Policy': 'no-referrer' });
      res.end(method === 'HEAD' ? undefined : page.body);
      return done();
    }
    if (path === '/v1/rest/auth/metadata' && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(AUTH_METADATA);
      return done();
    }
    const api = ['/v1/rest/query', '/v2/rest/query', '/v1/rest/mgmt', '/v1/rest/ping', IP_PATH, ...(config.detections ? [DETECTIONS_PATH] : [])];
    if (!api.includes(path)) {
      fail(kustoError(404, 'NotFound', 'KustoRequestException', `No such endpoint: ${method} ${path.slice(0, 200)}.`));
      return done();
    }
    if (!authorized(req, token)) {
      status = 401;
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer', 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(oneApiError(kustoError(401, 'Unauthorized', 'KustoRequestDeniedException', 'The request needs the server token: Authorization: Bearer <token>.'), id)));
      return done();
    }
    if (path === '/v1/rest/ping') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Pong');
      return done();
    }
    if (path === IP_PATH) {
      // Bounded work (at most MAX_ADDRESSES table look-ups), so no concurrency place is taken.
      if (method !== 'GET') {
        res.setHeader('Allow', 'GET');
        fail(kustoError(405, 'MethodNotAllowed', 'KustoRequestException', `${method} is not allowed on ${path}.`));
        return done();
      }
      const addresses = url.searchParams.getAll('addr');
      if (addresses.length > MAX_ADDRESSES) {
        fail(badRequest(`At most ${MAX_ADDRESSES} addresses (addr=) per request, got ${addresses.length}.`));
        return done();
      }
      const body = JSON.stringify({ addresses: addresses.map((address) => ({ address, ...ipLabeller.info(address) })), sources: ipLabeller.sources() });
      rows = addresses.length;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return done();
    }
    if (path === DETECTIONS_PATH) {
      if (method !== 'POST') {
        res.setHeader('Allow', 'POST');
        fail(kustoError(405, 'MethodNotAllowed', 'KustoRequestException', `${method} is not allowed on ${path}.`));
        return done();
      }
      let range;
      try {
        range = parseDetectionsBody((await readBody(req, config.limits.maxBodyBytes)).toString('utf8'));
      } catch (e) {
        if (!(e instanceof RequestError)) throw e;
        res.setHeader('Connection', 'close');
        fail(e.kusto);
        return done();
      }
      if ('status' in range) {
        fail(range);
        return done();
      }
      if (!gate.take()) {
        fail(throttled(gate.limit));
        return done();
      }
      // The replay stops when the client goes away or its servertimeout passes (the query
      // endpoints' rules: the client's servertimeout, else the server's default).
      const abort = new AbortController();
      const onClose = () => abort.abort(new QueryCancelledError('cancelled', 'The client closed the connection.'));
      res.on('close', onClose);
      const timer = setTimeout(
        () => abort.abort(new QueryCancelledError('timeout', 'Query execution has exceeded its servertimeout and was stopped (query is expired).')),
        range.timeoutMs ?? config.limits.defaultTimeoutMs,
      );
      try {
        const result = await config.detections!(range, abort.signal);
        rows = result.alerts.length;
        const body = stringifyJson({ ...result, alerts: result.alerts.map(({ evidenceKeys: _k, ...a }) => a) })!;
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(body);
      } catch (e) {
        if (res.destroyed) {
          status = 499;
          return done(' (the client went away: replay cancelled)');
        }
        const error = e instanceof RequestError ? e.kusto : kustoErrorOf(e);
        if (error.status === 500) log(`internal error (a bug in trailhound): ${(e as Error)?.stack ?? String(e)}`);
        fail(error);
      } finally {
        clearTimeout(timer);
        res.off('close', onClose);
        gate.release();
      }
      return done();
    }
    if (method !== 'POST' && !(method === 'GET' && path !== '/v1/rest/mgmt')) {
      res.setHeader('Allow', path === '/v1/rest/mgmt' ? 'POST' : 'GET, POST');
      fail(kustoError(405, 'MethodNotAllowed', 'KustoRequestException', `${method} is not allowed on ${path}.`));
      return done();
    }
    let request: KustoRequest;
    try {
      request = parseRequest(method, url, await readBody(req, config.limits.maxBodyBytes));
    } catch (e) {
      if (!(e instanceof RequestError)) throw e;
      // The client may still be sending: answer, then close the connection rather than read it all.
      res.setHeader('Connection', 'close');
      fail(e.kusto);
      return done();
    }
    const isCommand = request.csl.trimStart().startsWith('.');
    if (request.db !== undefined && request.db !== DATABASE && !(isCommand && request.db === 'NetDefaultDB')) {
      fail(databaseNotFound(request.db));
      return done();
    }
    if (isCommand && path !== '/v1/rest/mgmt') {
      fail(badRequest('A management command (text starting with a dot) goes to /v1/rest/mgmt.'));
      return done();
    }
    if (!gate.take()) {
      fail(throttled(gate.limit));
      return done();
    }
    try {
      if (isCommand) {
        const answer = runCommand(request.csl, config.catalog());
        if (!answer.ok) fail(answer.error);
        else {
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(answer.body);
        }
        return done();
      }
      const answered = await answerQuery(res, request, path === '/v2/rest/query' ? 'v2' : 'v1', run, id, fail);
      status = answered.status;
      rows = answered.rows;
      if (answered.bug !== undefined) log(`internal error (a bug in trailhound): ${(answered.bug as Error)?.stack ?? String(answered.bug)}`);
      return done(answered.error && status === 200 ? ` partial failure: ${answered.error.code}` : '');
    } finally {
      gate.release();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`internal error (a bug in trailhound): ${(e as Error)?.stack ?? String(e)}`);
      if (!res.headersSent) sendError(res, kustoError(500, 'General_InternalServerError', 'KustoServiceException', 'trailhound failed with an internal error.', false), { clientRequestId: '', activityId: randomUUID() });
      else res.destroy();
    });
  });
  // A slow client cannot hold a connection open forever while sending its headers or body.
  server.headersTimeout = 30_000;
  server.requestTimeout = 60_000;
  // Clients keep connections for reuse (the Kusto SDKs do): closing an idle one soon after a
  // response races with a client that sends its next request on it.
  server.keepAliveTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      const a = server.address() as AddressInfo;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve({
        server,
        url: `http://${host}:${a.port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
