/**
 * The plan cache across real processes (compile-child.ts): a second process compiling the same
 * query against the same catalog neither parses nor binds (the official parser is never loaded);
 * anything the plan depends on misses; a damaged entry or an unusable folder never fails a run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { codeFingerprint } from '../../../src/kql/cache/fingerprint.ts';
import { defaultCacheDir, PLAN_FORMAT_VERSION, PlanCache } from '../../../src/kql/cache/plan-cache.ts';
import { compileQuery, type CatalogSchema } from '../../../src/kql/engine.ts';

const CHILD = new URL('./compile-child.ts', import.meta.url).pathname;

const CATALOG: CatalogSchema = {
  tables: [{ name: 'T', schema: [{ name: 'a', type: 'long' }, { name: 's', type: 'string' }] }],
  functions: [{ name: 'Big', parameters: '(min:long)', body: '{ T | where a >= min }' }],
  watchlistFields: ['User'],
};
const ROWS = [[1, 'x=1'], [5, 'x=7'], [9, 'y']];
const QUERY = 'Big(5) | parse s with "x=" x:long | extend d = dynamic({"k": [1, 5m]}) | project a, x, d';
const EXPECTED = ['5,7,{"k":[1,"00:05:00"]}', '9,null,{"k":[1,"00:05:00"]}'];

interface ChildResult {
  stats: { hits: number; misses: number; writes: number; unstorable: number };
  kusto: boolean;
  rows: string[];
  key: string;
}

function child(cacheDir: string, query = QUERY, catalog = CATALOG): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ query, catalog, rows: ROWS })], {
    encoding: 'utf8',
    env: { ...process.env, TRAILHOUND_CACHE_DIR: cacheDir },
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ChildResult;
}

const entries = (cacheDir: string): string[] => readdirSync(join(cacheDir, 'plans')).filter((f) => f.endsWith('.plan')).sort();

test('a second process hits the entry the first wrote, without loading the official parser, with the same result', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const first = child(dir);
    assert.deepEqual(first.stats, { hits: 0, misses: 1, writes: 1, unstorable: 0 });
    assert.equal(first.kusto, true);
    assert.deepEqual(first.rows, EXPECTED);
    assert.deepEqual(entries(dir), [`${first.key}.plan`]);
    const second = child(dir);
    assert.deepEqual(second.stats, { hits: 1, misses: 0, writes: 0, unstorable: 0 });
    assert.equal(second.kusto, false, 'globalThis.Kusto is defined after a cache hit');
    assert.deepEqual(second.rows, first.rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a changed function body, query, table schema or watchlist field misses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const base = child(dir);
    const variants: [string, string, CatalogSchema][] = [
      ['function body', QUERY, { ...CATALOG, functions: [{ ...CATALOG.functions[0]!, body: '{ T | where a > min }' }] }],
      ['query', QUERY.replace('Big(5)', 'Big(1)'), CATALOG],
      ['table schema', QUERY, { ...CATALOG, tables: [{ name: 'T', schema: [...CATALOG.tables[0]!.schema, { name: 'extra', type: 'string' }] }] }],
      ['watchlist fields', QUERY, { ...CATALOG, watchlistFields: ['User', 'Level'] }],
    ];
    const keys = new Set([base.key]);
    for (const [what, query, catalog] of variants) {
      const r = child(dir, query, catalog);
      assert.equal(r.stats.misses, 1, what);
      assert.equal(r.kusto, true, what);
      keys.add(r.key);
    }
    assert.equal(keys.size, variants.length + 1);
    assert.equal(entries(dir).length, variants.length + 1);
    // The strict comparison of the changed body drops the row a == 5.
    assert.deepEqual(child(dir, QUERY, variants[0]![2]).rows, EXPECTED.slice(1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a damaged entry is a miss: the next process compiles again and rewrites it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const first = child(dir);
    const file = join(dir, 'plans', `${first.key}.plan`);
    const good = readFileSync(file);
    const damaged = Buffer.from(good);
    damaged[damaged.length - 40]! ^= 0xff;
    writeFileSync(file, damaged);
    const r = child(dir);
    assert.deepEqual(r.stats, { hits: 0, misses: 1, writes: 1, unstorable: 0 });
    assert.equal(r.kusto, true);
    assert.deepEqual(r.rows, EXPECTED);
    assert.ok(readFileSync(file).equals(good), 'the entry is rewritten');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a flipped, truncated, other-version or foreign entry reads as a miss, and compiling again overwrites it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const cache = new PlanCache(dir);
    const query = 'print x = 1, d = dynamic([1, datetime(2020-01-01)])';
    const key = cache.keyOf(query, CATALOG)!;
    compileQuery(query, CATALOG, { cache });
    const good = readFileSync(cache.pathOf(key));
    const otherVersion = Buffer.from(good);
    otherVersion.writeUInt32LE(PLAN_FORMAT_VERSION + 1, 6);
    const otherKey = Buffer.from(good);
    otherKey.write('f'.repeat(64), 10, 'latin1');
    const variants: [string, Buffer][] = [
      ['truncated', good.subarray(0, good.length - 10)],
      ['header only', good.subarray(0, 20)],
      ['empty', Buffer.alloc(0)],
      ['another format version', otherVersion],
      ['another key', otherKey],
      ['not an entry', Buffer.from('hello')],
    ];
    for (let i = 1; i < good.length - 102; i += 97) {
      const b = Buffer.from(good);
      b[i]! ^= 0x5a;
      variants.push([`byte ${i} flipped`, b]);
    }
    for (const [what, bytes] of variants) {
      writeFileSync(cache.pathOf(key), bytes);
      assert.equal(cache.get(key), undefined, what);
      compileQuery(query, CATALOG, { cache });
      assert.ok(readFileSync(cache.pathOf(key)).equals(good), `${what}: rewritten`);
    }
    assert.ok(cache.get(key));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a cache folder that cannot be created or written does not fail the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const r = child(join(file, 'cache'));
    assert.deepEqual(r.stats, { hits: 0, misses: 1, writes: 0, unstorable: 0 });
    assert.deepEqual(r.rows, EXPECTED);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('entries past maxEntries go least recently used first; warnings are kept with the plan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const cache = new PlanCache(dir, { maxEntries: 3 });
    const plan = compileQuery('print x = 1', CATALOG).plan;
    const warnings = [{ severity: 'warning' as const, message: 'w', start: 0, length: 5 }];
    const keys = ['a', 'b', 'c', 'd'].map((k) => k.repeat(64));
    keys.slice(0, 3).forEach((k, i) => {
      assert.ok(cache.put(k, { plan, warnings }));
      utimesSync(cache.pathOf(k), new Date(2000, 0, 1 + i), new Date(2000, 0, 1 + i));
    });
    // Reading the oldest makes it the most recently used.
    assert.deepEqual(cache.get(keys[0]!)?.warnings, warnings);
    assert.ok(cache.put(keys[3]!, { plan, warnings: [] }));
    assert.deepEqual(entries(dir), [keys[0], keys[2], keys[3]].map((k) => `${k}.plan`));
    assert.ok(statSync(cache.pathOf(keys[0]!)).mtimeMs > new Date(2001, 0, 1).getTime());
    // A stale temporary file of a crashed writer is removed too.
    const stale = join(cache.dir, '.x.1.tmp');
    writeFileSync(stale, '');
    utimesSync(stale, new Date(2000, 0, 1), new Date(2000, 0, 1));
    cache.put(keys[1]!, { plan, warnings: [] });
    assert.ok(!readdirSync(cache.dir).includes('.x.1.tmp'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a plan the codec cannot encode is compiled but not stored', () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-plan-cache-'));
  try {
    const cache = new PlanCache(dir);
    const plan = compileQuery('print x = 1', CATALOG).plan;
    const odd = { ...plan, schema: plan.schema, extra: new Date(0) } as never;
    assert.equal(cache.put('e'.repeat(64), { plan: odd, warnings: [] }), false);
    assert.equal(cache.stats.unstorable, 1);
    assert.equal(cache.get('e'.repeat(64)), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the cache folder: TRAILHOUND_CACHE_DIR, else an absolute XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(defaultCacheDir({ TRAILHOUND_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }), '/c');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x' }), '/x/trailhound');
  assert.match(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }), /\.cache\/trailhound$/);
  assert.match(defaultCacheDir({}), /\.cache\/trailhound$/);
  assert.equal(new PlanCache('/c').dir, '/c/plans');
});

test('a key depends on the content of the catalog, not on the object that holds it (its JSON is kept per object)', () => {
  const cache = new PlanCache(mkdtempSync(join(tmpdir(), 'th-plan-cache-')));
  const query = 'T | where a > 1';
  const key = cache.keyOf(query, CATALOG)!;
  const code = codeFingerprint()!;
  assert.equal(key, createHash('sha256').update(JSON.stringify([PLAN_FORMAT_VERSION, code, query, CATALOG])).digest('hex'));
  assert.equal(cache.keyOf(query, CATALOG), key, 'the same object again');
  assert.equal(cache.keyOf(query, structuredClone(CATALOG)), key, 'an equal copy');
  const retyped: CatalogSchema = { ...CATALOG, tables: [{ name: 'T', schema: [{ name: 'a', type: 'int' }, { name: 's', type: 'string' }] }] };
  assert.notEqual(cache.keyOf(query, retyped), key, 'another column type');
  assert.notEqual(cache.keyOf(`${query} `, CATALOG), key, 'another text');
  assert.notEqual(cache.keyOf('T | where a > "]"', CATALOG), cache.keyOf('T | where a > ","', CATALOG));
});
