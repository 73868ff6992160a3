/**
 * `trailhound detect`: replay scheduled analytics rules over CloudTrail logs (docs/detections.md).
 * Exit status: 0 no alerts, 1 alerts (0 with --no-fail), 2 the command could not run (docs/cli.md).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { parseDatetime } from '../kql/values/datetime.ts';
import { alertsJsonlChunks, alertsTableChunks } from '../detect/alert-output.ts';
import type { Alert } from '../detect/alerts.ts';
import { parseDuration, formatDuration } from '../detect/duration.ts';
import { loadRules } from '../detect/rule-files.ts';
import { compileRules, replay, withExternalData } from '../detect/replay.ts';
import { compileAllElsewhere } from './compile-child.ts';
import { printWarnings } from './warnings.ts';
import { addExternalDataOption, externalDataOf } from './external-data.ts';
import { DEFAULT_DELAY } from '../detect/schedule.ts';
import { loadWorkspace, parseAssignment } from '../detect/workspace.ts';
import { addLogOptions, openLogs, type OpenedLogs } from './logs.ts';
import type { TableSource } from '../kql/scan.ts';
import { UsageError } from './errors.ts';
import { NO_CACHE_HELP, planCacheOf } from './plan-cache.ts';
import { MissingDataReport, openTables, TABLE_OPTION_HELP } from './tables.ts';
import { writeChunks } from './output.ts';
import { visible } from './visible.ts';
import { addMaxMemoryOption, maxMemoryProperties } from './limits.ts';
import { describeFailedRuns } from '../detect/failed-runs.ts';
import { addClickHouseOptions, engineOf, openClickHouseTable, type ClickHouseTable } from './clickhouse.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

export function durationOption(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = parseDuration(text);
  if (t === null || t < 0n) throw new UsageError(`${name}: not a duration: ${text} (e.g. 5m, 1h, 00:05:00)`);
  return t;
}

export function datetimeOption(name: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = parseDatetime(text);
  if (t === null) throw new UsageError(`${name}: not a datetime: ${text} (use ISO 8601, e.g. 2023-07-10T12:00:00Z)`);
  return t;
}

function memoryOption(text: string): number {
  const mib = Number(text);
  if (!Number.isFinite(mib) || mib <= 0) throw new UsageError(`--memory: not a positive number of MiB: ${text}`);
  return mib * 1024 * 1024;
}

export function registerDetectCommand(program: Command): void {
  const command = program
    .command('detect')
    .description('Replay Sentinel scheduled analytics rules over CloudTrail logs: every scheduled run across the time range, as Sentinel would have run them.')
    .option('-l, --logs <path>', 'CloudTrail logs (file, folder or s3://bucket/prefix; repeatable): the AWSCloudTrail table', collectList, [])
    .option('-r, --rules <path>', 'rule files or folders (.yaml Sentinel rules, .kql queries; repeatable; default: the built-in rules)', collectList, [])
    .option('--from <datetime>', 'first scheduled run time (default: the first run that sees the data)')
    .option('--to <datetime>', 'last scheduled run time (default: the last run that sees the data)')
    .option('--frequency <duration>', 'schedule of .kql rules (default: their `let query_frequency`, else 5h)')
    .option('--period <duration>', 'lookback of .kql rules (default: their `let query_period`, else the frequency)')
    .option('--delay <duration>', 'a run scheduled at T executes at T + delay, and now() = T + delay', formatDuration(DEFAULT_DELAY))
    .option('--anchor <datetime>', 'align scheduled times to this instant (default: the clock, e.g. :00, :05 for 5m)')
    .option('--ingestion <mode>', 'ideal: every event is ingested when it happened; delivery: when its log file was delivered', 'ideal')
    .option('--ingestion-latency <duration>', 'with --ingestion delivery: extra time from delivery to being queryable', '0m')
    .option('--per-run', 'report every run\'s alerts, repeats of a finding in overlapping lookbacks included (Sentinel\'s raw behaviour)')
    .option('--all-runs', 'run the query even for runs whose window holds no rows')
    .option('--memory <MiB>', 'kept rows held in memory while reading before they spill to disk; runs then load only their lookback', '32')
    .option('--spill-dir <dir>', 'where spilled rows go (deleted at the end; default: the OS temp folder)')
    .option('--run-threads <n>', 'threads evaluating the runs after reading, this one included, for replays of 1,000+ runs and 20,000+ kept rows (on 2 cores 2 was slower than 1: docs/performance.md, "Parallel runs")', '1')
    .option('-t, --table <Name=path>', TABLE_OPTION_HELP, collectList, [])
    .option('-w, --watchlist <alias=file.csv>', 'a Sentinel watchlist CSV for _GetWatchlist(alias) (repeatable)', collectList, [])
    .option('--watchlists <dir>', 'a folder of watchlist CSV files, each read by _GetWatchlist(<file name without .csv>) (repeatable)', collectList, [])
    .option('--functions <dir>', 'a folder of .kql stored functions; repeatable', collectList, [])
    .option('-o, --out <file>', 'write the alerts as JSON Lines to this file')
    .option('--format <format>', 'table or jsonl (default: table on a terminal, jsonl when piped)')
    .option('--no-fail', 'exit 0 even when there are alerts')
    .option('--no-cache', NO_CACHE_HELP);
  addClickHouseOptions(command, true);
  addExternalDataOption(command);
  addMaxMemoryOption(addLogOptions(command))
    .addHelpText(
      'after',
      '\nWith --engine chdb or clickhouse, AWSCloudTrail is read from ClickHouse (loaded with `trailhound load`, or\n' +
        'from --logs first): the rules\' filters run there as SQL, the rest as usual (docs/clickhouse.md).\n' +
        '\nA run that exceeds a query limit (E_RUNAWAY_QUERY) is reported on stderr and the other runs go on.\n' +
        '\nExit status: 0 no alerts, 1 alerts (0 with --no-fail), 2 the command could not run (usage, rules,\n' +
        'a missing --logs path, logs without a single CloudTrail record) or runs failed (with --strict, or when\n' +
        'every run failed), 3 a bug in trailhound.\n\nExamples:\n' +
        '  trailhound detect --logs examples/session-theft\n' +
        '  trailhound detect --logs ./AWSLogs --rules my-rules/ --from 2023-07-10T00:00:00Z --to 2023-07-11T00:00:00Z --out alerts.jsonl\n' +
        '  trailhound detect --logs ./AWSLogs --ingestion delivery --ingestion-latency 10m\n' +
        '  trailhound detect --engine chdb --chdb ./ct-db --from 2023-07-10T00:00:00Z\n',
    )
    .action(async (opts) => {
      const engine = engineOf(opts);
      if ((opts.logs as string[]).length === 0 && engine === 'local') throw new UsageError('detect needs --logs PATH (a CloudTrail file or folder), or --engine chdb/clickhouse with a loaded table');
      const ingestion = opts.ingestion as string;
      if (ingestion !== 'ideal' && ingestion !== 'delivery') throw new UsageError('--ingestion must be ideal or delivery');
      const format = opts.format as string | undefined;
      if (format !== undefined && format !== 'table' && format !== 'jsonl') throw new UsageError('--format must be table or jsonl');
      const from = datetimeOption('--from', opts.from);
      const to = datetimeOption('--to', opts.to);
      if (from !== undefined && to !== undefined && from > to) throw new UsageError(`--from ${opts.from} is after --to ${opts.to}: no run is scheduled between them`);
      const workspace = loadWorkspace({
        functions: opts.functions,
        watchlists: (opts.watchlist as string[]).map((w) => {
          const a = parseAssignment(w, '--watchlist');
          return { alias: a.name, path: a.path };
        }),
        watchlistDirs: opts.watchlists,
        planCache: planCacheOf(opts),
        externalData: externalDataOf(opts),
      });
      const tables = openTables(opts.table as string[], workspace, (line) => process.stderr.write(`${line}\n`));
      const rules = loadRules(opts.rules, { queryFrequency: durationOption('--frequency', opts.frequency), queryPeriod: durationOption('--period', opts.period) });
      const logs = (opts.logs as string[]).length === 0 ? undefined : await openLogs(opts.logs, {
        strict: Boolean(opts.strict),
        tenantId: opts.tenantId,
        keepDuplicates: opts.keepDuplicates,
        inputFormat: opts.inputFormat,
        workers: opts.workers,
        endpoint: opts.endpoint,
        region: opts.region,
      });
      let clickhouse: ClickHouseTable | undefined;
      if (engine !== 'local') {
        clickhouse = await openClickHouseTable(engine, opts, logs);
        tables.set(AWS_CLOUDTRAIL_TABLE, clickhouse.source);
      } else tables.set(logs!.name, logs!.source);
      try {
        await detectWith(opts, rules, workspace, tables, logs);
      } finally {
        await clickhouse?.close();
      }
    });
}

async function detectWith(
  opts: Record<string, any>, rules: ReturnType<typeof loadRules>, workspace: ReturnType<typeof loadWorkspace>,
  tables: Map<string, TableSource>, logs: OpenedLogs | undefined,
): Promise<void> {
    const ingestion = opts.ingestion as 'ideal' | 'delivery';
    const format = opts.format as string | undefined;
    const from = datetimeOption('--from', opts.from);
    const to = datetimeOption('--to', opts.to);
    // New rules are compiled by one process started from the snapshot (compile-child.ts), not here.
    const compiled = compileRules(rules, workspace, tables, (batch) => compileAllElsewhere(batch));
    for (const w of compiled.flatMap((c) => c.warnings)) process.stderr.write(`warning: ${w}\n`);
    const missing = new MissingDataReport(workspace);
    for (const c of compiled) missing.checkWatchlists(c.compiled);
    for (const c of compiled) printWarnings(c.compiled, `${c.rule.file} (query)`);
    for (const [i, c] of compiled.entries()) compiled[i] = await withExternalData(c, workspace);
    const result = await replay(compiled, workspace.runTables(tables, missing.onEmptyRead), workspace.watchlists, {
      delay: durationOption('--delay', opts.delay),
      ingestion,
      latency: durationOption('--ingestion-latency', opts.ingestionLatency),
      from,
      to,
      anchor: datetimeOption('--anchor', opts.anchor),
      perRun: Boolean(opts.perRun),
      allRuns: Boolean(opts.allRuns),
      memoryBudget: memoryOption(opts.memory),
      spillDir: opts.spillDir,
      runWorkers: runThreadsOption(opts.runThreads) - 1,
      properties: maxMemoryProperties(opts.maxMemory),
    });
    const code = logs?.finish() ?? 0;
    // Logs without a single CloudTrail record (code 2, said on stderr) get no "No alerts.".
    if (code === 0 || result.alerts.length > 0) await writeAlerts(result.alerts, opts.out, format);
    missing.print();
    for (const line of describeFailedRuns(result.failedRuns)) process.stderr.write(`trailhound: ${visible(line)}\n`);
    const failed = result.failedRuns.length;
    if (process.stderr.isTTY || failed > 0) {
      const spilled = result.spilledBytes > 0 ? `, ${(result.spilledBytes / 1048576).toFixed(1)} MiB of kept rows spilled to disk` : '';
      const failures = failed > 0 ? `, ${failed} failed (query limits: their windows were not checked)` : '';
      process.stderr.write(`${rules.length} rule(s), ${result.runs.length} run(s) evaluated in ${(result.runsMs / 1000).toFixed(1)} s${result.runThreads > 1 ? ` on ${result.runThreads} threads` : ''}, ${result.runs.filter((r) => r.triggered).length} triggered${failures}${spilled}\n`);
    }
    // Failed runs leave the exit status to the alerts, as unreadable records do, unless --strict
    // or no run could complete at all.
    const runsFailed = failed > 0 && (Boolean(opts.strict) || result.runs.length === 0);
    process.exitCode = code !== 0 ? code : runsFailed ? 2 : result.alerts.length > 0 && opts.fail !== false ? 1 : 0;
}

/** Alert by alert, with backpressure: output memory does not grow with the number of alerts. */
async function writeAlerts(alerts: readonly Alert[], out: string | undefined, format: string | undefined): Promise<void> {
  if (out === undefined) {
    const asTable = format ? format === 'table' : process.stdout.isTTY;
    await writeChunks(process.stdout, asTable ? alertsTableChunks(alerts, { cellText: visible }) : alertsJsonlChunks(alerts));
    return;
  }
  const file = createWriteStream(out);
  const closed = finished(file);
  closed.catch(() => undefined); // a failed open or write is reported by the awaits below
  await once(file, 'open');
  await writeChunks(file, alertsJsonlChunks(alerts));
  file.end();
  await closed;
  process.stderr.write(`${alerts.length} alert(s) written to ${visible(out)}\n`);
}

function runThreadsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--run-threads must be a whole number from 1 to 64, got ${value}`);
  return n;
}
