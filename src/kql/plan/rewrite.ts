/**
 * A post-order rewrite of a plan DAG that does not need to know its shapes: it goes through every
 * plain object and array of the plan (operators, expressions, the sub-plans of toscalar and `in (T)`,
 * aggregate calls, ...), so a new operator or expression kind is covered without changes here.
 */
import type { Plan } from './plan.ts';

/** Plain data: the plan's own objects and arrays, not a Set, a function or a dynamic value's class. */
function isPlain(v: unknown): v is object {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null || Array.isArray(v);
}

function isPlanNode(v: object): v is Plan {
  return !Array.isArray(v) && typeof (v as { op?: unknown }).op === 'string';
}

interface Frame {
  readonly src: object;
  readonly keys: readonly string[];
  at: number;
  /** Made on the first child that changed; the node stays itself while none does. */
  copy?: Record<string, unknown> | unknown[];
}

function frameOf(src: object): Frame {
  return { src, keys: Object.keys(src), at: 0 };
}

/**
 * `plan` with `f` applied to each plan node (operators and the sub-plans inside expressions)
 * after its children: `f` gets the node with its children already rewritten and returns it, or
 * what replaces it. Each object is rewritten once (a node several parents share stays one node),
 * and an object whose parts all come back unchanged is returned as it is: a plan `f` leaves alone
 * comes back as the same object. A loop, not recursion: `a and b and ...` is as deep as it is long.
 */
export function rewritePlan(plan: Plan, f: (node: Plan) => Plan): Plan {
  const done = new Map<object, unknown>();
  const open = new Set<object>();
  const stack: Frame[] = [frameOf(plan)];
  open.add(plan);
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.at < top.keys.length) {
      const key = top.keys[top.at]!;
      const child = (top.src as Record<string, unknown>)[key];
      if (isPlain(child) && !done.has(child) && !open.has(child)) {
        open.add(child);
        stack.push(frameOf(child));
        continue;
      }
      // A child still open would be a cycle (plans have none): it keeps the original.
      const out = isPlain(child) && done.has(child) ? done.get(child) : child;
      if (out !== child) {
        top.copy ??= Array.isArray(top.src) ? [...top.src] : { ...top.src };
        (top.copy as Record<string, unknown>)[key] = out;
      }
      top.at++;
      continue;
    }
    stack.pop();
    open.delete(top.src);
    const node = (top.copy ?? top.src) as object;
    done.set(top.src, isPlanNode(node) ? f(node) : node);
  }
  return done.get(plan) as Plan;
}
