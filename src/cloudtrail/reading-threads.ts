/**
 * How many threads read files when `--workers` is 'auto' (docs/performance.md, "Reading threads").
 *
 * Rows crossing threads cost a structured clone each: a scan that sends every row keeps one core
 * for the thread that consumes them (cores − 1 readers), unless the byte filter leaves few rows to
 * send (one reader per core). A partial scan sends only each file's groups: one reader per core
 * (on the idle 2-core machine two readers took 0.4-0.75× the wall time of one, for ~1.2× the CPU: a
 * second worker's start and JIT warm-up). On a machine already busy the second reader is no faster
 * and costs 10-40 % more CPU; that is left to `--workers 1`: the count does not follow the load
 * average, which counts the last minute's work (a previous hunt's own threads included), so hunts
 * run back to back would not get the same threads.
 */
export interface ReadingThreadsInput {
  readonly cores: number;
  /** The scan has a byte filter: few records become rows. */
  readonly byteFilter: boolean;
  /** Files' groups cross threads instead of their rows (partial aggregation). */
  readonly partial: boolean;
}

/** At most this many reading threads (the pool's size). */
export const MAX_AUTO_THREADS = 4;

export function autoReadingThreads({ cores, byteFilter, partial }: ReadingThreadsInput): number {
  const perCore = byteFilter || partial;
  return Math.max(1, Math.min(MAX_AUTO_THREADS, perCore ? cores : cores - 1));
}
