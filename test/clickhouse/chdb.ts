/**
 * chDB for tests: one session per test process (chDB keeps one engine per process), over a fresh
 * folder. chDB is installed by CI (.ci/run), not by `npm ci`: without it, the tests that need it
 * skip, saying how to install it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHDB_INSTALL_HINT, chdbAvailable, openChdb, type ClickHouseConnection } from '../../src/clickhouse/connection.ts';

export const CHDB_PRESENT = await chdbAvailable();
/** `skip` option of a test that needs chDB. */
export const NEEDS_CHDB: string | false = CHDB_PRESENT ? false : `chDB is not installed (CI installs it; locally: ${CHDB_INSTALL_HINT})`;

let shared: Promise<ClickHouseConnection> | undefined;
/** The test process's chDB session, over a temporary folder. */
export function chdb(): Promise<ClickHouseConnection> {
  return (shared ??= openChdb(mkdtempSync(join(tmpdir(), 'th-chdb-'))));
}
