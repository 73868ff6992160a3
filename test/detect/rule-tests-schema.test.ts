/**
 * `.tests.yaml` files are checked against their schema before a case runs: a misspelt key, a case
 * without `expect`, an empty `tests` list used to print `ok` and check nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { didYouMean, validateTestsFile } from '../../src/detect/rule-tests-schema.ts';
import { runTestFile } from '../../src/detect/rule-tests.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const RULE = join(root, 'content/rules/concurrent-sessions-splunk-bins.yaml');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function testsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.tests.yaml'))
    .map((e) => join(e.parentPath, e.name));
}

test('every tests file kept in the repository (content/, examples/, test/fixtures/) passes the schema', () => {
  const files = ['content', 'examples', 'test/fixtures'].flatMap((d) => testsFilesUnder(join(root, d)));
  assert.ok(files.length >= 3, files.join(', '));
  for (const f of files) assert.deepEqual(validateTestsFile(parseDocument(readFileSync(f, 'utf8'), { merge: true }).toJS()), [], f);
});

const ONE_CASE = (c: string) => `rule: rule.yaml\ntests:\n  - name: a case\n${c}`;
const VALID = ONE_CASE('    now: "2024-05-01T12:00:00Z"\n    rows: [{ TimeGenerated: "2024-05-01T11:51:00Z", EventName: DescribeEventAggregates }]\n    expect: { alerts: 0 }\n');

test('trailhound test: each broken shape is an error naming file, case and key (exit 2); the valid file still runs', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tests-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(RULE, join(dir, 'rule.yaml'));
  const files: Record<string, string> = {
    'a-valid.tests.yaml': VALID,
    'b-no-expect.tests.yaml': ONE_CASE('    now: "2024-05-01T12:00:00Z"\n    rows: []\n'),
    'c-nwo.tests.yaml': ONE_CASE('    nwo: "2024-05-01T12:00:00Z"\n    expect: { alerts: 0 }\n'),
    'd-reslts.tests.yaml': ONE_CASE('    now: "2024-05-01T12:00:00Z"\n    expect: { reslts: [] }\n'),
    'e-empty.tests.yaml': 'rule: rule.yaml\ntests: []\n',
    'f-no-tests.tests.yaml': 'rule: rule.yaml\n',
    'g-second-case.tests.yaml': `${VALID}  - expect: { alerts: [{ entites: [] }] }\n    now: "2024-05-01T12:00:00Z"\n`,
    'h-bad-row-column.tests.yaml': ONE_CASE('    now: "2024-05-01T12:00:00Z"\n    rows: [{ EventNmae: DeleteTrail }]\n    expect: { alerts: 0 }\n'),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const r = cli('test', dir);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const f = (name: string) => join(dir, name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // the valid file ran, the others are listed as not run
  assert.match(r.stdout, /a-valid\.tests\.yaml \(.*rule\.yaml\)\n {2}ok {3}a case\n/);
  assert.match(r.stdout, /1 passed, 0 failed, 7 files not run\n$/);
  assert.match(r.stdout, new RegExp(`${f('b-no-expect.tests.yaml')}: NOT RUN`));
  const expected = [
    `${f('b-no-expect.tests.yaml')}: tests\\[0\\] "a case": expect is missing`,
    `${f('c-nwo.tests.yaml')}: tests\\[0\\] "a case": unknown key nwo \\(did you mean \`now\`\\?\\)`,
    `${f('d-reslts.tests.yaml')}: tests\\[0\\] "a case": expect: unknown key reslts \\(did you mean \`results\`\\?\\)`,
    `${f('e-empty.tests.yaml')}: tests: the list is empty`,
    `${f('f-no-tests.tests.yaml')}: tests is missing`,
    `${f('g-second-case.tests.yaml')}: tests\\[1\\]: expect.alerts\\[0\\]: unknown key entites \\(did you mean \`entities\`\\?\\)`,
    `${f('h-bad-row-column.tests.yaml')}: tests\\[0\\] "a case".rows\\[0\\]: AWSCloudTrail has no column "EventNmae" \\(did you mean \`EventName\`\\?\\)`,
  ];
  for (const e of expected) assert.match(r.stderr, new RegExp(`^trailhound: ${e}`, 'm'));
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
});

test('a failing case still exits 1 when every file is valid', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'th-tests-schema-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  copyFileSync(RULE, join(dir, 'rule.yaml'));
  writeFileSync(join(dir, 'x.tests.yaml'), VALID.replace('alerts: 0', 'alerts: 1'));
  const r = await runTestFile(join(dir, 'x.tests.yaml'), loadWorkspace());
  assert.deepEqual(r.problems, []);
  assert.equal(r.cases[0]!.passed, false);
});

test('the schema: x- keys are free, now and replay exclude each other, a replay has no result rows, empty values', () => {
  const v = (text: string) => validateTestsFile(parseDocument(text, { merge: true }).toJS());
  assert.deepEqual(v('x-any: { whatever: 1 }\ntests:\n  - x-rows: &r []\n    replay: { perRun: true }\n    expect: { alerts: 0 }\n'), []);
  assert.deepEqual(v('tests:\n  - now: "2024-05-01T12:00:00Z"\n    replay: {}\n    expect: { alerts: 0 }\n'), ['tests[0]: now and replay: give one (now: one run; replay: every scheduled run in a range)']);
  assert.deepEqual(v('tests:\n  - expect: { results: [] }\n'), ['tests[0]: expect.results needs now: (the rows of one run); a replay checks alerts']);
  assert.deepEqual(v('tests:\n  - now:\n    expect: { alerts: 0 }\n'), ['tests[0]: now is empty (give a value or remove the key)']);
  assert.deepEqual(v('tests:\n  - now: "2024-05-01T12:00:00Z"\n    expect: { alerts: -1 }\n'), ['tests[0]: expect.alerts: must be a count or a list of expected alerts, got number -1']);
  assert.deepEqual(v('- a list'), ['a tests file must be a YAML mapping with a list of cases under tests:']);
  // a key that holds terminal control characters is quoted (JSON escapes), not printed raw
  assert.match(v('tests:\n  - "\\e[31mred": 1\n    expect: { alerts: 0 }\n')[0]!, /unknown key "\\u001b\[31mred"/);
});

test('did you mean: a typo, a swap, a case slip; nothing for an unrelated key', () => {
  const keys = ['name', 'now', 'replay', 'ingestion', 'delay', 'watchlists', 'events', 'rows', 'expect'];
  assert.equal(didYouMean('nwo', keys), 'now');
  assert.equal(didYouMean('Expect', keys), 'expect');
  assert.equal(didYouMean('watchlist', keys), 'watchlists');
  assert.equal(didYouMean('evnets', keys), 'events');
  assert.equal(didYouMean('severity', keys), undefined);
  assert.equal(didYouMean('x'.repeat(10_000), keys), undefined);
});
