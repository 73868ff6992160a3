// The CLI bundled for runs that cannot use the startup snapshot (worker threads, `watch`, or
// TRAILHOUND_NO_SNAPSHOT): one script instead of ~150 ES modules, which Node loads in about half
// the time (docs/performance.md, "Cold start"). Used by scripts/build.mjs (into dist/node/) and by
// test/cli/module-loading.test.ts (into a scratch folder).
//
//   <outDir>/trailhound.cjs  the CLI (src/cli/main.ts; bin/trailhound.js calls its main);
//   <outDir>/worker.js       the CloudTrail reader's worker thread (src/cloudtrail/worker.ts);
//   <outDir>/run-worker.js   a replay's worker thread for runs (src/detect/run-worker.ts).
//
// The AWS SDK stays outside (its --s3 code path requires it from node_modules on first use), as
// does the official parser (its scripts define globals; src/kql/syntax/bridge.ts loads them).
import { join } from 'node:path';

/**
 * @param {typeof import('esbuild')} esbuild
 * @param {{ root: string, outDir: string, kqlHash?: string }} o  kqlHash: the plan cache's code
 *   hash (src/kql/cache/fingerprint.ts); without it the bundle does not use the plan cache.
 */
export async function bundleForNode(esbuild, { root, outDir, kqlHash }) {
  // Bundled modules find files from import.meta.url: the worker pool starts `./worker.js` beside
  // itself, the others only walk up to the package root, which any folder under it reaches. It is
  // worked out when the bundle loads, not baked in, so a moved or copied build still finds them.
  const here = '__trailhoundModuleUrl';
  // ("use strict" first: the bundle's own comes after the banner, where it would not count)
  const banner = { js: '"use strict";\nvar __trailhoundModuleUrl = require("node:url").pathToFileURL(require("node:path").join(__dirname, "worker-pool.js")).href;' };
  const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'error' };
  await esbuild.build({
    ...common,
    entryPoints: [join(root, 'src', 'cli', 'main.ts')],
    format: 'cjs',
    outfile: join(outDir, 'trailhound.cjs'),
    external: ['@kusto/language-service-next', '@aws-sdk/client-s3'],
    banner,
    define: { 'import.meta.url': here, ...(kqlHash === undefined ? {} : { __TRAILHOUND_KQL_HASH__: JSON.stringify(kqlHash) }) },
  });
  await esbuild.build({ ...common, entryPoints: [join(root, 'src', 'cloudtrail', 'worker.ts')], format: 'esm', outfile: join(outDir, 'worker.js') });
  await esbuild.build({ ...common, entryPoints: [join(root, 'src', 'detect', 'run-worker.ts')], format: 'esm', outfile: join(outDir, 'run-worker.js'), external: ['@kusto/language-service-next'] });
}
