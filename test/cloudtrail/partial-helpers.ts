/** Shared helpers for the partial-scan reader tests: a real query's encoded summarize, and a read config around it. */
import assert from 'node:assert/strict';
import { compileQuery } from '../../src/kql/engine.ts';
import type { ScanOptions, TableSource } from '../../src/kql/scan.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import type { FileScanConfig } from '../../src/cloudtrail/types.ts';

const workspace = loadWorkspace({});

/** The encoded summarize a partial scan hands its readers (taken from a real query's scanPartial call). */
export async function fragmentOf(paths: string[], query: string): Promise<Uint8Array> {
  const source = openCloudTrail(paths, { workers: 1 });
  let fragment: Uint8Array | null = null;
  const spy: TableSource = {
    schema: source.schema,
    scan: (o: ScanOptions) => source.scan(o),
    scanPartial: (o: ScanOptions, f: Uint8Array) => {
      fragment = f;
      return source.scanPartial(o, f);
    },
  };
  const tables = new Map<string, TableSource>([['AWSCloudTrail', spy]]);
  await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists });
  assert.ok(fragment, 'the query ran as a partial scan');
  return fragment;
}

/** A reader's config for a partial scan with this summarize, batches of `batchSize` rows, no column wanted. */
export function partialConfig(partial: Uint8Array, batchSize: number): FileScanConfig {
  return {
    predicates: [],
    wanted: AWS_CLOUDTRAIL_SCHEMA.map(() => false),
    tenantId: '',
    escapePolicy: 'sentinel',
    maxFieldBytes: 0,
    batchSize,
    maxRecordBytes: 1 << 20,
    maxInflateRatio: 250,
    wholeFileMaxBytes: 1 << 20,
    maxDiagnosticsPerFile: 20,
    partial,
  };
}
