/**
 * worker_threads entry: reads files (readFileEvents) one after the other in the order they were sent,
 * posting the events back. The scanning thread sends a file or two ahead, so the worker never waits
 * for it between files. Batches are flow-controlled with credits so a fast worker cannot pile a
 * whole file of rows up in the main thread while it is still busy with an earlier file.
 */
import { parentPort } from 'node:worker_threads';
import { readFileEvents, type PartialBlock } from './partial-read.ts';
import type { FileEvent, FileScanConfig, FileTask } from './types.ts';

export const MAX_UNACKED_BATCHES = 4;
/** A small file's ids still go in its one message; a large file's in messages of about this many. */
const IDS_PER_MESSAGE = 16_384;

/** `blockEnd` false: a partial scan's file whose next file (sent next) is in the same block (pool.ts). */
type Task = { type: 'task'; id: number; task: FileTask; config: FileScanConfig; blockEnd?: boolean };
type ToWorker = Task | { type: 'credit'; id: number };

const port = parentPort;
if (port) {
  const queue: Task[] = [];
  let running = false;
  let unacked = 0;
  let current = -1;
  let wake: (() => void) | null = null;
  /** The block of files being aggregated together (files come in order: a block's are consecutive). */
  const block: PartialBlock = { acc: undefined, last: true };
  const work = async () => {
    running = true;
    for (let m = queue.shift(); m !== undefined; m = queue.shift()) {
      unacked = 0;
      current = m.id;
      block.last = m.blockEnd !== false;
      // a file's events go in one message, up to each batch: a message per event (progress, end...)
      // cost the scanning thread more than reading small files itself. A large file still reports
      // progress every 64 events (16 MiB streamed).
      let evs: FileEvent[] = [];
      /** A partial scan's eventIDs in `evs`: past IDS_PER_MESSAGE they go out, not held here until the file's end. */
      let ids = 0;
      try {
        for await (const ev of readFileEvents(m.task, m.config, block)) {
          evs.push(ev);
          if (ev.t === 'ids') ids += ev.ids.count;
          if (ev.t === 'batch' || ids >= IDS_PER_MESSAGE || evs.length >= 64) {
            port.postMessage({ type: 'events', id: m.id, evs });
            evs = [];
            ids = 0;
          }
          if (ev.t === 'batch') {
            unacked++;
            while (unacked >= MAX_UNACKED_BATCHES) await new Promise<void>((r) => (wake = r));
          }
        }
        port.postMessage({ type: 'events', id: m.id, evs });
      } catch (e) {
        // the block ended with this file (readFileEvents sent its groups); the next file starts one
        block.acc = undefined;
        if (evs.length > 0) port.postMessage({ type: 'events', id: m.id, evs });
        port.postMessage({ type: 'crash', id: m.id, message: (e as Error).message });
      }
    }
    running = false;
  };
  port.on('message', (m: ToWorker) => {
    if (m.type === 'credit') {
      if (m.id !== current) return; // a late credit for a file already finished
      unacked--;
      const w = wake;
      wake = null;
      w?.();
      return;
    }
    queue.push(m);
    if (!running) void work();
  });
  port.postMessage({ type: 'ready' });
}
