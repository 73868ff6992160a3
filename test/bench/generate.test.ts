// The benchmark data generator (bench/generate.ts): determinism and the shape of what it writes.
// Shapes are checked against the real samples' conventions described in
// /work/shared/research/cloudtrail-schema.md (sections 2.1-2.3 and 3.3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { generate, type GenerateResult } from '../../bench/generate.ts';
import { ConcurrentSessionDetector, DEA, HEALTH, SentinelReplayDetector, findingsKey, sentinelAlertsKey } from '../../bench/lib/detection.ts';

const OPTS = { records: 6000, seed: 'test-seed' };
const first = generate(OPTS);

interface R {
  eventVersion: string; eventTime: string; eventSource: string; eventName: string; awsRegion: string; sourceIPAddress: string; userAgent: string;
  eventID: string; requestID?: string; eventType: string; recipientAccountId: string; readOnly: boolean; managementEvent: boolean;
  errorCode?: string; requestParameters: unknown; responseElements: unknown;
  userIdentity: { type?: string; arn?: string; accountId?: string; invokedBy?: string; sessionContext?: { sessionIssuer?: { type?: string }; attributes?: { creationDate?: string } } };
}

function parse(res: GenerateResult): { path: string; records: R[] }[] {
  return res.files.map((f) => {
    const doc = JSON.parse(gunzipSync(f.gz).toString('utf8')) as { Records: R[] };
    assert.deepEqual(Object.keys(doc), ['Records'], f.path);
    return { path: f.path, records: doc.Records };
  });
}
const files = parse(first);
const all = files.flatMap((f) => f.records);

test('same seed and options give byte-identical files and manifest', () => {
  const again = generate(OPTS);
  assert.equal(again.files.length, first.files.length);
  for (let i = 0; i < first.files.length; i++) {
    assert.equal(again.files[i]!.path, first.files[i]!.path);
    assert.ok(again.files[i]!.gz.equals(first.files[i]!.gz), first.files[i]!.path);
  }
  assert.equal(JSON.stringify(again.manifest), JSON.stringify(first.manifest));
});

test('another seed gives another tree', () => {
  assert.notEqual(generate({ ...OPTS, seed: 'other' }).manifest.treeSha256, first.manifest.treeSha256);
});

test('exactly N records, all counted in the manifest', () => {
  assert.equal(all.length, OPTS.records);
  assert.equal(first.manifest.records, OPTS.records);
  assert.equal(first.manifest.files, first.files.length);
  assert.equal(new Set(all.map((r) => r.eventID)).size, all.length, 'eventIDs are unique');
});

test('S3 key layout and file contents match the stream and delivery time', () => {
  const re = /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z]{2}-[a-z]+-\d)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_[A-Za-z0-9]{16}\.json\.gz$/;
  for (const f of files) {
    const m = re.exec(f.path);
    assert.ok(m, f.path);
    const [, account, region, y, mo, d, y2, mo2, d2, hh, mm] = m;
    assert.equal(`${y}${mo}${d}`, `${y2}${mo2}${d2}`);
    assert.equal(Number(mm) % 5, 0);
    const delivery = Date.parse(`${y2}-${mo2}-${d2}T${hh}:${mm}:00Z`);
    assert.ok(f.records.length > 0 && f.records.length <= 2000, `${f.path}: ${f.records.length} records`);
    for (const r of f.records) {
      assert.equal(r.recipientAccountId, account);
      assert.equal(r.awsRegion, region);
      const t = Date.parse(r.eventTime);
      assert.ok(t < delivery && t >= delivery - 600_000, `${r.eventTime} delivered at ${f.path}`);
    }
  }
});

test('records have CloudTrail shapes', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  for (const r of all) {
    assert.match(r.eventVersion, /^1\.\d\d$/);
    assert.match(r.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(r.eventSource, /\.amazonaws\.com$/);
    assert.match(r.eventID, uuid);
    assert.equal(typeof r.readOnly, 'boolean');
    assert.equal(r.managementEvent, true);
    assert.ok(['AwsApiCall', 'AwsServiceEvent', 'AwsConsoleSignIn'].includes(r.eventType), r.eventType);
    assert.ok('requestParameters' in r && 'responseElements' in r);
    const u = r.userIdentity;
    if (r.eventType === 'AwsServiceEvent') {
      assert.equal(u.type, undefined, 'AwsServiceEvent identities have no type');
      assert.ok(u.invokedBy && u.accountId);
    } else if (u.type === 'AssumedRole') {
      assert.equal(u.sessionContext?.sessionIssuer?.type, 'Role');
      assert.match(u.arn!, /^arn:aws:sts::\d{12}:assumed-role\/[^/]+\/.+$/);
    } else if (u.type === 'AWSService') {
      assert.match(u.invokedBy!, /\.amazonaws\.com$/);
      assert.equal(r.sourceIPAddress, u.invokedBy);
    }
  }
  const types = new Set(all.map((r) => r.userIdentity.type ?? '(none)'));
  for (const t of ['IAMUser', 'AssumedRole', 'AWSService', 'Root', '(none)']) assert.ok(types.has(t), `identity type ${t} present`);
  assert.ok(new Set(all.map((r) => r.eventSource)).size >= 25, 'many services');
  assert.ok(new Set(all.map((r) => r.eventName)).size >= 100, 'many event names');
  const errors = all.filter((r) => r.errorCode).length / all.length;
  assert.ok(errors > 0.03 && errors < 0.15, `error share ${errors}`);
  assert.ok(all.some((r) => JSON.stringify(r.requestParameters).length > 3000), 'some large requestParameters');
});

test('console DescribeEventAggregates calls come with their health.amazonaws.com companion', () => {
  const dea = all.filter((r) => r.eventName === DEA);
  assert.ok(dea.length / all.length > 0.01, `DescribeEventAggregates share ${dea.length / all.length}`);
  const byRequest = new Map<string, R[]>();
  for (const r of dea) byRequest.set(r.requestID!, [...(byRequest.get(r.requestID!) ?? []), r]);
  let pairs = 0;
  for (const rs of byRequest.values()) {
    if (rs.length === 1) {
      // the non-console poller: an SDK call, no companion
      assert.notEqual(rs[0]!.sourceIPAddress, HEALTH);
      assert.equal(rs[0]!.userIdentity.type, 'AssumedRole');
      continue;
    }
    assert.equal(rs.length, 2);
    const companion = rs.find((r) => r.sourceIPAddress === HEALTH);
    const client = rs.find((r) => r.sourceIPAddress !== HEALTH);
    assert.ok(companion && client);
    assert.equal(companion.userIdentity.invokedBy, HEALTH);
    assert.ok([HEALTH, 'AWS Internal'].includes(companion.userAgent));
    assert.equal(client.userIdentity.invokedBy, undefined);
    assert.equal(companion.userIdentity.arn, client.userIdentity.arn);
    assert.equal(companion.eventTime, client.eventTime);
    assert.ok(['IAMUser', 'Root', 'AssumedRole'].includes(client.userIdentity.type!));
    pairs++;
  }
  assert.ok(pairs > 50);
});

test('manifest thefts and expected findings match the data', () => {
  const m = first.manifest;
  assert.equal(m.thefts.length, 2);
  const det = new ConcurrentSessionDetector();
  for (const r of all) det.add(r);
  const found = det.findings();
  assert.equal(findingsKey(found), findingsKey(m.expectedFindings));
  assert.equal(found.length, m.thefts.reduce((n, t) => n + t.bins.length, 0));
  const sentinel = new SentinelReplayDetector();
  for (const r of all) sentinel.add(r);
  const alerts = sentinel.alerts();
  assert.equal(sentinelAlertsKey(alerts), sentinelAlertsKey(m.expectedSentinelAlerts));
  assert.deepEqual(m.thefts.map((t) => t.variant).sort(), ['mid-session', 'session-start']);
  for (const t of m.thefts) {
    if (t.variant === 'session-start') assert.ok(t.sentinelRuns.length >= 1, 'Sentinel logic alerts when both IPs are new together');
    for (const run of t.sentinelRuns) assert.ok(alerts.some((a) => a.run === run && a.identity === t.identity && a.ips.includes(t.attackerIp)));
    assert.ok(t.bins.length >= 1 && t.bins.length <= 3);
    assert.notEqual(t.victimIp, t.attackerIp);
    for (const bin of t.bins) {
      const f = found.find((x) => x.identity === t.identity && x.bin === bin);
      assert.deepEqual(f?.ips, [t.attackerIp, t.victimIp].sort());
    }
  }
});
