/**
 * `detect` and `hunt` outside the startup snapshot (bin/trailhound.js runs them from the bundle: they may need
 * worker threads) compile the rules or queries their plan cache lacks in one process started from the
 * snapshot (src/cli/compile-child.ts), so the official parser never loads in their own process.
 * What shows it: a process that loads the parser keeps the parser's compiled code beside the plan
 * cache (parser-code/), which the compile child never writes.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIsCurrent } from '../../bin/build-current.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(root, 'bin', 'trailhound.js');
const stamp = join(root, 'dist', `trailhound.blob.${process.version}`);
const snapshot = buildIsCurrent(root) && existsSync(join(root, 'dist', 'trailhound.blob')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === root.replace(/\/$/, '');

function trailhound(args: string[], cacheDir: string, env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env, TRAILHOUND_CACHE_DIR: cacheDir },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const SKIP = { skip: snapshot ? false : 'no current build with a startup snapshot here (npm run build makes one)', timeout: 180_000 };

/**
 * Runs `args` on an empty plan cache twice: as bin/trailhound.js chooses (bundle plus compile
 * child), then with TRAILHOUND_NO_SNAPSHOT=1 (compiled in the process). Both give the same output
 * and the same plans; only the second leaves the parser's code. Returns the first run's output.
 */
function inChildNotHere(t: TestContext, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'th-compile-child-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const [child, here] = [join(dir, 'child'), join(dir, 'here')];
  const inChild = trailhound(args, child);
  assert.equal(inChild.code, 0, inChild.stderr);
  assert.ok(files(join(child, 'plans')).length > 0, 'the plans compiled by the child are cached here');
  assert.deepEqual(files(join(child, 'parser-code')), [], `the parser did not load in the ${args[0]} process`);
  // Without the snapshot the same run compiles here, and the parser's code shows it did.
  const inProcess = trailhound(args, here, { TRAILHOUND_NO_SNAPSHOT: '1' });
  assert.equal(inProcess.code, 0, inProcess.stderr);
  assert.equal(inProcess.stdout, inChild.stdout);
  assert.ok(files(join(here, 'parser-code')).length > 0, `a ${args[0]} compiling in its own process keeps the parser code`);
  assert.deepEqual(files(join(here, 'plans')).sort(), files(join(child, 'plans')).sort(), 'the same plans, under the same keys');
  return inChild.stdout;
}

test('detect on an empty plan cache compiles its rules in the snapshot, not in its own process', SKIP, (t) => {
  const out = inChildNotHere(t, ['detect', '--logs', 'examples/session-theft', '--format', 'jsonl', '--no-fail']);
  assert.equal(out.trim().split('\n').length, 2, 'the two alerts of the example');
});

test('hunt on an empty plan cache compiles its queries in the snapshot, not in its own process', SKIP, (t) => {
  const out = inChildNotHere(t, ['hunt', '--logs', 'examples/session-theft', '--format', 'jsonl', '--no-fail']);
  const outcomes = out.trim().split('\n').map((l) => JSON.parse(l) as { error: string | null; results: number });
  assert.equal(outcomes.length, readdirSync(join(root, 'content', 'hunting')).length, 'a line per built-in hunting query');
  assert.ok(outcomes.every((o) => o.error === null && o.results > 0), out);
});
