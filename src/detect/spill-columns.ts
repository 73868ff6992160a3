/**
 * Column encodings for the spill file. V8's serializer writes every string in full and every
 * bigint as its own object, so a chunk of CloudTrail rows (the same regions, accounts, event
 * names and user agents over and over, and several datetime columns) was large to write and slow
 * to read back. Here a string column becomes a dictionary of its distinct values plus one index
 * per row, and a datetime/timespan/long column a BigInt64Array plus a null mask: less than half the
 * bytes, and a read gives rows that share one string per distinct value. A dynamic column is
 * flattened (dyn-codec.ts), so values of any nesting depth are kept.
 */
import type { Dyn, ScalarType, Value } from '../kql/types.ts';
import { flattenDyns, unflattenDyns, type FlatDyns } from '../kql/values/dyn-codec.ts';

export type EncodedColumn =
  | { readonly k: 'dict'; readonly values: string[]; readonly codes: Uint16Array | Uint32Array }
  | { readonly k: 'i64'; readonly values: BigInt64Array; readonly nulls: Uint8Array | null }
  | { readonly k: 'dyn'; readonly values: FlatDyns }
  | { readonly k: 'plain'; readonly values: Value[] };

function encodeStrings(col: readonly Value[]): EncodedColumn {
  const index = new Map<string, number>();
  const values: string[] = [];
  const codes = new Uint32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const s = col[i] as string;
    let code = index.get(s);
    if (code === undefined) {
      code = values.length;
      index.set(s, code);
      values.push(s);
    }
    codes[i] = code;
  }
  return { k: 'dict', values, codes: values.length <= 0xffff ? Uint16Array.from(codes) : codes };
}

function encodeBigints(col: readonly Value[]): EncodedColumn {
  const values = new BigInt64Array(col.length);
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < col.length; i++) {
    const v = col[i] as bigint | null;
    if (v === null) (nulls ??= new Uint8Array(col.length))[i] = 1;
    else values[i] = v;
  }
  return { k: 'i64', values, nulls };
}

export function encodeColumn(type: ScalarType, col: readonly Value[]): EncodedColumn {
  switch (type) {
    case 'string':
      return encodeStrings(col);
    case 'datetime':
    case 'timespan':
    case 'long':
      return encodeBigints(col);
    case 'dynamic':
      return { k: 'dyn', values: flattenDyns(col as Dyn[]) };
    default:
      return { k: 'plain', values: col as Value[] };
  }
}

export function decodeColumn(e: EncodedColumn): Value[] {
  switch (e.k) {
    case 'dict': {
      const out = new Array<Value>(e.codes.length);
      for (let i = 0; i < out.length; i++) out[i] = e.values[e.codes[i]!]!;
      return out;
    }
    case 'i64': {
      const out = new Array<Value>(e.values.length);
      for (let i = 0; i < out.length; i++) out[i] = e.nulls !== null && e.nulls[i] === 1 ? null : e.values[i]!;
      return out;
    }
    case 'dyn':
      return unflattenDyns(e.values);
    case 'plain':
      return e.values;
  }
}
