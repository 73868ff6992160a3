#!/usr/bin/env node
// The `trailhound` command. Fastest first: the V8 startup snapshot (dist/trailhound.blob, with
// the official KQL parser already loaded and warmed), then the compiled JavaScript (dist/), then
// the TypeScript sources through tsx (a source checkout without a build).
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const blob = join(root, 'dist', 'trailhound.blob');
const stamp = join(root, 'dist', `trailhound.blob.${process.version}`);
const built = join(root, 'dist', 'src', 'cli', 'bin.js');

// A snapshot only runs on the Node.js version that built it (the stamp's name) and holds the
// paths of the folder it was built in (the stamp's content).
const snapshotUsable = () => existsSync(blob) && existsSync(stamp) && readFileSync(stamp, 'utf8') === root;

if (process.env.TRAILHOUND_NO_SNAPSHOT === undefined && snapshotUsable()) {
  const r = spawnSync(process.execPath, ['--snapshot-blob', blob, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? (r.signal ? 128 : 1));
} else if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'bin.ts')).href);
}
