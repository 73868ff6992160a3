/** Opens CloudTrail logs for the CLI, and prints the reader's summary when the command ends. */
import { AWS_CLOUDTRAIL_TABLE } from '../cloudtrail/schema.ts';
import { openCloudTrail } from '../cloudtrail/index.ts';
import type { TableSource } from '../kql/scan.ts';

export interface OpenedLogs {
  readonly name: string;
  readonly source: TableSource;
  /** Prints the summary (files, records, problems) to stderr; returns the exit code to use. */
  finish(): number;
}

export async function openLogs(paths: string[], options: { strict: boolean }): Promise<OpenedLogs> {
  const source = openCloudTrail(paths, { strict: options.strict, progress: process.stderr.isTTY });
  return {
    name: AWS_CLOUDTRAIL_TABLE,
    source,
    finish: () => {
      const s = source.summary();
      const problems = s.failedFiles + s.failedRecords;
      if (problems > 0 || process.stderr.isTTY) process.stderr.write(`${source.describeSummary()}\n`);
      return options.strict && problems > 0 ? 2 : 0;
    },
  };
}
