#!/usr/bin/env node
// The `trailhound` command. Fastest first: the V8 startup snapshot (dist/trailhound.blob, with
// the official KQL parser already loaded and warmed), then the compiled JavaScript (the bundle
// dist/node/trailhound.cjs, else the modules of dist/src), then the TypeScript sources through
// tsx (a source checkout without a build).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { bytesUnder } from './bytes-under.js';
import { loadBundle } from './load-bundle.js';
import { startEarlyWorker } from './early-worker.js';
import { buildIsCurrent } from './build-current.js';
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import v8 from 'node:v8';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const blob = join(root, 'dist', 'trailhound.blob');
const stamp = join(root, 'dist', `trailhound.blob.${process.version}`);
const built = join(root, 'dist', 'src', 'cli', 'bin.js');
const bundle = join(root, 'dist', 'node', 'trailhound.cjs');

// A snapshot only runs on the Node.js version that built it (the stamp's name) and holds the
// paths of the folder it was built in (the stamp's content).
const snapshotUsable = () => existsSync(blob) && existsSync(stamp) && readFileSync(stamp, 'utf8') === root;

// Worker threads cannot start from a snapshot-started process (Node 20), and the CloudTrail
// reader uses them for inputs of 32 MiB or more: such runs (and long-running watch) skip the
// snapshot, but `query` still compiles a new query in a process started from it (below).
const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;
let needed;
function needsWorkers(args) {
  needed ??= logsNeedWorkers(args);
  return needed;
}
function logsNeedWorkers(args) {
  if (args[0] === 'watch') return true;
  let total = 0;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = a === '--logs' || a === '-l' ? args[i + 1] : a.startsWith('--logs=') ? a.slice(7) : undefined;
    if (value !== undefined) total += bytesUnder(value, PARALLEL_MIN_BYTES - total);
  }
  return total >= PARALLEL_MIN_BYTES;
}

// The commands that read --logs once, at once: `watch` and `serve` start workers when they need them.
const READS_LOGS = new Set(['query', 'detect', 'hunt', 'test', 'load']);
function readsLogsInWorkers(args) {
  return READS_LOGS.has(args[0]) && availableParallelism() >= 2 && needsWorkers(args);
}

// Reading large logs allocates fast and keeps little alive; left alone, V8 grows the heap to
// several times the live size (a 10-million-record replay: 486 MB peak RSS, ~120 MB live). A heap
// that grows by at most half of what survives a collection, and a smaller young generation, keep
// it near the live size (265 MB) for a few percent more GC time (docs/performance.md, "Memory").
// Set before anything is loaded; worker threads share the flags.
v8.setFlagsFromString('--heap-growing-percent=50');
v8.setFlagsFromString('--max-semi-space-size=8');
// V8 sends a function to its optimising compiler after ~132 KB of bytecode has run in it (the
// default interrupt budget). A replay runs a few hundred functions briefly and a dozen for long:
// at that budget, compiling took ~21 % of all CPU of a 1-million-record `detect` (perf, four
// compiler threads on two cores), mostly for functions that had little left to run. Eight times
// the budget leaves the long-running ones optimised within the first files and cut `detect`'s
// CPU by ~0.8 s at 1 M records and ~0.4 s at 200 k (docs/performance.md, "Round 5").
v8.setFlagsFromString('--interrupt-budget=1081344');

// Loading the snapshot takes longer (~0.6 s) than starting the bundle (~0.1 s): it pays off only
// where the official parser will be loaded, i.e. on a plan-cache miss (docs/performance.md, "Cold
// start"). Which commands miss is a guess: `query` texts are new each time and `test` mostly runs
// on fresh CI machines, while `detect` and `watch` run the same rules again and again and hit.
function likelyLoadsParser(args) {
  if (args.length === 0 || args.some((a) => a === '-h' || a === '--help' || a === '-V' || a === '--version')) return false;
  return args[0] === 'query' || args[0] === 'test' || args.includes('--no-cache');
}

// In a source checkout, a build older than the sources would run stale code: use the sources.
const current = buildIsCurrent(root);
const args = process.argv.slice(2);
if (current && process.env.TRAILHOUND_NO_SNAPSHOT === undefined && snapshotUsable() && likelyLoadsParser(args) && !needsWorkers(args)) {
  // `--`: else Node takes the user's --version, -v, -e... as its own options.
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, '--', ...args], { stdio: 'inherit' });
  process.exit(r.status ?? (r.signal ? 128 : 1));
} else if (current && existsSync(bundle) && statSync(bundle).mtimeMs >= statSync(built).mtimeMs) {
  // Outside the snapshot (worker threads), a new query is still compiled in a process started from
  // it, where the parser is loaded and warm (src/cli/compile-child.ts).
  const compileSnapshot = process.env.TRAILHOUND_NO_SNAPSHOT === undefined && snapshotUsable() ? blob : undefined;
  // the reader's first worker loads while this thread loads the bundle (bin/early-worker.js)
  const earlyWorker = readsLogsInWorkers(args) ? startEarlyWorker(join(root, 'dist', 'node', 'worker.js')) : undefined;
  await loadBundle(bundle, { writeCache: process.env.TRAILHOUND_WRITE_CODE_CACHE !== undefined }).main(process.argv, { compileSnapshot, earlyWorker });
} else if (current) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'bin.ts')).href);
}
