import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call } from './helpers.ts';
import { parseDatetime } from '../../../src/kql/values/datetime.ts';

test('hash_md5 examples: "World" and datetime(2020-01-01) via its tostring form (hash-md5 doc, kql-semantics.md §7.7)', () => {
  assert.equal(call('hash_md5', ['string'], 'string', ['World']), 'f5a7924e621e84c9280a9a27e1bcb7f6');
  assert.equal(call('hash_md5', ['datetime'], 'string', [parseDatetime('2020-01-01')]), '786c530672d1f8db31fee25ea8a9390b');
});

test('hash_sha256("World") (hash-sha256 doc) and hash_sha1 of the UTF-8 text', () => {
  assert.equal(call('hash_sha256', ['string'], 'string', ['World']), '78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524');
  assert.equal(call('hash_sha1', ['string'], 'string', ['World']), '70c07ec18ef89c5309bbb0937f3a6342411e1fdd');
  assert.equal(call('hash_sha1', ['long'], 'string', [null]), '');
});

test('hash() is XXH64: hash("World") = 1846988464401551951, hash("World", 100) = 51 (hash doc)', () => {
  assert.equal(call('hash', ['string'], 'long', ['World']), 1846988464401551951n);
  assert.equal(call('hash', ['string', 'long'], 'long', ['World', 100n]), 51n);
  assert.throws(() => call('hash', ['long'], 'long', [1n]), /not supported/);
});
