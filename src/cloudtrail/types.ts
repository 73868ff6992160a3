/** Shared shapes of the CloudTrail reader (plain data: they cross worker_threads). */
import type { ScanPredicate } from '../kql/scan.ts';
import type { Value } from '../kql/types.ts';
import type { EscapePolicy } from './json-text.ts';
import type { PackedIds } from './id-words.ts';

export type InputFormat = 'auto' | 'json' | 'jsonl' | 'csv' | 'parquet';

export interface Diagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly file: string;
  /** 0-based index of the record (item) in its file, when the problem is one record. */
  readonly record?: number;
  /** Byte offset in the decompressed stream, when known. */
  readonly offset?: number;
  /** What is wrong; never the record or offset again (formatDiagnostic puts them before it). */
  readonly message: string;
}

export interface FileTask {
  readonly path: string;
  readonly size: number;
  /** Delivery time (datetime ticks) given to every row of this file. */
  readonly ingestion: bigint | null;
  readonly format: InputFormat;
  /**
   * Read only these bytes of the (decompressed) JSON or JSON Lines stream, `start` on a boundary
   * between top-level values or lines: live mode reading what was appended to a file since it
   * last read it. CSV and Parquet files are always read whole.
   */
  readonly range?: ByteRange;
}

export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface FileScanConfig {
  readonly predicates: readonly ScanPredicate[];
  /** Per schema column: does the query (or a pushed-down check) read it? */
  readonly wanted: readonly boolean[];
  /**
   * Read only the wanted fields from a record's text when there are few (field-extract.ts);
   * false: JSON.parse every record whole (tests compare the two). Default true.
   */
  readonly extractFields?: boolean;
  readonly tenantId: string;
  readonly escapePolicy: EscapePolicy;
  /** Text columns keep at most this many UTF-8 bytes (0 = no limit; mapping.ts). */
  readonly maxFieldBytes: number;
  readonly batchSize: number;
  readonly maxRecordBytes: number;
  /** A gzip file stops being read once it has inflated to this many times its size (inflate-limit.ts). */
  readonly maxInflateRatio: number;
  /** Files up to this size are read and gunzipped in one call (cheaper than a stream per small S3 object). */
  readonly wholeFileMaxBytes: number;
  /** Per-file cap on reported record problems (the counts stay exact). */
  readonly maxDiagnosticsPerFile: number;
  /**
   * Partial aggregation (kql/exec/partial.ts): the encoded summarize each file's rows go into;
   * the file then gives one `groups` event instead of its batches (partial-read.ts).
   */
  readonly partial?: Uint8Array;
  /** No duplicate removal (--keep-duplicates): a partial read sends no eventIDs (nothing claims them). */
  readonly keepDuplicates?: boolean;
  /** Security Lake Parquet mapped row by row, never column by column (tests compare the two paths). */
  readonly ocsfByRow?: boolean;
}

export interface FileStats {
  readonly file: string;
  format: string;
  bytes: number;
  /** Items seen (records, rows, envelopes...), including those filtered, skipped or failed. */
  records: number;
  /** Rows produced (before duplicate removal). */
  rows: number;
  /** Records dropped by pushed-down predicates. */
  filtered: number;
  /** Records kept out on purpose (Insights events, digest files). */
  skipped: number;
  /** Records that could not be read. */
  failed: number;
  /** Rows whose fields had wrong types (kept, coerced). */
  coerced: number;
  /** Rows with a text field cut to the field limit (kept). */
  truncated: number;
  status: 'ok' | 'partial' | 'failed' | 'skipped';
}

export type FileEvent =
  | { readonly t: 'batch'; readonly columns: Value[][]; readonly ids: PackedIds; readonly length: number }
  /**
   * A partial scan's file, per batch of its rows: their eventIDs, claimed by the duplicate filter
   * as they come (duplicates.ts), so no file's ids are held until its end. Packed (id-words.ts):
   * UUIDs as words, so the claiming thread neither parses nor receives their texts.
   */
  | { readonly t: 'ids'; readonly ids: PackedIds }
  /**
   * A partial scan's file, at its end: the summarize's groups over its rows (null: an expression
   * failed, the file is read again as rows) and their number.
   */
  | { readonly t: 'groups'; readonly groups: unknown; readonly rows: number }
  /**
   * A partial scan's file read as one of a block of consecutive files (pool.ts): its rows went
   * into the block's summarize, whose groups come with the `groups` event of a later file of the
   * block. `ok` false: an expression failed on the block's rows (every file of the block is then
   * read again as rows).
   */
  | { readonly t: 'continued'; readonly rows: number; readonly ok: boolean }
  | { readonly t: 'diag'; readonly d: Diagnostic }
  | { readonly t: 'progress'; readonly bytes: number }
  | { readonly t: 'end'; readonly stats: FileStats };
