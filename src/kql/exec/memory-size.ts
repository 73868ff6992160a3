/**
 * Estimated sizes of values, for the per-query memory budget (memory.ts) and the result set's
 * data size (truncation.ts). docs/kql.md, "Limits", states the rules.
 *
 * A value is estimated at its full size wherever it is held, as if nothing were shared: Kusto's
 * values do not share memory, and a value whose parts are shared here (`repeat(s, 1000)` holds
 * one `s` 1,000 times) can be expanded later (tostring, a JSON cell) to that full size. Strings
 * count two bytes a character (UTF-16, as .NET holds them; V8 often needs only one), so the
 * estimate errs above what V8 really allocates. Estimates are meant to bound memory within a
 * small factor, not to be exact.
 *
 * Walks of dynamic values are iterative (input-controlled depth must not recurse) and stop as
 * soon as the total passes `cap`: a caller only needs to know that a value does not fit.
 */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Batch, type Dyn, type ScalarType, type Value } from '../types.ts';

/** A pointer to a value in an array or an object field. */
export const SLOT = 8;
/** Header of a heap object (map, properties, elements pointers). */
const OBJECT = 24;
/** A string: header and length, then two bytes a character. */
const STRING_HEADER = 16;
/** A boxed double (V8 HeapNumber) or a bigint of one 64-bit digit. */
const NUMBER = 16;
const BIGINT = 24;
/** A Map entry (key, value, chain link) and its share of the hash table. */
const MAP_ENTRY = 32;
/**
 * An array's header and its backing store's header; a non-empty array built element by element
 * has room for at least 17 (V8 grows an empty array's store to 17 on the first push). Measured:
 * `[[[...]]]` 10,000 deep is 184 bytes a level, which 24 + 8 a slot had taken for 32 (the fuzz
 * run found parse_json of such a text per row exhausting the heap under a budget it thought
 * was six times larger).
 */
const ARRAY = 48;
const ARRAY_MIN_SLOTS = 17;
/** A Map's header and its smallest hash table (a bag of one key measured 184 bytes a level). */
const MAP = 152;

/** Bytes of an array of `length` slots (the elements' own bytes not included). */
function arrayBytes(length: number): number {
  return length === 0 ? OBJECT + SLOT : ARRAY + SLOT * Math.max(length, ARRAY_MIN_SLOTS);
}

export function stringBytes(length: number): number {
  return STRING_HEADER + 2 * length;
}

/** Bytes of one cell of a column of `type` whose size does not depend on the value (slot included), or -1. */
export function fixedCellBytes(type: ScalarType): number {
  switch (type) {
    case 'bool':
    case 'int':
      return SLOT;
    case 'real':
      return SLOT + NUMBER;
    case 'long':
    case 'datetime':
    case 'timespan':
      return SLOT + BIGINT;
    case 'guid':
      return SLOT + stringBytes(36);
    default:
      return -1;
  }
}

/** Bytes of one cell (its slot included). */
export function cellBytes(type: ScalarType, v: Value, cap = Infinity): number {
  const fixed = fixedCellBytes(type);
  if (fixed >= 0) return fixed;
  if (v === null) return SLOT;
  if (typeof v === 'string') return SLOT + stringBytes(v.length);
  return SLOT + dynBytes(v as Dyn, cap);
}

/** Bytes of rows [from, to) of a column (slots included), stopping early past `cap`. */
export function columnBytes(type: ScalarType, col: readonly Value[], from = 0, to = col.length, cap = Infinity): number {
  const fixed = fixedCellBytes(type);
  if (fixed >= 0) return fixed * (to - from);
  let total = 0;
  if (type === 'string' || type === 'decimal') {
    for (let i = from; i < to; i++) {
      const v = col[i];
      total += typeof v === 'string' ? SLOT + STRING_HEADER + 2 * v.length : SLOT;
    }
    return total;
  }
  for (let i = from; i < to && total <= cap; i++) total += SLOT + dynBytes(col[i] as Dyn, cap - total);
  return total;
}

/**
 * Bytes of a batch: every column's cells, and the columns' arrays. Resident columns (below) cost
 * their pointers only.
 */
export function batchBytes(batch: Batch, cap = Infinity): number {
  let total = OBJECT;
  const n = batch.length;
  for (let c = 0; c < batch.columns.length && total <= cap; c++) {
    const col = batch.columns[c]!;
    total += OBJECT + (isResident(col) ? SLOT * n : columnBytes(batch.schema[c]!.type, col, 0, n, cap - total));
  }
  if (batch.ingestion) total += (SLOT + BIGINT) * n;
  return total;
}

/**
 * Columns whose values stay in memory for the whole run whatever the query does: an in-memory
 * table's (a replay's window, a --table file, a test's rows), columns picked or sliced from them,
 * and columns of one repeated value. An operator that holds them costs only its pointers; a
 * stream's values (a CloudTrail reader's, a function's results) are charged in full, since
 * holding them is what keeps them alive. The mark is a property of the array (columns are never
 * written once made): a WeakSet cost more than the charging it saved.
 */
const RESIDENT = Symbol('resident column');

type Marked = { [RESIDENT]?: true };

export function isResident(col: readonly Value[]): boolean {
  return (col as Marked)[RESIDENT] === true;
}

/** Marks one column as resident. */
export function markResidentColumn(col: readonly Value[]): void {
  // Not enumerable: the mark is invisible to anything that compares or copies the values.
  if ((col as Marked)[RESIDENT] !== true) Object.defineProperty(col, RESIDENT, { value: true });
}

/** Marks `batch`'s columns as resident; returns the batch. */
export function markResident(batch: Batch): Batch {
  for (const c of batch.columns) if (c) markResidentColumn(c);
  return batch;
}

/** `made` holds values of `from` only (rows picked or sliced): resident when `from` is. */
export function residentAs(from: readonly Value[], made: readonly Value[]): void {
  if ((from as Marked)[RESIDENT] === true) markResidentColumn(made);
}

/** Bytes of new column arrays of `width` columns and `rows` rows that point at values held elsewhere. */
export function slotBytes(width: number, rows: number): number {
  return width * (OBJECT + SLOT * rows);
}

/**
 * Bytes of a dynamic value at its full size (shared parts counted each time they appear), not
 * counting the slot that points at it. Stops walking once the total passes `cap`.
 */
export function dynBytes(d: Dyn, cap = Infinity): number {
  const scalar = dynScalarBytes(d);
  if (scalar >= 0) return scalar;
  let total = 0;
  const stack: Dyn[] = [d];
  while (stack.length > 0 && total <= cap) {
    const v = stack.pop()!;
    const s = dynScalarBytes(v);
    if (s >= 0) {
      total += s;
      continue;
    }
    if (Array.isArray(v)) {
      total += arrayBytes(v.length);
      for (let i = 0; i < v.length; i++) {
        const e = v[i]!;
        const es = dynScalarBytes(e);
        if (es >= 0) total += es;
        else stack.push(e);
      }
    } else {
      const m = v as Map<string, Dyn>;
      total += MAP + MAP_ENTRY * m.size;
      for (const [k, e] of m) {
        total += stringBytes(k.length);
        const es = dynScalarBytes(e);
        if (es >= 0) total += es;
        else stack.push(e);
      }
    }
  }
  return total;
}

/** Bytes of a dynamic scalar, or -1 for an array or a bag. */
function dynScalarBytes(d: Dyn): number {
  if (d === null) return 0;
  switch (typeof d) {
    case 'boolean':
      return 0;
    case 'number':
      return NUMBER;
    case 'bigint':
      return BIGINT;
    case 'string':
      return stringBytes(d.length);
  }
  if (d instanceof DynInt || d instanceof DynDatetime || d instanceof DynTimespan) return OBJECT + BIGINT;
  if (d instanceof DynGuid || d instanceof DynDecimal) return OBJECT + stringBytes(d.text.length);
  return -1;
}
