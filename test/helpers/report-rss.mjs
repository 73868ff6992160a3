// Preloaded into a CLI process by tests (node --import): when the process exits, writes its peak
// resident set size in bytes (process.resourceUsage().maxRSS, KiB) to $TH_RSS_FILE. A process that
// dies of an out-of-memory abort writes nothing.
import { writeFileSync } from 'node:fs';

const file = process.env.TH_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
