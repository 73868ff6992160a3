/**
 * The replay's bounded-memory row store: whatever the memory budget and bucket width, a run's
 * window holds exactly the rows a single in-memory Timeline gives it (same order: TimeGenerated,
 * ties in input order), and buckets behind every pending lookback are released.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Timeline } from '../../src/detect/timeline.ts';
import { SpillBudget, SpilledWindows, WindowStore } from '../../src/detect/window-store.ts';
import { windowAt, DEFAULT_DELAY } from '../../src/detect/schedule.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { batchFromRows } from '../../src/kql/exec/batches.ts';
import { nullOf, TICKS_PER_MINUTE, type Batch } from '../../src/kql/types.ts';
import { cloudTrailRow, ticks } from '../helpers/cloudtrail-rows.ts';

const MIN = TICKS_PER_MINUTE;
const S = { frequency: 5n * MIN, period: 10n * MIN, delay: DEFAULT_DELAY };
const ID = AWS_CLOUDTRAIL_SCHEMA.findIndex((c) => c.name === 'AwsEventId');
const BASE = ticks('2024-05-01T00:00:00Z');

/** Rows out of time order, with ties, late deliveries and a row without TimeGenerated; seeded. */
function rows(n: number): { batches: Batch[]; all: Batch } {
  let seed = 12345;
  const rnd = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
  const specs = [];
  const delivered: (bigint | null)[] = [];
  for (let i = 0; i < n; i++) {
    const t = BASE + BigInt(rnd(6 * 60)) * MIN + BigInt(rnd(3)) * 20n * 10_000_000n;
    const iso = new Date(Number((t - ticks('1970-01-01T00:00:00Z')) / 10_000n)).toISOString();
    specs.push(cloudTrailRow({ AwsEventId: `e${i}`, TimeGenerated: i === 7 ? null : iso }));
    delivered.push(rnd(4) === 0 ? null : t + BigInt(rnd(40)) * MIN);
  }
  const all = { ...batchFromRows(AWS_CLOUDTRAIL_SCHEMA, specs), ingestion: delivered };
  const batches: Batch[] = [];
  for (let s = 0; s < n; s += 37) {
    const idx = Array.from({ length: Math.min(37, n - s) }, (_, k) => s + k);
    batches.push({ schema: AWS_CLOUDTRAIL_SCHEMA, columns: all.columns.map((c) => idx.map((i) => c[i]!)), length: idx.length, ingestion: idx.map((i) => delivered[i]!) });
  }
  return { batches, all };
}

/** Maximal stretches of consecutive rows (with a TimeGenerated) in one bucket of `width`. */
function bucketRuns(batches: readonly Batch[], width: bigint): number {
  const tg = AWS_CLOUDTRAIL_SCHEMA.findIndex((c) => c.name === 'TimeGenerated');
  let runs = 0;
  for (const b of batches) {
    let prev: bigint | null = null;
    for (const t of b.columns[tg]! as (bigint | null)[]) {
      const key = t === null ? null : t / width;
      if (key !== null && key !== prev) runs++;
      prev = key;
    }
  }
  return runs;
}

for (const ingestion of ['ideal', 'delivery'] as const) {
  test(`${ingestion}: windows equal a single Timeline's with spilling after every row, small buckets and release`, () => {
    const parent = mkdtempSync(join(tmpdir(), 'ws-test-'));
    try {
      const { batches, all } = rows(600);
      const options = { ingestion, latency: 2n * MIN };
      const reference = new Timeline(AWS_CLOUDTRAIL_SCHEMA, all, options);
      const seen: Array<[bigint, bigint]> = [];
      const store = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, memoryBudget: 1, bucketWidth: 7n * MIN, spillDir: parent }, [(t, v) => seen.push([t, v])]);
      for (const b of batches) store.add(b);
      assert.equal(store.rows, 599, 'the row without TimeGenerated is outside every window');
      assert.equal(seen.length, 599);
      // The budget is checked after each run of consecutive rows in one bucket (the store moves a
      // run column by column); these rows are shuffled, so most runs are a single row.
      const runs = bucketRuns(batches, 7n * MIN);
      assert.ok(runs > 400, `${runs} runs`);
      assert.ok(store.spills >= runs && store.spilledBytes > 0, 'a 1-byte budget spills after every run of rows');
      let maxLoaded = 0;
      for (let t = BASE - 15n * MIN; t <= BASE + 7n * 60n * MIN; t += S.frequency) {
        const w = windowAt(t, S);
        const got = store.windowRows(w);
        const want = reference.windowRows(w);
        assert.deepEqual(got.columns[ID], want.columns[ID], `window at ${t}`);
        assert.deepEqual(got.ingestion, want.ingestion, 'visibility (ingestion_time()) carried');
        store.release(windowAt(t + S.frequency, S).start);
        maxLoaded = Math.max(maxLoaded, store.loadedBuckets);
      }
      // a 10-minute lookback over 7-minute buckets touches at most 3 buckets at a time
      assert.ok(maxLoaded <= 3, `held ${maxLoaded} buckets`);
      assert.equal(store.loadedBuckets, 0, 'everything released after the last run');
      store.close();
      assert.deepEqual(readdirSync(parent), [], 'spill file removed');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
}

test('within the budget nothing is written to disk', () => {
  const { batches } = rows(50);
  const store = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ingestion: 'ideal', latency: 0n });
  for (const b of batches) store.add(b);
  assert.equal(store.spills, 0);
  assert.equal(store.spilledBytes, 0);
  store.close();
});

test('adding rows after the runs started is a programming error', () => {
  const { batches } = rows(5);
  const store = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ingestion: 'ideal', latency: 0n });
  store.add(batches[0]!);
  store.windowRows(windowAt(BASE, S));
  assert.throws(() => store.add(batches[0]!), /after the runs started/);
});

test('a store of some columns keeps only them (and TimeGenerated); its windows, here and handed off, give the others as a reader does: their null value, one array per null value', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'ws-test-'));
  try {
    const { batches, all } = rows(300);
    const options = { ingestion: 'ideal' as const, latency: 0n };
    const reference = new Timeline(AWS_CLOUDTRAIL_SCHEMA, all, options);
    const columns = new Set(['AwsEventId', 'EventName']);
    const kept = AWS_CLOUDTRAIL_SCHEMA.flatMap((c, i) => (columns.has(c.name) || c.name === 'TimeGenerated' ? [i] : []));
    const store = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, memoryBudget: 1, spillDir: parent, columns });
    for (const b of batches) store.add(b);
    const spilled = store.handOff();
    assert.deepEqual(spilled.kept, kept);
    const windows = new SpilledWindows(spilled);
    for (let t = BASE; t <= BASE + 7n * 60n * MIN; t += 30n * MIN) {
      const w = windowAt(t, { ...S, period: 60n * MIN });
      const want = reference.windowRows(w);
      for (const got of [store.windowRows(w), windows.windowRows(w)]) {
        assert.equal(got.schema, AWS_CLOUDTRAIL_SCHEMA);
        assert.equal(got.length, want.length);
        AWS_CLOUDTRAIL_SCHEMA.forEach((c, i) => {
          const expected = kept.includes(i) ? want.columns[i] : new Array(want.length).fill(nullOf(c.type));
          assert.deepEqual(got.columns[i], expected, `${c.name} at ${t}`);
        });
        if (got.length > 0) {
          const strings = AWS_CLOUDTRAIL_SCHEMA.flatMap((c, i) => (c.type === 'string' && !kept.includes(i) ? [got.columns[i]] : []));
          assert.ok(strings.every((col) => col === strings[0]), 'unread string columns are one array');
        }
      }
    }
    windows.close();
    store.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('stores filled by one read share one budget: past it, every one of them spills; within it, none', () => {
  const { batches } = rows(200);
  const options = { ingestion: 'ideal' as const, latency: 0n };
  const shared = new SpillBudget(20_000);
  const a = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, budget: shared });
  const b = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, budget: shared, columns: new Set(['EventName']) });
  // b holds one row, far within the budget; a's rows pass it, and b's row goes to disk too
  b.add({ ...batches[0]!, columns: batches[0]!.columns.map((c) => c.slice(0, 1)), length: 1, ingestion: batches[0]!.ingestion!.slice(0, 1) });
  assert.equal(b.spills, 0);
  for (const x of batches) a.add(x);
  assert.ok(a.spills >= 1, `spills: ${a.spills}`);
  assert.equal(b.spills, 1, 'spilled once: nothing held since');
  const large = new SpillBudget(1 << 30);
  const c = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, budget: large });
  const d = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, budget: large });
  for (const x of batches) {
    c.add(x);
    d.add(x);
  }
  assert.equal(c.spills + d.spills, 0);
  for (const s of [a, b, c, d]) s.close();
});

test("a run's window is scanned bucket by bucket: the rows of windowRows, and a bucket the window covers whole is not copied", async () => {
  const { batches, all } = rows(2_000);
  const options = { ingestion: 'ideal' as const, latency: 0n };
  const reference = new Timeline(AWS_CLOUDTRAIL_SCHEMA, all, options);
  const store = new WindowStore(AWS_CLOUDTRAIL_SCHEMA, { ...options, bucketWidth: 30n * MIN });
  for (const b of batches) store.add(b);
  const scanIds = async (w: ReturnType<typeof windowAt>) => {
    const parts: Batch[] = [];
    for await (const b of store.window(w).scan({ predicates: [] })) parts.push(b);
    return parts;
  };
  // six hours of rows, a three-hour lookback: several buckets whole, two cut
  const lookback = { ...S, period: 180n * MIN };
  let covered = 0;
  for (let t = BASE + 60n * MIN; t <= BASE + 7n * 60n * MIN; t += 45n * MIN) {
    const w = windowAt(t, lookback);
    const parts = await scanIds(w);
    assert.deepEqual(parts.flatMap((b) => b.columns[ID]!), reference.windowRows(w).columns[ID], `window at ${t}`);
    assert.deepEqual(parts.flatMap((b) => b.ingestion ?? []), reference.windowRows(w).ingestion);
    // the same bucket in the next run's window: the very same arrays (its Timeline's own rows)
    const again = await scanIds(windowAt(t + S.frequency, lookback));
    const shared = parts.filter((b) => again.some((a) => a.columns[ID] === b.columns[ID]));
    covered += shared.length;
  }
  assert.ok(covered > 10, `${covered} buckets given without a copy`);
  store.close();
});
