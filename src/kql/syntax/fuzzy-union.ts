/**
 * `union isfuzzy=true` (union-operator doc): "The set of union sources is reduced to the set of
 * table references that exist and are accessible at the time while analyzing the query ... If at
 * least one such table was found, any resolution failure yields a warning in the query status
 * results, but won't prevent the query execution. If no resolutions were successful, the query
 * returns an error." The doc's example warns `Failed to resolve entity 'View_3'`.
 *
 * The official binder accepts a fuzzy leg that names an unknown table or function (a warning,
 * "The fuzzy name ... does not refer to any known ... table") and binds it as an open table whose
 * columns have no type; the union's columns then still include that leg's. So that every column
 * and type after the union is what Kusto computes from the legs that exist, the legs that do not
 * resolve are blanked out of the query text (spaces of the same length, line breaks kept, so every
 * position stays where it was) and the text is bound again. A column that only a dropped leg had
 * is then unknown to the binder, which names it, as Kusto would.
 *
 * A leg whose own text does not bind (a column its table lacks: `AzureDiagnostics | where
 * userAgent_s has ...` in a workspace without Front Door logs) is a resolution failure as well, and
 * is dropped the same way, with a warning naming what failed to resolve. The doc says "any
 * resolution failure yields a warning ... but won't prevent the query execution", and Microsoft
 * publishes Sentinel rules that depend on it (the Log4j user-agent rule reads `userAgent_s`,
 * `trackingReference_s` and `ResourceId` in fuzzy legs over tables that often lack them). Only
 * errors inside a fuzzy leg count; any other error stays an error.
 *
 * Stored functions (ASIM parsers are unions of source parsers, most of them fuzzy) are bound where
 * they are called: the same is done to the text of each called function's body, and the catalog
 * bound again with the new bodies. Their warnings point at the call and name the function.
 */
import { KqlError, UnsupportedError } from '../errors.ts';
import type { Diagnostic } from './analyze.ts';
import { className, type BridgeObject } from './bridge.ts';
import { nameText, spanOf } from './lower-expr.ts';
import { parameterText } from './lower-operators.ts';
import type { StoredFunctionDecl } from './catalog.ts';

export interface FuzzyResolution {
  /** The query with the unresolved legs blanked out; positions unchanged. */
  readonly text: string;
  /** The stored functions, with the unresolved legs of their bodies blanked out. */
  readonly functions: readonly StoredFunctionDecl[];
  /** One `Failed to resolve entity 'X'` per name a dropped leg referenced. */
  readonly warnings: Diagnostic[];
}

/** Children of a syntax node (tokens included; callers look at node classes only). */
function childrenOf(node: BridgeObject): BridgeObject[] {
  const out: BridgeObject[] = [];
  const n: number = node.ChildCount ?? 0;
  for (let i = 0; i < n; i++) {
    const c = node.GetChild(i);
    if (c) out.push(c);
  }
  return out;
}

/** Nodes of the tree in post-order (children before their parent), without recursion. */
function postOrder(root: BridgeObject): BridgeObject[] {
  const out: BridgeObject[] = [];
  const stack: { node: BridgeObject; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.expanded) {
      out.push(top.node);
      continue;
    }
    stack.push({ node: top.node, expanded: true });
    const kids = childrenOf(top.node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], expanded: false });
  }
  return out;
}

function isFuzzy(op: BridgeObject): boolean {
  return (parameterText(op.Parameters, 'isfuzzy') ?? '').toLowerCase() === 'true';
}

/** A table or tabular function name the binder could not resolve (only fuzzy legs allow that). */
function isUnresolvedName(node: BridgeObject): boolean {
  return className(node) === 'NameReference' && !node.ReferencedSymbol && !!node.ResultType && className(node.ResultType) === 'TableSymbol';
}

interface Range {
  readonly start: number;
  readonly end: number;
  /** Text written at `start` over the blanked range. */
  readonly replaceWith?: string;
}

const inside = (at: number, ranges: readonly Range[]) => ranges.some((r) => at >= r.start && at < r.end);

/** Where a tree's text comes from: the query, or the body of a stored function called at `call`. */
interface Origin {
  readonly fn?: string;
  readonly call?: { readonly start: number; readonly length: number };
}

/**
 * The blanked-out ranges of one tree (the query, or one function body) and their warnings;
 * undefined when every fuzzy leg resolves. Throws when no source of a fuzzy union resolves.
 */
/** Something a fuzzy leg names that did not resolve: a table or function, or (a binder error) a column. */
interface Unresolved {
  readonly start: number;
  readonly width: number;
  readonly name: string;
}

function unresolvedNames(nodes: readonly BridgeObject[]): Unresolved[] {
  return nodes.filter(isUnresolvedName).map((n) => ({ start: n.TextStart as number, width: n.Width as number, name: nameText(n) }));
}

/** The binder's name errors inside a leg of a fuzzy union: each a resolution failure of that leg. */
function failuresInFuzzyLegs(nodes: readonly BridgeObject[], text: string, errors: readonly Diagnostic[]): Unresolved[] {
  const legs: Range[] = [];
  for (const op of nodes) {
    if (className(op) !== 'UnionOperator' || !isFuzzy(op)) continue;
    const list = op.Expressions;
    for (let i = 0; i < (list?.Count ?? 0); i++) {
      const sp = spanOf((list.getItem(i) as BridgeObject).Element);
      legs.push({ start: sp.start, end: sp.start + sp.length });
    }
  }
  // Names that do not resolve; the errors that follow from them (a type expected of an unknown
  // column) go with the leg, and any other error (syntax, types) stays the query's.
  return errors.filter((d) => /does not refer to any known/.test(d.message) && inside(d.start, legs)).map((d) => ({ start: d.start, width: d.length, name: text.slice(d.start, d.start + d.length) || 'expression' }));
}

function resolveTree(nodes: readonly BridgeObject[], origin: Origin, failures: readonly Unresolved[] = []): { blanks: Range[]; warnings: Diagnostic[] } | undefined {
  const unresolved = [...unresolvedNames(nodes), ...failures];
  if (unresolved.length === 0) return undefined;
  const blanks: Range[] = [];
  const warnings: Diagnostic[] = [];
  const where = origin.fn ? ` (in the function ${origin.fn})` : '';
  const namesIn = (r: Range) =>
    unresolved.filter((n) => n.start >= r.start && n.start < r.end && !inside(n.start, blanks));
  // Post-order: a union inside a leg is settled before the union around it.
  for (const op of nodes) {
    if (className(op) !== 'UnionOperator' || !isFuzzy(op)) continue;
    const legs = [...(function* () {
      const list = op.Expressions;
      for (let i = 0; i < (list?.Count ?? 0); i++) yield list.getItem(i) as BridgeObject;
    })()];
    const dropped = legs.map((sep) => {
      const s = spanOf(sep.Element);
      return namesIn({ start: s.start, end: s.start + s.length });
    });
    if (dropped.every((d) => d.length === 0)) continue;
    const piped = className(op.Parent) === 'PipeExpression' && op.Parent.Operator === op;
    const kept = dropped.map((d, i) => (d.length === 0 ? i : -1)).filter((i) => i >= 0);
    if (kept.length === 0 && !piped) continue; // no leg resolves: reported below, or by an enclosing fuzzy union
    for (const [i, names] of dropped.entries()) {
      const seen = new Set<string>();
      for (const n of names) {
        const name = n.name;
        if (seen.has(name)) continue;
        seen.add(name);
        const at = origin.call ?? { start: n.start, length: n.width };
        warnings.push({ severity: 'warning', message: `Failed to resolve entity '${name}'${where}`, start: at.start, length: at.length });
      }
      if (names.length === 0) continue;
      const el = spanOf(legs[i].Element);
      let start = el.start;
      let end = el.start + el.length;
      const sep = legs[i].Separator;
      const lastKept = kept[kept.length - 1] ?? -1;
      // A dropped leg before the last kept one takes its comma; one after it, the comma before it.
      if (i < lastKept && sep) end = sep.TextStart + sep.Width;
      else if (i > lastKept && i > 0 && legs[i - 1].Separator) start = Math.min(start, legs[i - 1].Separator.TextStart);
      blanks.push({ start, end });
    }
    if (kept.length === 0) {
      // `T | union isfuzzy=true Missing`: the piped input is the only source left.
      if (parameterText(op.Parameters, 'withsource') !== undefined) {
        throw new UnsupportedError(`union isfuzzy=true withsource=... whose only source left is its piped input${where}`, origin.call ?? spanOf(op));
      }
      const s = spanOf(op);
      blanks.push({ start: s.start, end: s.start + s.length, replaceWith: 'where true' });
    }
  }
  const left = unresolved.filter((n) => !inside(n.start, blanks));
  if (left.length > 0) {
    const names = [...new Set(left.map((n) => n.name))].map((n) => `'${n}'`).join(', ');
    throw new KqlError('binding', `union isfuzzy=true: none of its sources resolved (Failed to resolve entity ${names})${where}`, origin.call ?? { start: left[0]!.start, length: left[0]!.width });
  }
  return { blanks, warnings };
}

/** The stored function a node calls, with the tree of its body as bound there. */
function calledBody(node: BridgeObject): { name: string; body: BridgeObject } | undefined {
  const cls = className(node);
  if (cls !== 'FunctionCallExpression' && cls !== 'NameReference') return undefined;
  const sym = node.ReferencedSymbol;
  if (!sym || className(sym) !== 'FunctionSymbol' || typeof node.GetCalledFunctionBody !== 'function') return undefined;
  const body = node.GetCalledFunctionBody();
  return body ? { name: String(sym.Name), body } : undefined;
}

/**
 * The query and stored functions without the legs of `union isfuzzy=true` that name tables or
 * functions that do not exist, or whose text has one of the binder's `errors`, or undefined when
 * every leg resolves. Throws when no leg of such
 * a union resolves.
 */
export function dropUnresolvedFuzzyLegs(root: BridgeObject, text: string, functions: readonly StoredFunctionDecl[] = [], errors: readonly Diagnostic[] = []): FuzzyResolution | undefined {
  // Only a fuzzy union lets a name stay unresolved: most queries need no walk of their trees.
  if (!/isfuzzy/i.test(text) && !functions.some((f) => /isfuzzy/i.test(f.body))) return undefined;
  const nodes = postOrder(root);
  const warnings: Diagnostic[] = [];
  const main = resolveTree(nodes, {}, errors.length > 0 ? failuresInFuzzyLegs(nodes, text, errors) : []);
  if (main) warnings.push(...main.warnings);
  // Every stored function the query calls, directly or from another function's body.
  const decls = new Map(functions.map((f) => [f.name, f]));
  const bodies = new Map<string, string>();
  const done = new Set<string>();
  const work: { nodes: readonly BridgeObject[]; call?: Origin['call'] }[] = [{ nodes }];
  while (work.length > 0) {
    const { nodes: tree, call } = work.pop()!;
    for (const n of tree) {
      const called = calledBody(n);
      if (!called || done.has(called.name)) continue;
      done.add(called.name);
      const decl = decls.get(called.name);
      const bodyNodes = postOrder(called.body);
      const at = call ?? spanOf(n);
      if (decl) {
        const r = resolveTree(bodyNodes, { fn: called.name, call: at });
        if (r) {
          warnings.push(...r.warnings);
          bodies.set(called.name, blank(decl.body, r.blanks));
        }
      }
      work.push({ nodes: bodyNodes, call: at });
    }
  }
  if (!main && bodies.size === 0) return undefined;
  return {
    text: main ? blank(text, main.blanks) : text,
    functions: bodies.size === 0 ? functions : functions.map((f) => (bodies.has(f.name) ? { ...f, body: bodies.get(f.name)! } : f)),
    warnings,
  };
}

/** `text` with each range replaced by spaces (line breaks kept), or by `replaceWith` padded with spaces. */
function blank(text: string, ranges: readonly Range[]): string {
  const chars = text.split('');
  for (const r of ranges) {
    for (let i = r.start; i < r.end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
  for (const r of ranges) {
    if (r.replaceWith === undefined) continue;
    for (let k = 0; k < r.replaceWith.length; k++) chars[r.start + k] = r.replaceWith[k]!;
  }
  return chars.join('');
}
