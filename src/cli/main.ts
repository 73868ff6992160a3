/** The `trailhound` command: thin wiring of subcommands to the engine, readers and runtime. */
import { Command, CommanderError } from 'commander';
import { registerQueryCommand } from './query.ts';
import { registerDetectCommand } from './detect.ts';
import { registerHuntCommand } from './hunt.ts';
import { registerTestCommand } from './test.ts';
import { registerWatchCommand } from './watch.ts';
import { registerServeCommand } from './serve.ts';
import { registerLoadCommand } from './load.ts';
import { reportError, USAGE_EXIT } from './errors.ts';
import { endQuietlyOnClosedPipe } from './output.ts';
import { visibleLines } from './visible.ts';
import { compileQuery } from '../kql/engine.ts';
import { loadWorkspace } from '../detect/workspace.ts';
import { snapshotChild, useCompileChild } from './compile-child.ts';
import type { Worker } from 'node:worker_threads';
import { adoptStartedWorker } from '../cloudtrail/worker-pool.ts';

export function buildProgram(): Command {
  const program = new Command();
  // Set before the subcommands are added: they inherit both. A usage error (unknown option,
  // missing argument) exits 2 like every other "the command could not run", not commander's 1,
  // which for `detect` means "alerts"; --help and --version exit 0. Commander's messages quote
  // what was typed, so they are shown with control characters made visible.
  program.exitOverride().configureOutput({ outputError: (text, write) => write(visibleLines(text)) });
  program
    .name('trailhound')
    .description(
      "Run Microsoft Sentinel KQL analytics rules on raw AWS CloudTrail logs, with Kusto's exact semantics.\n\n" +
        'Examples:\n' +
        '  trailhound detect --logs ./AWSLogs                 replay the built-in rules over a folder of logs\n' +
        '  trailhound query --logs ./AWSLogs "AWSCloudTrail | summarize count() by EventName"\n' +
        '  trailhound hunt --logs ./AWSLogs --queries hunting/  run hunting queries once over the logs\n' +
        "  trailhound test                                    run the built-in rules' test cases\n" +
        '  trailhound watch --s3 s3://bucket/AWSLogs/ --state ./state --out alerts.jsonl   follow a live trail\n' +
        '  trailhound serve --logs ./AWSLogs                  answer Kusto clients (Kusto Explorer, Grafana, SDKs) over the logs',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)');
  registerQueryCommand(program);
  registerDetectCommand(program);
  registerHuntCommand(program);
  registerTestCommand(program);
  registerWatchCommand(program);
  registerServeCommand(program);
  registerLoadCommand(program);
  return program;
}

export { answerCompileRequest, COMPILE_CHILD_ARG } from './compile-child.ts';

export interface MainOptions {
  /** The startup snapshot (dist/trailhound.blob) when it is usable here, to compile new queries in (compile-child.ts). */
  readonly compileSnapshot?: string;
  /** A reader worker bin/trailhound.js started before loading the CLI (bin/early-worker.js). */
  readonly earlyWorker?: { readonly worker: Worker; readonly ready: Promise<boolean> };
}

/** Runs the CLI with `argv` (as in process.argv); sets process.exitCode. */
export async function main(argv: readonly string[], options: MainOptions = {}): Promise<void> {
  if (options.compileSnapshot !== undefined) useCompileChild(snapshotChild(options.compileSnapshot));
  if (options.earlyWorker !== undefined) adoptStartedWorker(options.earlyWorker.worker, options.earlyWorker.ready);
  endQuietlyOnClosedPipe();
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (e) {
    // commander printed its message already
    if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : USAGE_EXIT;
    else process.exitCode = reportError(e);
  }
}

/**
 * Compiles a representative query once, so that the parser's one-time start-up (its global
 * function tables, the binder's first run) is done; the startup snapshot captures that state.
 */
export function warmUp(): void {
  const workspace = loadWorkspace({});
  compileQuery(
    `AWSCloudTrail | where TimeGenerated > ago(10m) | where EventName has "x" and not(SourceIpAddress has "y")
     | invoke AWSIdentityRole() | summarize arg_min(TimeGenerated, *) by Identity, SourceIpAddress | as _E
     | join kind=leftsemi (_E | evaluate activity_counts_metrics(Type, TimeGenerated, ago(10m), now(), 5m, Identity)
       | summarize arg_max(T = TimeGenerated, C = ["count"]) by Identity | extend x = iff(C > 1, 0, C)) on Identity
     | project-reorder TimeGenerated | extend s = strcat(Identity, tostring(bin(TimeGenerated, 1h))) | top 5 by s`,
    workspace.catalog(new Map()),
  );
}
