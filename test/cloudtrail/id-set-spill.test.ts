/**
 * The id set past its memory budget (src/cloudtrail/id-set.ts, id-runs.ts): with budgets of a few
 * ids it spills sorted runs to a private temporary folder and merges them, and must still answer
 * exactly like a Map: puts, gets, values replaced (set) on disk or in memory, ids whose hashes
 * collide, ids that are not UUIDs. Its folder goes away on close() and
 * at process exit; an unusable folder is a one-line error naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IdSet } from '../../src/cloudtrail/id-set.ts';
import { bloomBlock } from '../../src/cloudtrail/id-runs.ts';
import { reportError } from '../../src/cli/errors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'idset-test-'));
}

/** Runs `ops` random operations on both, checking every answer; returns the largest run count seen. */
function againstMap(set: IdSet, ids: readonly string[], ops: number, seed: number): number {
  const map = new Map<string, number>();
  const rnd = lcg(seed);
  let maxRuns = 0;
  for (let k = 0; k < ops; k++) {
    const id = ids[rnd() % ids.length]!;
    const op = rnd() % 10;
    if (op < 6) {
      const v = rnd() % 1000;
      const had = map.get(id);
      if (had === undefined) map.set(id, v);
      assert.equal(set.putIfAbsent(id, v), had, `put ${id} at op ${k}`);
    } else if (op < 8) {
      assert.equal(set.get(id), map.get(id), `get ${id} at op ${k}`);
    } else {
      // duplicates.ts: the ids of a claim given up are overwritten, on disk or not
      const v = rnd() % 1000;
      map.set(id, v);
      set.set(id, v);
    }
    maxRuns = Math.max(maxRuns, set.spilledRuns);
  }
  for (const id of ids) assert.equal(set.get(id), map.get(id), `final ${id}`);
  return maxRuns;
}

test('tiny budgets: the same answers as a Map through many spills and merges (UUIDs)', { timeout: 120_000 }, () => {
  const parent = folder();
  try {
    const ids = Array.from({ length: 3000 }, () => randomUUID());
    for (const [budget, seed] of [[4, 1], [16, 2], [64, 3]] as const) {
      const set = new IdSet({ memoryIds: budget, parent });
      const maxRuns = againstMap(set, ids, 40_000, seed);
      assert.ok(set.folder !== null && maxRuns > 1, 'it spilled and kept several runs');
      // past 64 runs, four next to each other are merged (id-runs.ts): 40,000 puts and sets of 3000
      // ids spill hundreds of runs at these budgets, so the runs reach 64 and merge again and again
      assert.equal(maxRuns, 64, `runs kept (at most 64), budget ${budget}`);
      set.close();
    }
    assert.deepEqual(readdirSync(parent), [], 'close() removed every folder');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test("the runs' filter of all runs stays within 2x the ids on disk as it is rebuilt, and answers every id", () => {
  // id-runs.ts RunStore.all: built for 4x the ids on disk, it jumped from a 10.5M-id to a 44M-id
  // filter (+40 MB) at the rebuild just past 10M ids; 2x keeps it within 10-20 bits an id
  const parent = folder();
  try {
    const set = new IdSet({ memoryIds: 64, parent });
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const sizes = new Set<number>();
    ids.forEach((id, k) => {
      assert.equal(set.putIfAbsent(id, k), undefined);
      const capacity = set.runFilterCapacity;
      if (capacity > 0) {
        sizes.add(capacity);
        assert.ok(capacity <= 2 * (k + 1), `filter for ${capacity} ids after ${k + 1} ids`);
      }
    });
    assert.ok(sizes.size >= 5, `the filter was rebuilt as the runs grew (${[...sizes].join(', ')})`);
    ids.forEach((id, k) => assert.equal(set.get(id), k, id));
    set.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('tiny budgets: ids that are not UUIDs, and a mix, answer like a Map (lone surrogates kept apart)', { timeout: 120_000 }, () => {
  const parent = folder();
  try {
    const ids: string[] = [];
    for (let i = 0; i < 400; i++) {
      const u = randomUUID();
      ids.push(u, u.toUpperCase(), `{${u}}`, u.slice(0, 35), `evt-${i}`, 'x'.repeat(i % 50));
    }
    // the same bytes in UTF-8 (U+FFFD), different ids
    ids.push('\ud800a', '\ud801a', '\udc00a', 'a\ud800', '', 'é', 'e\u0301');
    const set = new IdSet({ memoryIds: 8, parent });
    const maxRuns = againstMap(set, ids, 30_000, 5);
    assert.ok(maxRuns > 1);
    set.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('set() of an id that is on disk replaces its value, through later spills and merges', () => {
  const parent = folder();
  try {
    const set = new IdSet({ memoryIds: 4, parent });
    const ids = Array.from({ length: 200 }, () => randomUUID());
    ids.forEach((id, i) => assert.equal(set.putIfAbsent(id, i), undefined));
    assert.ok(set.spilledRuns > 0);
    // duplicates.ts: the ids of a claim that was given up are set again, after they went to disk
    for (let i = 0; i < 200; i += 3) set.set(ids[i]!, 1000 + i);
    for (let i = 0; i < 200; i++) assert.equal(set.get(ids[i]!), i % 3 === 0 ? 1000 + i : i);
    // more spills and merges: the newest record of each id wins
    for (let i = 0; i < 300; i++) set.putIfAbsent(randomUUID(), 7);
    for (let i = 0; i < 200; i++) {
      const want = i % 3 === 0 ? 1000 + i : i;
      assert.equal(set.get(ids[i]!), want, `id ${i}`);
      assert.equal(set.putIfAbsent(ids[i]!, 5000), want);
    }
    set.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

/** UUID text from its four 32-bit words (the parse's order: 8 hex digits a word). */
function uuidOf(w: readonly number[]): string {
  const hex = w.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test('UUIDs whose hashes collide (whatever the seed) are kept apart in memory, in runs and in merges', () => {
  const parent = folder();
  try {
    const set = new IdSet({ memoryIds: 4, parent });
    const hash = (set as unknown as { hash(a: number, b: number, c: number, d: number): number }).hash.bind(set);
    const TOP = 0x80000000 | 0;
    const families: string[][] = [];
    const rnd = lcg(11);
    for (let f = 0; f < 40; f++) {
      const base = [rnd() | 0, rnd() | 0, rnd() | 0, rnd() | 0];
      const family: string[] = [];
      const hashes = new Set<number>();
      // flipping a word's top bit and compensating in the next word leaves the hash unchanged
      for (let m = 0; m < 8; m++) {
        const [xa, xb, xc] = [m & 1, (m >> 1) & 1, (m >> 2) & 1];
        const w = [
          base[0]! ^ (xa ? TOP : 0),
          base[1]! ^ (xa ? 0x80010000 | 0 : 0) ^ (xb ? TOP : 0),
          base[2]! ^ (xb ? 0x80040000 | 0 : 0) ^ (xc ? TOP : 0),
          base[3]! ^ (xc ? 0x80008000 | 0 : 0),
        ];
        hashes.add(hash(w[0]!, w[1]!, w[2]!, w[3]!));
        family.push(uuidOf(w));
      }
      assert.equal(hashes.size, 1, 'the family collides');
      assert.equal(new Set(family).size, 8);
      families.push(family);
    }
    const ids = families.flat();
    assert.ok(againstMap(set, ids, 20_000, 13) > 1);
    set.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('the temporary folder is removed at process exit when the owner never closes the set', () => {
  const parent = folder();
  try {
    const script = `
      import { IdSet } from ${JSON.stringify(join(root, 'src/cloudtrail/id-set.ts'))};
      import { randomUUID } from 'node:crypto';
      const set = new IdSet({ memoryIds: 8, parent: ${JSON.stringify(parent)} });
      for (let i = 0; i < 100; i++) set.putIfAbsent(randomUUID(), i);
      console.log(set.folder, set.spilledRuns);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const [dir, runs] = r.stdout.trim().split(' ');
    assert.ok(dir!.startsWith(join(parent, 'trailhound-ids-')), r.stdout);
    assert.ok(Number(runs) >= 1);
    assert.equal(existsSync(dir!), false, 'removed at exit');
    assert.deepEqual(readdirSync(parent), []);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('an unusable temporary folder is a one-line error naming it (exit 2), not a crash', () => {
  const parent = folder();
  try {
    const file = join(parent, 'not-a-folder');
    writeFileSync(file, '');
    const set = new IdSet({ memoryIds: 2, parent: file });
    let error: unknown;
    try {
      for (let i = 0; i < 10; i++) set.putIfAbsent(randomUUID(), i);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, 'the spill failed');
    assert.match(error.message, /duplicate filter cannot use its temporary folder .*not-a-folder/);
    assert.match(error.message, /TMPDIR/);
    const write = process.stderr.write;
    let printed = '';
    process.stderr.write = ((s: string) => ((printed += s), true)) as typeof process.stderr.write;
    try {
      assert.equal(reportError(error), 2);
    } finally {
      process.stderr.write = write;
    }
    assert.doesNotMatch(printed, /internal error|\n\s+at /);
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

// A block outside the filter would read as "not there" (a typed array reads undefined past its
// end): a spilled id would be missed and its duplicate kept. Blocks follow hash order (what lets a
// spill fill its filters front to back) and cover every block for every size, extremes included.
test('Bloom blocks: in range and in hash order for every filter size, extreme hashes included', () => {
  const hashes = [0, 1, 63, 64, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
  for (let k = 0; k < 2000; k++) hashes.push(Math.floor(Math.random() * 2 ** 32));
  hashes.sort((a, b) => a - b);
  for (const blocks of [1, 2, 3, 1000, (1 << 20) + 7, 2 ** 26, 2 ** 27 - 1, 2 ** 27, 2 ** 30 + 3]) {
    let last = 0;
    for (const h of hashes) {
      const b = bloomBlock(h, blocks);
      assert.ok(Number.isInteger(b) && b >= 0 && b < blocks, `hash ${h}, ${blocks} blocks: block ${b}`);
      assert.ok(b >= last, `hash ${h}, ${blocks} blocks: block ${b} after ${last}`);
      last = b;
    }
    assert.equal(bloomBlock(0, blocks), 0);
    if (blocks <= 2 ** 26) assert.equal(bloomBlock(0xffffffff, blocks), blocks - 1, `${blocks} blocks: the last hash takes the last block`);
  }
});
