/** Rule tests beside rules: the built-in rules' cases pass; a broken rule fails with a readable diff. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { formatTestResults, runTestFile } from '../../src/detect/rule-tests.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { testFiles } from '../../src/cli/test.ts';
import { BUILTIN_RULES_DIR } from '../../src/detect/content.ts';

const workspace = loadWorkspace();

test('every built-in rule has tests, and they all pass', async () => {
  const files = testFiles(BUILTIN_RULES_DIR);
  assert.equal(files.length, 2);
  for (const f of files) {
    const r = await runTestFile(f, workspace);
    assert.ok(r.cases.length >= 6, `${f}: ${r.cases.length} cases`);
    for (const c of r.cases) assert.ok(c.passed, `${c.name}\n${c.diff.join('\n')}`);
  }
});

test('a broken rule fails, and the report shows missing and unexpected rows and the missing alert', async () => {
  const file = fileURLToPath(new URL('../fixtures/detect/broken/seed-broken.tests.yaml', import.meta.url));
  const r = await runTestFile(file, workspace);
  assert.equal(r.cases[0]!.passed, false);
  const text = formatTestResults([r]);
  assert.match(text, /FAIL dave from two new IPs alerts/);
  assert.match(text, /- expected, not found: \{ Identity: Dev:user\/dave, SourceIpAddress: 192\.0\.2\.3 \}/);
  assert.match(text, /\+ unexpected: +\{ Identity: Dev:user\/dave, SourceIpAddress: 192\.0\.2\.2 \}/);
  assert.match(text, /alerts: expected 1, got 0/);
  assert.match(text, /0 passed, 1 failed\n$/);
});
