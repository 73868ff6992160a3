/** Sources computed by the engine: `range` and Sentinel's `_GetWatchlist`. */
import { RuntimeError } from '../../errors.ts';
import type { Plan } from '../../plan/plan.ts';
import type { Batch, Dyn, Value } from '../../types.ts';
import { BATCH_SIZE, batchFromRows } from '../batches.ts';
import type { RunContext } from '../context.ts';
import { evalScalar, prepareExpr } from '../eval.ts';

/** range-operator doc: from, from+step, ... while <= to (>= to for a negative step). */
export async function* rangeSource(plan: Plan & { op: 'range' }, ctx: RunContext): AsyncIterable<Batch> {
  for (const e of [plan.from, plan.to, plan.step]) await prepareExpr(e, ctx);
  const from = evalScalar(plan.from, ctx);
  const to = evalScalar(plan.to, ctx);
  const step = evalScalar(plan.step, ctx);
  if (from === null || to === null || step === null) return;
  const type = plan.schema[0]!.type;
  let rows: Value[][] = [];
  if (typeof from === 'bigint' || typeof step === 'bigint') {
    const f = BigInt(from as bigint);
    const t = BigInt(typeof to === 'number' ? Math.floor(to) : (to as bigint));
    const s = BigInt(step as bigint);
    if (s === 0n) throw new RuntimeError('range step must not be zero');
    for (let v = f; s > 0n ? v <= t : v >= t; v += s) {
      rows.push([type === 'int' ? Number(v) : v]);
      if (rows.length === BATCH_SIZE) {
        yield batchFromRows(plan.schema, rows);
        rows = [];
      }
    }
  } else {
    const f = Number(from);
    const t = Number(to);
    const s = Number(step);
    if (s === 0) throw new RuntimeError('range step must not be zero');
    for (let i = 0, v = f; s > 0 ? v <= t : v >= t; i++, v = f + i * s) {
      rows.push([v]);
      if (rows.length === BATCH_SIZE) {
        yield batchFromRows(plan.schema, rows);
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield batchFromRows(plan.schema, rows);
}

/**
 * `_GetWatchlist(alias)`: Sentinel's fixed columns (_DTItemId, LastUpdatedTimeUTC, SearchKey,
 * WatchlistItem) then the watchlist's fields as strings (kql-semantics.md §9.3). An alias no
 * watchlist has gives no rows, as in Sentinel, where the function filters the workspace's
 * Watchlist table by alias (docs/kql.md, "Front end").
 */
export function watchlistSource(plan: Plan & { op: 'watchlist' }, ctx: RunContext): Batch {
  const w = ctx.watchlists.get(plan.alias);
  if (!w) return batchFromRows(plan.schema, []);
  const searchKey = w.searchKey ?? w.fields[0];
  const rows = w.rows.map((r, i) => {
    const item = new Map<string, Dyn>(w.fields.map((f, j) => [f, r[j] ?? '']));
    return plan.schema.map((c): Value => {
      switch (c.name) {
        case '_DTItemId':
          return `${plan.alias}-${i + 1}`;
        case 'LastUpdatedTimeUTC':
          return w.lastUpdated ?? null;
        case 'SearchKey':
          return searchKey ? (r[w.fields.indexOf(searchKey)] ?? '') : '';
        case 'WatchlistItem':
          return item;
        default: {
          const j = w.fields.indexOf(c.name);
          return j >= 0 ? (r[j] ?? '') : '';
        }
      }
    });
  });
  return batchFromRows(plan.schema, rows);
}
