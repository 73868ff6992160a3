/**
 * Projection pushdown: for each table scan of a plan, the columns its consumers read, so that a
 * reader maps only those (the CloudTrail reader maps 53 columns per record otherwise; `count`
 * needs none). A scan still returns batches with the table's whole schema, the columns nobody
 * asked for holding their null value: positions do not move, and no consumer reads them.
 *
 * The set is worked out from the top of the plan down: each node knows which of its output
 * columns its consumers read and derives which of its inputs' columns it needs for them. A node
 * whose inputs this does not model (mv-apply, bag_unpack, serialize, getschema, ...) needs all
 * of its inputs' columns, as does every subquery (toscalar, `in (T)`); a node read from several
 * places (`as`, a tabular `let` used twice) needs what all its consumers need together.
 */
import type { Expr } from '../plan/expr.ts';
import type { AggregateCall, Plan } from '../plan/plan.ts';

type ScanNode = Plan & { op: 'scan' };

/** The output columns (by position) a node's consumers read; ALL: every one. */
type Need = Set<number> | typeof ALL;
const ALL = 'all' as const;

/** Aggregates whose outputs are taken from a row chosen by their arguments alone. */
const ROW_BY_ARGS = new Set(['arg_min', 'arg_max']);

/** Each scan node and the names of the columns read from it (a scan read whole is absent). */
export function scanColumns(plan: Plan): Map<ScanNode, ReadonlySet<string>> {
  const order = topologicalOrder(plan);
  const needs = new Map<Plan, Need>([[plan, ALL]]);
  const add = (node: Plan, need: Need) => {
    const had = needs.get(node);
    if (had === ALL) return;
    if (need === ALL || had === undefined) needs.set(node, need === ALL ? ALL : new Set(need));
    else for (const i of need) had.add(i);
  };
  for (const node of order) {
    const need = needs.get(node) ?? ALL;
    const modelled = inputNeeds(node, need);
    for (const child of childPlans(node)) add(child, modelled?.get(child) ?? ALL);
  }
  const out = new Map<ScanNode, ReadonlySet<string>>();
  for (const node of order) {
    if (node.op !== 'scan') continue;
    const need = needs.get(node) ?? ALL;
    if (need !== ALL) out.set(node, new Set([...need].map((i) => node.schema[i]!.name)));
  }
  return out;
}

/** For each table, the union of the columns its scans read; undefined when some scan reads all. */
export function tableColumns(plan: Plan): Map<string, ReadonlySet<string> | undefined> {
  const read = scanColumns(plan);
  const out = new Map<string, ReadonlySet<string> | undefined>();
  for (const node of topologicalOrder(plan)) {
    if (node.op !== 'scan') continue;
    const cols = read.get(node);
    const had = out.get(node.table);
    if (out.has(node.table) && had === undefined) continue;
    out.set(node.table, cols === undefined ? undefined : new Set([...(had ?? []), ...cols]));
  }
  return out;
}

/** Column positions an expression reads (its subqueries read their own inputs, not this one's). */
function exprColumns(e: Expr | undefined, out: Set<number>): Set<number> {
  const stack: Expr[] = e ? [e] : [];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.k === 'col') out.add(x.index);
    else if (x.k === 'call' || x.k === 'and' || x.k === 'or') stack.push(...x.args);
  }
  return out;
}

function aggregateColumns(aggs: readonly AggregateCall[], out: Set<number>): Set<number> {
  for (const a of aggs) {
    for (const x of a.args) exprColumns(x, out);
    for (const o of a.outputs) exprColumns(o.expr, out);
  }
  return out;
}

/** The needed outputs that come from the input at the same position (where, sort, take, ...). */
function same(need: Need, inputWidth: number): Need {
  return need === ALL ? new Set(Array.from({ length: inputWidth }, (_, i) => i)) : new Set(need);
}

const outputs = (need: Need, width: number): number[] => (need === ALL ? Array.from({ length: width }, (_, i) => i) : [...need]);

/**
 * What a node needs of each of its inputs to produce the `need`ed outputs; undefined for a node
 * not modelled here (then every child plan is read whole). A child plan left out of the map is
 * read whole too (subqueries of expressions).
 */
function inputNeeds(node: Plan, need: Need): Map<Plan, Need> | undefined {
  switch (node.op) {
    case 'where': {
      const n = same(need, node.input.schema.length) as Set<number>;
      return new Map([[node.input, exprColumns(node.predicate, n)]]);
    }
    case 'project': {
      const n = new Set<number>();
      for (const o of outputs(need, node.exprs.length)) exprColumns(node.exprs[o], n);
      return new Map([[node.input, n]]);
    }
    case 'sort':
    case 'top': {
      const n = same(need, node.input.schema.length) as Set<number>;
      for (const k of node.keys) exprColumns(k.expr, n);
      if (node.op === 'top') exprColumns(node.count, n);
      return new Map([[node.input, n]]);
    }
    case 'take':
    case 'timeWindow': {
      const n = same(need, node.input.schema.length) as Set<number>;
      if (node.op === 'timeWindow') n.add(node.column);
      else exprColumns(node.count, n);
      return new Map([[node.input, n]]);
    }
    case 'count':
      return new Map([[node.input, new Set<number>()]]);
    case 'summarize': {
      const n = new Set<number>();
      for (const k of node.keys) exprColumns(k, n);
      // Output columns: the keys, then each aggregate's outputs in order.
      let at = node.keys.length;
      for (const a of node.aggregates) {
        const mine = a.outputs.map((_, j) => at + j);
        at += a.outputs.length;
        if (need !== ALL && !mine.some((o) => need.has(o))) continue; // nobody reads it
        for (const x of a.args) exprColumns(x, n);
        a.outputs.forEach((o, j) => {
          // arg_min/arg_max pick their row by the first argument alone (arg_min-aggregation-function
          // doc): an output nobody reads can be left out of the row (`arg_max(TimeGenerated, *)`).
          if (need === ALL || need.has(mine[j]!) || !ROW_BY_ARGS.has(a.name)) exprColumns(o.expr, n);
        });
      }
      return new Map([[node.input, n]]);
    }
    case 'distinct': {
      const n = new Set<number>();
      for (const x of node.exprs) exprColumns(x, n);
      return new Map([[node.input, n]]);
    }
    case 'makeSeries': {
      const n = aggregateColumns(node.aggregates, new Set<number>());
      for (const x of [...node.keys, ...node.defaults, node.axis, node.from, node.to, node.step]) exprColumns(x, n);
      return new Map([[node.input, n]]);
    }
    case 'topNested': {
      const n = new Set<number>();
      for (const level of node.levels) {
        for (const x of [level.key, level.count ?? undefined, level.others]) exprColumns(x, n);
        aggregateColumns(level.aggregates, n);
      }
      return new Map([[node.input, n]]);
    }
    case 'activityCountsMetrics': {
      const n = new Set<number>([node.idColumn, node.timeColumn, ...node.dims]);
      for (const x of [node.start, node.end, node.step]) exprColumns(x, n);
      return new Map([[node.input, n]]);
    }
    case 'mvexpand': {
      // Every expansion decides how many rows a row becomes: all are read whatever is needed.
      const n = new Set<number>();
      for (const x of node.expansions) exprColumns(x.expr, n);
      for (const o of outputs(need, node.schema.length)) {
        const from = node.passthrough[o];
        if (from !== undefined && from >= 0) n.add(from);
      }
      return new Map([[node.input, n]]);
    }
    case 'union': {
      const m = new Map<Plan, Need>();
      node.inputs.forEach((input, leg) => {
        const n = new Set<number>();
        for (const o of outputs(need, node.schema.length)) {
          const from = node.mapping[leg]![o];
          if (from !== undefined && from >= 0) n.add(from);
        }
        const had = m.get(input);
        m.set(input, had === undefined || had === ALL ? n : new Set([...had, ...n]));
      });
      return m;
    }
    case 'join':
    case 'lookup': {
      const left = new Set<number>(node.leftKeys);
      const right = new Set<number>(node.rightKeys);
      const width = node.left.schema.length;
      for (const o of outputs(need, node.schema.length)) {
        if (node.op === 'lookup') {
          if (o < width) left.add(o);
          else right.add(node.rightOutputs[o - width]!);
        } else if (node.kind === 'leftsemi' || node.kind === 'leftanti') left.add(o);
        else if (node.kind === 'rightsemi' || node.kind === 'rightanti') right.add(o);
        else if (o < width) left.add(o);
        else right.add(o - width);
      }
      // `T | join T` may name one plan on both sides.
      if (node.left === node.right) return new Map([[node.left, new Set([...left, ...right])]]);
      return new Map<Plan, Need>([
        [node.left, left],
        [node.right, right],
      ]);
    }
    default:
      return undefined;
  }
}

/** Every plan a node reads: its inputs, and the subqueries of its expressions, found generically. */
function childPlans(node: Plan): Plan[] {
  const out: Plan[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [];
  for (const [key, v] of Object.entries(node)) {
    // schema and datatable rows hold no plans; values may be large.
    if (key !== 'schema' && key !== 'rows') stack.push(v);
  }
  while (stack.length > 0) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o['op'] === 'string' && Array.isArray(o['schema'])) {
      out.push(o as unknown as Plan);
      continue;
    }
    if (o['k'] === 'lit') continue;
    for (const [key, x] of Object.entries(o)) if (key !== 'schema') stack.push(x);
  }
  return out;
}

/** The plan's nodes, each after every node that reads it (subqueries included). */
function topologicalOrder(root: Plan): Plan[] {
  const post: Plan[] = [];
  const state = new Map<Plan, 'open' | 'done'>();
  const stack: Array<{ node: Plan; children: Plan[] | undefined }> = [{ node: root, children: undefined }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.children === undefined) {
      if (state.has(top.node)) {
        stack.pop();
        continue;
      }
      state.set(top.node, 'open');
      top.children = childPlans(top.node);
    }
    const next = top.children.pop();
    if (next === undefined) {
      state.set(top.node, 'done');
      post.push(top.node);
      stack.pop();
    } else if (!state.has(next)) stack.push({ node: next, children: undefined });
  }
  return post.reverse();
}
