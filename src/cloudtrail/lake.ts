/**
 * A Security Lake bucket holds every source it collects, one folder each:
 * `aws/<SOURCE>/<version>/…` with SOURCE one of the API's source names (ROUTE53, VPC_FLOW,
 * SH_FINDINGS, CLOUD_TRAIL_MGMT, LAMBDA_EXECUTION, S3_DATA, EKS_AUDIT, WAF: Security Lake API
 * Reference, AwsLogSourceResource). Only CLOUD_TRAIL_MGMT, S3_DATA and LAMBDA_EXECUTION are
 * CloudTrail; the others are skipped in folder walks, by path, without being opened (a forced
 * `--input-format` reads them, and the records' class then decides: ocsf.ts).
 *
 * Source version 2 keeps each source as an Apache Iceberg table (iceberg.ts): the files in its
 * `metadata/` folder are not logs, and only the data files of the current snapshot are read.
 */
import { dirname, basename, sep } from 'node:path';
import { icebergLiveFiles, isMetadataFolderFile } from './iceberg.ts';
import type { Diagnostic, FileTask, InputFormat } from './types.ts';

export const CLOUDTRAIL_LAKE_SOURCES: ReadonlySet<string> = new Set(['CLOUD_TRAIL_MGMT', 'S3_DATA', 'LAMBDA_EXECUTION']);
const LAKE_SOURCES = new Set([...CLOUDTRAIL_LAKE_SOURCES, 'ROUTE53', 'VPC_FLOW', 'SH_FINDINGS', 'EKS_AUDIT', 'WAF']);

/** The Security Lake source a path lies under (`…/aws/VPC_FLOW/2.0/…`), or null. */
export function lakeSource(path: string): string | null {
  const parts = path.split(/[\\/]/);
  for (let i = 0; i + 2 < parts.length; i++) {
    if (parts[i] === 'aws' && LAKE_SOURCES.has(parts[i + 1]!) && /^\d+\.\d+$/.test(parts[i + 2]!)) return parts[i + 1]!;
  }
  return null;
}

export interface LakeSelection {
  readonly tasks: FileTask[];
  readonly skipped: Diagnostic[];
  readonly notes: Diagnostic[];
}

/**
 * Files found by folder walks (not those named explicitly) that a lake's layout says are not
 * CloudTrail data, or not live in its Iceberg table, are moved to `skipped`.
 */
export async function selectLakeFiles(tasks: readonly FileTask[], explicit: ReadonlySet<string>, format: InputFormat): Promise<LakeSelection> {
  const kept: FileTask[] = [];
  const skipped: Diagnostic[] = [];
  const notes: Diagnostic[] = [];
  // Iceberg tables: the folders that hold a metadata/ folder with a *.metadata.json in it
  const tables = new Map<string, number>();
  for (const t of tasks) {
    if (!explicit.has(t.path) && isMetadataFolderFile(t.path) && t.path.endsWith('.metadata.json')) {
      const table = dirname(dirname(t.path));
      tables.set(table, (tables.get(table) ?? 0) + 1);
    }
  }
  const live = new Map<string, ReadonlySet<string> | null>();
  for (const [table, n] of tables) {
    notes.push({ severity: 'info', file: table, message: `Apache Iceberg table: its metadata (${n} metadata files) is not read as logs` });
    try {
      const files = await icebergLiveFiles(table);
      live.set(table, files?.live ?? null);
      if (files && files.deleteFiles > 0) {
        notes.push({ severity: 'warning', file: files.metadataFile, message: `${files.deleteFiles} row-level delete files in the current snapshot are not applied: rows they delete are read` });
      }
    } catch (e) {
      live.set(table, null);
      notes.push({ severity: 'warning', file: table, message: `Iceberg metadata unreadable (${(e as Error).message}): every data file in the table is read, including files a later snapshot removed` });
    }
  }
  const tableOf = (p: string): string | undefined => {
    for (let d = dirname(p); ; d = dirname(d)) {
      if (tables.has(d)) return d;
      if (dirname(d) === d) return undefined;
    }
  };
  for (const t of tasks) {
    if (explicit.has(t.path)) {
      kept.push(t);
      continue;
    }
    const table = tables.size ? tableOf(t.path) : undefined;
    if (table !== undefined && t.path.startsWith(table + sep + 'metadata' + sep)) continue; // noted once per table
    const source = lakeSource(t.path);
    if (format === 'auto' && source !== null && !CLOUDTRAIL_LAKE_SOURCES.has(source)) {
      skipped.push({ severity: 'info', file: t.path, message: `Security Lake ${source} data is not CloudTrail: skipped (--input-format reads it)` });
      continue;
    }
    const set = table !== undefined ? live.get(table) : null;
    if (set && !set.has(t.path)) {
      skipped.push({ severity: 'info', file: t.path, message: `not in the current snapshot of Iceberg table ${basename(table!)} (removed by a later snapshot): not read` });
      continue;
    }
    kept.push(t);
  }
  return { tasks: kept, skipped, notes };
}
