/**
 * The memory budget of one query run (docs/kql.md, "Limits"). Kusto bounds a query's memory per
 * node (`max_memory_consumption_per_query_per_node`) and per operator
 * (`maxmemoryconsumptionperiterator`, 5 GB by default); past either, the query fails with
 * E_RUNAWAY_QUERY (query-limits doc). Here one QueryMemory per run counts the estimated bytes
 * (memory-size.ts) of everything that grows with the data:
 *
 * - An operator that holds rows or states (join, summarize, sort, ...) opens an account and
 *   charges it as its structures grow, a batch or a growth step at a time; the account is
 *   released when the operator's consumer no longer needs its output (the operator is resumed
 *   or closed), so what is charged covers what is alive.
 * - A function that makes a large value (repeat, strcat, strrep, ...) reserves its size before
 *   allocating it, so one huge value is refused instead of crashing the process. Those bytes are
 *   scratch: the operator that evaluated the batch frees them when the batch is dropped.
 *
 * Small values (below SMALL_VALUE_CHARS) made by functions are not charged: per batch they are
 * bounded by the batch size, and the hot path stays a comparison.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { RunawayQueryError } from '../errors.ts';

/** Kusto's default per-iterator limit (query-limits doc, "By default, this value is set to 5 GB"). */
export const DEFAULT_PER_ITERATOR = 5 * 1024 ** 3;
/** The largest `maxmemoryconsumptionperiterator` Kusto accepts (query-limits doc: 30 GB). */
export const MAX_PER_ITERATOR = 32212254720;
/** Functions charge the strings and arrays they make from this many characters or elements on. */
export const SMALL_VALUE_CHARS = 1024;

/**
 * The default per-query budget: half of what this process can hold, the smaller of the V8 heap
 * limit and the machine's (or the container's) memory. The other half is for the process itself
 * (the parser, readers, detect's kept rows) and for what the estimates miss. Fixed per process,
 * so a query fails or not the same way every time.
 */
export function defaultMaxMemory(): number {
  if (defaultBudget !== undefined) return defaultBudget;
  const heap = getHeapStatistics().heap_size_limit;
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const ram = constrained && constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  defaultBudget = Math.floor(Math.min(heap, ram) / 2);
  return defaultBudget;
}

let defaultBudget: number | undefined;

/** The largest per-query budget this process can honour: past the V8 heap limit, V8 fails first. */
export function maxMaxMemory(): number {
  return getHeapStatistics().heap_size_limit;
}

export class QueryMemory {
  /** Bytes charged now: accounts plus scratch. */
  used = 0;
  /** The most ever charged at once (tests, diagnostics). */
  peak = 0;
  /** Bytes reserved by functions for values of batches still in flight. */
  scratch = 0;

  constructor(
    /** The per-query budget in bytes (`max_memory_consumption_per_query_per_node`). */
    readonly limit: number,
    /** The per-operator budget in bytes (`maxmemoryconsumptionperiterator`). */
    readonly perIterator: number = DEFAULT_PER_ITERATOR,
  ) {}

  /** An account for one operator's structures; `name` is the operator as the error names it. */
  operator(name: string): OperatorMemory {
    return new OperatorMemory(this, `${name} operator`);
  }

  /** An account for something else that holds data (`what` as the error names it). */
  account(what: string): OperatorMemory {
    return new OperatorMemory(this, what);
  }

  /**
   * A function is about to make a value of `bytes`: refused (E_RUNAWAY_QUERY) when it does not
   * fit, before it is allocated. The bytes stay charged as scratch until freeScratch.
   */
  reserve(bytes: number, fn: string): void {
    const used = this.used + bytes;
    if (used > this.limit) throw this.exceeded(`${fn}() function`, false);
    this.used = used;
    this.scratch += bytes;
    if (used > this.peak) this.peak = used;
  }

  /** Frees scratch bytes: the values of a batch that was dropped. */
  freeScratch(bytes: number): void {
    this.scratch -= bytes;
    this.used -= bytes;
  }

  /**
   * Frees what was reserved since `mark` (an earlier `scratch`): only valid when nothing else ran
   * in between, i.e. across synchronous evaluation, never across an await or a yield.
   */
  freeScratchSince(mark: number): void {
    if (this.scratch !== mark) this.freeScratch(this.scratch - mark);
  }

  /** Bytes that can still be charged before the per-query budget is exceeded. */
  get left(): number {
    return this.limit - this.used;
  }

  exceeded(what: string, perIterator: boolean): RunawayQueryError {
    return new RunawayQueryError(
      what,
      perIterator
        ? { name: 'maxmemoryconsumptionperiterator', bytes: this.perIterator }
        : { name: 'max_memory_consumption_per_query_per_node', bytes: this.limit },
    );
  }
}

/** What one operator holds; charged as it grows, released all at once. */
export class OperatorMemory {
  /** Bytes this account holds. */
  held = 0;

  constructor(
    private readonly memory: QueryMemory,
    /** What holds the data, as the error names it ("HashJoin operator"). */
    readonly what: string,
  ) {}

  charge(bytes: number): void {
    const m = this.memory;
    this.held += bytes;
    m.used += bytes;
    if (m.used > m.peak) m.peak = m.used;
    if (m.used > m.limit) throw m.exceeded(this.what, false);
    if (this.held > m.perIterator) throw m.exceeded(this.what, true);
  }

  /** Bytes left before this account or the query passes its budget (for capped estimates). */
  get left(): number {
    const m = this.memory;
    return Math.min(m.limit - m.used, m.perIterator - this.held);
  }

  release(): void {
    this.memory.used -= this.held;
    this.held = 0;
  }
}
