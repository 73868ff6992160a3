/**
 * What a cached plan was made by: our KQL engine's code, the official parser's version and
 * trailhound's version. Any change to them must miss the cache, in all three ways trailhound runs:
 * - TypeScript through tsx (src/kql) and compiled JavaScript (dist/src/kql): the engine's files
 *   are hashed at first use (~80 files, a few ms);
 * - the esbuild bundle behind the startup snapshot (dist/trailhound.cjs): it has no engine files
 *   of its own, so scripts/build.mjs defines __TRAILHOUND_KQL_HASH__ as the hash of the
 *   dist/src/kql it was built with.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __TRAILHOUND_KQL_HASH__: string | undefined;

/** The folder holding engine.ts/engine.js when this module runs from a source or compiled tree. */
function kqlDir(): string | undefined {
  const dir = dirname(dirname(fileURLToPath(import.meta.url)));
  return existsSync(join(dir, 'engine.ts')) || existsSync(join(dir, 'engine.js')) ? dir : undefined;
}

/** sha256 over every file under `dir` (relative path and content, in a fixed order). */
export function hashTree(dir: string): string {
  const files: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.push(p);
    }
  };
  walk(dir);
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(relative(dir, f).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}

/** The hash of the engine's code this process runs, or undefined when it cannot be known. */
export function kqlCodeHash(): string | undefined {
  if (typeof __TRAILHOUND_KQL_HASH__ === 'string') return __TRAILHOUND_KQL_HASH__;
  const dir = kqlDir();
  return dir === undefined ? undefined : hashTree(dir);
}

function versionOf(packageJson: string): string {
  const v = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown }).version;
  if (typeof v !== 'string') throw new Error(`${packageJson} has no version`);
  return v;
}

/** The nearest package.json above this module (trailhound's own, in every layout). */
function ownPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const p = join(dir, 'package.json');
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) throw new Error('no package.json above the engine');
    dir = up;
  }
}

let memo: { value: string | undefined } | undefined;

/** One string for all of the above, computed once per process; undefined: do not cache. */
export function codeFingerprint(): string | undefined {
  if (memo) return memo.value;
  let value: string | undefined;
  try {
    const code = kqlCodeHash();
    if (code !== undefined) {
      const parser = versionOf(createRequire(import.meta.url).resolve('@kusto/language-service-next/package.json'));
      value = `kql:${code} parser:${parser} trailhound:${versionOf(ownPackageJson())}`;
    }
  } catch {
    value = undefined;
  }
  memo = { value };
  return value;
}
