/** The `trailhound` command: thin wiring of subcommands to the engine, readers and runtime. */
import { Command } from 'commander';
import { registerQueryCommand } from './query.ts';
import { registerDetectCommand } from './detect.ts';
import { registerTestCommand } from './test.ts';
import { reportError } from './errors.ts';

const program = new Command();
program
  .name('trailhound')
  .description(
    'Run Microsoft Sentinel KQL analytics rules on raw AWS CloudTrail logs, with Kusto\'s exact semantics.\n\n' +
      'Examples:\n' +
      '  trailhound detect --logs ./AWSLogs                 replay the built-in rules over a folder of logs\n' +
      '  trailhound query --logs ./AWSLogs "AWSCloudTrail | summarize count() by EventName"\n' +
      '  trailhound test                                    run the built-in rules\' test cases',
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

registerQueryCommand(program);
registerDetectCommand(program);
registerTestCommand(program);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.exitCode = reportError(e);
});
