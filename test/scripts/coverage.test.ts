/** The coverage table in README.md and docs/kql-coverage.md must match the code (scripts/coverage.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('README.md and docs/kql-coverage.md are generated from the current registries', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/coverage.ts', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stderr}\nrun: node --import tsx scripts/coverage.ts`);
});
