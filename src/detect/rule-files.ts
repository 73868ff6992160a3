/**
 * Finds and loads rules: `.yaml`/`.yml` Sentinel rules and bare `.kql` queries, from files or
 * folders (recursively, in name order). `<rule>.tests.yaml` files are rule tests, not rules.
 */
import { readFileSync, statSync } from 'node:fs';
import { FileIdentities, walkTree } from '../files/walk-tree.ts';
import { BUILTIN_RULES_DIR } from './content.ts';
import { parseKqlRule, type KqlRuleDefaults } from './rule-kql.ts';
import { parseRuleYaml } from './rule-yaml.ts';
import { RuleError, type Rule } from './rule.ts';

export const TESTS_SUFFIX = '.tests.yaml';

export function isRuleFile(path: string): boolean {
  return !path.endsWith(TESTS_SUFFIX) && /\.(ya?ml|kql)$/i.test(path);
}

export function ruleFiles(path: string): string[] {
  const st = statSync(path);
  if (!st.isDirectory()) return [path];
  const out: string[] = [];
  // each real folder once: a symbolic link loop in a rules folder ends (../files/walk-tree.ts)
  walkTree(path, st, {
    wanted: isRuleFile,
    onFile: (p) => out.push(p),
    onProblem: (p) => {
      if (p.severity === 'error') throw new RuleError(p.path, undefined, p.message);
    },
    identities: new FileIdentities(),
  });
  return out;
}

export function loadRule(file: string, defaults: KqlRuleDefaults = {}): Rule {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return /\.kql$/i.test(file) ? parseKqlRule(text, file, defaults) : parseRuleYaml(text, file);
}

/** Rules from the given paths (default: the built-in rules); ids must be unique. */
export function loadRules(paths: readonly string[] = [], defaults: KqlRuleDefaults = {}): Rule[] {
  const files = (paths.length > 0 ? paths : [BUILTIN_RULES_DIR]).flatMap(ruleFiles);
  const rules = files.map((f) => loadRule(f, defaults));
  const seen = new Map<string, string>();
  for (const r of rules) {
    const other = seen.get(r.id);
    if (other) throw new RuleError(r.file, 'id', `${r.id} is also the id of ${other} (rule ids must be unique)`);
    seen.set(r.id, r.file);
  }
  return rules;
}
