/**
 * Kusto scalar types and their in-memory representation.
 *
 * Representation (decided once, used everywhere; see docs/values.md):
 *   bool      boolean | null
 *   int       number | null            (32-bit signed, always an integer)
 *   long      bigint | null            (64-bit signed, wraps like .NET unchecked arithmetic)
 *   real      number | null            (IEEE-754 double; NaN and ±Infinity are values)
 *   decimal   string | null            (canonical decimal text, exact; arithmetic via decimal helpers)
 *   string    string                   (never null: Kusto has no null string, "" stands in)
 *   datetime  bigint | null            (100 ns ticks since 0001-01-01T00:00:00Z, like .NET DateTime.Ticks)
 *   timespan  bigint | null            (signed 100 ns ticks)
 *   guid      string | null            (lower-case 8-4-4-4-12 text)
 *   dynamic   Dyn                      (see below; JS null is dynamic(null))
 */
export type ScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

export const SCALAR_TYPES: readonly ScalarType[] = [
  'bool', 'int', 'long', 'real', 'decimal', 'string', 'datetime', 'timespan', 'guid', 'dynamic',
];

/** A typed primitive that has no native JSON form, kept inside a dynamic value. */
export class DynDatetime { constructor(readonly ticks: bigint) {} }
export class DynTimespan { constructor(readonly ticks: bigint) {} }
export class DynGuid { constructor(readonly text: string) {} }
/** A 32-bit int inside a dynamic value (JSON integers that fit in 32 bits parse as int, as in Kusto). */
export class DynInt { constructor(readonly value: number) {} }
export class DynDecimal { constructor(readonly text: string) {} }

/**
 * A dynamic value. Arrays are JS arrays; property bags are Maps (insertion order kept, and
 * keys such as "0" are not reordered as they would be in a plain object).
 *   number  -> real       bigint -> long       DynInt -> int
 */
export type Dyn =
  | null
  | boolean
  | number
  | bigint
  | string
  | DynInt
  | DynDecimal
  | DynDatetime
  | DynTimespan
  | DynGuid
  | Dyn[]
  | Map<string, Dyn>;

export type Value = boolean | number | bigint | string | null | Dyn;

export interface ColumnSchema {
  readonly name: string;
  readonly type: ScalarType;
}

export type Schema = readonly ColumnSchema[];

/** A batch of rows stored column by column. columns[i].length === length for every i. */
export interface Batch {
  readonly schema: Schema;
  readonly columns: Value[][];
  readonly length: number;
  /**
   * When each row was ingested (datetime ticks), for ingestion_time() and for a scheduled
   * run's visibility rules. Absent when the source does not know it.
   */
  readonly ingestion?: (bigint | null)[];
}

/** The null value of a type: "" for string, null for everything else. */
export function nullOf(type: ScalarType): Value {
  return type === 'string' ? '' : null;
}

export function emptyBatch(schema: Schema): Batch {
  return { schema, columns: schema.map(() => []), length: 0 };
}

/** Ticks per unit, as bigint. */
export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;
/** Ticks from 0001-01-01 to 1970-01-01 (the Unix epoch). */
export const UNIX_EPOCH_TICKS = 621_355_968_000_000_000n;
