import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTree } from '../../bench/lib/tree.ts';

test('a benchmark tree is reused for the same records, and a tree of other records is refused, not replaced, unless --regen', (t) => {
  const dir = join(mkdtempSync(join(tmpdir(), 'th-tree-')), 'tree');
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const first = ensureTree(dir, 1000, '1', false);
  const manifest = readFileSync(join(dir, 'manifest.json'), 'utf8');
  assert.deepEqual(ensureTree(dir, 1000, '1', false), first);
  assert.throws(() => ensureTree(dir, 2000, '1', false), /holds a tree of 1000 records \(seed 1\): pass --records 1000 --seed 1/);
  assert.throws(() => ensureTree(dir, 1000, '2', false), /--regen/);
  assert.equal(readFileSync(join(dir, 'manifest.json'), 'utf8'), manifest, 'the tree is untouched');
  assert.equal(ensureTree(dir, 2000, '1', true).options.records, 2000);
});
