// Starts the CloudTrail reader's first worker thread while this process is still loading the CLI
// bundle. A worker takes ~0.2 s to load (Node's own modules for a new thread, then worker.js),
// and started by the reader it would only be ready ~0.4 s after the process started, while the
// main thread reads alone; started here, ~0.25 s (docs/performance.md, "An earlier worker").
// src/cloudtrail/worker-pool.ts adopts it; an unused one does not keep the process alive.
import { Worker } from 'node:worker_threads';
import v8 from 'node:v8';

/**
 * `file`: the bundle's worker entry (dist/node/worker.js). Resolves `ready` true once the worker
 * has loaded (it posts `{ type: 'ready' }`), false if it failed or exited first.
 */
export function startEarlyWorker(file) {
  // the heap limit the reader gives its workers (src/threads/start-worker.ts, limits())
  const mib = Math.max(256, Math.floor(v8.getHeapStatistics().heap_size_limit / 2 / 1024 / 1024));
  const worker = new Worker(file, { resourceLimits: { maxOldGenerationSizeMb: mib } });
  worker.unref();
  const ready = new Promise((resolve) => {
    const done = (ok) => {
      worker.off('message', onMessage);
      worker.off('exit', onExit);
      resolve(ok);
    };
    const onMessage = (m) => {
      if (m && m.type === 'ready') done(true);
    };
    // stays until the reader takes the worker: an 'error' nobody listens to would end the process
    const onError = () => done(false);
    const onExit = () => done(false);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
  return { worker, ready };
}
