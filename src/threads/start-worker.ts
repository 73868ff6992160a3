/**
 * Starts a worker thread from a module beside the caller: `./name.js` in compiled code (dist/src,
 * or the dist/node bundles, which place every worker entry beside the CLI bundle), `./name.ts`
 * when tsx runs the sources.
 *
 * Workers do not inherit the tsx loader that runs our .ts sources. Registering tsx inside each
 * worker costs ~0.8 s of CPU per worker (tsx starts its own hooks thread and transpiles every
 * module again), so from .ts we first bundle the entry into one ESM file with esbuild (tsx's own
 * dependency, ~50 ms, once per entry and process; packages stay external and resolve from
 * node_modules) and start workers from that file. If bundling is not possible, the tsx bootstrap
 * is the fallback.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const bundles = new Map<string, Promise<URL | null>>();

function bundleEntry(entry: URL): Promise<URL | null> {
  let done = bundles.get(entry.href);
  if (!done) {
    done = (async () => {
      try {
        const spec = 'esbuild'; // not a dependency of ours: present wherever tsx runs the sources
        const esbuild = (await import(spec)) as { build(o: object): Promise<{ outputFiles: { text: string }[] }> };
        const path = fileURLToPath(entry);
        const r = await esbuild.build({ entryPoints: [path], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent' });
        const text = r.outputFiles[0]!.text;
        const dir = fileURLToPath(new URL('../../node_modules/.cache/trailhound/', import.meta.url));
        const name = path.split(/[\\/]/).pop()!.replace(/\.ts$/, '');
        const file = join(dir, `${name}-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
        if (!existsSync(file)) {
          mkdirSync(dir, { recursive: true });
          const tmp = `${file}.${process.pid}.tmp`;
          writeFileSync(tmp, text);
          renameSync(tmp, file);
        }
        return pathToFileURL(file);
      } catch {
        return null;
      }
    })();
    bundles.set(entry.href, done);
  }
  return done;
}

/**
 * A worker's own heap limit: half of this process's. Without one, a worker that runs out of
 * memory aborts the whole process (V8's fatal error); with one, only the worker ends, with
 * ERR_WORKER_OUT_OF_MEMORY, which its pool reports against the file or run it was on.
 */
function limits(): WorkerOptions {
  const mib = Math.max(256, Math.floor(getHeapStatistics().heap_size_limit / 2 / 1024 / 1024));
  return { resourceLimits: { maxOldGenerationSizeMb: mib } };
}

/** `name`: the entry's file name without extension; `base`: the caller's import.meta.url. */
export async function startWorker(name: string, base: string): Promise<Worker> {
  const fromSources = base.endsWith('.ts');
  const entry = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, base);
  if (!fromSources) return new Worker(entry, limits());
  const bundle = await bundleEntry(entry);
  if (bundle) return new Worker(bundle, limits());
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, ...limits() });
}

/** Resolves once the worker's modules are loaded (it posts `{ type: 'ready' }`); rejects if it fails or exits first. */
export function whenReady(w: Worker): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== 'ready') return;
      w.off('message', onMessage);
      w.off('error', reject);
      w.off('exit', onExit);
      resolve();
    };
    const onExit = (code: number) => reject(new Error(`worker exited (${code}) before it was ready`));
    w.on('message', onMessage);
    w.once('error', reject);
    w.once('exit', onExit);
  });
}

/** Starts a worker and resolves once its modules are loaded. */
export async function startReadyWorker(name: string, base: string): Promise<Worker> {
  const w = await startWorker(name, base);
  await whenReady(w);
  return w;
}
