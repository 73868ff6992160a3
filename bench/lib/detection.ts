// The reference "concurrent console sessions from different IPs" detection used by the benchmark,
// in plain TypeScript. The generator uses it to write the expected findings into its manifest; the
// naive Node baseline runs it too; the DuckDB and chDB baselines run the same logic in SQL
// (bench/baselines/sql.ts) and all of them are compared finding by finding.
//
// Logic (the Splunk form of the seed rule, 5-minute bins aligned to the Unix epoch):
//   1. keep records whose eventName is `DescribeEventAggregates`;
//   2. drop records whose sourceIPAddress contains `health.amazonaws.com` (the service-side companion
//      record the console writes for every call; KQL: `not(SourceIpAddress has "health.amazonaws.com")`);
//   3. identity = the normalised user key below;
//   4. bin = floor(eventTime / 5 min) * 5 min;
//   5. a finding is an (identity, bin) with more than one distinct sourceIPAddress.
//
// Normalised user key = the `Identity` column of the AWSIdentityRole spec
// (/work/shared/specs/aws-identity-role.md, section 3) without an account-name watchlist, restricted to
// the identity types that call DescribeEventAggregates in our data; `tail(x)` = text after the last `:`:
//   Root                                      -> accountId + ':' + tail(arn)                  e.g. 111122223333:root
//   IAMUser                                   -> accountId + ':' + (tail(arn) or 'user/'+userName)  e.g. 111122223333:user/bob
//   AssumedRole, sessionIssuer.type '' / Role -> accountId + ':roleSessionName/' + tail(principalId)
//   AWSService                                -> invokedBy
//   no type (AwsServiceEvent records)         -> invokedBy (the spec's fallback to a sessionId inside
//                                                requestParameters is left out: no DescribeEventAggregates has it)
//   anything else                             -> 'UnexpectedUserIdentityType:' + tail(principalId)
// So an SSO user keeps one key across permission sets (role names), like the Sentinel rule.

export const DEA = 'DescribeEventAggregates';
export const HEALTH = 'health.amazonaws.com';
export const BIN_SECONDS = 300;

export interface IdentityFields {
  type?: string;
  principalId?: string;
  arn?: string;
  accountId?: string;
  userName?: string;
  invokedBy?: string;
  sessionContext?: { sessionIssuer?: { type?: string } };
}

function tail(x: string | undefined): string {
  if (!x) return '';
  const i = x.lastIndexOf(':');
  return i < 0 ? '' : x.slice(i + 1);
}

export function identityKey(u: IdentityFields | undefined | null): string {
  const id = u ?? {};
  const acct = id.accountId ?? '';
  switch (id.type ?? '') {
    case 'Root':
      return `${acct}:${tail(id.arn)}`;
    case 'IAMUser':
      return `${acct}:${tail(id.arn) || (id.userName ? `user/${id.userName}` : '')}`;
    case 'AssumedRole': {
      const issuer = id.sessionContext?.sessionIssuer?.type ?? '';
      if (issuer === '' || issuer === 'Role') return `${acct}:roleSessionName/${tail(id.principalId)}`;
      return `UnexpectedUserIdentityType:${tail(id.principalId)}`;
    }
    case 'AWSService':
    case '':
      return id.invokedBy ?? '';
    default:
      return `UnexpectedUserIdentityType:${tail(id.principalId)}`;
  }
}

export interface Finding {
  identity: string;
  /** Bin start, ISO-8601 UTC with second precision (`2026-03-02T08:05:00Z`). */
  bin: string;
  /** Distinct source IPs in the bin, sorted. */
  ips: string[];
}

export function isoSeconds(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Streaming accumulator: feed records one by one, then `findings()`. */
export class ConcurrentSessionDetector {
  private readonly groups = new Map<string, Set<string>>();

  add(r: { eventName?: string; sourceIPAddress?: string; eventTime?: string; userIdentity?: IdentityFields | null }): void {
    if (r.eventName !== DEA) return;
    const ip = r.sourceIPAddress ?? '';
    if (ip.includes(HEALTH)) return;
    const t = Date.parse(r.eventTime ?? '') / 1000;
    const bin = Math.floor(t / BIN_SECONDS) * BIN_SECONDS;
    const key = `${identityKey(r.userIdentity)}\u0000${bin}`;
    let ips = this.groups.get(key);
    if (!ips) this.groups.set(key, (ips = new Set()));
    ips.add(ip);
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    for (const [key, ips] of this.groups) {
      if (ips.size <= 1) continue;
      const [identity, bin] = key.split('\u0000') as [string, string];
      out.push({ identity, bin: isoSeconds(Number(bin)), ips: [...ips].sort() });
    }
    return sortFindings(out);
  }
}

export function sortFindings(f: Finding[]): Finding[] {
  return f.sort((a, b) => (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : a.bin < b.bin ? -1 : a.bin > b.bin ? 1 : 0));
}

/** Canonical text of a finding list, for equality checks between tools. */
export function findingsKey(f: Finding[]): string {
  return sortFindings(f.map((x) => ({ ...x, ips: [...x.ips].sort() })))
    .map((x) => `${x.identity}|${x.bin}|${x.ips.join(',')}`)
    .join('\n');
}
