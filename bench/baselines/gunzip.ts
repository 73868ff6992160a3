// Baseline 1: gunzip alone. Streams every .json.gz of the tree through node:zlib and counts the
// decompressed bytes. Nothing is decoded or parsed: this is the floor any reader of raw CloudTrail pays.
// This file: one file at a time (one core). gunzip-parallel.ts: two streams at once (both cores, like
// the SQL engines' 2 threads).
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { cli, listTree, peakRssMB, type BaselineResult } from './common.ts';

async function gunzipFile(f: string): Promise<number> {
  let bytes = 0;
  const gz = createReadStream(f, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 }));
  for await (const chunk of gz) bytes += (chunk as Buffer).length;
  return bytes;
}

/** Gunzip every file of the tree with `concurrency` streams in flight. */
export async function gunzipTree(dir: string, concurrency: number, tool: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const records = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { records: number }).records;
  const t0 = performance.now();
  let bytes = 0;
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < files.length) {
      const n = await gunzipFile(files[next++]!); // not `bytes += await ...`: that reads `bytes` before the await
      bytes += n;
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  return { tool, seconds, records, files: files.length, peakRssMB: peakRssMB(), notes: `${(bytes / 1e6).toFixed(1)} MB out, ${(bytes / 1e6 / seconds).toFixed(0)} MB/s; records from manifest` };
}

export const run = (dir: string) => gunzipTree(dir, 1, 'gunzip (node:zlib stream, 1 file at a time)');

cli(import.meta.url, run);
