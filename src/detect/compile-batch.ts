/**
 * Compiling many queries at once elsewhere. `detect`, `watch` and `hunt` compile every rule or
 * hunting query before they read; outside the startup snapshot a plan-cache miss would load the
 * official parser into their own process (~2 s of CPU, ~60-70 MB kept for the whole run). The
 * CLI instead hands the misses, in one batch, to a process where the parser is loaded
 * (src/cli/compile-child.ts); this module only decides which compiles are misses.
 */
import { existsSync } from 'node:fs';
import type { CompileBatch } from '../kql/cache/remote-compile.ts';
import type { CatalogSchema, CompileOptions } from '../kql/engine.ts';
import type { Workspace } from './workspace.ts';

/** Compiles a batch elsewhere: CompileOptions.elsewhere for its queries, or undefined to compile here. */
export type CompileAll = (batch: CompileBatch) => CompileOptions['elsewhere'];

/** The queries (text and the file name errors give) the workspace's plan cache holds no plan for. */
export function uncachedBatch(workspace: Workspace, catalog: CatalogSchema, queries: readonly { readonly text: string; readonly file: string }[]): CompileBatch {
  const cache = workspace.planCache;
  const items = queries.filter(({ text }) => {
    const key = cache?.keyOf(text, catalog);
    return key === undefined || !existsSync(cache!.pathOf(key));
  });
  return { catalog, items: items.map(({ text, file }) => ({ text, file })) };
}

/** CompileOptions.elsewhere for the queries the cache lacks; undefined when there are none or no `compileAll`. */
export function elsewhereFor(
  compileAll: CompileAll | undefined, workspace: Workspace, catalog: CatalogSchema, queries: readonly { readonly text: string; readonly file: string }[],
): CompileOptions['elsewhere'] {
  if (compileAll === undefined) return undefined;
  const batch = uncachedBatch(workspace, catalog, queries);
  return batch.items.length > 0 ? compileAll(batch) : undefined;
}
