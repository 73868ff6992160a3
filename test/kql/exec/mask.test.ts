/** Tri-state masks (exec/vector/mask.ts): the null-values doc's three-valued logic, and selections. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { andInto, FALSE, maskOf, notInPlace, NULL, orInto, selection, TRUE, valuesOf } from '../../../src/kql/exec/vector/mask.ts';

const ALL = [FALSE, TRUE, NULL];
const xs = Uint8Array.from(ALL.flatMap((x) => ALL.map(() => x)));
const ys = Uint8Array.from(ALL.flatMap(() => ALL));

test('and / or / not truth tables: false wins and, true wins or, otherwise null is sticky', () => {
  assert.deepEqual(valuesOf(andInto(xs.slice(), ys)), [false, false, false, false, true, null, false, null, null]);
  assert.deepEqual(valuesOf(orInto(xs.slice(), ys)), [false, true, null, true, true, true, null, true, null]);
  assert.deepEqual(valuesOf(notInPlace(Uint8Array.from(ALL))), [true, false, null]);
});

test('maskOf takes true/false/null only', () => {
  assert.deepEqual(maskOf([true, false, null], 3), Uint8Array.from([TRUE, FALSE, NULL]));
  assert.equal(maskOf([true, 1], 2), undefined);
});

test('selection: the true rows; undefined when every row is true (no copy needed)', () => {
  assert.deepEqual(Array.from(selection(Uint8Array.from([NULL, TRUE, FALSE, TRUE]))!), [1, 3]);
  assert.deepEqual(Array.from(selection(Uint8Array.from([NULL, FALSE]))!), []);
  assert.equal(selection(Uint8Array.from([TRUE, TRUE])), undefined);
  assert.equal(selection(new Uint8Array(0)), undefined);
});
