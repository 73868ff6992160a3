/** Grouping keys over several columns: one Map key per distinct tuple (strings never null). */
import type { ScalarType, Value } from '../../types.ts';
import { groupKey } from '../../values/compare.ts';

export type KeyFn = (row: number) => unknown;

/** A function giving, for row i of the given key columns, a primitive equal iff the tuples are equal. */
export function tupleKey(types: readonly ScalarType[], cols: readonly Value[][]): KeyFn {
  if (cols.length === 0) return () => '';
  if (cols.length === 1) {
    const t = types[0]!;
    const c = cols[0]!;
    if (t === 'string') return (i) => c[i];
    return (i) => groupKey(t, c[i]!);
  }
  return (i) => {
    let k = '';
    for (let j = 0; j < cols.length; j++) {
      const v = cols[j]![i]!;
      const part = types[j] === 'string' ? (v as string) : String(groupKey(types[j]!, v));
      // Length-prefixed so that ("a|", "b") and ("a", "|b") differ.
      k += `${part.length}:${part}|`;
    }
    return k;
  };
}
