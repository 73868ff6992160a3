/**
 * V8's compiled code of the official parser's scripts, kept beside the plan cache
 * (src/kql/syntax/bridge.ts): written after the first compile, used by the next process, and
 * code V8 rejects (damaged, or of another V8) is ignored and written again; the compile is the
 * same in every case. Real processes, real files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHILD = new URL('./parser-code-child.ts', import.meta.url).pathname;

interface Run {
  outcome: string;
  stats: { used: number; rejected: number; written: number };
}

function run(query: string, cacheDir: string): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, query, cacheDir], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Run;
}

test('the parser code is written once, then used; rejected code is rewritten; the compile never changes', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-parser-code-'));
  try {
    const codeDir = join(dir, 'parser-code');
    const first = run('T | where a > 1 | count', dir);
    assert.deepEqual(first.stats, { used: 0, rejected: 0, written: 2 });
    const files = readdirSync(codeDir).sort();
    assert.equal(files.length, 2);
    assert.ok(files.every((f) => f.endsWith('.v8code')));

    // a new query (a plan-cache miss) loads the parser from its compiled code
    const second = run('T | where a > 2 | count', dir);
    assert.deepEqual(second.stats, { used: 2, rejected: 0, written: 0 });
    // the same query as the first, compiled afresh elsewhere, gives the same plan
    assert.equal(run('T | where a > 1 | count', mkdtempSync(join(dir, 'fresh-'))).outcome, first.outcome);
    // a binder error is the same with the code as without
    const unknownName = "The name 'b' does not refer to any known column, table, variable or function.";
    assert.match(run('T | where b > 1', dir).outcome, new RegExp(unknownName.replace(/[.']/g, '\\$&')));

    // damaged code: V8 rejects it, the script compiles from its text, the code is written again
    for (const f of files) writeFileSync(join(codeDir, f), Buffer.alloc(4096, 7));
    const damaged = run('T | where a > 3 | count', dir);
    assert.deepEqual(damaged.stats, { used: 0, rejected: 2, written: 2 });
    assert.deepEqual(readdirSync(codeDir).sort(), files);
    assert.deepEqual(run('T | where a > 4 | count', dir).stats, { used: 2, rejected: 0, written: 0 });

    // code of another parser or Node version (another name) is removed when the code is written
    for (const f of files) rmSync(join(codeDir, f));
    writeFileSync(join(codeDir, 'bridge-min.00000000000000000000000000000000.v8code'), 'old');
    assert.deepEqual(run('T | where a > 5 | count', dir).stats, { used: 0, rejected: 0, written: 2 });
    assert.deepEqual(readdirSync(codeDir).sort(), files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cache folder that cannot be written does not fail the compile', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-parser-code-'));
  try {
    writeFileSync(join(dir, 'file'), 'x');
    const r = run('T | where a > 1 | count', join(dir, 'file', 'cache'));
    assert.deepEqual(r.stats, { used: 0, rejected: 0, written: 0 });
    assert.ok(!r.outcome.includes(' '), r.outcome); // a plan (base64), not an error
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without a plan cache (--no-cache) nothing is read or written', { timeout: 60_000 }, () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', "const { compileQuery } = await import('./src/kql/engine.ts'); const { parserCodeStats } = await import('./src/kql/syntax/bridge.ts'); compileQuery('print 1', { tables: [], functions: [], watchlistFields: [] }); process.stdout.write(JSON.stringify(parserCodeStats));"],
    { encoding: 'utf8', cwd: new URL('../../../', import.meta.url).pathname, env: { ...process.env, TRAILHOUND_CACHE_DIR: '/nonexistent-trailhound-cache' } },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { used: 0, rejected: 0, written: 0 });
});
