import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { kindOf, NO_ID, packIds, TEXT_ID, unpackIds, UUID_ID, uuidWordsInto, wordsOf } from '../../src/cloudtrail/id-words.ts';

test('canonical lower-case UUIDs pack to words and back to the same text; every other id stays text', () => {
  const uuids = Array.from({ length: 2000 }, () => randomUUID());
  const edge = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '80000000-0000-4000-8000-7fffffffffff'];
  const others = ['', 'x', uuids[0]!.toUpperCase(), uuids[1]!.replace(/-/g, ''), `${uuids[2]!} `, `{${uuids[3]!}}`, uuids[4]!.replace('-', '_'), 'g'.repeat(36), '3038ebd2-c98a-4c65-9b6e-e2250629231', '3038ebd2+c98a-4c65-9b6e-e22506292313'];
  const ids = [...edge, ...others, ...uuids];
  const packed = packIds(ids);
  assert.deepEqual(unpackIds(packed), ids);
  assert.equal(packed.count, ids.length);
  assert.equal(kindOf(packed, edge.length), NO_ID, "'' is no id");
  for (let i = 0; i < edge.length; i++) assert.equal(kindOf(packed, i), UUID_ID);
  for (let i = edge.length + 1; i < edge.length + others.length; i++) assert.equal(kindOf(packed, i), TEXT_ID, ids[i]);
  assert.deepEqual(packed.texts, others.slice(1));
});

test('packed ids cross a structured clone (a worker message) byte for byte, as one-byte strings', () => {
  // every byte value occurs in the words: Latin-1 strings must carry them all, 0x00 and 0x80..0xff included
  const ids = Array.from({ length: 256 }, (_, b) => {
    const h = b.toString(16).padStart(2, '0');
    return `${h.repeat(4)}-${h.repeat(2)}-${h.repeat(2)}-${h.repeat(2)}-${h.repeat(6)}`;
  });
  const packed = packIds([...ids, 'not-a-uuid', '']);
  const crossed = deserialize(serialize(packed)) as typeof packed;
  assert.deepEqual(unpackIds(crossed), [...ids, 'not-a-uuid', '']);
  // the words are the text's bytes, read back through the reused buffer
  const expected = new Int32Array(4);
  assert.ok(uuidWordsInto(ids[0xa7]!, expected, 0));
  assert.deepEqual([...wordsOf(crossed).subarray(0xa7 * 4, 0xa7 * 4 + 4)], [...expected]);
  // a larger batch after a smaller one grows the buffer and still reads right
  const many = Array.from({ length: 20_000 }, () => randomUUID());
  assert.deepEqual(unpackIds(deserialize(serialize(packIds(many))) as typeof packed), many);
});

test('two different UUIDs never get the same words (one to one), the same UUID always does', () => {
  const a = new Int32Array(4);
  const b = new Int32Array(4);
  const base = '3038ebd2-c98a-4c65-9b6e-e22506292313';
  assert.ok(uuidWordsInto(base, a, 0));
  // every single-digit change changes the words
  for (let i = 0; i < 36; i++) {
    if (base[i] === '-') continue;
    const other = base.slice(0, i) + (base[i] === '0' ? '1' : '0') + base.slice(i + 1);
    assert.ok(uuidWordsInto(other, b, 0));
    assert.notDeepEqual([...a], [...b], other);
  }
  assert.ok(uuidWordsInto(base, b, 0));
  assert.deepEqual([...a], [...b]);
});
