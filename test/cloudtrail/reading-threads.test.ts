/**
 * How many threads read with `workers: 'auto'` (src/cloudtrail/reading-threads.ts): one per core
 * (max 4) for a selective scan (byte filter) and, while a core is free (1-minute load average
 * below the core count), for a partial scan; one fewer for a scan whose rows all cross threads.
 * The choice as the real reader makes it: a `count` (partial) and a `take` (rows) over real gzip
 * files, the load average given to the source.
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

test('the rule: per core for byte-filtered scans and for partial scans while a core is free', () => {
  const t = (cores: number, load: number, byteFilter: boolean, partial: boolean) => autoReadingThreads({ cores, load, byteFilter, partial });
  assert.equal(t(2, 0.5, false, true), 2);
  assert.equal(t(2, 1.99, false, true), 2);
  assert.equal(t(2, 2, false, true), 1, 'no core free: one reader, as for rows');
  assert.equal(t(2, 15, false, true), 1);
  assert.equal(t(2, 0, false, false), 1, 'rows crossing threads: one fewer than the cores');
  assert.equal(t(2, 15, true, false), 2, 'a byte filter: per core whatever the load');
  assert.equal(t(8, 3, false, true), 4, 'at most 4');
  assert.equal(t(8, 3, false, false), 4);
  assert.equal(t(4, 1, false, false), 3);
  assert.equal(t(1, 0, false, true), 1);
  assert.equal(t(1, 0, false, false), 1);
});

/** The reading threads of one run of `query` with 'auto' at the given load (0 = no workers). */
async function threadsOf(query: string, load: number): Promise<{ workers: number; aggregatedFiles: number; rows: number }> {
  const source = openCloudTrail([EXAMPLES], { workers: 'auto', parallelMinBytes: 0, loadAverage: () => load });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const b = await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists });
  const s = source.summary();
  return { workers: s.workers, aggregatedFiles: s.aggregatedFiles, rows: b.length };
}

test("the reader makes the choice: a partial count reads with a thread per core while one is free", { timeout: 120_000 }, async () => {
  const cores = availableParallelism();
  const perCore = Math.min(4, cores);
  const fewer = Math.min(4, cores - 1);
  const parallel = (n: number) => (n >= 2 ? n : 0); // summary().workers is 0 without workers
  const idle = await threadsOf('AWSCloudTrail | count', 0);
  assert.ok(idle.aggregatedFiles > 0, 'the count was not computed where the rows are read');
  assert.equal(idle.workers, parallel(perCore));
  const busy = await threadsOf('AWSCloudTrail | count', cores + 1);
  assert.ok(busy.aggregatedFiles > 0);
  assert.equal(busy.workers, parallel(fewer));
  // every row crosses threads: one fewer even when idle
  const rows = await threadsOf('AWSCloudTrail | take 100000 | count', 0);
  assert.equal(rows.aggregatedFiles, 0);
  assert.equal(rows.workers, parallel(fewer));
  if (cores >= 2) assert.notEqual(idle.workers, rows.workers, 'on this machine the partial scan must use one more thread');
});
