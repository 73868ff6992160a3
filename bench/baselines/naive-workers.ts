// Baseline 2b: the naive Node reader on both cores — two worker_threads take files from a shared
// queue and do what `naive` does (read, gunzipSync, decode, JSON.parse, iterate); each sends back only
// the DescribeEventAggregates records, and the main thread runs both reference detections on them.
// An upper bound for a plain-JavaScript reader on this machine before any parsing tricks.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { ConcurrentSessionDetector, DEA, SentinelReplayDetector } from '../lib/detection.ts';
import { cli, listTree, peakRssMB, type BaselineResult } from './common.ts';

export const WORKERS = 2;
type Rec = Parameters<ConcurrentSessionDetector['add']>[0];

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (f: string | null) => {
    if (f === null) { port.close(); return; }
    const doc = JSON.parse(gunzipSync(readFileSync(f)).toString('utf8')) as { Records: Rec[] };
    const dea: Rec[] = [];
    let n = 0;
    for (const r of doc.Records) {
      n++;
      if (r.eventName === DEA) dea.push({ eventName: r.eventName, eventTime: r.eventTime, sourceIPAddress: r.sourceIPAddress, userIdentity: r.userIdentity });
    }
    port.postMessage({ n, dea });
  });
  port.postMessage({ n: 0, dea: [] });
}

/** Workers do not inherit the tsx loader: register it first, as src/cloudtrail/pool.ts does. */
function startWorker(): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(import.meta.url)}); })`, { eval: true });
}

export async function run(dir: string): Promise<BaselineResult> {
  const files = listTree(dir);
  // Start the workers and wait until each has loaded its modules (like module loading in the other
  // baselines, this is outside the timed section).
  const workers = await Promise.all(Array.from({ length: WORKERS }, () => new Promise<Worker>((resolve, reject) => {
    const w = startWorker();
    w.once('error', reject);
    w.once('message', () => resolve(w));
  })));
  const t0 = performance.now();
  const det = new ConcurrentSessionDetector();
  const sentinel = new SentinelReplayDetector();
  let records = 0;
  let next = 0;
  await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
    const dispatch = () => w.postMessage(next < files.length ? files[next++]! : null);
    w.on('error', reject);
    w.on('exit', () => resolve());
    w.on('message', (m: { n: number; dea: Rec[] }) => {
      records += m.n;
      for (const r of m.dea) { det.add(r); sentinel.add(r); }
      dispatch();
    });
    dispatch();
  })));
  const findings = det.findings();
  const sentinelAlerts = sentinel.alerts();
  const seconds = (performance.now() - t0) / 1000;
  return { tool: `naive Node, ${WORKERS} worker threads`, seconds, records, files: files.length, peakRssMB: peakRssMB(), findings, sentinelAlerts };
}

if (isMainThread) cli(import.meta.url, run);
