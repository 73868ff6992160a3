/** `trailhound serve`'s command line: help that teaches, start-up refusals (exit 2, one line). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { isLoopback } from '../../src/cli/serve.ts';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
const trailhound = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, TRAILHOUND_SERVE_TOKEN: '', ...env } });

test('serve --help shows the connection string, the token, the limits and examples', () => {
  const r = trailhound(['serve', '--help']);
  assert.equal(r.status, 0, r.stderr);
  for (const part of ['Data Source=http://127.0.0.1:8080;Initial Catalog=trailhound', 'withAccessToken', 'Authorization: Bearer', '--bind', '--token', '--allow-externaldata', 'servertimeout', 'notruncation', 'Examples:', 'trailhound serve --logs']) {
    assert.ok(r.stdout.includes(part), `help lacks ${part}`);
  }
});

test('start-up refusals are one line, exit 2: --bind without a token, a short token, a bad port or timeout, a missing --logs path', () => {
  const cases: [string[], RegExp][] = [
    [['serve', '--bind', '192.0.2.1'], /--bind 192\.0\.2\.1 .*--token/],
    [['serve', '--token', 'short'], /--token must have at least 8 characters/],
    [['serve', '--port', '70000'], /--port must be at most 65535/],
    [['serve', '--timeout', 'soon'], /--timeout must be a timespan/],
    [['serve', '--max-concurrent', '0'], /--max-concurrent must be a whole number of at least 1/],
    [['serve', '--logs', '/no/such/trail'], /--logs \/no\/such\/trail: no such file or folder/],
  ];
  for (const [args, message] of cases) {
    const r = trailhound([...args, '--port', args.includes('--port') ? args[args.indexOf('--port') + 1]! : '0']);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, message);
  }
});

test('loopback addresses need no token; others do', () => {
  for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) assert.equal(isLoopback(h), true, h);
  for (const h of ['0.0.0.0', '::', '192.168.1.10', 'example.com', '127.0.0.1.example.com']) assert.equal(isLoopback(h), false, h);
});
