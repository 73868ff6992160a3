// Baseline 1: gunzip alone. Streams every .json.gz of the tree through zlib, one file after the
// other, and counts the decompressed bytes. Nothing is decoded or parsed: this is the floor any
// reader of raw CloudTrail pays.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, listTree, peakRssMB, type BaselineResult } from './common.ts';

export async function run(dir: string): Promise<BaselineResult> {
  const files = listTree(dir);
  const records = (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { records: number }).records;
  const t0 = performance.now();
  let bytes = 0;
  for (const f of files) {
    const gz = createReadStream(f, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 20 }));
    for await (const chunk of gz) bytes += (chunk as Buffer).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { tool: 'gunzip (node:zlib stream)', seconds, records, files: files.length, peakRssMB: peakRssMB(), notes: `${(bytes / 1e6).toFixed(1)} MB out, ${(bytes / 1e6 / seconds).toFixed(0)} MB/s; records from manifest` };
}

cli(import.meta.url, run);
