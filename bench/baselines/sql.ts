// The detection in SQL, for DuckDB and ClickHouse (chDB). Same logic as bench/lib/detection.ts:
//   DescribeEventAggregates records whose sourceIPAddress does not contain health.amazonaws.com,
//   identity = the AWSIdentityRole-style user key, epoch-aligned 5-minute bins,
//   count(DISTINCT sourceIPAddress) > 1.
// Both engines read the .json.gz files themselves with an explicit schema naming only the fields the
// detection needs (the rest of each record is skipped by the JSON reader, not materialised).
// The detection query returns rows (identity, bin_epoch, ips) sorted; the count query (run after the
// timed one, to check that the engine saw every record) returns the number of records.

/** The user key from a record's userIdentity columns; `tail(x)` is given per dialect. */
function identitySql(tail: (x: string) => string, u: (f: string) => string, concat: (...xs: string[]) => string): string {
  const acct = u('accountId');
  return `CASE ${u('type')}
    WHEN 'Root' THEN ${concat(acct, "':'", tail(u('arn')))}
    WHEN 'IAMUser' THEN ${concat(acct, "':'", `(CASE WHEN ${tail(u('arn'))} <> '' THEN ${tail(u('arn'))} WHEN ${u('userName')} <> '' THEN ${concat("'user/'", u('userName'))} ELSE '' END)`)}
    WHEN 'AssumedRole' THEN (CASE WHEN ${u('issuerType')} IN ('', 'Role') THEN ${concat(acct, "':roleSessionName/'", tail(u('principalId')))} ELSE ${concat("'UnexpectedUserIdentityType:'", tail(u('principalId')))} END)
    WHEN 'AWSService' THEN ${u('invokedBy')}
    WHEN '' THEN ${u('invokedBy')}
    ELSE ${concat("'UnexpectedUserIdentityType:'", tail(u('principalId')))} END`;
}

const DUCK_RECORD_TYPE = `STRUCT(
  eventTime VARCHAR, eventName VARCHAR, sourceIPAddress VARCHAR,
  userIdentity STRUCT("type" VARCHAR, principalId VARCHAR, arn VARCHAR, accountId VARCHAR, userName VARCHAR, invokedBy VARCHAR,
                      sessionContext STRUCT(sessionIssuer STRUCT("type" VARCHAR))))[]`;

/** DuckDB: `read_json` over the glob, unnest Records, detect. `glob` must be a quoted SQL literal. */
export function duckdbDetectionSql(globLiteral: string): string {
  return `
${duckDea(globLiteral)}
SELECT identity, bin, list_sort(list(DISTINCT ip)) AS ips
FROM dea
GROUP BY identity, bin
HAVING count(DISTINCT ip) > 1
ORDER BY identity, bin`;
}

/** CTEs `recs` (every record) and `dea` (kept DescribeEventAggregates: identity, t = epoch seconds, bin, ip). */
function duckDea(globLiteral: string): string {
  const u = (f: string) => (f === 'issuerType' ? `coalesce(r.userIdentity.sessionContext.sessionIssuer."type", '')` : `coalesce(r.userIdentity."${f}", '')`);
  const tail = (x: string) => `regexp_extract(${x}, ':([^:]*)$', 1)`;
  const concat = (...xs: string[]) => `(${xs.join(' || ')})`;
  return `WITH recs AS (SELECT unnest(Records) AS r FROM ${duckRead(globLiteral)}),
dea AS MATERIALIZED (
  SELECT ${identitySql(tail, u, concat)} AS identity,
         epoch(CAST(r.eventTime AS TIMESTAMPTZ))::BIGINT AS t,
         (t // 300) * 300 AS bin,
         r.sourceIPAddress AS ip
  FROM recs
  WHERE r.eventName = 'DescribeEventAggregates'
    AND NOT contains(coalesce(r.sourceIPAddress, ''), 'health.amazonaws.com')
)`;
}

/**
 * DuckDB, Sentinel mode: the seed rule's window logic replayed at every 5-minute NOW (see
 * SentinelReplayDetector in bench/lib/detection.ts for the exact semantics and assumptions).
 * Returns rows (now, identity, ips) sorted.
 */
export function duckdbSentinelSql(globLiteral: string): string {
  return `${duckDea(globLiteral)},
runs AS (
  SELECT unnest(generate_series(((min(t) + 299) // 300) * 300, (max(t) // 300) * 300 + 600, 300)) AS now FROM dea
),
events AS (          -- _Events: summarize arg_min(TimeGenerated, *) by Identity, SourceIpAddress, per run
  SELECT runs.now, dea.identity, dea.ip, min(dea.t) AS first_t
  FROM runs JOIN dea ON dea.t > runs.now - 600 AND dea.t <= runs.now
  GROUP BY ALL
),
windows AS (         -- activity_counts_metrics(Type, TimeGenerated, ago(10m), now(), 5m, Identity): count
  SELECT now, identity, (now - 600) + ((first_t - (now - 600)) // 300) * 300 AS w, count(*) AS c
  FROM events GROUP BY ALL
),
per AS (
  SELECT now, identity, min(w) AS prev_w, arg_min(c, w) AS prev_c, max(w) AS cur_w, arg_max(c, w) AS cur_c
  FROM windows GROUP BY ALL
),
hits AS (
  SELECT now, identity FROM (
    SELECT *, CASE WHEN prev_w = cur_w THEN 0 ELSE prev_c END AS prev_c2 FROM per WHERE cur_w > now - 600
  ) WHERE (NOT (prev_c2 > 1) AND cur_c > 1) OR (cur_c - prev_c2 > 1)
)
SELECT hits.now, hits.identity, list_sort(list(DISTINCT events.ip)) AS ips
FROM hits JOIN events USING (now, identity)
GROUP BY ALL
ORDER BY hits.now, hits.identity`;
}

function duckRead(globLiteral: string): string {
  return `read_json(${globLiteral}, format = 'unstructured', maximum_object_size = 67108864,
                 columns = {Records: '${DUCK_RECORD_TYPE.replaceAll('\n', ' ')}'})`;
}

export function duckdbCountSql(globLiteral: string): string {
  return `SELECT sum(len(Records)) AS n FROM ${duckRead(globLiteral)}`;
}

const CH_RECORD_TYPE = `Records Array(Tuple(
  eventTime String, eventName String, sourceIPAddress String,
  userIdentity Tuple(type String, principalId String, arn String, accountId String, userName String, invokedBy String,
                     sessionContext Tuple(sessionIssuer Tuple(type String)))))`;

/** ClickHouse: the files as one row each (one JSON object per file), with the detection's fields only. */
function chRead(globLiteral: string): string {
  return `file(${globLiteral}, 'JSONEachRow', '${CH_RECORD_TYPE.replaceAll('\n', ' ')}')`;
}

/** ClickHouse: the kept DescribeEventAggregates records as (identity, ip, t = epoch seconds). */
function chDea(globLiteral: string): string {
  const u = (f: string) => (f === 'issuerType' ? `r.userIdentity.sessionContext.sessionIssuer.type` : `r.userIdentity.${f}`);
  const tail = (x: string) => `extract(${x}, ':([^:]*)$')`;
  const concat = (...xs: string[]) => `concat(${xs.join(', ')})`;
  return `SELECT ${identitySql(tail, u, concat)} AS identity, r.sourceIPAddress AS ip,
         toInt64(toUnixTimestamp(parseDateTimeBestEffort(r.eventTime, 'UTC'))) AS t
  FROM (SELECT arrayJoin(Records) AS r FROM ${chRead(globLiteral)})
  WHERE r.eventName = 'DescribeEventAggregates' AND position(r.sourceIPAddress, 'health.amazonaws.com') = 0`;
}

const chSettings = (threads: number) => `SETTINGS max_threads = ${threads}, input_format_skip_unknown_fields = 1, input_format_json_named_tuples_as_objects = 1,
         input_format_json_defaults_for_missing_elements_in_named_tuple = 1, input_format_null_as_default = 1`;

/** ClickHouse (chDB): `file()` over the glob, arrayJoin Records, detect. */
export function clickhouseDetectionSql(globLiteral: string, threads: number): string {
  return `
SELECT identity, intDiv(t, 300) * 300 AS bin, arraySort(groupUniqArray(ip)) AS ips
FROM (${chDea(globLiteral)})
GROUP BY identity, bin
HAVING uniqExact(ip) > 1
ORDER BY identity, bin
${chSettings(threads)}`;
}

export function clickhouseCountSql(globLiteral: string, threads: number): string {
  return `SELECT sum(length(Records)) AS n FROM ${chRead(globLiteral)} ${chSettings(threads)}`;
}

/**
 * ClickHouse, Sentinel mode: same semantics as duckdbSentinelSql, written without a range join: an event
 * at t is seen by exactly the two runs NOW = ceil(t / 5m) * 5m and NOW + 5m; per (run, identity) the
 * windows of the first sightings are collected in an array, so the files are scanned once.
 */
export function clickhouseSentinelSql(globLiteral: string, threads: number): string {
  return `
SELECT now, identity, ips FROM (
  SELECT now, identity, ips, arrayMax(ws) AS cur_w, arrayMin(ws) AS prev_w,
         arrayCount(x -> x = cur_w, ws) AS cur_c, if(prev_w = cur_w, 0, arrayCount(x -> x = prev_w, ws)) AS prev_c
  FROM (
    SELECT now, identity, groupArray(w) AS ws, arraySort(groupUniqArray(ip)) AS ips
    FROM (
      SELECT now, identity, ip, (now - 600) + intDiv(min(t) - (now - 600), 300) * 300 AS w
      FROM (
        SELECT arrayJoin([c, c + 300]) AS now, identity, ip, t
        FROM (SELECT identity, ip, t, intDiv(t + 299, 300) * 300 AS c FROM (${chDea(globLiteral)}))
      )
      GROUP BY now, identity, ip
    )
    GROUP BY now, identity
  )
  WHERE cur_w > now - 600 AND ((NOT (prev_c > 1) AND cur_c > 1) OR (cur_c - prev_c > 1))
)
ORDER BY now, identity
${chSettings(threads)}`;
}
