/**
 * Something the user can fix (ClickHouse unreachable, chDB not installed, a failed statement):
 * the CLI reports errors of this name as one line with exit 2 (cli/errors.ts).
 */
export class UsageErrorKind extends Error {
  override name = 'UsageError';
}
