/**
 * Output of the commands for any number of rows (issue #13, "Outputs"): every format streams in
 * flat memory, a table of many rows keeps its alignment, and a reader that goes away (`| head -1`)
 * ends the command quietly with exit 141, what a shell reports for a closed pipe.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

function trailhound(args: string[], nodeFlags: string[] = []): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', MAIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test('table of 130,000 rows (past the argument limit of a spread): every row, aligned, with the count', { timeout: 600_000 }, () => {
  const r = trailhound(['query', 'range x from 1 to 130000 step 1 | extend s = iff(x % 2000 == 0, strcat("wide-", x), "n")']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 130_003, 'header, rule, 130,000 rows, count');
  assert.match(lines[0]!, /^x\s+s$/);
  assert.equal(lines.at(-1), '(130000 rows)');
  // widths come from the first 1,000 rows (6 digits were not among them): later rows keep the
  // columns where the first rows put them as long as their cells fit
  const sCol = lines[0]!.indexOf('s');
  assert.equal(lines[2]!.indexOf('n'), sCol);
  assert.equal(lines[2 + 1999]!, `2000${' '.repeat(sCol - 4)}wide-2000`);
  assert.equal(lines[2 + 129_999]!, `130000  wide-130000`, 'a wider cell is printed whole and shifts the rest of its line');
});

// 1 M rows of text is ~35 MB as one string, several times that while it is built: a 96 MB heap
// holds the query engine and a stream of batches, not the whole output (the former formatter
// needed over 1 GB for 3 M rows).
for (const format of ['jsonl', 'json', 'csv', 'table']) {
  test(`--format ${format}: 1,000,000 rows in a 96 MB heap (output streamed with backpressure)`, { timeout: 600_000 }, () => {
    const r = trailhound(['query', '--format', format, 'set notruncation; range x from 1 to 1000000 step 1 | extend y = strcat("row-", x)'], ['--max-old-space-size=96']);
    assert.equal(r.code, 0, r.stderr.slice(0, 2000));
    const lines = r.stdout.trimEnd().split('\n');
    switch (format) {
      case 'jsonl':
        assert.equal(lines.length, 1_000_000);
        assert.deepEqual(JSON.parse(lines.at(-1)!), { x: 1000000, y: 'row-1000000' });
        break;
      case 'json': {
        const j = JSON.parse(r.stdout) as { rows: unknown[][] };
        assert.equal(j.rows.length, 1_000_000);
        assert.deepEqual(j.rows[999_999], [1000000, 'row-1000000']);
        break;
      }
      case 'csv':
        assert.equal(lines.length, 1_000_001);
        assert.equal(lines.at(-1), '1000000,row-1000000');
        break;
      case 'table':
        assert.equal(lines.length, 1_000_003);
        assert.equal(lines.at(-1), '(1000000 rows)');
        break;
    }
  });
}

test('a closed pipe (| head -1) ends the command quietly with exit 141', { timeout: 600_000 }, () => {
  const script = `"${process.execPath}" --import tsx "${MAIN}" "$@" | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
  for (const args of [
    ['query', '--format', 'jsonl', 'set notruncation; range x from 1 to 3000000 step 1'],
    ['query', 'set notruncation; range x from 1 to 3000000 step 1'],
  ]) {
    const r = spawnSync('bash', ['-c', script, 'bash', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, args.includes('jsonl') ? '{"x":1}\n' : 'x\n');
    assert.equal(r.stderr, 'status=141\n', 'no EPIPE error, no stack trace');
  }
});
