/**
 * A Security Lake (OCSF) row group mapped column by column. The row path (parquet-ocsf.ts,
 * readOcsfRows) builds one object per row holding every selected leaf, maps it whole
 * (ocsfToCloudTrail, then mapping.ts) and drops it: most of the allocation of a Parquet read, and
 * what made V8 grow its heap far past the live data. Here each AWSCloudTrail column is mapped from
 * the leaves it alone reads (ocsfFieldsFor with forChecks, the same narrowing the pushed-down
 * checks rely on): rows whose leaves are the same dictionary entries give the same cell, so a cell
 * is mapped once per combination of entries and then looked up per row. A leaf that is not
 * dictionary-encoded (timestamps, event ids) is mapped per row, from an object of its leaves only.
 *
 * Used only when that narrowing is exact for the row path's own selection: no list or map column
 * (`resources`, `unmapped`) is read, since a value kept in `unmapped` can stand in for any field
 * (`eventName` when `api.operation` is null), and every column's leaves are among the row path's.
 * test/cloudtrail/parquet-ocsf-columns.test.ts compares both paths column by column.
 */
import type { LeafColumn } from './parquet-guard.ts';
import type { RowGroupReader } from './parquet-rows.ts';
import { ocsfSelection, readOcsfRows, type OcsfRows, type OcsfSelection } from './parquet-ocsf.ts';
import { ocsfSource, ocsfToCloudTrail } from './ocsf.ts';
import type { MappedCell, RecordMapper } from './mapping.ts';
import { AWS_CLOUDTRAIL_SCHEMA } from './schema.ts';

/**
 * Cells kept per column and row group: a column of distinct values (an id in a dictionary) would
 * otherwise keep a cell per row beside the batch; past it, new keys are mapped per row.
 */
export const CACHED_CELLS_MAX = 8192;

/** One value per row, computed from a narrow row object once per key (its leaves' dictionary entries). */
class KeyedColumn<T> {
  private readonly cache = new Map<number, T>();

  constructor(
    private readonly rows: OcsfRows,
    private readonly compute: (row: Record<string, unknown>) => T,
    private readonly cacheMax: number,
  ) {}

  at(r: number): T {
    const k = this.rows.key ? this.rows.key(r) : -1;
    if (k < 0) return this.compute(this.rows.row(r));
    let v = this.cache.get(k);
    if (v === undefined) {
      v = this.compute(this.rows.row(r));
      if (this.cache.size < this.cacheMax) this.cache.set(k, v);
    }
    return v;
  }
}

/** The columns (and the per-row facts value() needs) of one row group, read column by column. */
export interface OcsfColumns {
  /** null for a CloudTrail row, else what the row is (ocsfSource): it is skipped. */
  source(r: number): string | null;
  /** Column `i`'s cell for row `r` (a CloudTrail row), as mapInto would give it. */
  cell(i: number, r: number): MappedCell;
  /** The row's eventID, for duplicate removal ('' when it has none). */
  id(r: number): string;
}

export interface OcsfColumnPlan {
  readonly source: OcsfSelection;
  readonly byColumn: ReadonlyMap<number, OcsfSelection>;
  /** metadata.uid is read (eventID) */
  readonly uid: boolean;
}

/**
 * The selections each column of `columns` (schema indexes) is mapped from, or null when mapping
 * by column would not be exact for the row path's selection `full` (see the top of this file).
 */
export function ocsfColumnPlan(leaves: ReadonlyMap<string, LeafColumn>, full: OcsfSelection, columns: readonly number[]): OcsfColumnPlan | null {
  if (full.assembled.length > 0) return null;
  const fullLeaves = new Set(full.leaves);
  const within = (s: OcsfSelection) => s.assembled.length === 0 && s.leaves.every((l) => fullLeaves.has(l));
  const source = ocsfSelection(leaves, [], true);
  if (!within(source)) return null;
  const byColumn = new Map<number, OcsfSelection>();
  for (const i of columns) {
    const s = ocsfSelection(leaves, [AWS_CLOUDTRAIL_SCHEMA[i]!.name], true);
    if (!within(s)) return null;
    byColumn.set(i, s);
  }
  return { source, byColumn, uid: fullLeaves.has('metadata.uid') };
}

export async function readOcsfColumns(
  group: RowGroupReader,
  plan: OcsfColumnPlan,
  mapper: RecordMapper,
  keep?: readonly number[],
  cacheMax = CACHED_CELLS_MAX,
): Promise<OcsfColumns> {
  const source = new KeyedColumn(await readOcsfRows(group, plan.source, keep), (o) => ocsfSource(o), cacheMax);
  const cells: KeyedColumn<MappedCell>[] = [];
  for (const [i, s] of plan.byColumn) cells[i] = new KeyedColumn(await readOcsfRows(group, s, keep), (o) => mapper.cellOf(i, ocsfToCloudTrail(o)), cacheMax);
  // eventID is metadata.uid as it is (ocsfToCloudTrail; `unmapped`, its other source, is not read here)
  const uid = plan.uid ? await group.leaf('metadata.uid', keep) : null;
  return {
    source: (r) => source.at(r),
    cell: (i, r) => cells[i]!.at(r),
    id: (r) => {
      const v = uid?.value(uid.rowStart(r));
      return typeof v === 'string' ? v : '';
    },
  };
}
