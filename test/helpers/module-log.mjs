// `node --import <this file>`: appends every module the process (and its worker threads) loads to
// the file named by TRAILHOUND_MODULE_LOG, one URL or path a line, so tests can check what a
// command loads. ES modules are seen by a loader hook; CommonJS ones (also those required from
// CommonJS, which the hook does not see) are read from require.cache at exit.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const out = process.env.TRAILHOUND_MODULE_LOG;
if (out) {
  register(new URL('./module-log-hooks.mjs', import.meta.url), { data: { out } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    const paths = Object.keys(require.cache);
    if (paths.length > 0) appendFileSync(out, `${paths.join('\n')}\n`);
  });
}
