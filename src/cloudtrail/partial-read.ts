/**
 * A file's events for a scan: readFile's, or, for a partial scan (config.partial), the same events
 * with the batches replaced by one `groups` event just before `end`: the rows went into the
 * query's summarize here, in the thread that read them (kql/exec/partial-accumulate.ts). Each
 * batch's eventIDs still go out as an `ids` event, for the duplicate filter to claim.
 */
import type { PartialAccumulator } from '../kql/exec/partial-accumulate.ts';
import { nullOf, type Value } from '../kql/types.ts';
import { readFile } from './read-file.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';
import type { FileEvent, FileScanConfig, FileTask } from './types.ts';

let accumulator: typeof PartialAccumulator | undefined;

/** Loaded on first use (once: an import() per file cost a module resolution each): a reader worker that never aggregates does not load the KQL functions. */
async function loadAccumulator(): Promise<typeof PartialAccumulator> {
  accumulator = (await import('../kql/exec/partial-accumulate.ts')).PartialAccumulator;
  return accumulator;
}

let ingestion: (bigint | null)[] = [];

/** The batch's ingestion-time column (one value for the whole file), shared like the null columns. */
function ingestionColumn(value: bigint | null, length: number): (bigint | null)[] {
  if (ingestion.length !== length || ingestion[0] !== value) ingestion = new Array<bigint | null>(length).fill(value);
  return ingestion;
}

/**
 * A reader thread's block of consecutive files aggregated together (pool.ts): one summarize for
 * all of them, so the scanning thread merges (and receives) one set of groups per block instead of
 * one per file. `acc` is the open block's summarize (undefined: no block open; null: an expression
 * failed on its rows); `last`: the file being read ends the block.
 */
export interface PartialBlock {
  acc: PartialAccumulator | null | undefined;
  last: boolean;
}

export async function* readFileEvents(task: FileTask, config: FileScanConfig, block?: PartialBlock): AsyncGenerator<FileEvent> {
  if (!config.partial) {
    yield* readFile(task, config);
    return;
  }
  const Accumulator = accumulator ?? (await loadAccumulator());
  let acc: PartialAccumulator | null = block?.acc !== undefined ? block.acc : new Accumulator(config.partial);
  let rows = 0;
  /** The file's groups (the block's, at its last file), or, within a block, that its rows are in the block's. */
  const groups = (final: boolean): FileEvent => {
    if (block !== undefined && !final) {
      block.acc = acc;
      return { t: 'continued', rows, ok: acc !== null };
    }
    if (block !== undefined) block.acc = undefined;
    return { t: 'groups', groups: acc?.partial() ?? null, rows };
  };
  try {
    for await (const ev of readFile(task, config)) {
      if (ev.t === 'batch') {
        fillUnwantedShared(ev.columns, ev.length);
        rows += ev.length;
        // claimed batch by batch where the scan is consumed (source.ts, duplicates.ts): a file's
        // ids are never all held here, nor sent at all when nothing claims them
        if (!config.keepDuplicates && ev.length > 0) yield { t: 'ids', ids: ev.ids };
        try {
          acc?.add({ schema: AWS_CLOUDTRAIL_SCHEMA, columns: ev.columns, length: ev.length, ingestion: ingestionColumn(task.ingestion, ev.length) });
        } catch {
          // the scanning thread reads this file again as rows and evaluates there: the error is
          // then the query's, as on the row path
          acc = null;
        }
        continue;
      }
      if (ev.t === 'end') yield groups(block === undefined || block.last);
      yield ev;
    }
  } catch (e) {
    // the file's rows so far are kept, as on the row path (with the block's: it ends here); then
    // the reader's failure
    yield groups(true);
    throw e;
  }
}

/** The null columns of fillUnwantedShared, by type: batches mostly have the same length, so one array serves them all. */
const nullColumns = new Map<string, Value[]>();

/**
 * fillUnwanted for a batch the accumulator consumes at once and drops (it only reads columns):
 * the columns the query does not read share one read-only array of nulls per type, instead of
 * ~50 new arrays per batch (175 ms and their garbage in a 300k-record count).
 */
function fillUnwantedShared(columns: Value[][], length: number): void {
  for (let i = 0; i < columns.length; i++) {
    if (columns[i]!.length === length) continue;
    const type = AWS_CLOUDTRAIL_SCHEMA[i]!.type;
    let nulls = nullColumns.get(type);
    if (nulls === undefined || nulls.length !== length) nullColumns.set(type, (nulls = new Array<Value>(length).fill(nullOf(type))));
    columns[i] = nulls;
  }
}

/** Columns the query does not read arrive empty (nothing was mapped): give them their null value. */
export function fillUnwanted(columns: Value[][], length: number): void {
  for (let i = 0; i < columns.length; i++) {
    if (columns[i]!.length !== length) columns[i] = new Array<Value>(length).fill(nullOf(AWS_CLOUDTRAIL_SCHEMA[i]!.type));
  }
}
