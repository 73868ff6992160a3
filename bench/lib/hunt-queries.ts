// The hunting suite of issue #15: the first queries an incident responder runs over a whole trail,
// each in KQL (run by `trailhound query`) and in SQL for DuckDB (read_json over the same .json.gz
// files, with an explicit schema naming only the fields that query needs), and how their answers
// are compared.
//
// Comparison: every value as a string; datetime columns as epoch seconds on both sides. `exact`
// queries compare the whole result as a multiset of rows (order ignored: a tie in `sort by` may
// come out either way). `top` queries ask DuckDB for every group, sorted by the top's key, and
// check that each trailhound row is one of DuckDB's groups with the same values, and that
// trailhound's keys are DuckDB's N highest (so a tie at the N-th place may be broken either way).
//
// dcount: Kusto's dcount() is a HyperLogLog estimate (dcount-aggregation-function and the
// "Estimation accuracy" section of learn.microsoft.com/kusto/query/dcount-hll-function): default
// accuracy level 1, whose error (the standard deviation of the relative error) is 0.8 %, 99.7 % of
// estimates within 3 sigma; a perfect count (no error) while the set holds up to 1,000 values at
// level 1. The tolerance rule against the service would therefore be: equal when the exact count is
// at most 1,000, else |estimate - exact| <= 3 * 0.8 % * exact. trailhound counts distinct values
// exactly (src/kql/exec/aggregates.ts), and DuckDB's count(DISTINCT) is exact, so here the rule is
// equality. (Some counts of the suite pass 1,000, e.g. kms Decrypt's 1,363 source IPs at 300 k
// records: there the Kusto service itself could answer within that tolerance instead.)

import { closeSync, openSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface HuntQuery {
  readonly name: string;
  readonly title: string;
  /** The KQL, given the access key the suite picked from the tree. */
  kql(key: string): string;
  /** DuckDB SQL over `recs` (one row per record, the record struct as `r`) and `t` = epoch seconds. */
  sql(key: string): string;
  /** The record fields the SQL reads (the read_json schema). */
  readonly fields: readonly Field[];
  /** Output columns that are datetimes (compared as epoch seconds). */
  readonly datetimes: readonly string[];
  readonly check: { readonly kind: 'exact' } | { readonly kind: 'top'; readonly n: number; readonly key: string };
}

type Field = 'eventTime' | 'eventSource' | 'eventName' | 'sourceIPAddress' | 'userAgent' | 'errorCode' | 'arn' | 'accessKeyId';

const s = (x: string) => `coalesce(${x}, '')`;

export const HUNT_QUERIES: readonly HuntQuery[] = [
  {
    name: 'count',
    title: 'AWSCloudTrail | count',
    kql: () => 'AWSCloudTrail | count',
    sql: () => 'SELECT count(*) AS "Count" FROM recs',
    fields: ['eventTime'],
    datetimes: [],
    check: { kind: 'exact' },
  },
  {
    name: 'top-calls',
    title: 'summarize count, dcount(ip), countif(error) by source, name | top 10',
    kql: () =>
      'AWSCloudTrail | summarize c=count(), ips=dcount(SourceIpAddress), errs=countif(isnotempty(ErrorCode)) by EventSource, EventName | top 10 by c',
    sql: () => `SELECT ${s('r.eventSource')} AS EventSource, ${s('r.eventName')} AS EventName, count(*) AS c,
      count(DISTINCT ${s('r.sourceIPAddress')}) AS ips, count(*) FILTER (WHERE ${s('r.errorCode')} <> '') AS errs
      FROM recs GROUP BY ALL ORDER BY c DESC`,
    fields: ['eventSource', 'eventName', 'sourceIPAddress', 'errorCode'],
    datetimes: [],
    check: { kind: 'top', n: 10, key: 'c' },
  },
  {
    name: 'errors-by-identity',
    title: 'errors by identity (count, dcount(code), first and last seen) | top 20',
    kql: () =>
      'AWSCloudTrail | where isnotempty(ErrorCode) | summarize errors=count(), codes=dcount(ErrorCode), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated) by UserIdentityArn | top 20 by errors',
    sql: () => `SELECT ${s('r.userIdentity.arn')} AS UserIdentityArn, count(*) AS errors, count(DISTINCT r.errorCode) AS codes,
      min(t) AS FirstSeen, max(t) AS LastSeen
      FROM recs WHERE ${s('r.errorCode')} <> '' GROUP BY ALL ORDER BY errors DESC`,
    fields: ['eventTime', 'errorCode', 'arn'],
    datetimes: ['FirstSeen', 'LastSeen'],
    check: { kind: 'top', n: 20, key: 'errors' },
  },
  {
    name: 'access-key',
    title: 'activity of one access key (rows, sorted by time)',
    kql: (key) =>
      `AWSCloudTrail | where UserIdentityAccessKeyId == "${key}" | project TimeGenerated, EventSource, EventName, SourceIpAddress, ErrorCode | sort by TimeGenerated asc`,
    sql: (key) => `SELECT t AS TimeGenerated, ${s('r.eventSource')} AS EventSource, ${s('r.eventName')} AS EventName,
      ${s('r.sourceIPAddress')} AS SourceIpAddress, ${s('r.errorCode')} AS ErrorCode
      FROM recs WHERE r.userIdentity.accessKeyId = '${key}' ORDER BY TimeGenerated`,
    fields: ['eventTime', 'eventSource', 'eventName', 'sourceIPAddress', 'errorCode', 'accessKeyId'],
    datetimes: ['TimeGenerated'],
    check: { kind: 'exact' },
  },
  {
    name: 'console-logins',
    title: 'console logins by IP and user agent',
    kql: () =>
      'AWSCloudTrail | where EventName == "ConsoleLogin" | summarize logins=count(), users=dcount(UserIdentityArn), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated) by SourceIpAddress, UserAgent | sort by logins desc',
    sql: () => `SELECT ${s('r.sourceIPAddress')} AS SourceIpAddress, ${s('r.userAgent')} AS UserAgent, count(*) AS logins,
      count(DISTINCT ${s('r.userIdentity.arn')}) AS users, min(t) AS FirstSeen, max(t) AS LastSeen
      FROM recs WHERE r.eventName = 'ConsoleLogin' GROUP BY ALL ORDER BY logins DESC`,
    fields: ['eventTime', 'eventName', 'sourceIPAddress', 'userAgent', 'arn'],
    datetimes: ['FirstSeen', 'LastSeen'],
    check: { kind: 'exact' },
  },
  {
    name: 'calls-per-hour',
    title: 'top API calls per hour (bin 1h) | top 20',
    kql: () => 'AWSCloudTrail | summarize n=count() by bin(TimeGenerated, 1h), EventName | top 20 by n',
    sql: () => `SELECT (t // 3600) * 3600 AS TimeGenerated, ${s('r.eventName')} AS EventName, count(*) AS n
      FROM recs GROUP BY ALL ORDER BY n DESC`,
    fields: ['eventTime', 'eventName'],
    datetimes: ['TimeGenerated'],
    check: { kind: 'top', n: 20, key: 'n' },
  },
];

/** read_json's schema for `fields`, userIdentity's as a nested struct. */
function recordType(fields: readonly Field[]): string {
  const top = fields.filter((f) => f !== 'arn' && f !== 'accessKeyId').map((f) => `${f} VARCHAR`);
  const ui = fields.filter((f) => f === 'arn' || f === 'accessKeyId').map((f) => `${f} VARCHAR`);
  if (ui.length > 0) top.push(`userIdentity STRUCT(${ui.join(', ')})`);
  return `STRUCT(${top.join(', ')})[]`;
}

/** The whole DuckDB statement of `q` over the files matching the quoted glob. */
export function duckdbHuntSql(q: HuntQuery, globLiteral: string, key: string): string {
  const t = q.fields.includes('eventTime') ? ', epoch(CAST(r.eventTime AS TIMESTAMPTZ))::BIGINT AS t' : '';
  return `WITH recs AS (SELECT r${t} FROM (SELECT unnest(Records) AS r FROM read_json(${globLiteral}, format = 'unstructured',
    maximum_object_size = 67108864, columns = {Records: '${recordType(q.fields)}'})))
${q.sql(key)}`;
}

/** A result as the suite compares it: column names and rows of strings. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One value as compared: datetimes as epoch seconds, numbers and bigints as decimal text. */
export function normalize(v: unknown, datetime: boolean): string {
  if (v === null || v === undefined) return '';
  if (datetime) {
    if (typeof v === 'string' && !/^-?\d+$/.test(v)) return String(Math.round(Date.parse(v) / 1000));
    if (v instanceof Date) return String(Math.round(v.getTime() / 1000));
    return String(Number(v));
  }
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  return String(v);
}

export function tableOf(columns: readonly string[], rows: readonly (readonly unknown[])[], datetimes: readonly string[]): Table {
  const dt = columns.map((c) => datetimes.includes(c));
  return { columns, rows: rows.map((r) => r.map((v, i) => normalize(v, dt[i]!))) };
}

/** Why trailhound's answer differs from DuckDB's, or undefined when it is the same. */
export function compareHunt(q: HuntQuery, th: Table, duck: Table): string | undefined {
  if (th.columns.join(',') !== duck.columns.join(',')) return `columns ${th.columns.join(',')} != ${duck.columns.join(',')}`;
  const line = (r: readonly string[]) => JSON.stringify(r);
  if (q.check.kind === 'exact') {
    if (th.rows.length !== duck.rows.length) return `${th.rows.length} rows != ${duck.rows.length}`;
    const a = th.rows.map(line).sort();
    const b = duck.rows.map(line).sort();
    const i = a.findIndex((x, j) => x !== b[j]);
    return i < 0 ? undefined : `row ${a[i]} != ${b[i]}`;
  }
  const { n, key } = q.check;
  const k = th.columns.indexOf(key);
  const want = Math.min(n, duck.rows.length);
  if (th.rows.length !== want) return `${th.rows.length} rows != ${want}`;
  const groups = new Set(duck.rows.map(line));
  const missing = th.rows.find((r) => !groups.has(line(r)));
  if (missing) return `row ${line(missing)} is not one of DuckDB's groups`;
  const top = (rows: readonly (readonly string[])[]) => rows.map((r) => BigInt(r[k]!)).sort((x, y) => (x < y ? 1 : x > y ? -1 : 0)).slice(0, n).join(',');
  const a = top(th.rows);
  const b = top(duck.rows);
  return a === b ? undefined : `top ${key} values ${a} != ${b}`;
}

/**
 * An IAM user's access key (AKIA...) from the tree's first file: the access-key query hunts for
 * it. Deterministic for a tree; untimed.
 */
export function pickAccessKey(firstFile: string): string {
  const fd = openSync(firstFile, 'r');
  const chunks: Buffer[] = [];
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) chunks.push(Buffer.from(buf.subarray(0, n)));
  } finally {
    closeSync(fd);
  }
  const doc = JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as { Records: { userIdentity?: { accessKeyId?: string } }[] };
  const keys = doc.Records.map((r) => r.userIdentity?.accessKeyId ?? '').filter((k) => /^AKIA[A-Z0-9]{16}$/.test(k)).sort();
  if (keys.length === 0) throw new Error(`no IAM user access key in ${firstFile}`);
  return keys[0]!;
}
