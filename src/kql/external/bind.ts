/**
 * A plan with its externaldata read once: every externalData node replaced by a values node
 * holding the rows read. A replay evaluates a rule's plan at every scheduled run, possibly in
 * worker threads (which get the plan, not the source): the files are fetched and parsed once
 * per replay instead of once per run.
 */
import type { Plan } from '../plan/plan.ts';
import type { Value } from '../types.ts';
import { readExternalData, type ExternalDataSource } from './read.ts';

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null || Array.isArray(o);
}

/** Every externalData node reachable from `root` (through operators, expressions and subqueries). */
function externalNodes(root: Plan): Set<Plan & { op: 'externalData' }> {
  const found = new Set<Plan & { op: 'externalData' }>();
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v) || !isPlain(v)) continue;
    seen.add(v);
    if ((v as { op?: string }).op === 'externalData') found.add(v as Plan & { op: 'externalData' });
    for (const x of Array.isArray(v) ? v : Object.values(v)) stack.push(x);
  }
  return found;
}

/** `v` with each object in `replace` swapped for its replacement; objects on the way are copied, shared ones once. */
function rebuild(v: unknown, replace: ReadonlyMap<object, Plan>, memo: Map<object, unknown>): unknown {
  if (!v || typeof v !== 'object' || !isPlain(v)) return v;
  const r = replace.get(v);
  if (r) return r;
  if (memo.has(v)) return memo.get(v);
  memo.set(v, v); // a cycle (there are none in plans) would keep the original
  let changed = false;
  let out: unknown;
  if (Array.isArray(v)) {
    const copy = v.map((x) => {
      const y = rebuild(x, replace, memo);
      if (y !== x) changed = true;
      return y;
    });
    out = changed ? copy : v;
  } else {
    const copy: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const y = rebuild(x, replace, memo);
      if (y !== x) changed = true;
      copy[k] = y;
    }
    out = changed ? copy : v;
  }
  memo.set(v, out);
  return out;
}

export async function bindPlanExternalData(plan: Plan, source: ExternalDataSource | undefined): Promise<Plan> {
  const nodes = externalNodes(plan);
  if (nodes.size === 0) return plan;
  const replace = new Map<object, Plan>();
  for (const n of nodes) {
    const b = await readExternalData(n, n.schema, source);
    const rows: Value[][] = [];
    for (let i = 0; i < b.length; i++) rows.push(b.columns.map((c) => c[i]!));
    replace.set(n, { op: 'values', rows, schema: n.schema, ...(n.shared ? { shared: true } : {}) });
  }
  return rebuild(plan, replace, new Map()) as Plan;
}
