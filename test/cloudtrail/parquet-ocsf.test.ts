/**
 * The leaf-column OCSF Parquet reader (parquet-ocsf.ts) against the reader it replaced: hyparquet's
 * object rows (every top-level column assembled) through the same OCSF mapping. The oracle below
 * is that old path, taken to JSON: each row object mapped with ocsfToCloudTrail and read back as a
 * CloudTrail JSON file. For both source versions, for several column sets and predicates, the rows
 * and every asked column are equal; row groups whose statistics rule them out are not read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { ocsfToCloudTrail } from '../../src/cloudtrail/ocsf.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { writeOcsfParquet, type OcsfVersion } from './ocsf-fixture.ts';
import { collect, invictusAndStratusRecords, tempDir, type Row } from './helpers.ts';
import { isoToTicks } from '../../src/cloudtrail/time.ts';

const records = invictusAndStratusRecords;

/** The old reader: every row as hyparquet assembles it, mapped, written as CloudTrail JSON. */
async function oracleFile(parquet: string, out: string): Promise<void> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(parquet), compressors });
  writeFileSync(out, JSON.stringify({ Records: rows.map((r) => ocsfToCloudTrail(r)) }));
}

const t = (iso: string) => isoToTicks(iso)!;
const CASES: { name: string; columns?: string[]; predicates: ScanPredicate[] }[] = [
  { name: 'all columns', predicates: [] },
  { name: 'count (no column)', columns: [], predicates: [] },
  { name: 'EventName', columns: ['EventName'], predicates: [] },
  { name: 'the seed rule columns', columns: ['TimeGenerated', 'EventName', 'EventSource', 'SourceIpAddress', 'UserIdentityArn', 'UserAgent', 'UserIdentityAccessKeyId', 'SessionIssuerUserName'], predicates: [] },
  { name: 'lists and maps', columns: ['Resources', 'RecipientAccountId', 'RequestParameters', 'ResponseElements', 'AdditionalEventData'], predicates: [] },
  {
    name: 'time range and EventName pushed down',
    columns: ['TimeGenerated', 'EventName', 'AwsEventId'],
    predicates: [
      { kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T11:55:00Z'), minInclusive: true, max: t('2023-07-10T12:30:00Z'), maxInclusive: false },
      { kind: 'in', column: 'EventName', values: ['DescribeEventAggregates', 'GetBucketAcl', 'ConsoleLogin'], caseInsensitive: false },
    ],
  },
  {
    // the seed rule's checks: the other columns are decoded only for groups with a row that passes
    name: 'has checks first, the other columns after',
    columns: ['TimeGenerated', 'EventName', 'SourceIpAddress', 'UserIdentityArn', 'Resources'],
    predicates: [
      { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
      { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
    ],
  },
];

/** Rows that pass the predicates (the reader may keep more: it is a pre-filter), keyed and cut to the asked columns. */
function exact(rows: readonly Row[], c: (typeof CASES)[number]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const ok = c.predicates.every((p) => {
      if (p.kind === 'has') return String(r[p.column]).toLowerCase().includes(p.term.toLowerCase()) !== p.negated;
      if (p.kind !== 'timeRange') return p.kind === 'in' && p.values.includes(r[p.column] as string);
      const v = r[p.column];
      if (typeof v !== 'bigint') return false;
      return (p.min === undefined || (p.minInclusive === false ? v > p.min : v >= p.min)) && (p.max === undefined || (p.maxInclusive === false ? v < p.max : v <= p.max));
    });
    if (!ok) continue;
    const cut: Row = {};
    for (const k of c.columns ?? Object.keys(r)) cut[k] = r[k]!;
    out.set(String(r['AwsEventId']), cut);
  }
  return out;
}

for (const version of ['1.1.0', '1.0.0-rc.2'] as const satisfies readonly OcsfVersion[]) {
  test(`OCSF ${version}: the leaf-column reader gives the old object reader's rows, for every column set and predicate`, { timeout: 300_000 }, async (tc) => {
    const dir = tempDir(tc);
    const parquet = join(dir, 'aws/CLOUD_TRAIL_MGMT/2.0/part.gz.parquet');
    mkdirSync(join(parquet, '..'), { recursive: true });
    writeOcsfParquet(parquet, records(), { version, rowGroupSize: 128 });
    const json = join(dir, 'oracle.json');
    await oracleFile(parquet, json);
    for (const c of CASES) {
      const columns = c.columns ? new Set(c.columns) : undefined;
      const got = await collect(openCloudTrail([parquet]), c.predicates, columns);
      const want = await collect(openCloudTrail([json]), c.predicates, columns);
      const g = exact(got.rows, c);
      assert.ok(g.size > 0, c.name);
      assert.deepEqual(g, exact(want.rows, c), c.name);
    }
  });
}

test('row groups the statistics rule out are not read, and counted as filtered early', { timeout: 120_000 }, async (tc) => {
  const dir = tempDir(tc);
  const parquet = join(dir, 'part.gz.parquet');
  const recs = records().filter((r) => String(r.eventTime).startsWith('2023-07-10')).sort((a, b) => (a.eventTime < b.eventTime ? -1 : 1));
  writeOcsfParquet(parquet, recs, { rowGroupSize: 100 });
  const mid = recs[Math.floor(recs.length / 2)]!.eventTime as string;
  const src = openCloudTrail([parquet]);
  const predicates: ScanPredicate[] = [{ kind: 'timeRange', column: 'TimeGenerated', min: t(mid), minInclusive: true }];
  const got = await collect(src, predicates, new Set(['TimeGenerated']));
  const want = recs.filter((r) => r.eventTime >= mid).length;
  assert.equal(got.rows.filter((r) => (r['TimeGenerated'] as bigint) >= t(mid)).length, want);
  const s = src.summary();
  // whole groups before the middle were skipped: at least the groups that end before it
  assert.ok(s.filteredRecords >= 100 * Math.floor(recs.findIndex((r) => r.eventTime >= mid) / 100), JSON.stringify(s));
  assert.ok(s.filteredRecords > 0);
  assert.equal(s.records, recs.length);
  // an EventName no group holds between its min and max: nothing is read
  const none = openCloudTrail([parquet]);
  assert.equal((await collect(none, [{ kind: 'in', column: 'EventName', values: ['~NoSuchEvent'], caseInsensitive: false }], new Set(['EventName']))).rows.length, 0);
  assert.equal(none.summary().filteredRecords, recs.length);
});
