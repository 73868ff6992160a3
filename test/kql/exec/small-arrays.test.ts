/**
 * Scratch typed arrays carved from shared buffers (vector/small-arrays.ts): each starts zeroed
 * and owns its bytes, whatever was written to the arrays made before it, across slab boundaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { int32s, uint32s, uint8s } from '../../../src/kql/exec/vector/small-arrays.ts';

test('small typed arrays are zeroed, of the asked length, and never share bytes', () => {
  const made: (Uint8Array | Int32Array | Uint32Array)[] = [];
  // Enough to fill several 64 KB slabs, with sizes on both sides of the carving limits.
  const sizes = [0, 1, 15, 16, 17, 63, 64, 65, 100, 1023, 1024, 1025, 4096, 4097, 20000];
  for (let round = 0; round < 40; round++) {
    for (const n of sizes) {
      for (const make of [uint8s, int32s, uint32s]) {
        const a = make(n);
        assert.equal(a.length, n);
        for (let i = 0; i < n; i++) assert.equal(a[i], 0);
        a.fill(round + 1);
        made.push(a);
      }
    }
  }
  // Every array still holds what was written to it: no later array reused its bytes.
  let k = 0;
  for (let round = 0; round < 40; round++) {
    for (const _ of sizes) {
      for (let m = 0; m < 3; m++) {
        const a = made[k++]!;
        for (let i = 0; i < a.length; i++) assert.equal(a[i], round + 1);
      }
    }
  }
});
