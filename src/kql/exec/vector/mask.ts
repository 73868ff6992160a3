/**
 * Tri-state boolean columns as bytes (0 false, 1 true, 2 null): `where` and `and`/`or` work on
 * these without a JS value per row. The logic is the null-values doc's three-valued one, as in
 * eval.ts: false wins `and`, true wins `or`, otherwise null is sticky.
 */
import type { Value } from '../../types.ts';
import { uint32s, uint8s } from './small-arrays.ts';

export const FALSE = 0;
export const TRUE = 1;
export const NULL = 2;

/** A boolean column as a mask; undefined when it holds anything but true, false and null. */
export function maskOf(values: readonly Value[], n: number): Uint8Array | undefined {
  const out = uint8s(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === true) out[i] = TRUE;
    else if (v === null) out[i] = NULL;
    else if (v !== false) return undefined;
  }
  return out;
}

export function valuesOf(mask: Uint8Array): Value[] {
  const n = mask.length;
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    const m = mask[i];
    out[i] = m === TRUE ? true : m === FALSE ? false : null;
  }
  return out;
}

/** `a and b`, in place into a. */
export function andInto(a: Uint8Array, b: Uint8Array): Uint8Array {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    a[i] = x === FALSE || y === FALSE ? FALSE : x === NULL || y === NULL ? NULL : TRUE;
  }
  return a;
}

/** `a or b`, in place into a. */
export function orInto(a: Uint8Array, b: Uint8Array): Uint8Array {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    a[i] = x === TRUE || y === TRUE ? TRUE : x === NULL || y === NULL ? NULL : FALSE;
  }
  return a;
}

/** not-function doc: not(null) is null. In place. */
export function notInPlace(a: Uint8Array): Uint8Array {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    if (x !== NULL) a[i] = x === TRUE ? FALSE : TRUE;
  }
  return a;
}

/** The rows whose mask is true, or undefined when every row is. */
export function selection(mask: Uint8Array): Uint32Array | undefined {
  const n = mask.length;
  const out = uint32s(n);
  let o = 0;
  // Branch-free (TRUE is the only mask value with bit 0 set): on random data a branch per row
  // mispredicted half the time and was twice as slow.
  for (let i = 0; i < n; i++) {
    out[o] = i;
    o += mask[i]! & 1;
  }
  return o === n ? undefined : out.subarray(0, o);
}
