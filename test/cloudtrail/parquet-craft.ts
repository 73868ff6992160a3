/**
 * Parquet's bytes built by hand for tests: the Thrift compact protocol for the few structures
 * Parquet needs (github.com/apache/thrift, doc/specs/thrift-compact-protocol.md; parquet.thrift),
 * and the RLE/bit-packed hybrid of levels and dictionary indices
 * (parquet.apache.org/docs/file-format/data-pages/encodings, "Run Length Encoding / Bit-Packing
 * Hybrid"), written from the specification, not from our reader.
 */
export type T = ['i32' | 'i64', number] | ['bin', string] | ['struct', Fields] | ['list', 'i32' | 'bin' | 'struct', (number | string | Fields)[]];
export type Fields = Record<number, T>;
const CODE = { i32: 5, i64: 6, bin: 8, list: 9, struct: 12 } as const;

export function varint(n: number, out: number[]): void {
  while (n >= 128) {
    out.push((n % 128) | 128);
    n = Math.floor(n / 128);
  }
  out.push(n);
}
const zigzag = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
function value(t: T, out: number[]): void {
  if (t[0] === 'i32' || t[0] === 'i64') varint(zigzag(t[1]), out);
  else if (t[0] === 'bin') {
    const b = Buffer.from(t[1]);
    varint(b.length, out);
    out.push(...b);
  } else if (t[0] === 'struct') struct(t[1], out);
  else {
    const [, elem, items] = t as ['list', 'i32' | 'bin' | 'struct', (number | string | Fields)[]];
    if (items.length < 15) out.push((items.length << 4) | CODE[elem]);
    else {
      out.push(0xf0 | CODE[elem]);
      varint(items.length, out);
    }
    for (const x of items) value((elem === 'struct' ? ['struct', x] : [elem, x]) as T, out);
  }
}
export function struct(f: Fields, out: number[] = []): number[] {
  let last = 0;
  for (const id of Object.keys(f).map(Number).sort((a, b) => a - b)) {
    const t = f[id]!;
    out.push(((id - last) << 4) | CODE[t[0]]);
    last = id;
    value(t, out);
  }
  out.push(0);
  return out;
}

/** A run of the hybrid: `count` copies of `rle`, or the values `packed` bit-packed (padded with zeros to a group of 8). */
export type HybridRun = { readonly rle: number; readonly count: number } | { readonly packed: readonly number[] };

/** The hybrid encoding of `runs` at bit width `width`. */
export function hybrid(runs: readonly HybridRun[], width: number): number[] {
  const out: number[] = [];
  for (const run of runs) {
    if ('rle' in run) {
      varint(run.count * 2, out);
      const byteWidth = (width + 7) >> 3;
      for (let k = 0; k < byteWidth; k++) out.push(Math.floor(run.rle / 2 ** (8 * k)) % 256);
    } else {
      const groups = Math.ceil(run.packed.length / 8);
      varint(groups * 2 + 1, out);
      // LSB first: value i occupies bits i*width .. i*width + width - 1 of the run's bytes
      const bytes = new Array<number>(groups * width).fill(0);
      run.packed.forEach((v, i) => {
        for (let b = 0; b < width; b++) {
          if (Math.floor(v / 2 ** b) % 2) {
            const bit = i * width + b;
            bytes[bit >> 3]! |= 1 << (bit & 7);
          }
        }
      });
      out.push(...bytes);
    }
  }
  return out;
}
