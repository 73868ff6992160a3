/**
 * Dynamic-value micro-benchmarks: parse_json, tostring, == and grouping of dynamic values over N
 * rows (default 200,000) of JSON text shaped like CloudTrail's requestParameters (a few keys,
 * some nested objects and arrays). For before/after comparisons of src/kql/values/ changes.
 *   node --import tsx bench/dynamic-micro.ts [--rows N] [--repeat R] [--only TEXT]
 * Prints the best of R runs per query (wall clock and process CPU time).
 */
import { loadavg } from 'node:os';
import { compileQuery } from '../src/kql/engine.ts';
import { MemoryTable } from '../src/kql/file-table.ts';
import type { Schema } from '../src/kql/types.ts';
import { batchOf } from '../src/kql/exec/batches.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const N = Number(arg('--rows') ?? 200_000);
const R = Number(arg('--repeat') ?? 5);
const ONLY = arg('--only');

let seed = 7;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};

/** One requestParameters-like JSON text; shapes repeat so that grouping finds groups. */
function json(): string {
  const bucket = `bucket-${rand(300)}`;
  switch (rand(4)) {
    case 0:
      return JSON.stringify({ bucketName: bucket, Host: `${bucket}.s3.us-east-1.amazonaws.com`, acl: '' });
    case 1:
      return JSON.stringify({
        groupId: `sg-${rand(50)}`,
        ipPermissions: { items: [{ ipProtocol: 'tcp', fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: `10.0.${rand(20)}.0/24` }] } }] },
      });
    case 2:
      return JSON.stringify({ roleArn: `arn:aws:iam::123456789012:role/r${rand(40)}`, roleSessionName: `s${rand(10)}`, durationSeconds: 3600 });
    default:
      return JSON.stringify({ instancesSet: { items: [{ instanceId: `i-${rand(500)}` }, { instanceId: `i-${rand(500)}` }] }, filterSet: {}, maxResults: 1000.5 });
  }
}

const schema: Schema = [{ name: 'j', type: 'string' }];
const table = new MemoryTable(schema, batchOf(schema, [Array.from({ length: N }, json)]));
const tables = new Map([['T', table]]);
const catalog = { tables: [{ name: 'T', schema }], functions: [], watchlistFields: [] };

const cases: [string, string][] = [
  ['parse_json', 'T | extend d = parse_json(j) | summarize count()'],
  ['tostring(parse_json)', 'T | extend s = tostring(parse_json(j)) | summarize count()'],
  ['parse_json == dynamic', 'T | where parse_json(j) == dynamic({"roleArn":"arn:aws:iam::123456789012:role/r1","roleSessionName":"s1","durationSeconds":3600}) | summarize count()'],
  ['set_union(parse_json)', 'T | extend u = set_union(pack_array(parse_json(j)), pack_array(parse_json(j))) | summarize count()'],
  ['dcount(parse_json)', 'T | summarize dcount(tostring(parse_json(j)))'],
  ['make_set(parse_json)', 'T | summarize make_set(parse_json(j))'],
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`dynamic micro-benchmarks: ${N.toLocaleString('en-US')} rows, best of ${R}; Node ${process.version}; load average ${load()}`);
console.log(['query'.padEnd(36), 'wall ms'.padStart(9), 'cpu ms'.padStart(9), 'rows'.padStart(8)].join(' '));
for (const [name, kql] of cases) {
  if (ONLY !== undefined && !name.includes(ONLY)) continue;
  const compiled = compileQuery(kql, catalog);
  let wall = Infinity;
  let cpu = Infinity;
  let rows = 0;
  for (let i = 0; i < R; i++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    rows = (await compiled.run({ now: 0n, tables })).length;
    wall = Math.min(wall, performance.now() - t0);
    cpu = Math.min(cpu, cpuMs() - c0);
  }
  console.log([name.padEnd(36), wall.toFixed(0).padStart(9), cpu.toFixed(0).padStart(9), String(rows).padStart(8)].join(' '));
}
console.log(`load average at the end ${load()}`);
