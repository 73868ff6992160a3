/**
 * Engine micro-benchmarks (issue #5, item 4): trailhound's executor against Arquero on the same
 * in-memory table of N rows (default 1,000,000), in one process.
 *   node --import tsx bench/engine-micro.ts [--rows N] [--repeat R] [--only TEXT] [--skip-arquero]
 * Prints, per operation, the best of R runs for each (wall clock and process CPU time) and the
 * ratios (lower is better for us).
 */
import { loadavg } from 'node:os';
import * as aq from 'arquero';
import { compileQuery } from '../src/kql/engine.ts';
import { MemoryTable } from '../src/kql/file-table.ts';
import { UNIX_EPOCH_TICKS, TICKS_PER_SECOND, type Schema, type Value } from '../src/kql/types.ts';
import { batchOf } from '../src/kql/exec/batches.ts';

function strArg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const N = arg('--rows', 1_000_000);
const R = arg('--repeat', 3);
// --only narrows the run to the cases whose name contains the text (for profiling one case).
const ONLY = strArg('--only');
const SKIP_ARQUERO = process.argv.includes('--skip-arquero');

// A seeded generator so that every run sees the same data.
let seed = 42;
const rand = (): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const k1: string[] = [];
const k2: number[] = [];
const k3: string[] = [];
const v: number[] = [];
const t: number[] = [];
for (let i = 0; i < N; i++) {
  k1.push(`user${Math.floor(rand() * 1000)}`);
  k2.push(Math.floor(rand() * 10));
  k3.push(`10.0.${Math.floor(rand() * 50)}.${Math.floor(rand() * 250)}`);
  v.push(rand());
  t.push(1_700_000_000 + Math.floor(rand() * 86_400));
}

const schema: Schema = [
  { name: 'k1', type: 'string' },
  { name: 'k2', type: 'long' },
  { name: 'k3', type: 'string' },
  { name: 'v', type: 'real' },
  { name: 't', type: 'datetime' },
];
const columns: Value[][] = [
  k1,
  k2.map((x) => BigInt(x)),
  k3,
  v,
  t.map((s) => UNIX_EPOCH_TICKS + BigInt(s) * TICKS_PER_SECOND),
];
const table = new MemoryTable(schema, batchOf(schema, columns));
const dimSchema: Schema = [{ name: 'k1', type: 'string' }, { name: 'team', type: 'string' }];
const dimRows = Array.from({ length: 500 }, (_, i) => [`user${i * 2}`, `team${i % 7}`]);
const dim = MemoryTable.fromRows(dimSchema, dimRows);
const tables = new Map([['T', table], ['D', dim]]);
const catalog = { tables: [{ name: 'T', schema }, { name: 'D', schema: dimSchema }], functions: [], watchlistFields: [] };

const at = aq.table({ k1, k2, k3, v, t });
const ad = aq.table({ k1: dimRows.map((r) => r[0]), team: dimRows.map((r) => r[1]) });

interface Case {
  readonly name: string;
  readonly kql: string;
  readonly arquero: () => number;
}

const cases: Case[] = [
  { name: 'where v > 0.5', kql: 'T | where v > 0.5', arquero: () => at.filter((d: { v: number }) => d.v > 0.5).reify().numRows() },
  { name: 'extend w = v * 2 + 1', kql: 'T | extend w = v * 2 + 1', arquero: () => at.derive({ w: (d: { v: number }) => d.v * 2 + 1 }).numRows() },
  { name: 'summarize count(), sum(v) by k1', kql: 'T | summarize count(), sum(v) by k1', arquero: () => at.groupby('k1').rollup({ c: aq.op.count(), s: aq.op.sum('v') }).numRows() },
  {
    name: 'summarize count() by k1, k2, k3',
    kql: 'T | summarize count() by k1, k2, k3',
    arquero: () => at.groupby('k1', 'k2', 'k3').rollup({ c: aq.op.count() }).numRows(),
  },
  { name: 'summarize dcount(k3) by k1', kql: 'T | summarize dcount(k3) by k1', arquero: () => at.groupby('k1').rollup({ d: aq.op.distinct('k3') }).numRows() },
  {
    name: 'summarize arg_min(v, *) by k1',
    kql: 'T | summarize arg_min(v, *) by k1',
    // Arquero has no arg_min: the row with the smallest v per group, by ranking.
    arquero: () => at.groupby('k1').filter((d: { v: number }) => d.v === aq.op.min(d.v)).numRows(),
  },
  { name: 'join kind=inner (500-row dimension)', kql: 'T | join kind=inner (D) on k1', arquero: () => at.join(ad, 'k1').numRows() },
  { name: 'join kind=leftsemi', kql: 'T | join kind=leftsemi (D) on k1', arquero: () => at.semijoin(ad, 'k1').reify().numRows() },
  { name: 'sort by v', kql: 'T | sort by v', arquero: () => at.orderby(aq.desc('v')).reify().numRows() },
];

interface Timing {
  wall: number;
  cpu: number;
}

/** Process CPU time in ms (every thread: GC helpers included), the measure least moved by other processes. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

async function timed(f: () => Promise<unknown> | unknown, into: Timing): Promise<void> {
  const c0 = cpuMs();
  const t0 = performance.now();
  await f();
  into.wall = Math.min(into.wall, performance.now() - t0);
  into.cpu = Math.min(into.cpu, cpuMs() - c0);
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`engine micro-benchmarks: ${N.toLocaleString('en-US')} rows, best of ${R} (runs alternate between the two); Node ${process.version}; load average ${load()}`);
console.log(
  ['operation'.padEnd(40), 'trailhound ms'.padStart(14), 'arquero ms'.padStart(12), 'ratio'.padStart(8), 'th cpu ms'.padStart(10), 'aq cpu ms'.padStart(10), 'cpu ratio'.padStart(10)].join(' '),
);
for (const c of cases) {
  if (ONLY !== undefined && !c.name.includes(ONLY)) continue;
  const compiled = compileQuery(c.kql, catalog);
  let ours = 0;
  let theirs = 0;
  const us: Timing = { wall: Infinity, cpu: Infinity };
  const them: Timing = { wall: Infinity, cpu: Infinity };
  // Alternating keeps a burst of load from other processes from landing on one side only.
  for (let i = 0; i < R; i++) {
    await timed(async () => {
      ours = (await compiled.run({ now: 0n, tables })).length;
    }, us);
    if (!SKIP_ARQUERO) await timed(() => (theirs = c.arquero()), them);
  }
  const note = ours === theirs || SKIP_ARQUERO ? '' : `  (rows: ${ours} vs ${theirs})`;
  const ms = (x: number, w: number) => (Number.isFinite(x) ? x.toFixed(0) : '-').padStart(w);
  const ratio = (a: number, b: number) => (Number.isFinite(b) ? `${(a / b).toFixed(2)}x` : '-').padStart(10);
  console.log(
    [c.name.padEnd(40), ms(us.wall, 14), ms(them.wall, 12), ratio(us.wall, them.wall).slice(2), ms(us.cpu, 10), ms(them.cpu, 10), ratio(us.cpu, them.cpu)].join(' ') + note,
  );
}
console.log(`load average at the end ${load()}`);
