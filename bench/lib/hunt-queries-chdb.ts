// The hunting suite's chDB side (issue #15 item 5, issue #17 item 4): each query of
// bench/lib/hunt-queries.ts in ClickHouse SQL, reading the same .json.gz files directly with
// file(glob, JSONEachRow, schema) — each file is one JSON object, one row whose Records array is
// arrayJoin-ed — with an explicit schema of only the fields that query needs (as the DuckDB side's
// read_json does).
//
// Same answers as the DuckDB SQL, value for value:
// - a missing or null field reads as '' (input_format_null_as_default, defaults for missing tuple
//   elements), which is DuckDB's coalesce(x, ''): isnotempty(ErrorCode) is errorCode != '', an
//   empty-string group key is its own group, and '' counts as one distinct value in dcount;
// - dcount is exact: uniqExact (DuckDB's count(DISTINCT)); see hunt-queries.ts on Kusto's estimate;
// - datetimes are epoch seconds (Int64) of eventTime parsed as UTC, milliseconds rounded to the
//   nearest second as DuckDB's epoch(...)::BIGINT and the suite's normalize() do (CloudTrail's
//   eventTime has whole seconds; the rounding only matters for hand-made records);
// - top queries return every group sorted by the top's key, like DuckDB's, so the two are compared
//   whole (as multisets) and trailhound's top N against them by the suite's top rule.
import type { HuntQuery } from './hunt-queries.ts';

type Field = HuntQuery['fields'][number];

const CH_SQL: Readonly<Record<string, (keyLiteral: string) => string>> = {
  count: () => 'SELECT count() AS Count FROM recs',
  'top-calls': () => `SELECT r.eventSource AS EventSource, r.eventName AS EventName, count() AS c,
      uniqExact(r.sourceIPAddress) AS ips, countIf(r.errorCode != '') AS errs
      FROM recs GROUP BY EventSource, EventName ORDER BY c DESC`,
  'errors-by-identity': () => `SELECT r.userIdentity.arn AS UserIdentityArn, count() AS errors, uniqExact(r.errorCode) AS codes,
      min(t) AS FirstSeen, max(t) AS LastSeen
      FROM recs WHERE r.errorCode != '' GROUP BY UserIdentityArn ORDER BY errors DESC`,
  'access-key': (key) => `SELECT t AS TimeGenerated, r.eventSource AS EventSource, r.eventName AS EventName,
      r.sourceIPAddress AS SourceIpAddress, r.errorCode AS ErrorCode
      FROM recs WHERE r.userIdentity.accessKeyId = ${key} ORDER BY TimeGenerated`,
  'console-logins': () => `SELECT r.sourceIPAddress AS SourceIpAddress, r.userAgent AS UserAgent, count() AS logins,
      uniqExact(r.userIdentity.arn) AS users, min(t) AS FirstSeen, max(t) AS LastSeen
      FROM recs WHERE r.eventName = 'ConsoleLogin' GROUP BY SourceIpAddress, UserAgent ORDER BY logins DESC`,
  'calls-per-hour': () => `SELECT intDiv(t, 3600) * 3600 AS TimeGenerated, r.eventName AS EventName, count() AS n
      FROM recs GROUP BY TimeGenerated, EventName ORDER BY n DESC`,
};

/** file()'s schema for `fields`: Records as an array of named tuples, userIdentity's fields nested. */
function recordType(fields: readonly Field[]): string {
  const top = fields.filter((f) => f !== 'arn' && f !== 'accessKeyId').map((f) => `${f} String`);
  const ui = fields.filter((f) => f === 'arn' || f === 'accessKeyId').map((f) => `${f} String`);
  if (ui.length > 0) top.push(`userIdentity Tuple(${ui.join(', ')})`);
  return `Records Array(Tuple(${top.join(', ')}))`;
}

const SETTINGS = (threads: number) => `SETTINGS max_threads = ${threads}, input_format_skip_unknown_fields = 1,
  input_format_json_named_tuples_as_objects = 1, input_format_json_defaults_for_missing_elements_in_named_tuple = 1,
  input_format_null_as_default = 1`;

/** The whole chDB statement of `q` over the files matching the quoted glob; `keyLiteral` is a quoted SQL string. */
export function chdbHuntSql(q: HuntQuery, globLiteral: string, keyLiteral: string, threads: number): string {
  const body = CH_SQL[q.name];
  if (!body) throw new Error(`no ClickHouse SQL for the hunting query ${q.name}`);
  const t = q.fields.includes('eventTime') ? `, intDiv(toUnixTimestamp64Milli(parseDateTime64BestEffort(r.eventTime, 3, 'UTC')) + 500, 1000) AS t` : '';
  return `WITH recs AS (SELECT r${t} FROM (SELECT arrayJoin(Records) AS r FROM file(${globLiteral}, 'JSONEachRow', '${recordType(q.fields)}')))
${body(keyLiteral)}
${SETTINGS(threads)}`;
}
