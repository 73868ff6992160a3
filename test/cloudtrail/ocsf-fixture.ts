/**
 * Builds Security Lake style OCSF Parquet files from real CloudTrail records with the PUBLISHED
 * CloudTrail -> OCSF mappings, not with our reader's inverse:
 *   OCSF 1.0.0-rc.2 (Security Lake source version 1): github.com/ocsf/examples
 *     mappings/markdown/AWS/v1.0.0-rc.2/CloudTrail/{API Activity,Authentication,Account Change}/README.md
 *   OCSF 1.1.0 (source version 2): mappings/markdown/AWS/v1.1.0/CloudTrail/…/README.md
 * Each field below is a row of those tables; "Any fields not present in an explicit mapping will
 * be mapped to the unmapped object" (same pages): the rest goes to `unmapped`, a map of strings
 * keyed by dotted path, as the pages' samples show (`userIdentity.sessionContext.sessionIssuer.userName`,
 * `additionalEventData.MFAIdentifier`, `responseElements.user.arn`). How an array is flattened is
 * not published: it is kept as its JSON text under its path (empty objects and arrays are dropped,
 * as `responseElements.directConnectGateways: []` is in the rc.2 API Activity sample).
 * Nested structs, `resources` as a list of structs, `unmapped` as MAP<string,string>.
 */
import { gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';

type Obj = Record<string, any>;
export type OcsfVersion = '1.0.0-rc.2' | '1.1.0';

// ---- Parquet schema from a small shape description ----
type Leaf = 'str' | 'i32' | 'i64' | 'bool' | 'ts' | 'map';
type Shape = { [k: string]: Leaf | Shape | [Shape] };

function schemaOf(name: string, shape: Leaf | Shape | [Shape]): any[] {
  if (shape === 'str') return [{ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' }];
  if (shape === 'i32') return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
  if (shape === 'i64') return [{ name, type: 'INT64', repetition_type: 'OPTIONAL' }];
  if (shape === 'bool') return [{ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' }];
  if (shape === 'ts') return [{ name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' }];
  if (shape === 'map') {
    return [
      { name, repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'value', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ];
  }
  if (Array.isArray(shape)) {
    const inner = Object.entries(shape[0]);
    return [
      { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', repetition_type: 'OPTIONAL', num_children: inner.length },
      ...inner.flatMap(([k, v]) => schemaOf(k, v)),
    ];
  }
  const kids = Object.entries(shape);
  return [{ name, repetition_type: 'OPTIONAL', num_children: kids.length }, ...kids.flatMap(([k, v]) => schemaOf(k, v))];
}

const COMMON: Shape = {
  class_uid: 'i32',
  class_name: 'str',
  activity_id: 'i32',
  status: 'str',
  time: 'i64',
  api: { operation: 'str', version: 'str', service: { name: 'str' }, request: { uid: 'str', data: 'str' }, response: { data: 'str', error: 'str', message: 'str' } },
  src_endpoint: { ip: 'str', domain: 'str', uid: 'str' },
  dst_endpoint: { svc_name: 'str' },
  http_request: { user_agent: 'str' },
  cloud: { provider: 'str', region: 'str' },
  unmapped: 'map',
};

export const SHAPES: Record<OcsfVersion, Shape> = {
  '1.0.0-rc.2': {
    ...COMMON,
    metadata: { version: 'str', uid: 'str', product: { name: 'str', vendor_name: 'str', version: 'str', feature: { name: 'str' } } },
    actor: {
      user: { type: 'str', uid: 'str', uuid: 'str', name: 'str', credential_uid: 'str', account_uid: 'str' },
      invoked_by: 'str',
      session: { created_time: 'i64', mfa: 'bool', issuer: 'str' },
      idp: { name: 'str' },
    },
    user: { uid: 'str', uuid: 'str', name: 'str' },
    mfa: 'bool',
    resources: [{ uid: 'str', account_uid: 'str', type: 'str' }],
  },
  '1.1.0': {
    ...COMMON,
    time_dt: 'ts',
    metadata: { version: 'str', uid: 'str', event_code: 'str', product: { name: 'str', vendor_name: 'str', version: 'str', feature: { name: 'str' } } },
    actor: {
      user: { type: 'str', uid: 'str', uid_alt: 'str', name: 'str', credential_uid: 'str', account: { uid: 'str' } },
      invoked_by: 'str',
      session: { created_time_dt: 'ts', is_mfa: 'bool', issuer: 'str' },
      idp: { name: 'str', uid: 'str' },
    },
    user: { uid: 'str', uid_alt: 'str', name: 'str' },
    is_mfa: 'bool',
    resources: [{ uid: 'str', type: 'str', owner: { account: { uid: 'str' } } }],
  },
};

// ---- the published mapping ----
const IP = /^(\d{1,3}\.){3}\d{1,3}$|:/;
const ms = (iso: string | undefined) => (iso ? BigInt(Date.parse(iso)) : undefined);
const date = (iso: string | undefined) => (iso ? new Date(Date.parse(iso)) : undefined);
const json = (v: unknown) => (v === undefined || v === null ? undefined : JSON.stringify(v));
const bool = (v: unknown) => (v === undefined || v === null ? undefined : v === true || String(v).toLowerCase() === 'true');

/** Security Lake's selector picks the class from eventName/eventSource (v1.1.0/CloudTrail/README.md). */
export function ocsfClass(r: Obj, version: OcsfVersion): number {
  if (r.eventSource === 'signin.amazonaws.com' && /^(ConsoleLogin|CheckMfa)$/.test(r.eventName)) return 3002;
  if (r.eventSource === 'sts.amazonaws.com' && /^AssumeRoleWith(SAML|WebIdentity)$/.test(r.eventName)) return 3002;
  if (r.eventSource === 'iam.amazonaws.com' && /^(Create|Delete)(User|Role)$/.test(r.eventName)) return 3001;
  return version === '1.0.0-rc.2' ? 3005 : 6003;
}

/** Leaves of `v` as dotted paths; arrays as their JSON text; empty objects/arrays dropped. */
function flatten(prefix: string, v: unknown, out: Obj): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    if (v.length) out[prefix] = JSON.stringify(v);
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(`${prefix}.${k}`, x, out);
    return;
  }
  out[prefix] = String(v);
}

/** Deep copy of a record without the paths the mapping consumed. */
function without(r: Obj, consumed: Set<string>, prefix = ''): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(r)) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (consumed.has(p)) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? without(v, consumed, p) : v;
  }
  return out;
}

function clean(o: Obj): Obj | undefined {
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && typeof v !== 'bigint') {
      const c = clean(v);
      if (c === undefined) delete o[k];
      else o[k] = c;
    } else if (v === undefined || v === null) delete o[k];
  }
  return Object.keys(o).length ? o : undefined;
}

export function cloudTrailToOcsf(r: Obj, version: OcsfVersion): Obj {
  const rc2 = version === '1.0.0-rc.2';
  const cls = ocsfClass(r, version);
  const ui = r.userIdentity ?? {};
  const sc = ui.sessionContext ?? {};
  const aed = r.additionalEventData ?? {};
  const consumed = new Set([
    'eventVersion', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'errorCode', 'errorMessage',
    'requestID', 'eventID', 'apiVersion', 'vpcEndpointId', 'eventCategory',
    'userIdentity.type', 'userIdentity.principalId', 'userIdentity.arn', 'userIdentity.accountId', 'userIdentity.accessKeyId',
    'userIdentity.userName', 'userIdentity.invokedBy', 'userIdentity.identityProvider',
    'userIdentity.sessionContext.attributes.creationDate', 'userIdentity.sessionContext.attributes.mfaAuthenticated',
    'userIdentity.sessionContext.sessionIssuer.arn', 'userIdentity.sessionContext.webIdFederationData.federatedProvider',
  ]);
  const o: Obj = {
    class_uid: cls,
    class_name: cls === 3002 ? 'Authentication' : cls === 3001 ? 'Account Change' : 'API Activity',
    time: ms(r.eventTime),
    metadata: {
      version,
      uid: r.eventID,
      product: { name: 'CloudTrail', vendor_name: 'AWS', version: r.eventVersion, feature: { name: r.eventCategory } },
    },
    api: {
      operation: r.eventName,
      version: r.apiVersion,
      service: { name: r.eventSource },
      request: { uid: r.requestID },
      response: { error: r.errorCode, message: r.errorMessage },
    },
    src_endpoint: { ip: IP.test(r.sourceIPAddress ?? '') ? r.sourceIPAddress : undefined, domain: IP.test(r.sourceIPAddress ?? '') ? undefined : r.sourceIPAddress, uid: r.vpcEndpointId },
    http_request: { user_agent: r.userAgent },
    cloud: { provider: 'AWS', region: r.awsRegion },
    actor: {
      invoked_by: ui.invokedBy,
      idp: { name: sc.webIdFederationData?.federatedProvider ?? ui.identityProvider },
    },
  };
  if (rc2) {
    o.actor.user = { type: ui.type, uid: ui.principalId, uuid: ui.arn, name: ui.userName, credential_uid: ui.accessKeyId, account_uid: ui.accountId };
    o.actor.session = { created_time: ms(sc.attributes?.creationDate), mfa: bool(sc.attributes?.mfaAuthenticated), issuer: sc.sessionIssuer?.arn };
  } else {
    const ic = ui.type === 'IdentityCenterUser';
    o.actor.user = {
      type: ui.type,
      uid: ui.arn,
      uid_alt: ui.principalId ?? ui.onBehalfOf?.userId,
      name: ui.userName,
      credential_uid: ui.accessKeyId ?? (ic ? ui.credentialId : undefined),
      account: { uid: ui.accountId },
    };
    if (ic) for (const p of ['userIdentity.onBehalfOf.userId', 'userIdentity.onBehalfOf.identityStoreArn', 'userIdentity.credentialId']) consumed.add(p);
    o.actor.idp.uid = ui.onBehalfOf?.identityStoreArn;
    o.actor.session = { created_time_dt: date(sc.attributes?.creationDate), is_mfa: bool(sc.attributes?.mfaAuthenticated), issuer: sc.sessionIssuer?.arn };
    o.time_dt = date(r.eventTime);
    o.metadata.event_code = r.eventType;
    consumed.add('eventType');
    // 1.1.0: api.request.data / api.response.data hold the JSON text
    o.api.request.data = json(r.requestParameters);
    o.api.response.data = json(r.responseElements);
    consumed.add('requestParameters').add('responseElements');
  }
  // status: API Activity / Account Change from errorCode; Authentication from ConsoleLogin
  o.status = r.errorCode ? 'Failure' : 'Success';
  if (cls === 3002) {
    if (r.responseElements?.ConsoleLogin) {
      o.status = r.responseElements.ConsoleLogin;
      if (rc2) consumed.add('responseElements.ConsoleLogin');
    }
    o.dst_endpoint = { svc_name: aed.LoginTo };
    consumed.add('additionalEventData.LoginTo');
    if (aed.MFAUsed !== undefined) {
      o[rc2 ? 'mfa' : 'is_mfa'] = aed.MFAUsed === 'Yes';
      consumed.add('additionalEventData.MFAUsed');
    }
    const uid = r.requestParameters?.roleArn ?? ui.arn;
    o.user = rc2 ? { uid: ui.principalId, uuid: uid, name: r.requestParameters?.roleSessionName } : { uid_alt: ui.principalId, uid, name: r.requestParameters?.roleSessionName };
    if (rc2 && r.requestParameters?.roleSessionName !== undefined) consumed.add('requestParameters.roleSessionName');
    if (rc2 && r.requestParameters?.roleArn !== undefined) consumed.add('requestParameters.roleArn');
  }
  if (cls === 3001) {
    const re = r.responseElements ?? {};
    const rp = r.requestParameters ?? {};
    const name = re.role?.roleName ?? re.user?.userName ?? rp.userName ?? rp.roleName;
    o.user = { [rc2 ? 'uid' : 'uid_alt']: re.role?.roleId ?? re.user?.userId, name };
    if (rc2) {
      // rc.2 has no request/response data: what fed `user` is gone from unmapped
      for (const p of ['responseElements.role.roleId', 'responseElements.user.userId', 'responseElements.role.roleName', 'responseElements.user.userName', 'requestParameters.userName', 'requestParameters.roleName']) consumed.add(p);
    }
  }
  if (cls !== 3002 && cls !== 3001 && Array.isArray(r.resources)) {
    o.resources = r.resources.map((x: Obj) => (rc2 ? { uid: x.ARN, account_uid: x.accountId, type: x.type } : { uid: x.ARN, type: x.type, owner: { account: { uid: x.accountId } } }));
    consumed.add('resources');
  }
  const unmapped: Obj = {};
  for (const [k, v] of Object.entries(without(r, consumed))) flatten(k, v, unmapped);
  o.unmapped = Object.keys(unmapped).length ? unmapped : undefined;
  return clean(o)!;
}

export interface OcsfWriteOptions {
  readonly version?: OcsfVersion;
  readonly codec?: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED';
  readonly rowGroupSize?: number;
  /** bytes of values per data page (hyparquet-writer's default: 1 MiB); a row never spans pages */
  readonly pageSize?: number;
}

/** The Parquet schema elements of a shape (for writers that append row groups themselves). */
export function parquetSchemaOf(shape: Shape): any[] {
  const tree = Object.entries(shape);
  return [{ name: 'schema', num_children: tree.length }, ...tree.flatMap(([k, v]) => schemaOf(k, v))];
}

export function writeRowsParquet(filename: string, shape: Shape, rows: Obj[], codec: 'SNAPPY' | 'GZIP' | 'UNCOMPRESSED' = 'GZIP', rowGroupSize = 40, pageSize?: number): void {
  const tree = Object.entries(shape);
  const schema = [{ name: 'schema', num_children: tree.length }, ...tree.flatMap(([k, v]) => schemaOf(k, v))];
  parquetWriteFile({
    filename,
    schema,
    codec,
    compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
    rowGroupSize,
    ...(pageSize ? { pageSize } : {}),
    columnData: tree.map(([name]) => ({ name, data: rows.map((e) => e[name] ?? null) })),
  } as never);
}

/** codec GZIP: what a `.gz.parquet` Security Lake object name suggests. */
export function writeOcsfParquet(filename: string, records: Obj[], options: OcsfWriteOptions = {}): void {
  const version = options.version ?? '1.1.0';
  writeRowsParquet(filename, SHAPES[version], records.map((r) => cloudTrailToOcsf(r, version)), options.codec ?? 'GZIP', options.rowGroupSize ?? 40, options.pageSize);
}

/** VPC Flow Logs in OCSF Network Activity (class 4001), the fields of the 1.1.0 mapping that matter here. */
export function writeVpcFlowParquet(filename: string, n: number): void {
  const shape: Shape = {
    class_uid: 'i32',
    time: 'i64',
    metadata: { version: 'str', product: { name: 'str', vendor_name: 'str', version: 'str', feature: { name: 'str' } } },
    src_endpoint: { ip: 'str', port: 'i32' },
    dst_endpoint: { ip: 'str', port: 'i32' },
    cloud: { region: 'str', account: { uid: 'str' } },
  };
  const rows = Array.from({ length: n }, (_, i) => ({
    class_uid: 4001,
    time: BigInt(Date.parse('2023-07-10T12:00:00Z') + i * 1000),
    metadata: { version: '1.1.0', product: { name: 'Amazon VPC', vendor_name: 'AWS', version: '5', feature: { name: 'Flowlogs' } } },
    src_endpoint: { ip: `10.0.0.${i % 250}`, port: 40000 + i },
    dst_endpoint: { ip: '10.0.1.1', port: 443 },
    cloud: { region: 'us-east-1', account: { uid: '123456789012' } },
  }));
  writeRowsParquet(filename, shape, rows);
}
