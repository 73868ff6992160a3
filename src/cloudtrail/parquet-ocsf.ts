/**
 * Security Lake (OCSF) Parquet read by leaf column. hyparquet's object reader decodes every leaf
 * of each top-level struct it is asked for and assembles one nested object per row and struct:
 * most of the time and memory of a read. Here only the leaf columns the wanted AWSCloudTrail
 * columns are mapped from are decoded (`api.operation` for EventName, not the request and response
 * texts beside it: ocsf.ts, ocsfFieldsFor), page by page into one array per leaf (hyparquet's
 * `onPage`, no assembly), and a row group whose statistics show that no row can pass the scan's
 * time range or EventName list is not read at all.
 *
 * Each row is then handed to the same mapping as before (ocsf.ts, then mapping.ts) as a small
 * object holding only those leaves, so every value is the one the object reader gave. Lists and
 * maps (`resources`, `unmapped`) are assembled by hyparquet when a wanted column needs them; other
 * repeated leaves are never read (no mapping reads a value inside a list but those two).
 */
import type { Compressors, FileMetaData, AsyncBuffer } from 'hyparquet';
import type { ScanPredicate } from '../kql/scan.ts';
import { TICKS_PER_MILLISECOND, UNIX_EPOCH_TICKS } from '../kql/types.ts';
import type { LeafColumn } from './parquet-guard.ts';
import { ocsfFieldsFor } from './ocsf.ts';
// a type only: the decoder (and the codecs it loads) is imported when a Parquet file is read
import type { RowGroupReader } from './parquet-rows.ts';
import { KeyNumbers } from './key-numbers.ts';

/** Top-level columns read whole (hyparquet assembles their lists and maps). */
const ASSEMBLED = new Set(['resources', 'unmapped']);

export interface OcsfSelection {
  /** Leaf columns decoded into arrays, by dotted path (never under a repeated field). */
  readonly leaves: readonly string[];
  /** Top-level columns read whole. */
  readonly assembled: readonly string[];
  /** The leaves of each top-level column read whole. */
  readonly assembledLeaves: ReadonlyMap<string, readonly string[]>;
  /** Whether a column chunk (its path in the schema) is read. */
  readonly reads: (path: readonly string[]) => boolean;
}

export function ocsfSelection(leaves: ReadonlyMap<string, LeafColumn>, wantedColumns: readonly string[], forChecks = false): OcsfSelection {
  const fields = [...ocsfFieldsFor(wantedColumns, forChecks)];
  const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}.`);
  const picked: string[] = [];
  const assembled = new Set<string>();
  for (const [path, leaf] of leaves) {
    const top = path.split('.')[0]!;
    if (!fields.some((f) => under(path, f))) continue;
    if (ASSEMBLED.has(top)) assembled.add(top);
    else if (leaf.maxRep === 0) picked.push(path);
  }
  const pickedSet = new Set(picked);
  const assembledLeaves = new Map<string, string[]>();
  for (const path of leaves.keys()) {
    const top = path.split('.')[0]!;
    if (assembled.has(top)) assembledLeaves.set(top, [...(assembledLeaves.get(top) ?? []), path]);
  }
  return {
    leaves: picked,
    assembled: [...assembled],
    assembledLeaves,
    reads: (path) => pickedSet.has(path.join('.')) || assembled.has(path[0] ?? ''),
  };
}

/** Milliseconds since 1970 of a statistics value hyparquet converted (Date, bigint or number), or null. */
function millis(v: unknown): number | null {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  return null;
}

function isAscii(s: string): boolean {
  return !/[^\x00-\x7f]/.test(s);
}

/**
 * True when row group `g`'s statistics show that no row can satisfy the predicates: every time
 * column TimeGenerated is read from (`time_dt`, else `time`) lies wholly outside a range on it,
 * or `api.operation` (EventName) holds no value of a case-sensitive list. Missing or inexact
 * statistics, or anything that could still give the value another way, never rule a group out.
 */
export function rowGroupRuledOut(metadata: FileMetaData, g: number, predicates: readonly ScanPredicate[], selection: OcsfSelection): boolean {
  const chunks = new Map<string, NonNullable<FileMetaData['row_groups'][number]['columns'][number]['meta_data']>>();
  for (const c of metadata.row_groups[g]!.columns) if (c.meta_data) chunks.set(c.meta_data.path_in_schema.join('.'), c.meta_data);
  for (const p of predicates) {
    if (p.kind === 'timeRange' && p.column === 'TimeGenerated') {
      const times = ['time_dt', 'time'].filter((c) => selection.leaves.includes(c));
      if (times.length === 0) continue;
      // TimeGenerated is time_dt ?? time: out of range when each one present is (nulls fail any range)
      const outside = times.every((c) => {
        const st = chunks.get(c)?.statistics;
        const lo = millis(st?.min_value);
        const hi = millis(st?.max_value);
        if (lo === null || hi === null || st?.is_min_value_exact === false || st?.is_max_value_exact === false) return false;
        const loT = UNIX_EPOCH_TICKS + BigInt(Math.floor(lo)) * TICKS_PER_MILLISECOND;
        const hiT = UNIX_EPOCH_TICKS + BigInt(Math.ceil(hi)) * TICKS_PER_MILLISECOND;
        if (p.min !== undefined && (p.minInclusive === false ? hiT <= p.min : hiT < p.min)) return true;
        if (p.max !== undefined && (p.maxInclusive === false ? loT >= p.max : loT > p.max)) return true;
        return false;
      });
      if (outside) return true;
    } else if (p.kind === 'in' && p.column === 'EventName' && !p.caseInsensitive) {
      const meta = chunks.get('api.operation');
      const st = meta?.statistics;
      const lo = st?.min_value;
      const hi = st?.max_value;
      if (typeof lo !== 'string' || typeof hi !== 'string' || !isAscii(lo) || !isAscii(hi)) continue;
      // a row without api.operation has EventName "" (or unmapped's eventName when that is read)
      const nulls = st?.null_count;
      if (p.values.includes('') || (nulls !== undefined && Number(nulls) > 0 && selection.assembled.includes('unmapped')) || nulls === undefined) continue;
      // statistics compare bytes (Parquet's order for UTF-8): the same as JS order on ASCII
      if (p.values.every((v) => !isAscii(v) ? false : v < lo || v > hi)) return true;
    }
  }
  return false;
}

/**
 * The rows of row group `g` (rows `start` to `end` of the file) as objects holding only the
 * selected fields, from a file that serves the checked chunks (parquet-guard.ts).
 */
export async function readOcsfRowsHyparquet(
  file: AsyncBuffer,
  metadata: FileMetaData,
  compressors: Compressors,
  g: number,
  start: number,
  end: number,
  selection: OcsfSelection,
): Promise<OcsfRows> {
  const { parquetRead, parquetReadObjects } = await import('hyparquet');
  const n = end - start;
  const values = new Map<string, unknown[]>();
  for (const l of selection.leaves) values.set(l, new Array<unknown>(n));
  // only this row group's chosen chunks are planned (hyparquet selects by top-level name otherwise)
  const narrowed = (keep: (path: readonly string[]) => boolean): FileMetaData => ({
    ...metadata,
    row_groups: metadata.row_groups.map((rg, i) => (i === g ? { ...rg, columns: rg.columns.filter((c) => keep(c.meta_data?.path_in_schema ?? [])) } : { ...rg, columns: [] })),
  });
  // one leaf at a time: hyparquet keeps a column's decoded pages (and the arrays it wraps nested
  // values in) until the column is done, so reading them together held them all at once
  for (const leaf of selection.leaves) {
    await parquetRead({
      file,
      metadata: narrowed((p) => p.join('.') === leaf),
      compressors,
      rowStart: start,
      rowEnd: end,
      onPage: (page) => {
        const into = values.get(page.pathInSchema.join('.'));
        if (!into) return;
        const data = page.columnData;
        const from = page.rowStart - start;
        for (let i = 0; i < data.length; i++) {
          const at = from + i;
          if (at < 0 || at >= n) continue;
          // hyparquet wraps a leaf in one array per optional struct above it (none for a null
          // struct): unwrapped here, so the wrappers die young instead of living the whole group
          let v: unknown = data[i];
          while (Array.isArray(v)) v = v[0];
          into[at] = v;
        }
      },
    });
  }
  let whole: Record<string, unknown>[] | null = null;
  if (selection.assembled.length > 0) {
    const tops = new Set(selection.assembled);
    whole = await parquetReadObjects({ file, metadata: narrowed((p) => tops.has(p[0] ?? '')), compressors, rowStart: start, rowEnd: end, columns: [...selection.assembled] });
  }
  const paths = selection.leaves.map((l) => ({ keys: l.split('.'), data: values.get(l)! }));
  // built one at a time as the caller maps them: each row object dies young
  const rowAt = (r: number): Record<string, unknown> => {
    // class_uid is always there (the object reader's rows have every top-level key): isOcsf
    const row: Record<string, unknown> = { class_uid: undefined };
    for (const { keys, data } of paths) {
      const v = data[r];
      if (v !== undefined && v !== null) setPath(row, keys, v);
    }
    if (whole) for (const t of selection.assembled) row[t] = whole[r]?.[t];
    return row;
  };
  return { length: n, row: rowAt };
}

/** A row group's rows, each built when asked for. */
export interface OcsfRows {
  readonly length: number;
  row(i: number): Record<string, unknown>;
  /**
   * A number equal for two rows whose objects are equal (their values are the same dictionary
   * entries), -1 when a row has none; absent when the rows have no such key.
   */
  key?(i: number): number;
}

/**
 * The rows of one row group as objects holding only the selected fields, from our own page
 * decoder (parquet-rows.ts): leaves are decoded once per row group, values converted only for
 * the rows built. A ParquetUnsupportedError means hyparquet must read this group.
 */
export async function readOcsfRows(group: RowGroupReader, selection: OcsfSelection, keep?: readonly number[]): Promise<OcsfRows> {
  // with `keep` (ascending), only those rows are decoded (parquet-rows.ts): no other is asked for
  const paths = await Promise.all(selection.leaves.map(async (l) => ({ keys: l.split('.'), leaf: await group.leaf(l, keep) })));
  const nested = await Promise.all(selection.assembled.map(async (top) => ({ top, build: await group.nested(top, selection.assembledLeaves.get(top) ?? [], keep) })));
  const row = (r: number): Record<string, unknown> => {
    // class_uid is always there (the object reader's rows have every top-level key): isOcsf
    const o: Record<string, unknown> = { class_uid: undefined };
    for (const { keys, leaf } of paths) {
      const v = leaf.value(leaf.rowStart(r));
      if (v !== undefined && v !== null) setPath(o, keys, v);
    }
    for (const { top, build } of nested) o[top] = build(r);
    return o;
  };
  // a mixed-radix number of the leaves' dictionary keys, while it stays an exact integer
  let radix = 1;
  const mults: number[] = [];
  for (const { leaf } of paths) {
    mults.push(radix);
    radix *= leaf.dictionary.length + 1;
  }
  if (nested.length > 0 || radix > 2 ** 52) return { length: group.rows, row };
  const key = (r: number): number => {
    let k = 0;
    for (let j = 0; j < paths.length; j++) {
      const leaf = paths[j]!.leaf;
      const part = leaf.key(leaf.rowStart(r));
      if (part < 0) return -1;
      k += part * mults[j]!;
    }
    return k;
  };
  return { length: group.rows, row, key };
}

/**
 * The rows of the group that `passes` (the pushed-down string checks, on a row object of the
 * selected leaves), ascending, and how many do not. Rows whose leaves hold the same dictionary
 * entries get one verdict: when every leaf is dictionary-encoded, the keys come straight from the
 * pages' runs (parquet-keys.ts) and only one row per key is decoded (parquet-sparse.ts).
 */
export async function rowsPassing(group: RowGroupReader, selection: OcsfSelection, passes: (row: Record<string, unknown>) => boolean): Promise<{ keep: number[]; dropped: number }> {
  const keys = selection.assembled.length === 0 ? await group.keys(selection.leaves) : null;
  const byKeys = keys ? await passingByKeys(group, selection, passes, keys) : null;
  if (byKeys) return byKeys;
  const keep: number[] = [];
  let dropped = 0;
  const narrow = await readOcsfRows(group, selection);
  const verdicts = narrow.key ? new Map<number, boolean>() : null;
  for (let i = 0; i < narrow.length; i++) {
    const k = verdicts ? narrow.key!(i) : -1;
    let ok = k >= 0 ? verdicts!.get(k) : undefined;
    if (ok === undefined) {
      ok = passes(narrow.row(i));
      if (k >= 0) verdicts!.set(k, ok);
    }
    if (ok) keep.push(i);
    else dropped++;
  }
  return { keep, dropped };
}

/**
 * rowsPassing from each row's key: the first row of each key decides for all of them. Null when
 * the keys are more than an eighth of the rows (ids nearly unique: the table and the rows to
 * decode would grow with the group; the whole decoder is then as good).
 */
async function passingByKeys(group: RowGroupReader, selection: OcsfSelection, passes: (row: Record<string, unknown>) => boolean, keys: Float64Array): Promise<{ keep: number[]; dropped: number } | null> {
  const most = Math.max(1024, keys.length >> 3);
  const numbers = new KeyNumbers();
  const ids = new Int32Array(keys.length);
  const probes: number[] = [];
  let last = -1;
  let lastId = -1;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k !== last) {
      last = k;
      lastId = numbers.idOf(k);
      if (lastId === probes.length) {
        if (probes.length === most) return null;
        probes.push(i);
      }
    }
    ids[i] = lastId;
  }
  const rows = await readOcsfRows(group, selection, probes);
  const verdicts = new Uint8Array(probes.length);
  for (let p = 0; p < probes.length; p++) verdicts[p] = passes(rows.row(probes[p]!)) ? 1 : 0;
  const keep: number[] = [];
  let dropped = 0;
  for (let i = 0; i < ids.length; i++) {
    if (verdicts[ids[i]!]) keep.push(i);
    else dropped++;
  }
  return { keep, dropped };
}

/** Puts `v` at the nested path `keys` of `o`, making the objects on the way. */
export function setPath(o: Record<string, unknown>, keys: readonly string[], v: unknown): void {
  let t = o;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k]!;
    let next = t[key] as Record<string, unknown> | undefined;
    if (next === undefined || next === null) t[key] = next = {};
    t = next;
  }
  t[keys[keys.length - 1]!] = v;
}
