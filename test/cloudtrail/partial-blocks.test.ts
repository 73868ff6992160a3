/**
 * A partial scan's files aggregated in blocks (src/cloudtrail/pool.ts, partial-read.ts
 * PartialBlock): a reader thread sums up to `blockFiles` consecutive files into one summarize and
 * sends its groups with the block's last file, so the scanning thread merges one set of groups a
 * block. The duplicate filter's guarantee must not move: a block whose files hold a copy of an id
 * read before (or repeat one) is read again as rows, file by file in order, and a block whose
 * reader died before its groups is read again too. Every result here is compared with the row path
 * (no aggregation in the readers) over the same files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileQuery } from '../../src/kql/engine.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import type { Batch } from '../../src/kql/types.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../src/cloudtrail/index.ts';
import { runParallel } from '../../src/cloudtrail/pool.ts';
import { borrowWorker, returnWorker } from '../../src/cloudtrail/worker-pool.ts';
import type { FileTask } from '../../src/cloudtrail/types.ts';
import { fragmentOf, partialConfig } from './partial-helpers.ts';

const workspace = loadWorkspace({});
const FILES = 48;

function record(id: string, name: string): object {
  return { eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: name, awsRegion: 'us-east-1', sourceIPAddress: `10.0.0.${id.length}`, eventID: id, eventType: 'AwsApiCall' };
}

/**
 * 48 files of 3 records (names f00..f47). Copies: f09 holds an id of f08 (the same block of 4),
 * f21 one of f03 (an earlier block), f30 repeats an id of its own, f40 holds f39's id under
 * another name (a planted copy that differs), f47 is a copy of f46 whole (the last block).
 */
function tree(dir: string): string[] {
  const names: string[] = [];
  for (let f = 0; f < FILES; f++) {
    const ids = [0, 1, 2].map((r) => `id-${f}-${r}`);
    if (f === 9) ids[1] = 'id-8-2';
    if (f === 21) ids[0] = 'id-3-0';
    if (f === 30) ids[2] = ids[0]!;
    if (f === 47) ids.splice(0, 3, 'id-46-0', 'id-46-1', 'id-46-2');
    const records = ids.map((id, r) => record(id, f === 40 && r === 0 ? 'Planted' : f === 47 ? `N${46 % 5}` : `N${f % 5}`));
    if (f === 40) (records[0] as { eventID: string }).eventID = 'id-39-1';
    const name = join(dir, `f${String(f).padStart(2, '0')}.json.gz`);
    writeFileSync(name, gzipSync(JSON.stringify({ Records: records })));
    names.push(name);
  }
  return names;
}

const rowsOf = (b: Batch) => Array.from({ length: b.length }, (_, i) => JSON.stringify(b.columns.map((c) => c[i]), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

async function run(paths: string[], query: string, partial: boolean, options: CloudTrailOptions) {
  const source = openCloudTrail(paths, { parallelMinBytes: 0, batchSize: 2, workers: 2, partialBlockFiles: 4, ...options });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const b = await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists, noPartialAggregation: !partial });
  const s = source.summary();
  return { rows: rowsOf(b), summary: s, diagnostics: source.diagnostics() };
}

function withDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-blocks-'));
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

const QUERIES = ['AWSCloudTrail | count', 'AWSCloudTrail | summarize n=count(), ips=dcount(SourceIpAddress), ids=dcount(AwsEventId) by EventName | order by EventName asc'];

test('copies inside a block, across blocks and in the last block: the row path result, first occurrence winning', { timeout: 120_000 }, async () => {
  await withDir(async (dir) => {
    const paths = tree(dir);
    for (const q of QUERIES) {
      const rows = await run(paths, q, false, {});
      const partial = await run(paths, q, true, {});
      assert.deepEqual(partial.rows, rows.rows, q);
      for (const r of [rows, partial]) {
        assert.equal(r.summary.duplicates, 7, "f09's, f21's, f30's second, f40's, f47's three");
        assert.equal(r.summary.rows, FILES * 3 - 7);
        assert.equal(r.summary.differingDuplicates, q.includes('EventName') ? 3 : 0, "f09's, f21's and f40's copies name another event than the kept ones (the columns the query reads)");
      }
      // files whose block held no copy were aggregated where they were read; the others read again
      assert.ok(partial.summary.aggregatedFiles > 0 && partial.summary.aggregatedFiles <= FILES - 5, `aggregated ${partial.summary.aggregatedFiles}`);
    }
    // the answer itself (not only agreement): 137 rows, N0..N4 and the planted one
    const counted = await run(paths, QUERIES[0]!, true, {});
    assert.deepEqual(counted.rows, ['["137n"]']);
  });
});

test('the reader thread and this thread (its own reading, also while it waits for the worker) form the same blocks of consecutive files, each ending with its groups', { timeout: 60_000 }, async () => {
  await withDir(async (dir) => {
    // files of 1,000 records: this thread waits for the worker's files, and reads its own meanwhile
    const paths: string[] = [];
    for (let f = 0; f < FILES; f++) {
      const records = Array.from({ length: 1000 }, (_, r) => record(`id-${f}-${r}`, `N${f % 5}`));
      paths.push(join(dir, `f${String(f).padStart(2, '0')}.json.gz`));
      writeFileSync(paths[f]!, gzipSync(JSON.stringify({ Records: records })));
    }
    const config = partialConfig(await fragmentOf(paths, QUERIES[0]!), 2);
    const tasks: FileTask[] = paths.map((path) => ({ path, size: 100, ingestion: null, format: 'auto' }));
    const kinds: string[] = [];
    for await (const { task, ev } of runParallel(tasks, config, 1, { workerQueue: 4, readAhead: 64, queuedRowsMax: 16384, blockFiles: 4 })) {
      if (ev.t === 'groups' || ev.t === 'continued') kinds[task] = ev.t;
    }
    assert.equal(kinds.filter((k) => k !== undefined).length, FILES, 'one groups or continued event a file');
    // blocks of 4 while at least 16 files are left (2 readers x 2 blocks each), then shorter ones:
    // f36..f38, f39..f40, then single files, whoever reads them. (This thread's reading while it
    // waited for the worker's file went file by file before: single files amid the blocks.)
    const pattern = kinds.map((k) => (k === 'groups' ? 'G' : 'c')).join('');
    assert.equal(pattern, `${'cccG'.repeat(9)}ccGcG${'G'.repeat(7)}`);
  });
});

test('a reader thread that dies inside a block: the files of its block are read again, nothing counted twice or lost but its own file', { timeout: 120_000 }, async () => {
  await withDir(async (dir) => {
    // no copies here: every file's rows count. This thread takes the first block (f00..f05, 24
    // files in blocks of at most a quarter of those left) while the warm worker gets the second
    // (f06..f09): f06 (a wrong-typed field, so a warning), then f07, large enough that the worker
    // is still inside it when f06's warning reaches this thread and kills it.
    const paths: string[] = [];
    for (let f = 0; f < 24; f++) {
      const n = f === 7 ? 200_000 : 3;
      const records = Array.from({ length: n }, (_, r) => record(`id-${f}-${r}`, `N${f % 5}`));
      if (f === 6) (records[0] as { sourceIPAddress: unknown }).sourceIPAddress = 12345;
      const name = join(dir, `f${String(f).padStart(2, '0')}.json.gz`);
      writeFileSync(name, gzipSync(JSON.stringify({ Records: records })));
      paths.push(name);
    }
    const w = await borrowWorker();
    await returnWorker(w, true);
    let killed = false;
    const partial = await run(paths, QUERIES[1]!, true, {
      partialBlockFiles: 8,
      // every file counts as large: this thread does not read later files while it waits for the
      // worker's, so who reads which block is as described above
      wholeFileMaxBytes: 64,
      onDiagnostic: (d) => {
        if (killed || !d.file.endsWith('f06.json.gz')) return;
        killed = true;
        void w.terminate();
      },
    });
    assert.ok(killed, "f06 was read and warned about");
    const crashed = partial.diagnostics.filter((d) => d.message.includes('its reader thread died'));
    assert.equal(crashed.length, 1, partial.diagnostics.map((d) => d.message).join('\n'));
    assert.match(crashed[0]!.file, /f07\.json\.gz$/, 'the worker died inside f07');
    // f06's rows went into the dead worker's block: read again here, so aggregated are all files but f06 and f07
    assert.equal(partial.summary.aggregatedFiles, paths.length - 2);
    // the row path over every file but the one whose reader died
    const rows = await run(
      paths.filter((p) => p !== crashed[0]!.file),
      QUERIES[1]!,
      false,
      {},
    );
    assert.deepEqual(partial.rows, rows.rows);
  });
});
