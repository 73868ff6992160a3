/**
 * The workspace and logs a command's common options describe (--functions, --watchlist,
 * --watchlists, --externaldata, --no-cache; --logs and the reader options). query, detect and watch spell the
 * same out inline; new commands use these.
 */
import type { Command } from 'commander';
import { loadWorkspace, parseAssignment, type Workspace, type WorkspaceOptions } from '../detect/workspace.ts';
import { TABLE_OPTION_HELP } from './tables.ts';
import { openLogs, type OpenedLogs } from './logs.ts';
import { planCacheOf } from './plan-cache.ts';
import { externalDataOf } from './external-data.ts';

export function workspaceOf(opts: Record<string, unknown>, extra: Partial<WorkspaceOptions> = {}): Workspace {
  return loadWorkspace({
    functions: opts.functions as string[] | undefined,
    watchlists: ((opts.watchlist as string[] | undefined) ?? []).map((w) => {
      const a = parseAssignment(w, '--watchlist');
      return { alias: a.name, path: a.path };
    }),
    watchlistDirs: opts.watchlists as string[] | undefined,
    planCache: planCacheOf(opts),
    externalData: externalDataOf(opts as { externaldata?: string[]; cache?: boolean }),
    ...extra,
  });
}

/** The CloudTrail logs of --logs with the reader options, or undefined when none were given. */
export async function logsOf(opts: Record<string, unknown>): Promise<OpenedLogs | undefined> {
  const paths = (opts.logs as string[] | undefined) ?? [];
  if (paths.length === 0) return undefined;
  return openLogs(paths, {
    strict: Boolean(opts.strict),
    tenantId: opts.tenantId as string | undefined,
    keepDuplicates: opts.keepDuplicates as boolean | undefined,
    inputFormat: opts.inputFormat as string | undefined,
    workers: opts.workers as string | undefined,
    endpoint: opts.endpoint as string | undefined,
    region: opts.region as string | undefined,
  });
}

const collectList = (v: string, prev: string[] = []): string[] => [...prev, v];

/** The data options of query and serve: --logs, --table, --watchlist, --watchlists, --functions, --no-builtins. */
export function addDataOptions(command: Command): Command {
  return command
    .option('-l, --logs <path>', 'CloudTrail logs (file, folder or s3://bucket/prefix; repeatable): the AWSCloudTrail table', collectList, [])
    .option('-t, --table <Name=path>', TABLE_OPTION_HELP, collectList, [])
    .option('-w, --watchlist <alias=file.csv>', 'a Sentinel watchlist CSV for _GetWatchlist(alias) (repeatable)', collectList, [])
    .option('--watchlists <dir>', 'a folder of watchlist CSV files, each read by _GetWatchlist(<file name without .csv>) (repeatable)', collectList, [])
    .option('--functions <dir>', 'a folder of .kql stored functions (.create-or-alter function ...); repeatable', collectList, [])
    .option('--no-builtins', 'leave out the built-in functions (AWSIdentityRole) and watchlists');
}
