/**
 * A source address as the explorer reads it: the KQL engine's IPv4 and IPv6 parsers
 * (src/kql/functions/network.ts, the authority on what Kusto's ip functions accept), with the
 * stricter reading a label needs, since the text comes from a log record:
 *
 * - a prefix (`/n`) is a network, not an address: refused;
 * - a decimal octet with a leading zero (`010.1.1.1`) is refused: some parsers read it as octal
 *   (inet_aton), so no single address is meant (Kusto's parser reads it as decimal 10);
 * - an IPv6 zone id (`fe80::1%eth0`, RFC 4007 §11, RFC 6874) names a local interface: it is
 *   dropped and the address kept;
 * - `::a.b.c.d` is the IPv4-compatible IPv6 address of RFC 4291 §2.5.5.1 (deprecated), as the
 *   RFC writes it; Kusto's parser reads that text as the IPv4-mapped ::ffff:a.b.c.d (its
 *   parse_ipv6_mask example), right for KQL's functions and wrong for naming an address.
 */
import { formatIpv4, parseIpv4Text, parseIpv6Text } from '../kql/functions/network.ts';

export type Address = { readonly version: 4; readonly value: number } | { readonly version: 6; readonly value: bigint };

const DOTTED_TAIL = /(?:^|:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/;
const ZONE = /^([^%]*:[^%]*)%[0-9A-Za-z._~-]{1,32}$/;
const COMPATIBLE = /^::(\d+\.\d+\.\d+\.\d+)$/;

/** Whether a dotted-decimal tail (if any) has an octet written with a leading zero. */
function leadingZero(text: string): boolean {
  const m = DOTTED_TAIL.exec(text);
  return m !== null && m.slice(1).some((o) => o.length > 1 && o.startsWith('0'));
}

/** The address a text names, or undefined when it is not one well-formed address. */
export function parseAddress(text: string): Address | undefined {
  if (text.includes('/') || leadingZero(text)) return undefined;
  const v4 = parseIpv4Text(text);
  if (v4) return { version: 4, value: v4.address };
  const body = text.includes('%') ? ZONE.exec(text)?.[1] : text;
  if (body === undefined || leadingZero(body)) return undefined;
  const compatible = COMPATIBLE.exec(body);
  if (compatible) {
    const tail = parseIpv4Text(compatible[1]!);
    return tail ? { version: 6, value: BigInt(tail.address) } : undefined;
  }
  const v6 = parseIpv6Text(body);
  return v6 && !v6.fromIpv4 ? { version: 6, value: v6.address } : undefined;
}

/** Text a MaxMind reader parses: dotted IPv4 (the engine's formatter), or IPv6 as eight unpadded hex groups. */
export function addressText(a: Address): string {
  if (a.version === 4) return formatIpv4(a.value);
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((a.value >> s) & 0xffffn).toString(16));
  return groups.join(':');
}
