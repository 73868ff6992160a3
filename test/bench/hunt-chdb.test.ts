/**
 * The hunting suite's chDB SQL (bench/lib/hunt-queries-chdb.ts) gives DuckDB's answers
 * (bench/lib/hunt-queries.ts), whole results compared as multisets, on a generated tree plus one
 * file of edge records: null, empty and missing fields (both engines read them as ''), a null
 * userIdentity, an eventTime with milliseconds (rounded to the second, as DuckDB's cast does). chdb is not a project dependency
 * (bench/baselines/chdb.ts); without it the test is skipped with a message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeTree } from '../../bench/generate.ts';
import { compareHunt, duckdbHuntSql, HUNT_QUERIES, pickAccessKey, tableOf } from '../../bench/lib/hunt-queries.ts';
import { chdbHuntSql } from '../../bench/lib/hunt-queries-chdb.ts';
import { CHDB_INSTALL, loadChdb } from '../../bench/baselines/chdb.ts';
import { listTree, sqlString, TREE_GLOB } from '../../bench/baselines/common.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chdb = loadChdb();
const skip = chdb === undefined ? `chdb not installed (${CHDB_INSTALL})` : false;

const dir = mkdtempSync(join(tmpdir(), 'trailhound-hunt-chdb-'));
writeTree({ records: 6000, seed: 'hunt-chdb' }, dir);
const key = pickAccessKey(listTree(dir)[0]!);
// edge records, in a file of their own inside the glob
const edge = [
  { eventTime: '2026-03-02T08:00:00Z', eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', sourceIPAddress: null, userIdentity: null, errorCode: null },
  { eventTime: '2026-03-02T08:30:00.750Z', eventSource: 'signin.amazonaws.com', eventName: 'ConsoleLogin', userIdentity: { type: 'IAMUser' }, errorCode: '' },
  { eventTime: '2026-03-02T09:00:00Z', eventSource: 's3.amazonaws.com', eventName: 'GetObject', sourceIPAddress: '', userAgent: null, userIdentity: { arn: null, accessKeyId: key }, errorCode: 'AccessDenied' },
  { eventTime: '2026-03-02T09:59:59Z', eventSource: 's3.amazonaws.com', userIdentity: { accessKeyId: key }, errorCode: 'NoSuchKey' },
];
const edgeDir = join(dir, 'AWSLogs', '000000000000', 'CloudTrail', 'us-east-1', '2026', '03', '02');
mkdirSync(edgeDir, { recursive: true });
writeFileSync(join(edgeDir, '000000000000_CloudTrail_us-east-1_20260302T0800Z_edge.json.gz'), gzipSync(JSON.stringify({ Records: edge })));
const glob = sqlString(resolve(dir, TREE_GLOB));

test.after(() => rmSync(dir, { recursive: true, force: true }));

for (const q of HUNT_QUERIES) {
  test(`chDB's ${q.name} equals DuckDB's, every group`, { skip }, async () => {
    const db = await DuckDBInstance.create(':memory:', { threads: '2' });
    const con = await db.connect();
    const reader = await con.runAndReadAll(duckdbHuntSql(q, glob, key));
    const duck = tableOf(reader.columnNames(), reader.getRowsJS() as unknown[][], q.datetimes);
    con.closeSync();
    const res = JSON.parse(chdb!(chdbHuntSql(q, glob, sqlString(key), 2), 'JSONCompact')) as { meta: { name: string }[]; data: unknown[][] };
    const ch = tableOf(res.meta.map((m) => m.name), res.data, q.datetimes);
    assert.ok(duck.rows.length > 0, 'the query finds something in the tree');
    assert.equal(compareHunt({ ...q, check: { kind: 'exact' } }, ch, duck), undefined);
  });
}

test('the edge records are read as DuckDB reads them: null and missing fields are empty strings', { skip }, () => {
  const q = HUNT_QUERIES.find((x) => x.name === 'console-logins')!;
  const res = JSON.parse(chdb!(chdbHuntSql(q, glob, sqlString(key), 2), 'JSONCompact')) as { data: unknown[][] };
  // the two edge logins (IP null and missing, user agent missing) group under ('', ''); one user ('')
  const empty = res.data.filter((r) => r[0] === '' && r[1] === '');
  assert.deepEqual(empty.map((r) => r.slice(2).map(String)), [['2', '1', '1772438400', '1772440201']]);
});

test('bench/baselines/chdb-hunt.ts prints the RESULT line the suite reads', { skip, timeout: 120_000 }, () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'baselines', 'chdb-hunt.ts'), '--dir', dir, '--query', 'access-key', '--key', key], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout.split('\n').find((l) => l.startsWith('RESULT '))!.slice(7)) as { tool: string; seconds: number; cpu: number; peakRssMB: number; columns: string[]; rows: unknown[][] };
  assert.match(res.tool, /^chDB .* \(2 threads\)$/);
  assert.deepEqual(res.columns, ['TimeGenerated', 'EventSource', 'EventName', 'SourceIpAddress', 'ErrorCode']);
  assert.ok(res.peakRssMB > 0 && res.seconds > 0);
  // the two edge records of the key are among its rows, missing fields as ''
  const rows = res.rows.map((x) => x.map(String).join('|'));
  assert.ok(rows.includes('1772442000|s3.amazonaws.com|GetObject||AccessDenied'), rows.slice(0, 3).join('\n'));
  assert.ok(rows.includes('1772445599|s3.amazonaws.com|||NoSuchKey'));
});
