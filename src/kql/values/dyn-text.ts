/**
 * The walk behind every text form of a dynamic value (its JSON, its grouping key): arrays as
 * `[a,b]`, bags as `{"k":v}` with keys in stored order, and `leaf` for everything else. Open
 * arrays and bags wait on an explicit stack, never on the call stack, so a value nested
 * 100,000 levels deep is written like a flat one.
 */
import type { Dyn } from '../types.ts';

/** A JS string as a JSON string literal (control characters, quote and backslash escaped). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * An open array or bag: its values, a bag's keys, and the index of the next value. (Copying a
 * bag's keys and values into arrays measured faster than holding its entries iterator.)
 */
interface Open {
  readonly values: Dyn[];
  readonly keys: string[] | undefined;
  i: number;
}

export function dynText(root: Dyn, leaf: (d: Dyn) => string): string {
  const out: string[] = [];
  const open: Open[] = [];
  let d = root;
  for (;;) {
    if (Array.isArray(d)) {
      if (d.length === 0) out.push('[]');
      else {
        out.push('[');
        open.push({ values: d, keys: undefined, i: 0 });
      }
    } else if (d instanceof Map) {
      if (d.size === 0) out.push('{}');
      else {
        out.push('{');
        open.push({ values: [...d.values()], keys: [...d.keys()], i: 0 });
      }
    } else {
      out.push(leaf(d));
    }
    // The next value to write, after closing the containers that are done.
    for (;;) {
      const top = open[open.length - 1];
      if (top === undefined) return out.length === 1 ? out[0]! : out.join('');
      if (top.i < top.values.length) {
        if (top.i > 0) out.push(',');
        if (top.keys !== undefined) out.push(`${jsonString(top.keys[top.i]!)}:`);
        d = top.values[top.i++]!;
        break;
      }
      out.push(top.keys === undefined ? ']' : '}');
      open.pop();
    }
  }
}
