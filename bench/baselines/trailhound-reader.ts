// trailhound's own CloudTrail reader (src/cloudtrail: openCloudTrail(...).scan()), measured on the tree
// while `trailhound detect` does not exist yet. It turns records into rows of Sentinel's AWSCloudTrail
// table (53 columns) with its default options (worker threads when the input is over 32 MiB, up to the
// machine's cores). This file: every row, all columns. trailhound-reader-pushdown.ts: the same scan with
// the seed rule's filter pushed down (`EventName has "DescribeEventAggregates"`, `not(SourceIpAddress
// has "health.amazonaws.com")`), as the engine would for the rule. No detection: only rows are counted.
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { cli, listTree, peakRssMB, type BaselineResult } from './common.ts';

export const RULE_PREDICATES: ScanPredicate[] = [
  { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
  { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
];

export async function scanTree(dir: string, predicates: ScanPredicate[], tool: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const source = openCloudTrail([join(dir, 'AWSLogs')]);
  const t0 = performance.now();
  let rows = 0;
  for await (const batch of source.scan({ predicates })) rows += batch.length;
  const seconds = (performance.now() - t0) / 1000;
  const s = source.summary();
  return {
    tool, seconds, records: s.records, files: files.length, peakRssMB: peakRssMB(),
    notes: `${rows} rows out, ${s.filteredRecords} records filtered early, ${s.workers} worker threads, ${s.failedRecords + s.failedFiles} failures`,
  };
}

export const run = (dir: string) => scanTree(dir, [], 'trailhound reader (all rows, all columns)');

cli(import.meta.url, run);
