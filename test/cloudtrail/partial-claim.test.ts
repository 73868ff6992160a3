/**
 * A partial scan's duplicate claim, batch by batch (src/cloudtrail/partial-read.ts, duplicates.ts):
 * a file whose rows are aggregated where they are read sends the eventIDs of each batch as it goes
 * (none under --keep-duplicates), and they are claimed as they come, so no file's ids are held
 * until its end. The claim's guarantee is unchanged: it stands only when no id of the file was
 * read before nor repeats within it; otherwise everything the file claimed counts as never read,
 * and the file is read again as rows and filtered, first occurrence winning, exactly as the row
 * path does. Files here span several batches (batchSize 2), so a claim is given up after some of
 * its batches were already claimed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileQuery } from '../../src/kql/engine.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import type { Batch } from '../../src/kql/types.ts';
import { loadWorkspace } from '../../src/detect/workspace.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../src/cloudtrail/index.ts';
import { Deduper } from '../../src/cloudtrail/duplicates.ts';
import { packIds, unpackIds } from '../../src/cloudtrail/id-words.ts';
import { readFileEvents } from '../../src/cloudtrail/partial-read.ts';
import { fragmentOf, partialConfig } from './partial-helpers.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import type { FileEvent, FileScanConfig, FileTask } from '../../src/cloudtrail/types.ts';

const workspace = loadWorkspace({});

function gz(path: string, records: object[]): void {
  writeFileSync(path, gzipSync(JSON.stringify({ Records: records })));
}

function record(id: string, name = 'A'): object {
  return { eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 'ec2.amazonaws.com', eventName: name, awsRegion: 'us-east-1', sourceIPAddress: '10.0.0.1', eventID: id, eventType: 'AwsApiCall' };
}

const rowsOf = (b: Batch) => Array.from({ length: b.length }, (_, i) => JSON.stringify(b.columns.map((c) => c[i]), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));

async function run(paths: string[], query: string, partial: boolean, options: CloudTrailOptions) {
  const source = openCloudTrail(paths, { parallelMinBytes: 0, batchSize: 2, ...options });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const b = await compileQuery(query, workspace.catalog(tables)).run({ now: 0n, tables, watchlists: workspace.watchlists, noPartialAggregation: !partial });
  const s = source.summary();
  return { rows: rowsOf(b), aggregatedFiles: s.aggregatedFiles, duplicates: s.duplicates, differingDuplicates: s.differingDuplicates, rowsRead: s.rows };
}

async function withTree(files: Record<string, object[]>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-claim-'));
  try {
    for (const [name, records] of Object.entries(files)) gz(join(dir, name), records);
    await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a claim given up after some of its batches were claimed: those ids count as never read, results as on the row path', { timeout: 120_000 }, async () => {
  await withTree(
    {
      // batches of 2: a [1 2][3 4]; b [7 8][3 9]: 3 is a's, found in b's second batch;
      // c [8 10]: 8 is b's (its row, read again); d [11 12][11 13]: 11 repeats in a later batch;
      // e [14 15]: new ids only; f [7]: b's
      'a.json.gz': [record('1'), record('2'), record('3'), record('4')],
      'b.json.gz': [record('7', 'B'), record('8', 'B'), record('3', 'B'), record('9', 'B')],
      'c.json.gz': [record('8', 'Planted'), record('10', 'C')],
      'd.json.gz': [record('11', 'D'), record('12', 'D'), record('11', 'D'), record('13', 'D')],
      'e.json.gz': [record('14', 'E'), record('15', 'E')],
      'f.json.gz': [record('7', 'B')],
    },
    async (dir) => {
      for (const workers of [1, 2]) {
        for (const q of ['AWSCloudTrail | count', 'AWSCloudTrail | summarize n=count() by EventName | order by EventName asc']) {
          const rows = await run([dir], q, false, { workers });
          const partial = await run([dir], q, true, { workers });
          assert.deepEqual(partial.rows, rows.rows, `${q} (workers ${workers})`);
          assert.equal(rows.aggregatedFiles, 0);
          assert.equal(partial.aggregatedFiles, 2, 'a and e aggregated in their reader; b, c, d, f read again as rows');
          for (const r of [rows, partial]) {
            assert.equal(r.duplicates, 4, "b's 3, c's 8, d's second 11, f's 7");
            assert.equal(r.rowsRead, 13, '17 records, 4 dropped copies');
            assert.equal(r.differingDuplicates, q.includes('EventName') ? 2 : 0, "c's planted 8 and b's 3 differ from the kept copies in EventName");
          }
          if (q.includes('EventName')) {
            // b's 7, 8 and 9 are its own: read again as rows after its claim was given up, they are
            // not dropped as copies of what b itself had claimed
            assert.deepEqual(partial.rows, ['["A","4n"]', '["B","3n"]', '["C","1n"]', '["D","3n"]', '["E","2n"]']);
          } else assert.deepEqual(partial.rows, ['["13n"]']);
        }
      }
    },
  );
});

test("a partial read sends each batch's ids as it goes, and none under --keep-duplicates", { timeout: 60_000 }, async () => {
  await withTree({ 'a.json.gz': ['1', '2', '3', '4', '5'].map((id) => record(id)) }, async (dir) => {
    const path = join(dir, 'a.json.gz');
    const partial = await fragmentOf([path], 'AWSCloudTrail | count');
    const task: FileTask = { path, size: 0, ingestion: null, format: 'auto' };
    const config = partialConfig(partial, 2);
    const events = async (c: FileScanConfig) => {
      const out: FileEvent[] = [];
      for await (const ev of readFileEvents(task, c)) out.push(ev);
      return out;
    };
    const claimed = await events(config);
    const order = claimed.map((e) => e.t).filter((t) => t === 'ids' || t === 'groups' || t === 'end');
    assert.deepEqual(order, ['ids', 'ids', 'ids', 'groups', 'end'], 'a batch of ids at a time, before the groups');
    assert.deepEqual(
      claimed.flatMap((e) => (e.t === 'ids' ? [unpackIds(e.ids)] : [])),
      [['1', '2'], ['3', '4'], ['5']],
    );
    const kept = await events({ ...config, keepDuplicates: true });
    assert.equal(kept.filter((e) => e.t === 'ids').length, 0, 'nothing claims them');
    const groups = kept.find((e) => e.t === 'groups');
    assert.ok(groups?.t === 'groups' && groups.rows === 5 && groups.groups !== null);
  });
});

test('a claim its file never settled (its reader thread died before the groups) is given up at its end', () => {
  const tasks: FileTask[] = ['x', 'y', 'z'].map((path) => ({ path, size: 0, ingestion: null, format: 'auto' }));
  const counts = { duplicates: 0, differingDuplicates: 0 };
  const config = {} as FileScanConfig; // compare() is not called: nothing is read again
  const dedupe = new Deduper(tasks, config, counts, () => assert.fail('nothing to report'));
  const columns = AWS_CLOUDTRAIL_SCHEMA.map(() => []);
  dedupe.claim(packIds(['u-1', 'u-2']), 0);
  dedupe.ended(0);
  // x's rows were never counted, so y's copies are the first read
  assert.equal(dedupe.filter(columns, packIds(['u-1', 'u-2']), 2, 1).length, 2);
  assert.equal(counts.duplicates, 0);
  // a claim that stands keeps its ids: z's copies are dropped
  dedupe.claim(packIds(['u-3']), 2);
  assert.equal(dedupe.settle(2, true), true);
  assert.equal(dedupe.filter(columns, packIds(['u-3', 'u-1', 'u-4']), 3, 0).length, 1);
  assert.equal(counts.duplicates, 2);
});

test('a UUID claimed as words is the same id as its text on the row path, and a non-canonical one stays its own text', () => {
  const tasks: FileTask[] = ['x', 'y'].map((path) => ({ path, size: 0, ingestion: null, format: 'auto' }));
  const counts = { duplicates: 0, differingDuplicates: 0 };
  const dedupe = new Deduper(tasks, {} as FileScanConfig, counts, () => {});
  const columns = AWS_CLOUDTRAIL_SCHEMA.map(() => []);
  const uuid = '3038ebd2-c98a-4c65-9b6e-e22506292313';
  // upper case is not CloudTrail's canonical form: it is a different id, kept as text
  dedupe.claim(packIds([uuid, '', 'not-a-uuid', uuid.toUpperCase()]), 0);
  assert.equal(dedupe.settle(0, true), true);
  const again = dedupe.filter(columns, packIds([uuid, 'not-a-uuid', uuid.toUpperCase(), 'ffffffff-0000-4000-8000-000000000000', '']), 5, 1);
  assert.equal(again.length, 2, 'the three claimed ids are dropped; a new one and a row without id are kept');
  assert.equal(counts.duplicates, 3);
});
