/**
 * Result truncation (query-limits doc, "Limit on result set size"): by default a client receives
 * at most 500,000 records and 64 MB of data; past either, the result holds the records up to the
 * limit and the query reports a partial query failure, E_QUERY_RESULT_SET_TOO_LARGE. `set
 * notruncation;` lifts it unless a limit is set too; `set truncationmaxrecords = N;` and `set
 * truncationmaxsize = N;` change the limits (the lower value when set more than once).
 *
 * The data size of a record is estimated from its values as .NET would hold them (docs/kql.md,
 * "Limits"): bool 1 byte, int 4, long/real/datetime/timespan 8, guid and decimal 16, a string two
 * bytes a character, a dynamic value as memory-size.ts estimates it.
 */
import type { RequestProperties } from '../request-properties.ts';
import type { Batch, ScalarType, Schema, Value } from '../types.ts';
import { concatBatches, firstRows } from './batches.ts';
import { dynBytes } from './memory-size.ts';
import type { OperatorMemory } from './memory.ts';
import { batchBytes } from './memory-size.ts';
import type { Dyn } from '../types.ts';

export const DEFAULT_TRUNCATION_MAX_RECORDS = 500_000;
export const DEFAULT_TRUNCATION_MAX_SIZE = 64 * 1024 * 1024;

export interface TruncationLimits {
  readonly maxRecords: number;
  readonly maxSize: number;
}

/** The limits that apply, or undefined under `notruncation` (ignored when a limit is set too). */
export function truncationLimits(p: RequestProperties): TruncationLimits | undefined {
  const limited = p.truncationmaxrecords !== undefined || p.truncationmaxsize !== undefined;
  if (p.notruncation && !limited) return undefined;
  return { maxRecords: p.truncationmaxrecords ?? DEFAULT_TRUNCATION_MAX_RECORDS, maxSize: p.truncationmaxsize ?? DEFAULT_TRUNCATION_MAX_SIZE };
}

/** A result as a client receives it: the records up to the limits, and Kusto's failure when cut. */
export interface ResultSet {
  readonly table: Batch;
  /** Kusto's partial query failure message when the result was truncated. */
  readonly partialFailure?: string;
}

function dataBytes(type: ScalarType, col: readonly Value[], i: number): number {
  switch (type) {
    case 'bool':
      return 1;
    case 'int':
      return 4;
    case 'long':
    case 'real':
    case 'datetime':
    case 'timespan':
      return 8;
    case 'guid':
    case 'decimal':
      return 16;
    case 'string':
      return 2 * (col[i] as string).length;
    case 'dynamic':
      return dynBytes(col[i] as Dyn);
  }
}

/**
 * The stream cut at the limits (none: as is). Once a limit is reached the stream is closed, so
 * nothing more is computed, and `cut` gets Kusto's partial query failure message.
 */
export async function* truncated(schema: Schema, stream: AsyncIterable<Batch>, limits: TruncationLimits | undefined, cut: (failure: string) => void): AsyncIterable<Batch> {
  if (!limits) {
    yield* stream;
    return;
  }
  let rows = 0;
  let size = 0;
  for await (const b of stream) {
    if (b.length === 0) continue;
    let keep = b.length;
    let failure: string | undefined;
    if (rows + keep > limits.maxRecords) {
      keep = limits.maxRecords - rows;
      failure = `Query result set has exceeded the internal record count limit ${limits.maxRecords} (E_QUERY_RESULT_SET_TOO_LARGE).`;
    }
    // The data size, row by row only in the batch that may cross the limit.
    let bytes = 0;
    for (let c = 0; c < schema.length; c++) for (let i = 0; i < keep; i++) bytes += dataBytes(schema[c]!.type, b.columns[c]!, i);
    if (size + bytes > limits.maxSize) {
      let at = 0;
      for (; at < keep; at++) {
        let row = 0;
        for (let c = 0; c < schema.length; c++) row += dataBytes(schema[c]!.type, b.columns[c]!, at);
        if (size + row > limits.maxSize) break;
        size += row;
      }
      keep = at;
      failure = `Query result set has exceeded the internal data size limit ${limits.maxSize} (E_QUERY_RESULT_SET_TOO_LARGE).`;
    } else size += bytes;
    if (keep > 0) yield keep < b.length ? firstRows(b, keep) : b;
    rows += keep;
    if (failure) {
      cut(failure);
      return;
    }
  }
}

/** Collects a result stream into one batch under the limits, charging what it holds to `account`. */
export async function collectResultSet(schema: Schema, stream: AsyncIterable<Batch>, limits: TruncationLimits | undefined, account: OperatorMemory): Promise<ResultSet> {
  const parts: Batch[] = [];
  let partialFailure: string | undefined;
  for await (const part of truncated(schema, stream, limits, (f) => (partialFailure = f))) {
    account.charge(batchBytes(part, account.left));
    parts.push(part);
  }
  return { table: concatBatches(schema, parts), partialFailure };
}
