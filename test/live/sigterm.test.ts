/** SIGTERM: the watcher finishes or checkpoints what it is doing and exits 0. Real process. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, waitFor } from './helpers.ts';

const CLI = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

test('SIGTERM: checkpoint, then exit 0', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'logs'));
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'watch', '--logs', join(dir, 'logs'), '--state', join(dir, 'state'), '--out', join(dir, 'a.jsonl')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => existsSync(join(dir, 'state', 'state.json')), 'the first checkpoint', 60_000);
  child.kill('SIGTERM');
  assert.equal(await exited, 0, stderr);
  assert.match(stderr, /stopped: 0 alert\(s\) delivered/);
});
