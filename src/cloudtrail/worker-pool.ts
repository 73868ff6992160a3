/**
 * Reader worker threads kept for the life of the process: a scan borrows warm workers (their JIT,
 * scanner memory and zlib engine already set up) and gives them back when it has read every file,
 * so only the first scan of a process pays for starting them. Idle workers do not keep the
 * process alive (unref). A worker that failed, or whose scan stopped early (it may still be busy
 * with that scan's files), is terminated instead of kept.
 */
import type { Worker } from 'node:worker_threads';
import { startReadyWorker } from '../threads/start-worker.ts';

/** Starts a reader worker (worker.ts beside this module) and resolves once its modules are loaded. */
function launch(): Promise<Worker> {
  launched++;
  return startReadyWorker('worker', import.meta.url);
}

const idle: Worker[] = [];
let launched = 0;

/** Workers started by this process so far (tests check that scans reuse them). */
export function workersLaunched(): number {
  return launched;
}

/** Workers being started ahead of a scan (prewarmWorkers); borrowWorker takes them first. */
const starting: Promise<Worker | null>[] = [];
/** Prewarmed workers that died before they were borrowed. */
const exited = new WeakSet<Worker>();

/**
 * Starts workers before a scan asks for them, e.g. while its files are still being listed: a
 * worker takes ~0.2 s to load, which the scan then does not wait for. Until borrowed they do
 * not keep the process alive.
 */
export function prewarmWorkers(n: number): void {
  while (idle.length + starting.length < n) {
    starting.push(
      launch().then(
        (w) => {
          w.unref();
          w.once('exit', () => exited.add(w));
          w.on('error', () => {}); // its exit marks it; nobody is listening yet
          return w;
        },
        () => null,
      ),
    );
  }
}

/** Workers adopted from bin/trailhound.js (adoptStartedWorker) that no scan has borrowed yet. */
const unasked = new Set<Promise<Worker | null>>();

/**
 * Takes a reader worker that bin/trailhound.js started before the CLI was loaded (bin/early-worker.js):
 * it is borrowed like a prewarmed one. `ready`: false if it failed to load.
 */
export function adoptStartedWorker(w: Worker, ready: Promise<boolean>): void {
  launched++;
  const adopted = ready.then((ok) => {
    if (!ok) {
      void w.terminate();
      return null;
    }
    w.once('exit', () => exited.add(w));
    w.on('error', () => {}); // its exit marks it; nobody is listening yet
    return w;
  });
  starting.push(adopted);
  unasked.add(adopted);
}

/**
 * Ends the adopted workers no scan has borrowed: a scan that reads on one thread would leave
 * one idle, holding its heap, for the rest of the run.
 */
export function releaseAdoptedWorkers(): void {
  for (const p of unasked) {
    const i = starting.indexOf(p);
    if (i >= 0) starting.splice(i, 1);
    void p.then((w) => w?.terminate());
  }
  unasked.clear();
}

/** A ready worker: an idle one, else one being started, else a new one. */
export async function borrowWorker(): Promise<Worker> {
  const next = idle.length > 0 ? undefined : starting.shift();
  if (next) unasked.delete(next);
  const w = idle.pop() ?? (await next) ?? null;
  if (w && !exited.has(w)) {
    w.removeAllListeners('exit');
    w.removeAllListeners('error');
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
