// The decompression floor of a full scan (issue #15): trailhound's inflate (src/cloudtrail/inflate.ts:
// raw DEFLATE into one reused buffer, no CRC) against Node's public gunzipSync and, when built, the
// native decoders of bench/native/inflate-floor.c (zlib, libdeflate, ISA-L), over every .json.gz
// file of a tree held in memory, one thread, best of R rounds. Prints each decoder's seconds and
// its ratio to trailhound's.
//
//   node --import tsx bench/inflate-floor.ts --dir .bench-data/n1000000-s1 [--rounds 3] [--native .bench-data/inflate-floor]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { gunzipInto } from '../src/cloudtrail/inflate.ts';

const { values } = parseArgs({ options: { dir: { type: 'string' }, rounds: { type: 'string', default: '3' }, native: { type: 'string', default: '.bench-data/inflate-floor' } } });
if (!values.dir) {
  console.error('usage: bench/inflate-floor.ts --dir TREE [--rounds R] [--native BIN]');
  process.exit(2);
}
const rounds = Number(values.rounds);
const files: Buffer[] = [];
(function walk(dir: string) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.gz')) files.push(readFileSync(p));
  }
})(resolve(values.dir));

function best(decode: (f: Buffer) => number): { seconds: number; bytes: number } {
  let seconds = Infinity;
  let bytes = 0;
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    bytes = 0;
    for (const f of files) bytes += decode(f);
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
  }
  return { seconds, bytes };
}

const out = new Uint8Array(256 << 20);
const results: { decoder: string; seconds: number; bytes: number }[] = [
  { decoder: 'trailhound (inflate.ts)', ...best((f) => gunzipInto(f, out) ?? gunzipSync(f).length) },
  { decoder: 'node gunzipSync', ...best((f) => gunzipSync(f).length) },
];
if (existsSync(values.native)) {
  const r = spawnSync(values.native, [resolve(values.dir), String(rounds)], { encoding: 'utf8' });
  for (const line of r.stdout.split('\n').filter((l) => l.startsWith('RESULT '))) {
    const [, decoder, seconds, bytes] = line.split(' ');
    results.push({ decoder: `native ${decoder}`, seconds: Number(seconds), bytes: Number(bytes) });
  }
} else console.error(`${values.native} not built: native decoders skipped (see bench/native/inflate-floor.c)`);

const ours = results[0]!;
console.log(`${files.length} files, ${(ours.bytes / 1e6).toFixed(1)} MB out, best of ${rounds}, one thread`);
console.log('| decoder | s | MB/s | x trailhound |\n|---|---|---|---|');
for (const r of results) {
  if (r.bytes !== ours.bytes) console.log(`(${r.decoder}: ${r.bytes} bytes out, expected ${ours.bytes})`);
  console.log(`| ${r.decoder} | ${r.seconds.toFixed(3)} | ${(r.bytes / 1e6 / r.seconds).toFixed(0)} | ${(r.seconds / ours.seconds).toFixed(2)} |`);
}
