/**
 * compileRules (src/detect/replay.ts): the rules a plan cache lacks are compiled together by one
 * other process (a real child here, answer-child.ts, as the startup snapshot answers `detect`),
 * the rules it holds are not asked for, and every rule compiles to what compileRule gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileAllElsewhere, type CompileChild } from '../../src/cli/compile-child.ts';
import { PlanCache } from '../../src/kql/cache/plan-cache.ts';
import { encodeValue } from '../../src/kql/cache/plan-codec.ts';
import type { CompileBatch } from '../../src/kql/cache/remote-compile.ts';
import { compileRule, compileRules, type CompiledRule } from '../../src/detect/replay.ts';
import { loadRules } from '../../src/detect/rule-files.ts';
import { parseRuleYaml } from '../../src/detect/rule-yaml.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { MemoryTable } from '../../src/kql/file-table.ts';
import { DiagnosticsError } from '../../src/kql/syntax/analyze.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import { scheduledRuleYaml } from '../helpers/rule-yaml.ts';

const CHILD: CompileChild = { command: process.execPath, args: ['--import', 'tsx', new URL('../kql/cache/answer-child.ts', import.meta.url).pathname] };
const tables = new Map<string, TableSource>([['AWSCloudTrail', MemoryTable.fromRows(AWS_CLOUDTRAIL_SCHEMA, [])]]);

const asText = (cr: CompiledRule) => encodeValue({ plan: cr.compiled.plan, warnings: cr.compiled.warnings, properties: cr.compiled.properties, rule: cr.rule.id, w: cr.warnings }).toString('base64');

test('the rules the plan cache lacks are compiled in one request to one child; cached rules are not asked', { timeout: 180_000 }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'th-compile-rules-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const rules = loadRules();
  assert.ok(rules.length >= 2);
  const asked: CompileBatch[] = [];
  const compileAll = (batch: CompileBatch) => (asked.push(batch), compileAllElsewhere(batch, CHILD));

  const cached = loadWorkspace({ planCache: new PlanCache(dir) });
  // One rule is in the cache already: only the others go to the child.
  compileRule(rules[0]!, cached, tables);
  const first = compileRules(rules, cached, tables, compileAll);
  assert.equal(asked.length, 1);
  assert.deepEqual(asked[0]!.items.map((i) => i.file), rules.slice(1).map((r) => `${r.file} (query)`));
  const plain = loadWorkspace();
  assert.deepEqual(first.map(asText), rules.map((r) => asText(compileRule(r, plain, tables))));

  // Every answer went into the cache: a second start asks nothing.
  const again = compileRules(rules, loadWorkspace({ planCache: new PlanCache(dir) }), tables, compileAll);
  assert.equal(asked.length, 1);
  assert.deepEqual(again.map(asText), first.map(asText));
});

test('a rule the binder rejects fails as compiled here: the DiagnosticsError names its file', { timeout: 120_000 }, () => {
  const bad = parseRuleYaml(scheduledRuleYaml({ id: '11111111-2222-4333-8444-555555555555', name: 'Bad', query: 'AWSCloudTrail\n  | where EventNme == "X"', schedule: 'queryFrequency: 5m\nqueryPeriod: 10m' }), 'bad.yaml');
  const workspace = loadWorkspace();
  let asked = 0;
  const error = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      assert.ok(e instanceof DiagnosticsError, String(e));
      return e.message;
    }
    return assert.fail('compiled');
  };
  const there = error(() => compileRules([bad], workspace, tables, (batch) => (asked++, compileAllElsewhere(batch, CHILD))));
  assert.equal(asked, 1);
  assert.match(there, /^bad\.yaml \(query\):2:9: .*'EventNme'/);
  assert.equal(there, error(() => compileRule(bad, workspace, tables)));
});
