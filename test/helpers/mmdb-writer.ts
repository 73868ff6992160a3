/**
 * A minimal MaxMind DB writer for tests (maxmind.github.io/MaxMind-DB/, format 2.0): the `maxmind`
 * package only reads, and no npm package ships a small real .mmdb test file. It writes an IPv6
 * tree (IPv4 networks at ::/96, where MaxMind's own databases put them) with 24-bit records, a
 * data section of maps, strings and unsigned integers, and the metadata the readers need.
 * Networks are inserted in the order given: a shorter network before the longer ones inside it.
 */
import { parseIpv6Text } from '../../src/kql/functions/network.ts';

export type MmdbValue = string | number | { readonly [key: string]: MmdbValue } | readonly MmdbValue[];

/** type (1-15) and size as the control byte(s) of the spec's "Data Field Format". */
function control(type: number, size: number): number[] {
  const head = type <= 7 ? [type << 5] : [0];
  const ext = type <= 7 ? [] : [type - 7];
  let sizeBytes: number[] = [];
  if (size < 29) head[0]! |= size;
  else if (size < 285) (head[0]! |= 29), (sizeBytes = [size - 29]);
  else if (size < 65821) (head[0]! |= 30), (sizeBytes = [(size - 285) >> 8, (size - 285) & 255]);
  else (head[0]! |= 31), (sizeBytes = [(size - 65821) >> 16, ((size - 65821) >> 8) & 255, (size - 65821) & 255]);
  return [...head, ...ext, ...sizeBytes];
}

function unsigned(n: number | bigint): number[] {
  const out: number[] = [];
  for (let v = BigInt(n); v > 0n; v >>= 8n) out.unshift(Number(v & 255n));
  return out;
}

/** One value: strings as utf8_string (2), non-negative integers as uint32 (6), or uint64 (9) beyond, maps (7), arrays (11). */
export function encodeValue(v: MmdbValue | bigint): number[] {
  if (typeof v === 'string') {
    const bytes = [...Buffer.from(v, 'utf8')];
    return [...control(2, bytes.length), ...bytes];
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    const bytes = unsigned(v);
    return BigInt(v) <= 0xffffffffn ? [...control(6, bytes.length), ...bytes] : [...control(9, bytes.length), ...bytes];
  }
  if (Array.isArray(v)) return [...control(11, v.length), ...v.flatMap((x) => encodeValue(x))];
  const entries = Object.entries(v);
  return [...control(7, entries.length), ...entries.flatMap(([k, x]) => [...encodeValue(k), ...encodeValue(x)])];
}

type Rec = { node: number } | { data: number } | null;

/** The network's 128 bits and prefix length in the IPv6 tree: `a.b.c.d/n` is ::a.b.c.d/(96+n). */
function networkBits(cidr: string): [bigint, number] {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (v4) return [v4.slice(1, 5).reduce((a, o) => (a << 8n) | BigInt(o), 0n), 96 + Number(v4[5])];
  const v6 = parseIpv6Text(cidr);
  if (!v6 || v6.fromIpv4) throw new Error(`not a network: ${cidr}`);
  return [v6.address, v6.prefix];
}

/** A .mmdb file whose tree maps each network (CIDR text) to its record. */
export function writeMmdb(databaseType: string, networks: ReadonlyArray<readonly [string, MmdbValue]>): Buffer {
  const nodes: Array<[Rec, Rec]> = [[null, null]];
  const data: number[] = [];
  for (const [cidr, record] of networks) {
    const offset = data.length;
    data.push(...encodeValue(record));
    const [bits, prefix] = networkBits(cidr);
    let node = 0;
    for (let depth = 0; depth < prefix; depth++) {
      const side = Number((bits >> BigInt(127 - depth)) & 1n);
      if (depth === prefix - 1) {
        nodes[node]![side] = { data: offset };
        break;
      }
      const rec = nodes[node]![side];
      if (rec && 'node' in rec) node = rec.node;
      else {
        // An empty record, or a shorter network's data, becomes a node whose records keep that data.
        nodes.push([rec, rec]);
        nodes[node]![side] = { node: nodes.length - 1 };
        node = nodes.length - 1;
      }
    }
  }
  const count = nodes.length;
  const value = (r: Rec): number => (r === null ? count : 'node' in r ? r.node : count + 16 + r.data);
  const tree = nodes.flatMap(([l, r]) => [value(l), value(r)].flatMap((v) => [(v >> 16) & 255, (v >> 8) & 255, v & 255]));
  const metadata = encodeValue({
    binary_format_major_version: 2,
    binary_format_minor_version: 0,
    build_epoch: 1_780_000_000,
    database_type: databaseType,
    description: { en: `trailhound test database (${databaseType})` },
    ip_version: 6,
    languages: ['en'],
    node_count: count,
    record_size: 24,
  });
  const marker = [0xab, 0xcd, 0xef, ...Buffer.from('MaxMind.com', 'ascii')];
  return Buffer.from([...tree, ...new Array<number>(16).fill(0), ...data, ...marker, ...metadata]);
}
