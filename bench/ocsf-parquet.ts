// Generates one Security Lake style OCSF 1.1.0 Parquet file of N rows, for measuring the Parquet
// path of the reader (docs/performance.md, "Security Lake Parquet"):
//
//   node --import tsx bench/ocsf-parquet.ts --rows 1000000 --out .bench-data/ocsf-1m.gz.parquet
//
// Rows are the real Invictus records (test/fixtures/cloudtrail, with the 48 DescribeEventAggregates
// calls the seed rule looks for) repeated with fresh eventIDs and times, mapped with the published
// OCSF 1.1.0 CloudTrail mapping (test/cloudtrail/ocsf-fixture.ts), gzip codec, row groups of
// --row-group rows (default 100,000, about what Security Lake's files hold per group).
import { gzipSync } from 'node:zlib';
import { ParquetWriter } from 'hyparquet-writer';
import { fileWriter } from 'hyparquet-writer/src/node.js';
import { cloudTrailToOcsf, parquetSchemaOf, SHAPES } from '../test/cloudtrail/ocsf-fixture.ts';
import { benchRecord } from './lib/ocsf-records.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : dflt;
};
const rows = Number(arg('rows', '1000000'));
const out = arg('out', '.bench-data/ocsf-1m.gz.parquet');
const group = Number(arg('row-group', '100000'));


const shape = SHAPES['1.1.0'];
const names = Object.keys(shape);
const writer = new ParquetWriter({
  writer: fileWriter(out),
  schema: parquetSchemaOf(shape),
  codec: 'GZIP',
  compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
} as never);
for (let first = 0; first < rows; first += group) {
  const n = Math.min(group, rows - first);
  const events = Array.from({ length: n }, (_, k) => cloudTrailToOcsf(benchRecord(first + k), '1.1.0'));
  writer.write({ columnData: names.map((name) => ({ name, data: events.map((e) => e[name] ?? null) })), rowGroupSize: n });
  process.stderr.write(`${first + n} rows\r`);
}
writer.finish();
process.stderr.write(`\n${out}\n`);
