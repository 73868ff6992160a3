/**
 * What one server lets a request have: a bounded number of queries at once (Kusto's request
 * concurrency limit, query-limits doc: past it, requests are throttled, HTTP 429), a bounded
 * request body, and each query's servertimeout and memory budget.
 */
export interface ServerLimits {
  /** Queries and commands running at once; more are refused with 429. */
  readonly maxConcurrent: number;
  /** The largest request body, bytes (413 past it). */
  readonly maxBodyBytes: number;
  /** servertimeout when the client sets none (Kusto's default for queries: 4 minutes). */
  readonly defaultTimeoutMs: number;
  /** The memory budget of each query; a client's max_memory_consumption_per_query_per_node may only lower it. */
  readonly maxMemoryBytes: number;
}

export const DEFAULT_MAX_CONCURRENT = 4;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 4 * 60 * 1000;
/**
 * The most scheduled runs one detections call may ask for (all rules together): about 9.5 years of
 * one 5-minute rule. The schedule is built before the first run, so a from/to of centuries would
 * exhaust memory before servertimeout could stop it.
 */
export const MAX_DETECTION_RUNS = 1_000_000;

/** Counts running requests; take() is false when all places are taken. */
export class ConcurrencyGate {
  private running = 0;
  constructor(readonly limit: number) {}
  take(): boolean {
    if (this.running >= this.limit) return false;
    this.running++;
    return true;
  }
  release(): void {
    this.running--;
  }
  get active(): number {
    return this.running;
  }
}
