/** Shared pieces of the live-mode tests: CloudTrail files, a loopback S3 server, a webhook receiver. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3';
import { isoToTicks } from '../../src/cloudtrail/time.ts';

export const ACCOUNT = '123456789012';

export function tempDir(t: { after(fn: () => void): void }): string {
  const d = mkdtempSync(join(tmpdir(), 'th-live-'));
  t.after(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

export function ticks(iso: string): bigint {
  const t = isoToTicks(iso);
  if (t === null) throw new Error(`bad iso ${iso}`);
  return t;
}

export interface Ev {
  readonly time: string;
  readonly id: string;
  readonly name?: string;
}

export function record(e: Ev): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: `arn:aws:iam::${ACCOUNT}:user/alice`, accountId: ACCOUNT, userName: 'alice' },
    eventTime: e.time,
    eventSource: 'cloudtrail.amazonaws.com',
    eventName: e.name ?? 'DeleteTrail',
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.7',
    userAgent: 'aws-cli/2',
    requestParameters: { name: 'main' },
    responseElements: null,
    requestID: `req-${e.id}`,
    eventID: e.id,
    readOnly: false,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: ACCOUNT,
    eventCategory: 'Management',
  };
}

/** The S3 key CloudTrail would use for a file delivered at `delivered` (ISO, minute precision). */
export function trailKey(delivered: string, uniq: string): string {
  const [y, m, d] = delivered.slice(0, 10).split('-');
  const stamp = `${delivered.slice(0, 4)}${delivered.slice(5, 7)}${delivered.slice(8, 10)}T${delivered.slice(11, 13)}${delivered.slice(14, 16)}Z`;
  return `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/${y}/${m}/${d}/${ACCOUNT}_CloudTrail_us-east-1_${stamp}_${uniq}.json.gz`;
}

export function trailBody(events: readonly Ev[]): Buffer {
  return gzipSync(JSON.stringify({ Records: events.map(record) }));
}

/** Writes a CloudTrail file under `root` as CloudTrail lays them out; returns its path. */
export function writeTrailFile(root: string, delivered: string, uniq: string, events: readonly Ev[]): string {
  const p = join(root, trailKey(delivered, uniq));
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, trailBody(events));
  return p;
}

export interface S3Server {
  readonly endpoint: string;
  readonly client: S3Client;
  put(key: string, body: Buffer): Promise<void>;
  /** Every request the server received so far, `METHOD /bucket/key?query` (URL-decoded path). */
  requests(): string[];
}

const S3_SERVER = fileURLToPath(new URL('./s3-server.mjs', import.meta.url));
export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts s3rver on 127.0.0.1 (a child process) with bucket "trail"; stopped after the test. */
export async function startS3(t: { after(fn: () => void | Promise<void>): void }, dir: string): Promise<S3Server> {
  const child: ChildProcess = spawn(process.execPath, ['--openssl-legacy-provider', S3_SERVER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  t.after(() => {
    child.kill('SIGKILL');
  });
  const requests: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = JSON.parse(buf.slice(0, nl)) as { port?: number; request?: string };
        buf = buf.slice(nl + 1);
        if (line.port !== undefined) resolve(line.port);
        if (line.request !== undefined) requests.push(decodeURIComponent(line.request));
      }
    });
    child.on('exit', (code) => reject(new Error(`s3 server exited ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, forcePathStyle: true, region: 'us-east-1', credentials: S3_CREDENTIALS });
  t.after(() => client.destroy());
  return {
    endpoint,
    client,
    put: async (key, body) => {
      await client.send(new PutObjectCommand({ Bucket: 'trail', Key: key, Body: body }));
    },
    requests: () => [...requests],
  };
}

/** A webhook receiver on 127.0.0.1 that records each request's Idempotency-Key and body. */
export class Receiver {
  server: Server | null = null;
  port = 0;
  readonly keys: string[] = [];
  readonly bodies: Record<string, unknown>[] = [];
  /** Answer this many requests with 503 before accepting. */
  failNext = 0;

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(503).end();
          return;
        }
        this.keys.push(String(req.headers['idempotency-key']));
        this.bodies.push(JSON.parse(body) as Record<string, unknown>);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()).closeAllConnections());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/alerts`;
  }
}

/** Polls `cond` until it holds or the bound runs out (no timed assertion: the bound is generous). */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, maxMs = 30_000): Promise<void> {
  const end = Date.now() + maxMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
