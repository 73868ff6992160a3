// A generated tree for the benchmarks: reused when its manifest matches, else written (bench/generate.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENERATOR_VERSION, writeTree, type Manifest } from '../generate.ts';

export function ensureTree(dir: string, records: number, seed: string, regen: boolean): Manifest {
  const mf = join(dir, 'manifest.json');
  if (!regen && existsSync(mf)) {
    const m = JSON.parse(readFileSync(mf, 'utf8')) as Manifest;
    if (m.version === GENERATOR_VERSION && m.options.records === records && m.options.seed === seed) {
      console.log(`reusing ${dir} (${m.records} records, ${m.files} files)`);
      return m;
    }
    // a tree of other records is somebody's data (e.g. --dir without --records): never replaced
    // unasked; an older generator's tree of the same records is rebuilt
    if (m.options.records !== records || m.options.seed !== seed) {
      throw new Error(`${dir} holds a tree of ${m.options.records} records (seed ${m.options.seed}): pass --records ${m.options.records} --seed ${m.options.seed} to use it, or --regen to replace it with ${records} records`);
    }
  }
  const t0 = performance.now();
  const m = writeTree({ records, seed }, dir);
  console.log(`generated ${dir} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return m;
}
