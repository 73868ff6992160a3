/**
 * Moves alerts from the outbox to the sinks, in order, each sink on its own: a failure stops
 * that sink until its backoff (exponential, capped) has passed; its alerts wait in the outbox.
 */
import { stringifyJson } from '../kql/values/json-stringify.ts';
import type { Outbox } from './outbox.ts';
import type { Sink } from './sinks.ts';

export interface RetryPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 5 * 60_000 };

interface SinkState {
  failures: number;
  nextAttempt: number;
  lastError?: string;
}

export class Deliverer {
  private states = new Map<string, SinkState>();
  delivered = 0;

  constructor(
    readonly outbox: Outbox,
    readonly sinks: readonly Sink[],
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    readonly log: (line: string) => void = () => {},
  ) {
    for (const s of sinks) this.states.set(s.name, { failures: 0, nextAttempt: 0 });
  }

  /** One pass over every sink whose backoff has passed. Returns the alerts still waiting. */
  async deliverOnce(signal?: AbortSignal): Promise<number> {
    let waiting = 0;
    for (const sink of this.sinks) {
      const st = this.states.get(sink.name)!;
      const entries = this.outbox.pending(sink.name);
      if (Date.now() < st.nextAttempt) {
        waiting += entries.length;
        continue;
      }
      for (let i = 0; i < entries.length; i++) {
        if (signal?.aborted) {
          waiting += entries.length - i;
          break;
        }
        const path = entries[i]!;
        const alert = this.outbox.read(path);
        try {
          await sink.send(alert, `${stringifyJson(alert)!}\n`);
        } catch (e) {
          st.failures++;
          const wait = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (st.failures - 1));
          st.nextAttempt = Date.now() + wait;
          st.lastError = (e as Error).message;
          this.log(`sink ${sink.name}: ${st.lastError}; ${entries.length - i} alert(s) wait in the outbox, retry in ${wait} ms`);
          waiting += entries.length - i;
          break;
        }
        this.outbox.done(path);
        this.delivered++;
        st.failures = 0;
      }
    }
    return waiting;
  }

  /** Milliseconds until the earliest retry (0 when none is waiting on a backoff). */
  retryDelayMs(): number {
    let next = Infinity;
    for (const st of this.states.values()) if (st.failures > 0) next = Math.min(next, st.nextAttempt);
    return next === Infinity ? 0 : Math.max(0, next - Date.now());
  }
}
