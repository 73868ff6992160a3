/** XXH64 (xxHash, 64-bit, seed 0) on bigint, for hash() (hash doc: hash("World") = 1846988464401551951). */
const M = (1n << 64n) - 1n;
const P1 = 11400714785074694791n, P2 = 14029467366897019727n, P3 = 1609587929392839161n, P4 = 9650029242287828579n, P5 = 2870177450012600261n;
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M;
const round = (acc: bigint, lane: bigint) => (rotl((acc + lane * P2) & M, 31n) * P1) & M;
const merge = (acc: bigint, v: bigint) => (((acc ^ round(0n, v)) * P1 + P4) & M);
export function xxh64(b: Uint8Array, seed = 0n): bigint {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 0; const n = b.length; let h: bigint;
  if (n >= 32) {
    let v1 = (seed + P1 + P2) & M, v2 = (seed + P2) & M, v3 = seed, v4 = (seed - P1) & M;
    while (i + 32 <= n) { v1 = round(v1, dv.getBigUint64(i, true)); v2 = round(v2, dv.getBigUint64(i + 8, true)); v3 = round(v3, dv.getBigUint64(i + 16, true)); v4 = round(v4, dv.getBigUint64(i + 24, true)); i += 32; }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = merge(h, v1); h = merge(h, v2); h = merge(h, v3); h = merge(h, v4);
  } else h = (seed + P5) & M;
  h = (h + BigInt(n)) & M;
  while (i + 8 <= n) { h ^= round(0n, dv.getBigUint64(i, true)); h = (rotl(h, 27n) * P1 + P4) & M; i += 8; }
  if (i + 4 <= n) { h ^= (BigInt(dv.getUint32(i, true)) * P1) & M; h = (rotl(h, 23n) * P2 + P3) & M; i += 4; }
  while (i < n) { h ^= (BigInt(b[i]!) * P5) & M; h = (rotl(h, 11n) * P1) & M; i++; }
  h ^= h >> 33n; h = (h * P2) & M; h ^= h >> 29n; h = (h * P3) & M; h ^= h >> 32n;
  return h;
}
const w = xxh64(new TextEncoder().encode('World'));
