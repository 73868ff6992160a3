/**
 * The CLI bundle's V8 code cache (bin/load-bundle.js, written by scripts/build.mjs): a bundle
 * loaded through it behaves as require() loads it (exports, relative require, __dirname), a cache
 * written at exit is used by the next process, and a cache that does not fit (corrupt, or of
 * another text) is rejected by V8 and the bundle compiled from its text. The CLI bundle calls no
 * import(), which a script compiled from a code cache cannot run in Node.js 20.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIsCurrent } from '../../bin/build-current.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LOADER = pathToFileURL(join(root, 'bin', 'load-bundle.js')).href;

/** A bundle-like CommonJS script and what it reaches: a relative require, __dirname, __filename, a package. */
function bundleIn(dir: string, tag = ''): string {
  writeFileSync(join(dir, 'helper.cjs'), 'module.exports = { twice: (x) => 2 * x };\n');
  const file = join(dir, 'bundle.cjs');
  writeFileSync(
    file,
    `"use strict";${tag}
const { twice } = require('./helper.cjs');
exports.main = async () => [twice(21), require('node:path').basename(__dirname), require('node:path').basename(__filename)].join(' ');
`,
  );
  return file;
}

/** Loads `bundle` in a new process (writing its cache at exit with `write`): main()'s answer and how it was compiled. */
function load(bundle: string, write = false): { answer: string; cache: string } {
  const script = `import { loadBundle, lastLoad } from ${JSON.stringify(LOADER)};
const answer = await loadBundle(${JSON.stringify(bundle)}, { writeCache: ${write} }).main();
console.log(JSON.stringify({ answer, cache: lastLoad.cache }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { answer: string; cache: string };
}

test('a bundle loads as require() loads it, then from the code cache its first run wrote; a cache that does not fit is rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-code-cache-'));
  try {
    const bundle = bundleIn(dir);
    const cacheFile = `${bundle}.${process.version}.cache`;
    const expected = `42 ${dir.split(/[\\/]/).pop()} bundle.cjs`;
    assert.deepEqual(load(bundle), { answer: expected, cache: 'none' });
    assert.equal(existsSync(cacheFile), false, 'nothing is written unless asked');
    assert.deepEqual(load(bundle, true), { answer: expected, cache: 'none' });
    assert.ok(existsSync(cacheFile), 'the cache was written at exit');
    assert.deepEqual(load(bundle), { answer: expected, cache: 'used' });
    // V8 checks the cache against the source text: another text compiles from the text
    bundleIn(dir, ' /* changed */');
    assert.deepEqual(load(bundle), { answer: expected, cache: 'rejected' });
    // a damaged cache (V8 does not check its own checksum in release builds: it would crash) fails
    // load-bundle's checksum
    bundleIn(dir);
    const bytes = readFileSync(cacheFile);
    for (let i = 64; i < bytes.length; i += 97) bytes[i]! ^= 0x5a;
    writeFileSync(cacheFile, bytes);
    assert.deepEqual(load(bundle), { answer: expected, cache: 'rejected' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the build's code cache fits the CLI as bin/trailhound.js starts it (its V8 flags included)", (t) => {
  const cacheFile = join(root, 'dist', 'node', `trailhound.cjs.${process.version}.cache`);
  if (!buildIsCurrent(root) || !existsSync(cacheFile)) {
    t.skip('no current build with a code cache (npm run build makes one)');
    return;
  }
  // the same module instance as bin/trailhound.js's import: its lastLoad, read at exit
  const report = `import { lastLoad } from ${JSON.stringify(LOADER)}; process.on('exit', () => process.stderr.write('CODE-CACHE ' + lastLoad.cache + '\\n'));`;
  const hook = join(mkdtempSync(join(tmpdir(), 'th-code-cache-')), 'report.mjs');
  writeFileSync(hook, report);
  try {
    const r = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, join(root, 'bin', 'trailhound.js'), '--version'], { encoding: 'utf8', env: { ...process.env, TRAILHOUND_NO_SNAPSHOT: '1' } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /CODE-CACHE used/);
  } finally {
    rmSync(join(hook, '..'), { recursive: true, force: true });
  }
});

test('the CLI bundle calls no import() where it may run (a script compiled from a code cache cannot)', (t) => {
  const bundle = join(root, 'dist', 'node', 'trailhound.cjs');
  if (!existsSync(bundle)) {
    t.skip('no CLI bundle (npm run build makes one)');
    return;
  }
  // import( outside comments; the two left run only from the TypeScript sources
  // (src/threads/start-worker.ts: esbuild, and a tsx worker's boot text)
  const allowed = [/await import\(spec\)/, /const boot = `import\(\$\{/];
  const calls = readFileSync(bundle, 'utf8')
    .split('\n')
    .map((line) => line.replace(/\/\*.*?\*\//g, ''))
    .filter((line) => /(^|[^\w$.])import\s*\(/.test(line) && !/^\s*(\*|\/\/|\/\*)/.test(line))
    .filter((line) => !allowed.some((a) => a.test(line)));
  assert.deepEqual(calls, [], 'import() calls in dist/node/trailhound.cjs: use require() (createRequire) there');
});
