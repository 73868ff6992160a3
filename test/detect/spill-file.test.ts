/** Spilled rows come back exactly: every Kusto value kind, dynamic wrappers and bag key order (docs/values.md). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpillFile } from '../../src/detect/spill-file.ts';
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Schema, type Value } from '../../src/kql/types.ts';
import { dynToJson, parseJson } from '../../src/kql/values/dynamic.ts';

const SCHEMA: Schema = [
  { name: 's', type: 'string' },
  { name: 'l', type: 'long' },
  { name: 'r', type: 'real' },
  { name: 'b', type: 'bool' },
  { name: 'd', type: 'dynamic' },
];

test('a chunk written and read back equals the original, with dynamic wrappers rebuilt as their classes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    const spill = new SpillFile(SCHEMA, parent);
    const bag = new Map<string, Value>([['1', new DynInt(7)], ['0', 9n], ['t', new DynDatetime(638_500_000_000_000_000n)]]);
    const columns: Value[][] = [
      ['a', '', 'ünï'],
      [-9_223_372_036_854_775_808n, null, 1n],
      [Number.NaN, -0, null],
      [true, null, false],
      [bag, [new DynTimespan(-5n), new DynGuid('0b8a6b5e-7a23-4c55-9d51-1f1c3c0d2e11'), new DynDecimal('1.10')], null],
    ];
    const first = spill.write({ columns: [['x'], [1n], [1], [true], [null]], ingestion: null });
    const second = spill.write({ columns, ingestion: [5n, null, 6n] });
    assert.ok(spill.bytes > 0);
    const back = spill.read(second);
    assert.deepEqual(back.ingestion, [5n, null, 6n]);
    assert.deepEqual(back.columns.slice(0, 4), columns.slice(0, 4));
    const [b0, a1] = back.columns[4] as [Map<string, Value>, Value[]];
    assert.ok(b0 instanceof Map);
    assert.deepEqual([...b0.keys()], ['1', '0', 't'], 'bag key order kept ("1" before "0")');
    assert.ok(b0.get('1') instanceof DynInt && (b0.get('1') as DynInt).value === 7);
    assert.equal(b0.get('0'), 9n);
    assert.ok(b0.get('t') instanceof DynDatetime);
    assert.ok(a1[0] instanceof DynTimespan && (a1[0] as DynTimespan).ticks === -5n);
    assert.ok(a1[1] instanceof DynGuid);
    assert.ok(a1[2] instanceof DynDecimal && (a1[2] as DynDecimal).text === '1.10');
    assert.deepEqual(spill.read(first).columns[0], ['x'], 'chunks are independent');
    assert.equal(readdirSync(parent).length, 1, 'one spill folder while open');
    spill.close();
    assert.equal(readdirSync(parent).length, 0, 'closing deletes the spill file and its folder');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('dynamic values nested 100,000 levels deep are spilled and read back (v8.serialize alone fails a few thousand levels down; issue #13)', { timeout: 120_000 }, () => {
  const parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    const spill = new SpillFile([{ name: 'd', type: 'dynamic' }], parent);
    const n = 100_000;
    const texts = ['['.repeat(n) + ']'.repeat(n), '{"a":'.repeat(n) + '[1,{"b":"x"},{}]' + '}'.repeat(n), '{"k":[]}', '[]', '{}'];
    const values: Value[] = [...texts.map((t) => parseJson(t)!), null, 'plain', new DynInt(3)];
    const back = spill.read(spill.write({ columns: [values], ingestion: null })).columns[0]!;
    assert.equal(back.length, values.length);
    texts.forEach((t, i) => assert.equal(dynToJson(back[i]!), t));
    assert.deepEqual(back.slice(texts.length), [null, 'plain', new DynInt(3)]);
    spill.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('a spill file that was never written creates nothing on disk', () => {
  const parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    const spill = new SpillFile(SCHEMA, parent);
    spill.close();
    assert.equal(readdirSync(parent).length, 0);
    assert.ok(existsSync(parent));
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('every scalar type comes back: string dictionaries (small and past 65,535 distinct values), 64-bit columns with nulls and extremes', () => {
  const parent = mkdtempSync(join(tmpdir(), 'spill-test-'));
  try {
    const schema: Schema = [
      { name: 's', type: 'string' },
      { name: 'many', type: 'string' },
      { name: 'dt', type: 'datetime' },
      { name: 'ts', type: 'timespan' },
      { name: 'l', type: 'long' },
      { name: 'i', type: 'int' },
      { name: 'g', type: 'guid' },
      { name: 'm', type: 'decimal' },
    ];
    const n = 70_000;
    const columns: Value[][] = [
      Array.from({ length: n }, (_, k) => ['', 'us-east-1', 'eu-west-1', 'ünï'][k % 4]!),
      Array.from({ length: n }, (_, k) => `value-${k}`),
      Array.from({ length: n }, (_, k) => (k % 5 === 0 ? null : 638_500_000_000_000_000n + BigInt(k))),
      Array.from({ length: n }, (_, k) => (k % 7 === 0 ? null : BigInt(-k))),
      Array.from({ length: n }, (_, k) => (k === 0 ? -9_223_372_036_854_775_808n : k === 1 ? 9_223_372_036_854_775_807n : k % 3 === 0 ? null : 0n)),
      Array.from({ length: n }, (_, k) => (k % 2 === 0 ? null : k)),
      Array.from({ length: n }, (_, k) => (k % 2 === 0 ? null : '0b8a6b5e-7a23-4c55-9d51-1f1c3c0d2e11')),
      Array.from({ length: n }, (_, k) => (k % 2 === 0 ? null : '1.10')),
    ];
    const ingestion = Array.from({ length: n }, (_, k) => (k % 4 === 0 ? null : BigInt(k)));
    const spill = new SpillFile(schema, parent);
    const ref = spill.write({ columns, ingestion });
    const back = spill.read(ref);
    assert.deepEqual(back.columns, columns);
    assert.deepEqual(back.ingestion, ingestion);
    spill.close();
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
