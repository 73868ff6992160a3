/** The ClickHouse options (`--engine`, `--chdb DIR`, `--clickhouse URL`, `--database`) and the connection they name. */
import type { Command } from 'commander';
import { openChdb, openClickHouseUrl, type ClickHouseConnection } from '../clickhouse/connection.ts';
import { UsageError } from './errors.ts';

export const DEFAULT_DATABASE = 'trailhound';
export const DEFAULT_CHDB_DIR = '.trailhound-chdb';

export function addClickHouseOptions(command: Command, withEngine: boolean): Command {
  if (withEngine) command.option('--engine <engine>', 'where AWSCloudTrail is read and the query runs: local (the logs, default), chdb (embedded ClickHouse over --chdb DIR), clickhouse (a server at --clickhouse URL)', 'local');
  return command
    .option('--chdb <dir>', `chDB (embedded ClickHouse) data folder holding the loaded table (default with --engine chdb: ${DEFAULT_CHDB_DIR})`)
    .option('--clickhouse <url>', 'ClickHouse server URL, e.g. http://user:password@localhost:8123')
    .option('--database <name>', `ClickHouse database of the AWSCloudTrail table (default: ${DEFAULT_DATABASE})`);
}

export type Engine = 'local' | 'chdb' | 'clickhouse';

/** The engine the options ask for; `load` has no --engine and names its target with --chdb or --clickhouse. */
export function engineOf(opts: { engine?: string; chdb?: string; clickhouse?: string }): Engine {
  const engine = opts.engine ?? (opts.clickhouse !== undefined ? 'clickhouse' : opts.chdb !== undefined ? 'chdb' : 'local');
  if (engine !== 'local' && engine !== 'chdb' && engine !== 'clickhouse') throw new UsageError(`--engine must be local, chdb or clickhouse, got ${engine}`);
  if (engine === 'clickhouse' && opts.clickhouse === undefined) throw new UsageError('--engine clickhouse needs --clickhouse URL');
  if (engine === 'chdb' && opts.clickhouse !== undefined) throw new UsageError('--clickhouse is for --engine clickhouse, not chdb');
  if (engine === 'clickhouse' && opts.chdb !== undefined) throw new UsageError('--chdb is for --engine chdb, not clickhouse');
  if (engine === 'local' && (opts.chdb !== undefined || opts.clickhouse !== undefined)) throw new UsageError('--chdb and --clickhouse need --engine chdb or --engine clickhouse');
  return engine;
}

export function databaseOf(opts: { database?: string }): string {
  const d = opts.database ?? DEFAULT_DATABASE;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(d)) throw new UsageError(`--database must be a plain name (letters, digits, _), got ${d}`);
  return d;
}

export async function openClickHouse(engine: Exclude<Engine, 'local'>, opts: { chdb?: string; clickhouse?: string }): Promise<ClickHouseConnection> {
  return engine === 'chdb' ? openChdb(opts.chdb ?? DEFAULT_CHDB_DIR) : openClickHouseUrl(opts.clickhouse!);
}
