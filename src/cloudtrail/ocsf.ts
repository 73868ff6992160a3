/**
 * Amazon Security Lake OCSF "API Activity" events (class 6003, or 3005 in OCSF 1.0.0-rc.2)
 * mapped back to a raw CloudTrail record, using the field table in
 * research/cloudtrail-schema.md §4. The record then goes through the normal mapping, so an
 * OCSF row and the CloudTrail record it came from give the same AWSCloudTrail row for every
 * column OCSF carries. Fields OCSF keeps under `unmapped` (a map of strings in Security Lake)
 * are put back where CloudTrail had them.
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
  if (!Object.keys(row).some((k) => k.includes('.'))) return row;
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
  if (t[last] === undefined) t[last] = v;
}

function prune(o: Obj): Obj | undefined {
  for (const [k, v] of Object.entries(o)) {
    if (isObj(v)) {
      const p = prune(v);
      if (p === undefined) delete o[k];
    }
  }
  return Object.keys(o).length ? o : undefined;
}

export function ocsfToCloudTrail(input: Obj): RawRecord {
  const e = unflatten(input);
  const r: Obj = {};
  const user = get(e, 'actor', 'user');
  const session = get(e, 'actor', 'session');
  set(r, ['eventVersion'], get(e, 'metadata', 'product', 'version'));
  const ui: Obj = {};
  set(ui, ['type'], get(user, 'type'));
  set(ui, ['principalId'], get(user, 'uid_alt'));
  set(ui, ['arn'], get(user, 'uid'));
  set(ui, ['accountId'], get(user, 'account_uid') ?? get(user, 'account', 'uid'));
  set(ui, ['accessKeyId'], get(user, 'credential_uid'));
  set(ui, ['userName'], get(user, 'name'));
  set(ui, ['invokedBy'], get(e, 'actor', 'invoked_by'));
  set(ui, ['sessionContext', 'attributes', 'creationDate'], isoFrom(get(session, 'created_time_dt') ?? get(session, 'created_time')));
  set(ui, ['sessionContext', 'attributes', 'mfaAuthenticated'], boolText(get(session, 'is_mfa')));
  set(ui, ['sessionContext', 'sessionIssuer', 'arn'], get(session, 'issuer'));
  const uip = prune(ui);
  if (uip) r.userIdentity = uip;
  set(r, ['eventTime'], isoFrom(get(e, 'time_dt') ?? get(e, 'time'))?.replace(/\.000Z$/, 'Z'));
  set(r, ['eventSource'], get(e, 'api', 'service', 'name'));
  set(r, ['eventName'], get(e, 'api', 'operation'));
  set(r, ['awsRegion'], get(e, 'cloud', 'region'));
  set(r, ['sourceIPAddress'], get(e, 'src_endpoint', 'ip') ?? get(e, 'src_endpoint', 'domain'));
  set(r, ['userAgent'], get(e, 'http_request', 'user_agent'));
  set(r, ['errorCode'], get(e, 'api', 'response', 'error'));
  set(r, ['errorMessage'], get(e, 'api', 'response', 'message'));
  r.requestParameters = jsonish(get(e, 'api', 'request', 'data')) ?? null;
  r.responseElements = jsonish(get(e, 'api', 'response', 'data')) ?? null;
  set(r, ['requestID'], get(e, 'api', 'request', 'uid'));
  set(r, ['eventID'], get(e, 'metadata', 'uid'));
  set(r, ['apiVersion'], get(e, 'api', 'version'));
  set(r, ['eventType'], get(e, 'metadata', 'event_code'));
  set(r, ['eventCategory'], get(e, 'metadata', 'product', 'feature', 'name'));
  set(r, ['vpcEndpointId'], get(e, 'src_endpoint', 'uid'));
  set(r, ['recipientAccountId'], get(e, 'cloud', 'account', 'uid'));
  const res = jsonish(get(e, 'resources'));
  if (Array.isArray(res)) {
    r.resources = res.map((x) => {
      const o: Obj = {};
      set(o, ['accountId'], get(x, 'account_uid') ?? get(x, 'account', 'uid'));
      set(o, ['type'], get(x, 'type'));
      set(o, ['ARN'], get(x, 'uid'));
      return o;
    });
  }
  set(r, ['tlsDetails', 'tlsVersion'], get(e, 'tls', 'version'));
  set(r, ['tlsDetails', 'cipherSuite'], get(e, 'tls', 'cipher'));
  set(r, ['tlsDetails', 'clientProvidedHostHeader'], get(e, 'tls', 'sni'));
  // Everything else CloudTrail had (readOnly, managementEvent, additionalEventData, ...).
  const un = asObject(get(e, 'unmapped'));
  if (un) {
    for (const [k, v] of Object.entries(un)) {
      const keys = k.split('.');
      let val: unknown = jsonish(v);
      if (keys[0] === 'readOnly' || keys[0] === 'managementEvent') {
        val = v === 'true' ? true : v === 'false' ? false : v;
      }
      set(r, keys, val);
    }
  }
  return r;
}
