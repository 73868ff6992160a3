// Builds the V8 startup snapshot (run by scripts/build.mjs with --build-snapshot). In a snapshot
// builder only built-in modules can be required, so the parser scripts and the bundled CLI are
// evaluated from their source text.
const v8 = require('node:v8');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const root = path.join(__dirname, '..');
const parserDir = path.join(root, 'node_modules', '@kusto', 'language-service-next');
for (const f of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
  const file = path.join(parserDir, f);
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
}

const bundleFile = path.join(root, 'dist', 'trailhound.cjs');
const wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(bundleFile, 'utf8')}\n})`, {
  filename: bundleFile,
});
const mod = { exports: {} };
wrapper(mod.exports, require, mod, bundleFile, path.dirname(bundleFile));
const cli = mod.exports;

// Warm up: the first analysis initialises the parser's global tables (most of its start-up cost).
cli.warmUp();

v8.startupSnapshot.setDeserializeMainFunction(() => {
  // A process outside the snapshot asks this one to compile a query (src/cli/compile-child.ts).
  if (process.argv.length === 2 && process.argv[1] === cli.COMPILE_CHILD_ARG) {
    cli.answerCompileRequest();
    return;
  }
  // process.argv here is [node, ...user arguments]; commander expects [node, script, ...].
  cli.main([process.argv[0], 'trailhound', ...process.argv.slice(1)]);
});
