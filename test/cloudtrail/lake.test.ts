/**
 * A Security Lake bucket read as a whole: only CloudTrail sources (by the lake's layout,
 * `aws/<SOURCE>/<version>/`), and of an Iceberg table (source version 2) only the data files of
 * its current snapshot (iceberg.apache.org/spec: manifest list -> manifests -> data files with
 * status 0 existing, 1 added, 2 deleted). The Iceberg files are written with avsc in the spec's
 * field names; the data files with the published OCSF 1.1.0 mapping (ocsf-fixture.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import avro from 'avsc';
import { openCloudTrail } from '../../src/cloudtrail/index.ts';
import { lakeSource } from '../../src/cloudtrail/lake.ts';
import { writeOcsfParquet, writeVpcFlowParquet } from './ocsf-fixture.ts';
import { collect, INVICTUS_DAY, tempDir } from './helpers.ts';

type Obj = Record<string, any>;
const LOCATION = 's3://aws-security-data-lake-us-east-1-abcdefgh/aws/CLOUD_TRAIL_MGMT/2.0';

function records(): Obj[] {
  const f = readdirSync(INVICTUS_DAY).sort().slice(0, 12);
  return f.flatMap((x) => JSON.parse(gunzipSync(readFileSync(join(INVICTUS_DAY, x))).toString()).Records as Obj[]);
}

const MANIFEST_LIST = avro.Type.forSchema({
  type: 'record', name: 'manifest_file', fields: [
    { name: 'manifest_path', type: 'string' },
    { name: 'manifest_length', type: 'long' },
    { name: 'partition_spec_id', type: 'int' },
    { name: 'content', type: 'int' },
    { name: 'added_snapshot_id', type: 'long' },
  ],
});
const MANIFEST = avro.Type.forSchema({
  type: 'record', name: 'manifest_entry', fields: [
    { name: 'status', type: 'int' },
    { name: 'snapshot_id', type: ['null', 'long'] },
    { name: 'data_file', type: { type: 'record', name: 'r2', fields: [
      { name: 'content', type: 'int' },
      { name: 'file_path', type: 'string' },
      { name: 'file_format', type: 'string' },
      { name: 'record_count', type: 'long' },
      { name: 'file_size_in_bytes', type: 'long' },
    ] } },
  ],
});

function writeAvro(path: string, type: avro.Type, rows: Obj[], codec: 'deflate' | 'null'): Promise<void> {
  return new Promise((resolve, reject) => {
    // resolved when the file is closed (the encoder's own 'finish' comes before the last write)
    const enc = new avro.streams.BlockEncoder(type as never, { codec } as never);
    const out = createWriteStream(path);
    enc.pipe(out);
    enc.on('error', reject);
    out.on('error', reject);
    out.on('close', () => resolve());
    for (const r of rows) enc.write(r);
    enc.end();
  });
}

/** A table whose current snapshot (2) keeps a.gz.parquet, removed b.gz.parquet and added c.gz.parquet. */
async function lake(dir: string, codec: 'deflate' | 'null' = 'deflate'): Promise<{ table: string; recs: Obj[][] }> {
  const table = join(dir, 'aws/CLOUD_TRAIL_MGMT/2.0');
  const part = 'region=us-east-1/accountId=123837392027/eventDay=20230710';
  mkdirSync(join(table, part), { recursive: true });
  mkdirSync(join(table, 'metadata'));
  const all = records();
  const recs = [all.slice(0, 40), all.slice(40, 80), all.slice(80, 120)];
  ['a', 'b', 'c'].forEach((n, i) => writeOcsfParquet(join(table, part, `${n}.gz.parquet`), recs[i]!));
  const file = (n: string) => ({ content: 0, file_path: `${LOCATION}/${part}/${n}.gz.parquet`, file_format: 'PARQUET', record_count: 40, file_size_in_bytes: 1000 });
  await writeAvro(join(table, 'metadata/m1.avro'), MANIFEST, [{ status: 1, snapshot_id: 1, data_file: file('a') }, { status: 1, snapshot_id: 1, data_file: file('b') }], codec);
  await writeAvro(join(table, 'metadata/m2.avro'), MANIFEST, [{ status: 0, snapshot_id: 1, data_file: file('a') }, { status: 2, snapshot_id: 2, data_file: file('b') }, { status: 1, snapshot_id: 2, data_file: file('c') }], codec);
  const list = (m: string, id: number) => ({ manifest_path: `${LOCATION}/metadata/${m}`, manifest_length: 100, partition_spec_id: 0, content: 0, added_snapshot_id: id });
  await writeAvro(join(table, 'metadata/snap-1.avro'), MANIFEST_LIST, [list('m1.avro', 1)], codec);
  await writeAvro(join(table, 'metadata/snap-2.avro'), MANIFEST_LIST, [list('m2.avro', 2)], codec);
  const meta = (snap: number) => ({
    'format-version': 2, location: LOCATION, 'current-snapshot-id': snap,
    snapshots: [1, 2].slice(0, snap).map((id) => ({ 'snapshot-id': id, 'manifest-list': `${LOCATION}/metadata/snap-${id}.avro` })),
  });
  writeFileSync(join(table, 'metadata/00000-0b1c.metadata.json'), JSON.stringify(meta(1)));
  writeFileSync(join(table, 'metadata/00001-7f2e.metadata.json'), JSON.stringify(meta(2)));
  return { table, recs };
}

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
