/** Opens CloudTrail logs for the CLI, and prints the reader's summary when the command ends. */
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { openCloudTrail, type InputFormat } from '../cloudtrail/index.ts';
import type { Command } from 'commander';
import { UsageError } from './errors.ts';
import type { TableSource } from '../kql/scan.ts';

export interface OpenedLogs {
  readonly name: string;
  readonly source: TableSource;
  /** Prints the summary (files, records, problems) to stderr; returns the exit code to use. */
  finish(): number;
}

export interface LogOptions {
  readonly strict: boolean;
  readonly tenantId?: string;
  readonly keepDuplicates?: boolean;
  readonly inputFormat?: string;
  readonly workers?: string;
}

const INPUT_FORMATS: readonly InputFormat[] = ['auto', 'json', 'jsonl', 'csv', 'parquet'];

/** The reader options every command that reads logs offers. */
export function addLogOptions(command: Command): Command {
  return command
    .option('--strict', 'fail if any log file or record could not be read (default: report it and go on)')
    .option('--keep-duplicates', 'keep records whose eventID was already read (default: drop and count them)')
    .option('--input-format <format>', `force one input format for every file: ${INPUT_FORMATS.join(', ')} (default: detected per file)`, 'auto')
    .option('--tenant-id <id>', 'the value of the TenantId column (Sentinel puts the workspace id there)', '')
    .option('--workers <n>', 'threads reading files of inputs of 32 MiB or more, this one included (1 = no worker threads; default: every core, max 4, when the query filter lets the byte scanner skip records, else one fewer)');
}

export async function openLogs(paths: string[], options: LogOptions): Promise<OpenedLogs> {
  const format = (options.inputFormat ?? 'auto') as InputFormat;
  if (!INPUT_FORMATS.includes(format)) throw new UsageError(`--input-format must be one of ${INPUT_FORMATS.join(', ')}`);
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) throw new UsageError(`--workers must be a whole number of at least 1, got ${options.workers}`);
  const source = openCloudTrail(paths, {
    workers,
    strict: options.strict,
    progress: process.stderr.isTTY,
    tenantId: options.tenantId ?? '',
    keepDuplicates: Boolean(options.keepDuplicates),
    format,
  });
  return {
    name: AWS_CLOUDTRAIL_TABLE,
    source,
    finish: () => {
      const s = source.summary();
      const problems = s.failedFiles + s.failedRecords;
      // Values cut to the field limit are no error, but the user is told.
      if (problems > 0 || s.truncatedRecords > 0 || process.stderr.isTTY) process.stderr.write(`${source.describeSummary()}\n`);
      return options.strict && problems > 0 ? 2 : 0;
    },
  };
}
