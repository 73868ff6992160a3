/**
 * Moves the parts of a `where` that only test columns a projection passes through (or renames)
 * below that projection. A table's reader gets its pre-filter only from the wheres directly above
 * its scan (engine.ts tableFilters, exec/execute.ts, exec/pushdown.ts), and Sentinel rules often
 * filter after an `extend`: `| extend UserType = ... | where EventName in~ (...)` read every record.
 *
 * Why the result is the same:
 *  - A `project` (extend, project, project-rename/-away/-keep/-reorder, parse) computes each output
 *    row from one input row and neither drops, adds nor reorders rows (extend-operator,
 *    project-operator docs, learn.microsoft.com/kusto/query/extend-operator). Trailhound has no
 *    function that reads other rows (row_number, prev, next fail as unsupported), so its
 *    expressions give the same values on the rows a filter keeps as on all of them, and a test of
 *    an output column that is an input column is the same test of that input column.
 *  - `where` keeps a row only where its predicate is true (learn.microsoft.com/kusto/query/
 *    where-operator); with three-valued `and`, `A and B` is true exactly where both are, so
 *    `where A and B` keeps the rows `where A | where B` keeps, nulls included. A conjunct whose
 *    type is not bool would be tested differently alone than inside the `and` (exec/eval.ts keeps
 *    only `true` of a lone non-bool value): such a where is left whole.
 *  - Each conjunct moved is evaluated on the same rows as before, and the projection and the
 *    conjuncts left above it on fewer: an error a row would raise can go, none can come.
 * A where above a `shared` projection (a tabular `let` used in several places, `as`) stays: each
 * use would get its own copy of the projection, computed again.
 */
import type { Expr } from './expr.ts';
import type { Plan } from './plan.ts';
import { rewritePlan } from './rewrite.ts';

type Where = Plan & { op: 'where' };
type Project = Plan & { op: 'project' };

/** The plan with every where it can move pushed below projections; the same object when none. */
export function pushFiltersBelowProjections(plan: Plan): Plan {
  return rewritePlan(plan, (node) => (node.op === 'where' ? pushWhere(node) : node));
}

/** `w` with its movable conjuncts below its input projection, and again below the ones under it. */
function pushWhere(w: Where): Plan {
  const p = w.input;
  if (p.op !== 'project' || p.shared) return w;
  const conjuncts = andOperands(w.predicate);
  if (conjuncts.length > 1 && conjuncts.some((c) => c.type !== 'bool')) return w;
  const moved: Expr[] = [];
  const kept: Expr[] = [];
  for (const c of conjuncts) {
    const below = throughProject(c, p);
    if (below) moved.push(below);
    else kept.push(c);
  }
  if (moved.length === 0) return w;
  const under = pushWhere({ op: 'where', input: p.input, predicate: conjoin(moved), schema: p.input.schema });
  const project: Project = { ...p, input: under };
  if (kept.length === 0) return w.shared ? { ...project, shared: true } : project;
  return { op: 'where', input: project, predicate: conjoin(kept), schema: w.schema, ...(w.shared ? { shared: true } : {}) };
}

/** The operands of an `and` tree, left to right. A loop: `a and b and ...` is as deep as it is long. */
function andOperands(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack = [e];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.k === 'and') stack.push(x.args[1], x.args[0]);
    else out.push(x);
  }
  return out;
}

/** The conjuncts as one `and`, left-deep as the binder nests `a and b and c`. */
function conjoin(es: readonly Expr[]): Expr {
  let out = es[0]!;
  for (let i = 1; i < es.length; i++) out = { k: 'and', args: [out, es[i]!], type: 'bool' };
  return out;
}

/**
 * `e` over the projection's input: each column reference replaced by the input column the
 * projection copies to it; undefined when some column is computed. Subqueries (toscalar,
 * `in (T)`) read their own plans, not this row: they are not entered and keep their identity (the
 * executor keeps their results by expression, exec/eval.ts), as does every part without a column.
 */
function throughProject(e: Expr, p: Project): Expr | undefined {
  const done = new Map<Expr, Expr>();
  const stack: { e: Expr; at: number }[] = [{ e, at: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const x = top.e;
    if (x.k === 'call' || x.k === 'and' || x.k === 'or') {
      if (top.at < x.args.length) {
        const a = x.args[top.at++]!;
        if (!done.has(a)) stack.push({ e: a, at: 0 });
        continue;
      }
      stack.pop();
      const args = x.args.map((a) => done.get(a)!);
      done.set(x, args.every((a, i) => a === x.args[i]) ? x : ({ ...x, args } as Expr));
      continue;
    }
    stack.pop();
    if (x.k === 'col') {
      const source = p.exprs[x.index];
      if (source?.k !== 'col') return undefined;
      done.set(x, source);
    } else done.set(x, x);
  }
  return done.get(e);
}
