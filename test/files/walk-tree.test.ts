/**
 * Folder walks over real symbolic links in a temporary folder (issue #13, "Files and exit
 * codes"): loops end, each real file is read once, broken links and unreadable folders are named
 * and counted, and the launcher's size estimate (bin/bytes-under.js) ends too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, linkSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/cloudtrail/discover.ts';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { ruleFiles } from '../../src/detect/rule-files.ts';
// @ts-expect-error: plain JavaScript module of the launcher, without types
import { bytesUnder } from '../../bin/bytes-under.js';
import { record } from '../live/helpers.ts';

function tempDir(t: { after(fn: () => void): void }): string {
  const d = mkdtempSync(join(tmpdir(), 'th-walk-'));
  t.after(() => {
    chmodSync(d, 0o755);
    rmSync(d, { recursive: true, force: true });
  });
  return d;
}

const trail = (ids: string[]): string => JSON.stringify({ Records: ids.map((id) => record({ time: '2024-05-01T10:00:00Z', id })) });

async function countRows(paths: string[]): Promise<{ rows: number; files: number; diags: string[] }> {
  const src = openCloudTrail(paths, { keepDuplicates: true, workers: 1 });
  let rows = 0;
  for await (const b of src.scan({ predicates: [] })) rows += b.length;
  return { rows, files: src.summary().files - src.summary().skippedFiles - src.summary().failedFiles, diags: src.diagnostics().map((d) => `${d.severity}: ${d.file}: ${d.message}`) };
}

// With two links to their own folder, a walk that follows links without knowing where it has
// been visits a/, b/, a/a/, a/b/, ... 2^40 folders before the path is too long to resolve: the
// old launcher estimate never ended on this tree, and the timeout makes a regression fail.
test('a folder holding two links to itself (ln -s . a; ln -s . b) and one to its parent: each real file read once', { timeout: 60_000 }, async (t) => {
  const dir = tempDir(t);
  const logs = join(dir, 'logs');
  mkdirSync(join(logs, 'sub'), { recursive: true });
  writeFileSync(join(logs, 'one.json'), trail(['e1', 'e2']));
  writeFileSync(join(logs, 'empty.json'), '');
  writeFileSync(join(logs, 'sub', 'two.json'), trail(['e3']));
  symlinkSync('.', join(logs, 'a'));
  symlinkSync('.', join(logs, 'b'));
  symlinkSync('..', join(logs, 'sub', 'up'));
  const r = await countRows([logs]);
  assert.equal(r.rows, 3);
  assert.equal(r.files, 2, 'one.json and sub/two.json, each once (empty.json fails)');
  assert.ok(r.diags.some((d) => /^info: .*logs\/a: symbolic link loop \(back to .*logs\): not followed$/.test(d)), r.diags.join('\n'));
  assert.ok(r.diags.some((d) => /^info: .*sub\/up: symbolic link loop/.test(d)), r.diags.join('\n'));
  assert.equal(bytesUnder(logs, Number.MAX_SAFE_INTEGER), trail(['e1', 'e2']).length + trail(['e3']).length);
});

test('a file reached through a link, a hard link and a second --logs path is read once; a broken link to a data file is named', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'real.json'), trail(['e1']));
  symlinkSync(join(dir, 'real.json'), join(dir, 'alias.json'));
  linkSync(join(dir, 'real.json'), join(dir, 'hard.json'));
  symlinkSync(join(dir, 'missing.json.gz'), join(dir, 'broken.json.gz'));
  symlinkSync(join(dir, 'missing'), join(dir, 'broken-dir'));
  const found = await discover([dir, join(dir, 'real.json')], 'auto');
  assert.deepEqual(found.tasks.map((x) => x.path), [join(dir, 'alias.json')], 'the first path in name order is the one read');
  const messages = found.skipped.map((d) => `${d.severity}: ${d.file}: ${d.message}`);
  assert.deepEqual(messages, [
    `warning: ${join(dir, 'broken.json.gz')}: symbolic link that cannot be followed (ENOENT): skipped`,
    `info: ${join(dir, 'hard.json')}: same file as ${join(dir, 'alias.json')}: read once`,
    `info: ${join(dir, 'real.json')}: same file as ${join(dir, 'alias.json')}: read once`,
    `info: ${join(dir, 'real.json')}: same file as ${join(dir, 'alias.json')}: read once`,
  ]);
  assert.equal((await countRows([dir])).rows, 1);
});

test('a link to itself (ln -s x.json x.json) is a broken link, not a hang', async (t) => {
  const dir = tempDir(t);
  symlinkSync('self.json', join(dir, 'self.json'));
  const found = await discover([dir], 'auto');
  assert.equal(found.tasks.length, 0);
  assert.match(found.skipped[0]!.message, /symbolic link that cannot be followed \(ELOOP\)/);
});

test('rule folders with a link loop list each rule once', { timeout: 60_000 }, (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'r.kql'), 'AWSCloudTrail | take 1');
  symlinkSync('.', join(dir, 'a'));
  symlinkSync('.', join(dir, 'b'));
  assert.deepEqual(ruleFiles(dir), [join(dir, 'r.kql')]);
});

// Root reads every folder whatever its mode: as root the CLI runs as `nobody` for this test.
/** Whether every folder above `path` lets other users through (the execute bit for others). */
function othersCanReach(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dirname(dir) === dir) return true;
  }
}

test('a folder that cannot be listed is named and counted; the rest is read', { timeout: 60_000 }, (t) => {
  const dir = tempDir(t);
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'locked'));
  writeFileSync(join(dir, 'open.json'), trail(['e1']));
  writeFileSync(join(dir, 'locked', 'hidden.json'), trail(['e2']));
  chmodSync(join(dir, 'locked'), 0o000);
  const main = new URL('../../src/cli/bin.ts', import.meta.url).pathname;
  // Root reads any folder, so as root the CLI runs as nobody; nobody must then be able to reach
  // this checkout (a clone under a 0700 folder, e.g. mktemp -d, is out of its reach).
  const root = process.getuid?.() === 0;
  if (root && !othersCanReach(main)) {
    t.skip('running as root in a checkout that user nobody cannot reach: the unlistable folder cannot be simulated');
    return;
  }
  const asNobody = root ? { uid: 65534, gid: 65534 } : {};
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, 'query', '--no-cache', '--format', 'csv', '--logs', dir, 'AWSCloudTrail | count'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: tmpdir() },
    ...asNobody,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'Count\n1\n');
  assert.match(r.stderr, /CloudTrail: 2 files \(1 failed,/);
  assert.ok(r.stderr.includes(`${join(dir, 'locked')}: error: cannot list folder: EACCES`), r.stderr);
});

test('Parquet counts four times its size toward the snapshot limit (the records it holds take ~4x the bytes as .json.gz)', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'a.json.gz'), Buffer.alloc(1000));
  writeFileSync(join(dir, 'b.gz.parquet'), Buffer.alloc(1000));
  writeFileSync(join(dir, 'c.PARQUET'), Buffer.alloc(10));
  assert.equal(bytesUnder(dir, Number.MAX_SAFE_INTEGER), 1000 + 4000 + 40);
});
