/**
 * StringIds (src/kql/exec/string-ids.ts), dcount's dictionary once it is large: it must answer
 * exactly like a Map from strings to ids in first-seen order through every growth, give back each
 * string with its exact code units (Latin-1, wide, lone surrogates, empty), and stay exact when
 * strings collide: those past a probe sequence's end go to its overflow Map.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringIds } from '../../../src/kql/exec/string-ids.ts';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

test('StringIds: the same ids as a Map in first-seen order, through every growth, and the same strings back', () => {
  const ids = new StringIds(1);
  const map = new Map<string, number>();
  const rnd = lcg(7);
  for (let k = 0; k < 200_000; k++) {
    const n = rnd() % 60_000;
    const s = `${n % 223}.${(n >>> 3) % 256}.${n % 256}.${n % 7}`;
    let want = map.get(s);
    if (want === undefined) map.set(s, (want = map.size));
    assert.equal(ids.idOf(s), want, s);
  }
  assert.equal(ids.size, map.size);
  for (const [s, id] of map) assert.equal(ids.value(id), s);
});

test('StringIds: code units come back exactly: empty, Latin-1, wide, lone surrogates, long', () => {
  const strings = [
    '', 'a', 'A', '\u0000', '\u00ff', 'caf\u00e9', '\u0100', 'K', '\u212a', '\u00e7\u00c7', '日本語',
    '\ud83d\ude00', '\ud83d', '\ude00', 'x\ud800y', 'é'.normalize('NFD'), 'x'.repeat(100_000), '\u00ff'.repeat(3) + '\u0100',
  ];
  const ids = new StringIds();
  strings.forEach((s, i) => assert.equal(ids.idOf(s), i, JSON.stringify(s)));
  strings.forEach((s, i) => assert.equal(ids.idOf(s), i, `${JSON.stringify(s)} again`));
  strings.forEach((s, i) => assert.equal(ids.value(i), s, `value ${i}`));
  // a string and its Latin-1 look-alike are different ids
  assert.notEqual(ids.idOf('\u00e9'), ids.idOf('\u0065\u0301'));
});

test('StringIds: strings that all collide stay exact; past the probe limit they go to the overflow Map', () => {
  for (const mask of [0, 1]) {
    const ids = new StringIds(1, mask);
    const all: string[] = [];
    for (let i = 0; i < 5_000; i++) all.push(i % 3 === 0 ? `ü-${i}` : i % 3 === 1 ? `\u0100-${i}` : `user-${i}`);
    all.forEach((s, i) => assert.equal(ids.idOf(s), i, s));
    all.forEach((s, i) => assert.equal(ids.idOf(s), i, `${s} again`));
    all.forEach((s, i) => assert.equal(ids.value(i), s));
    assert.equal(ids.size, all.length);
    // 64 slots a home slot (two home slots with mask 1, whose probe windows overlap), the rest overflow
    assert.ok(ids.overflowed >= all.length - 128 && ids.overflowed < all.length, `overflowed ${ids.overflowed}`);
  }
});

test('StringIds: memory is a few bytes a character, not a JS string and a Map entry each', () => {
  const ids = new StringIds();
  for (let i = 0; i < 400_000; i++) ids.idOf(`10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`);
  // ~12 characters, 12 bytes of index and 8 of slots: about 32 bytes each, against ~100 in a Map
  assert.ok(ids.bytes < 400_000 * 64, `${ids.bytes} bytes`);
});
