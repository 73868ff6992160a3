// The command line of a hunting suite's engine script (duckdb-hunt.ts, chdb-hunt.ts):
// --dir DIR --query NAME --key KEY [--repeat R]; a usage line and exit 2 when it is wrong.
import { HUNT_QUERIES, type HuntQuery } from '../lib/hunt-queries.ts';

export function huntArgs(script: string): { dir: string; q: HuntQuery; key: string; repeat: number } {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const dir = arg('--dir');
  const name = arg('--query');
  const key = arg('--key') ?? '';
  const repeat = Number(arg('--repeat') ?? 1);
  const q = HUNT_QUERIES.find((x) => x.name === name);
  if (!dir || !q || !Number.isInteger(repeat) || repeat < 1) {
    console.error(`usage: bench/baselines/${script} --dir DIR --query NAME --key KEY [--repeat R]`);
    process.exit(2);
  }
  return { dir, q, key, repeat };
}
