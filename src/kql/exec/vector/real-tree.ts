/**
 * A tree of `+ - * / %` whose nodes all have a real result (`v * 2 + 1`), computed in one loop
 * over the rows: the tree is compiled once per call site into a JS function whose body is the
 * tree's arithmetic on doubles, as Arquero compiles its expressions. The generated text holds
 * only operator characters and numbered locals (never query text). The rules are numericOp's
 * (functions/operators.ts) for a real result: operands as doubles (a long through Number(), as
 * numToReal does), IEEE arithmetic (JS's operators; `%` is the truncated remainder), null in
 * gives null out. No real operator turns non-null operands into null, so a row's result is null
 * exactly when one of its leaves is; a null literal makes every row null.
 */
import type { Expr } from '../../plan/expr.ts';
import type { ScalarType, Value } from '../../types.ts';

const NUMBER = new Set<ScalarType>(['int', 'long', 'real']);
const OPS = new Set<string>(['+', '-', '*', '/', '%']);

type Call = Expr & { k: 'call' };

/** Whether a call is a node of such a tree. */
export function isRealArith(e: Expr): e is Call {
  return e.k === 'call' && e.type === 'real' && e.args.length === 2 && OPS.has(e.name) && NUMBER.has(e.args[0]!.type) && NUMBER.has(e.args[1]!.type);
}

type Loop = (cols: Value[][], consts: readonly number[], n: number) => Value[];

interface Compiled {
  /** Subexpressions evaluated as columns, in the order of the loop's `cols`. */
  readonly leaves: readonly Expr[];
  readonly consts: readonly number[];
  /** Undefined when a null literal makes every row null. */
  readonly loop: Loop | undefined;
}

const compiled = new WeakMap<Call, Compiled>();

/** Evaluates a real-arithmetic tree; `leaf` evaluates the subexpressions that are not part of it. */
export function evalRealTree(e: Call, n: number, leaf: (e: Expr) => Value[]): Value[] {
  let c = compiled.get(e);
  if (!c) {
    c = compile(e);
    compiled.set(e, c);
  }
  if (!c.loop) return new Array<Value>(n).fill(null);
  return c.loop(c.leaves.map(leaf), c.consts, n);
}

function compile(root: Call): Compiled {
  const leaves: Expr[] = [];
  const consts: number[] = [];
  let nullLiteral = false;
  const reads: string[] = [];
  const text = (e: Expr): string => {
    if (e.k === 'lit') {
      if (e.value === null) nullLiteral = true;
      consts.push(e.value === null ? 0 : Number(e.value as number | bigint));
      return `k${consts.length - 1}`;
    }
    if (isRealArith(e)) return `(${text(e.args[0]!)} ${e.name} ${text(e.args[1]!)})`;
    const j = leaves.length;
    leaves.push(e);
    reads.push(
      `const x${j} = c${j}[i];`,
      `if (x${j} === null) { out[i] = null; continue; }`,
    );
    return e.type === 'long' ? `Number(x${j})` : `x${j}`;
  };
  const body = text(root);
  if (nullLiteral) return { leaves: [], consts: [], loop: undefined };
  const source = [
    ...leaves.map((_, j) => `const c${j} = cols[${j}];`),
    ...consts.map((_, j) => `const k${j} = consts[${j}];`),
    'const out = new Array(n);',
    'for (let i = 0; i < n; i++) {',
    ...reads,
    `out[i] = ${body};`,
    '}',
    'return out;',
  ].join('\n');
  return { leaves, consts, loop: new Function('cols', 'consts', 'n', source) as Loop };
}
