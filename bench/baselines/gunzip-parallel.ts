// Baseline 1b: gunzip alone with two files in flight (node:zlib runs on the libuv thread pool), the
// decompression floor for a reader that uses both cores.
import { cli } from './common.ts';
import { gunzipTree } from './gunzip.ts';

export const run = (dir: string) => gunzipTree(dir, 2, 'gunzip (node:zlib stream, 2 files at a time)');

cli(import.meta.url, run);
