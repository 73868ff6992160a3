import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertsFromJsonl, SEED_RULE_ID } from '../../bench/lib/trailhound-alerts.ts';
import { sentinelAlertsKey } from '../../bench/lib/detection.ts';

test('trailhound detect JSON Lines -> Sentinel-mode alerts: one per (run, identity), its distinct IPs, other rules ignored', () => {
  const row = (Identity: string, SourceIpAddress: string) => ({ Identity, SourceIpAddress, TimeGenerated: '2026-03-02T08:41:09Z' });
  const lines = [
    { ruleId: SEED_RULE_ID, now: '2026-03-02T08:45:00Z', rows: [row('a:user/x', '10.0.0.2'), row('a:user/x', '10.0.0.1'), row('b:root', '10.0.0.3'), row('b:root', '10.0.0.4')] },
    { ruleId: 'another-rule', now: '2026-03-02T08:45:00Z', rows: [row('c:user/y', '10.0.0.9')] },
    { ruleId: SEED_RULE_ID, now: '2026-03-02T08:50:00Z', rows: [row('a:user/x', '10.0.0.1'), row('a:user/x', '10.0.0.1')] },
  ];
  const got = alertsFromJsonl(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.deepEqual(got, [
    { run: '2026-03-02T08:45:00Z', identity: 'a:user/x', ips: ['10.0.0.1', '10.0.0.2'] },
    { run: '2026-03-02T08:45:00Z', identity: 'b:root', ips: ['10.0.0.3', '10.0.0.4'] },
    { run: '2026-03-02T08:50:00Z', identity: 'a:user/x', ips: ['10.0.0.1'] },
  ]);
  assert.equal(sentinelAlertsKey(got).split('\n').length, 3);
  assert.deepEqual(alertsFromJsonl(''), []);
});
