// `trailhound detect --format jsonl` output -> the bench's Sentinel-mode alerts ({run, identity, ips}),
// so trailhound's replay of the seed rule is compared with the manifest's `expectedSentinelAlerts`.
//
// One JSON line per alert. The seed rule's alert rows carry `Identity` and `SourceIpAddress`
// (arg_min per (Identity, IP), joined back on the identities that alert); the bench's alert is one
// (run, identity) with the identity's distinct IPs, so rows are grouped by Identity. `run` is the
// alert's `now` (with `--delay 0m`, the scheduled time: the manifest assumes no ingestion delay).
import type { SentinelAlert } from './detection.ts';

export const SEED_RULE_ID = '3c6e6f1b-7a52-4c1e-9d0a-5f0e2b9c8a11';

interface AlertLine {
  ruleId?: string;
  now?: string;
  scheduledTime?: string;
  rows?: { Identity?: unknown; SourceIpAddress?: unknown }[];
}

export function alertsFromJsonl(text: string, ruleId = SEED_RULE_ID): SentinelAlert[] {
  const byKey = new Map<string, SentinelAlert>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const a = JSON.parse(line) as AlertLine;
    if (a.ruleId !== ruleId) continue;
    const run = a.now ?? a.scheduledTime;
    if (typeof run !== 'string') throw new Error(`alert without a run time: ${line.slice(0, 120)}`);
    for (const r of a.rows ?? []) {
      const identity = String(r.Identity ?? '');
      const key = `${run}|${identity}`;
      let al = byKey.get(key);
      if (!al) byKey.set(key, (al = { run: run.replace(/\.0+Z$/, 'Z'), identity, ips: [] }));
      const ip = String(r.SourceIpAddress ?? '');
      if (!al.ips.includes(ip)) al.ips.push(ip);
    }
  }
  return [...byKey.values()].map((a) => ({ ...a, ips: a.ips.sort() }));
}
