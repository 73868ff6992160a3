/**
 * The watch loop around a LiveRunner: step, deliver, sleep until the next run is due (or the
 * next poll), stop cleanly on an abort (SIGTERM: the current run finishes and is checkpointed).
 */
import { abortableDelay, type Clock } from './clock.ts';
import type { Deliverer } from './deliver.ts';
import type { LiveRunner } from './runner.ts';
import { TICKS_PER_SECOND } from '../kql/types.ts';

export interface WatchLoopOptions {
  readonly log?: (line: string) => void;
  readonly runner: LiveRunner;
  readonly deliverer: Deliverer;
  readonly clock: Clock;
  /** How often to look for new files between runs (ticks). */
  readonly pollInterval: bigint;
  readonly once: boolean;
  readonly signal: AbortSignal;
}

export async function watchLoop(o: WatchLoopOptions): Promise<void> {
  await o.runner.start();
  for (;;) {
    try {
      await o.runner.step(o.signal);
    } catch (e) {
      // A source that is unreachable (network, S3 throttling) must not stop a long-lived
      // watcher: what was not checkpointed is redone by the next pass.
      if (o.once) throw e;
      o.log?.(`poll failed: ${(e as Error).message}; resuming from the last checkpoint at the next poll`);
      // Drop what the failed pass did in memory (as a restart would): the checkpoint is the truth.
      await o.runner.start();
    }
    await o.deliverer.deliverOnce(o.signal);
    if (o.once || o.signal.aborted) break;
    const wake = o.clock.now() + o.pollInterval;
    const due = o.runner.nextDue();
    const until = due < wake ? due : wake;
    // A sink waiting on its backoff wakes the loop earlier, in real time.
    const retryMs = o.deliverer.retryDelayMs();
    if (retryMs > 0 && retryMs < Number((until - o.clock.now()) / (TICKS_PER_SECOND / 1000n))) {
      await abortableDelay(retryMs, o.signal);
      await o.deliverer.deliverOnce(o.signal);
      continue;
    }
    await o.clock.sleepUntil(until, o.signal);
    if (o.signal.aborted) break;
  }
}
