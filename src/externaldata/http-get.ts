/**
 * One bounded HTTP(S) GET: a deadline for the whole exchange (redirects and body included), a
 * maximum body size (refused from Content-Length before reading, else as soon as the body
 * passes it), a few redirects (http/https only, never from https down to http). A query names
 * the URL, so nothing in it may hang the process or fill its memory.
 */
import { createRequire } from 'node:module';

export interface HttpGetOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Conditional request headers (If-None-Match, If-Modified-Since). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type HttpGetResult =
  | { readonly status: 200; readonly body: Buffer; readonly etag?: string; readonly lastModified?: string }
  | { readonly status: 304 };

export class HttpGetError extends Error {}

const USER_AGENT = 'trailhound (externaldata)';

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpGetResult> {
  // Loaded on first use: the CLI's V8 startup snapshot cannot hold node:http (scripts/build.mjs).
  // By require(), not import(): the bundle compiled from its code cache has no import()
  // (bin/load-bundle.js).
  const load = createRequire(import.meta.url);
  const modules: Modules = { http: load('node:http') as Modules['http'], https: load('node:https') as Modules['https'] };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw new HttpGetError(`only http and https URLs can be read (${current.protocol})`);
      const r = await once(modules, current, options, controller.signal);
      if (r.kind === 'redirect') {
        if (hop >= options.maxRedirects) throw new HttpGetError(`more than ${options.maxRedirects} redirects`);
        const next = new URL(r.location, current);
        if (current.protocol === 'https:' && next.protocol === 'http:') throw new HttpGetError('a redirect from https to http was refused');
        current = next;
        continue;
      }
      return r.result;
    }
  } catch (e) {
    if (controller.signal.aborted) throw new HttpGetError(`no complete answer within ${options.timeoutMs / 1000} s`);
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

type Once = { kind: 'redirect'; location: string } | { kind: 'done'; result: HttpGetResult };

interface Modules {
  readonly http: typeof import('node:http');
  readonly https: typeof import('node:https');
}

function once(modules: Modules, url: URL, options: HttpGetOptions, signal: AbortSignal): Promise<Once> {
  return new Promise<Once>((resolve, reject) => {
    const get = url.protocol === 'https:' ? modules.https.get : modules.http.get;
    const req = get(url, { signal, agent: false, headers: { 'user-agent': USER_AGENT, ...(options.headers ?? {}) } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && res.headers.location) {
        res.resume();
        resolve({ kind: 'redirect', location: res.headers.location });
        return;
      }
      if (status === 304) {
        res.resume();
        resolve({ kind: 'done', result: { status: 304 } });
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new HttpGetError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`));
        return;
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        reject(new HttpGetError(`the answer is ${declared} bytes, more than the ${options.maxBytes} bytes externaldata reads`));
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > options.maxBytes) {
          reject(new HttpGetError(`the answer is more than the ${options.maxBytes} bytes externaldata reads`));
          res.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => {
        if (!res.complete) {
          reject(new HttpGetError('the connection closed before the whole answer arrived'));
          return;
        }
        const etag = res.headers.etag;
        const lastModified = res.headers['last-modified'];
        resolve({ kind: 'done', result: { status: 200, body: Buffer.concat(chunks, size), etag, lastModified } });
      });
      res.on('error', reject);
      res.on('aborted', () => reject(new HttpGetError('the connection closed before the whole answer arrived')));
    });
    req.on('error', (e) => reject(new HttpGetError(e.message)));
  });
}
