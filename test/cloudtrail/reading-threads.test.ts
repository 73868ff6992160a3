/**
 * How many threads read with `workers: 'auto'` (src/cloudtrail/reading-threads.ts): one per core
 * (max 4) for a selective scan (byte filter) and for a partial scan; one fewer for a scan whose
 * rows all cross threads. The choice as the real reader makes it: a `count` (partial) and a `take`
 * (rows) over real gzip files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { autoReadingThreads } from '../../src/cloudtrail/reading-threads.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { compileQuery } from '../../src/kql/engine.ts';
import type { TableSource } from '../../src/kql/scan.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
const workspace = loadWorkspace({});

test('the rule: per core for byte-filtered scans and for partial scans', () => {
  const t = (cores: number, byteFilter: boolean, partial: boolean) => autoReadingThreads({ cores, byteFilter, partial });
  assert.equal(t(2, false, true), 2, 'only groups cross threads: one reader per core');
  assert.equal(t(2, false, false), 1, 'rows crossing threads: one fewer than the cores');
  assert.equal(t(2, true, false), 2, 'a byte filter: per core');
  assert.equal(t(8, false, true), 4, 'at most 4');
  assert.equal(t(8, false, false), 4);
  assert.equal(t(4, false, false), 3);
  assert.equal(t(1, false, true), 1);
  assert.equal(t(1, false, false), 1);
});

/** The reading threads of one run of `query` with 'auto' (0 = no workers). */
async function threadsOf(query: string): Promise<{ workers: number; aggregatedFiles: number; rows: number }> {
  const source = openCloudTrail([EXAMPLES], { workers: 'auto', parallelMinBytes: 0 });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const b = await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists });
  const s = source.summary();
  return { workers: s.workers, aggregatedFiles: s.aggregatedFiles, rows: b.length };
}

test('the reader makes the choice: a partial count reads with a thread per core', { timeout: 120_000 }, async () => {
  const cores = availableParallelism();
  const perCore = Math.min(4, cores);
  const fewer = Math.min(4, cores - 1);
  const parallel = (n: number) => (n >= 2 ? n : 0); // summary().workers is 0 without workers
  const idle = await threadsOf('AWSCloudTrail | count');
  assert.ok(idle.aggregatedFiles > 0, 'the count was not computed where the rows are read');
  assert.equal(idle.workers, parallel(perCore));
  // every row crosses threads: one fewer
  const rows = await threadsOf('AWSCloudTrail | take 100000 | count');
  assert.equal(rows.aggregatedFiles, 0);
  assert.equal(rows.workers, parallel(fewer));
  if (cores >= 2) assert.notEqual(idle.workers, rows.workers, 'on this machine the partial scan must use one more thread');
});
