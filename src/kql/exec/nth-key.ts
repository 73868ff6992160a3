/**
 * The bound of `top`'s first read (ops/top-two-reads.ts) as an aggregate, so that partial
 * aggregation (partial.ts) computes it where the rows are read, on every reading thread, and only
 * N keys per file cross threads. Not a KQL function: the official binder never names it, and it is
 * not in the aggregates users see (aggregates.ts FACTORIES).
 *
 * Arguments: the first sort key (a datetime or long column), then N, descending and nullsFirst as
 * literals. The result is the key of the N-th row of `top N by key` over the rows, when every one
 * of those N rows has a non-null key and a filter `key >= it` (`<=` ascending) keeps all N:
 *  - nulls last: at least N non-null keys; the N-th best of them;
 *  - nulls first: no null key at all (else nulls are among the N), and at least N keys.
 * Otherwise null: no bound, the second read is the plain one.
 *
 * The state keeps the N best keys in a binary heap whose root is the worst of them (O(log N) a
 * row whatever the input order), and counts nulls and non-nulls; states merge by offering one's
 * keys to the other, which is exact for the N best of the union. N is at most MAX_ROWS of
 * top-two-reads.ts, so the state is bounded.
 */
import type { AggregateCall } from '../plan/plan.ts';
import type { Value } from '../types.ts';
import type { Aggregator } from './aggregates.ts';

export const NTH_KEY = '__nth_key';

interface State {
  /** A heap of at most n keys, the worst of them at 0. */
  best: bigint[];
  nonNull: number;
  nulls: number;
}

function literal(call: AggregateCall, i: number): Value {
  const a = call.args[i];
  if (a?.k !== 'lit') throw new Error(`internal: ${NTH_KEY} argument ${i} is not a literal`);
  return a.value;
}

export function nthKeyAggregator(call: AggregateCall): Aggregator {
  const n = Number(literal(call, 1));
  const descending = literal(call, 2) === true;
  const nullsFirst = literal(call, 3) === true;
  // `a` sorts after `b` in the top's order: the heap keeps the worst at its root
  const worse = descending ? (a: bigint, b: bigint) => a < b : (a: bigint, b: bigint) => a > b;

  function siftUp(h: bigint[], at: number): void {
    const v = h[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(v, h[parent]!)) break;
      h[at] = h[parent]!;
      at = parent;
    }
    h[at] = v;
  }

  function siftDown(h: bigint[], at: number): void {
    const v = h[at]!;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= h.length) break;
      if (child + 1 < h.length && worse(h[child + 1]!, h[child]!)) child++;
      if (!worse(h[child]!, v)) break;
      h[at] = h[child]!;
      at = child;
    }
    h[at] = v;
  }

  function offer(s: State, v: bigint): void {
    const h = s.best;
    if (h.length < n) {
      h.push(v);
      siftUp(h, h.length - 1);
    } else if (n > 0 && worse(h[0]!, v)) {
      h[0] = v;
      siftDown(h, 0);
    }
  }

  return {
    init: (): State => ({ best: [], nonNull: 0, nulls: 0 }),
    add: (state, i, args) => {
      const s = state as State;
      const v = args[0]![i];
      if (typeof v === 'bigint') {
        s.nonNull++;
        offer(s, v);
      } else s.nulls++;
      return s;
    },
    merge: (into, from) => {
      const a = into as State;
      const b = from as State;
      a.nonNull += b.nonNull;
      a.nulls += b.nulls;
      for (const v of b.best) offer(a, v);
      return a;
    },
    result: (state) => {
      const s = state as State;
      if (n < 1 || s.nonNull < n || (nullsFirst && s.nulls > 0)) return [null];
      return [s.best[0]!];
    },
  };
}
