/**
 * Hostile `--table` CSV files (issue #13), read by the real CLI: an unclosed quote, a field of
 * 17 MiB, a line of 20,001 columns are one line naming the file, exit 2; a BOM, mixed line
 * endings and invalid UTF-8 are read (invalid bytes as U+FFFD, as Node's UTF-8 decoder does).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'th-csv-'));
function query(name: string, bytes: string | Buffer, kql: string) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'query', '--table', `T=${file}`, '--format', 'json', kql], { cwd: root, encoding: 'utf8' });
  return { file, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('an unclosed quote: one line naming the file, exit 2', { timeout: 60_000 }, () => {
  const r = query('quote.csv', 'a,b\n1,"unclosed\n2,3\n', 'T | count');
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `trailhound: ${r.file}: not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 3\n`);
});

test('a field of 17 MiB is refused at the 16 MiB record limit', { timeout: 60_000 }, () => {
  const r = query('huge.csv', `a\n"${'x'.repeat(17 * 1024 * 1024)}"\n`, 'T | count');
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `trailhound: ${r.file}: not valid CSV: Max Record Size: record exceed the maximum number of tolerated bytes of 16777216 at line 2\n`);
});

test('a line of 20,001 columns is refused at 10,000', { timeout: 60_000 }, () => {
  const r = query('wide.csv', `a\n${','.repeat(20_000)}\n`, 'T | count');
  assert.equal(r.status, 2);
  assert.equal(r.stderr, `trailhound: ${r.file}: not valid CSV: line 2: 20001 columns, over the limit of 10000\n`);
});

test('a BOM and mixed CRLF / LF line endings are read as three rows', { timeout: 60_000 }, () => {
  const r = query('mixed.csv', '\uFEFFa,b\r\n1,x\n2,y\r\n3,z\r', 'T | project a, b');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).rows, [[1, 'x'], [2, 'y'], [3, 'z']]);
});

test('invalid UTF-8 reads as U+FFFD, the row kept', { timeout: 60_000 }, () => {
  const r = query('bad-utf8.csv', Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xff, 0xfe]), Buffer.from(',2\n')]), 'T | project a');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).rows, [['\uFFFD\uFFFD']]);
});
