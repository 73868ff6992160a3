/**
 * Reader worker threads kept for the life of the process: a scan borrows warm workers (their JIT,
 * scanner memory and zlib engine already set up) and gives them back when it has read every file,
 * so only the first scan of a process pays for starting them. Idle workers do not keep the
 * process alive (unref). A worker that failed, or whose scan stopped early (it may still be busy
 * with that scan's files), is terminated instead of kept.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Workers do not inherit the tsx loader that runs our .ts sources. Registering tsx inside each
 * worker costs ~0.8 s of CPU per worker (tsx starts its own hooks thread and transpiles every
 * module again), so from .ts we first bundle worker.ts into one ESM file with esbuild (tsx's own
 * dependency, ~50 ms, once per process; packages stay external and resolve from node_modules)
 * and start workers from that file. If bundling is not possible, the tsx bootstrap is the fallback.
 * From compiled .js the worker starts directly.
 */
let bundled: Promise<URL | null> | null = null;

function bundleWorker(): Promise<URL | null> {
  bundled ??= (async () => {
    try {
      const spec = 'esbuild'; // not a dependency of ours: present wherever tsx runs the sources
      const esbuild = (await import(spec)) as { build(o: object): Promise<{ outputFiles: { text: string }[] }> };
      const entry = fileURLToPath(new URL('./worker.ts', import.meta.url));
      const r = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'silent' });
      const text = r.outputFiles[0]!.text;
      const dir = fileURLToPath(new URL('../../node_modules/.cache/trailhound/', import.meta.url));
      const file = join(dir, `cloudtrail-worker-${createHash('sha256').update(text).digest('hex').slice(0, 16)}.mjs`);
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
  return bundled;
}

async function startWorker(): Promise<Worker> {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry);
  const bundle = await bundleWorker();
  if (bundle) return new Worker(bundle);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

/** Starts a worker and resolves once its modules are loaded (it says 'ready'). */
async function launch(): Promise<Worker> {
  launched++;
  const w = await startWorker();
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { type: string }) => {
      if (m.type !== 'ready') return;
      w.off('message', onMessage);
      w.off('error', reject);
      resolve();
    };
    w.on('message', onMessage);
    w.once('error', reject);
  });
  return w;
}

const idle: Worker[] = [];
let launched = 0;

/** Workers started by this process so far (tests check that scans reuse them). */
export function workersLaunched(): number {
  return launched;
}

/** A ready worker: an idle one, else a new one. */
export async function borrowWorker(): Promise<Worker> {
  const w = idle.pop();
  if (w) {
    w.ref();
    return w;
  }
  return launch();
}

/** Gives a worker back: kept for the next scan when `reusable`, else terminated. */
export function returnWorker(w: Worker, reusable: boolean): Promise<void> {
  w.removeAllListeners('message');
  w.removeAllListeners('error');
  w.removeAllListeners('exit');
  if (!reusable || idle.length >= 8) return w.terminate().then(() => {});
  // a worker that dies while idle must not be handed out
  w.once('exit', () => {
    const i = idle.indexOf(w);
    if (i >= 0) idle.splice(i, 1);
  });
  w.on('error', () => {});
  w.unref();
  idle.push(w);
  return Promise.resolve();
}
