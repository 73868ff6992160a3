// Baseline 2: the naive Node reader. For every file: read, gunzipSync, decode UTF-8, JSON.parse the
// whole `{"Records":[...]}` document, iterate the records. It also feeds each record to the reference
// detection (bench/lib/detection.ts) in both modes (epoch bins, and the Sentinel window replay), which
// only do work for the ~2 % DescribeEventAggregates records, so its findings can be compared with
// DuckDB's, chDB's and the manifest's.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ConcurrentSessionDetector, SentinelReplayDetector } from '../lib/detection.ts';
import { cli, listTree, peakRssMB, type BaselineResult } from './common.ts';

export async function run(dir: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const t0 = performance.now();
  const det = new ConcurrentSessionDetector();
  const sentinel = new SentinelReplayDetector();
  let records = 0;
  for (const f of files) {
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Parameters<ConcurrentSessionDetector['add']>[0][] };
    for (const r of doc.Records) {
      records++;
      det.add(r);
      sentinel.add(r);
    }
  }
  const findings = det.findings();
  const sentinelAlerts = sentinel.alerts();
  const seconds = (performance.now() - t0) / 1000;
  return { tool: 'naive Node (gunzip+JSON.parse)', seconds, records, files: files.length, peakRssMB: peakRssMB(), findings, sentinelAlerts, notes: 'single thread' };
}

cli(import.meta.url, run);
