/**
 * The user's own address databases (`trailhound serve --ip-db FILE`): MaxMind DB files
 * (maxmind.github.io/MaxMind-DB/), such as MaxMind's GeoLite2-ASN and GeoLite2-Country or
 * DB-IP's IP to ASN Lite and IP to Country Lite in their MMDB form, read with the `maxmind`
 * package. The database's type (its metadata's `database_type`) says what it gives: one naming
 * "ASN" gives the AS number and organisation (`autonomous_system_number`,
 * `autonomous_system_organization`), one naming "Country" or "City" gives the country
 * (`country.iso_code`, else `registered_country.iso_code`).
 *
 * Opening reads the file and its metadata only (a few milliseconds): a file that is missing or
 * is not a MaxMind DB is refused when `serve` starts, naming it. A record that does not have
 * the expected shape gives nothing; a lookup never throws.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import type { Reader } from 'maxmind';

export type IpDbKind = 'asn' | 'country';

export interface UserIpDb {
  readonly kind: IpDbKind;
  readonly file: string;
  /** The metadata's `database_type`, e.g. `GeoLite2-ASN`. */
  readonly type: string;
  /** The build date (metadata `build_epoch`), ISO 8601. */
  readonly built: string;
  lookup(address: string): { asn?: number; org?: string; country?: string } | undefined;
}

export class IpDbError extends Error {}

const isCountry = (v: unknown): v is string => typeof v === 'string' && /^[A-Z]{2}$/.test(v);

/** Opens one `--ip-db` file; throws IpDbError with a message naming the file. */
export function openIpDb(file: string): UserIpDb {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new IpDbError(`--ip-db ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const { Reader } = createRequire(import.meta.url)('maxmind') as typeof import('maxmind');
  let reader: Reader<any>;
  try {
    reader = new Reader(bytes);
  } catch (e) {
    throw new IpDbError(`--ip-db ${file}: not a MaxMind DB file (${(e as Error).message})`);
  }
  const type = String(reader.metadata.databaseType ?? '');
  const kind: IpDbKind | undefined = /ASN/i.test(type) ? 'asn' : /Country|City/i.test(type) ? 'country' : undefined;
  if (!kind) throw new IpDbError(`--ip-db ${file}: its database type "${type.slice(0, 80)}" names neither ASN nor Country/City, so trailhound cannot tell what it gives`);
  const epoch = reader.metadata.buildEpoch.getTime();
  const get = (address: string): any => {
    try {
      return reader.get(address);
    } catch {
      return undefined; // a damaged file: no answer rather than a failed request
    }
  };
  return {
    kind,
    file: basename(file),
    type,
    built: Number.isFinite(epoch) ? new Date(epoch).toISOString().slice(0, 10) : '',
    lookup(address) {
      const r = get(address);
      if (!r || typeof r !== 'object') return undefined;
      if (kind === 'asn') {
        const asn = r.autonomous_system_number;
        const org = r.autonomous_system_organization;
        if (!Number.isInteger(asn) || asn < 0 || asn > 0xffffffff) return undefined;
        return typeof org === 'string' && org !== '' ? { asn, org: org.slice(0, 200) } : { asn };
      }
      const country = r.country?.iso_code ?? r.registered_country?.iso_code;
      return isCountry(country) ? { country } : undefined;
    },
  };
}
