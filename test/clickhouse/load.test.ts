/**
 * Loading CloudTrail into ClickHouse (chDB): every column of every row of the sample logs reads
 * back equal to our reader's rows, and a re-run or the re-run of an interrupted load leaves one
 * row per event (src/clickhouse/table.ts, "exactly once").
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { AWS_CLOUDTRAIL_LAYOUT } from '../../src/cloudtrail/clickhouse-layout.ts';
import { countRows, loadTable } from '../../src/clickhouse/load.ts';
import { clickHouseTableSource } from '../../src/clickhouse/table-source.ts';
import { createTableSql } from '../../src/clickhouse/table.ts';
import type { TableSource } from '../../src/kql/scan.ts';
import type { Value } from '../../src/kql/types.ts';
import { chdb, NEEDS_CHDB } from './chdb.ts';

const INVICTUS = 'examples/invictus';
const THEFT = 'examples/session-theft';
const MAIN = new URL('../../src/cli/bin.ts', import.meta.url).pathname;

async function rowsOf(source: TableSource): Promise<{ rows: Value[][]; ingestion: (bigint | null)[] }> {
  const rows: Value[][] = [];
  const ingestion: (bigint | null)[] = [];
  for await (const b of source.scan({ predicates: [] })) {
    for (let r = 0; r < b.length; r++) {
      rows.push(b.columns.map((c) => c[r]!));
      ingestion.push(b.ingestion?.[r] ?? null);
    }
  }
  return { rows, ingestion };
}

/** Rows with their ingestion time, in AwsEventId order (column 1). */
async function sortedRows(source: TableSource): Promise<Value[][]> {
  const { rows, ingestion } = await rowsOf(source);
  return rows.map((r, i) => [...r, ingestion[i]!]).sort((a, b) => ((a[1] as string) < (b[1] as string) ? -1 : (a[1] as string) > (b[1] as string) ? 1 : 0));
}

test('the DDL: 53 columns with Sentinel types mapped, partitioned by day, sorted for EventName/TimeGenerated, deduplicated on the event id', () => {
  const sql = createTableSql('db', AWS_CLOUDTRAIL_LAYOUT);
  assert.match(sql, /`TimeGenerated` DateTime64\(7, 'UTC'\),/);
  assert.match(sql, /`SessionCreationDate` Nullable\(DateTime64\(7, 'UTC'\)\),/);
  assert.match(sql, /`SessionMfaAuthenticated` Nullable\(Bool\),/);
  assert.match(sql, /`RequestParameters` String,/);
  assert.match(sql, /ENGINE = ReplacingMergeTree\nPARTITION BY toYYYYMMDD\(`TimeGenerated`\)\nORDER BY \(`EventName`, `TimeGenerated`, `_DedupKey`\)$/);
  assert.equal(sql.split('\n').filter((l) => /^ {2}`/.test(l)).length, 53 + 2);
});

test('every column of the sample logs reads back from ClickHouse equal to our reader, value for value; re-runs and interrupted loads add no row', { skip: NEEDS_CHDB, timeout: 300_000 }, async () => {
  const conn = await chdb();
  const database = 'loadtest';
  // An interrupted load: only part of the logs got in (one day of the trail, say).
  const part = await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([INVICTUS]), { database, chunkBytes: 64 * 1024 });
  assert.equal(part.rows, 2900);
  // The re-run loads everything: the invictus events again (now each a duplicate), and the scenario's two.
  const all = await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([THEFT]), { database, chunkBytes: 64 * 1024 });
  assert.equal(all.rows, 2902);
  // And once more, as a cron job re-running over the same folder would.
  await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([THEFT]), { database });
  assert.equal(await countRows(conn, AWS_CLOUDTRAIL_LAYOUT, database), 2902n);

  const expected = await sortedRows(openCloudTrail([THEFT]));
  const actual = await sortedRows(clickHouseTableSource(conn, AWS_CLOUDTRAIL_LAYOUT, database));
  assert.equal(actual.length, expected.length);
  // Datetimes (bigint ticks), bools (with nulls), strings ("" for absent) all compare exactly.
  for (let i = 0; i < expected.length; i++) assert.deepEqual(actual[i], expected[i], `row ${i} (${String(expected[i]![1])})`);
  // The sample holds every kind of value the columns take: nulls, true/false, sub-second times.
  const col = (name: string) => AWS_CLOUDTRAIL_LAYOUT.schema.findIndex((c) => c.name === name);
  assert.ok(actual.some((r) => r[col('SessionMfaAuthenticated')] === null) && actual.some((r) => r[col('SessionMfaAuthenticated')] === true));
  assert.ok(actual.some((r) => r[col('SessionCreationDate')] === null) && actual.some((r) => r[col('SessionCreationDate')] !== null));
});

test('records ClickHouse cannot hold exactly are reported by id and counted; the other records load', { skip: NEEDS_CHDB, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-load-'));
  const rec = (id: string, time: string, agent: string) => `{"eventVersion":"1.08","eventTime":"${time}","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"us-east-1","sourceIPAddress":"1.2.3.4","userAgent":"${agent}","eventID":"${id}","eventType":"AwsApiCall","recipientAccountId":"111122223333"}`;
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'logs', 'a.json'), `{"Records":[${rec('good-1', '2023-07-10T12:00:00Z', 'x')},${rec('far-future', '2400-01-01T00:00:00Z', 'x')},${rec('lone-surrogate', '2023-07-10T12:00:01Z', '\\ud800x')},${rec('good-2', '2023-07-10T12:00:02Z', 'é')}]}`);
  const conn = await chdb();
  const rejected: string[] = [];
  const r = await loadTable(conn, AWS_CLOUDTRAIL_LAYOUT, openCloudTrail([join(dir, 'logs')]), { database: 'rejects', onRejected: (id, why) => rejected.push(`${id}: ${why}`) });
  assert.deepEqual({ rows: r.rows, rejected: r.rejected }, { rows: 2, rejected: 2 });
  assert.deepEqual(rejected, [
    "far-future: TimeGenerated holds a datetime outside ClickHouse's DateTime64 range 1900-01-01 .. 2299-12-31",
    'lone-surrogate: UserAgent holds a string with a lone UTF-16 surrogate (no UTF-8 form)',
  ]);
  assert.equal(await countRows(conn, AWS_CLOUDTRAIL_LAYOUT, 'rejects'), 2n);
});

test('`trailhound load` creates the table and loads once; running it again adds nothing', { skip: NEEDS_CHDB, timeout: 300_000 }, () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'th-load-cli-')), 'db');
  for (let i = 0; i < 2; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'load', '--logs', THEFT, '--chdb', dir, '--database', 'ct'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /2902 row\(s\) sent to `ct`\.`AWSCloudTrail` on chdb:.*; it holds 2902 row\(s\), one per event\n$/);
  }
  const usage = spawnSync(process.execPath, ['--import', 'tsx', MAIN, 'load', '--logs', THEFT], { encoding: 'utf8' });
  assert.equal(usage.status, 2);
  assert.equal(usage.stderr, 'trailhound: load needs --chdb DIR or --clickhouse URL\n');
});
