/**
 * A Pike VM (Thompson NFA simulation with capture slots; Russ Cox, "Regular Expression Matching:
 * the Virtual Machine Approach", swtch.com/~rsc/regexp/regexp2.html) over our parsed Kusto regex.
 *
 * It runs the patterns RE2 cannot express exactly: the Unicode word-boundary assertions (`\b` and
 * `\B` over Unicode \w on a non-ASCII text; `\<`, `\>`, `\b{start}`, … always). Time is
 * O(text × program) whatever the input: each position steps every live thread once, and a
 * program counter is added to a position's thread list at most once. Threads are kept in
 * priority order, so captures follow leftmost-first (Perl-like) semantics, as RE2 and the Rust
 * crate do.
 */
import { RuntimeError } from '../errors.ts';
import { has, type CharSet } from './charset.ts';
import type { AssertKind, Node } from './syntax.ts';
import { isWordChar } from './unicode.ts';

export const SET = 0;
export const SPLIT = 1; // a: preferred, b: other
export const JMP = 2;
export const SAVE = 3; // b: the slot
export const ASSERT = 4;
export const MATCH = 5;

export interface Inst {
  op: number;
  a: number;
  b: number;
  set?: CharSet;
  kind?: AssertKind;
}

/** The largest program we run (the Rust crate's default size limit is of the same order). */
const MAX_INSTRUCTIONS = 200_000;

export interface PikeProgram {
  readonly insts: readonly Inst[];
  readonly slots: number;
}

export function compilePike(root: Node, groups: number, pattern: string): PikeProgram {
  const insts: Inst[] = [];
  const emit = (i: Inst): number => {
    if (insts.length >= MAX_INSTRUCTIONS) throw new RuntimeError(`regex ${JSON.stringify(pattern)} is too large to run in linear time (more than ${MAX_INSTRUCTIONS} instructions)`);
    insts.push(i);
    return insts.length - 1;
  };
  // A SPLIT between `more` (taking the repetition once more) and `out`, in greedy or lazy order.
  const branch = (split: number, more: number, out: number, greedy: boolean): void => {
    insts[split]!.a = greedy ? more : out;
    insts[split]!.b = greedy ? out : more;
  };
  // Each compile() emits code that continues at the instruction emitted right after it.
  const compile = (n: Node): void => {
    switch (n.t) {
      case 'set':
        emit({ op: SET, a: insts.length + 1, b: 0, set: n.set });
        return;
      case 'empty':
        return;
      case 'assert':
        emit({ op: ASSERT, a: insts.length + 1, b: 0, kind: n.kind });
        return;
      case 'group':
        if (n.capture === null) return compile(n.body);
        emit({ op: SAVE, a: insts.length + 1, b: 2 * n.capture });
        compile(n.body);
        emit({ op: SAVE, a: insts.length + 1, b: 2 * n.capture + 1 });
        return;
      case 'cat':
        for (const item of n.items) compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        for (let k = 0; k < n.items.length; k++) {
          if (k < n.items.length - 1) {
            const split = emit({ op: SPLIT, a: insts.length + 1, b: 0 });
            compile(n.items[k]!);
            jumps.push(emit({ op: JMP, a: 0, b: 0 }));
            insts[split]!.b = insts.length;
          } else compile(n.items[k]!);
        }
        for (const j of jumps) insts[j]!.a = insts.length;
        return;
      }
      case 'rep': {
        if (n.max === Infinity) {
          // As the Rust crate's Thompson compiler: x{n,} is x{n-1} then x+; x* is a loop, but
          // (x+)? when x can match the empty text (a loop would then prefer the wrong thread).
          if (n.min === 0 && !nullable(n.body)) {
            const split = emit({ op: SPLIT, a: 0, b: 0 });
            compile(n.body);
            emit({ op: JMP, a: split, b: 0 });
            branch(split, split + 1, insts.length, n.greedy);
            return;
          }
          let optional = -1;
          if (n.min === 0) optional = emit({ op: SPLIT, a: 0, b: 0 });
          for (let k = 1; k < n.min; k++) compile(n.body);
          const loop = insts.length;
          compile(n.body);
          const split = emit({ op: SPLIT, a: 0, b: 0 });
          branch(split, loop, insts.length, n.greedy);
          if (optional >= 0) branch(optional, optional + 1, insts.length, n.greedy);
          return;
        }
        for (let k = 0; k < n.min; k++) compile(n.body);
        const splits: number[] = [];
        for (let k = n.min; k < n.max; k++) {
          splits.push(emit({ op: SPLIT, a: 0, b: 0 }));
          compile(n.body);
        }
        for (const s of splits) branch(s, s + 1, insts.length, n.greedy);
        return;
      }
    }
  };
  emit({ op: SAVE, a: 1, b: 0 });
  compile(root);
  emit({ op: SAVE, a: insts.length + 1, b: 1 });
  emit({ op: MATCH, a: 0, b: 0 });
  return { insts, slots: 2 * (groups + 1) };
}

/** Can the node match the empty text? */
function nullable(n: Node): boolean {
  switch (n.t) {
    case 'set': return false;
    case 'empty':
    case 'assert': return true;
    case 'group': return nullable(n.body);
    case 'cat': return n.items.every(nullable);
    case 'alt': return n.items.some(nullable);
    case 'rep': return n.min === 0 || nullable(n.body);
  }
}

function isWordBefore(text: string, pos: number): boolean {
  if (pos === 0) return false;
  return isWordChar(text.codePointAt(pos - 1 > 0 && isLowSurrogate(text.charCodeAt(pos - 1)) && isHighSurrogate(text.charCodeAt(pos - 2)) ? pos - 2 : pos - 1)!);
}

function isWordAt(text: string, pos: number): boolean {
  return pos < text.length && isWordChar(text.codePointAt(pos)!);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function assertHolds(kind: AssertKind, text: string, pos: number): boolean {
  switch (kind) {
    case 'text-start': return pos === 0;
    case 'text-end': return pos === text.length;
    case 'line-start': return pos === 0 || text.charCodeAt(pos - 1) === 10;
    case 'line-end': return pos === text.length || text.charCodeAt(pos) === 10;
    case 'word': return isWordBefore(text, pos) !== isWordAt(text, pos);
    case 'not-word': return isWordBefore(text, pos) === isWordAt(text, pos);
    case 'word-start': return !isWordBefore(text, pos) && isWordAt(text, pos);
    case 'word-end': return isWordBefore(text, pos) && !isWordAt(text, pos);
    case 'word-start-half': return !isWordBefore(text, pos);
    case 'word-end-half': return !isWordAt(text, pos);
  }
}

interface Thread {
  pc: number;
  caps: Int32Array;
}

/**
 * The leftmost-first match starting the search at UTF-16 index `from`: capture slots (UTF-16
 * start/end pairs, -1 for a group that did not take part), or null.
 */
export function runPike(prog: PikeProgram, text: string, from: number): Int32Array | null {
  const { insts, slots } = prog;
  const seen = new Int32Array(insts.length).fill(-1);
  let clist: Thread[] = [];
  let nlist: Thread[] = [];
  let stamp = 0; // seen[] starts at -1
  const stack: Thread[] = [];
  // Follows empty-width instructions from pc at `pos`, adding the threads that consume a
  // character (or match) to `list` in priority order.
  const add = (list: Thread[], pc0: number, caps0: Int32Array, pos: number): void => {
    stack.push({ pc: pc0, caps: caps0 });
    while (stack.length > 0) {
      const { pc, caps } = stack.pop()!;
      if (seen[pc] === stamp) continue;
      seen[pc] = stamp;
      const inst = insts[pc]!;
      switch (inst.op) {
        case JMP:
          stack.push({ pc: inst.a, caps });
          break;
        case SPLIT:
          stack.push({ pc: inst.b, caps }, { pc: inst.a, caps });
          break;
        case SAVE: {
          const copy = caps.slice();
          copy[inst.b] = pos;
          stack.push({ pc: inst.a, caps: copy });
          break;
        }
        case ASSERT:
          if (assertHolds(inst.kind!, text, pos)) stack.push({ pc: inst.a, caps });
          break;
        default:
          list.push({ pc, caps });
      }
    }
  };
  const empty = new Int32Array(slots).fill(-1);
  let matched: Int32Array | null = null;
  // One stamp per position: the marks made while building a position's list (stepping the
  // previous position) also guard the start thread added there.
  for (let pos = from; ; ) {
    if (matched === null) add(clist, 0, empty, pos);
    if (clist.length === 0 && (matched !== null || pos >= text.length)) break;
    const cp = pos < text.length ? text.codePointAt(pos)! : -1;
    const next = pos + (cp > 0xffff ? 2 : 1);
    stamp++;
    nlist = [];
    for (const t of clist) {
      const inst = insts[t.pc]!;
      if (inst.op === MATCH) {
        matched = t.caps;
        break; // lower-priority threads are cut
      }
      if (cp >= 0 && has(inst.set!, cp)) add(nlist, inst.a, t.caps, next);
    }
    if (pos >= text.length) break;
    clist = nlist;
    pos = next;
  }
  return matched;
}
