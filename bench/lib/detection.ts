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

// ---- Sentinel mode ---------------------------------------------------------------------------------
//
// The seed rule's own window logic (/work/shared/seed/concurrent-sessions-from-different-ips.kql),
// replayed as a scheduled rule: query_frequency 5 m, query_period 10 m, threshold 1. Semantics follow
// /work/shared/research/kql-semantics.md §0.2 and §6.3 (start-aligned, sparse windows, End inclusive).
// Replay assumptions (the lead aligns them with trailhound's replay): a run at every epoch-aligned
// 5-minute boundary NOW, from the first boundary at or after the first event to the second boundary
// after the last one (so every event is seen by exactly two runs); a run sees the records with
// NOW - 10m < eventTime <= NOW (no ingestion delay).
// For one run:
//   _Events = per (Identity, sourceIPAddress) the earliest kept DescribeEventAggregates in the window;
//   windows [NOW-10m, NOW-5m), [NOW-5m, NOW) and [NOW, NOW] (rows at exactly NOW), per Identity:
//   count = _Events rows whose first sighting falls in the window; Previous = earliest window with rows,
//   Current = latest; keep Current start > NOW-10m; PreviousCount := 0 when Previous == Current;
//   alert when (PreviousCount <= 1 and CurrentCount > 1) or CurrentCount - PreviousCount > 1.
// An alert is reported as (run, identity, the identity's distinct IPs in _Events).

export interface SentinelAlert {
  /** NOW of the run, ISO. */
  run: string;
  identity: string;
  ips: string[];
}

export const SENTINEL_FREQUENCY = 300;
export const SENTINEL_PERIOD = 600;
const THRESHOLD = 1;

/** Accumulates the kept DescribeEventAggregates events, then replays the scheduled rule over them. */
export class SentinelReplayDetector {
  private readonly events: { identity: string; ip: string; t: number }[] = [];

  add(r: { eventName?: string; sourceIPAddress?: string; eventTime?: string; userIdentity?: IdentityFields | null }): void {
    if (r.eventName !== DEA) return;
    const ip = r.sourceIPAddress ?? '';
    if (ip.includes(HEALTH)) return;
    this.events.push({ identity: identityKey(r.userIdentity), ip, t: Date.parse(r.eventTime ?? '') / 1000 });
  }

  alerts(): SentinelAlert[] {
    const ev = this.events.sort((a, b) => a.t - b.t);
    if (ev.length === 0) return [];
    const out: SentinelAlert[] = [];
    const first = Math.ceil(ev[0]!.t / SENTINEL_FREQUENCY) * SENTINEL_FREQUENCY;
    const last = Math.floor(ev.at(-1)!.t / SENTINEL_FREQUENCY) * SENTINEL_FREQUENCY + SENTINEL_PERIOD;
    let lo = 0;
    let hi = 0;
    for (let now = first; now <= last; now += SENTINEL_FREQUENCY) {
      const start = now - SENTINEL_PERIOD;
      while (lo < ev.length && ev[lo]!.t <= start) lo++;
      while (hi < ev.length && ev[hi]!.t <= now) hi++;
      // _Events: earliest sighting per (identity, ip)
      const firstSeen = new Map<string, Map<string, number>>();
      for (let i = lo; i < hi; i++) {
        const e = ev[i]!;
        let ips = firstSeen.get(e.identity);
        if (!ips) firstSeen.set(e.identity, (ips = new Map()));
        const seen = ips.get(e.ip);
        if (seen === undefined || e.t < seen) ips.set(e.ip, e.t);
      }
      for (const [identity, ips] of firstSeen) {
        const counts = new Map<number, number>();
        for (const t of ips.values()) {
          const w = start + Math.floor((t - start) / SENTINEL_FREQUENCY) * SENTINEL_FREQUENCY;
          counts.set(w, (counts.get(w) ?? 0) + 1);
        }
        const ws = [...counts.keys()].sort((a, b) => a - b);
        const prevW = ws[0]!;
        const curW = ws.at(-1)!;
        if (!(curW > start)) continue;
        const cur = counts.get(curW)!;
        const prev = prevW === curW ? 0 : counts.get(prevW)!;
        if ((!(prev > THRESHOLD) && cur > THRESHOLD) || cur - prev > THRESHOLD) {
          out.push({ run: isoSeconds(now), identity, ips: [...ips.keys()].sort() });
        }
      }
    }
    return out.sort((a, b) => (a.run < b.run ? -1 : a.run > b.run ? 1 : a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0));
  }
}

export function sentinelAlertsKey(a: SentinelAlert[]): string {
  return a.map((x) => `${x.run}|${x.identity}|${[...x.ips].sort().join(',')}`).sort().join('\n');
}
