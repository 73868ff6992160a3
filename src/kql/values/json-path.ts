/**
 * The JSONPath subset Kusto supports (learn.microsoft.com/kusto/query/jsonpath): `$` the root,
 * `.name` a property, `['name']` / `["name"]` a property with special characters, `[n]` the n-th
 * array element (0-based). "Wildcards, recursion, union, slices, and current object are not
 * supported." Used by extract_json() and by externaldata's JSON ingestion mappings.
 *
 * The mapping doc writes a bracketed property after a dot (`$.['Property name with space']`):
 * that spelling is accepted too.
 */
import type { Dyn } from '../types.ts';

export type JsonPathStep = { readonly prop: string } | { readonly index: number };

const STEP = /\.?\[\s*'((?:[^'\\]|\\.)*)'\s*\]|\.?\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\[\s*(\d+)\s*\]|\.([^.[\]'"\s*]+)/y;

/** The steps of a path, or undefined when it is not in the supported subset (or not a path). */
export function parseJsonPath(text: string): JsonPathStep[] | undefined {
  const t = text.trim();
  if (!t.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  let i = 1;
  while (i < t.length) {
    STEP.lastIndex = i;
    const m = STEP.exec(t);
    if (!m) return undefined;
    if (m[3] !== undefined) {
      const n = Number(m[3]);
      if (!Number.isSafeInteger(n)) return undefined;
      steps.push({ index: n });
    } else {
      const quoted = m[1] ?? m[2];
      steps.push({ prop: quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : m[4]! });
    }
    i = STEP.lastIndex;
  }
  return steps;
}

/** The value at `steps` inside `root`; undefined when the path does not exist there. */
export function evalJsonPath(root: Dyn, steps: readonly JsonPathStep[]): Dyn | undefined {
  let cur: Dyn = root;
  for (const s of steps) {
    if ('prop' in s) {
      if (!(cur instanceof Map) || !cur.has(s.prop)) return undefined;
      cur = cur.get(s.prop)!;
    } else {
      if (!Array.isArray(cur) || s.index >= cur.length) return undefined;
      cur = cur[s.index]!;
    }
  }
  return cur;
}
