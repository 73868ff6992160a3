/**
 * Runs file tasks, either one after the other in this thread, or spread over worker_threads
 * (one file per task) — and in both cases hands the events back IN FILE ORDER, so duplicate
 * removal ("first occurrence wins") and row order do not depend on timing.
 */
import { Worker } from 'node:worker_threads';
import { readFile } from './read-file.ts';
import type { FileEvent, FileScanConfig, FileTask } from './types.ts';

/**
 * Workers do not inherit the tsx loader that runs our .ts sources: when we run from .ts,
 * a tiny bootstrap registers tsx inside the worker before importing worker.ts.
 */
function startWorker(): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  if (!import.meta.url.endsWith('.ts')) return new Worker(entry);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true });
}

export type TaskEvent = { readonly task: number; readonly ev: FileEvent };

export async function* runSequential(tasks: readonly FileTask[], config: FileScanConfig): AsyncGenerator<TaskEvent> {
  for (let i = 0; i < tasks.length; i++) {
    for await (const ev of readFile(tasks[i]!, config)) yield { task: i, ev };
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
  let failure: Error | null = null;
  const dispatch = (w: Worker) => {
    if (next >= tasks.length) return;
    const id = next++;
    owner.set(id, w);
    w.postMessage({ type: 'task', id, task: tasks[id], config });
  };
  for (let i = 0; i < threads; i++) {
    const w = startWorker();
    w.on('message', (m: { type: string; id: number; ev?: FileEvent; message?: string }) => {
      const q = queues[m.id]!;
      if (m.type === 'crash') {
        q.push({ t: 'diag', d: { severity: 'error', file: tasks[m.id]!.path, message: `reader crashed: ${m.message}` } });
        q.push({ t: 'end', stats: { file: tasks[m.id]!.path, format: 'unknown', bytes: 0, records: 0, rows: 0, filtered: 0, skipped: 0, failed: 1, coerced: 0, status: 'failed' } });
      } else {
        q.push(m.ev!);
      }
      if (q.done) dispatch(w);
    });
    w.on('error', (e) => {
      failure = e;
      for (const q of queues) {
        const wk = q.wake;
        q.wake = null;
        wk?.();
      }
    });
    workers.push(w);
  }
  try {
    for (const w of workers) dispatch(w);
    for (let i = 0; i < tasks.length; i++) {
      const q = queues[i]!;
      for (;;) {
        if (failure) throw failure;
        const ev = q.items.shift();
        if (ev === undefined) {
          await new Promise<void>((r) => (q.wake = r));
          continue;
        }
        if (ev.t === 'batch') owner.get(i)!.postMessage({ type: 'credit', id: i });
        yield { task: i, ev };
        if (ev.t === 'end') break;
      }
      queues[i] = new Queue(); // release memory of a finished task
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
