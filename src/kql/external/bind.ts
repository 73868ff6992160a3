/**
 * A plan with its externaldata read once: every externalData node replaced by a values node
 * holding the rows read. A replay evaluates a rule's plan at every scheduled run, possibly in
 * worker threads (which get the plan, not the source): the files are fetched and parsed once
 * per replay instead of once per run.
 */
import type { Plan } from '../plan/plan.ts';
import { rewritePlan } from '../plan/rewrite.ts';
import type { Value } from '../types.ts';
import { readExternalData, type ExternalDataSource } from './read.ts';

export async function bindPlanExternalData(plan: Plan, source: ExternalDataSource | undefined): Promise<Plan> {
  // Every externalData node, through operators, expressions and subqueries (a rewrite that changes nothing).
  const nodes = new Set<Plan & { op: 'externalData' }>();
  rewritePlan(plan, (n) => {
    if (n.op === 'externalData') nodes.add(n);
    return n;
  });
  if (nodes.size === 0) return plan;
  const replace = new Map<Plan, Plan>();
  for (const n of nodes) {
    const b = await readExternalData(n, n.schema, source);
    const rows: Value[][] = [];
    for (let i = 0; i < b.length; i++) rows.push(b.columns.map((c) => c[i]!));
    replace.set(n, { op: 'values', rows, schema: n.schema, ...(n.shared ? { shared: true } : {}) });
  }
  return rewritePlan(plan, (n) => replace.get(n) ?? n);
}
