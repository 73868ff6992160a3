/**
 * Dynamic values through v8.serialize (spill files, the plan cache). v8.serialize keeps bigint,
 * Map (property bags, key order included), arrays and strings exactly, but drops class identity:
 * the typed wrappers (DynInt, ...) are tagged on the way out and rebuilt on the way in. Plain
 * objects never occur in a Dyn otherwise, so a tag cannot be mistaken for data.
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

export function encodeDyn(v: Dyn): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(encodeDyn);
  if (v instanceof Map) {
    const m = new Map<string, unknown>();
    for (const [k, x] of v) m.set(k, encodeDyn(x));
    return m;
  }
  const tag = tagWrapper(v);
  if (!tag) throw new Error(`cannot encode a dynamic value of class ${(v as object).constructor?.name}`);
  return tag;
}

export function decodeDyn(v: unknown): Dyn {
  if (v === null || typeof v !== 'object') return v as Dyn;
  if (Array.isArray(v)) return v.map(decodeDyn);
  if (v instanceof Map) {
    const m = new Map<string, Dyn>();
    for (const [k, x] of v) m.set(k as string, decodeDyn(x));
    return m;
  }
  return untagWrapper(v as DynTag);
}
