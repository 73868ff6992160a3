/** The CLI's plan cache: on by default in TRAILHOUND_CACHE_DIR, `--no-cache` neither reads nor writes it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

function trailhound(args: string[], cacheDir: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], { encoding: 'utf8', env: { ...process.env, TRAILHOUND_CACHE_DIR: cacheDir } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('query caches its plan; with --no-cache it neither writes an entry nor reads one', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-cli-cache-'));
  const plans = join(dir, 'plans');
  const args = ['query', '--format', 'csv', 'print x = 1, s = strcat("a", "b")'];
  try {
    const fresh = trailhound([...args, '--no-cache'], dir);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.ok(!existsSync(plans), '--no-cache wrote to the cache');

    const first = trailhound(args, dir);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, fresh.stdout);
    const [entry] = readdirSync(plans);
    assert.ok(entry?.endsWith('.plan'));
    const file = join(plans, entry!);
    const old = new Date(2000, 0, 1);
    utimesSync(file, old, old);

    // A hit marks the entry used (its mtime); --no-cache must not even look.
    const bypass = trailhound([...args, '--no-cache'], dir);
    assert.equal(bypass.stdout, fresh.stdout);
    assert.equal(statSync(file).mtimeMs, old.getTime());
    assert.deepEqual(readdirSync(plans), [entry]);

    const hit = trailhound(args, dir);
    assert.equal(hit.stdout, fresh.stdout);
    assert.ok(statSync(file).mtimeMs > old.getTime());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--no-cache is documented on every command that compiles queries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-cli-cache-'));
  try {
    for (const command of ['detect', 'query', 'test', 'watch']) {
      const r = trailhound([command, '--help'], dir);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /--no-cache\s+compile every query afresh/, command);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('detect caches each rule\'s plan and gives the same alerts from the cache', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-cli-cache-'));
  const args = ['detect', '--logs', new URL('../../examples/session-theft', import.meta.url).pathname, '--format', 'jsonl', '--no-fail'];
  try {
    const first = trailhound(args, dir);
    assert.equal(first.code, 0, first.stderr);
    const written = readdirSync(join(dir, 'plans'));
    assert.ok(written.length > 0);
    const second = trailhound(args, dir);
    assert.equal(second.stdout, first.stdout);
    assert.ok(first.stdout.length > 0);
    assert.deepEqual(readdirSync(join(dir, 'plans')), written);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
