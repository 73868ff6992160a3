/**
 * Time for live mode, injectable: the watcher asks a Clock for "now" (datetime ticks) and sleeps
 * through it, so tests drive the schedule with simulated time instead of waiting.
 */
import { msToTicks } from '../cloudtrail/time.ts';

export interface Clock {
  now(): bigint;
  /** Resolves at `until` (ticks) or when `signal` aborts, whichever is first. */
  sleepUntil(until: bigint, signal?: AbortSignal): Promise<void>;
}

export class SystemClock implements Clock {
  now(): bigint {
    return msToTicks(Date.now());
  }
  sleepUntil(until: bigint, signal?: AbortSignal): Promise<void> {
    const ms = Math.max(0, Number((until - this.now()) / 10_000n));
    return abortableDelay(ms, signal);
  }
}

/** A clock that only moves when told to (tests, `--now`). Sleeping on it returns at once. */
export class FixedClock implements Clock {
  constructor(private t: bigint) {}
  now(): bigint {
    return this.t;
  }
  set(t: bigint): void {
    this.t = t;
  }
  async sleepUntil(until: bigint): Promise<void> {
    if (until > this.t) this.t = until;
  }
}

export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.min(ms, 2_147_000_000));
    signal?.addEventListener('abort', done, { once: true });
  });
}
