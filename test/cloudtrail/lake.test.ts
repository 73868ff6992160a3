/**
 * A Security Lake bucket read as a whole: only CloudTrail sources (by the lake's layout,
 * `aws/<SOURCE>/<version>/`), and of an Iceberg table (source version 2) only the data files of
 * its current snapshot (iceberg.apache.org/spec: manifest list -> manifests -> data files with
 * status 0 existing, 1 added, 2 deleted). The Iceberg files are written with avsc in the spec's
 * field names; the data files with the published OCSF 1.1.0 mapping (ocsf-fixture.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { lakeSource } from '../../src/cloudtrail/lake.ts';
import { writeVpcFlowParquet } from './ocsf-fixture.ts';
import { lake } from './lake-fixture.ts';
import { collect, tempDir } from './helpers.ts';

test('lakeSource reads the source name from the layout', () => {
  assert.equal(lakeSource('/b/aws/VPC_FLOW/2.0/region=us-east-1/x.gz.parquet'), 'VPC_FLOW');
  assert.equal(lakeSource('/b/aws/CLOUD_TRAIL_MGMT/1.0/region=us-east-1/x.gz.parquet'), 'CLOUD_TRAIL_MGMT');
  assert.equal(lakeSource('/b/AWSLogs/1/CloudTrail/us-east-1/2023/07/10/x.json.gz'), null);
});

for (const codec of ['deflate', 'null'] as const) {
  test(`Iceberg (${codec} Avro): only the current snapshot's data files are read; metadata is no error; other sources skipped by path`, async (t) => {
    const dir = tempDir(t);
    const { table, recs } = await lake(dir, codec);
    const flow = join(dir, 'aws/VPC_FLOW/2.0/region=us-east-1/accountId=123837392027/eventDay=20230710/flow.gz.parquet');
    mkdirSync(join(flow, '..'), { recursive: true });
    writeVpcFlowParquet(flow, 50);
    const src = openCloudTrail([dir]);
    const rows = (await collect(src)).rows;
    const ids = new Set(rows.map((r) => r['AwsEventId']));
    const want = new Set([...recs[0]!, ...recs[2]!].map((r) => r.eventID));
    assert.deepEqual(ids, want);
    const s = src.summary();
    assert.equal(s.failedFiles, 0);
    assert.equal(s.failedRecords, 0);
    assert.equal(s.skippedFiles, 2); // b (removed by snapshot 2) and the VPC Flow file
    assert.ok(!src.diagnostics().some((d) => d.severity !== 'info'), JSON.stringify(src.diagnostics()));
    assert.ok(src.diagnostics().some((d) => d.file.endsWith('b.gz.parquet') && /not in the current snapshot/.test(d.message)));
    assert.ok(src.diagnostics().some((d) => d.file === flow && /VPC_FLOW data is not CloudTrail/.test(d.message)));
    assert.ok(!src.fileStats().some((f) => f.file.includes(`${table}/metadata`)));
  });
}

test('a forced --input-format reads other sources by path, and their records are still skipped by class', async (t) => {
  const dir = tempDir(t);
  const flow = join(dir, 'aws/VPC_FLOW/2.0/region=us-east-1/flow.gz.parquet');
  mkdirSync(join(flow, '..'), { recursive: true });
  writeVpcFlowParquet(flow, 50);
  const src = openCloudTrail([dir], { format: 'parquet' });
  assert.equal((await collect(src)).rows.length, 0);
  assert.equal(src.summary().skippedRecords, 50);
});

test('unreadable Iceberg metadata: a warning, and every data file is read', async (t) => {
  const dir = tempDir(t);
  const { table, recs } = await lake(dir);
  writeFileSync(join(table, 'metadata/snap-2.avro'), 'not avro');
  const src = openCloudTrail([dir]);
  const rows = (await collect(src)).rows;
  assert.equal(rows.length, recs.flat().length, JSON.stringify(src.diagnostics()));
  assert.ok(src.diagnostics().some((d) => d.severity === 'warning' && /Iceberg metadata unreadable/.test(d.message)));
  assert.equal(src.summary().failedFiles, 0);
});
