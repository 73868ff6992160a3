/** `--max-memory MiB`: the per-query memory budget of query, detect and watch (docs/kql.md, "Limits"). */
import type { Command } from 'commander';
import { defaultMaxMemory, maxMaxMemory } from '../kql/exec/memory.ts';
import type { RequestProperties } from '../kql/request-properties.ts';
import { UsageError } from './errors.ts';

const MIB = 1024 * 1024;

export function addMaxMemoryOption(command: Command): Command {
  return command.option(
    '--max-memory <MiB>',
    `memory budget of each query run (Kusto's max_memory_consumption_per_query_per_node); past it the run stops with E_RUNAWAY_QUERY (default: half of this process's memory limit, here ${Math.floor(defaultMaxMemory() / MIB)})`,
  );
}

/** The client request properties the option gives (none when it is not given). */
export function maxMemoryProperties(value: string | undefined): RequestProperties {
  if (value === undefined) return {};
  const mib = Number(value);
  if (!Number.isFinite(mib) || mib <= 0) throw new UsageError(`--max-memory: not a positive number of MiB: ${value}`);
  const bytes = Math.floor(mib * MIB);
  const most = maxMaxMemory();
  if (bytes > most) {
    throw new UsageError(
      `--max-memory ${value}: more than this Node.js heap can hold (${Math.floor(most / MIB)} MiB); raise the heap limit first, e.g. NODE_OPTIONS=--max-old-space-size=${Math.ceil(mib * 2)}`,
    );
  }
  return { max_memory_consumption_per_query_per_node: bytes };
}
