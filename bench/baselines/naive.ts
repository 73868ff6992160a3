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
  // Where the time goes: read / gunzip / UTF-8 decode / JSON.parse / iterate+detect (ms).
  const phase = [0, 0, 0, 0, 0];
  for (const f of files) {
    const a = performance.now();
    const gz = readFileSync(f);
    const b = performance.now();
    const raw = gunzipSync(gz);
    const c = performance.now();
    const text = raw.toString('utf8');
    const d = performance.now();
    const doc = JSON.parse(text) as { Records: Parameters<ConcurrentSessionDetector['add']>[0][] };
    const e = performance.now();
    for (const r of doc.Records) {
      records++;
      det.add(r);
      sentinel.add(r);
    }
    const g = performance.now();
    phase[0]! += b - a; phase[1]! += c - b; phase[2]! += d - c; phase[3]! += e - d; phase[4]! += g - e;
  }
  const findings = det.findings();
  const sentinelAlerts = sentinel.alerts();
  const seconds = (performance.now() - t0) / 1000;
  const [read, gunzip, decode, parse, iterate] = phase.map((ms) => `${Math.round((ms / 1000 / seconds) * 100)}%`);
  return {
    tool: 'naive Node (gunzip+JSON.parse)', seconds, records, files: files.length, peakRssMB: peakRssMB(), findings, sentinelAlerts,
    notes: `single thread; read ${read}, gunzip ${gunzip}, decode ${decode}, JSON.parse ${parse}, iterate+detect ${iterate}`,
  };
}

cli(import.meta.url, run);
