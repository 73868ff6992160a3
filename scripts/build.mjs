// Builds trailhound for fast starts:
//   1. dist/ — the TypeScript compiled to JavaScript (tsc);
//   2. dist/trailhound.cjs — the CLI bundled into one script (esbuild);
//   3. dist/trailhound.blob — a V8 startup snapshot with the official KQL parser loaded and
//      warmed up, so `trailhound query "print 1"` does not pay ~1-2 s of parser start-up.
// Steps 2-3 are an optimisation: if they fail, bin/trailhound.js runs dist/ instead.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

function run(cmd, args) {
  // NODE_NO_WARNINGS: the snapshot builder warns about every built-in module it has not verified.
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1' } });
  return r.status === 0;
}

rmSync(dist, { recursive: true, force: true });
// tsc emits JavaScript even when it reports type errors; those fail `npm run typecheck` in CI,
// but an install must still give a working command.
if (!run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'])) {
  if (!existsSync(join(dist, 'src', 'cli', 'bin.js'))) {
    console.error('build: tsc failed');
    process.exit(1);
  }
  console.error('build: tsc reported type errors (run npm run typecheck); continuing with the emitted JavaScript');
}

// `watch` never runs from the snapshot (bin/trailhound.js sends it to dist/: it needs worker
// threads and the AWS SDK, whose use of node:http cannot be loaded in a snapshot builder). The
// bundle only needs the command's name and summary for `trailhound --help`.
const watchStub = {
  name: 'watch-stub',
  setup(build) {
    build.onResolve({ filter: /\/watch\.ts$/ }, (args) => (args.importer.endsWith(join('cli', 'main.ts')) ? { path: 'watch-stub', namespace: 'stub' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        "export function registerWatchCommand(program) { program.command('watch').description('Live mode: run rules on their schedule over CloudTrail files as they land; every alert exactly once, across restarts.'); }",
      loader: 'js',
    }));
  },
};

async function snapshot() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    console.error('build: esbuild not installed; skipping the startup snapshot');
    return;
  }
  // Bundled modules resolve files relative to import.meta.url: the reader's worker pool needs
  // its own location (dist/src/cloudtrail/pool.js, where worker.js sits beside it); the others
  // only walk up to the package root, which any file under dist/ reaches.
  const poolUrl = pathToFileURL(join(dist, 'src', 'cloudtrail', 'pool.js')).href;
  await esbuild.build({
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: join(dist, 'trailhound.cjs'),
    external: ['@kusto/language-service-next'],
    define: { 'import.meta.url': JSON.stringify(poolUrl) },
    logLevel: 'error',
    plugins: [watchStub],
  });
  const blob = join(dist, 'trailhound.blob');
  const ok = run(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(root, 'scripts', 'snapshot-entry.cjs')]);
  if (!ok || !existsSync(blob)) {
    console.error('build: the startup snapshot could not be built; the CLI will start without it');
    rmSync(blob, { force: true });
    return;
  }
  // bin/trailhound.js uses the snapshot only on this Node.js version and in this folder.
  writeFileSync(join(dist, `trailhound.blob.${process.version}`), root);
}

await snapshot();
