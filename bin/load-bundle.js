// Loads the CLI bundle (dist/node/trailhound.cjs) as require() would, with V8's code cache
// beside it (dist/node/trailhound.cjs.<node version>.cache, written by scripts/build.mjs): compiled
// from the cache, the bundle's code is ready in ~30 ms of CPU where compiling its text took
// ~80 ms, and the functions the build's warm-up ran come compiled too (docs/performance.md, "Cold
// start"). Without a usable cache (another Node.js version or V8 flags, a changed bundle: V8 checks
// both and rejects the cache) it is compiled from its text, as require() would.
// The bundle must not call import(): a script compiled from a code cache has no loader for it in
// Node.js 20 (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING, even with vm's main-context loader option,
// which is experimental there); its sources use require() for what they load late.
// test/cli/code-cache.test.ts checks the bundle for import() calls.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

/** The code cache's file for `bundle` on this Node.js version. */
export function codeCacheFile(bundle) {
  return `${bundle}.${process.version}.cache`;
}

/** Bytes of the checksum before the cache's data. */
const SUM = 20;

function checksum(data) {
  return createHash('sha1').update(data).digest();
}

/**
 * The cache's data when its checksum holds: V8 release builds do not check a code cache's own
 * checksum (a damaged cache can crash the process), so the file carries one of its own.
 */
function readCache(file) {
  if (!existsSync(file)) return undefined;
  const bytes = readFileSync(file);
  const data = bytes.subarray(SUM);
  return bytes.length > SUM && checksum(data).equals(bytes.subarray(0, SUM)) ? data : 'damaged';
}

/** How the last loadBundle() compiled its bundle (tests): from its code cache ('used'), or not. */
export const lastLoad = { cache: 'none' };

/**
 * `bundle`'s exports. `writeCache`: at exit, write the code cache of everything compiled by then
 * (the build runs a warm-up this way; the running process's flags are the ones V8 checks).
 */
export function loadBundle(bundle, { writeCache = false } = {}) {
  const cacheFile = codeCacheFile(bundle);
  const cache = writeCache ? undefined : readCache(cacheFile);
  const cachedData = cache === 'damaged' ? undefined : cache;
  const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8')), {
    filename: bundle,
    cachedData,
  });
  const module = new Module(bundle);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  const require = createRequire(bundle);
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  module.loaded = true;
  lastLoad.cache = cache === 'damaged' ? 'rejected' : cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  if (writeCache) {
    process.on('exit', () => {
      // a whole file or none (another build may be reading it); a read-only folder leaves no cache
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      try {
        const data = script.createCachedData();
        writeFileSync(tmp, Buffer.concat([checksum(data), data]));
        renameSync(tmp, cacheFile);
      } catch {
        rmSync(tmp, { force: true });
      }
    });
  }
  return module.exports;
}
