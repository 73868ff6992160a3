/**
 * Builds Security Lake style OCSF API Activity Parquet files from real CloudTrail records, using
 * the CloudTrail -> OCSF field table of research/cloudtrail-schema.md §4 (nested structs,
 * `resources` as a list of structs, `unmapped` as a map of strings, `time` in epoch ms).
 * Real Security Lake files were not available; this is that documented mapping, applied to
 * real records, so the reader's OCSF -> AWSCloudTrail path can be checked against the direct path.
 */
import { gzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';

type Obj = Record<string, any>;

const S = (name: string) => ({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' });
const I64 = (name: string) => ({ name, type: 'INT64', repetition_type: 'OPTIONAL' });
const B = (name: string) => ({ name, type: 'BOOLEAN', repetition_type: 'OPTIONAL' });
const G = (name: string, children: any[][]): any[] => [{ name, repetition_type: 'OPTIONAL', num_children: children.length }, ...children.flat()];
const L = (x: any) => [x];

const SCHEMA_TREE: any[][] = [
  L(I64('class_uid')),
  L(I64('time')),
  G('metadata', [L(S('uid')), L(S('event_code')), G('product', [L(S('version')), G('feature', [L(S('name'))])])]),
  G('api', [L(S('operation')), L(S('version')), G('service', [L(S('name'))]), G('request', [L(S('uid')), L(S('data'))]), G('response', [L(S('data')), L(S('error')), L(S('message'))])]),
  G('src_endpoint', [L(S('ip')), L(S('domain')), L(S('uid'))]),
  G('http_request', [L(S('user_agent'))]),
  G('cloud', [L(S('region')), G('account', [L(S('uid'))])]),
  G('actor', [
    G('user', [L(S('type')), L(S('uid')), L(S('uid_alt')), L(S('name')), L(S('credential_uid')), L(S('account_uid'))]),
    L(S('invoked_by')),
    G('session', [L(I64('created_time')), L(B('is_mfa')), L(S('issuer'))]),
  ]),
  [
    { name: 'resources', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', repetition_type: 'OPTIONAL', num_children: 3 },
    S('uid'), S('account_uid'), S('type'),
  ],
  G('tls', [L(S('version')), L(S('cipher')), L(S('sni'))]),
  [
    { name: 'unmapped', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
    { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
    { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    S('value'),
  ],
];

const IP = /^(\d{1,3}\.){3}\d{1,3}$|:/;
const ms = (iso: string | undefined) => (iso ? BigInt(Date.parse(iso)) : null);
const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const undef = (o: Obj): Obj | null => {
  for (const k of Object.keys(o)) if (o[k] === undefined || o[k] === null) delete o[k];
  return Object.keys(o).length ? o : null;
};

export function cloudTrailToOcsf(r: Obj): Obj {
  const ui = r.userIdentity ?? {};
  const sc = ui.sessionContext ?? {};
  const unmapped: Obj = {};
  for (const k of ['readOnly', 'managementEvent', 'sharedEventID']) if (r[k] !== undefined) unmapped[k] = String(r[k]);
  for (const k of ['additionalEventData', 'serviceEventDetails']) if (r[k] !== undefined && r[k] !== null) unmapped[k] = JSON.stringify(r[k]);
  for (const k of ['type', 'principalId', 'accountId', 'userName']) {
    if (sc.sessionIssuer?.[k] !== undefined) unmapped[`userIdentity.sessionContext.sessionIssuer.${k}`] = sc.sessionIssuer[k];
  }
  if (sc.ec2RoleDelivery !== undefined) unmapped['userIdentity.sessionContext.ec2RoleDelivery'] = sc.ec2RoleDelivery;
  const src = r.sourceIPAddress as string | undefined;
  return {
    class_uid: 6003n,
    time: ms(r.eventTime),
    metadata: { uid: r.eventID, event_code: r.eventType, product: { version: r.eventVersion, feature: { name: r.eventCategory } } },
    api: {
      operation: r.eventName,
      version: r.apiVersion ?? null,
      service: { name: r.eventSource },
      request: undef({ uid: r.requestID, data: json(r.requestParameters) }),
      response: undef({ data: json(r.responseElements), error: r.errorCode, message: r.errorMessage }),
    },
    src_endpoint: undef({ ip: src && IP.test(src) ? src : undefined, domain: src && !IP.test(src) ? src : undefined, uid: r.vpcEndpointId }),
    http_request: undef({ user_agent: r.userAgent }),
    cloud: { region: r.awsRegion, account: { uid: r.recipientAccountId } },
    actor: {
      user: undef({ type: ui.type, uid: ui.arn, uid_alt: ui.principalId, name: ui.userName, credential_uid: ui.accessKeyId, account_uid: ui.accountId }),
      invoked_by: ui.invokedBy ?? null,
      session: undef({
        created_time: ms(sc.attributes?.creationDate),
        is_mfa: sc.attributes?.mfaAuthenticated === undefined ? undefined : sc.attributes.mfaAuthenticated === 'true',
        issuer: sc.sessionIssuer?.arn,
      }),
    },
    resources: Array.isArray(r.resources) ? r.resources.map((x: Obj) => ({ uid: x.ARN ?? null, account_uid: x.accountId ?? null, type: x.type ?? null })) : null,
    tls: r.tlsDetails ? undef({ version: r.tlsDetails.tlsVersion, cipher: r.tlsDetails.cipherSuite, sni: r.tlsDetails.clientProvidedHostHeader }) : null,
    unmapped: Object.keys(unmapped).length ? unmapped : null,
  };
}

/** codec GZIP: what a `.gz.parquet` Security Lake object name suggests. */
export function writeOcsfParquet(filename: string, records: Obj[], codec: 'SNAPPY' | 'GZIP' = 'GZIP'): void {
  const events = records.map(cloudTrailToOcsf);
  const schema = [{ name: 'schema', num_children: SCHEMA_TREE.length }, ...SCHEMA_TREE.flat()];
  const names = SCHEMA_TREE.map((c) => c[0].name as string);
  parquetWriteFile({
    filename,
    schema,
    codec,
    compressors: { GZIP: (b: Uint8Array) => new Uint8Array(gzipSync(b)) },
    rowGroupSize: 40,
    columnData: names.map((name) => ({ name, data: events.map((e) => e[name] ?? null) })),
  } as never);
}
