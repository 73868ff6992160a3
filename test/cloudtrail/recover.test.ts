/** recoverRecords: salvaging whole records from a damaged text, in one pass over it (issue #13). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recoverRecords } from '../../src/cloudtrail/recover.ts';

const RECORD = JSON.stringify({ eventVersion: '1.08', eventTime: '2024-01-01T00:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', awsRegion: 'us-east-1' });

test('candidates start after [, a comma or a line end, then blanks (JSON Lines glued to a broken record)', () => {
  const text = `{"Records":[${RECORD.slice(0, 40)},\n  ${RECORD}\n${RECORD}x{"a":1}`;
  const found = recoverRecords(text);
  assert.equal(found.length, 2);
  assert.deepEqual(found.map((r) => r.text), [RECORD, RECORD]);
  assert.equal(found[0]!.at, '{"Records":['.length + 40 + ',\n  '.length);
});

test('a million blank lines: linear (the regex /[[,\\n]\\s*\\{/ rescanned them from each line end)', { timeout: 60_000 }, () => {
  assert.deepEqual(recoverRecords(`[,${'\n'.repeat(1_000_000)}x`), []);
  const found = recoverRecords(`${'\n'.repeat(1_000_000)}${RECORD}`);
  assert.equal(found.length, 1);
});
