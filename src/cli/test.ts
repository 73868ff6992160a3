/**
 * `trailhound test [PATH]`: runs the `<rule>.tests.yaml` cases beside rules (default: the
 * built-in rules). Exit status: 0 all passed, 1 a case failed, 2 the tests could not run.
 */
import { statSync } from 'node:fs';
import { FileIdentities, walkTree } from '../files/walk-tree.ts';
import type { Command } from 'commander';
import { BUILTIN_RULES_DIR } from '../detect/content.ts';
import { TESTS_SUFFIX } from '../detect/rule-files.ts';
import { formatProblems, formatTestResults, runTestFile, type TestFileResult } from '../detect/rule-tests.ts';
import { loadWorkspace } from '../detect/workspace.ts';
import { UsageError } from './errors.ts';
import { NO_CACHE_HELP, planCacheOf } from './plan-cache.ts';
import { visibleLines } from './visible.ts';
import { addExternalDataOption, externalDataOf } from './external-data.ts';

export function testFiles(path: string): string[] {
  if (statSync(path).isFile()) {
    if (path.endsWith(TESTS_SUFFIX)) return [path];
    const beside = path.replace(/\.(ya?ml|kql)$/i, TESTS_SUFFIX);
    return statSync(beside, { throwIfNoEntry: false })?.isFile() ? [beside] : [];
  }
  const out: string[] = [];
  // each real folder once: a symbolic link loop ends (src/files/walk-tree.ts)
  walkTree(path, statSync(path), {
    wanted: (name) => name.endsWith(TESTS_SUFFIX),
    onFile: (p) => out.push(p),
    onProblem: (p) => {
      if (p.severity === 'error') throw new UsageError(`${p.path}: ${p.message}`);
    },
    identities: new FileIdentities(),
  });
  return out;
}

export function registerTestCommand(program: Command): void {
  const command = program
    .command('test')
    .description('Run the test cases kept beside rules (<rule>.tests.yaml): input events, now() or a replay range, expected results and alerts.')
    .argument('[path]', 'a rule, a tests file or a folder (default: the built-in rules)')
    .option('--functions <dir>', 'a folder of .kql stored functions; repeatable', (v: string, p: string[] = []) => [...p, v], [])
    .option('--watchlists <dir>', 'a folder of watchlist CSV files, each read by _GetWatchlist(<file name without .csv>) (repeatable)', (v: string, p: string[] = []) => [...p, v], [])
    .option('--no-cache', NO_CACHE_HELP);
  addExternalDataOption(command)
    .addHelpText('after', '\nExit status: 0 all cases passed, 1 a case failed, 2 a tests file could not run (invalid: unknown key,\ncase without expect, no cases...; the other files still run).\n')
    .action(async (path: string | undefined, opts) => {
      const files = testFiles(path ?? BUILTIN_RULES_DIR);
      if (files.length === 0) throw new UsageError(`no ${TESTS_SUFFIX} files in ${path ?? BUILTIN_RULES_DIR}`);
      const workspace = loadWorkspace({ functions: opts.functions, watchlistDirs: opts.watchlists, planCache: planCacheOf(opts), externalData: externalDataOf(opts) });
      // A file that cannot run is reported and the others still run; it makes the exit status 2.
      const results: TestFileResult[] = [];
      for (const f of files) results.push(await runTestFile(f, workspace));
      // Rule names and values quoted from rules and test files, control characters made visible.
      process.stderr.write(visibleLines(formatProblems(results)));
      process.stdout.write(visibleLines(formatTestResults(results)));
      process.exitCode = results.some((r) => r.problems.length > 0) ? 2 : results.some((r) => r.cases.some((c) => !c.passed)) ? 1 : 0;
    });
}
