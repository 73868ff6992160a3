// How many bytes the files under a --logs path hold, up to a budget: bin/trailhound.js decides
// from it whether a run may start from the V8 snapshot (no worker threads there, and ~70 MB more
// resident memory than the bundle). Parquet counts four times its size: the same CloudTrail
// records take about 4x the bytes as .json.gz (1M Security Lake rows: 30 MB of Parquet, 122 MB
// of .json.gz), so a large lake file is read like the large JSON input it stands for.
const PARQUET_WEIGHT = 4;
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Each real folder and file is counted once, by (device, inode): links are followed, and a link
// loop (`ln -s . a`) would otherwise be walked through every path it spells; folders that cannot
// be listed are passed over (the reader reports them).
export function bytesUnder(path, budget) {
  let total = 0;
  const seen = new Set();
  const stack = [path];
  while (stack.length > 0 && total < budget) {
    const p = stack.pop();
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    const key = `${st.dev}:${st.ino}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!st.isDirectory()) total += /\.parquet$/i.test(p) ? st.size * PARQUET_WEIGHT : st.size;
    else {
      try {
        for (const name of readdirSync(p)) stack.push(join(p, name));
      } catch {
        // unreadable: not counted
      }
    }
  }
  return total;
}
