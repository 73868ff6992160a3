// The `watch` command as a process, for the tests that kill it or signal it: the same
// registration the trailhound CLI uses (src/cli/main.ts calls registerWatchCommand).
import { Command } from 'commander';
import { registerWatchCommand } from '../../src/cli/watch.ts';
import { reportError } from '../../src/cli/errors.ts';

const program = new Command().name('trailhound');
registerWatchCommand(program);
try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.exitCode = reportError(e);
}
