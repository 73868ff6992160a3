/** `--no-cache` of the commands that compile queries: the on-disk plan cache (src/kql/cache) is on by default. */
import { PlanCache } from '../kql/cache/plan-cache.ts';

export const NO_CACHE_HELP =
  'compile every query afresh and fetch every externaldata URL afresh, neither reading nor writing the cache (TRAILHOUND_CACHE_DIR, else $XDG_CACHE_HOME/trailhound, else ~/.cache/trailhound)';

/** The cache a command uses, given its parsed options (commander sets `cache: false` for --no-cache). */
export function planCacheOf(opts: { readonly cache?: boolean }): PlanCache | undefined {
  if (opts.cache === false) return undefined;
  try {
    return new PlanCache();
  } catch {
    // No home folder to put it in: the cache is best-effort, the command is not.
    return undefined;
  }
}
