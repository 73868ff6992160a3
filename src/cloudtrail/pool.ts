/**
 * Runs file tasks, either one after the other in this thread, or spread over worker_threads and
 * this thread (one file per task) — and in both cases hands the events back IN FILE ORDER, so
 * duplicate removal ("first occurrence wins") and row order do not depend on timing.
 */
import type { Worker } from 'node:worker_threads';
import { readFileEvents, type PartialBlock } from './partial-read.ts';
import { borrowWorker, returnWorker } from './worker-pool.ts';
import type { FileEvent, FileScanConfig, FileTask } from './types.ts';

/** How far the parallel reader may run ahead of the consumer (defaults: POOL_LIMITS). */
export interface PoolLimits {
  /**
   * Files sent to a worker ahead of the one it is reading, so it never waits for this thread: this
   * thread also consumes the rows and may be inside a file of its own for a while.
   */
  readonly workerQueue: number;
  /** How far past the file being handed out files may be read. */
  readonly readAhead: number;
  /**
   * Rows read but not yet handed out, past which no more files are read ahead: with a selective
   * pushdown a file leaves a few rows and reading far ahead keeps the worker busy; an all-rows scan
   * stops after a few files.
   */
  readonly queuedRowsMax: number;
  /**
   * A partial scan's files go to a worker in blocks of up to this many consecutive files, which it
   * aggregates together (partial-read.ts PartialBlock): this thread then receives and merges one set
   * of groups per block, not one per file (at 10M records that merging, and the messages behind it,
   * kept this thread busy ~5 s of a ~25 s scan while the worker waited for it). A block whose files
   * hold a duplicate is read again as rows, each of its files. 32 rather than 8: dcount's values
   * are merged once a block, and a larger block repeats fewer of them (10M top-calls, three pairs:
   * 22.7-23.7 s against 21.0-21.1 s, 7 % less CPU; 64 no better; docs/performance.md).
   */
  readonly blockFiles?: number;
}

export const POOL_LIMITS: PoolLimits = { workerQueue: 4, readAhead: 64, queuedRowsMax: 16384, blockFiles: 32 };

export type TaskEvent = { readonly task: number; readonly ev: FileEvent };

export async function* runSequential(tasks: readonly FileTask[], config: FileScanConfig): AsyncGenerator<TaskEvent> {
  for (let i = 0; i < tasks.length; i++) {
    for await (const ev of readFileEvents(tasks[i]!, config)) yield { task: i, ev };
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

function crashed(task: FileTask, message: string): FileEvent[] {
  return [
    { t: 'diag', d: { severity: 'error', file: task.path, message: `reader crashed: ${message}` } },
    { t: 'end', stats: { file: task.path, format: 'unknown', bytes: 0, records: 0, rows: 0, filtered: 0, skipped: 0, failed: 1, coerced: 0, truncated: 0, status: 'failed' } },
  ];
}

/**
 * `threads` workers plus this thread: workers take files as they finish others; this thread reads
 * the next file itself whenever the file it must hand out next is not finished yet (so it works
 * while workers start up, and on 2 cores one worker + this thread use both).
 */
export async function* runParallel(
  tasks: readonly FileTask[],
  config: FileScanConfig,
  threads: number,
  limits: PoolLimits = POOL_LIMITS,
  /** Tests: told the rows queued after each batch is queued. */
  onQueued?: (rows: number) => void,
): AsyncGenerator<TaskEvent> {
  const { workerQueue, readAhead, queuedRowsMax } = limits;
  // blocks only for partial scans (a row scan's files hand out rows, nothing to merge), and small
  // enough near the end that both threads still share the last files
  const blockOf = (from: number): number => {
    if (!config.partial) return 1;
    return Math.max(1, Math.min(limits.blockFiles ?? POOL_LIMITS.blockFiles!, Math.floor((tasks.length - from) / (2 * (threads + 1)))));
  };
  const queues = tasks.map(() => new Queue());
  const workers: Worker[] = [];
  const owner = new Map<number, Worker>();
  const sent = new Map<Worker, number>();
  let next = 0;
  let consumer = 0;
  /** Rows of batches in queues, not yet handed out. */
  let queuedRows = 0;
  let stopped = false;
  let failure: Error | null = null;
  const dispatch = (w: Worker) => {
    while (!stopped && next < tasks.length && next - consumer < readAhead && queuedRows < queuedRowsMax && sent.get(w)! < workerQueue) {
      // a block's files all go now, one after the other: the worker reads them in that order
      const size = blockOf(next);
      for (let k = 0; k < size && next < tasks.length; k++) {
        const id = next++;
        owner.set(id, w);
        sent.set(w, sent.get(w)! + 1);
        w.postMessage({ type: 'task', id, task: tasks[id], config, blockEnd: k === size - 1 || next === tasks.length });
      }
    }
  };
  const fail = (e: Error) => {
    failure = e;
    for (const q of queues) {
      const wk = q.wake;
      q.wake = null;
      wk?.();
    }
  };
  /** Files a worker has sent events of. */
  const begun = new Set<number>();
  /**
   * A worker died (out of memory, killed): the file it was reading ends as crashed (its rows so
   * far kept); the files queued behind it are read in this thread; the scan goes on.
   */
  const died = (w: Worker, why: string) => {
    const at = workers.indexOf(w);
    if (stopped || at < 0) return;
    workers.splice(at, 1);
    const mine = [...owner].filter(([id, o]) => o === w && !queues[id]!.done).map(([id]) => id);
    for (const id of mine.sort((a, b) => a - b)) {
      owner.delete(id);
      if (begun.has(id) || id === mine[0]) for (const ev of crashed(tasks[id]!, `its reader thread died (${why})`)) enqueue(queues[id]!, ev);
      else void readHere(id);
    }
  };
  const attach = (w: Worker) => {
    sent.set(w, 0);
    w.on('message', (m: { type: string; id: number; evs?: FileEvent[]; message?: string }) => {
      begun.add(m.id);
      const q = queues[m.id]!;
      for (const ev of m.type === 'crash' ? crashed(tasks[m.id]!, m.message ?? '') : m.evs!) enqueue(q, ev);
      if (q.done) {
        sent.set(w, sent.get(w)! - 1);
        dispatch(w);
      }
    });
    w.on('error', (e) => died(w, e.message));
    w.on('exit', (code) => died(w, `exit code ${code}`));
    workers.push(w);
    dispatch(w);
  };
  const starting = Promise.all(
    Array.from({ length: threads }, async () => {
      const w = await borrowWorker();
      if (stopped) await returnWorker(w, true);
      else attach(w);
    }),
  ).catch((e: unknown) => fail(e as Error));
  const enqueue = (q: Queue, ev: FileEvent) => {
    if (ev.t === 'batch') {
      queuedRows += ev.length;
      onQueued?.(queuedRows);
    }
    q.push(ev);
  };
  /** A file read in this thread (one of a block of its own when `block` is given); a reader that throws ends the file as crashed. */
  async function* readInThisThread(id: number, block?: PartialBlock): AsyncGenerator<FileEvent> {
    // a small file is read without a single event-loop turn: let finished workers' messages in
    // first, or they would wait for new files until this thread stops reading
    await new Promise<void>((r) => setImmediate(r));
    try {
      yield* readFileEvents(tasks[id]!, config, block);
    } catch (e) {
      // the block ends with this file (its groups went out, or none did: the scan reads it again)
      if (block) block.acc = undefined;
      yield* crashed(tasks[id]!, (e as Error).message);
    }
  }
  const readHere = async (id: number) => {
    for await (const ev of readInThisThread(id)) enqueue(queues[id]!, ev);
  };
  let finished = false;
  /**
   * This thread's own block: files [ownRead, ownEnd) are taken for it and not read yet (the block's
   * earlier files were). They are read in order, into one summarize (`ownBlock`), whether while a
   * worker's file is awaited (their events wait in their queues) or when the scan reaches them.
   */
  let ownRead = 0;
  let ownEnd = 0;
  const ownBlock: PartialBlock = { acc: undefined, last: true };
  /** Takes the next files for this thread: a block of them for a partial scan, only small ones when `small`. */
  const takeOwn = (small: boolean) => {
    let size = blockOf(next);
    if (small) {
      let k = 0;
      while (k < size && next + k < tasks.length && tasks[next + k]!.size <= config.wholeFileMaxBytes) k++;
      size = k;
    }
    ownRead = next;
    next += size;
    ownEnd = next;
  };
  const readOwn = (id: number): AsyncGenerator<FileEvent> => {
    ownRead = id + 1;
    ownBlock.last = id === ownEnd - 1;
    return readInThisThread(id, config.partial ? ownBlock : undefined);
  };
  try {
    for (let i = 0; i < tasks.length; i++) {
      consumer = i;
      for (const w of workers) dispatch(w);
      // nobody has this file yet: read it here (and the rest of a block of them, as a worker
      // would), its events go straight out (any size)
      if (next === i) takeOwn(false);
      if (i === ownRead && i < ownEnd) {
        for await (const ev of readOwn(i)) yield { task: i, ev };
        queues[i] = new Queue();
        continue;
      }
      const q = queues[i]!;
      for (;;) {
        if (failure) throw failure;
        const ev = q.items.shift();
        if (ev === undefined) {
          if (q.done) break;
          // while a worker reads this file, read a later small one here, the next of this
          // thread's own block (its events wait in its queue; a large file's rows could pile up, so
          // those are left to workers or read in turn above)
          // (takeOwn(true) takes none when the next file is large)
          if (ownRead === ownEnd && next < tasks.length && next - i < readAhead && queuedRows < queuedRowsMax) takeOwn(true);
          if (ownRead < ownEnd && queuedRows < queuedRowsMax) {
            const id = ownRead;
            for await (const ev of readOwn(id)) enqueue(queues[id]!, ev);
          } else await new Promise<void>((r) => (q.wake = r));
          continue;
        }
        if (ev.t === 'batch') {
          queuedRows -= ev.length;
          owner.get(i)?.postMessage({ type: 'credit', id: i });
        }
        yield { task: i, ev };
        if (ev.t === 'end') break;
      }
      queues[i] = new Queue(); // release memory of a finished task
      // handed out: a worker that dies later did not die on this file (died() takes the first of
      // its files still in `owner` for the one it was reading)
      owner.delete(i);
    }
    finished = true;
  } finally {
    stopped = true;
    await starting;
    // a worker still busy with this scan's files (the scan stopped early) is not reused
    await Promise.all(workers.map((w) => returnWorker(w, finished && failure === null && sent.get(w) === 0)));
  }
}
