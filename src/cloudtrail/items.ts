/**
 * What one JSON item of a file is, and the CloudTrail record inside it:
 *   CloudTrail record            as is
 *   EventBridge envelope         `detail` ("AWS API Call via CloudTrail" and friends)
 *   lookup-events Event          `CloudTrailEvent` (the record as a JSON string)
 *   CloudWatch Logs event        `message` (subscription data `logEvents[]`, filter-log-events `events[]`)
 *   CloudTrail Lake result row   `eventjson` column, or flat lower-case columns
 *   Security Lake OCSF event     mapped back (ocsf.ts); other lake sources recognised and skipped
 *   Sentinel AWSCloudTrail row   loaded as is (sentinel-rows.ts)
 *   Insights record              recognised and kept out
 *   digest file                  recognised and skipped
 */
import type { RawRecord } from './mapping.ts';
import { topLevelSpans } from './json-text.ts';
import { isOcsf, ocsfSource, ocsfToCloudTrail } from './ocsf.ts';
import { isSentinelRow } from './sentinel-rows.ts';

type Obj = Record<string, unknown>;

export type Classified =
  | { readonly kind: 'record'; readonly rec: RawRecord; readonly text?: string; readonly via: string }
  | { readonly kind: 'sentinel'; readonly row: Obj }
  | { readonly kind: 'insight' }
  | { readonly kind: 'digest' }
  /** An OCSF event of another Security Lake source (VPC Flow, Route 53, …): not CloudTrail. */
  | { readonly kind: 'other'; readonly what: string }
  | { readonly kind: 'bad'; readonly message: string };

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isCloudTrailRecord(o: Obj): boolean {
  return 'eventVersion' in o || 'eventID' in o || ('eventTime' in o && ('eventName' in o || 'eventSource' in o));
}

function isInsight(o: Obj): boolean {
  return o['eventType'] === 'AwsCloudTrailInsight' || 'insightDetails' in o;
}

/** CloudTrail Lake columns are lower-case versions of the record's field names. */
const LAKE_FIELDS = [
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress',
  'userAgent', 'errorCode', 'errorMessage', 'requestParameters', 'responseElements', 'additionalEventData',
  'requestID', 'eventID', 'readOnly', 'resources', 'eventType', 'apiVersion', 'managementEvent',
  'recipientAccountId', 'sharedEventID', 'serviceEventDetails', 'vpcEndpointId', 'eventCategory', 'tlsDetails',
  'sessionCredentialFromConsole', 'addendum', 'edgeDeviceDetails',
];
const LAKE_BY_LOWER = new Map(LAKE_FIELDS.map((f) => [f.toLowerCase(), f]));

function lakeRow(cells: unknown[]): Obj | null {
  const o: Obj = {};
  for (const c of cells) {
    if (!isObj(c)) return null;
    Object.assign(o, c);
  }
  return o;
}

function fromLakeColumns(o: Obj): RawRecord | null {
  const rec: Obj = {};
  let n = 0;
  for (const [k, v] of Object.entries(o)) {
    const f = LAKE_BY_LOWER.get(k.toLowerCase());
    if (!f) continue;
    n++;
    let val = v;
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        val = JSON.parse(v);
      } catch {
        /* keep the text */
      }
    }
    if ((f === 'readOnly' || f === 'managementEvent') && typeof val === 'string') val = val === 'true' ? true : val === 'false' ? false : val;
    rec[f] = val;
  }
  return n >= 2 && ('eventTime' in rec || 'eventID' in rec) ? rec : null;
}

function parseInner(text: string, what: string): Classified {
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch (e) {
    return { kind: 'bad', message: `${what} is not valid JSON: ${(e as Error).message}` };
  }
  if (!isObj(rec)) return { kind: 'bad', message: `${what} is not a JSON object` };
  if (isInsight(rec)) return { kind: 'insight' };
  return { kind: 'record', rec, text, via: what };
}

export function classify(value: unknown, text: string | undefined): Classified {
  if (Array.isArray(value)) {
    // CloudTrail Lake QueryResultRows: a row is a list of {column: value} cells
    const o = lakeRow(value);
    if (o === null) return { kind: 'bad', message: 'item is an array, not a CloudTrail record' };
    return classify(o, undefined);
  }
  if (!isObj(value)) {
    return { kind: 'bad', message: `item is ${value === null ? 'null' : typeof value}, not a CloudTrail record object` };
  }
  const o = value;
  if (isCloudTrailRecord(o)) {
    if (isInsight(o)) return { kind: 'insight' };
    return { kind: 'record', rec: o, text, via: 'record' };
  }
  if (isObj(o['detail']) && ('detail-type' in o || 'detailType' in o)) {
    const d = o['detail'];
    if (isInsight(d)) return { kind: 'insight' };
    if (!isCloudTrailRecord(d)) return { kind: 'bad', message: `EventBridge event "${String(o['detail-type'])}" does not carry a CloudTrail record` };
    let inner: string | undefined;
    if (text !== undefined) {
      const sp = topLevelSpans(text).get('detail');
      if (sp) inner = text.slice(sp[0], sp[1]);
    }
    return { kind: 'record', rec: d, text: inner, via: 'EventBridge' };
  }
  if (typeof o['CloudTrailEvent'] === 'string') return parseInner(o['CloudTrailEvent'], 'lookup-events CloudTrailEvent');
  // CloudWatch Logs (trail -> log group): each log event's message is one record as JSON text
  if (typeof o['message'] === 'string' && 'timestamp' in o) return parseInner(o['message'], 'CloudWatch Logs message');
  for (const k of Object.keys(o)) {
    if (k.toLowerCase() === 'eventjson' && typeof o[k] === 'string') return parseInner(o[k] as string, 'CloudTrail Lake eventjson');
  }
  if (isSentinelRow(o)) return { kind: 'sentinel', row: o };
  if (isOcsf(o)) {
    const other = ocsfSource(o);
    if (other !== null) return { kind: 'other', what: other };
    const rec = ocsfToCloudTrail(o);
    return { kind: 'record', rec, via: 'OCSF' };
  }
  const lake = fromLakeColumns(o);
  if (lake) return isInsight(lake) ? { kind: 'insight' } : { kind: 'record', rec: lake, via: 'CloudTrail Lake' };
  if ('digestStartTime' in o || ('logFiles' in o && 'awsAccountId' in o)) return { kind: 'digest' };
  const keys = Object.keys(o).slice(0, 5).join(', ');
  return { kind: 'bad', message: `not a CloudTrail record (keys: ${keys || 'none'})` };
}
