/**
 * Runs file tasks, either one after the other in this thread, or spread over worker_threads
 * (one file per task) — and in both cases hands the events back IN FILE ORDER, so duplicate
 * removal ("first occurrence wins") and row order do not depend on timing.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { dropPrefetch, prefetch, readFile } from './read-file.ts';
import type { FileEvent, FileScanConfig, FileTask } from './types.ts';

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

export type TaskEvent = { readonly task: number; readonly ev: FileEvent };

export async function* runSequential(tasks: readonly FileTask[], config: FileScanConfig): AsyncGenerator<TaskEvent> {
  let i = 0;
  try {
    for (; i < tasks.length; i++) {
      // the next file's bytes are read while this one is decompressed and split
      if (i + 1 < tasks.length) prefetch(tasks[i + 1]!, config);
      for await (const ev of readFile(tasks[i]!, config)) yield { task: i, ev };
    }
  } finally {
    if (i + 1 < tasks.length) dropPrefetch(tasks[i + 1]!);
  }
}

/** Per-task queue of events arriving from a worker. */
class Queue {
  items: FileEvent[] = [];
  done = false;
  wake: (() => void) | null = null;
  push(ev: FileEvent): void {
    this.items.push(ev);
    if (ev.t === 'end') this.done = true;
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}

export async function* runParallel(tasks: readonly FileTask[], config: FileScanConfig, threads: number): AsyncGenerator<TaskEvent> {
  const queues = tasks.map(() => new Queue());
  const workers: Worker[] = [];
  const owner = new Map<number, Worker>();
  let next = 0;
  let ready = 0;
  let stopped = false;
  let failure: Error | null = null;
  const dispatch = (w: Worker) => {
    if (next >= tasks.length || stopped) return;
    const id = next++;
    owner.set(id, w);
    w.postMessage({ type: 'task', id, task: tasks[id], config });
  };
  const fail = (e: Error) => {
    failure = e;
    for (const q of queues) {
      const wk = q.wake;
      q.wake = null;
      wk?.();
    }
  };
  const attach = (w: Worker) => {
    w.on('message', (m: { type: string; id: number; ev?: FileEvent; message?: string }) => {
      if (m.type === 'ready') {
        // a worker takes files only once its modules are loaded
        ready++;
        dispatch(w);
        return;
      }
      const q = queues[m.id]!;
      if (m.type === 'crash') {
        q.push({ t: 'diag', d: { severity: 'error', file: tasks[m.id]!.path, message: `reader crashed: ${m.message}` } });
        q.push({ t: 'end', stats: { file: tasks[m.id]!.path, format: 'unknown', bytes: 0, records: 0, rows: 0, filtered: 0, skipped: 0, failed: 1, coerced: 0, status: 'failed' } });
      } else {
        q.push(m.ev!);
      }
      if (q.done) dispatch(w);
    });
    w.on('error', (e) => fail(e));
    workers.push(w);
  };
  const starting = (async () => {
    for (let i = 0; i < threads; i++) {
      const w = await startWorker();
      if (stopped) {
        void w.terminate();
        continue;
      }
      attach(w);
    }
  })().catch((e: unknown) => fail(e as Error));
  // Until every worker is up, this thread reads files itself (the same readFile, events into the
  // same per-file queues, so order and results do not change): the workers' start-up is not idle time.
  const local = (async () => {
    while (ready < threads && next < tasks.length && !stopped) {
      const id = next++;
      const q = queues[id]!;
      try {
        for await (const ev of readFile(tasks[id]!, config)) q.push(ev);
      } catch (e) {
        q.push({ t: 'diag', d: { severity: 'error', file: tasks[id]!.path, message: `reader crashed: ${(e as Error).message}` } });
        q.push({ t: 'end', stats: { file: tasks[id]!.path, format: 'unknown', bytes: 0, records: 0, rows: 0, filtered: 0, skipped: 0, failed: 1, coerced: 0, status: 'failed' } });
      }
      // let worker messages in between files
      await new Promise<void>((r) => setImmediate(r));
    }
  })();
  try {
    for (let i = 0; i < tasks.length; i++) {
      const q = queues[i]!;
      for (;;) {
        if (failure) throw failure;
        const ev = q.items.shift();
        if (ev === undefined) {
          await new Promise<void>((r) => (q.wake = r));
          continue;
        }
        if (ev.t === 'batch') owner.get(i)?.postMessage({ type: 'credit', id: i });
        yield { task: i, ev };
        if (ev.t === 'end') break;
      }
      queues[i] = new Queue(); // release memory of a finished task
    }
  } finally {
    stopped = true;
    await local;
    await starting;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
