/**
 * worker_threads entry: reads whole files (one task at a time) with readFile and posts the
 * events back. Batches are flow-controlled with credits so a fast worker cannot pile a whole
 * file of rows up in the main thread while it is still busy with an earlier file.
 */
import { parentPort } from 'node:worker_threads';
import { readFile } from './read-file.ts';
import type { FileScanConfig, FileTask } from './types.ts';

export const MAX_UNACKED_BATCHES = 4;

type ToWorker = { type: 'task'; id: number; task: FileTask; config: FileScanConfig } | { type: 'credit'; id: number };

const port = parentPort;
if (port) {
  let unacked = 0;
  let current = -1;
  let wake: (() => void) | null = null;
  port.on('message', (m: ToWorker) => {
    if (m.type === 'credit') {
      if (m.id !== current) return; // a late credit for a file already finished
      unacked--;
      const w = wake;
      wake = null;
      w?.();
      return;
    }
    void (async () => {
      unacked = 0;
      current = m.id;
      try {
        for await (const ev of readFile(m.task, m.config)) {
          port.postMessage({ type: 'event', id: m.id, ev });
          if (ev.t === 'batch') {
            unacked++;
            while (unacked >= MAX_UNACKED_BATCHES) await new Promise<void>((r) => (wake = r));
          }
        }
      } catch (e) {
        port.postMessage({ type: 'crash', id: m.id, message: (e as Error).message });
      }
    })();
  });
  port.postMessage({ type: 'ready' });
}
