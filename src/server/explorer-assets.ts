/**
 * The web explorer's static files (docs/explorer.md): a fixed list of names, each with its
 * content type. A request can only name one of these; nothing is read from a path the request
 * gives. The page's own modules live in `src/server/explorer/`; the editor's bundles are built
 * into `dist/explorer/` (scripts/explorer-bundle.mjs), which also gets a copy of the modules for
 * the published package (it ships `dist`, not `src`). Each file is taken from the first folder
 * that has it, sources first, so an edited module is served without a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
  readonly csp: string;
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The page's policy. Scripts, workers, API calls and fonts of its own origin only; no inline
 * script. `style-src 'unsafe-inline'`: monaco adds <style> elements at run time without a nonce
 * (it allows CSS injection, not script). `img-src data:`: monaco draws its error squiggles as
 * data: SVG images. Workers are same-origin files, never blob: URLs; no eval anywhere.
 */
export const EXPLORER_CSP =
  "default-src 'none'; script-src 'self'; worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** URL path -> file name, with its type. */
const FILES: ReadonlyMap<string, { file: string; contentType: string }> = new Map([
  ['/', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ...['explorer.js', 'kusto-client.js', 'grid.js', 'sort-order.js', 'chart.js', 'history.js', 'detections.js', 'timeline.js', 'editor.js', 'editor.worker.js', 'kusto.worker.js'].map(
    (f): [string, { file: string; contentType: string }] => [`/explorer/${f}`, { file: f, contentType: JS }],
  ),
  ['/explorer/explorer.css', { file: 'explorer.css', contentType: CSS }],
  ['/explorer/editor.css', { file: 'editor.css', contentType: CSS }],
  ['/explorer/codicon.ttf', { file: 'codicon.ttf', contentType: 'font/ttf' }],
]);

/**
 * The folders, found by walking up to the package root: bundles (scripts/build.mjs) give
 * `import.meta.url` another file's location, so a path relative to this module is not reliable.
 */
function explorerDirs(): string[] {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && (existsSync(join(dir, 'dist')) || existsSync(join(dir, 'src')))) {
      return [join(dir, 'src', 'server', 'explorer'), join(dir, 'dist', 'explorer')].filter((d) => existsSync(d));
    }
    const up = dirname(dir);
    if (up === dir) return [];
    dir = up;
  }
}

/** Whether a path is one of the explorer's (so it is served without the API's token check). */
export const isExplorerPath = (path: string): boolean => FILES.has(path);

const cache = new Map<string, Asset | undefined>();
let dirs: string[] | undefined;

/** The asset for a path, or undefined when the path is not one of the list or its file is missing. */
export function explorerAsset(path: string): Asset | undefined {
  const entry = FILES.get(path);
  if (!entry) return undefined;
  if (cache.has(path)) return cache.get(path);
  dirs ??= explorerDirs();
  let asset: Asset | undefined;
  for (const d of dirs) {
    const file = join(d, entry.file);
    if (!existsSync(file)) continue;
    try {
      asset = { body: readFileSync(file), contentType: entry.contentType, csp: EXPLORER_CSP };
    } catch {
      asset = undefined;
    }
    break;
  }
  cache.set(path, asset);
  return asset;
}
