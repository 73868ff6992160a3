/**
 * `trailhound test [PATH]`: runs the `<rule>.tests.yaml` cases beside rules (default: the
 * built-in rules). Exit status: 0 all passed, 1 a case failed, 2 the tests could not run.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { BUILTIN_RULES_DIR } from '../detect/content.ts';
import { TESTS_SUFFIX } from '../detect/rule-files.ts';
import { formatTestResults, runTestFile, type TestFileResult } from '../detect/rule-tests.ts';
import { InputError } from '../detect/test-input.ts';
import { loadWorkspace } from '../detect/workspace.ts';
import { UsageError } from './errors.ts';
import { NO_CACHE_HELP, planCacheOf } from './plan-cache.ts';
import { addExternalDataOption, externalDataOf } from './external-data.ts';

export function testFiles(path: string): string[] {
  if (statSync(path).isFile()) {
    if (path.endsWith(TESTS_SUFFIX)) return [path];
    const beside = path.replace(/\.(ya?ml|kql)$/i, TESTS_SUFFIX);
    return statSync(beside, { throwIfNoEntry: false })?.isFile() ? [beside] : [];
  }
  const out: string[] = [];
  for (const name of readdirSync(path).sort()) {
    const p = join(path, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (name.endsWith(TESTS_SUFFIX)) out.push(p);
  }
  return out;
}

export function registerTestCommand(program: Command): void {
  const command = program
    .command('test')
    .description('Run the test cases kept beside rules (<rule>.tests.yaml): input events, now() or a replay range, expected results and alerts.')
    .argument('[path]', 'a rule, a tests file or a folder (default: the built-in rules)')
    .option('--functions <dir>', 'a folder of .kql stored functions; repeatable', (v: string, p: string[] = []) => [...p, v], [])
    .option('--no-cache', NO_CACHE_HELP);
  addExternalDataOption(command)
    .addHelpText('after', '\nExit status: 0 all cases passed, 1 a case failed, 2 the tests could not run.\n')
    .action(async (path: string | undefined, opts) => {
      const files = testFiles(path ?? BUILTIN_RULES_DIR);
      if (files.length === 0) throw new UsageError(`no ${TESTS_SUFFIX} files in ${path ?? BUILTIN_RULES_DIR}`);
      const workspace = loadWorkspace({ functions: opts.functions, planCache: planCacheOf(opts), externalData: externalDataOf(opts) });
      const results: TestFileResult[] = [];
      for (const f of files) {
        try {
          results.push(await runTestFile(f, workspace));
        } catch (e) {
          if (e instanceof InputError) throw new UsageError(e.message);
          throw e;
        }
      }
      process.stdout.write(formatTestResults(results));
      process.exitCode = results.some((r) => r.cases.some((c) => !c.passed)) ? 1 : 0;
    });
}
