/**
 * Loads Microsoft's official Kusto parser and binder (Bridge.NET build of Kusto.Language).
 * The two scripts define globals (Bridge, System, Kusto); they cost ~0.3-1 s to load cold, so
 * they are loaded on first use only, never at import time.
 *
 * Only src/kql/syntax/ may touch these objects: everything else sees our typed plan.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

// The Bridge.NET API is untyped for our purposes: its d.ts does not describe the $ctorN names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BridgeObject = any;

const SCRIPTS = ['@kusto/language-service-next/bridge.min.js', '@kusto/language-service-next/Kusto.Language.Bridge.min.js'];
const CODE_SUFFIX = '.v8code';

let kusto: BridgeObject | undefined;
let codeCacheDir: string | undefined;
/** Scripts loaded without usable cached code: their code is written after the first compile. */
let uncached: { readonly script: vm.Script; readonly file: string }[] = [];
/** What happened to the parser's compiled code in this process (tests, diagnostics). */
export const parserCodeStats = { used: 0, rejected: 0, written: 0 };

/**
 * Keeps V8's compiled code of the parser's scripts in `dir` (beside the plan cache): a new query
 * then skips compiling them (docs/performance.md, "Compiling in a snapshot"). Set before the first
 * kustoLanguage(); later calls do nothing.
 */
export function useParserCodeCache(dir: string): void {
  if (kusto === undefined) codeCacheDir ??= dir;
}

/**
 * Writes the compiled code of scripts loaded without it, once, after a first compile: V8 then
 * includes the functions that compile ran, which are most of the parser's start-up. Best-effort.
 */
export function storeParserCodeCache(): void {
  const dir = codeCacheDir;
  const pending = uncached;
  uncached = [];
  if (dir === undefined) return;
  for (const { script, file } of pending) {
    const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      mkdirSync(dir, { recursive: true });
      const stem = basename(file).split('.')[0]!;
      // code of other parser or Node versions is never read again
      for (const name of readdirSync(dir)) if (name.startsWith(`${stem}.`) && name.endsWith(CODE_SUFFIX) && name !== basename(file)) rmSync(join(dir, name), { force: true });
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, file);
      parserCodeStats.written++;
    } catch {
      try {
        rmSync(temp, { force: true });
      } catch {
        // the folder itself is unusable
      }
    }
  }
}

/**
 * Runs one of the parser's scripts as require() would (the CommonJS wrapper, `this` = exports),
 * through vm.Script so that V8 can take and give its compiled code. Code V8 rejects (another V8
 * build, a damaged file) is ignored, and the script compiled from its text.
 */
function runScript(path: string, require: NodeJS.Require): void {
  const source = readFileSync(path, 'utf8');
  let codeFile: string | undefined;
  let cachedData: Buffer | undefined;
  if (codeCacheDir !== undefined) {
    const key = createHash('sha256').update(`${process.version}\0${process.arch}\0${process.versions.v8}\0`).update(source).digest('hex').slice(0, 32);
    codeFile = join(codeCacheDir, `${basename(path, '.js').replace(/\./g, '-')}.${key}${CODE_SUFFIX}`);
    try {
      cachedData = readFileSync(codeFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: path, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, path, dirname(path));
  if (cachedData !== undefined) parserCodeStats[script.cachedDataRejected ? 'rejected' : 'used']++;
  if (codeFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) uncached.push({ script, file: codeFile });
}

/** The `Kusto.Language` namespace, loading the parser on first call. */
export function kustoLanguage(): BridgeObject {
  if (kusto === undefined) {
    // A startup snapshot (scripts/build.mjs) may already hold the loaded parser.
    if ((globalThis as BridgeObject).Kusto?.Language === undefined) {
      const require = createRequire(import.meta.url);
      for (const s of SCRIPTS) runScript(require.resolve(s), require);
    }
    kusto = (globalThis as BridgeObject).Kusto.Language;
  }
  return kusto;
}

/** The .NET class name of a syntax node or symbol, without its namespace. */
export function className(node: BridgeObject): string {
  const full: string = node.constructor.$$name;
  const dot = full.lastIndexOf('.');
  return dot < 0 ? full : full.slice(dot + 1);
}

/** Iterates a .NET list (Count + getItem). */
export function* items<T = BridgeObject>(list: BridgeObject): Generator<T> {
  if (!list) return;
  const n: number = list.Count;
  for (let i = 0; i < n; i++) yield list.getItem(i) as T;
}

export function children(node: BridgeObject): BridgeObject[] {
  const out: BridgeObject[] = [];
  const n: number = node.ChildCount;
  for (let i = 0; i < n; i++) out.push(node.GetChild(i));
  return out;
}
