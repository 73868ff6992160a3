/**
 * IPv4/IPv6 functions (learn.microsoft.com/kusto/query/<name>-function; kql-semantics.md §7.6).
 *
 * IPv4 text (our reading of the docs, which speak of dotted-decimal with optional IP-prefix
 * notation): four decimal octets of 1–3 digits, each 0–255, optionally followed by `/n` with
 * n in 0–32; nothing else (no spaces, no hex/octal, no short forms). Anything else does not
 * parse: the function returns null (or false / "" where its doc says so).
 */
import { UnsupportedError } from '../errors.ts';
import type { Dyn, ScalarType, Value } from '../types.ts';
import type { ArgInfo, ScalarFunction } from './contract.ts';
import { isAsciiAlnum } from './terms.ts';
import { arity, define, intOf, memoByIdentity, textOf } from './strings.ts';

export interface Ipv4 {
  /** The 32-bit address as an unsigned number. */
  readonly address: number;
  /** Prefix length 0..32 (32 when the text has none). */
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/** Parses "a.b.c.d" or "a.b.c.d/n"; null when invalid. */
export function parseIpv4Text(s: string): Ipv4 | null {
  const m = IPV4.exec(s);
  if (!m) return null;
  let address = 0;
  for (let k = 1; k <= 4; k++) {
    const o = Number(m[k]);
    if (o > 255) return null;
    address = address * 256 + o;
  }
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (prefix > 32) return null;
  return { address, prefix };
}

/** The address with all but the `prefix` most significant bits cleared (unsigned). */
function mask(address: number, prefix: number): number {
  if (prefix <= 0) return 0;
  if (prefix >= 32) return address;
  const bits = 2 ** (32 - prefix);
  return Math.floor(address / bits) * bits;
}

export function formatIpv4(address: number): string {
  return `${Math.floor(address / 16777216) % 256}.${Math.floor(address / 65536) % 256}.${Math.floor(address / 256) % 256}.${address % 256}`;
}

/** An optional prefix argument: 0..32, else invalid (null). */
function prefixArg(args: readonly ArgInfo[], i: number, row: Value[], max: number): number | null | undefined {
  if (args.length <= i) return undefined;
  const p = intOf(args[i]!.type, row[i]!);
  return p === null || p < 0 || p > max ? null : p;
}

function ip4(args: readonly ArgInfo[], i: number): (row: Value[]) => Ipv4 | null {
  const text = textOf(args[i]!.type);
  return (row) => parseIpv4Text(text(row[i]!));
}

/** ipv4_compare: -1/0/1 on the addresses masked with the smallest of both prefixes and the argument (ipv4-compare-function). */
function compare4(args: readonly ArgInfo[], row: Value[], a: Ipv4 | null, b: Ipv4 | null): number | null {
  const p = prefixArg(args, 2, row, 32);
  if (!a || !b || p === null) return null;
  const bits = Math.min(a.prefix, b.prefix, p ?? 32);
  const x = mask(a.address, bits);
  const y = mask(b.address, bits);
  return x < y ? -1 : x > y ? 1 : 0;
}

const PRIVATE: readonly [number, number][] = [
  [parseIpv4Text('10.0.0.0')!.address, 8],
  [parseIpv4Text('172.16.0.0')!.address, 12],
  [parseIpv4Text('192.168.0.0')!.address, 16],
];

// ---------------------------------------------------------------------------------------------
// IPv4 addresses inside text (has_ipv4 family)

/**
 * The IPv4 addresses that appear in text "properly delimited with non-alphanumeric characters"
 * (has-ipv4-function): maximal runs of digits and dots whose neighbours are not letters or
 * digits, with leading/trailing dots dropped (our choice: "at 1.2.3.4." ends a sentence), that
 * parse as a valid IPv4 address. `05:04:54127.0.0.1` holds none (the run is 54127.0.0.1).
 */
function addressesIn(text: string, visit: (address: number) => boolean): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const isDigit = c >= 48 && c <= 57;
    if (!isDigit && c !== 46) {
      i++;
      continue;
    }
    const start = i;
    while (i < n) {
      const d = text.charCodeAt(i);
      if ((d >= 48 && d <= 57) || d === 46) i++;
      else break;
    }
    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    const after = i < n ? text.charCodeAt(i) : -1;
    if ((before >= 0 && isAsciiAlnum(before)) || (after >= 0 && isAsciiAlnum(after))) continue;
    let s = start;
    let e = i;
    while (s < e && text.charCodeAt(s) === 46) s++;
    while (e > s && text.charCodeAt(e - 1) === 46) e--;
    const ip = parseIpv4Text(text.slice(s, e));
    if (ip && ip.prefix === 32 && visit(ip.address)) return true;
  }
  return false;
}

/** A valid has_ipv4_prefix prefix: a full address, or 1–3 octets ending with a dot (has-ipv4-prefix-function). */
function parsePrefix(p: string): { value: number; octets: number } | null {
  const full = parseIpv4Text(p);
  if (full && !p.includes('/')) return { value: full.address, octets: 4 };
  const m = /^(\d{1,3})\.(?:(\d{1,3})\.)?(?:(\d{1,3})\.)?$/.exec(p);
  if (!m) return null;
  const octs = [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  if (octs.some((o) => o > 255)) return null;
  let value = 0;
  for (const o of octs) value = value * 256 + o;
  return { value: value * 2 ** (8 * (4 - octs.length)), octets: octs.length };
}

function matchesPrefix(address: number, p: { value: number; octets: number }): boolean {
  return mask(address, p.octets * 8) === p.value;
}

/** Flattened string list arguments (string or dynamic arrays), for has_any_ipv4(_prefix). */
function listOf(types: readonly ScalarType[], values: readonly Value[]): string[] {
  const out: string[] = [];
  values.forEach((v, k) => {
    const t = types[k]!;
    if (t === 'dynamic' && Array.isArray(v)) for (const e of v as Dyn[]) out.push(typeof e === 'string' ? e : '');
    else out.push(textOf(t)(v));
  });
  return out;
}

function hasAnyIpv4(name: string, prefix: boolean): ScalarFunction {
  return define(name, `${name.replaceAll('_', '-')}-function`, (args) => {
    if (args.length < 2) throw new UnsupportedError(`${name}() with ${args.length} argument(s)`);
    const source = textOf(args[0]!.type);
    const types = args.slice(1).map((a) => a.type);
    const compile = (values: readonly Value[]) => {
      const wanted = listOf(types, values);
      if (prefix) {
        const ps = wanted.map(parsePrefix).filter((p): p is { value: number; octets: number } => p !== null);
        return (address: number) => ps.some((p) => matchesPrefix(address, p));
      }
      const set = new Set<number>();
      for (const w of wanted) {
        const ip = parseIpv4Text(w);
        if (ip && !w.includes('/')) set.add(ip.address);
      }
      return (address: number) => set.has(address);
    };
    if (args.slice(1).every((a) => a.constant)) {
      const test = compile(args.slice(1).map((a) => a.value ?? null));
      return (a) => addressesIn(source(a[0]!), test);
    }
    const memo = memoByIdentity(compile);
    return (a) => addressesIn(source(a[0]!), memo(a, 1));
  });
}

// ---------------------------------------------------------------------------------------------
// IPv6

export interface Ipv6 {
  readonly address: bigint;
  readonly prefix: number;
  /** Parsed from IPv4 text: a prefix argument then counts IPv4 bits (parse-ipv6-mask doc: ("127.0.0.1", 24) → ...:7f00:0000). */
  readonly fromIpv4?: boolean;
}

/**
 * Parses IPv6 text (RFC 4291 forms: `::` compression, an embedded dotted IPv4 tail) with an
 * optional `/n` (0..128), or IPv4 text, which is read as the IPv4-mapped address ::ffff:a.b.c.d
 * with its prefix shifted by 96 (ipv6-compare-function: "accept ... both IPv6 and IPv4").
 */
export function parseIpv6Text(s: string): Ipv6 | null {
  // "::a.b.c.d[/n]" is read as the IPv4 address a.b.c.d too: the parse_ipv6_mask example maps
  // '::192.168.255.255' to ::ffff:c0a8:ffff and counts its /24 in IPv4 bits (120-bit mask), and
  // the ipv6_compare/ipv6_is_match examples compare '::192.168.1.1/30' with a 120-bit prefix.
  const v4 = parseIpv4Text(s.startsWith('::') && !s.slice(2).includes(':') ? s.slice(2) : s);
  if (v4) return { address: (0xffffn << 32n) | BigInt(v4.address), prefix: 96 + v4.prefix, fromIpv4: true };
  let body = s;
  let prefix = 128;
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p) || Number(p) > 128) return null;
    prefix = Number(p);
    body = s.slice(0, slash);
  }
  const halves = body.split('::');
  if (halves.length > 2) return null;
  const groups = (text: string): number[] | null => {
    if (text === '') return [];
    const parts = text.split(':');
    const out: number[] = [];
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      if (k === parts.length - 1 && part.includes('.')) {
        const ip = parseIpv4Text(part);
        if (!ip || part.includes('/')) return null;
        out.push(Math.floor(ip.address / 65536), ip.address % 65536);
      } else if (/^[0-9A-Fa-f]{1,4}$/.test(part)) out.push(parseInt(part, 16));
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  let all: number[];
  if (halves.length === 2) {
    if (head.length + tail.length > 7) return null;
    all = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    if (head.length !== 8) return null;
    all = head;
  }
  let address = 0n;
  for (const g of all) address = (address << 16n) | BigInt(g);
  return { address, prefix };
}

function mask6(address: bigint, prefix: number): bigint {
  if (prefix <= 0) return 0n;
  if (prefix >= 128) return address;
  const drop = BigInt(128 - prefix);
  return (address >> drop) << drop;
}

/** A prefix argument for IPv6 functions: IPv4-form inputs count it in IPv4 bits (+96), our reading of parse_ipv6_mask's example. */
function prefix6(p: number | undefined, ...ips: Ipv6[]): number {
  if (p === undefined) return 128;
  return ips.every((ip) => ip.fromIpv4) ? Math.min(128, 96 + p) : p;
}

function compare6(args: readonly ArgInfo[], row: Value[]): number | null {
  const a = parseIpv6Text(textOf(args[0]!.type)(row[0]!));
  const b = parseIpv6Text(textOf(args[1]!.type)(row[1]!));
  const p = prefixArg(args, 2, row, 128);
  if (!a || !b || p === null) return null;
  const bits = Math.min(a.prefix, b.prefix, prefix6(p, a, b));
  const x = mask6(a.address, bits);
  const y = mask6(b.address, bits);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Canonical IPv6 text: eight groups of four lower-case hex digits (parse-ipv6-function example). */
function formatIpv6(address: bigint): string {
  const groups: string[] = [];
  for (let k = 7; k >= 0; k--) groups.push(((address >> BigInt(16 * k)) & 0xffffn).toString(16).padStart(4, '0'));
  return groups.join(':');
}

/** Ranges of ipv4/ipv6_is_in_any_range: strings or dynamic arrays of strings; null when one is invalid. */
function anyRange<T>(parse: (s: string) => T | null, inRange: (ip: T, range: T) => boolean): ScalarFunction['bind'] {
  return (bargs) => {
    if (bargs.length < 2) throw new UnsupportedError(`an is_in_any_range call with ${bargs.length} argument(s)`);
    const ipText = textOf(bargs[0]!.type);
    const types = bargs.slice(1).map((x) => x.type);
    return (a) => {
      const ip = parse(ipText(a[0]!));
      if (!ip) return null;
      let hit = false;
      for (const r of listOf(types, a.slice(1))) {
        const range = parse(r);
        if (!range) return null;
        if (!hit && inRange(ip, range)) hit = true;
      }
      return hit;
    };
  };
}

function ipv4InRange(ip: Ipv4, range: Ipv4): boolean {
  // A subnet is in range only when it lies wholly inside it (our choice for an ip with a shorter prefix).
  return ip.prefix >= range.prefix && mask(ip.address, range.prefix) === mask(range.address, range.prefix);
}

function ipv6InRange(ip: Ipv6, range: Ipv6): boolean {
  return ip.prefix >= range.prefix && mask6(ip.address, range.prefix) === mask6(range.address, range.prefix);
}

// ---------------------------------------------------------------------------------------------

export const functions: ScalarFunction[] = [
  // ipv4_is_in_any_range(ip, ranges...): true when ip is in one of the ranges; null when any address does not parse.
  define('ipv4_is_in_any_range', 'ipv4-is-in-any-range-function', anyRange(parseIpv4Text, ipv4InRange)),
  define('ipv6_is_in_range', 'ipv6-is-in-range-function', (args) => {
    arity('ipv6_is_in_range', args, 2, 2);
    const x = textOf(args[0]!.type);
    const y = textOf(args[1]!.type);
    return (a) => {
      const ip = parseIpv6Text(x(a[0]!));
      const range = parseIpv6Text(y(a[1]!));
      return ip && range ? ipv6InRange(ip, range) : null;
    };
  }),
  define('ipv6_is_in_any_range', 'ipv6-is-in-any-range-function', anyRange(parseIpv6Text, ipv6InRange)),
  // parse_ipv6(ip): canonical IPv6 text of the masked address; "" when it does not parse (parse-ipv6-function).
  define('parse_ipv6', 'parse-ipv6-function', (args) => {
    arity('parse_ipv6', args, 1, 1);
    const x = textOf(args[0]!.type);
    return (a) => {
      const ip = parseIpv6Text(x(a[0]!));
      return ip ? formatIpv6(mask6(ip.address, ip.prefix)) : '';
    };
  }),
  define('parse_ipv6_mask', 'parse-ipv6-mask-function', (args) => {
    arity('parse_ipv6_mask', args, 2, 2);
    const x = textOf(args[0]!.type);
    return (a) => {
      const ip = parseIpv6Text(x(a[0]!));
      const p = prefixArg(args, 1, a, 128);
      if (!ip || p === null || p === undefined) return '';
      // The netmask argument counts IPv6 bits even for IPv4 text (parse-ipv6-mask-function:
      // '192.168.255.255', 120 gives ...:c0a8:ff00); only a /n suffix on IPv4 text counts IPv4 bits.
      return formatIpv6(mask6(ip.address, Math.min(ip.prefix, p)));
    };
  }),
  // parse_ipv4("192.168.1.1/24") = 3232235776: the masked address as a long; invalid → null.
  define('parse_ipv4', 'parse-ipv4-function', (args) => {
    arity('parse_ipv4', args, 1, 1);
    const ip = ip4(args, 0);
    return (a) => {
      const v = ip(a);
      return v ? BigInt(mask(v.address, v.prefix)) : null;
    };
  }),
  // parse_ipv4_mask(ip, prefix): like parse_ipv4 with the extra prefix (0..32, else null).
  define('parse_ipv4_mask', 'parse-ipv4-mask-function', (args) => {
    arity('parse_ipv4_mask', args, 2, 2);
    const ip = ip4(args, 0);
    return (a) => {
      const v = ip(a);
      const p = prefixArg(args, 1, a, 32);
      if (!v || p === null || p === undefined) return null;
      return BigInt(mask(v.address, Math.min(v.prefix, p)));
    };
  }),
  define('format_ipv4', 'format-ipv4-function', (args) => {
    arity('format_ipv4', args, 1, 2);
    const ip = ipFromStringOrNumber(args);
    return (a) => {
      const v = ip(a);
      const p = prefixArg(args, 1, a, 32);
      if (!v || p === null) return '';
      return formatIpv4(mask(v.address, Math.min(v.prefix, p ?? 32)));
    };
  }),
  define('format_ipv4_mask', 'format-ipv4-mask-function', (args) => {
    arity('format_ipv4_mask', args, 1, 2);
    const ip = ipFromStringOrNumber(args);
    return (a) => {
      const v = ip(a);
      const p = prefixArg(args, 1, a, 32);
      if (!v || p === null) return '';
      const bits = Math.min(v.prefix, p ?? 32);
      return `${formatIpv4(mask(v.address, bits))}/${bits}`;
    };
  }),
  define('ipv4_netmask_suffix', 'ipv4-netmask-suffix-function', (args, resultType) => {
    arity('ipv4_netmask_suffix', args, 1, 1);
    const ip = ip4(args, 0);
    return (a) => {
      const v = ip(a);
      return v ? (resultType === 'long' ? BigInt(v.prefix) : v.prefix) : null;
    };
  }),
  define('ipv4_compare', 'ipv4-compare-function', (args) => {
    arity('ipv4_compare', args, 2, 3);
    const x = ip4(args, 0);
    const y = ip4(args, 1);
    return (a) => {
      const r = compare4(args, a, x(a), y(a));
      return r === null ? null : BigInt(r);
    };
  }),
  define('ipv4_is_match', 'ipv4-is-match-function', (args) => {
    arity('ipv4_is_match', args, 2, 3);
    const x = ip4(args, 0);
    const y = ip4(args, 1);
    return (a) => {
      const r = compare4(args, a, x(a), y(a));
      return r === null ? null : r === 0;
    };
  }),
  // ipv4_is_in_range(ip, range): ip's network under range's prefix equals range's network.
  define('ipv4_is_in_range', 'ipv4-is-in-range-function', (args) => {
    arity('ipv4_is_in_range', args, 2, 2);
    const x = ip4(args, 0);
    const y = ip4(args, 1);
    return (a) => {
      const ip = x(a);
      const range = y(a);
      if (!ip || !range) return null;
      return ipv4InRange(ip, range);
    };
  }),
  // ipv4_is_private: inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918); a subnet
  // counts when it lies entirely inside one of them (our choice for short prefixes).
  define('ipv4_is_private', 'ipv4-is-private-function', (args) => {
    arity('ipv4_is_private', args, 1, 1);
    const x = ip4(args, 0);
    return (a) => {
      const ip = x(a);
      if (!ip) return null;
      return PRIVATE.some(([net, bits]) => ip.prefix >= bits && mask(ip.address, bits) === net);
    };
  }),
  // has_ipv4(source, ip): false when ip is not a valid IPv4 address (has-ipv4-function).
  define('has_ipv4', 'has-ipv4-function', (args) => {
    arity('has_ipv4', args, 2, 2);
    const source = textOf(args[0]!.type);
    const wanted = textOf(args[1]!.type);
    return (a) => {
      const w = wanted(a[1]!);
      const ip = parseIpv4Text(w);
      if (!ip || w.includes('/')) return false;
      return addressesIn(source(a[0]!), (addr) => addr === ip.address);
    };
  }),
  define('has_ipv4_prefix', 'has-ipv4-prefix-function', (args) => {
    arity('has_ipv4_prefix', args, 2, 2);
    const source = textOf(args[0]!.type);
    const wanted = textOf(args[1]!.type);
    return (a) => {
      const p = parsePrefix(wanted(a[1]!));
      if (!p) return false;
      return addressesIn(source(a[0]!), (addr) => matchesPrefix(addr, p));
    };
  }),
  hasAnyIpv4('has_any_ipv4', false),
  hasAnyIpv4('has_any_ipv4_prefix', true),
  define('ipv6_compare', 'ipv6-compare-function', (args) => {
    arity('ipv6_compare', args, 2, 3);
    return (a) => {
      const r = compare6(args, a);
      return r === null ? null : BigInt(r);
    };
  }),
  define('ipv6_is_match', 'ipv6-is-match-function', (args) => {
    arity('ipv6_is_match', args, 2, 3);
    return (a) => {
      const r = compare6(args, a);
      return r === null ? null : r === 0;
    };
  }),
];

/** format_ipv4's ip: "string or number representation in big-endian order" (format-ipv4-function). */
function ipFromStringOrNumber(args: readonly ArgInfo[]): (row: Value[]) => Ipv4 | null {
  const t = args[0]!.type;
  if (t === 'string' || t === 'dynamic') {
    const text = textOf(t);
    return (row) => parseIpv4Text(text(row[0]!));
  }
  return (row) => {
    const n = intOf(t, row[0]!);
    return n === null || n < 0 || n > 0xffffffff ? null : { address: n, prefix: 32 };
  };
}
