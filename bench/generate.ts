// Benchmark data generator: a seeded, realistic AWS CloudTrail S3 tree of N records.
//
//   node --import tsx bench/generate.ts --records 200000 --out .bench-data/n200000-s1 --seed 1
//
// Output (DIR = --out):
//   DIR/AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<16 chars>.json.gz
//       gzip of compact `{"Records":[...]}`, like CloudTrail's S3 delivery;
//   DIR/manifest.json
//       options, counts, tree digest, the injected session thefts and the expected findings.
//
// What is in the tree (all of it derived from --seed; same seed + options -> byte-identical files):
// * Time: --start (default 2026-03-02T08:00:00Z) for B = round(N / --per-bucket) five-minute buckets
//   (default 4,000 records per bucket, so N = 200,000 spans 50 buckets = 4 h 10 min).
// * Delivery: one stream per (account, region) — 3 accounts, 1-3 regions each, global services and
//   AWS Health in us-east-1. Each stream's records of a 5-minute bucket go into the file stamped with the
//   end of the bucket; ~3 % arrive one bucket late (CloudTrail's delivery delay); a bucket's stream is
//   split into several files when larger than --max-per-file (default 2,000) and sometimes anyway,
//   giving files of tens to ~2,000 records, mostly a few hundred to a couple of thousand.
//   Records inside a file are unordered.
// * Background traffic (~95 %): CI users (IAMUser, AKIA keys, Terraform/CLI user agents), Lambda / EC2
//   (IMDSv2 `ec2RoleDelivery`) / ECS roles (AssumedRole with sessionContext.sessionIssuer), people via
//   IAM Identity Center on the CLI (AssumedRole `AWSReservedSSO_*`), AWS services acting themselves
//   (AWSService + invokedBy), and AwsServiceEvent records whose userIdentity has no `type`. 35 services,
//   ~170 event names (bench/lib/catalog.ts), ~6 % errors, requestParameters from nothing to ~15 KB
//   (policy documents, SSM scripts), RunInstances responses.
// * Console sessions (IAMUser, Root and SSO AssumedRole, each with sessionContext and
//   sessionCredentialFromConsole): a ConsoleLogin, some console API calls, and a DescribeEventAggregates
//   call every ~5 minutes (300-302 s) for the life of the session — each call twice, with the same
//   requestID: the client record (the user's IP, userAgent `AWS Internal` or a browser) and the
//   companion record (sourceIPAddress/userAgent/userIdentity.invokedBy = health.amazonaws.com, a new
//   ASIA key). 1.5-2 % of all records are DescribeEventAggregates
//   (the target is 2 %; identities that are busy cap the number of sessions). A few sessions show `AWS Internal` as
//   the client's sourceIPAddress (older console behaviour). Sessions of one identity never overlap
//   (>= 10 minutes apart), so benign data has one IP per identity per bin.
// * A Lambda role polls DescribeEventAggregates every 15 minutes without companions (non-console noise).
// * Session theft (--thefts, default max(2, round(N / 25,000))): in a console session, an attacker with
//   the same identity calls DescribeEventAggregates (with companion) from a second IP and browser, in the
//   same epoch-aligned 5-minute bin as one of the victim's calls, for 1-3 consecutive bins, and makes a
//   few API calls of their own. Half the thefts start in the session's first bin (`session-start`: both
//   IPs are new in the same window, which is what the Sentinel rule's window logic alerts on), the others
//   later (`mid-session`: the Splunk binning flags them, the Sentinel logic usually does not).
//   manifest.thefts lists identity, IPs, times, bins and Sentinel-mode runs; manifest.expectedFindings
//   (Splunk logic) and manifest.expectedSentinelAlerts (Sentinel mode) are the reference detections
//   (bench/lib/detection.ts) over the generated records — the generator fails if either contains
//   anything but the injected thefts.

import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { Rng } from './lib/prng.ts';
import {
  BROWSER_UAS, ERROR_MESSAGES, ERRORS_GENERIC, HUMANS, PERMISSION_SETS, SDK_UAS, SERVICE_CALLS, SERVICE_EVENTS, SERVICES, TLS,
  type Action, type Ctx, type Json, type Payload,
} from './lib/catalog.ts';
import {
  BIN_SECONDS, ConcurrentSessionDetector, DEA, HEALTH, SentinelReplayDetector, identityKey, isoSeconds,
  type Finding, type IdentityFields, type SentinelAlert,
} from './lib/detection.ts';

export const GENERATOR_VERSION = 3;

export interface GenerateOptions {
  records: number;
  seed: string;
  /** ISO-8601 UTC, aligned to 5 minutes. */
  start?: string;
  perBucket?: number;
  thefts?: number;
  maxPerFile?: number;
}

export interface Theft {
  /** `session-start`: the attacker's first call is in the victim session's first bin (both IPs are new
   *  together, which the Sentinel rule's window logic alerts on); `mid-session`: later in the session. */
  variant: 'session-start' | 'mid-session';
  identity: string;
  account: string;
  identityType: string;
  victimIp: string;
  attackerIp: string;
  sessionStart: string;
  /** eventTime of each attacker DescribeEventAggregates client record. */
  attackerTimes: string[];
  /** Bins (start, ISO) in which victim and attacker IP both call DescribeEventAggregates. */
  bins: string[];
  /** Runs (NOW, ISO) at which the Sentinel-mode replay alerts on this theft. */
  sentinelRuns: string[];
}

export interface Manifest {
  generator: string;
  version: number;
  options: Required<GenerateOptions>;
  start: string;
  end: string;
  buckets: number;
  files: number;
  records: number;
  rawBytes: number;
  gzipBytes: number;
  /** sha256 over every file's relative path and gzip bytes, in path order. */
  treeSha256: string;
  counts: Record<string, Record<string, number>>;
  recordBytes: { p50: number; p90: number; p99: number; max: number };
  consoleSessions: number;
  detection: string;
  thefts: Theft[];
  /** The reference detection (epoch 5-minute bins, Splunk logic) over the generated records. */
  expectedFindings: Finding[];
  /** The seed rule's window logic replayed every 5 minutes (bench/lib/detection.ts, Sentinel mode). */
  sentinelMode: string;
  expectedSentinelAlerts: SentinelAlert[];
}

export interface GeneratedFile {
  path: string;
  gz: Buffer;
}

type Rec = Record<string, Json>;

interface Actor {
  kind: 'ci' | 'lambda' | 'ec2' | 'ecs' | 'ssoCli';
  account: string;
  identity: () => Json;
  ip: () => string;
  ua: string;
  services?: string[];
  vpcEndpointId?: string;
}

interface ConsoleIdentity {
  account: string;
  type: 'IAMUser' | 'Root' | 'AssumedRole';
  key: string;
  /** userIdentity for a given session key / creation date / MFA flag. */
  make: (accessKeyId: string, creationDate: string, mfa: boolean) => Record<string, Json>;
  busy: [number, number][];
}

interface Session {
  who: ConsoleIdentity;
  ip: string;
  ua: string;
  deaUa: string;
  login: number;
  calls: number[];
  key: string;
  mfa: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DEFAULTS = { start: '2026-03-02T08:00:00Z', perBucket: 4000, maxPerFile: 2000 };
const PUBLIC_FIRST_OCTETS = [3, 13, 18, 34, 35, 44, 52, 54, 63, 72, 81, 89, 91, 104, 145, 151, 176, 185, 188, 203, 212];

function publicIp(rng: Rng): string {
  return `${rng.pick(PUBLIC_FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

function stamp(t: number): string {
  const d = new Date(t * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T${p(d.getUTCHours())}${p(d.getUTCMinutes())}Z`;
}

/** Build a record with CloudTrail's field order; undefined fields are left out. */
function record(f: {
  v: string; ui: Json; t: number; source: string; name: string; region: string; ip: string; ua: string;
  errorCode?: string; errorMessage?: string; p: Payload; requestID?: string; eventID: string; readOnly: boolean;
  eventType: string; recipient: string; sharedEventID?: string; vpcEndpointId?: string; serviceEventDetails?: Json;
  tls?: Json; console?: boolean;
}): Rec {
  const r: Rec = { eventVersion: f.v, userIdentity: f.ui, eventTime: isoSeconds(f.t), eventSource: f.source, eventName: f.name, awsRegion: f.region, sourceIPAddress: f.ip, userAgent: f.ua };
  if (f.errorCode) { r.errorCode = f.errorCode; r.errorMessage = f.errorMessage ?? ''; }
  r.requestParameters = f.p.requestParameters;
  r.responseElements = f.p.responseElements;
  if (f.p.additionalEventData !== undefined) r.additionalEventData = f.p.additionalEventData;
  if (f.requestID) r.requestID = f.requestID;
  r.eventID = f.eventID;
  r.readOnly = f.readOnly;
  if (f.p.resources) r.resources = f.p.resources;
  r.eventType = f.eventType;
  r.managementEvent = true;
  r.recipientAccountId = f.recipient;
  if (f.sharedEventID) r.sharedEventID = f.sharedEventID;
  if (f.vpcEndpointId) r.vpcEndpointId = f.vpcEndpointId;
  if (f.serviceEventDetails !== undefined) r.serviceEventDetails = f.serviceEventDetails;
  r.eventCategory = 'Management';
  if (f.tls) r.tlsDetails = f.tls;
  if (f.console) r.sessionCredentialFromConsole = 'true';
  return r;
}

class TreeGenerator {
  readonly opts: Required<GenerateOptions>;
  readonly start: number;
  readonly end: number;
  readonly buckets: number;
  readonly accounts: string[];
  readonly regionsOf = new Map<string, { regions: string[]; weights: number[] }>();
  readonly actors: Actor[] = [];
  readonly actorWeights: number[] = [];
  readonly consoleIds: ConsoleIdentity[] = [];
  /** Planned (session, theft, poller) records keyed by bucket index. */
  readonly planned = new Map<number, Rec[]>();
  plannedCount = 0;
  readonly pool = new Map<string, string[]>();
  sessions: Session[] = [];
  thefts: Theft[] = [];
  private readonly svcNames: string[];
  private readonly svcWeights: number[];

  constructor(opts: GenerateOptions) {
    const o: Required<GenerateOptions> = {
      records: opts.records,
      seed: opts.seed,
      start: opts.start ?? DEFAULTS.start,
      perBucket: opts.perBucket ?? DEFAULTS.perBucket,
      thefts: opts.thefts ?? Math.max(2, Math.round(opts.records / 25000)),
      maxPerFile: opts.maxPerFile ?? DEFAULTS.maxPerFile,
    };
    if (!Number.isInteger(o.records) || o.records < 1000) throw new Error(`--records must be an integer >= 1000, got ${opts.records}`);
    const start = Date.parse(o.start) / 1000;
    if (!Number.isFinite(start) || start % BIN_SECONDS !== 0) throw new Error(`--start must be an ISO time on a 5-minute boundary, got ${o.start}`);
    this.opts = o;
    this.start = start;
    this.buckets = Math.max(12, Math.round(o.records / o.perBucket));
    this.end = start + this.buckets * BIN_SECONDS;

    const rng = Rng.derive(o.seed, 'setup');
    this.accounts = Array.from({ length: 3 }, () => String(rng.int(100000000000, 999999999999)));
    const layout: [string[], number[]][] = [
      [['us-east-1', 'eu-west-1', 'us-west-2'], [0.55, 0.3, 0.15]],
      [['us-east-1', 'eu-central-1'], [0.7, 0.3]],
      [['us-east-1'], [1]],
    ];
    const acctWeights = [0.6, 0.3, 0.1];
    this.accounts.forEach((a, i) => {
      const [regions, weights] = layout[i]!;
      this.regionsOf.set(a, { regions, weights });
    });
    this.svcNames = Object.keys(SERVICES);
    this.svcWeights = this.svcNames.map((s) => SERVICES[s]!.weight);
    this.buildActors(rng, acctWeights);
    this.buildConsoleIdentities(rng);
  }

  // ---- identities ------------------------------------------------------------------------------

  private roleIdentity(rng: Rng, account: string, role: string, sessionName: () => string, extra?: Record<string, Json>): () => Json {
    const roleId = `AROA${rng.upperAlnum(17)}`;
    const created = this.start - rng.int(60, 6 * 3600);
    const key = `ASIA${rng.upperAlnum(16)}`;
    return () => {
      const s = sessionName();
      return {
        type: 'AssumedRole', principalId: `${roleId}:${s}`, arn: `arn:aws:sts::${account}:assumed-role/${role.split('/').pop()}/${s}`, accountId: account, accessKeyId: key,
        sessionContext: {
          sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${account}:role/${role}`, accountId: account, userName: role.split('/').pop()! },
          webIdFederationData: {}, attributes: { creationDate: isoSeconds(created), mfaAuthenticated: 'false' }, ...extra,
        },
      };
    };
  }

  private buildActors(rng: Rng, acctWeights: number[]): void {
    const add = (a: Actor, w: number) => { this.actors.push(a); this.actorWeights.push(w); };
    this.accounts.forEach((account, ai) => {
      const aw = acctWeights[ai]!;
      for (let i = 0; i < 4; i++) {
        const user = `${rng.pick(['ci', 'deploy', 'terraform', 'backup'])}-${rng.pick(['prod', 'infra', 'data', 'web'])}-${i}`;
        const ui = { type: 'IAMUser', principalId: `AIDA${rng.upperAlnum(17)}`, arn: `arn:aws:iam::${account}:user/${user}`, accountId: account, accessKeyId: `AKIA${rng.upperAlnum(16)}`, userName: user };
        const ip = publicIp(rng);
        add({ kind: 'ci', account, identity: () => ui, ip: () => ip, ua: SDK_UAS[i % 2]! }, aw * 6);
      }
      for (let i = 0; i < 12; i++) {
        const fn = `${rng.pick(['orders', 'billing', 'etl', 'thumbnail', 'notify', 'audit'])}-${rng.pick(['worker', 'handler', 'sync', 'api'])}-${i}`;
        const ips = Array.from({ length: 6 }, () => publicIp(rng));
        add({ kind: 'lambda', account, identity: this.roleIdentity(rng, account, `${fn}-role`, () => fn), ip: () => rng.pick(ips), ua: SDK_UAS[2 + (i % 2)]!, services: ['dynamodb', 'kms', 'logs', 's3', 'sqs', 'secretsmanager', 'ssm', 'sns'] }, aw * 2.2);
      }
      for (let i = 0; i < 10; i++) {
        const inst = `i-${rng.hex(17)}`;
        const ip = `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
        const vpce = rng.chance(0.4) ? `vpce-${rng.hex(17)}` : undefined;
        add({ kind: 'ec2', account, identity: this.roleIdentity(rng, account, `${rng.pick(['web', 'batch', 'ml'])}-ec2-role`, () => inst, { ec2RoleDelivery: '2.0' }), ip: () => ip, ua: SDK_UAS[5 + (i % 2)]!, ...(vpce ? { vpcEndpointId: vpce } : {}), services: ['ssm', 's3', 'ec2', 'logs', 'kms', 'monitoring', 'ecr'] }, aw * 1.6);
      }
      for (let i = 0; i < 6; i++) {
        const role = `${rng.pick(['api', 'ingest', 'report'])}-ecs-task-role`;
        const tasks = Array.from({ length: 4 }, () => rng.hex(32));
        const ips = Array.from({ length: 4 }, () => publicIp(rng));
        add({ kind: 'ecs', account, identity: this.roleIdentity(rng, account, role, () => rng.pick(tasks)), ip: () => rng.pick(ips), ua: SDK_UAS[4]!, services: ['dynamodb', 's3', 'sqs', 'kms', 'ecs', 'logs'] }, aw * 2);
      }
      for (let i = 0; i < 8; i++) {
        const who = `${HUMANS[(ai * 8 + i) % HUMANS.length]}@example.com`;
        const ps = `AWSReservedSSO_${rng.pick(PERMISSION_SETS)}_${rng.hex(16)}`;
        const ip = publicIp(rng);
        add({ kind: 'ssoCli', account, identity: this.roleIdentity(rng, account, `aws-reserved/sso.amazonaws.com/${ps}`, () => who), ip: () => ip, ua: SDK_UAS[1]! }, aw * 1.2);
      }
    });
  }

  private buildConsoleIdentities(rng: Rng): void {
    this.accounts.forEach((account, ai) => {
      const ctx = (creationDate: string, mfa: boolean): Json => ({ sessionIssuer: {}, webIdFederationData: {}, attributes: { creationDate, mfaAuthenticated: String(mfa) } });
      const nUsers = [6, 3, 2][ai]!;
      for (let i = 0; i < nUsers; i++) {
        const user = HUMANS[(ai * 7 + i * 3 + 1) % HUMANS.length]!;
        const pid = `AIDA${rng.upperAlnum(17)}`;
        const uiArn = `arn:aws:iam::${account}:user/${user}`;
        this.consoleIds.push({
          account, type: 'IAMUser', key: identityKey({ type: 'IAMUser', arn: uiArn, accountId: account }), busy: [],
          make: (k, cd, mfa) => ({ type: 'IAMUser', principalId: pid, arn: uiArn, accountId: account, accessKeyId: k, userName: user, sessionContext: ctx(cd, mfa) }),
        });
      }
      this.consoleIds.push({
        account, type: 'Root', key: `${account}:root`, busy: [],
        make: (k, cd, mfa) => ({ type: 'Root', principalId: account, arn: `arn:aws:iam::${account}:root`, accountId: account, accessKeyId: k, sessionContext: ctx(cd, mfa) }),
      });
      const nSso = [14, 8, 4][ai]!;
      for (let i = 0; i < nSso; i++) {
        const who = `${HUMANS[(ai * 11 + i) % HUMANS.length]}@example.com`;
        const ps = `AWSReservedSSO_${PERMISSION_SETS[(i + ai) % PERMISSION_SETS.length]}_${rng.hex(16)}`;
        const roleId = `AROA${rng.upperAlnum(17)}`;
        this.consoleIds.push({
          account, type: 'AssumedRole', key: `${account}:roleSessionName/${who}`, busy: [],
          make: (k, cd, mfa) => ({
            type: 'AssumedRole', principalId: `${roleId}:${who}`, arn: `arn:aws:sts::${account}:assumed-role/${ps}/${who}`, accountId: account, accessKeyId: k,
            sessionContext: {
              sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${account}:role/aws-reserved/sso.amazonaws.com/${ps}`, accountId: account, userName: ps },
              webIdFederationData: {}, attributes: { creationDate: cd, mfaAuthenticated: String(mfa) },
            },
          }),
        });
      }
    });
  }

  // ---- planned records: console sessions, thefts, the DEA poller -------------------------------------

  private plan(r: Rec, t: number): void {
    const b = Math.floor((t - this.start) / BIN_SECONDS);
    if (b < 0 || b >= this.buckets) return;
    let list = this.planned.get(b);
    if (!list) this.planned.set(b, (list = []));
    list.push(r);
    this.plannedCount++;
  }

  private tls(rng: Rng, host: string): Json {
    return { ...rng.pick(TLS), clientProvidedHostHeader: host };
  }

  private deaPair(rng: Rng, s: Session, t: number, ip: string, ua: string): void {
    const requestID = rng.uuid();
    const from = new Date((t - 7 * 86400) * 1000);
    const mon = MONTHS[from.getUTCMonth()]!;
    const hh = from.getUTCHours(), h12 = hh % 12 === 0 ? 12 : hh % 12;
    const tm = `${h12}:${String(from.getUTCMinutes()).padStart(2, '0')}:${String(from.getUTCSeconds()).padStart(2, '0')} ${hh < 12 ? 'AM' : 'PM'}`;
    const cats = rng.chance(0.2) ? { eventTypeCategories: ['scheduledChange'] } : {};
    const creation = isoSeconds(s.login);
    const base = { v: '1.09', t, source: HEALTH, name: DEA, region: 'us-east-1', readOnly: true, eventType: 'AwsApiCall', recipient: s.who.account, requestID, console: true };
    this.plan(record({
      ...base, ui: s.who.make(s.key, creation, s.mfa), ip, ua, eventID: rng.uuid(),
      p: { requestParameters: { aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open', 'upcoming'], startTimes: [{ from: `${mon} ${from.getUTCDate()}, ${from.getUTCFullYear()} ${tm}` }], ...cats } }, responseElements: null },
      tls: this.tls(rng, 'health.us-east-1.amazonaws.com'),
    }), t);
    this.plan(record({
      ...base, ui: { ...s.who.make(`ASIA${rng.upperAlnum(16)}`, creation, s.mfa), invokedBy: HEALTH }, ip: HEALTH, ua: rng.chance(0.5) ? 'AWS Internal' : HEALTH, eventID: rng.uuid(),
      p: { requestParameters: { filter: { startTimes: [{ from: `${mon} ${from.getUTCDate()}, ${from.getUTCFullYear()}, ${tm}` }], eventStatusCodes: ['open', 'upcoming'], ...cats }, aggregateField: 'eventTypeCategory' }, responseElements: null },
    }), t);
  }

  private consoleCall(rng: Rng, s: Session, t: number, ip: string, ua: string, pickAction?: Action): void {
    const a = pickAction ?? this.pickAction(rng);
    const region = SERVICES[this.serviceOf(a)]?.global ? 'us-east-1' : this.pickRegion(rng, s.who.account);
    const c: Ctx = { rng, pool: this.pool, account: s.who.account, region, t };
    this.plan(record({
      v: '1.09', ui: s.who.make(s.key, isoSeconds(s.login), s.mfa), t, source: a.source, name: a.name, region, ip, ua, p: a.shape(c, a.name, a.source),
      requestID: rng.uuid(), eventID: rng.uuid(), readOnly: a.readOnly, eventType: 'AwsApiCall', recipient: s.who.account, console: true,
      ...(rng.chance(0.04) ? { errorCode: 'AccessDenied', errorMessage: `User: ${(s.who.make('', '', false) as { arn: string }).arn} is not authorized to perform: ${a.source.split('.')[0]}:${a.name}` } : {}),
    }), t);
  }

  private planSessions(): void {
    const rng = Rng.derive(this.opts.seed, 'sessions');
    const targetDea = Math.max(40, Math.round(this.opts.records * 0.02));
    let dea = 0;
    let guard = 0;
    while (dea < targetDea && guard++ < 100000) {
      // The first session is always a root console session, so even small trees have one.
      const r = this.sessions.length === 0 ? 0 : rng.float();
      const pool = this.consoleIds.filter((c) => (r < 0.05 ? c.type === 'Root' : r < 0.4 ? c.type === 'IAMUser' : c.type === 'AssumedRole'));
      const who = rng.pick(pool);
      const login = this.start - 600 + rng.int(0, this.end - this.start);
      const duration = rng.int(15, 150) * 60;
      const free = who.busy.every(([a, b]) => login + duration + 600 < a || login > b + 600);
      if (!free) continue;
      who.busy.push([login, login + duration]);
      const calls: number[] = [];
      for (let t = login + rng.int(5, 12); t < login + duration; t += 300 + rng.int(0, 2)) if (t >= this.start && t < this.end) calls.push(t);
      const legacy = who.type !== 'AssumedRole' && rng.chance(0.05);
      const s: Session = {
        who, login, calls, mfa: rng.chance(0.7), key: `ASIA${rng.upperAlnum(16)}`,
        ip: legacy ? 'AWS Internal' : publicIp(rng), ua: rng.pick(BROWSER_UAS), deaUa: '',
      };
      s.deaUa = legacy || rng.chance(0.6) ? 'AWS Internal' : s.ua;
      this.sessions.push(s);
      if (login >= this.start) {
        // A sign-in carries no access key, and IAM users' and root's sign-ins no sessionContext.
        const { accessKeyId: _k, sessionContext, ...signIn } = who.make('', isoSeconds(login), s.mfa);
        this.plan(record({
          v: '1.09', ui: who.type === 'AssumedRole' ? { ...signIn, sessionContext } : signIn, t: login, source: 'signin.amazonaws.com', name: 'ConsoleLogin', region: 'us-east-1', ip: s.ip === 'AWS Internal' ? publicIp(rng) : s.ip, ua: s.ua,
          p: { requestParameters: null, responseElements: { ConsoleLogin: 'Success' }, additionalEventData: { LoginTo: 'https://console.aws.amazon.com/console/home?hashArgs=%23&isauthcode=true&state=hashArgsFromTB_us-east-1_' + rng.hex(16), MobileVersion: 'No', MFAUsed: s.mfa ? 'Yes' : 'No' } },
          eventID: rng.uuid(), readOnly: false, eventType: 'AwsConsoleSignIn', recipient: who.account, tls: this.tls(rng, 'signin.aws.amazon.com'),
        }), login);
      }
      for (const t of calls) { this.deaPair(rng, s, t, s.ip, s.deaUa); dea += 2; }
      const actions = Math.round((duration / 60) * rng.float() * 1.2);
      for (let i = 0; i < actions; i++) {
        const t = login + rng.int(0, duration);
        if (t >= this.start && t < this.end) this.consoleCall(rng, s, t, s.ip, rng.chance(0.5) ? 'AWS Internal' : s.ua);
      }
    }
  }

  private planThefts(): void {
    const rng = Rng.derive(this.opts.seed, 'thefts');
    const candidates = rng.shuffle(this.sessions.filter((s) => s.calls.length >= 4 && s.ip !== 'AWS Internal'));
    const startable = candidates.filter((s) => s.login >= this.start);
    const wantStart = Math.ceil(this.opts.thefts / 2);
    if (candidates.length < this.opts.thefts || startable.length < wantStart) {
      throw new Error(`only ${candidates.length} console sessions can host a theft, ${this.opts.thefts} requested: raise --records`);
    }
    const chosen = new Set(startable.slice(0, wantStart));
    for (const s of candidates) if (chosen.size < this.opts.thefts) chosen.add(s);
    const attackActions = [
      SERVICES.iam!.actions.find((a) => a.name === 'ListUsers')!, SERVICES.sts!.actions.find((a) => a.name === 'GetCallerIdentity')!,
      SERVICES.s3!.actions.find((a) => a.name === 'ListBuckets')!, SERVICES.iam!.actions.find((a) => a.name === 'CreateAccessKey')!,
      SERVICES.secretsmanager!.actions.find((a) => a.name === 'ListSecrets')!,
    ];
    let i = 0;
    for (const s of chosen) {
      const variant = i++ < wantStart ? 'session-start' : 'mid-session';
      const attackerIp = publicIp(rng);
      const ua = rng.pick(BROWSER_UAS.filter((u) => u !== s.ua));
      const k = variant === 'session-start' ? 0 : rng.int(1, s.calls.length - 3);
      const m = rng.int(1, 3);
      const times: number[] = [];
      for (let j = 0; j < m; j++) {
        const bin = Math.floor(s.calls[k + j]! / BIN_SECONDS) * BIN_SECONDS;
        const t = rng.int(bin, bin + BIN_SECONDS - 1);
        times.push(t);
        this.deaPair(rng, s, t, attackerIp, rng.chance(0.5) ? 'AWS Internal' : ua);
        for (let i = rng.int(1, 3); i > 0; i--) this.consoleCall(rng, s, Math.min(this.end - 1, t + rng.int(1, 240)), attackerIp, ua, rng.pick(attackActions));
      }
      this.thefts.push({
        variant, identity: s.who.key, account: s.who.account, identityType: s.who.type, victimIp: s.ip, attackerIp,
        sessionStart: isoSeconds(s.login), attackerTimes: times.map(isoSeconds), bins: [], sentinelRuns: [],
      });
    }
  }

  private planPoller(): void {
    const rng = Rng.derive(this.opts.seed, 'poller');
    const account = this.accounts[0]!;
    const ident = this.roleIdentity(rng, account, 'health-dashboard-sync-role', () => 'health-dashboard-sync');
    for (let t = this.start + 37; t < this.end; t += 900) {
      this.plan(record({
        v: '1.09', ui: ident(), t, source: HEALTH, name: DEA, region: 'us-east-1', ip: publicIp(rng), ua: SDK_UAS[2]!,
        p: { requestParameters: { aggregateField: 'eventTypeCategory', filter: { eventStatusCodes: ['open'] } }, responseElements: null },
        requestID: rng.uuid(), eventID: rng.uuid(), readOnly: true, eventType: 'AwsApiCall', recipient: account, tls: this.tls(rng, 'health.us-east-1.amazonaws.com'),
      }), t);
    }
  }

  // ---- background traffic ------------------------------------------------------------------------------

  private readonly serviceByAction = new Map<Action, string>(Object.entries(SERVICES).flatMap(([s, v]) => v.actions.map((a) => [a, s] as const)));

  private serviceOf(a: Action): string {
    return this.serviceByAction.get(a) ?? '';
  }

  private pickAction(rng: Rng, services?: string[]): Action {
    const svcs = services ?? this.svcNames;
    const s = services ? rng.pick(svcs) : rng.weighted(this.svcNames, this.svcWeights);
    const acts = SERVICES[s]!.actions;
    return rng.weighted(acts, acts.map((a) => a.weight));
  }

  private pickRegion(rng: Rng, account: string): string {
    const r = this.regionsOf.get(account)!;
    return rng.weighted(r.regions, r.weights);
  }

  private background(rng: Rng, t: number): Rec {
    const roll = rng.float();
    if (roll < 0.006) {
      const e = rng.pick(SERVICE_EVENTS);
      const account = rng.weighted(this.accounts, [0.6, 0.3, 0.1]);
      const region = this.pickRegion(rng, account);
      const c: Ctx = { rng, pool: this.pool, account, region, t };
      return record({
        v: '1.08', ui: { accountId: account, invokedBy: e.invokedBy }, t, source: e.source, name: e.name, region, ip: e.invokedBy, ua: e.invokedBy,
        p: { requestParameters: null, responseElements: null }, eventID: rng.uuid(), readOnly: false, eventType: 'AwsServiceEvent', recipient: account,
        sharedEventID: rng.chance(0.5) ? rng.uuid() : undefined, serviceEventDetails: e.details(c),
      });
    }
    if (roll < 0.07) {
      const sc = rng.pick(SERVICE_CALLS);
      const account = rng.weighted(this.accounts, [0.6, 0.3, 0.1]);
      const region = sc.source === 'sts.amazonaws.com' || sc.source === 's3.amazonaws.com' ? 'us-east-1' : this.pickRegion(rng, account);
      const c: Ctx = { rng, pool: this.pool, account, region, t };
      return record({
        v: '1.09', ui: { type: 'AWSService', invokedBy: sc.invokedBy }, t, source: sc.source, name: sc.name, region, ip: sc.invokedBy, ua: sc.invokedBy,
        p: sc.shape(c, sc.name, sc.source), requestID: rng.uuid(), eventID: rng.uuid(), readOnly: sc.readOnly, eventType: 'AwsApiCall', recipient: account,
        sharedEventID: rng.chance(0.3) ? rng.uuid() : undefined,
      });
    }
    const actor = rng.weighted(this.actors, this.actorWeights);
    const a = this.pickAction(rng, actor.services);
    const svc = this.serviceOf(a);
    const region = SERVICES[svc]!.global ? 'us-east-1' : this.pickRegion(rng, actor.account);
    const c: Ctx = { rng, pool: this.pool, account: actor.account, region, t };
    const ui = actor.identity();
    let errorCode: string | undefined;
    let errorMessage: string | undefined;
    if (rng.chance(a.errors ? 0.12 : 0.05)) {
      errorCode = a.errors && rng.chance(0.7) ? rng.pick(a.errors) : rng.pick(ERRORS_GENERIC);
      const tpl = ERROR_MESSAGES[errorCode];
      errorMessage = tpl
        ? tpl.replaceAll('{arn}', String((ui as { arn?: string }).arn)).replaceAll('{action}', `${a.source.split('.')[0]}:${a.name}`)
          .replace('{resource}', `arn:aws:${a.source.split('.')[0]}:${region}:${actor.account}:*`).replace('{blob}', rng.alnum(rng.int(300, 900)))
        : `${a.name} failed: ${errorCode}`;
    }
    const p = errorCode ? { requestParameters: a.shape(c, a.name, a.source).requestParameters, responseElements: null } : a.shape(c, a.name, a.source);
    return record({
      v: rng.chance(0.8) ? '1.09' : '1.10', ui, t, source: a.source, name: a.name, region, ip: actor.vpcEndpointId ? `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}` : actor.ip(), ua: actor.ua,
      errorCode, errorMessage, p, requestID: rng.uuid(), eventID: rng.uuid(), readOnly: a.readOnly, eventType: 'AwsApiCall', recipient: actor.account,
      vpcEndpointId: actor.vpcEndpointId, tls: rng.chance(0.85) ? this.tls(rng, `${a.source.replace('.amazonaws.com', '')}.${region}.amazonaws.com`) : undefined,
    });
  }

  // ---- output -------------------------------------------------------------------------------------------

  *files(stats: Stats): Generator<GeneratedFile> {
    this.planSessions();
    this.planThefts();
    this.planPoller();
    const background = this.opts.records - this.plannedCount;
    if (background < 0) throw new Error('internal: planned records exceed --records');
    const rng = Rng.derive(this.opts.seed, 'background');
    // Per-bucket volumes: a gentle ramp plus noise, summing exactly to `background`.
    const w = Array.from({ length: this.buckets }, (_, b) => 1 + 0.25 * Math.sin((b / this.buckets) * Math.PI) + 0.15 * rng.float());
    const wsum = w.reduce((x, y) => x + y, 0);
    const counts = w.map((x) => Math.floor((background * x) / wsum));
    for (let i = 0, rest = background - counts.reduce((x, y) => x + y, 0); rest > 0; i = (i + 1) % this.buckets, rest--) counts[i]!++;

    let late = new Map<string, Rec[]>();
    for (let b = 0; b <= this.buckets; b++) {
      const byStream = late;
      late = new Map();
      if (b < this.buckets) {
        const recs = this.planned.get(b) ?? [];
        // written below and never needed again: without this the Map keeps every record alive
        this.planned.delete(b);
        const t0 = this.start + b * BIN_SECONDS;
        for (let i = 0; i < counts[b]!; i++) recs.push(this.background(rng, t0 + rng.int(0, BIN_SECONDS - 1)));
        for (const r of recs) {
          const key = `${r.recipientAccountId as string}/${r.awsRegion as string}`;
          const target = rng.chance(0.03) && b + 1 < this.buckets ? late : byStream;
          let list = target.get(key);
          if (!list) target.set(key, (list = []));
          list.push(r);
        }
      }
      const delivery = this.start + (b + 1) * BIN_SECONDS;
      for (const key of [...byStream.keys()].sort()) {
        const recs = rng.shuffle(byStream.get(key)!);
        const [account, region] = key.split('/') as [string, string];
        let parts = Math.ceil(recs.length / this.opts.maxPerFile);
        if (recs.length >= 400 && rng.chance(0.25)) parts++;
        const d = new Date(delivery * 1000);
        const dir = `AWSLogs/${account}/CloudTrail/${region}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
        for (let p = 0; p < parts; p++) {
          const slice = recs.slice(Math.floor((p * recs.length) / parts), Math.floor(((p + 1) * recs.length) / parts));
          if (slice.length === 0) continue;
          const json = JSON.stringify({ Records: slice });
          stats.observe(slice, json.length);
          yield { path: `${dir}/${account}_CloudTrail_${region}_${stamp(delivery)}_${rng.alnum(16)}.json.gz`, gz: gzipSync(json, { level: 6 }) };
        }
      }
    }
  }
}

class Stats {
  records = 0;
  rawBytes = 0;
  counts: Record<string, Record<string, number>> = { identityType: {}, eventType: {}, eventSource: {}, errorCode: {}, awsRegion: {}, special: {} };
  sizes: number[] = [];
  detector = new ConcurrentSessionDetector();
  sentinel = new SentinelReplayDetector();
  private readonly eventNames = new Set<string>();

  private bump(group: string, key: string): void {
    const g = this.counts[group]!;
    g[key] = (g[key] ?? 0) + 1;
  }

  observe(recs: Rec[], bytes: number): void {
    this.rawBytes += bytes;
    for (const r of recs) {
      this.records++;
      const ui = r.userIdentity as IdentityFields;
      this.bump('identityType', ui.type ?? '(none)');
      this.bump('eventType', r.eventType as string);
      this.bump('eventSource', r.eventSource as string);
      this.bump('awsRegion', r.awsRegion as string);
      if (r.errorCode) this.bump('errorCode', r.errorCode as string);
      this.eventNames.add(r.eventName as string);
      if (r.eventName === DEA) {
        this.bump('special', r.sourceIPAddress === HEALTH ? 'describeEventAggregatesHealthCompanion' : 'describeEventAggregatesClient');
      }
      if (this.records % 7 === 0) this.sizes.push(JSON.stringify(r).length);
      this.detector.add(r as never);
      this.sentinel.add(r as never);
    }
    this.counts.special!.distinctEventNames = this.eventNames.size;
  }
}

export interface GenerateResult {
  manifest: Manifest;
  files: GeneratedFile[];
}

/** Generate the tree in memory and return each file's gzip bytes plus the manifest. */
export function generate(opts: GenerateOptions, sink?: (f: GeneratedFile) => void): GenerateResult {
  const g = new TreeGenerator(opts);
  const stats = new Stats();
  const files: GeneratedFile[] = [];
  const hash = createHash('sha256');
  let gzipBytes = 0;
  let n = 0;
  const all: { path: string; digest: string }[] = [];
  for (const f of g.files(stats)) {
    n++;
    gzipBytes += f.gz.length;
    all.push({ path: f.path, digest: createHash('sha256').update(f.gz).digest('hex') });
    if (sink) sink(f);
    else files.push(f);
  }
  for (const x of all.sort((a, b) => (a.path < b.path ? -1 : 1))) hash.update(`${x.path}\n${x.digest}\n`);
  if (stats.records !== g.opts.records) throw new Error(`internal: wrote ${stats.records} records, expected ${g.opts.records}`);

  const findings = stats.detector.findings();
  for (const th of g.thefts) th.bins = findings.filter((f) => f.identity === th.identity && f.ips.includes(th.attackerIp)).map((f) => f.bin);
  const explained = g.thefts.reduce((x, th) => x + th.bins.length, 0);
  if (explained !== findings.length || g.thefts.some((th) => th.bins.length === 0)) {
    throw new Error(`internal: expected findings (${findings.length}) do not match the injected thefts (${explained} bins)`);
  }
  const alerts = stats.sentinel.alerts();
  for (const th of g.thefts) th.sentinelRuns = alerts.filter((a) => a.identity === th.identity && a.ips.includes(th.attackerIp)).map((a) => a.run);
  const explainedAlerts = g.thefts.reduce((x, th) => x + th.sentinelRuns.length, 0);
  if (explainedAlerts !== alerts.length || g.thefts.some((th) => th.variant === 'session-start' && th.sentinelRuns.length === 0)) {
    throw new Error(`internal: Sentinel-mode alerts (${alerts.length}) do not match the injected thefts (${explainedAlerts})`);
  }
  const sizes = stats.sizes.sort((a, b) => a - b);
  const q = (p: number) => sizes[Math.min(sizes.length - 1, Math.floor(p * sizes.length))] ?? 0;
  const manifest: Manifest = {
    generator: 'trailhound bench/generate.ts',
    version: GENERATOR_VERSION,
    options: g.opts,
    start: isoSeconds(g.start),
    end: isoSeconds(g.end),
    buckets: g.buckets,
    files: n,
    records: stats.records,
    rawBytes: stats.rawBytes,
    gzipBytes,
    treeSha256: hash.digest('hex'),
    counts: stats.counts,
    recordBytes: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: sizes.at(-1) ?? 0 },
    consoleSessions: g.sessions.length,
    detection:
      'DescribeEventAggregates, sourceIPAddress not containing health.amazonaws.com, identity = AWSIdentityRole-style key (bench/lib/detection.ts), ' +
      'epoch-aligned 5-minute bins, more than one distinct sourceIPAddress',
    thefts: g.thefts,
    expectedFindings: findings,
    sentinelMode:
      'seed rule window logic (activity_counts_metrics, 10 m period, 5 m frequency, threshold 1) replayed at every epoch-aligned ' +
      '5-minute NOW, each run seeing NOW-10m < eventTime <= NOW, no ingestion delay (bench/lib/detection.ts)',
    expectedSentinelAlerts: alerts,
  };
  return { manifest, files };
}

/** Write the tree and DIR/manifest.json; any previous DIR/AWSLogs is removed first. */
export function writeTree(opts: GenerateOptions, out: string): Manifest {
  rmSync(join(out, 'AWSLogs'), { recursive: true, force: true });
  rmSync(join(out, 'manifest.json'), { force: true });
  const made = new Set<string>();
  const { manifest } = generate(opts, (f) => {
    const p = join(out, f.path);
    const d = dirname(p);
    if (!made.has(d)) { mkdirSync(d, { recursive: true }); made.add(d); }
    writeFileSync(p, f.gz);
  });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** `--name value` / `--name=value` options; `flag` options take no value and read as `true`. */
export function parseArgs(argv: string[], spec: Record<string, 'string' | 'number' | 'flag'>): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m || !(m[1]! in spec)) throw new Error(`unknown argument ${a}; expected ${Object.keys(spec).map((k) => `--${k}`).join(', ')}`);
    if (spec[m[1]!] === 'flag') {
      out[m[1]!] = true;
      continue;
    }
    const v = m[2] ?? argv[++i];
    if (v === undefined) throw new Error(`--${m[1]} needs a value`);
    if (spec[m[1]!] === 'number') {
      const n = Number(v.replaceAll('_', ''));
      if (!Number.isFinite(n)) throw new Error(`--${m[1]} must be a number, got ${v}`);
      out[m[1]!] = n;
    } else out[m[1]!] = v;
  }
  return out;
}

function main(): void {
  const a = parseArgs(process.argv.slice(2), { records: 'number', out: 'string', seed: 'string', start: 'string', 'per-bucket': 'number', thefts: 'number', 'max-per-file': 'number' });
  if (a.records === undefined || a.out === undefined) throw new Error('usage: node --import tsx bench/generate.ts --records N --out DIR [--seed S] [--start ISO] [--per-bucket N] [--thefts K] [--max-per-file N]');
  const t0 = performance.now();
  const m = writeTree({
    records: a.records as number, seed: String(a.seed ?? '1'),
    ...(a.start !== undefined ? { start: String(a.start) } : {}),
    ...(a['per-bucket'] !== undefined ? { perBucket: a['per-bucket'] as number } : {}),
    ...(a.thefts !== undefined ? { thefts: a.thefts as number } : {}),
    ...(a['max-per-file'] !== undefined ? { maxPerFile: a['max-per-file'] as number } : {}),
  }, String(a.out));
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${m.records} records in ${m.files} files (${(m.rawBytes / 1e6).toFixed(1)} MB JSON, ${(m.gzipBytes / 1e6).toFixed(1)} MB gzip), ` +
    `${m.start} .. ${m.end}, ${m.thefts.length} thefts, ${m.expectedFindings.length} expected findings -> ${a.out} (${s} s)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try { main(); } catch (e) { console.error(`generate: ${(e as Error).message}`); process.exit(1); }
}
