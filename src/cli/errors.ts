import { KqlError } from '../kql/errors.ts';

/** Prints an error for a person and returns the exit code (2: the command could not run). */
export function reportError(e: unknown): number {
  if (e instanceof KqlError) {
    process.stderr.write(`trailhound: ${e.kind === 'unsupported' ? 'unsupported: ' : ''}${e.message}\n`);
    return 2;
  }
  const err = e as NodeJS.ErrnoException;
  if (err && (err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'EISDIR')) {
    process.stderr.write(`trailhound: ${err.message}\n`);
    return 2;
  }
  if (err instanceof Error && err.name === 'UsageError') {
    process.stderr.write(`trailhound: ${err.message}\n`);
    return 2;
  }
  process.stderr.write(`trailhound: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(e)}\n`);
  return 3;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
