/** The ClickHouse options (`--engine`, `--chdb DIR`, `--clickhouse URL`, `--database`) and the connection they name. */
import type { Command } from 'commander';
import { openChdb, openClickHouseUrl, type ClickHouseConnection } from '../clickhouse/connection.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushTarget } from '../clickhouse/engine.ts';
import { loadTable } from '../clickhouse/load.ts';
import { clickHouseTableSource } from '../clickhouse/table-source.ts';
import type { PushTarget } from '../clickhouse/translate.ts';
import { stringSql } from '../clickhouse/values.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../cloudtrail/clickhouse-layout.ts';
import type { TableSource } from '../kql/scan.ts';
import { UsageError } from './errors.ts';
import type { OpenedLogs } from './logs.ts';
import { visible } from './visible.ts';

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
export function engineOf(opts: { engine?: string; chdb?: string; clickhouse?: string; keepDuplicates?: boolean }): Engine {
  const engine = opts.engine ?? (opts.clickhouse !== undefined ? 'clickhouse' : opts.chdb !== undefined ? 'chdb' : 'local');
  if (engine !== 'local' && engine !== 'chdb' && engine !== 'clickhouse') throw new UsageError(`--engine must be local, chdb or clickhouse, got ${engine}`);
  if (engine === 'clickhouse' && opts.clickhouse === undefined) throw new UsageError('--engine clickhouse needs --clickhouse URL');
  if (engine === 'chdb' && opts.clickhouse !== undefined) throw new UsageError('--clickhouse is for --engine clickhouse, not chdb');
  if (engine === 'clickhouse' && opts.chdb !== undefined) throw new UsageError('--chdb is for --engine chdb, not clickhouse');
  if (engine === 'local' && (opts.chdb !== undefined || opts.clickhouse !== undefined)) throw new UsageError('--chdb and --clickhouse need --engine chdb or --engine clickhouse');
  // The table keeps one row per event (docs/clickhouse.md, "Loading exactly once").
  if (engine !== 'local' && opts.keepDuplicates) throw new UsageError('--keep-duplicates cannot be used with ClickHouse: its AWSCloudTrail table keeps one row per eventID');
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

export interface ClickHouseTable {
  readonly conn: ClickHouseConnection;
  readonly database: string;
  /** AWSCloudTrail read from ClickHouse (with the engine's pre-filters as WHERE). */
  readonly source: TableSource;
  readonly target: PushTarget;
  close(): Promise<void>;
}

/**
 * The AWSCloudTrail table in ClickHouse for `query`/`detect`/`watch`. With --logs, the logs are
 * loaded first (exactly once: load.ts), into --chdb DIR or, without it, a temporary chDB folder
 * removed at the end: `--engine chdb --logs PATH` runs the query's SQL over the files' rows.
 */
export async function openClickHouseTable(engine: Exclude<Engine, 'local'>, opts: { chdb?: string; clickhouse?: string; database?: string }, logs?: OpenedLogs): Promise<ClickHouseTable> {
  const database = databaseOf(opts);
  const temporary = engine === 'chdb' && opts.chdb === undefined && logs !== undefined ? mkdtempSync(join(tmpdir(), 'trailhound-chdb-')) : undefined;
  const conn = await openClickHouse(engine, temporary !== undefined ? { chdb: temporary } : opts);
  try {
    if (logs) {
      await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, logs.source, {
        database,
        onRejected: (id, why) => process.stderr.write(`trailhound: record ${visible(id || '(no eventID)')} not loaded into ClickHouse: ${visible(why)}\n`),
      });
    } else if (!(await tableExists(conn, database))) {
      throw new UsageError(`${conn.description} has no table ${database}.${AWS_CLOUDTRAIL_LAYOUT.name}: load logs into it first (trailhound load --logs PATH ${engine === 'chdb' ? '--chdb DIR' : '--clickhouse URL'}), or give --logs`);
    }
  } catch (e) {
    await conn.close();
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw e;
  }
  return {
    conn,
    database,
    source: clickHouseTableSource(conn, AWS_CLOUDTRAIL_LAYOUT, database),
    target: pushTarget(AWS_CLOUDTRAIL_LAYOUT, database),
    async close() {
      await conn.close();
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
  };
}

async function tableExists(conn: ClickHouseConnection, database: string): Promise<boolean> {
  for await (const [n] of conn.rows(`SELECT count() FROM system.tables WHERE database = ${stringSql(database)} AND name = ${stringSql(AWS_CLOUDTRAIL_LAYOUT.name)}`)) return Number(n) > 0;
  return false;
}
