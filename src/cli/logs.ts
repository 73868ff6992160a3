/** Opens CloudTrail logs for the CLI, and prints the reader's summary when the command ends. */
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { isS3Url, openCloudTrail, type InputFormat } from '../cloudtrail/index.ts';
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { USAGE_EXIT, UsageError } from './errors.ts';
import type { TableSource } from '../kql/scan.ts';
import { visible } from './visible.ts';

export interface OpenedLogs {
  readonly name: string;
  readonly source: TableSource;
  /**
   * Prints the summary (files, records, problems) to stderr; returns the exit code to use: 2 when
   * the logs were read and held no CloudTrail record at all (no log file, or none readable as
   * CloudTrail), which would otherwise pass for "nothing found" (docs/cloudtrail.md, "Exit status").
   */
  finish(): number;
}

export interface LogOptions {
  readonly strict: boolean;
  readonly tenantId?: string;
  readonly keepDuplicates?: boolean;
  readonly inputFormat?: string;
  readonly workers?: string;
  /** For s3:// paths: an S3-compatible endpoint, the bucket's region. */
  readonly endpoint?: string;
  readonly region?: string;
}

const INPUT_FORMATS: readonly InputFormat[] = ['auto', 'json', 'jsonl', 'csv', 'parquet'];

/** The reader options every command that reads logs offers. */
export function addLogOptions(command: Command): Command {
  return command
    .option('--strict', 'fail if any log file or record could not be read (default: report it and go on)')
    .option('--keep-duplicates', 'keep records whose eventID was already read (default: drop and count them)')
    .option('--input-format <format>', `force one input format for every file: ${INPUT_FORMATS.join(', ')} (default: detected per file)`, 'auto')
    .option('--tenant-id <id>', 'the value of the TenantId column (Sentinel puts the workspace id there)', '')
    .option('--endpoint <url>', 'for --logs s3://bucket/prefix: an S3-compatible endpoint (path-style addressing)')
    .option('--region <region>', 'for --logs s3://bucket/prefix: the bucket region (default: AWS_REGION, else us-east-1)')
    .option('--workers <n>', 'threads reading files of inputs of 32 MiB or more, this one included (1 = no worker threads; default: every core, max 4, when the query filter lets the byte scanner skip records or when only the groups of a summarize cross threads, else one fewer; use 1 on a machine busy with other work)');
}

export async function openLogs(paths: string[], options: LogOptions): Promise<OpenedLogs> {
  const format = (options.inputFormat ?? 'auto') as InputFormat;
  if (!INPUT_FORMATS.includes(format)) throw new UsageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}`);
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) throw new UsageError(`--workers must be a whole number of at least 1, got ${options.workers}`);
  // A path that is not there is a typo, not an empty trail: say so before reading anything.
  for (const p of paths) {
    // a bucket is listed when the query runs (its partitions pruned by the query's filters)
    if (isS3Url(p)) continue;
    try {
      statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`--logs ${p}: ${code === 'ENOENT' ? 'no such file or folder' : `cannot open (${code ?? (e as Error).message})`}`);
    }
  }
  const source = openCloudTrail(paths, {
    workers,
    strict: options.strict,
    progress: process.stderr.isTTY,
    tenantId: options.tenantId ?? '',
    keepDuplicates: Boolean(options.keepDuplicates),
    format,
    ...(options.endpoint !== undefined || options.region !== undefined ? { s3: { ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}), ...(options.region !== undefined ? { region: options.region } : {}) } } : {}),
  });
  let scanned = false;
  return {
    name: AWS_CLOUDTRAIL_TABLE,
    source: {
      schema: source.schema,
      scan: (o) => {
        scanned = true;
        return source.scan(o);
      },
      scanPartial: (o, fragment) => {
        scanned = true;
        return source.scanPartial(o, fragment);
      },
    },
    finish: () => {
      const s = source.summary();
      const problems = s.failedFiles + s.failedRecords;
      // Duplicates dropped are always reported: a dropped copy may be what hides a record. Values
      // cut to the field limit are no error, but the user is told.
      if (problems > 0 || s.duplicates > 0 || s.truncatedRecords > 0 || process.stderr.isTTY) process.stderr.write(`${source.describeSummary(visible)}\n`);
      // A query that does not read AWSCloudTrail (`print 1`) leaves the logs unread: nothing to say.
      // Rows, records the pre-filter dropped and repeated eventIDs are records taken as CloudTrail.
      if (scanned && s.rows + s.filteredRecords + s.duplicates === 0) {
        const where = paths.map(visible).join(', ');
        process.stderr.write(
          s.files === s.skippedFiles
            ? `trailhound: no CloudTrail log files in ${where} (looked for .json, .jsonl, .ndjson, .csv, .parquet files, gzipped or not, outside CloudTrail-Digest folders)\n`
            : `trailhound: no CloudTrail event records in ${where}: ${s.files} file(s), ${s.failedFiles} not readable as CloudTrail${problems > 0 ? ' (listed above)' : ''}${s.skippedFiles + s.skippedRecords > 0 ? ', digest and Insights files and records left out' : ''}\n`,
        );
        return USAGE_EXIT;
      }
      return options.strict && problems > 0 ? USAGE_EXIT : 0;
    },
  };
}
