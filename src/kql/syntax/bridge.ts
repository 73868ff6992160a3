/**
 * Loads Microsoft's official Kusto parser and binder (Bridge.NET build of Kusto.Language).
 * The two scripts define globals (Bridge, System, Kusto); they cost ~0.3-1 s to load cold, so
 * they are loaded on first use only, never at import time.
 *
 * Only src/kql/syntax/ may touch these objects: everything else sees our typed plan.
 */
import { createRequire } from 'node:module';

// The Bridge.NET API is untyped for our purposes: its d.ts does not describe the $ctorN names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BridgeObject = any;

let kusto: BridgeObject | undefined;

/** The `Kusto.Language` namespace, loading the parser on first call. */
export function kustoLanguage(): BridgeObject {
  if (kusto === undefined) {
    // A startup snapshot (scripts/build.mjs) may already hold the loaded parser.
    if ((globalThis as BridgeObject).Kusto?.Language === undefined) {
      const require = createRequire(import.meta.url);
      require('@kusto/language-service-next/bridge.min.js');
      require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
    }
    kusto = (globalThis as BridgeObject).Kusto.Language;
  }
  return kusto;
}

/** The .NET class name of a syntax node or symbol, without its namespace. */
export function className(node: BridgeObject): string {
  const full: string = node.constructor.$$name;
  const dot = full.lastIndexOf('.');
  return dot < 0 ? full : full.slice(dot + 1);
}

/** Iterates a .NET list (Count + getItem). */
export function* items<T = BridgeObject>(list: BridgeObject): Generator<T> {
  if (!list) return;
  const n: number = list.Count;
  for (let i = 0; i < n; i++) yield list.getItem(i) as T;
}

export function children(node: BridgeObject): BridgeObject[] {
  const out: BridgeObject[] = [];
  const n: number = node.ChildCount;
  for (let i = 0; i < n; i++) out.push(node.GetChild(i));
  return out;
}
