import { test } from 'node:test';
import assert from 'node:assert/strict';
import { JsonItemSplitter, LineSplitter, type SplitOutput } from '../../src/cloudtrail/splitter.ts';

function split(text: string, chunk: number, lines = false): SplitOutput[] {
  const s = lines ? new LineSplitter(1 << 20) : new JsonItemSplitter(1 << 20);
  const out: SplitOutput[] = [];
  const buf = Buffer.from(text, 'utf8');
  for (let i = 0; i < buf.length; i += chunk) s.push(buf.subarray(i, i + chunk), out);
  s.end(out);
  return out;
}

const DOC = '{"Records":[{"a":"x]}\\"{","b":[1,{"c":"é"}]} , {"d":null},"s",12]}\n[{"e":1}] {"eventVersion":"1"}';

test('items are the same whatever the chunk size (strings with brackets, escapes, UTF-8 split across chunks)', () => {
  const whole = split(DOC, 1 << 16);
  assert.deepEqual(
    whole.map((o) => (o.kind === 'item' ? [o.text, o.container] : o.kind === 'problem' ? o.message : o)),
    [
      ['{"a":"x]}\\"{","b":[1,{"c":"é"}]}', 'Records'],
      ['{"d":null}', 'Records'],
      ['"s"', 'Records'],
      ['12', 'Records'],
      ['{"e":1}', '[]'],
      ['{"eventVersion":"1"}', null],
    ],
  );
  const bytes = Buffer.from(DOC, 'utf8');
  for (const o of whole) if (o.kind === 'item') assert.equal(bytes.indexOf(Buffer.from(o.text, 'utf8')), o.offset, 'byte offset');
  for (const size of [1, 2, 3, 7]) assert.deepEqual(split(DOC, size), whole, `chunk ${size}`);
});

test('JSON Lines splitter: one item per non-empty line, CRLF tolerated by JSON.parse', () => {
  const out = split('{"a":1}\r\n\n{"b":2}\n', 3, true);
  assert.deepEqual(out.map((o) => (o.kind === 'item' ? JSON.parse(o.text) : o.kind === 'problem' ? o.message : o)), [{ a: 1 }, { b: 2 }]);
});

test('oversize items are reported and skipped without buffering them', () => {
  const s = new JsonItemSplitter(50);
  const out: SplitOutput[] = [];
  s.push(Buffer.from(`[{"a":"${'x'.repeat(200)}"},{"b":1}]`), out);
  s.end(out);
  assert.equal(out[0]!.kind, 'problem');
  assert.deepEqual(out[0], { kind: 'problem', index: 0, offset: 1, message: '208 bytes, over the 50-byte record limit' });
  assert.deepEqual(out[1], { kind: 'item', text: '{"b":1}', index: 1, offset: 210, container: '[]', ascii: true, plainStrings: true });
});
