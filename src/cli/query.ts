/** `trailhound query`: run any KQL over CloudTrail logs and files, print the result. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { compileQuery, type TableSource } from '../kql/engine.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { RESULT_FORMATS, resultChunks, type ResultFormat } from '../kql/result-format.ts';
import { UNIX_EPOCH_TICKS, TICKS_PER_MILLISECOND } from '../kql/types.ts';
import { parseDatetime } from '../kql/values/datetime.ts';
import { loadWorkspace, parseAssignment } from '../detect/workspace.ts';
import { addLogOptions, openLogs } from './logs.ts';
import { UsageError } from './errors.ts';
import { NO_CACHE_HELP, planCacheOf } from './plan-cache.ts';
import { compileElsewhere } from './compile-child.ts';
import { MissingDataReport, openTables } from './tables.ts';
import { writeChunks } from './output.ts';
import { visible } from './visible.ts';
import { printWarnings } from './warnings.ts';
import { addExternalDataOption, externalDataOf } from './external-data.ts';
import { addMaxMemoryOption, maxMemoryProperties } from './limits.ts';
import { addDataOptions } from './workspace-options.ts';
import { addClickHouseOptions, engineOf, openClickHouseTable, type ClickHouseTable } from './clickhouse.ts';
import { describeSplit, pushDown } from '../clickhouse/engine.ts';

export function parseNow(text: string | undefined): bigint {
  if (text === undefined) return BigInt(Date.now()) * TICKS_PER_MILLISECOND + UNIX_EPOCH_TICKS;
  const t = parseDatetime(text);
  if (t === null) throw new UsageError(`--now: not a datetime: ${text} (use ISO 8601, e.g. 2023-07-10T12:05:00Z)`);
  return t;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function registerQueryCommand(program: Command): void {
  const command = program
    .command('query')
    .description('Run a KQL query over CloudTrail logs (as the AWSCloudTrail table) and other files.')
    .argument('[kql]', 'the query text (or use --file, or pipe it on standard input)')
    .option('-f, --file <file>', 'read the query from a file');
  addDataOptions(command)
    .option('--now <datetime>', 'the instant now() and ago() use (default: the current time)')
    .option('--format <format>', `output format: ${RESULT_FORMATS.join(', ')}`, 'table')
    .option('--no-cache', NO_CACHE_HELP)
    .option('--explain', 'with --engine chdb/clickhouse: print what ClickHouse computes (its SQL) and what runs locally, and stop');
  addClickHouseOptions(command, true);
  addExternalDataOption(command);
  addMaxMemoryOption(addLogOptions(command))
    .addHelpText(
      'after',
      '\nExit status: 0 the result was written, 2 the command could not run (usage, query, a missing --logs path,\n' +
        'logs without a single CloudTrail record), 3 a bug in trailhound. Table output shows control characters\n' +
        'visibly (\\x1B, \\u202E); json, jsonl and csv are exact.\n\nExamples:\n' +
        '  trailhound query --logs examples/logs "AWSCloudTrail | summarize count() by EventName | top 5 by count_"\n' +
        '  trailhound query --logs examples/logs --file rule.kql --now 2023-07-10T12:05:00Z --format json\n' +
        '  trailhound query --engine chdb --chdb ./ct-db "AWSCloudTrail | summarize count() by EventName" --explain\n' +
        "  echo 'print now()' | trailhound query\n",
    )
    .action(async (kql: string | undefined, opts) => {
      const format = opts.format as ResultFormat;
      if (!RESULT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${RESULT_FORMATS.join(', ')}`);
      let text: string;
      let file = '<query>';
      if (opts.file) {
        text = readFileSync(opts.file, 'utf8');
        file = opts.file;
      } else if (kql !== undefined) text = kql;
      else if (!process.stdin.isTTY) text = await readStdin();
      else throw new UsageError('no query: give it as an argument, with --file, or on standard input');
      const now = parseNow(opts.now);
      const engine = engineOf(opts);
      if (opts.explain && engine === 'local') throw new UsageError('--explain shows the split between ClickHouse and trailhound: give --engine chdb or --engine clickhouse');
      const workspace = loadWorkspace({
        functions: opts.functions,
        watchlists: (opts.watchlist as string[]).map((w) => {
          const a = parseAssignment(w, '--watchlist');
          return { alias: a.name, path: a.path };
        }),
        watchlistDirs: opts.watchlists,
        noBuiltins: opts.builtins === false,
      });
      const tables = openTables(opts.table as string[], workspace, (line) => process.stderr.write(`${line}\n`));
      const logs =
        (opts.logs as string[]).length > 0
          ? await openLogs(opts.logs, { strict: Boolean(opts.strict), tenantId: opts.tenantId, keepDuplicates: opts.keepDuplicates, inputFormat: opts.inputFormat, workers: opts.workers, endpoint: opts.endpoint, region: opts.region })
          : undefined;
      let clickhouse: ClickHouseTable | undefined;
      if (engine !== 'local') {
        clickhouse = await openClickHouseTable(engine, opts, logs);
        tables.set(AWS_CLOUDTRAIL_TABLE, clickhouse.source);
      } else if (logs) tables.set(logs.name, logs.source);
      try {
        await runQuery(text, file, now, opts, format, workspace, tables, clickhouse);
      } finally {
        await clickhouse?.close();
      }
      if (logs) process.exitCode = logs.finish();
    });
}

async function runQuery(
  text: string, file: string, now: bigint, opts: Record<string, unknown>, format: ResultFormat,
  workspace: ReturnType<typeof loadWorkspace>, tables: Map<string, TableSource>, clickhouse: ClickHouseTable | undefined,
): Promise<void> {
    // Outside the snapshot, a new query is compiled by a process started from it (compile-child.ts).
    const elsewhere = compileElsewhere();
    let compiled = compileQuery(text, workspace.catalog(tables), { file, cache: planCacheOf(opts), ...(elsewhere ? { elsewhere } : {}) });
    if (clickhouse) {
      const pushed = pushDown(compiled, clickhouse.conn, clickhouse.target, now);
      if (opts.explain) {
        process.stdout.write(describeSplit(pushed.split));
        return;
      }
      compiled = pushed.compiled;
      for (const [name, source] of pushed.tables) tables.set(name, source);
    }
    const missing = new MissingDataReport(workspace);
    missing.checkWatchlists(compiled);
    printWarnings(compiled, file);
    // Batch by batch, with backpressure: output memory does not grow with the number of rows.
    const result = compiled.resultStream({
      now,
      tables: workspace.runTables(tables, missing.onEmptyRead),
      watchlists: workspace.watchlists,
      externalData: externalDataOf(opts as Parameters<typeof externalDataOf>[0]),
      properties: maxMemoryProperties(opts.maxMemory as string | undefined),
    });
    let rows = 0;
    const counted = (async function* () {
      for await (const b of result.batches) {
        rows += b.length;
        yield b;
      }
    })();
    await writeChunks(process.stdout, resultChunks(counted, format, () => compiled.schema, { cellText: visible }));
    missing.print();
    // Kusto's result truncation: the rows up to the limit, and its partial query failure.
    const partialFailure = result.partialFailure();
    if (partialFailure) process.stderr.write(`trailhound: warning: ${partialFailure} The result holds its first ${rows} records (set notruncation; or set truncationmaxrecords/truncationmaxsize to change the limits).\n`);
}
