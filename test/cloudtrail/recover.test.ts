/** recoverRecords: salvaging whole records from a damaged text, in one pass over it (issue #13). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { recoverRecords } from '../../src/cloudtrail/recover.ts';
import { valueEnd } from '../../src/cloudtrail/json-text.ts';
import { isCloudTrailRecord } from '../../src/cloudtrail/items.ts';

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

/**
 * The previous algorithm, kept as the specification of what is salvaged: from each candidate,
 * the text to its matching bracket (json-text valueEnd), kept when JSON.parse reads a
 * CloudTrail record there. Quadratic, so only run on small texts.
 */
function quadraticReference(text: string): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  for (let at = 0; ; ) {
    let start = -1;
    for (let i = at; i < text.length; i++) {
      if (text[i] !== '{') continue;
      let j = i - 1;
      while (j >= 0 && /\s/.test(text[j]!) && text[j] !== '\n') j--;
      if (j >= 0 && '[,\n'.includes(text[j]!)) {
        start = i;
        break;
      }
    }
    if (start < 0) break;
    at = start + 1;
    const end = valueEnd(text, start);
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      continue;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && isCloudTrailRecord(value as Record<string, unknown>)) {
      out.push({ text: text.slice(start, end), at: start });
      at = end;
    }
  }
  return out;
}

const PIECES = [
  '{', '}', '[', ']', ',', ':', '"', '\\', '\n', ' ', '1', '-0.5e+3', 'true', 'nul', '"a"', '"\\"x"', '"\\u0065ventID"',
  '"eventVersion"', '"eventTime"', '"eventName"', '"eventSource"', '"eventID"', ':"1.08"', '"\\\\"', '\t', '\u2028',
  RECORD, `{"eventID":"e","x":[{"eventVersion":"1"}]}`, '{"Records":[',
];

test('salvages exactly what the previous algorithm (one cut and JSON.parse per candidate) salvaged', { timeout: 60_000 }, () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), (pieces) => {
      const text = pieces.join('');
      const got = recoverRecords(text).map((r) => ({ text: r.text, at: r.at }));
      assert.deepEqual(got, quadraticReference(text));
    }),
    { numRuns: 20_000 },
  );
});

/**
 * Hostile damaged items, each about 2 MB between two good records. With one scan to the
 * matching bracket per candidate, each of these took hours (every candidate's scan runs to
 * the end of the text, or JSON.parse of every nested candidate reads all of it).
 */
const HOSTILE: [string, string][] = [
  ['",{" a million times', ',{'.repeat(1_000_000)],
  ['unclosed "{"eventVersion":" fragments', ',{"eventVersion":'.repeat(120_000)],
  ['"[{" nested unclosed', '[{"a":'.repeat(330_000)],
  ['"[{" nested and closed (valid JSON, no record)', `[${'{"a":['.repeat(160_000)}1${']}'.repeat(160_000)}]`],
  ['records nested in unclosed records', `${'{"eventID":"n","r":['.repeat(100_000)}x`],
  ['"[[[[" then candidates', `${'['.repeat(1_000_000)}${'{"a":1},'.repeat(100_000)}`],
  ['a string that never ends, with candidates in it', `{"a":"${',{"b":"x\\"'.repeat(200_000)}`],
];

for (const [name, junk] of HOSTILE) {
  test(`linear on hostile damage: ${name}`, { timeout: 60_000 }, () => {
    const text = `{"Records":[${RECORD},${junk}\n${RECORD}]}`;
    const found = recoverRecords(text);
    assert.equal(found[0]!.text, RECORD);
    assert.equal(found[0]!.at, '{"Records":['.length);
    assert.equal(found.at(-1)!.text, RECORD);
    assert.equal(found.at(-1)!.at, text.length - RECORD.length - 2);
  });
}
