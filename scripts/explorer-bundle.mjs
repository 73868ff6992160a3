// Bundles the web explorer's editor (docs/explorer.md) into dist/explorer/ with esbuild:
//   editor.js         monaco-editor's API with @kusto/monaco-kusto's main-thread half (ES module);
//   editor.css        monaco's styles, with its icon font codicon.ttf beside it;
//   editor.worker.js  monaco's editor worker (classic script);
//   kusto.worker.js   monaco-kusto's language service worker: the official Kusto parser (classic script).
// The page's own modules (src/server/explorer/*.js) are copied as they are: they need no build.
// Fixed file names, because the server serves a fixed list (src/server/explorer-assets.ts).
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * monaco-kusto 10.0.22 brings its own @kusto/language-service-next (11.5.3); the engine uses the
 * project's (package.json). The worker is given the engine's parser, so the editor's diagnostics
 * and completion come from the same parser version that runs the query (both on Bridge.NET 17.10.1).
 */
function sameParser(root) {
  const parser = join(root, 'node_modules', '@kusto', 'language-service-next', 'Kusto.Language.Bridge.min.js');
  return {
    name: 'same-kusto-parser',
    setup(build) {
      build.onResolve({ filter: /^@kusto\/language-service-next\/Kusto\.Language\.Bridge\.min(\.js)?$/ }, () => ({ path: parser }));
    },
  };
}

export async function bundleExplorer(esbuild, { root, outDir }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const src = join(root, 'src', 'server', 'explorer');
  for (const f of readdirSync(src)) if (!f.startsWith('editor-entry')) copyFileSync(join(src, f), join(outDir, f));
  const common = {
    bundle: true,
    minify: true,
    target: 'es2020',
    logLevel: 'error',
    // The Bridge.NET scripts of the language service pick `global` when they see `module`, as
    // esbuild's CommonJS wrapper provides: in a browser that is the worker's global object.
    define: { global: 'globalThis' },
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    legalComments: 'none',
  };
  await esbuild.build({ ...common, entryPoints: { editor: join(src, 'editor-entry.js') }, format: 'esm', outdir: outDir });
  await esbuild.build({
    ...common,
    entryPoints: {
      'editor.worker': join(root, 'node_modules', 'monaco-editor', 'esm', 'vs', 'editor', 'editor.worker.js'),
      'kusto.worker': join(root, 'node_modules', '@kusto', 'monaco-kusto', 'release', 'esm', 'kusto.worker.js'),
    },
    format: 'iife',
    // Bridge.NET reads files with require('fs') only when it runs under Node.js, never in a worker.
    external: ['fs'],
    plugins: [sameParser(root)],
    outdir: outDir,
  });
}
