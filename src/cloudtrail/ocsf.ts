/**
 * Amazon Security Lake OCSF events mapped back to the raw CloudTrail record they came from, so an
 * OCSF row and that record give the same AWSCloudTrail row for every column OCSF carries.
 *
 * Security Lake files CloudTrail under three classes, chosen per event (eventName/eventSource):
 * Account Change (3001), Authentication (3002) and API Activity (3005 in OCSF 1.0.0-rc.2, 6003 in
 * 1.1.0). The two source versions map the same CloudTrail fields to different places, so the
 * version is read first (`metadata.version`, else the shape). The field tables are the published
 * ones, github.com/ocsf/examples `mappings/markdown/AWS/v1.0.0-rc.2/CloudTrail/*` and
 * `mappings/markdown/AWS/v1.1.0/CloudTrail/*` (the table per field is in docs/cloudtrail.md,
 * "Security Lake (OCSF)"). Fields neither table maps are kept under `unmapped` (a map of strings,
 * keys dotted paths such as `userIdentity.sessionContext.sessionIssuer.userName`) and are put back
 * where CloudTrail had them.
 *
 * A lake holds other sources too (VPC Flow, Route 53, Security Hub, EKS audit, WAF): those rows
 * are told apart by `metadata.product.name` and `class_uid` (`ocsfSource`) and never mapped.
 */
import type { RawRecord } from './mapping.ts';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function get(o: unknown, ...keys: string[]): unknown {
  let v = o;
  for (const k of keys) {
    if (v instanceof Map) v = v.get(k);
    else if (isObj(v)) v = v[k];
    else return undefined;
  }
  return v;
}

/** Parquet MAP columns may arrive as Map, as [{key, value}] lists or as plain objects. */
function asObject(v: unknown): Obj | undefined {
  if (v instanceof Map) return Object.fromEntries(v);
  if (Array.isArray(v) && v.every((e) => isObj(e) && 'key' in e)) {
    return Object.fromEntries(v.map((e) => [String((e as Obj).key), (e as Obj).value]));
  }
  return isObj(v) ? v : undefined;
}

/** Rows written with dotted column names ("api.operation") become nested objects. */
export function unflatten(row: Obj): Obj {
  // a for-in, not Object.keys: this runs once per Parquet row, and an array per row is garbage
  let dotted = false;
  for (const k in row) {
    if (k.includes('.')) {
      dotted = true;
      break;
    }
  }
  if (!dotted) return row;
  const out: Obj = {};
  for (const [k, v] of Object.entries(row)) {
    const parts = k.split('.');
    let o = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      if (!isObj(o[p])) o[p] = {};
      o = o[p] as Obj;
    }
    o[parts[parts.length - 1]!] = v;
  }
  return out;
}

export function isOcsf(o: Obj): boolean {
  return 'class_uid' in o || (('api' in o || 'api.operation' in o) && ('metadata' in o || 'metadata.uid' in o));
}

/** The classes Security Lake files CloudTrail events under (both source versions). */
export const CLOUDTRAIL_CLASSES: ReadonlyMap<number, string> = new Map([
  [3001, 'Account Change'],
  [3002, 'Authentication'],
  [3005, 'API Activity'], // OCSF 1.0.0-rc.2
  [6003, 'API Activity'],
]);

const CLASS_NAMES: ReadonlyMap<number, string> = new Map([
  [2001, 'Security Finding'], [2003, 'Compliance Finding'], [2004, 'Detection Finding'],
  [4001, 'Network Activity'], [4002, 'HTTP Activity'], [4003, 'DNS Activity'],
  ...CLOUDTRAIL_CLASSES,
]);

function classUid(e: Obj): number | undefined {
  const c = get(e, 'class_uid') ?? e['class_uid'];
  if (typeof c === 'number' || typeof c === 'bigint') return Number(c);
  if (typeof c === 'string' && /^\d+$/.test(c)) return Number(c);
  return undefined;
}

function productName(e: Obj): string | undefined {
  const p = get(e, 'metadata', 'product', 'name') ?? e['metadata.product.name'];
  return typeof p === 'string' ? p : undefined;
}

/**
 * null when the OCSF event is a CloudTrail event; else what it is, for the skip message
 * ("Network Activity (class 4001) from Amazon VPC"). The product decides when it is there (EKS
 * audit logs are API Activity 6003 too, from "Amazon EKS"); without it, the class.
 */
export function ocsfSource(e: Obj): string | null {
  const cls = classUid(e);
  const product = productName(e);
  const isClass = cls === undefined || CLOUDTRAIL_CLASSES.has(cls);
  if (product !== undefined ? product === 'CloudTrail' && isClass : isClass) return null;
  const name = cls === undefined ? 'OCSF event' : `${CLASS_NAMES.get(cls) ?? 'OCSF'} (class ${cls})`;
  return product !== undefined ? `${name} from ${product}` : name;
}

function jsonish(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

function isoFrom(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'bigint') return new Date(Number(v)).toISOString();
  return String(v);
}

/** CloudTrail writes whole seconds as `…:52Z`; OCSF keeps epoch milliseconds. */
function eventTimeFrom(v: unknown): string | undefined {
  return isoFrom(v)?.replace(/\.000Z$/, 'Z');
}

function boolText(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  return undefined;
}

function set(o: Obj, keys: string[], v: unknown): void {
  if (v === undefined || v === null) return;
  let t = o;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    if (!isObj(t[k])) t[k] = {};
    t = t[k] as Obj;
  }
  const last = keys[keys.length - 1]!;
  if (t[last] === undefined || t[last] === null) t[last] = v;
}

function prune(o: Obj): Obj | undefined {
  let kept = false;
  for (const k in o) {
    const v = o[k];
    if (isObj(v) && prune(v) === undefined) delete o[k];
    else kept = true;
  }
  return kept ? o : undefined;
}

export type OcsfVersion = '1.0.0-rc.2' | '1.1.0';

/**
 * `metadata.version` names it; files without it are told by the fields only one version has
 * (rc.2: `actor.user.uuid`, `account_uid`, `session.mfa`, class 3005).
 */
export function ocsfVersion(e: Obj): OcsfVersion {
  const v = get(e, 'metadata', 'version');
  if (typeof v === 'string' && v.startsWith('1.0.0')) return '1.0.0-rc.2';
  if (typeof v === 'string' && v.length) return '1.1.0';
  const user = get(e, 'actor', 'user');
  if (classUid(e) === 3005 || get(user, 'uuid') != null || get(user, 'account_uid') != null || get(e, 'actor', 'session', 'mfa') != null) return '1.0.0-rc.2';
  return '1.1.0';
}

/** `additionalEventData.MFAUsed` is "Yes"/"No"; OCSF keeps it as the boolean `mfa`/`is_mfa`. */
function mfaUsed(v: unknown): string | undefined {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return undefined;
}

export function ocsfToCloudTrail(input: Obj): RawRecord {
  const e = unflatten(input);
  const rc2 = ocsfVersion(e) === '1.0.0-rc.2';
  const cls = classUid(e);
  const r: Obj = {};
  const user = get(e, 'actor', 'user');
  const session = get(e, 'actor', 'session');
  const un = asObject(get(e, 'unmapped')) ?? {};
  set(r, ['eventVersion'], get(e, 'metadata', 'product', 'version'));

  const ui: Obj = {};
  set(ui, ['type'], get(user, 'type'));
  if (rc2) {
    // rc.2: uid = principalId, uuid = arn
    set(ui, ['principalId'], get(user, 'uid'));
    set(ui, ['arn'], get(user, 'uuid'));
    set(ui, ['accountId'], get(user, 'account_uid'));
  } else {
    // 1.1.0: uid = arn, uid_alt = principalId (or onBehalfOf.userId, below)
    const idStore = get(e, 'actor', 'idp', 'uid');
    if (get(user, 'type') === 'IdentityCenterUser' && idStore != null) {
      set(ui, ['onBehalfOf', 'userId'], get(user, 'uid_alt'));
      set(ui, ['onBehalfOf', 'identityStoreArn'], idStore);
    } else {
      set(ui, ['principalId'], get(user, 'uid_alt'));
    }
    set(ui, ['arn'], get(user, 'uid'));
    set(ui, ['accountId'], get(user, 'account', 'uid') ?? get(user, 'account_uid'));
  }
  set(ui, [get(user, 'type') === 'IdentityCenterUser' ? 'credentialId' : 'accessKeyId'], get(user, 'credential_uid'));
  set(ui, ['userName'], get(user, 'name'));
  set(ui, ['invokedBy'], get(e, 'actor', 'invoked_by'));
  const created = rc2 ? get(session, 'created_time') : (get(session, 'created_time_dt') ?? get(session, 'created_time'));
  set(ui, ['sessionContext', 'attributes', 'creationDate'], eventTimeFrom(created));
  set(ui, ['sessionContext', 'attributes', 'mfaAuthenticated'], boolText(rc2 ? get(session, 'mfa') : (get(session, 'is_mfa') ?? get(session, 'mfa'))));
  set(ui, ['sessionContext', 'sessionIssuer', 'arn'], get(session, 'issuer'));
  const uip = prune(ui);
  if (uip) r.userIdentity = uip;

  set(r, ['eventTime'], eventTimeFrom(get(e, 'time_dt') ?? get(e, 'time')));
  set(r, ['eventSource'], get(e, 'api', 'service', 'name'));
  set(r, ['eventName'], get(e, 'api', 'operation'));
  set(r, ['awsRegion'], get(e, 'cloud', 'region'));
  set(r, ['sourceIPAddress'], get(e, 'src_endpoint', 'ip') ?? get(e, 'src_endpoint', 'domain'));
  set(r, ['userAgent'], get(e, 'http_request', 'user_agent'));
  set(r, ['errorCode'], get(e, 'api', 'response', 'error'));
  set(r, ['errorMessage'], get(e, 'api', 'response', 'message'));
  // 1.1.0 keeps the JSON text; rc.2 has no such field and flattens them into `unmapped`
  set(r, ['requestParameters'], jsonish(get(e, 'api', 'request', 'data')));
  set(r, ['responseElements'], jsonish(get(e, 'api', 'response', 'data')));
  // ConsoleLogin (Authentication): `status` is responseElements.ConsoleLogin ("Success"/"Failure")
  if (cls === 3002 && get(e, 'api', 'operation') === 'ConsoleLogin' && r.responseElements === undefined) {
    const status = get(e, 'status');
    if (status === 'Success' || status === 'Failure') r.responseElements = { ConsoleLogin: status };
  }
  // … and `dst_endpoint.svc_name` is additionalEventData.LoginTo, `mfa`/`is_mfa` is MFAUsed
  if (cls === 3002) set(r, ['additionalEventData', 'LoginTo'], get(e, 'dst_endpoint', 'svc_name'));
  set(r, ['requestID'], get(e, 'api', 'request', 'uid'));
  set(r, ['eventID'], get(e, 'metadata', 'uid'));
  set(r, ['apiVersion'], get(e, 'api', 'version'));
  set(r, ['eventType'], get(e, 'metadata', 'event_code'));
  const feature = get(e, 'metadata', 'product', 'feature', 'name');
  // "Management, Data, and Insights" is the mapping's default, not an eventCategory
  if (typeof feature === 'string' && !feature.includes(',')) set(r, ['eventCategory'], feature);
  set(r, ['vpcEndpointId'], get(e, 'src_endpoint', 'uid'));
  set(r, ['recipientAccountId'], get(e, 'cloud', 'account', 'uid') ?? get(e, 'cloud', 'account_uid'));
  const res = jsonish(get(e, 'resources'));
  if (Array.isArray(res)) {
    r.resources = res.map((x) => {
      const o: Obj = {};
      // 1.1.0: owner.account.uid; rc.2: account_uid
      set(o, ['accountId'], get(x, 'owner', 'account', 'uid') ?? get(x, 'account_uid') ?? get(x, 'account', 'uid'));
      set(o, ['type'], get(x, 'type'));
      set(o, ['ARN'], get(x, 'uid'));
      return o;
    });
  }
  set(r, ['tlsDetails', 'tlsVersion'], get(e, 'tls', 'version'));
  set(r, ['tlsDetails', 'cipherSuite'], get(e, 'tls', 'cipher'));
  set(r, ['tlsDetails', 'clientProvidedHostHeader'], get(e, 'tls', 'sni'));
  // Everything else CloudTrail had (eventType and recipientAccountId in rc.2, readOnly, …).
  for (const k in un) {
    const v = un[k];
    const keys = k.split('.');
    // a nested path's value is a leaf (its objects were flattened into paths), or an array kept
    // as JSON text; a whole top-level field may be kept as JSON text
    let val: unknown = keys.length === 1 || (typeof v === 'string' && v.trimStart().startsWith('[')) ? jsonish(v) : v;
    if (keys.length === 1 && (k === 'readOnly' || k === 'managementEvent')) {
      val = v === 'true' ? true : v === 'false' ? false : v;
    }
    set(r, keys, val);
  }
  if (cls === 3002) set(r, ['additionalEventData', 'MFAUsed'], mfaUsed(get(e, rc2 ? 'mfa' : 'is_mfa') ?? get(e, rc2 ? 'is_mfa' : 'mfa')));
  if (!('requestParameters' in r)) r.requestParameters = null;
  if (!('responseElements' in r)) r.responseElements = null;
  return r;
}

/**
 * The OCSF fields each AWSCloudTrail column is read from (the table above, by column), as dotted
 * prefixes: a Parquet reader decodes only the leaf columns under them (`api.operation` for
 * EventName, not the request and response texts beside it). A column not listed here, like
 * `UserIdentityArn`, reads `actor` and `unmapped`, as the user and session fields also live there.
 */
const OCSF_FIELDS_BY_COLUMN: Record<string, readonly string[]> = {
  TimeGenerated: ['time', 'time_dt'],
  EventSource: ['api.service.name'], EventName: ['api.operation'], ErrorCode: ['api.response.error'], ErrorMessage: ['api.response.message'],
  AwsRequestId_: ['api.request.uid'], APIVersion: ['api.version'],
  RequestParameters: ['api.request.data', 'unmapped'], ResponseElements: ['api.response.data', 'api.operation', 'status', 'unmapped'],
  IpProtocol: ['api', 'unmapped'], SourcePort: ['api', 'unmapped'], DestinationPort: ['api', 'unmapped'], CidrIp: ['api', 'unmapped'],
  AdditionalEventData: ['api', 'dst_endpoint', 'mfa', 'is_mfa', 'unmapped'],
  AWSRegion: ['cloud.region'], RecipientAccountId: ['cloud.account', 'cloud.account_uid', 'unmapped'],
  SourceIpAddress: ['src_endpoint.ip', 'src_endpoint.domain'], VpcEndpointId: ['src_endpoint.uid'], UserAgent: ['http_request.user_agent'],
  Resources: ['resources'],
  TlsVersion: ['tls', 'unmapped'], CipherSuite: ['tls', 'unmapped'], ClientProvidedHostHeader: ['tls', 'unmapped'],
};
/** Fields every OCSF row needs: which source and version it is, its eventID (duplicates). */
const OCSF_ALWAYS = ['class_uid', 'metadata'];
const CONSTANT = new Set(['Type', 'TenantId', 'SourceSystem', 'OperationName', 'Category', 'AwsRequestId']);

/**
 * What tells a row's source and version apart, without its eventID (metadata.uid, read only for
 * AwsEventId and the columns kept in `unmapped`): the fields a pushed-down check on the listed
 * columns reads, so rows with equal values there get one verdict (parquet-ocsf.ts keys it).
 */
const OCSF_CHECK_ALWAYS = ['class_uid', 'metadata.version', 'metadata.product', 'metadata.event_code'];

/** The OCSF fields (dotted prefixes) to decode for these AWSCloudTrail columns. */
export function ocsfFieldsFor(columns: readonly string[], forChecks = false): Set<string> {
  const listed = (c: string) => c in OCSF_FIELDS_BY_COLUMN || c.startsWith('UserIdentity') || c.startsWith('Session') || c === 'EC2RoleDelivery' || CONSTANT.has(c);
  const out = new Set(forChecks && columns.every(listed) ? OCSF_CHECK_ALWAYS : OCSF_ALWAYS);
  for (const c of columns) {
    const f = OCSF_FIELDS_BY_COLUMN[c];
    if (f) for (const x of f) out.add(x);
    else if (c.startsWith('UserIdentity') || c.startsWith('Session') || c === 'EC2RoleDelivery') for (const x of ['actor', 'unmapped']) out.add(x);
    else if (!CONSTANT.has(c)) out.add('unmapped');
  }
  return out;
}
