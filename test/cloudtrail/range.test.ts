/**
 * A byte range of a JSON / JSON Lines file (live mode reads what was appended since its last
 * read): the records in the range and no others, whether the file is read whole or streamed,
 * plain or gzip; offsets in problems are the file's, not the range's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { collect, tempDir } from './helpers.ts';

const rec = (id: string) => ({ eventVersion: '1.08', eventTime: '2024-05-01T11:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventID: id });

test('a range of JSON Lines and of concatenated JSON documents: the records in it, plain or gzip, whole or streamed', async (t) => {
  const dir = tempDir(t);
  const lines = ['a', 'b', 'c', 'd'].map((id) => JSON.stringify(rec(id)));
  const jsonl = `${lines.join('\n')}\n`;
  const docs = lines.map((l) => `{"Records":[${l}]}`).join(' ');
  const cases = [
    { name: 'x.jsonl', text: jsonl, format: 'jsonl' as const, start: lines[0]!.length + 1, end: lines[0]!.length + lines[1]!.length + lines[2]!.length + 3 },
    { name: 'x.json', text: docs, format: 'json' as const, start: docs.indexOf('{"Records"', 1), end: docs.lastIndexOf(' ') },
  ];
  for (const c of cases) {
    for (const gzip of [false, true]) {
      const path = join(dir, gzip ? `${c.name}.gz` : c.name);
      writeFileSync(path, gzip ? gzipSync(c.text) : c.text);
      for (const wholeFileMaxBytes of [2 * 1024 * 1024, 0]) {
        const src = openCloudTrail([path], { format: c.format, wholeFileMaxBytes, ranges: new Map([[path, { start: c.start, end: c.end }]]) });
        const { rows } = await collect(src);
        assert.deepEqual(rows.map((r) => r.AwsEventId), ['b', 'c'], `${path} ${wholeFileMaxBytes}`);
        assert.deepEqual(src.diagnostics(), []);
      }
    }
  }
});

test('a problem in a range is placed at its byte in the file', async (t) => {
  const dir = tempDir(t);
  const good = JSON.stringify(rec('a'));
  const path = join(dir, 'x.jsonl');
  writeFileSync(path, `${good}\n{"eventID": broken\n`);
  const src = openCloudTrail([path], { format: 'jsonl', ranges: new Map([[path, { start: good.length + 1, end: good.length + 20 }]]) });
  await collect(src);
  assert.equal(src.diagnostics()[0]!.offset, good.length + 1);
});
