/**
 * A Security Lake bucket's CloudTrail source as Iceberg table (source version 2), for lake.test.ts
 * and s3-lake.test.ts: the Iceberg files are written with avsc in the spec's field names
 * (iceberg.apache.org/spec), the data files with the published OCSF 1.1.0 mapping (ocsf-fixture.ts).
 */
import { createWriteStream, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import avro from 'avsc';
import { writeOcsfParquet } from './ocsf-fixture.ts';
import { INVICTUS_DAY } from './helpers.ts';

type Obj = Record<string, any>;
const LOCATION = 's3://aws-security-data-lake-us-east-1-abcdefgh/aws/CLOUD_TRAIL_MGMT/2.0';

export function records(): Obj[] {
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
export async function lake(dir: string, codec: 'deflate' | 'null' = 'deflate'): Promise<{ table: string; recs: Obj[][] }> {
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

