import { KqlError } from '../kql/errors.ts';
import { visible, visibleLines } from './visible.ts';

/** The command could not run: bad usage, options, input, rules, or an unreachable source. */
export const USAGE_EXIT = 2;
/** A bug in trailhound. */
export const INTERNAL_EXIT = 3;

/**
 * An error of the system call kind (ENOENT, EACCES, ENOTDIR, ENOSPC, ECONNREFUSED...): the
 * machine or the input, not trailhound; Node's message names the path or address.
 */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const err = e as NodeJS.ErrnoException;
  return err instanceof Error && typeof err.code === 'string' && /^E[A-Z0-9]+$/.test(err.code) && typeof err.syscall === 'string';
}

/**
 * Prints an error for a person and returns the exit code: 2 and one line for everything a user
 * can fix (errors of the UsageError kind, whatever their layer: rules, spill folder, state folder,
 * S3 source, input tables; system call errors), 3 and the stack only for real internal bugs.
 * Messages quote input (paths, rule names, values): control characters are shown visibly
 * (KQL diagnostics keep their line breaks: they show the query's lines).
 */
export function reportError(e: unknown): number {
  if (e instanceof KqlError) {
    process.stderr.write(visibleLines(`trailhound: ${e.kind === 'unsupported' ? 'unsupported: ' : ''}${e.message}\n`));
    return USAGE_EXIT;
  }
  if (isSystemError(e) || (e instanceof Error && e.name === 'UsageError')) {
    // one line: a line feed in a quoted path or value cannot start a line of its own
    process.stderr.write(`trailhound: ${visible((e as Error).message)}\n`);
    return USAGE_EXIT;
  }
  const err = e as Error;
  process.stderr.write(
    visibleLines(
      `trailhound: internal error (a bug in trailhound: please report it with the command that caused it): ${err instanceof Error ? (err.stack ?? err.message) : String(e)}\n`,
    ),
  );
  return INTERNAL_EXIT;
}

/** Reported as one line, exit 2. Errors of other layers take the same name (RuleError, SpillError...). */
export class UsageError extends Error {
  override name = 'UsageError';
}
