/**
 * How many threads read files when `--workers` is 'auto' (docs/performance.md, "Reading threads").
 *
 * Rows crossing threads cost a structured clone each: a scan that sends every row keeps one core
 * for the thread that consumes them (cores − 1 readers), unless the byte filter leaves few rows to
 * send (one reader per core). A partial scan sends only each file's groups, so a reader per core
 * pays as long as a core is free to run it: on the idle 2-core machine two readers took ~0.75× the
 * wall time of one (for ~1.2× the CPU: a second worker's start and JIT warm-up), while on the same
 * machine at a load of 9-17 they were no faster and cost 10-40 % more CPU. The 1-minute load
 * average below the core count is taken as "a core is free".
 */
export interface ReadingThreadsInput {
  readonly cores: number;
  /** The 1-minute load average (os.loadavg()[0]; 0 where the system does not report it). */
  readonly load: number;
  /** The scan has a byte filter: few records become rows. */
  readonly byteFilter: boolean;
  /** Files' groups cross threads instead of their rows (partial aggregation). */
  readonly partial: boolean;
}

/** At most this many reading threads (the pool's size). */
export const MAX_AUTO_THREADS = 4;

export function autoReadingThreads({ cores, load, byteFilter, partial }: ReadingThreadsInput): number {
  const perCore = byteFilter || (partial && load < cores);
  return Math.max(1, Math.min(MAX_AUTO_THREADS, perCore ? cores : cores - 1));
}
