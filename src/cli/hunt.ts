/**
 * `trailhound hunt`: run Sentinel hunting queries over CloudTrail logs as the hunting page does
 * (docs/hunting.md), print each query's tactics and result count, write the result sets.
 * Exit status: 0 no query returned rows, 1 some did (0 with --no-fail), 2 a query could not run
 * or the input is bad.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { ResultText } from '../kql/result-format.ts';
import { TICKS_PER_DAY, type Batch, type Schema } from '../kql/types.ts';
import { formatDatetimeJson } from '../kql/values/datetime.ts';
import { BUILTIN_HUNTING_DIR } from '../detect/content.ts';
import { dataSpan, huntCompiler, runHuntingQuery, type HuntInput, type HuntOutcome, type HuntRange } from '../detect/hunt.ts';
import { compileAllElsewhere } from './compile-child.ts';
import { loadHuntingQueries, type HuntingQuery } from '../detect/hunting-query.ts';
import { datetimeOption } from './detect.ts';
import { addLogOptions } from './logs.ts';
import { UsageError } from './errors.ts';
import { NO_CACHE_HELP } from './plan-cache.ts';
import { parseNow } from './query.ts';
import { MissingDataReport, openTables, TABLE_OPTION_HELP } from './tables.ts';
import { logsOf, workspaceOf } from './workspace-options.ts';
import { visible } from './visible.ts';
import { addExternalDataOption } from './external-data.ts';
import { addMaxMemoryOption, maxMemoryProperties } from './limits.ts';
import { addClickHouseOptions, engineOf, openClickHouseTable, type ClickHouseTable } from './clickhouse.ts';
import { pushDown, timeRangeTarget } from '../clickhouse/engine.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../cloudtrail/clickhouse-layout.ts';
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { identSql, outputSql } from '../clickhouse/values.ts';
import { tableSql } from '../clickhouse/table.ts';
import type { TableSource } from '../kql/scan.ts';

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

const OUT_FORMATS = ['jsonl', 'csv'] as const;
type OutFormat = (typeof OUT_FORMATS)[number];

/** One file name per query under --out: the query file's name, made safe and unique. */
function outName(q: HuntingQuery, used: Set<string>, ext: string): string {
  const stem = basename(q.file, extname(q.file)).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'query';
  let name = `${stem}.${ext}`;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${stem}-${i}.${ext}`;
  used.add(name.toLowerCase());
  return name;
}

/** Writes one result set as it streams: JSON Lines (one object per row) or CSV with a header. */
class ResultFile {
  private fd: number | undefined;
  private text: ResultText | undefined;
  constructor(
    readonly path: string,
    private readonly format: OutFormat,
  ) {}
  onSchema(schema: Schema): void {
    this.fd = openSync(this.path, 'w');
    this.text = new ResultText(schema, this.format);
    writeSync(this.fd, this.text.begin());
  }
  onBatch(b: Batch): void {
    for (const chunk of this.text!.rows(b)) writeSync(this.fd!, chunk);
  }
  /** Closes the file; a query that failed leaves no file (its result set would be partial). */
  close(failed: boolean): boolean {
    if (this.fd === undefined) return false;
    if (!failed) writeSync(this.fd, this.text!.end());
    closeSync(this.fd);
    if (failed) rmSync(this.path, { force: true });
    return !failed;
  }
}

function summaryTable(outcomes: readonly HuntOutcome[]): string {
  const header = ['Query', 'Tactics', 'Results'];
  const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const rows = outcomes.map((o) => [visible(o.query.name), visible(o.query.tactics.join(', ')), o.error !== undefined ? 'error' : String(o.count)]);
  const cells = [header, ...rows].map((r) => [cut(r[0]!, 80), cut(r[1]!, 40), r[2]!]);
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const withRows = outcomes.filter((o) => (o.count ?? 0) > 0).length;
  const failed = outcomes.filter((o) => o.error !== undefined).length;
  const tail = `(${outcomes.length} quer${outcomes.length === 1 ? 'y' : 'ies'}, ${withRows} with results${failed > 0 ? `, ${failed} could not run` : ''})`;
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line), tail].join('\n') + '\n';
}

function outcomeJson(o: HuntOutcome, range: HuntRange, out: string | undefined): string {
  return JSON.stringify({
    file: o.query.file,
    id: o.query.id ?? null,
    name: o.query.name,
    tactics: o.query.tactics,
    techniques: o.query.relevantTechniques,
    from: formatDatetimeJson(range.from),
    to: formatDatetimeJson(range.to),
    timeFilter: o.timeFilter ?? null,
    results: o.count ?? null,
    error: o.error ?? null,
    out: out ?? null,
  });
}

export function registerHuntCommand(program: Command): void {
  const command = program
    .command('hunt')
    .description(
      "Run Sentinel hunting queries over CloudTrail logs as Sentinel's hunting page does: each query once over a time range, " +
        '{{StartTimeISO}} and {{EndTimeISO}} filled from it; prints each query with its tactics and result count.',
    )
    .option('-l, --logs <path>', 'CloudTrail logs (file, folder or s3://bucket/prefix; repeatable): the AWSCloudTrail table', collectList, [])
    .option('-q, --queries <path>', 'hunting query files or folders (.yaml as in Azure-Sentinel\'s "Hunting Queries" folders, .kql; repeatable; default: the built-in hunting queries)', collectList, [])
    .option('--from <datetime>', 'start of the time range (default: the first event in the logs)')
    .option('--to <datetime>', 'end of the time range, and the now() of every query (default: the last event in the logs)')
    .option('-o, --out <dir>', 'write each query\'s result set to DIR/<query file name>.jsonl (or .csv)')
    .option('--out-format <format>', `format of the files under --out: ${OUT_FORMATS.join(', ')}`, 'jsonl')
    .option('--format <format>', 'the summary: table, or jsonl (one object per query; default: table on a terminal, jsonl when piped)')
    .option('-t, --table <Name=path>', TABLE_OPTION_HELP, collectList, [])
    .option('-w, --watchlist <alias=file.csv>', 'a Sentinel watchlist CSV for _GetWatchlist(alias) (repeatable)', collectList, [])
    .option('--watchlists <dir>', 'a folder of watchlist CSV files, each read by _GetWatchlist(<file name without .csv>) (repeatable)', collectList, [])
    .option('--functions <dir>', 'a folder of .kql stored functions; repeatable', collectList, [])
    .option('--no-fail', 'exit 0 even when queries returned results')
    .option('--no-cache', NO_CACHE_HELP);
  addClickHouseOptions(command, true);
  addMaxMemoryOption(addExternalDataOption(addLogOptions(command)))
    .addHelpText(
      'after',
      '\nThe time range works as on the hunting page (docs/hunting.md):\n' +
        '  - a query with {{StartTimeISO}}/{{EndTimeISO}} gets the range written into its text;\n' +
        '  - a query that filters TimeGenerated itself (placeholders, ago(), between) decides its own time window,\n' +
        "    as a time filter in the query overrides Log Analytics' time picker; it may look back before --from;\n" +
        '  - any other query sees only the rows whose TimeGenerated is within [--from, --to];\n' +
        '  - now() is --to for every query, so ago(1d) means the last day of the range.\n' +
        "Sentinel's page defaults to the last 24 hours of a live workspace; over saved logs the default range is all of them.\n" +
        '\nExit status: 0 no query returned results, 1 some did (0 with --no-fail), 2 a query could not run or bad input.\n' +
        '\nExamples:\n' +
        '  trailhound hunt --logs examples/session-theft\n' +
        '  trailhound hunt --logs ./AWSLogs --queries "Azure-Sentinel/Solutions/Amazon Web Services/Hunting Queries" --out hunt-results/\n' +
        '  trailhound hunt --logs ./AWSLogs --queries my-hunts/ --from 2023-07-10T00:00:00Z --to 2023-07-11T00:00:00Z --out-format csv --out results/\n' +
        '  trailhound hunt --engine chdb --chdb ./ct-db --from 2023-07-01T00:00:00Z\n' +
        '      over a loaded table: each query\'s longest exact prefix runs in ClickHouse (docs/clickhouse.md)\n',
    )
    .action(async (opts) => {
      const engine = engineOf(opts);
      if ((opts.logs as string[]).length === 0 && (opts.table as string[]).length === 0 && engine === 'local') throw new UsageError('hunt needs --logs PATH (a CloudTrail file or folder), --table Name=path, or --engine chdb/clickhouse with a loaded table');
      const outFormat = opts.outFormat as OutFormat;
      if (!OUT_FORMATS.includes(outFormat)) throw new UsageError(`--out-format must be one of ${OUT_FORMATS.join(', ')}`);
      const format = opts.format as string | undefined;
      if (format !== undefined && format !== 'table' && format !== 'jsonl') throw new UsageError('--format must be table or jsonl');
      const from = datetimeOption('--from', opts.from);
      const to = datetimeOption('--to', opts.to);
      if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from must not be later than --to');
      const queries = loadHuntingQueries((opts.queries as string[]).length > 0 ? opts.queries : [BUILTIN_HUNTING_DIR]);
      if (queries.length === 0) throw new UsageError(`no hunting queries (.yaml, .yml, .kql) in ${(opts.queries as string[]).join(', ')}`);
      const workspace = workspaceOf(opts);
      const tables = openTables(opts.table as string[], workspace, (line) => process.stderr.write(`${line}\n`));
      const logs = await logsOf(opts);
      let clickhouse: ClickHouseTable | undefined;
      if (engine !== 'local') clickhouse = await openClickHouseTable(engine, opts, logs);
      else if (logs) tables.set(logs.name, logs.source);
      try {
        await hunt(opts, queries, workspace, tables, clickhouse, from, to, outFormat, format);
      } finally {
        await clickhouse?.close();
      }
      const code = logs ? logs.finish() : 0;
      if (code !== 0) process.exitCode = 2;
    });
}

/** The first and last TimeGenerated in the table, computed by ClickHouse. */
async function clickHouseSpan(ch: ClickHouseTable): Promise<{ from: bigint; to: bigint } | undefined> {
  const t = identSql(AWS_CLOUDTRAIL_LAYOUT.partitionDay);
  const sql = `SELECT ${outputSql('datetime', `minOrNull(${t})`)}, ${outputSql('datetime', `maxOrNull(${t})`)} FROM ${tableSql(ch.database, AWS_CLOUDTRAIL_LAYOUT)} FINAL`;
  for await (const b of ch.conn.batches(sql, ['datetime', 'datetime'])) {
    const [from, to] = b.columns.map((c) => c[0] as bigint | null);
    return from === null || to === null || from === undefined || to === undefined ? undefined : { from, to };
  }
  return undefined;
}

async function hunt(
  opts: Record<string, unknown>, queries: HuntingQuery[], workspace: ReturnType<typeof workspaceOf>, tables: Map<string, TableSource>,
  clickhouse: ClickHouseTable | undefined, from: bigint | undefined, to: bigint | undefined, outFormat: OutFormat, format: string | undefined,
): Promise<void> {
  let span = from !== undefined && to !== undefined ? undefined : await dataSpan(tables, maxMemoryProperties(opts.maxMemory as string | undefined));
  if (clickhouse) {
    const s = from !== undefined && to !== undefined ? undefined : await clickHouseSpan(clickhouse);
    if (s) span = span === undefined ? s : { from: s.from < span.from ? s.from : span.from, to: s.to > span.to ? s.to : span.to };
    tables.set(AWS_CLOUDTRAIL_TABLE, clickhouse.source);
  }
  const push = clickhouse
    ? (c: Parameters<typeof pushDown>[0], r: { from: bigint; to: bigint } | undefined, now: bigint) => {
        const p = pushDown(c, clickhouse.conn, r ? timeRangeTarget(clickhouse.target, AWS_CLOUDTRAIL_LAYOUT, r) : clickhouse.target, now);
        return { compiled: p.compiled, tables: p.tables };
      }
    : undefined;
  const end = to ?? span?.to ?? parseNow(undefined);
  // No event to take the range from: the hunting page's default, the last 24 hours.
  const range: HuntRange = { from: from ?? span?.from ?? end - TICKS_PER_DAY, to: end };
  if (range.from > range.to) throw new UsageError(`the time range is empty: --from ${formatDatetimeJson(range.from)} is after its end ${formatDatetimeJson(range.to)}`);
  if (opts.out) mkdirSync(opts.out as string, { recursive: true });

  const missing = new MissingDataReport(workspace);
  const used = new Set<string>();
  const outcomes: HuntOutcome[] = [];
  const lines: string[] = [];
  const asTable = format ? format === 'table' : process.stdout.isTTY;
  const input: HuntInput = { workspace, tables, watchlists: workspace.watchlists, properties: maxMemoryProperties(opts.maxMemory as string | undefined), push, onEmptyRead: missing.onEmptyRead, onCompiled: (c) => missing.checkWatchlists(c), compileAll: (batch) => compileAllElsewhere(batch) };
  // New queries are compiled by one process started from the snapshot (compile-child.ts), not here.
  const compiler = huntCompiler(queries, range, input);
  for (const q of queries) {
    const file = opts.out ? new ResultFile(join(opts.out as string, outName(q, used, outFormat)), outFormat) : undefined;
    let outcome: HuntOutcome | undefined;
    try {
      outcome = await runHuntingQuery(q, range, input, file ?? {}, compiler);
    } finally {
      const written = file?.close(outcome?.error !== undefined) ?? false;
      if (outcome && !asTable) lines.push(outcomeJson(outcome, range, written ? file!.path : undefined));
    }
    outcomes.push(outcome);
    if (outcome.error !== undefined) process.stderr.write(`trailhound: ${visible(outcome.error)}\n`);
  }
  process.stderr.write(`hunted ${formatDatetimeJson(range.from)} .. ${formatDatetimeJson(range.to)} (now() = ${formatDatetimeJson(range.to)})\n`);
  process.stdout.write(asTable ? summaryTable(outcomes) : lines.map((l) => `${l}\n`).join(''));
  if (opts.out) process.stderr.write(`result sets written to ${opts.out}\n`);
  missing.print();
  const failed = outcomes.some((o) => o.error !== undefined);
  const found = outcomes.some((o) => (o.count ?? 0) > 0);
  process.exitCode = failed ? 2 : found && opts.fail !== false ? 1 : 0;
}
