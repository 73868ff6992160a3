/**
 * Dense numbers (0, 1, 2, ... in order of first sight) for keys: non-negative integers below
 * 2^52, as addChunkKeys makes them. An open-addressing table on typed arrays: a Map boxed each
 * double it was asked about (a row group's 131,072 lookups made garbage of each).
 */
export class KeyNumbers {
  private keys = new Float64Array(1024).fill(-1);
  private ids = new Int32Array(1024);
  size = 0;

  /** The number of `k`, given it at first sight. */
  idOf(k: number): number {
    let mask = this.keys.length - 1;
    let i = hash(k) & mask;
    for (;;) {
      const at = this.keys[i]!;
      if (at === k) return this.ids[i]!;
      if (at === -1) break;
      i = (i + 1) & mask;
    }
    if (2 * (this.size + 1) > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
      i = hash(k) & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
    }
    this.keys[i] = k;
    this.ids[i] = this.size;
    return this.size++;
  }

  private grow(): void {
    const keys = this.keys;
    const ids = this.ids;
    this.keys = new Float64Array(keys.length * 2).fill(-1);
    this.ids = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      const k = keys[j]!;
      if (k === -1) continue;
      let i = hash(k) & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = k;
      this.ids[i] = ids[j]!;
    }
  }
}

function hash(k: number): number {
  const lo = k >>> 0;
  const hi = Math.floor(k / 4294967296) | 0;
  let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
