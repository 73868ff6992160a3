/**
 * `trailhound load`: CloudTrail logs into ClickHouse's AWSCloudTrail table (docs/clickhouse.md),
 * the same rows our reader gives, exactly once across re-runs and interrupted loads.
 */
import type { Command } from 'commander';
import { countRows, loadTable } from '../clickhouse/load.ts';
import { tableSql } from '../clickhouse/table.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../cloudtrail/clickhouse-layout.ts';
import { addClickHouseOptions, databaseOf, engineOf, openClickHouse } from './clickhouse.ts';
import { UsageError } from './errors.ts';
import { addLogOptions, openLogs } from './logs.ts';
import { visible } from './visible.ts';

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerLoadCommand(program: Command): void {
  const command = program
    .command('load')
    .description("Load CloudTrail logs into ClickHouse's AWSCloudTrail table (a server, or chDB's embedded engine over a folder), exactly once.")
    .option('-l, --logs <path>', 'CloudTrail logs (file or folder; repeatable)', collectList, []);
  addLogOptions(addClickHouseOptions(command, false)).addHelpText(
    'after',
    '\nRows already in the table (same eventID) are not duplicated: a re-run or the re-run of an interrupted load\n' +
      'leaves one row per event. Exit status: 0 loaded, 2 the command could not run (usage, unreachable\n' +
      'ClickHouse, chDB not installed, logs without a CloudTrail record), 3 a bug in trailhound.\n\nExamples:\n' +
      '  trailhound load --logs ./AWSLogs --chdb ./ct-db\n' +
      '  trailhound load --logs ./AWSLogs --clickhouse http://default:secret@ch1:8123 --database security\n',
  ).action(async (opts) => {
    if ((opts.logs as string[]).length === 0) throw new UsageError('load needs --logs PATH (a CloudTrail file or folder)');
    if (opts.chdb === undefined && opts.clickhouse === undefined) throw new UsageError('load needs --chdb DIR or --clickhouse URL');
    const engine = engineOf(opts);
    if (engine === 'local') throw new UsageError('load needs --chdb DIR or --clickhouse URL');
    const database = databaseOf(opts);
    const logs = await openLogs(opts.logs, { strict: Boolean(opts.strict), tenantId: opts.tenantId, keepDuplicates: opts.keepDuplicates, inputFormat: opts.inputFormat, workers: opts.workers });
    const conn = await openClickHouse(engine, opts);
    try {
      const result = await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, logs.source, {
        database,
        onRejected: (id, why) => process.stderr.write(`trailhound: record ${visible(id || '(no eventID)')} not loaded: ${visible(why)}\n`),
      });
      const code = logs.finish();
      const total = await countRows(conn, AWS_CLOUDTRAIL_LAYOUT, database);
      process.stderr.write(
        `${result.rows} row(s) sent to ${tableSql(database, AWS_CLOUDTRAIL_LAYOUT)} on ${visible(conn.description)}; it holds ${total} row(s), one per event` +
          `${result.rejected > 0 ? `; ${result.rejected} record(s) not loaded (listed above)` : ''}\n`,
      );
      process.exitCode = code;
    } finally {
      await conn.close();
    }
  });
}
