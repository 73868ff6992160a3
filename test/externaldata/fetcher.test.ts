/**
 * The CLI's externaldata source (src/externaldata/): local copies, one read per URL and process,
 * copies on disk with a freshness rule and revalidation, the stale copy when offline, and the
 * bounds on what a URL can make it do. A real HTTP server on loopback, started here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { externalDataFetcher } from '../../src/externaldata/fetcher.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Server {
  readonly base: string;
  readonly requests: http.IncomingMessage[];
  close(): Promise<void>;
}

async function serve(handler: Handler): Promise<Server> {
  const requests: http.IncomingMessage[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const tempDir = () => mkdtempSync(join(tmpdir(), 'th-extdata-'));

test('one request per URL and process, concurrent reads included; a second process uses the fresh copy on disk', async () => {
  const srv = await serve((_req, res) => res.end('a\nb\n'));
  try {
    const cacheDir = tempDir();
    const f = externalDataFetcher({ cacheDir });
    const url = `${srv.base}/list.txt`;
    const [x, y] = await Promise.all([f(url), f(url)]);
    assert.equal(text(x), 'a\nb\n');
    assert.equal(text(y), 'a\nb\n');
    assert.equal(text(await f(url)), 'a\nb\n');
    assert.equal(srv.requests.length, 1);
    // Another process (a new fetcher) within the freshness period: no request at all.
    const g = externalDataFetcher({ cacheDir });
    assert.equal(text(await g(url)), 'a\nb\n');
    assert.equal(srv.requests.length, 1);
    // Without a disk cache (--no-cache) it is fetched again.
    await externalDataFetcher({})(url);
    assert.equal(srv.requests.length, 2);
  } finally {
    await srv.close();
  }
});

test('an older copy is revalidated (If-None-Match): 304 keeps it, 200 replaces it', async () => {
  let version = 'v1';
  const srv = await serve((req, res) => {
    if (req.headers['if-none-match'] === `"${version}"`) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('etag', `"${version}"`);
    res.end(version);
  });
  try {
    const cacheDir = tempDir();
    let clock = 1_000_000;
    const at = () => clock;
    const url = `${srv.base}/x.csv`;
    assert.equal(text(await externalDataFetcher({ cacheDir, now: at })(url)), 'v1');
    clock += 2 * 60 * 60 * 1000; // two hours later: stale
    assert.equal(text(await externalDataFetcher({ cacheDir, now: at })(url)), 'v1');
    assert.equal(srv.requests[1]!.headers['if-none-match'], '"v1"');
    // The 304 refreshed the copy: within the hour, no request.
    clock += 30 * 60 * 1000;
    assert.equal(text(await externalDataFetcher({ cacheDir, now: at })(url)), 'v1');
    assert.equal(srv.requests.length, 2);
    version = 'v2';
    clock += 2 * 60 * 60 * 1000;
    assert.equal(text(await externalDataFetcher({ cacheDir, now: at })(url)), 'v2');
    assert.equal(text(await externalDataFetcher({ cacheDir, now: at })(url)), 'v2');
    assert.equal(srv.requests.length, 3);
  } finally {
    await srv.close();
  }
});

test('offline: the copy on disk is used, however old, with a warning; without one the error says how to give the file', async () => {
  const srv = await serve((_req, res) => res.end('cached'));
  const cacheDir = tempDir();
  const url = `${srv.base}/x.txt?sig=SECRET`;
  let clock = 0;
  await externalDataFetcher({ cacheDir, now: () => clock })(url);
  await srv.close();
  clock = 10 * 24 * 60 * 60 * 1000;
  const warnings: string[] = [];
  const bytes = await externalDataFetcher({ cacheDir, now: () => clock, warn: (m) => warnings.push(m) })(url);
  assert.equal(text(bytes), 'cached');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /^externaldata: http:\/\/127\.0\.0\.1:\d+\/x\.txt\?\.\.\.: connect ECONNREFUSED .*; using the copy fetched 1970-01-01T00:00:00\.000Z$/);
  await assert.rejects(externalDataFetcher({})(url), /ECONNREFUSED.*\(to run without the network, give a copy: --externaldata URL=FILE\)/);
});

test('--externaldata URL=FILE: the exact URL or the URL without its query string; nothing is fetched', async () => {
  const dir = tempDir();
  const file = join(dir, 'ips.csv');
  writeFileSync(file, 'ip\n10.0.0.1\n');
  const f = externalDataFetcher({ files: new Map([['https://example.invalid/ips.csv', file]]) });
  assert.equal(text(await f('https://example.invalid/ips.csv')), 'ip\n10.0.0.1\n');
  assert.equal(text(await f('https://example.invalid/ips.csv?sv=2024&sig=abc')), 'ip\n10.0.0.1\n');
  const small = externalDataFetcher({ files: new Map([['https://example.invalid/ips.csv', file]]), maxBytes: 5 });
  await assert.rejects(small('https://example.invalid/ips.csv'), /the file .*ips\.csv given for it is 12 bytes, more than the 5 bytes/);
});

test('a server that never answers is given up after the timeout; so is one that stops in the middle of the body', { timeout: 60_000 }, async () => {
  const silent = await serve(() => {
    // never answers
  });
  const stalls = await serve((_req, res) => {
    res.setHeader('content-length', '100');
    res.write('partial');
  });
  try {
    await assert.rejects(externalDataFetcher({ timeoutMs: 300 })(`${silent.base}/x`), /no complete answer within 0\.3 s/);
    await assert.rejects(externalDataFetcher({ timeoutMs: 300 })(`${stalls.base}/x`), /no complete answer within 0\.3 s/);
  } finally {
    await silent.close();
    await stalls.close();
  }
});

test('an answer larger than the limit is refused: from its Content-Length without reading it, or as soon as an unsized body passes it', { timeout: 60_000 }, async () => {
  let written = 0;
  const srv = await serve((req, res) => {
    if (req.url === '/declared') {
      res.setHeader('content-length', String(10 * 1024 * 1024 * 1024));
      res.write('x');
      return;
    }
    // An endless chunked body: a hostile URL that would fill memory if read whole.
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) written += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    res.on('close', () => undefined);
    pump();
  });
  try {
    await assert.rejects(externalDataFetcher({ maxBytes: 1000 })(`${srv.base}/declared`), /the answer is 10737418240 bytes, more than the 1000 bytes externaldata reads/);
    await assert.rejects(externalDataFetcher({ maxBytes: 1024 * 1024 })(`${srv.base}/endless`), /the answer is more than the 1048576 bytes externaldata reads/);
    assert.ok(written < 64 * 1024 * 1024, `the server wrote ${written} bytes before the client stopped`);
  } finally {
    await srv.close();
  }
});

test('redirects are followed up to 5, relative ones included; only http and https; errors carry the status', async () => {
  const srv = await serve((req, res) => {
    const m = /^\/hop\/(\d+)$/.exec(req.url ?? '');
    if (m) {
      const n = Number(m[1]);
      res.statusCode = 302;
      res.setHeader('location', n > 0 ? `/hop/${n - 1}` : '/final');
      res.end();
      return;
    }
    if (req.url === '/final') {
      res.end('there');
      return;
    }
    if (req.url === '/to-file') {
      res.statusCode = 301;
      res.setHeader('location', 'file:///etc/passwd');
      res.end();
      return;
    }
    res.statusCode = 500;
    res.end('boom');
  });
  try {
    assert.equal(text(await externalDataFetcher({})(`${srv.base}/hop/4`)), 'there');
    await assert.rejects(externalDataFetcher({})(`${srv.base}/hop/5`), /more than 5 redirects/);
    await assert.rejects(externalDataFetcher({})(`${srv.base}/to-file`), /only http and https URLs can be read \(file:\)/);
    await assert.rejects(externalDataFetcher({})(`${srv.base}/other`), /HTTP 500 Internal Server Error/);
    await assert.rejects(externalDataFetcher({})('ftp://example.invalid/x'), /only http and https URLs can be read \(ftp:\)/);
  } finally {
    await srv.close();
  }
});
