// Projection pushdown on and off, one query per process (peak RSS is the process's own), over a
// generated tree (bench/generate.ts) or any logs; prints rows, wall time and peak RSS:
//   node --import tsx bench/projection.ts DIR pushdown 'AWSCloudTrail | count'
//   node --import tsx bench/projection.ts DIR all 'AWSCloudTrail | count'
//   node --import tsx bench/projection.ts DIR pushdown detect     (the built-in rules' replay)
// `all` reads every column of every scan (RunInput.readAllColumns / ReplayOptions.readAllColumns).
import { openCloudTrail } from '../src/cloudtrail/index.ts';
import { compileQuery } from '../src/kql/engine.ts';
import type { TableSource } from '../src/kql/scan.ts';
import { loadWorkspace } from '../src/detect/workspace.ts';
import { loadRules } from '../src/detect/rule-files.ts';
import { compileRule, replay } from '../src/detect/replay.ts';

const [dir, mode, query] = process.argv.slice(2) as [string, 'pushdown' | 'all', string];
if (!dir || (mode !== 'pushdown' && mode !== 'all') || !query) throw new Error('usage: bench/projection.ts DIR pushdown|all QUERY|detect');
const readAllColumns = mode === 'all';
const workspace = loadWorkspace();
const source = openCloudTrail([dir]);
const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
const t = performance.now();
const cpu0 = process.cpuUsage();
let what: string;
if (query === 'detect') {
  const rules = loadRules().map((r) => compileRule(r, workspace, tables));
  const result = await replay(rules, tables, workspace.watchlists, { readAllColumns });
  what = `${result.alerts.length} alerts`;
} else {
  const compiled = compileQuery(query, workspace.catalog(tables));
  const result = await compiled.run({ now: 0n, tables, watchlists: workspace.watchlists, readAllColumns });
  what = `${result.length} result rows`;
}
const seconds = (performance.now() - t) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const s = source.summary();
console.log(`${mode}: ${what}, ${s.rows} rows read, ${seconds.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU (this thread and workers), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB (${s.workers} reading threads)`);
