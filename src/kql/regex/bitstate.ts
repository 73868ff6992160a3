/**
 * A bounded backtracker over the Pike VM's program: RE2's "BitState" matcher (re2/bitstate.cc).
 * It explores threads depth-first in priority order, so the first match it reaches is the
 * leftmost-first match, and it never visits a (instruction, position) pair twice: a bitmap marks
 * the pairs already explored, which failed then and would fail again. So time and memory are
 * O(program × text) however the pattern is written; the caller uses it only when that bitmap is
 * small (MAX_BITS), where it is far faster than an NFA simulation for capture groups.
 */
import { has } from './charset.ts';
import * as pike from './pike.ts';
import { assertHolds, type PikeProgram } from './pike.ts';

// Module-local copies: in the loop, an imported binding can cost a getter call (CommonJS interop).
const { ASSERT, JMP, MATCH, SAVE, SET, SPLIT } = pike;

/** The most (instruction, position) pairs a search may mark: 256 Kbit, RE2's limit. */
export const MAX_BITS = 256 * 1024;

let visited = new Uint32Array(MAX_BITS / 32);
let jobs = new Int32Array(1024);

/** Compiled per program: instruction fields in typed arrays, and each set's ASCII members as a 128-bit mask. */
interface Flat {
  readonly op: Uint8Array;
  readonly a: Int32Array;
  readonly b: Int32Array;
  readonly ascii: Uint32Array; // 4 words per instruction
}
const flats = new WeakMap<PikeProgram, Flat>();

function flatten(prog: PikeProgram): Flat {
  let f = flats.get(prog);
  if (f) return f;
  const n = prog.insts.length;
  const op = new Uint8Array(n);
  const a = new Int32Array(n);
  const b = new Int32Array(n);
  const ascii = new Uint32Array(4 * n);
  prog.insts.forEach((inst, i) => {
    op[i] = inst.op;
    a[i] = inst.a;
    b[i] = inst.b;
    if (inst.op === SET) for (let c = 0; c < 128; c++) if (has(inst.set!, c)) ascii[4 * i + (c >> 5)]! |= 1 << (c & 31);
  });
  f = { op, a, b, ascii };
  flats.set(prog, f);
  return f;
}

/** Each program's capture slots, reused (all -1 between searches: every change is undone on the way back). */
const capsCache = new WeakMap<PikeProgram, Int32Array>();
function capsOf(prog: PikeProgram): Int32Array {
  let caps = capsCache.get(prog);
  if (!caps) capsCache.set(prog, (caps = new Int32Array(prog.slots).fill(-1)));
  return caps;
}

/** Can the search of `text` run here (its bitmap within MAX_BITS)? */
export function fitsBitState(prog: PikeProgram, text: string): boolean {
  return prog.insts.length * (text.length + 1) <= MAX_BITS;
}

/** The job stack: (pc, pos, -1) to explore, or (slot, old value, 1) to restore a capture. */
function grow(): void {
  const bigger = new Int32Array(jobs.length * 2);
  bigger.set(jobs);
  jobs = bigger;
}


/**
 * The leftmost-first match whose search starts at `from`, as capture slots, or null. Only when
 * fitsBitState(prog, text). `firstStart` narrows the start positions tried (a required literal
 * prefix's next occurrence); it must never skip a position where a match could start.
 */
export function runBitState(
  prog: PikeProgram,
  text: string,
  from: number,
  firstStart?: (text: string, at: number) => number,
): Int32Array | null {
  const { op, a, b, ascii } = flatten(prog);
  const insts = prog.insts;
  const width = text.length + 1;
  const words = Math.ceil((insts.length * width) / 32);
  if (words > visited.length) visited = new Uint32Array(words);
  visited.fill(0, 0, words);
  const caps = capsOf(prog);
  const len = text.length;
  for (let start = from; start <= len; ) {
    if (firstStart) {
      start = firstStart(text, start);
      if (start < 0) return null;
    }
    jobs[0] = 0;
    jobs[1] = start;
    jobs[2] = -1;
    let top = 3;
    while (top > 0) {
      top -= 3;
      let pc = jobs[top]!;
      let pos = jobs[top + 1]!;
      const arg = jobs[top + 2]!;
      if (arg >= 0) {
        // A capture restore: slot `pc` gets back its value `pos`.
        caps[pc] = pos;
        continue;
      }
      for (;;) {
        const bit = pc * width + pos;
        const w = visited[bit >>> 5]!;
        const m = 1 << (bit & 31);
        if (w & m) break;
        visited[bit >>> 5] = w | m;
        const o = op[pc]!;
        if (o === SET) {
          if (pos >= len) break;
          const c = text.charCodeAt(pos);
          if (c < 128) {
            if (!(ascii[4 * pc + (c >> 5)]! & (1 << (c & 31)))) break;
            pos++;
          } else {
            const cp = text.codePointAt(pos)!;
            if (!has(insts[pc]!.set!, cp)) break;
            pos += cp > 0xffff ? 2 : 1;
          }
          pc = a[pc]!;
        } else if (o === SPLIT) {
          if (top + 3 > jobs.length) grow();
          jobs[top] = b[pc]!;
          jobs[top + 1] = pos;
          jobs[top + 2] = -1;
          top += 3;
          pc = a[pc]!;
        } else if (o === JMP) {
          pc = a[pc]!;
        } else if (o === SAVE) {
          const slot = b[pc]!;
          if (top + 3 > jobs.length) grow();
          jobs[top] = slot;
          jobs[top + 1] = caps[slot]!;
          jobs[top + 2] = 1;
          top += 3;
          caps[slot] = pos;
          pc = a[pc]!;
        } else if (o === ASSERT) {
          if (!assertHolds(insts[pc]!.kind!, text, pos)) break;
          pc = a[pc]!;
        } else if (o === MATCH) {
          const found = caps.slice();
          // Undo the captures still on the stack, for the next search.
          while (top > 0) {
            top -= 3;
            if (jobs[top + 2]! >= 0) caps[jobs[top]!] = jobs[top + 1]!;
          }
          return found;
        }
      }
    }
    if (start >= len) break;
    start += text.charCodeAt(start) >= 0xd800 && text.charCodeAt(start) <= 0xdbff && start + 1 < len ? 2 : 1;
  }
  return null;
}
