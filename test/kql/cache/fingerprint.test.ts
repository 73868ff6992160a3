/** The code fingerprint of the plan-cache key follows every change to the engine's files. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeFingerprint, hashTree, kqlCodeHash } from '../../../src/kql/cache/fingerprint.ts';

test('the tree hash changes with a file content, a file name and a new file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-fingerprint-'));
  try {
    mkdirSync(join(dir, 'exec'));
    writeFileSync(join(dir, 'engine.ts'), 'a');
    writeFileSync(join(dir, 'exec', 'x.ts'), 'b');
    const seen = new Set([hashTree(dir)]);
    assert.equal(hashTree(dir), [...seen][0]);
    writeFileSync(join(dir, 'exec', 'x.ts'), 'c');
    seen.add(hashTree(dir));
    renameSync(join(dir, 'exec', 'x.ts'), join(dir, 'exec', 'y.ts'));
    seen.add(hashTree(dir));
    writeFileSync(join(dir, 'z.ts'), '');
    seen.add(hashTree(dir));
    assert.equal(seen.size, 4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('from the sources, the fingerprint is the hash of src/kql with the parser and package versions', () => {
  const kql = new URL('../../../src/kql/', import.meta.url).pathname;
  assert.equal(kqlCodeHash(), hashTree(kql));
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string; dependencies: Record<string, string> };
  assert.equal(codeFingerprint(), `kql:${hashTree(kql)} parser:${pkg.dependencies['@kusto/language-service-next']} trailhound:${pkg.version}`);
});
