// Shared plumbing for the issue #5 baselines: the file list of a generated tree, the result each
// baseline reports, and the command-line wrapper that lets bench/run.ts run every baseline in a
// child process of its own (so each gets a clean heap and its own peak RSS).
//
//   node --import tsx bench/baselines/<name>.ts --dir DIR [--repeat R]
//   -> stderr: "<tool>: <records/s> records/s ..."; stdout: one line RESULT {json}
//
// With --repeat R (default 3) the measured work runs R times in the same process and the fastest run
// is reported (all of them are listed in `runs`): the first run pays JIT warm-up and lazy engine
// initialisation, and the machine is shared, so the minimum is the most stable figure.

import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, SentinelAlert } from '../lib/detection.ts';

/** Glob of the CloudTrail objects inside a generated tree, relative to its root, for the SQL engines. */
export const TREE_GLOB = 'AWSLogs/*/CloudTrail/*/*/*/*/*.json.gz';

export interface BaselineResult {
  tool: string;
  /** Wall-clock seconds of the measured work (module loading and process start excluded). */
  seconds: number;
  /** Records processed (read from the data, or from the manifest where the tool does not count). */
  records: number;
  files: number;
  /** Peak resident set size of the process, MB (process.resourceUsage().maxRSS). */
  peakRssMB: number;
  /** Detection output, for tools that run the detection. */
  findings?: Finding[];
  /** Sentinel-mode alerts (the seed rule's window logic), for tools that implement it. */
  sentinelAlerts?: SentinelAlert[];
  /** Seconds of the Sentinel-mode pass where it is a separate query (not included in `seconds`). */
  sentinelSeconds?: number;
  notes?: string;
  /** Seconds of every repetition. */
  runs?: number[];
}

/** Every `.json.gz` under DIR/AWSLogs, sorted (the generator's tree layout). */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json.gz')) out.push(p);
    }
  };
  const root = join(dir, 'AWSLogs');
  if (!existsSync(root)) throw new Error(`no generated tree at ${dir} (expected ${root}; make one with bench/generate.ts)`);
  walk(root);
  if (out.length === 0) throw new Error(`no .json.gz files under ${root}`);
  return out.sort();
}

/**
 * Reads every file once so that the tool timed next finds them in the page cache. On the shared
 * development machine the kernel evicts page-cache pages it deems cold within seconds to minutes
 * (proactive reclaim; only ~90 % of the 10 M tree stayed cached between two tools), and a tool that
 * happened to start after an eviction paid disk reads the others did not: up to 0.35 s per thread
 * at 1 M records. Every tool gets the same warm start; no tool's timing includes this.
 */
export function warmPageCache(files: string[]): void {
  const buf = Buffer.allocUnsafe(1 << 20);
  for (const f of files) {
    const fd = openSync(f, 'r');
    try {
      while (readSync(fd, buf, 0, buf.length, null) > 0);
    } finally {
      closeSync(fd);
    }
  }
}

export function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

/** When `moduleUrl` is the entry point: parse `--dir DIR`, run, print `RESULT {json}`. */
export function cli(moduleUrl: string, run: (dir: string) => Promise<BaselineResult>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg('--dir');
  const repeat = Number(arg('--repeat') ?? 3);
  if (!dir || !Number.isInteger(repeat) || repeat < 1) {
    console.error(`usage: node --import tsx ${process.argv[1]} --dir DIR [--repeat R]`);
    process.exit(2);
  }
  (async () => {
    let best: BaselineResult | undefined;
    const runs: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const r = await run(dir);
      runs.push(r.seconds);
      if (!best || r.seconds < best.seconds) best = r;
    }
    return { ...best!, runs, peakRssMB: peakRssMB() };
  })().then(
    (r) => {
      console.error(`${r.tool}: ${Math.round(r.records / r.seconds).toLocaleString('en-US')} records/s (${r.records} records in ${r.seconds.toFixed(3)} s)`);
      console.log(`RESULT ${JSON.stringify(r)}`);
    },
    (e: unknown) => {
      console.error(`${process.argv[1]}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
