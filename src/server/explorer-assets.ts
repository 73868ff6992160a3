/**
 * The web explorer's static files (docs/explorer.md): a fixed list of names under
 * `src/server/explorer/`, each with its content type. A request can only name one of these;
 * nothing is read from a path the request gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

/** URL path -> file name in the explorer folder, with its type. */
const FILES: ReadonlyMap<string, { file: string; contentType: string }> = new Map([
  ['/', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/explorer/explorer.js', { file: 'explorer.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/explorer/explorer.css', { file: 'explorer.css', contentType: 'text/css; charset=utf-8' }],
]);

/**
 * The folder, found by walking up to the package root: bundles (scripts/build.mjs) give
 * `import.meta.url` another file's location, so a path relative to this module is not reliable.
 */
function explorerDir(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'src', 'server', 'explorer');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The page needs scripts and API calls of its own origin, nothing else (no inline code, no other origin). */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Whether a path is one of the explorer's (so it is served without the API's token check). */
export const isExplorerPath = (path: string): boolean => FILES.has(path);

const cache = new Map<string, Asset | undefined>();
let dir: string | undefined | null = null;

/** The asset for a path, or undefined when the path is not one of the list or its file is missing. */
export function explorerAsset(path: string): Asset | undefined {
  const entry = FILES.get(path);
  if (!entry) return undefined;
  if (cache.has(path)) return cache.get(path);
  if (dir === null) dir = explorerDir();
  let asset: Asset | undefined;
  try {
    asset = dir === undefined ? undefined : { body: readFileSync(join(dir, entry.file)), contentType: entry.contentType };
  } catch {
    asset = undefined;
  }
  cache.set(path, asset);
  return asset;
}
