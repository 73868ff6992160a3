// Reads an OCSF Parquet file through the reader, with a given set of AWSCloudTrail columns (the
// `columns` a scan asks for), and prints rows, wall time and peak RSS:
//   node --import tsx bench/ocsf-scan.ts .bench-data/ocsf-1m.gz.parquet AwsEventId
//   node --import tsx bench/ocsf-scan.ts .bench-data/ocsf-1m.gz.parquet all
import { openCloudTrail } from '../src/cloudtrail/index.ts';
const [file, cols] = process.argv.slice(2) as [string, string];
const columns = cols === 'all' ? undefined : new Set(cols.split(','));
const t = performance.now();
let rows = 0;
let peak = 0;
for await (const b of openCloudTrail([file], { workers: 1 }).scan({ predicates: [], ...(columns ? { columns } : {}) })) {
  rows += b.length;
  peak = Math.max(peak, process.memoryUsage().rss);
}
console.log(`${rows} rows, ${((performance.now() - t) / 1000).toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, columns: ${cols}`);
