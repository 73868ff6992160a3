/**
 * externaldata end to end: real processes (the CLI), a real HTTP server on loopback started
 * here, real cache folders. `--externaldata URL=FILE` for offline runs; the copy kept on disk
 * (a second run does not fetch); --no-cache; the timeout and size limit (environment); detect
 * reads a rule's external data once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const LOGS = new URL('../../examples/session-theft', import.meta.url).pathname;

/** Runs the CLI without blocking this process (the test's server must keep answering). */
function trailhound(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => new Promise<void>((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  });
  return { base, requests, close };
}

const tempDir = () => mkdtempSync(join(tmpdir(), 'th-cli-ext-'));

test('query: the first run fetches and keeps a copy; the second does not fetch; --no-cache fetches again', { timeout: 180_000 }, async () => {
  const srv = await serve((_req, res) => res.end('TorIP\n192.0.2.1\n192.0.2.2\n'));
  try {
    const env = { TRAILHOUND_CACHE_DIR: tempDir() };
    const q = `externaldata (TorIP:string) [h@'${srv.base}/lists/kusto-tor-exit.csv'] with (ignoreFirstRecord=true) | count`;
    const a = await trailhound(['query', '--format', 'csv', q], env);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, 'Count\n2\n');
    assert.equal(srv.requests.length, 1);
    assert.equal(readdirSync(join(env.TRAILHOUND_CACHE_DIR, 'externaldata')).length, 2);
    const b = await trailhound(['query', '--format', 'csv', q], env);
    assert.equal(b.stdout, 'Count\n2\n');
    assert.equal(srv.requests.length, 1);
    const c = await trailhound(['query', '--no-cache', '--format', 'csv', q], env);
    assert.equal(c.stdout, 'Count\n2\n');
    assert.equal(srv.requests.length, 2);
  } finally {
    await srv.close();
  }
});

test('query --externaldata URL=FILE runs offline (a URL with = in its query string too)', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const file = join(dir, 'roles.txt');
  writeFileSync(file, 'PacuRole\nadmin-role\n');
  const url = 'https://example.invalid/pacu/default-word-list.txt?sv=2024-01-01&sig=a=b';
  const r = await trailhound(
    ['query', '--no-cache', '--format', 'csv', '--externaldata', `${url}=${file}`, `externaldata (RoleName:string) [h@'${url}'] | where RoleName endswith 'role'`],
    { TRAILHOUND_CACHE_DIR: dir },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'RoleName\nPacuRole\nadmin-role\n');
  const missing = await trailhound(['query', '--externaldata', `${url}=${join(dir, 'nope.txt')}`, 'print 1']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /--externaldata https:\/\/example\.invalid\/pacu\/default-word-list\.txt\?sv: no such file/);
});

test('a server that never answers: the run fails after the timeout, naming the URL (exit 2)', { timeout: 180_000 }, async () => {
  const srv = await serve(() => {
    // never answers
  });
  try {
    const r = await trailhound(['query', '--no-cache', `externaldata (a:string) ['${srv.base}/slow.csv']`], { TRAILHOUND_EXTERNALDATA_TIMEOUT: '1' });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^trailhound: externaldata: cannot read ${srv.base.replace(/\./g, '\\.')}/slow\\.csv: no complete answer within 1 s`));
  } finally {
    await srv.close();
  }
});

test('an endless answer is refused at the size limit, naming the URL (exit 2)', { timeout: 180_000 }, async () => {
  const srv = await serve((_req, res) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  try {
    const r = await trailhound(['query', '--no-cache', `externaldata (a:string) ['${srv.base}/huge.txt']`], { TRAILHOUND_EXTERNALDATA_MAX_BYTES: '1000000' });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /externaldata: cannot read http:\/\/127\.0\.0\.1:\d+\/huge\.txt: the answer is more than the 1000000 bytes externaldata reads/);
  } finally {
    await srv.close();
  }
});

test('detect: a rule matching source IPs against an external list reads the list once for all its runs', { timeout: 180_000 }, async () => {
  const srv = await serve((_req, res) => res.end('ip\n10.8.8.10\n'));
  try {
    const dir = tempDir();
    const rule = join(dir, 'listed-ip.kql');
    writeFileSync(rule, `let query_frequency = 5m;
let query_period = 5m;
let Listed = (externaldata (ip:string) [h@'${srv.base}/ips.csv'] with (ignoreFirstRecord=true));
AWSCloudTrail
| where SourceIpAddress in (Listed)
| summarize n = count() by SourceIpAddress
`);
    const r = await trailhound(['detect', '--no-cache', '--logs', LOGS, '--rules', rule, '--format', 'jsonl'], { TRAILHOUND_CACHE_DIR: dir });
    assert.equal(r.code, 1, r.stderr);
    const alerts = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.ok(alerts.length > 1, `${alerts.length} alert(s)`);
    assert.ok(r.stdout.includes('10.8.8.10'));
    assert.equal(srv.requests.length, 1);
  } finally {
    await srv.close();
  }
});

test('watch --once and test read a rule\'s external data from --externaldata URL=FILE (offline)', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const url = 'https://example.invalid/lists/ips.csv';
  const list = join(dir, 'ips.csv');
  writeFileSync(list, 'ip\n10.8.8.10\n');
  const rule = join(dir, 'listed-ip.kql');
  writeFileSync(rule, `let query_frequency = 5m;
let query_period = 5m;
let Listed = (externaldata (ip:string) [h@'${url}'] with (ignoreFirstRecord=true));
AWSCloudTrail
| where SourceIpAddress in (Listed)
| summarize n = count() by SourceIpAddress
`);
  const out = join(dir, 'alerts.jsonl');
  const w = await trailhound(
    ['watch', '--no-cache', '--logs', LOGS, '--state', join(dir, 'state'), '--rules', rule, '--externaldata', `${url}=${list}`,
      '--once', '--now', '2023-07-10T12:40:00Z', '--from', '2023-07-10T12:00:00Z', '--out', out],
    { TRAILHOUND_CACHE_DIR: dir },
  );
  assert.equal(w.code, 0, w.stderr);
  const { readFileSync } = await import('node:fs');
  assert.match(readFileSync(out, 'utf8'), /10\.8\.8\.10/);
  writeFileSync(join(dir, 'listed-ip.tests.yaml'), `tests:
  - name: a listed source IP is found
    now: "2024-05-01T12:00:00Z"
    rows:
      - { TimeGenerated: "2024-05-01T11:58:00Z", SourceIpAddress: 10.8.8.10, EventName: ListBuckets }
      - { TimeGenerated: "2024-05-01T11:58:30Z", SourceIpAddress: 192.0.2.1, EventName: ListBuckets }
    expect:
      results:
        - { SourceIpAddress: 10.8.8.10, n: 1 }
`);
  const t = await trailhound(['test', '--no-cache', '--externaldata', `${url}=${list}`, dir], { TRAILHOUND_CACHE_DIR: dir });
  assert.equal(t.code, 0, t.stdout + t.stderr);
  const offline = await trailhound(['test', '--no-cache', dir], { TRAILHOUND_CACHE_DIR: dir, TRAILHOUND_EXTERNALDATA_TIMEOUT: '5' });
  assert.equal(offline.code, 2, offline.stdout + offline.stderr);
  assert.match(offline.stderr, /listed-ip\.kql \(query\): externaldata: cannot read https:\/\/example\.invalid\/lists\/ips\.csv: .*--externaldata URL=FILE/);
});
