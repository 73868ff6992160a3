/** The file sink after a crash: a torn last line is cut, alerts already in the file are not written again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from '../../src/live/sinks.ts';
import type { Alert } from '../../src/live/alerts.ts';
import { tempDir } from './helpers.ts';

const alert = (id: string) => ({ id, late: false }) as unknown as Alert;
const line = (id: string) => `${JSON.stringify({ id, late: false })}\n`;

test('file sink: torn line cut, written alerts skipped, new ones appended', async (t) => {
  const file = join(tempDir(t), 'a.jsonl');
  writeFileSync(file, `${line('a')}${line('b')}{"id":"c","la`);
  const sink = new FileSink(file);
  await sink.send(alert('b'), line('b'));
  await sink.send(alert('c'), line('c'));
  await sink.send(alert('c'), line('c'));
  sink.close();
  assert.equal(readFileSync(file, 'utf8'), `${line('a')}${line('b')}${line('c')}`);
});
