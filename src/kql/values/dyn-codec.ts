/**
 * Dynamic values through v8.serialize (spill files, the plan cache). v8.serialize keeps bigint,
 * Map (property bags, key order included), arrays and strings exactly, but drops class identity:
 * the typed wrappers (DynInt, ...) are tagged on the way out and rebuilt on the way in. Plain
 * objects never occur in a Dyn otherwise, so a tag cannot be mistaken for data. Spill files
 * store values flattened (flattenDyns): v8.serialize cannot store deeply nested ones.
 */
import { DynDatetime, DynDecimal, DynGuid, DynInt, DynTimespan, type Dyn } from '../types.ts';

export interface DynTag {
  readonly t: 'i' | 'dt' | 'ts' | 'g' | 'd';
  readonly v: unknown;
}

/** The tag of a typed wrapper, or undefined when `v` is not one (exact classes only). */
export function tagWrapper(v: object): DynTag | undefined {
  switch (Object.getPrototypeOf(v)) {
    case DynInt.prototype:
      return { t: 'i', v: (v as DynInt).value };
    case DynDatetime.prototype:
      return { t: 'dt', v: (v as DynDatetime).ticks };
    case DynTimespan.prototype:
      return { t: 'ts', v: (v as DynTimespan).ticks };
    case DynGuid.prototype:
      return { t: 'g', v: (v as DynGuid).text };
    case DynDecimal.prototype:
      return { t: 'd', v: (v as DynDecimal).text };
  }
  return undefined;
}

/** The wrapper a tag stands for; a tag this version does not write is an error, never a guess. */
export function untagWrapper(tag: DynTag): Dyn {
  const { t, v } = tag;
  if (t === 'i' && typeof v === 'number') return new DynInt(v);
  if (t === 'dt' && typeof v === 'bigint') return new DynDatetime(v);
  if (t === 'ts' && typeof v === 'bigint') return new DynTimespan(v);
  if (t === 'g' && typeof v === 'string') return new DynGuid(v);
  if (t === 'd' && typeof v === 'string') return new DynDecimal(v);
  throw new Error(`not a dynamic value tag: ${String(t)}`);
}

/**
 * Dynamic values as two flat arrays, which v8.serialize stores at any nesting depth (it recurses
 * itself, and fails a few thousand levels down). `shape` has one number per array, bag or other
 * value, in pre-order: 0 for a value that is neither, 2n+1 for an array of n values, 2n+2 for a
 * bag of n. `leaves` has the other values in the same order (typed wrappers as tags), and each
 * bag's keys where the bag starts.
 */
export interface FlatDyns {
  readonly shape: number[];
  readonly leaves: unknown[];
}

export function flattenDyns(values: readonly Dyn[]): FlatDyns {
  const shape: number[] = [];
  const leaves: unknown[] = [];
  const todo: Dyn[] = [];
  for (let i = values.length - 1; i >= 0; i--) todo.push(values[i]!);
  while (todo.length > 0) {
    const d = todo.pop() as Dyn;
    if (Array.isArray(d)) {
      shape.push(2 * d.length + 1);
      for (let i = d.length - 1; i >= 0; i--) todo.push(d[i]!);
    } else if (d instanceof Map) {
      shape.push(2 * d.size + 2);
      for (const k of d.keys()) leaves.push(k);
      const items = [...d.values()];
      for (let i = items.length - 1; i >= 0; i--) todo.push(items[i]!);
    } else {
      shape.push(0);
      leaves.push(d === null || typeof d !== 'object' ? d : encodeWrapper(d));
    }
  }
  return { shape, leaves };
}

function encodeWrapper(v: object): DynTag {
  const tag = tagWrapper(v);
  if (!tag) throw new Error(`cannot encode a dynamic value of class ${v.constructor?.name}`);
  return tag;
}

/** An array or bag being rebuilt: its keys (bags) and how many values it still needs. */
interface Open {
  readonly into: Dyn[] | Map<string, Dyn>;
  readonly keys: string[] | undefined;
  left: number;
}

/** The values flattenDyns was given; a malformed input is an error, never a guess. */
export function unflattenDyns(flat: FlatDyns): Dyn[] {
  const { shape, leaves } = flat;
  const out: Dyn[] = [];
  const open: Open[] = [];
  let l = 0;
  const leaf = (): unknown => {
    if (l >= leaves.length) throw new Error('flattened dynamic values: fewer leaves than the shape needs');
    return leaves[l++];
  };
  for (let s = 0; s < shape.length; s++) {
    const n = shape[s]!;
    let v: Dyn;
    if (n === 0) {
      const x = leaf();
      v = x === null || typeof x !== 'object' ? (x as Dyn) : untagWrapper(x as DynTag);
    } else if (n % 2 === 1) {
      if (n === 1) v = [];
      else {
        open.push({ into: [], keys: undefined, left: (n - 1) / 2 });
        continue;
      }
    } else {
      if (n === 2) v = new Map();
      else {
        const keys: string[] = [];
        for (let k = 0; k < (n - 2) / 2; k++) keys.push(leaf() as string);
        open.push({ into: new Map(), keys, left: keys.length });
        continue;
      }
    }
    // Store v; a container it completes is stored in turn.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) {
        out.push(v);
        break;
      }
      if (Array.isArray(top.into)) top.into.push(v);
      else top.into.set(top.keys![top.keys!.length - top.left]!, v);
      if (--top.left > 0) break;
      v = top.into;
      open.pop();
    }
  }
  if (open.length > 0 || l !== leaves.length) throw new Error('flattened dynamic values: the shape and the leaves do not match');
  return out;
}
