/**
 * The columns a replay keeps of a table: those its rules read. A kept row then costs its read
 * columns only (a CloudTrail row has 53 columns; a rule reads a handful), and a run's window gives
 * the rest as their null value, which is what a reader gives for columns a scan does not ask for
 * (scan.ts), so a rule sees the same rows either way.
 */
import { nullOf, type Batch, type Schema, type Value } from '../kql/types.ts';

export interface KeptColumns {
  /** Positions in the full schema, ascending. */
  readonly indexes: readonly number[];
  /** The kept columns' schema. */
  readonly schema: Schema;
}

/** TimeGenerated is always kept: rows are filed by it. Without `columns`, every column. */
export function keptColumns(schema: Schema, columns: ReadonlySet<string> | undefined): KeptColumns {
  const indexes: number[] = [];
  schema.forEach((c, i) => {
    if (columns === undefined || columns.has(c.name) || c.name === 'TimeGenerated') indexes.push(i);
  });
  return { indexes, schema: indexes.map((i) => schema[i]!) };
}

/**
 * Rows of the kept columns as rows of the full schema. The other columns of one null value are
 * one array (columns are never written once made; selectRows and concatBatches keep them one).
 */
export function widen(schema: Schema, kept: KeptColumns, rows: Batch): Batch {
  if (kept.indexes.length === schema.length) return rows;
  const nulls = new Map<Value, Value[]>();
  const columns = schema.map((c) => {
    const v = nullOf(c.type);
    let col = nulls.get(v);
    if (col === undefined) nulls.set(v, (col = new Array<Value>(rows.length).fill(v)));
    return col;
  });
  kept.indexes.forEach((i, k) => (columns[i] = rows.columns[k]!));
  return { ...rows, schema, columns };
}
