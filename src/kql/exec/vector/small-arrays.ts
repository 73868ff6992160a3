/**
 * Zeroed typed arrays for per-batch scratch (masks, row selections, group ids), small ones carved
 * out of shared 64 KB buffers. V8 gives a typed array of more than 64 bytes its own off-heap
 * ArrayBuffer, and making and collecting one cost 0.3-2 µs: more than filling it for the few
 * dozen rows of a replay's run, which makes dozens of them. A view on a shared buffer costs
 * ~50 ns. Carved bytes are never handed out again, so every view starts zeroed; a buffer is
 * freed once none of its views is reachable (scratch arrays do not outlive their operator).
 */
const SLAB_BYTES = 1 << 16;
/** Larger arrays get their own buffer (at most 1/16 of a slab goes unused at its end). */
const MAX_CARVED = 4096;
/** V8 keeps typed arrays of up to 64 bytes on its heap: those are cheap already. */
const ON_HEAP = 64;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** The offset of `bytes` fresh bytes in `slab` (8-byte aligned); may start a new slab. */
function carve(bytes: number): number {
  const size = (bytes + 7) & ~7;
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const at = used;
  used += size;
  return at;
}

export function uint8s(n: number): Uint8Array {
  if (n <= ON_HEAP || n > MAX_CARVED) return new Uint8Array(n);
  const at = carve(n);
  return new Uint8Array(slab, at, n);
}

export function int32s(n: number): Int32Array {
  const bytes = 4 * n;
  if (bytes <= ON_HEAP || bytes > MAX_CARVED) return new Int32Array(n);
  const at = carve(bytes);
  return new Int32Array(slab, at, n);
}

export function uint32s(n: number): Uint32Array {
  const bytes = 4 * n;
  if (bytes <= ON_HEAP || bytes > MAX_CARVED) return new Uint32Array(n);
  const at = carve(bytes);
  return new Uint32Array(slab, at, n);
}
