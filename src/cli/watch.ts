/** `trailhound watch`: live mode (docs/live.md). Thin: options -> src/live. */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadRules } from '../detect/rule-files.ts';
import { loadWorkspace, parseAssignment } from '../detect/workspace.ts';
import { formatDuration, parseDuration } from '../detect/duration.ts';
import { DEFAULT_DELAY } from '../detect/schedule.ts';
import { TICKS_PER_MINUTE } from '../kql/types.ts';
import { FixedClock, SystemClock, type Clock } from '../live/clock.ts';
import { Deliverer } from '../live/deliver.ts';
import { LiveRunner } from '../live/runner.ts';
import { FileSink, StdoutSink, WebhookSink, type Sink } from '../live/sinks.ts';
import { FolderSource, type LogSource } from '../live/sources.ts';
import { watchLoop } from '../live/watch.ts';
import { UsageError } from './errors.ts';
import { addClickHouseOptions, engineOf, openClickHouseTable, type ClickHouseTable } from './clickhouse.ts';
import { clickHouseFeed } from '../clickhouse/live-feed.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../cloudtrail/clickhouse-layout.ts';
import { NO_CACHE_HELP, planCacheOf } from './plan-cache.ts';
import { addExternalDataOption, externalDataOf } from './external-data.ts';
import { addMaxMemoryOption, maxMemoryProperties } from './limits.ts';
import { parseNow } from './query.ts';
import { compileAllElsewhere } from './compile-child.ts';
import { visible } from './visible.ts';

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

function duration(flag: string, text: string): bigint {
  const d = parseDuration(text);
  if (d === null || d < 0n) throw new UsageError(`${flag}: not a duration: ${text} (e.g. 5m, 1h)`);
  return d;
}

export function registerWatchCommand(program: Command): void {
  const command = program
    .command('watch')
    .description('Live mode: run rules on their schedule over CloudTrail files as they land; every alert exactly once, across restarts.')
    .option('-l, --logs <dir>', 'a folder receiving CloudTrail files (e.g. an `aws s3 sync` target)')
    .option('--s3 <url>', 'a CloudTrail bucket: s3://bucket/prefix (only the recent date folders are listed)')
    .option('--endpoint <url>', 'S3-compatible endpoint (path-style addressing)')
    .option('--region <region>', 'bucket region (default: AWS_REGION, else us-east-1)')
    .requiredOption('--state <dir>', 'checkpoint folder: objects read, last run per rule, alert outbox')
    .option('-r, --rules <path>', 'rule files or folders (repeatable; default: the built-in rules)', collectList, [])
    .option('--frequency <duration>', 'schedule of .kql rules (default: their `let query_frequency`, else 5h)')
    .option('--period <duration>', 'lookback of .kql rules (default: their `let query_period`, else the frequency)')
    .option('--delay <duration>', 'a run scheduled at T executes at T + delay, now() = T + delay', formatDuration(DEFAULT_DELAY))
    .option('--ingestion <mode>', 'delivery: an event is visible once its file was delivered; ideal: as soon as it happened', 'delivery')
    .option('--late <policy>', 'events that arrive after their window ran: catch-up (re-run that window once, alerts marked late) or sentinel (missed, as in Sentinel)', 'catch-up')
    .option('--lateness <duration>', 'how late a file may land and still be read; the catch-up horizon', '1h')
    .option('--from <datetime>', 'start the schedule at this past instant and catch up on every run since')
    .option('--now <datetime>', 'pretend the clock shows this instant (with --once: backfills, tests)')
    .option('--poll <duration>', 'how often to look for new files between runs', '1m')
    .option('-o, --out <file>', 'append alerts as JSON Lines to this file (fsynced)')
    .option('--stdout', 'print alerts as JSON Lines on standard output (default when no other sink is given)')
    .option('--webhook <url>', 'POST each alert as JSON (Idempotency-Key: alert id), retried with backoff')
    .option('--once', 'run the runs that are due, deliver, and exit (for cron)')
    .option('-w, --watchlist <alias=file.csv>', 'a Sentinel watchlist CSV (repeatable)', collectList, [])
    .option('--watchlists <dir>', 'a folder of watchlist CSV files, each read by _GetWatchlist(<file name without .csv>) (repeatable)', collectList, [])
    .option('--functions <dir>', 'a folder of .kql stored functions; repeatable', collectList, [])
    .option('--no-cache', NO_CACHE_HELP)
    .option('--engine <engine>', 'where rows come from: local (the files of --logs/--s3, default), chdb or clickhouse (the AWSCloudTrail table that `trailhound load` or your pipeline keeps filling; rows are new by their _IngestionTime, as files by their delivery time)', 'local');
  addClickHouseOptions(command, false);
  addMaxMemoryOption(addExternalDataOption(command))
    .addHelpText(
      'after',
      '\nOne log line per run on stderr: rule, scheduled time, new files, records in the window, lag behind the newest\n' +
        'delivery, alerts; a run that exceeds a query limit logs "run failed" with the error, and the others go on.\n' +
        'SIGTERM/SIGINT: the current run finishes and is checkpointed, then exit 0.\n\nExamples:\n' +
        '  trailhound watch --logs /var/cloudtrail --state ~/.trailhound --out alerts.jsonl\n' +
        '      follow a folder kept in sync with the bucket; alerts appended to alerts.jsonl\n' +
        '  trailhound watch --s3 s3://my-trail/AWSLogs/ --state ./state --webhook https://hooks.example/alerts\n' +
        '      read the bucket directly (standard AWS credentials), alerts to a webhook\n' +
        '  trailhound watch --s3 s3://my-trail/AWSLogs/ --state ./state --from 2024-05-01T00:00:00Z --out a.jsonl\n' +
        '      catch up on every run since May 1st, then follow the clock\n' +
        '  */10 * * * * trailhound watch --logs /data/ct --state /var/lib/th --out /var/log/th.jsonl --once\n' +
        '      cron: each invocation runs what is due and exits\n' +
        '  trailhound watch --s3 s3://b/AWSLogs/ --endpoint http://127.0.0.1:9000 --state ./s --stdout\n' +
        '      an S3-compatible store (MinIO, ...)\n' +
        '  trailhound watch --engine clickhouse --clickhouse http://ch1:8123 --state ./state --out a.jsonl\n' +
        '      a ClickHouse table that loads keep filling (docs/clickhouse.md, "watch")\n\nSee docs/live.md for the late-event rule and the exactly-once guarantees.\n',
    )
    .action(async (opts) => {
      const engine = engineOf(opts);
      if (engine !== 'local' && (opts.logs || opts.s3)) throw new UsageError(`watch --engine ${engine} reads the AWSCloudTrail table, not files: drop --logs/--s3 and keep the table filled with trailhound load (docs/clickhouse.md, "watch")`);
      if (engine === 'local' && Boolean(opts.logs) === Boolean(opts.s3)) throw new UsageError('give exactly one of --logs DIR or --s3 s3://bucket/prefix, or --engine chdb|clickhouse with a loaded table');
      const ingestion = opts.ingestion as string;
      if (ingestion !== 'ideal' && ingestion !== 'delivery') throw new UsageError('--ingestion must be delivery or ideal');
      const late = opts.late as string;
      if (late !== 'catch-up' && late !== 'sentinel') throw new UsageError('--late must be catch-up or sentinel');
      const stateDir = resolve(opts.state as string);
      if (statSync(stateDir, { throwIfNoEntry: false })?.isDirectory() === false) throw new UsageError(`--state ${opts.state}: not a folder (the checkpoint folder is created if missing)`);
      // A folder that is not there is a typo more often than a sync not run yet: say so rather
      // than watch nothing forever.
      if (opts.logs && !statSync(opts.logs, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--logs ${opts.logs}: no such folder`);
      const clock: Clock = opts.now ? new FixedClock(parseNow(opts.now)) : new SystemClock();
      const from = opts.from ? parseNow(opts.from) : undefined;
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
      const rules = loadRules(opts.rules, {
        queryFrequency: opts.frequency ? duration('--frequency', opts.frequency) : undefined,
        queryPeriod: opts.period ? duration('--period', opts.period) : undefined,
      });
      // The AWS SDK takes longer to load than the rest of the CLI: only --s3 loads it.
      let source: LogSource | undefined;
      let table: ClickHouseTable | undefined;
      if (engine !== 'local') table = await openClickHouseTable(engine, opts);
      else if (opts.logs) source = new FolderSource(resolve(opts.logs));
      else source = new (await import('../live/s3-source.ts')).S3Source({ url: opts.s3, cacheDir: join(stateDir, 'cache'), endpoint: opts.endpoint, region: opts.region });
      const feed = table ? clickHouseFeed(table.conn, AWS_CLOUDTRAIL_LAYOUT, table.database) : undefined;
      const sinks: Sink[] = [];
      if (opts.out) sinks.push(new FileSink(resolve(opts.out)));
      if (opts.webhook) sinks.push(new WebhookSink(opts.webhook));
      if (opts.stdout || sinks.length === 0) sinks.push(new StdoutSink());
      // One line per event; rule names, file names and error messages in it come from input.
      const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${visible(line)}\n`);
      const controller = new AbortController();
      let deliverer: Deliverer | undefined;
      const runner = new LiveRunner({
        rules, workspace, source, table: feed, stateDir, clock, sinkNames: sinks.map((s) => s.name),
        delay: duration('--delay', opts.delay), ingestion, late, lateness: duration('--lateness', opts.lateness), from, log,
        properties: maxMemoryProperties(opts.maxMemory),
        // New rules are compiled by one process started from the snapshot (compile-child.ts), not here.
        compileAll: (batch) => compileAllElsewhere(batch),
        afterCommit: async () => {
          await deliverer?.deliverOnce(controller.signal);
        },
      });
      deliverer = new Deliverer(runner.outbox, sinks, undefined, log);
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      log(`watching ${source?.description ?? feed!.description}: ${rules.length} rule(s), state ${stateDir}, late events: ${late}`);
      try {
        await watchLoop({ runner, deliverer, clock, log, pollInterval: opts.poll ? duration('--poll', opts.poll) : TICKS_PER_MINUTE, once: Boolean(opts.once), signal: controller.signal });
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        for (const s of sinks) s.close?.();
        await table?.close();
      }
      const waiting = runner.outbox.sinks.reduce((n, s) => n + runner.outbox.pending(s).length, 0);
      const c = runner.counters();
      log(
        `stopped: ${deliverer.delivered} alert(s) delivered${waiting > 0 ? `, ${waiting} waiting in the outbox for the next start` : ''}; ` +
          `since the state was created: ${c.readFailures} read failure(s), ${c.duplicates} duplicate(s) dropped (${c.differingDuplicates} with different content)`,
      );
    });
}
