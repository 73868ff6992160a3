/**
 * The duplicate filter's id set (src/cloudtrail/id-set.ts): CPU time of a put loop over 300k
 * random UUIDs (each put is a miss, as in a scan without duplicates) and a get loop over them,
 * below the memory budget (nothing spilled) and, with --memory-ids, past it.
 *
 *   node --import tsx bench/id-set-micro.ts [--ids 300000] [--memory-ids N] [--puts-only] [--rounds 5] [--module path/to/id-set.ts]
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { ids: { type: 'string', default: '300000' }, 'memory-ids': { type: 'string' }, module: { type: 'string' }, rounds: { type: 'string', default: '5' }, 'puts-only': { type: 'boolean', default: false } } });
const mod = (await import(values.module ? pathToFileURL(resolve(values.module)).href : '../src/cloudtrail/id-set.ts')) as typeof import('../src/cloudtrail/id-set.ts');
const n = Number(values.ids);
const ids = Array.from({ length: n }, () => randomUUID());
const options = values['memory-ids'] ? { memoryIds: Number(values['memory-ids']) } : {};

function cpuMs(f: () => void): number {
  const t = process.cpuUsage();
  f();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

const puts: number[] = [];
const gets: number[] = [];
for (let r = 0; r < Number(values.rounds); r++) {
  const set = new mod.IdSet(options);
  puts.push(cpuMs(() => {
    for (let i = 0; i < n; i++) set.putIfAbsent(ids[i]!, i & 0xffff);
  }));
  if (!values['puts-only']) gets.push(cpuMs(() => {
    for (let i = 0; i < n; i++) if (set.get(ids[i]!) !== (i & 0xffff)) throw new Error('wrong answer');
  }));
  (set as { close?: () => void }).close?.();
}
const median = (a: number[]) => a.length === 0 ? '-' : [...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(1);
console.log(`${n} ids${values['memory-ids'] ? `, memoryIds ${values['memory-ids']}` : ''}: put ${median(puts)} ms, get ${median(gets)} ms CPU (median of ${puts.length}; puts ${puts.map((x) => x.toFixed(0)).join(' ')})`);
