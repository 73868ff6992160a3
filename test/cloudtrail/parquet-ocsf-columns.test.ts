/**
 * Security Lake Parquet mapped column by column (parquet-ocsf-columns.ts) against the row path it
 * replaces (readOcsfRows, one object per row through ocsfToCloudTrail and mapping.ts): for both
 * source versions, every AWSCloudTrail column alone, all the columns mapped by column together,
 * no column (count) and the seed rule's checks, the file reader hands on the same events — every
 * batch's cells, eventIDs, diagnostics and counts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadata } from 'hyparquet';
import { readFile } from '../../src/cloudtrail/read-file.ts';
import { checkSchema, PARQUET_LIMITS, readCheckedFooter } from '../../src/cloudtrail/parquet-guard.ts';
import { ocsfSelection } from '../../src/cloudtrail/parquet-ocsf.ts';
import { ocsfColumnPlan, readOcsfColumns } from '../../src/cloudtrail/parquet-ocsf-columns.ts';
import { RowGroupReader } from '../../src/cloudtrail/parquet-rows.ts';
import { RecordMapper } from '../../src/cloudtrail/mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from '../../src/cloudtrail/schema.ts';
import { LOG_ANALYTICS_MAX_FIELD_BYTES } from '../../src/cloudtrail/field-size.ts';
import type { FileEvent, FileScanConfig } from '../../src/cloudtrail/types.ts';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { writeOcsfParquet } from './ocsf-fixture.ts';
import { invictusAndStratusRecords, tempDir } from './helpers.ts';

async function events(path: string, columns: readonly string[] | null, predicates: readonly ScanPredicate[], ocsfByRow: boolean): Promise<FileEvent[]> {
  const config: FileScanConfig = {
    predicates,
    wanted: AWS_CLOUDTRAIL_SCHEMA.map((c) => columns === null || columns.includes(c.name)),
    tenantId: '',
    escapePolicy: 'sentinel',
    maxFieldBytes: LOG_ANALYTICS_MAX_FIELD_BYTES,
    // small batches: rows cross batch boundaries inside a row group
    batchSize: 50,
    maxRecordBytes: 64 * 1024 * 1024,
    maxInflateRatio: 1000,
    wholeFileMaxBytes: 2 * 1024 * 1024,
    maxDiagnosticsPerFile: 20,
    ocsfByRow,
  };
  const out: FileEvent[] = [];
  for await (const e of readFile({ path, size: statSync(path).size, ingestion: null, format: 'auto' }, config)) out.push(e);
  return out;
}

/** The columns the column path maps (the others need `resources` or `unmapped`: the row path). */
async function byColumnOnes(path: string): Promise<string[]> {
  const leaves = checkSchema(parquetMetadata(await readCheckedFooter(await asyncBufferFromFile(path))));
  return AWS_CLOUDTRAIL_SCHEMA.flatMap((c, i) => (ocsfColumnPlan(leaves, ocsfSelection(leaves, [c.name]), [i]) ? [c.name] : []));
}

for (const version of ['1.1.0', '1.0.0-rc.2'] as const) {
  test(`OCSF ${version}: mapped column by column, every column gives the row path's events`, { timeout: 300_000 }, async (tc) => {
    const parquet = join(tempDir(tc), 'part.gz.parquet');
    writeOcsfParquet(parquet, invictusAndStratusRecords(), { version, rowGroupSize: 128 });
    const byColumn = await byColumnOnes(parquet);
    // the columns of count, summarize by EventName and the seed rule's time and name columns
    for (const c of ['TimeGenerated', 'EventName', 'EventSource', 'SourceIpAddress', 'UserAgent', 'AWSRegion', 'ErrorCode', 'Type']) assert.ok(byColumn.includes(c), `${c} is mapped by column (${byColumn.join(', ')})`);
    const t = (iso: string) => BigInt(Date.parse(iso)) * 10_000n + 621355968000000000n;
    const seedChecks: ScanPredicate[] = [
      { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
      { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
      { kind: 'timeRange', column: 'TimeGenerated', min: t('2023-07-10T00:00:00Z'), minInclusive: true },
    ];
    const cases: { name: string; columns: readonly string[] | null; predicates: readonly ScanPredicate[] }[] = [
      ...AWS_CLOUDTRAIL_SCHEMA.map((c) => ({ name: c.name, columns: [c.name], predicates: [] })),
      { name: 'every column mapped by column', columns: byColumn, predicates: [] },
      { name: 'count (no column)', columns: [], predicates: [] },
      { name: 'the seed rule checks', columns: ['TimeGenerated', 'EventName', 'SourceIpAddress', 'UserAgent'], predicates: seedChecks },
      { name: 'all columns (the row path for both)', columns: null, predicates: [] },
    ];
    for (const c of cases) {
      const want = await events(parquet, c.columns, c.predicates, true);
      const got = await events(parquet, c.columns, c.predicates, false);
      const rows = want.reduce((n, e) => n + (e.t === 'batch' ? e.length : 0), 0);
      assert.ok(rows > 0, `${c.name}: the row path gives rows`);
      assert.deepEqual(got, want, c.name);
    }
  });
}

test('past the cell cache cap, new keys are mapped per row: the same cells as with every key cached', { timeout: 120_000 }, async (tc) => {
  const parquet = join(tempDir(tc), 'part.gz.parquet');
  writeOcsfParquet(parquet, invictusAndStratusRecords(), { rowGroupSize: 256 });
  const file = await asyncBufferFromFile(parquet);
  const metadata = parquetMetadata(await readCheckedFooter(file));
  const leaves = checkSchema(metadata);
  const names = await byColumnOnes(parquet);
  const columns = names.map((n) => AWS_CLOUDTRAIL_SCHEMA.findIndex((c) => c.name === n));
  const plan = ocsfColumnPlan(leaves, ocsfSelection(leaves, names), columns);
  assert.ok(plan, 'the columns mapped by column together have a plan');
  const mapper = new RecordMapper();
  let compared = 0;
  for (let g = 0; g < metadata.row_groups.length; g++) {
    const cached = await readOcsfColumns(new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS), plan, mapper);
    // a cap of 2: the first two keys of each column cached, every other one mapped per row
    const capped = await readOcsfColumns(new RowGroupReader(file, metadata, leaves, g, PARQUET_LIMITS), plan, mapper, undefined, 2);
    for (let r = 0; r < Number(metadata.row_groups[g]!.num_rows); r++) {
      assert.equal(capped.source(r), cached.source(r));
      assert.equal(capped.id(r), cached.id(r));
      if (cached.source(r) !== null) continue;
      for (const i of columns) assert.deepEqual(capped.cell(i, r), cached.cell(i, r), `${AWS_CLOUDTRAIL_SCHEMA[i]!.name} row ${r} of group ${g}`);
      compared++;
    }
  }
  assert.ok(compared > 0);
});
