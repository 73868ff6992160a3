// Runs every test file under test/ with Node's own test runner (TypeScript through tsx).
// Node 20's --test does not expand globs, so the files are listed here.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const filter = process.argv.slice(2);
const files = collect('test', []).filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Tests spawn the CLI, whose plan cache defaults to ~/.cache: keep it in a folder of this run.
const cacheDir = process.env.TRAILHOUND_CACHE_DIR ? undefined : mkdtempSync(join(tmpdir(), 'trailhound-test-cache-'));
const env = cacheDir ? { ...process.env, TRAILHOUND_CACHE_DIR: cacheDir } : process.env;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
process.exit(r.status ?? 1);
