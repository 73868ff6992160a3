// The records of the Security Lake benchmark (bench/ocsf-parquet.ts, bench/ocsf-bench.ts): the real
// Invictus records (test/fixtures/cloudtrail, with the 48 DescribeEventAggregates calls the seed rule
// looks for) repeated with fresh eventIDs and times 50 ms apart, so record i is the same in the
// Parquet file and in the .json.gz files it is compared with.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const fixtures = new URL('../../test/fixtures/cloudtrail/', import.meta.url).pathname;
const day = join(fixtures, 'invictus/AWSLogs/218007301253/CloudTrail/us-east-1/2023/07/10');
const base: any[] = readdirSync(day).sort().flatMap((f) => JSON.parse(gunzipSync(readFileSync(join(day, f))).toString()).Records);
const start = Date.parse('2023-07-10T00:00:00Z');

export function benchRecord(i: number): any {
  const r = base[i % base.length];
  const t = new Date(start + i * 50).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { ...r, eventID: `${r.eventID.slice(0, 24)}${i.toString(16).padStart(12, '0')}`, eventTime: t };
}
