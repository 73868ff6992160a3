/**
 * Streaming partial aggregation (src/kql/exec/partial.ts): a summarize or count straight over
 * AWSCloudTrail is computed in the threads that read the files, each file's groups merged here in
 * file order. Its result must be the row path's exactly (same values, same group order), for
 * every aggregate that takes part, over nulls, empty groups, bin() keys, empty inputs and
 * duplicate eventIDs; an aggregate whose state does not merge exactly keeps the row path.
 *
 * Real gzip files (examples/, a tree from bench/generate.ts) through the real reader, with a
 * worker thread and this thread reading (workers: 2, parallelMinBytes: 0), so groups cross
 * threads. Each comparison also checks which path ran (summary().aggregatedFiles), so a query
 * that silently fell back to the row path cannot pass as partial.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { compileQuery } from '../../../src/kql/engine.ts';
import type { TableSource } from '../../../src/kql/scan.ts';
import type { Batch } from '../../../src/kql/types.ts';
import { RunawayQueryError } from '../../../src/kql/errors.ts';
import { loadWorkspace } from '../../../src/detect/workspace.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../../src/cloudtrail/index.ts';
import { writeTree } from '../../../bench/generate.ts';

const EXAMPLES = fileURLToPath(new URL('../../../examples', import.meta.url));
const workspace = loadWorkspace({});

interface Outcome {
  readonly rows: string[];
  readonly aggregatedFiles: number;
  readonly duplicates: number;
  readonly differingDuplicates: number;
  readonly rowsRead: number;
}

/** A value as text that tells every difference apart: bigints, NaN, bags (Maps, key order kept), typed wrappers. */
function exact(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return `${v}n`;
  if (Number.isNaN(v)) return 'NaN';
  if (v instanceof Map) return { '<bag>': [...v.entries()] };
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype) return { [`<${v.constructor.name}>`]: { ...v } };
  return v;
}

function rowsOf(b: Batch): string[] {
  return Array.from({ length: b.length }, (_, i) => JSON.stringify(b.columns.map((c) => c[i]), exact));
}

async function run(paths: string[], query: string, partial: boolean, options: CloudTrailOptions = {}): Promise<Outcome> {
  const source = openCloudTrail(paths, { workers: 2, parallelMinBytes: 0, ...options });
  const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
  const compiled = compileQuery(query, workspace.catalog(tables));
  const b = await compiled.run({ now: 0n, tables, watchlists: workspace.watchlists, noPartialAggregation: !partial });
  const s = source.summary();
  return { rows: rowsOf(b), aggregatedFiles: s.aggregatedFiles, duplicates: s.duplicates, differingDuplicates: s.differingDuplicates, rowsRead: s.rows };
}

/** The partial result equals the row path's, and the partial path was taken (or not, `expectPartial` false). */
async function same(paths: string[], query: string, expectPartial = true, options: CloudTrailOptions = {}): Promise<Outcome> {
  const rows = await run(paths, query, false, options);
  const partial = await run(paths, query, true, options);
  assert.equal(rows.aggregatedFiles, 0, 'the row path aggregates nothing in the readers');
  if (expectPartial) assert.ok(partial.aggregatedFiles > 0, `partial aggregation was not used for: ${query}`);
  else assert.equal(partial.aggregatedFiles, 0, `partial aggregation was used for: ${query}`);
  assert.deepEqual(partial.rows, rows.rows, query);
  assert.equal(partial.duplicates, rows.duplicates);
  assert.equal(partial.differingDuplicates, rows.differingDuplicates);
  assert.equal(partial.rowsRead, rows.rowsRead);
  return partial;
}

// Nulls: x is a long that is null where there is no error code; e a string that is empty there.
const WITH_NULLS = 'AWSCloudTrail | extend x = iff(isempty(ErrorCode), long(null), strlen(ErrorCode) * 1000 + strlen(EventName))';

const SUPPORTED = [
  'AWSCloudTrail | count',
  'AWSCloudTrail | summarize count()',
  'AWSCloudTrail | summarize c=count(), ips=dcount(SourceIpAddress), errs=countif(isnotempty(ErrorCode)) by EventSource, EventName',
  // bin() keys and a where in front (pushed down to the reader as well)
  'AWSCloudTrail | where EventName != "ConsoleLogin" | summarize n=count(), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated) by bin(TimeGenerated, 5m), EventSource',
  // nulls in aggregates and keys; an empty-string key (no error code) is a group of its own
  `${WITH_NULLS} | summarize s=sum(x), lo=min(x), hi=max(x), d=dcount(x), c=countif(isnull(x)) by ErrorCode`,
  `${WITH_NULLS} | summarize n=count() by x`,
  `${WITH_NULLS} | summarize si=sumif(x, EventName startswith "Get"), mi=minif(x, ReadOnly), ma=maxif(TimeGenerated, isnotempty(ErrorCode)), di=dcountif(UserIdentityArn, isnotempty(ErrorCode)), cd=count_distinct(AWSRegion), cdi=count_distinctif(AWSRegion, ReadOnly)`,
  // strings, bools and timespans: min/max keep the first of equal values, as add does
  'AWSCloudTrail | summarize a=min(UserAgent), b=max(UserIdentityArn), c=min(ReadOnly), d=max(ReadOnly), e=sum(TimeGenerated - datetime(2023-01-01)), f=max(SessionCreationDate) by AWSRegion',
  // project in the chain; a group key made by extend
  'AWSCloudTrail | project T=TimeGenerated, N=EventName, E=ErrorCode | extend failed = isnotempty(E) | summarize n=count(), FirstSeen=min(T) by N, failed',
  // nothing passes the where: count 0, one row of defaults without keys, no rows with keys
  'AWSCloudTrail | where EventName == "NoSuchEvent" | count',
  'AWSCloudTrail | where EventName == "NoSuchEvent" | summarize c=count(), d=dcount(SourceIpAddress), lo=min(TimeGenerated), s=sum(strlen(EventName))',
  'AWSCloudTrail | where EventName == "NoSuchEvent" | summarize c=count() by EventName',
  // over the result of the partial summarize, operators run as before
  'AWSCloudTrail | summarize c=count() by EventName | top 5 by c | order by c desc, EventName asc',
  // distinct: a summarize by its columns without aggregates, first-appearance order kept
  'AWSCloudTrail | distinct EventSource, EventName',
  'AWSCloudTrail | where isnotempty(ErrorCode) | extend hour = bin(TimeGenerated, 1h) | distinct UserIdentityArn, ErrorCode, hour',
  'AWSCloudTrail | distinct *',
  'AWSCloudTrail | where EventName == "NoSuchEvent" | distinct EventName',
];

test('every supported aggregate gives the row path result on the sample logs (real gzip, a worker thread)', { timeout: 300_000 }, async () => {
  for (const q of SUPPORTED) await same([EXAMPLES], q);
});

// Aggregates that keep values or rows (make_list, make_set, make_bag and their _if variants,
// arg_min/arg_max, take_any, percentiles): their states cross threads as flattened dynamic values
// (typed wrappers such as int and datetime inside a list, nested arrays and bags), and each merge
// must keep the row path's order and stop at its limit.
const COLLECTING = [
  // the hunt of issue #15: a set of addresses and the first five calls of each identity
  'AWSCloudTrail | summarize ips=make_set(SourceIpAddress), calls=make_list(EventName, 5) by UserIdentityArn',
  // size limits far below the group sizes (hit in some file after the first), and the default
  'AWSCloudTrail | summarize s=make_set(EventName, 3), l=make_list(SourceIpAddress, 7), a=make_set(AWSRegion), b=make_list(EventTypeName) by EventSource',
  'AWSCloudTrail | summarize s=make_set_if(EventName, isnotempty(ErrorCode), 2), l=make_list_if(TimeGenerated, ReadOnly, 4), s2=makeset(UserAgent), l2=makelist(ErrorCode) by AWSRegion',
  // nulls: make_list/make_set ignore them, make_list_with_nulls keeps them (make-list-with-nulls doc);
  // an empty string is a value (a string is never null: kql-semantics.md)
  `${WITH_NULLS} | summarize l=make_list(x), n=make_list_with_nulls(x), s=make_set(x), e=make_set(ErrorCode), el=make_list(ErrorCode, 9) by EventSource`,
  // typed values inside the dynamic results: int, datetime, timespan, guid, long, real, bool
  'AWSCloudTrail | summarize i=make_set(toint(strlen(EventName))), t=make_list(TimeGenerated, 6), d=make_set(bin(TimeGenerated - datetime(2023-01-01), 1h), 10), r=make_set(strlen(EventName) / 3.0), b=make_set(ReadOnly), g=make_set(toguid("2f3b4c5d-0000-4000-8000-00000000000a")) by AWSRegion',
  // dynamic values: a set of arrays adds their elements one by one; bags and nested values kept whole
  'AWSCloudTrail | summarize a=make_set(pack_array(EventName, AWSRegion, strlen(UserAgent))), p=make_set(parse_json(RequestParameters), 20), l=make_list(parse_json(RequestParameters), 3) by EventSource',
  'AWSCloudTrail | summarize b=make_bag(parse_json(RequestParameters)), k=make_bag(bag_pack(EventName, TimeGenerated), 4), bi=make_bag_if(bag_pack(AWSRegion, SourceIpAddress), isnotempty(ErrorCode)) by EventSource',
  // rows kept: ties keep the first row, all-null values the first row (arg_min doc, null handling)
  'AWSCloudTrail | summarize arg_max(TimeGenerated, EventName, SourceIpAddress), arg_min(strlen(EventName), *) by AWSRegion',
  `${WITH_NULLS} | summarize arg_min(x, EventName, TimeGenerated), arg_max(x, *) by EventSource`,
  `${WITH_NULLS} | summarize a=take_any(ErrorCode), b=take_any(x), c=take_any(EventName, SourceIpAddress), d=any(x), e=take_anyif(ErrorCode, ReadOnly), f=anyif(x, isnotempty(UserAgent)) by EventSource`,
  // percentiles keep every value; the result sorts them
  `${WITH_NULLS} | summarize p=percentile(x, 50), ps=percentiles(strlen(EventName), 5, 50, 95), pt=percentile(TimeGenerated, 90) by AWSRegion`,
  // and without keys, and mixed with the counting aggregates
  'AWSCloudTrail | summarize c=count(), ips=make_set(SourceIpAddress, 100), firstName=take_any(EventName), latest=arg_max(TimeGenerated, EventName)',
  'AWSCloudTrail | where EventName == "NoSuchEvent" | summarize l=make_list(EventName), s=make_set(EventName), b=make_bag(parse_json(RequestParameters)), a=arg_max(TimeGenerated, EventName), t=take_any(EventName), p=percentile(strlen(EventName), 50)',
];

test('aggregates that keep values or rows give the row path result (real gzip, a worker thread)', { timeout: 300_000 }, async () => {
  for (const q of COLLECTING) await same([EXAMPLES], q);
});

test('a collecting aggregate past the memory budget stops the query on both paths, with the same error (query-limits doc)', { timeout: 120_000 }, async () => {
  // the groups merged in this thread are charged to the query's Summarize account, as the row path's are
  const query = 'set maxmemoryconsumptionperiterator = 200000; AWSCloudTrail | summarize l=make_list(UserAgent), s=make_set(SourceIpAddress) by EventSource';
  const messages: string[] = [];
  for (const partial of [false, true]) {
    const source = openCloudTrail([EXAMPLES], { workers: 2, parallelMinBytes: 0 });
    const tables = new Map<string, TableSource>([['AWSCloudTrail', source]]);
    const compiled = compileQuery(query, workspace.catalog(tables));
    const error = await compiled.run({ now: 0n, tables, watchlists: workspace.watchlists, noPartialAggregation: !partial }).then(
      () => assert.fail(`expected E_RUNAWAY_QUERY (partial: ${partial})`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof RunawayQueryError, String(error));
    assert.equal(error.what, 'Summarize operator');
    messages.push(error.message);
    if (partial) assert.ok(source.summary().aggregatedFiles > 0, 'the partial path ran');
  }
  assert.equal(messages[1], messages[0]);
  // and under the budget both give the same result
  await same([EXAMPLES], 'set maxmemoryconsumptionperiterator = 200000; AWSCloudTrail | summarize l=make_list(UserAgent, 3), s=make_set(AWSRegion) by EventSource');
});

test('aggregates whose state does not merge exactly, and subqueries, keep the row path', { timeout: 120_000 }, async () => {
  const rowPath = [
    // a floating-point sum depends on the order of additions (sum-aggregation-function doc: real)
    'AWSCloudTrail | summarize s=sum(todouble(strlen(EventName)) / 3.0) by EventSource',
    'AWSCloudTrail | summarize avg(strlen(EventName))',
    // Welford's running variance depends on the order of its floating-point steps too
    'AWSCloudTrail | summarize stdev(strlen(EventName)), variance(strlen(UserAgent)) by AWSRegion',
    'AWSCloudTrail | where EventName in ((AWSCloudTrail | summarize count() by EventName | top 3 by count_ | project EventName)) | count',
  ];
  for (const q of rowPath) {
    const r = await same([EXAMPLES], q, false);
    // the subquery's own summarize may be partial; the outer one reads rows: no way to tell them
    // apart by the file count, so each row-path query above has none of its own
    assert.ok(r.rows.length > 0, q);
  }
});

test('generated data: the hunting queries give the row path result', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-'));
  try {
    writeTree({ records: 20_000, seed: 'partial' }, dir);
    const logs = join(dir, 'AWSLogs');
    for (const q of [
      'AWSCloudTrail | count',
      'AWSCloudTrail | summarize c=count(), ips=dcount(SourceIpAddress), errs=countif(isnotempty(ErrorCode)) by EventSource, EventName | top 10 by c',
      'AWSCloudTrail | where isnotempty(ErrorCode) | summarize errors=count(), codes=dcount(ErrorCode), FirstSeen=min(TimeGenerated), LastSeen=max(TimeGenerated) by UserIdentityArn',
      'AWSCloudTrail | where EventName == "ConsoleLogin" | summarize logins=count(), users=dcount(UserIdentityArn) by SourceIpAddress, UserAgent',
      'AWSCloudTrail | summarize n=count() by bin(TimeGenerated, 1h), EventName',
      COLLECTING[0]!,
      'AWSCloudTrail | summarize ips=make_set(SourceIpAddress, 40), calls=make_list(EventName, 300), a=arg_max(TimeGenerated, EventName) by EventSource',
    ]) {
      const r = await same([logs], q);
      if (q === 'AWSCloudTrail | count') assert.deepEqual(r.rows, ['["20000n"]'], 'every record was counted');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('dcount past 65,536 distinct strings (the dictionary moves to string-ids.ts) on both paths: a Set\'s count', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-many-'));
  try {
    const logs = join(dir, 'AWSLogs');
    mkdirSync(logs, { recursive: true });
    const names = ['DescribeInstances', 'GetObject', 'ConsoleLogin'];
    const want = new Map<string, { ids: Set<string>; agents: Set<string> }>();
    let n = 0;
    // 40 files, the first of 70,000 records: the block that reads it alone passes 65,536 values,
    // so its states leave the reading thread from the compact dictionary too
    for (let f = 0; f < 40; f++) {
      const records: object[] = [];
      for (let k = 0; k < (f === 0 ? 70_000 : 1_000); k++, n++) {
        const name = names[n % 3]!;
        const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
        // user agents: Latin-1, wide and astral characters, repeating across files
        const agent = n % 4 === 0 ? `agent-é-${n % 90_001}` : n % 4 === 1 ? `agent-\u0100-${n % 70_003}` : n % 4 === 2 ? `\ud83d\ude00-${n % 50_000}` : `aws-cli/${n % 80_000}`;
        const r = record(id, name, `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`, `2024-05-01T${String(Math.floor(f / 2)).padStart(2, '0')}:00:00Z`) as Record<string, unknown>;
        r.userAgent = agent;
        records.push(r);
        const w = want.get(name) ?? { ids: new Set<string>(), agents: new Set<string>() };
        w.ids.add(id);
        w.agents.add(agent);
        want.set(name, w);
      }
      gz(join(logs, `f${String(f).padStart(2, '0')}.json.gz`), records);
    }
    const q = 'AWSCloudTrail | summarize ids=dcount(AwsEventId), agents=dcount(UserAgent), all=dcount(strcat(EventName, UserAgent)) by EventName | order by EventName asc';
    const r = await same([logs], q);
    const expected = [...want].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, w]) => JSON.stringify([name, `${w.ids.size}n`, `${w.agents.size}n`, `${w.agents.size}n`]));
    assert.deepEqual(r.rows, expected);
    assert.ok(want.get('GetObject')!.ids.size > 65_536 / 3 && n > 65_536);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function gz(path: string, records: object[]): void {
  writeFileSync(path, gzipSync(JSON.stringify({ Records: records })));
}

function record(id: string, name: string, ip: string, time: string): object {
  return { eventVersion: '1.08', eventTime: time, eventSource: 'ec2.amazonaws.com', eventName: name, awsRegion: 'us-east-1', sourceIPAddress: ip, eventID: id, eventType: 'AwsApiCall', userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/a' } };
}

test('duplicate eventIDs: a file with one is read again as rows; first occurrence wins as on the row path', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-dup-'));
  try {
    const sub = join(dir, 'AWSLogs');
    mkdirSync(sub, { recursive: true });
    // a.json.gz: ids 1-3; b.json.gz: id 2 again with different content (dropped, warned) and 4;
    // c.json.gz: id 5 twice within the file; d.json.gz: id 6 only
    gz(join(sub, 'a.json.gz'), [record('1', 'A', '10.0.0.1', '2024-01-01T00:00:00Z'), record('2', 'B', '10.0.0.2', '2024-01-01T00:01:00Z'), record('3', 'A', '10.0.0.3', '2024-01-01T00:02:00Z')]);
    gz(join(sub, 'b.json.gz'), [record('2', 'Planted', '10.9.9.9', '2024-01-01T00:01:00Z'), record('4', 'B', '10.0.0.4', '2024-01-01T00:03:00Z')]);
    gz(join(sub, 'c.json.gz'), [record('5', 'C', '10.0.0.5', '2024-01-01T00:04:00Z'), record('5', 'C', '10.0.0.5', '2024-01-01T00:04:00Z'), record('7', 'A', '10.0.0.1', '2024-01-01T00:05:00Z')]);
    gz(join(sub, 'd.json.gz'), [record('6', 'D', '10.0.0.6', '2024-01-01T00:06:00Z')]);
    for (const q of ['AWSCloudTrail | count', 'AWSCloudTrail | summarize n=count(), ips=dcount(SourceIpAddress), FirstSeen=min(TimeGenerated) by EventName']) {
      const r = await same([sub], q);
      assert.equal(r.duplicates, 2, 'id 2 in b and the second id 5 in c');
      // content = the columns the query maps (duplicates.ts): count maps none, so nothing differs
      assert.equal(r.differingDuplicates, q.includes('summarize') ? 1 : 0, 'the planted copy of id 2 is warned about');
      assert.equal(r.aggregatedFiles, 2, 'a and d aggregated in their reader; b and c read again as rows');
      assert.equal(r.rowsRead, 7, '9 records, 2 of them dropped copies');
    }
    const names = await run([sub], 'AWSCloudTrail | summarize n=count() by EventName | order by EventName asc', true);
    assert.deepEqual(names.rows, ['["A","3n"]', '["B","2n"]', '["C","1n"]', '["D","1n"]'], 'the planted copy of id 2 is not counted');
    // --keep-duplicates: every file aggregated, every row counted
    const kept = await same([sub], 'AWSCloudTrail | count', true, { keepDuplicates: true });
    assert.equal(kept.aggregatedFiles, 4);
    assert.deepEqual(kept.rows, ['["9n"]']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('size limits reached in a later file, ties across files: the row path result, and the one the docs give', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-limits-'));
  try {
    const sub = join(dir, 'AWSLogs');
    mkdirSync(sub, { recursive: true });
    // read in this order (a, b, c, d); with 2 workers and no size threshold, files are split across threads
    gz(join(sub, 'a.json.gz'), [record('1', 'A', '10.0.0.1', '2024-01-01T00:00:00Z'), record('2', 'B', '10.0.0.2', '2024-01-01T00:05:00Z'), record('3', 'A', '10.0.0.1', '2024-01-01T00:01:00Z')]);
    gz(join(sub, 'b.json.gz'), [record('4', 'C', '10.0.0.2', '2024-01-01T00:05:00Z'), record('5', 'D', '10.0.0.3', '2024-01-01T00:02:00Z'), record('6', 'E', '10.0.0.4', '2024-01-01T00:03:00Z')]);
    gz(join(sub, 'c.json.gz'), [record('7', 'F', '10.0.0.5', '2024-01-01T00:04:00Z')]);
    gz(join(sub, 'd.json.gz'), [record('8', 'G', '10.0.0.6', '2024-01-01T00:05:00Z'), record('9', 'A', '10.0.0.7', '2024-01-01T00:00:00Z')]);
    const cases: [string, string][] = [
      // make_list doc: input order, at most maxSize elements; the limit is reached inside b, or exactly at a's end
      ['AWSCloudTrail | summarize l4=make_list(EventName, 4), l3=make_list(EventName, 3), all=make_list(EventName)',
        '[["A","B","A","C"],["A","B","A"],["A","B","A","C","D","E","F","G","A"]]'],
      // make_set doc: distinct values, at most maxSize; b repeats a's 10.0.0.2 before the limit is reached with 10.0.0.3
      ['AWSCloudTrail | summarize s3=make_set(SourceIpAddress, 3), s2=make_set(SourceIpAddress, 2), all=make_set(SourceIpAddress), n=make_set(EventName)',
        '[["10.0.0.1","10.0.0.2","10.0.0.3"],["10.0.0.1","10.0.0.2"],["10.0.0.1","10.0.0.2","10.0.0.3","10.0.0.4","10.0.0.5","10.0.0.6","10.0.0.7"],["A","B","C","D","E","F","G"]]'],
      // make_bag doc: the first value of a key wins (A's from a, not d's), at most maxSize keys
      ['AWSCloudTrail | summarize b=make_bag(bag_pack(EventName, SourceIpAddress), 4), all=make_bag(bag_pack(EventName, SourceIpAddress))',
        '[{"<bag>":[["A","10.0.0.1"],["B","10.0.0.2"],["C","10.0.0.2"],["D","10.0.0.3"]]},{"<bag>":[["A","10.0.0.1"],["B","10.0.0.2"],["C","10.0.0.2"],["D","10.0.0.3"],["E","10.0.0.4"],["F","10.0.0.5"],["G","10.0.0.6"]]}]'],
      // ties across files keep the earliest row (B in a over C in b and G in d; A in a over A in d)
      ['AWSCloudTrail | summarize mx=arg_max(TimeGenerated, EventName), mn=arg_min(TimeGenerated, SourceIpAddress), t=take_any(EventName)',
        '["638396643000000000n","B","638396640000000000n","10.0.0.1","A"]'],
    ];
    for (const [q, expected] of cases) {
      const r = await same([sub], q);
      assert.equal(r.aggregatedFiles, 4, q);
      assert.deepEqual(r.rows, [expected], q);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one reading thread (small input, no workers): the same results through this thread', { timeout: 120_000 }, async () => {
  const logs = join(EXAMPLES, 'session-theft');
  const files = readdirSync(logs, { recursive: true }).length;
  assert.ok(files > 0);
  for (const q of SUPPORTED.slice(0, 5)) await same([logs], q, true, { workers: 1 });
});

test('a copied file (every eventID a duplicate) is filtered like the row path, in a worker or not', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-copy-'));
  try {
    const src = join(EXAMPLES, 'session-theft', 'AWSLogs', '218007301253', 'CloudTrail', 'us-east-1', '2023', '07', '10');
    const first = readdirSync(src).sort()[0]!;
    for (const sub of ['x', 'y']) {
      mkdirSync(join(dir, sub), { recursive: true });
      copyFileSync(join(src, first), join(dir, sub, first));
    }
    const r = await same([dir], 'AWSCloudTrail | summarize n=count(), d=dcount(SourceIpAddress) by EventName');
    assert.ok(r.duplicates > 0);
    assert.equal(r.aggregatedFiles, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// dcount keeps each distinct value once per aggregator (a dictionary) and groups hold ids into it;
// a file's dictionary crosses threads once and is mapped into the merging table's. These files
// give groups more distinct values than a short id list holds (16), values shared by several
// groups and files, empty strings, and a file given up (a duplicate eventID: read again as rows
// and added to the merged table between merges). dcount-aggregation-function doc
// (learn.microsoft.com/kusto/query/dcount-aggregation-function): null values are ignored; a string
// is never null, so an empty string is a value of its own (learn.microsoft.com/kusto/query/scalar-data-types/string).
test('dcount over many values, several files and a file given up: the row path result and the distinct count itself', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'th-partial-dcount-'));
  try {
    const sub = join(dir, 'AWSLogs');
    mkdirSync(sub, { recursive: true });
    const names = ['GetObject', 'PutObject', 'ListBuckets'];
    const files: object[][] = [];
    const kept: { name: string; ip: string; error: string }[] = [];
    let id = 0;
    for (let f = 0; f < 6; f++) {
      const recs: object[] = [];
      for (let k = 0; k < 60; k++) {
        const name = names[(k + f) % 3]!;
        // 10.0.x.y: ~40 distinct a group a file, many seen again in later files and other groups
        const ip = k % 17 === 5 ? '' : `10.0.${(k * 7 + f * 3) % 11}.${k % 13}`;
        const error = k % 3 === 0 ? `Err${(k + f) % 4}` : '';
        const r: Record<string, unknown> = { ...(record(String(++id), name, ip, `2024-01-0${1 + (f % 3)}T0${k % 10}:${String(k % 60).padStart(2, '0')}:00Z`) as Record<string, unknown>) };
        if (error) r['errorCode'] = error;
        if (ip === '' && k % 2 === 0) delete r['sourceIPAddress'];
        recs.push(r);
        kept.push({ name, ip, error });
      }
      files.push(recs);
    }
    // file 3 repeats a record of file 1 (same eventID, same content): file 3 is given up and read as rows
    files[3]!.push(files[1]![7]!);
    files.forEach((recs, f) => gz(join(sub, `f${f}.json.gz`), recs));
    const q = 'AWSCloudTrail | summarize n=count(), d=dcount(SourceIpAddress), di=dcountif(SourceIpAddress, isnotempty(ErrorCode)), e=dcount(ErrorCode) by EventName | order by EventName asc';
    const r = await same([sub], q);
    assert.equal(r.duplicates, 1);
    assert.equal(r.aggregatedFiles, 5, 'every file but the one given up aggregated in its reader');
    // the oracle: distinct values by hand over the records kept
    const expected = [...names].sort().map((name) => {
      const mine = kept.filter((k) => k.name === name);
      const d = new Set(mine.map((k) => k.ip)).size;
      const di = new Set(mine.filter((k) => k.error !== '').map((k) => k.ip)).size;
      const e = new Set(mine.map((k) => k.error)).size;
      return JSON.stringify([name, `${mine.length}n`, `${d}n`, `${di}n`, `${e}n`]);
    });
    assert.deepEqual(r.rows, expected);
    // every scalar type as dcount's argument and as a key (learn.microsoft.com/kusto/query/summarize-operator:
    // keys of any scalar type but dynamic; dcount counts distinct values of any scalar type)
    const len = 'strlen(SourceIpAddress)';
    for (const q2 of [
      `AWSCloudTrail | summarize l=dcount(${len}), i=dcount(toint(${len} % 5)), r=dcount(todouble(${len}) / 4.0), z=dcount(iff(${len} > 9, 0.0, -0.0)), nan=dcount(iff(${len} > 9, real(nan), 1.0)), b=dcount(${len} > 10), t=dcount(TimeGenerated), ts=dcount(TimeGenerated - datetime(2024-01-01)), dec=dcount(todecimal(${len}) / 3), g=dcount(toguid(strcat("2f3b4c5d-0000-4000-8000-0000000000", ${len} % 10, "0"))) by EventName`,
      `AWSCloudTrail | summarize dy=dcount(pack_array(EventName, ${len})), db=dcount(bag_pack("ip", SourceIpAddress)), nul=dcount(iff(${len} > 9, long(null), ${len})), none=dcount(long(null)) by EventName`,
      `AWSCloudTrail | summarize d=dcount(SourceIpAddress), lo=min(TimeGenerated), hi=max(TimeGenerated), s=sum(${len}), si=sumif(${len}, isnotempty(ErrorCode)), mi=minif(${len}, isnotempty(ErrorCode)), ma=maxif(SourceIpAddress, isnotempty(ErrorCode)) by bin(TimeGenerated, 1h), n=${len}, f=todouble(${len}) / 2.0`,
      `AWSCloudTrail | summarize c=count(), ci=countif(isempty(ErrorCode)), d=dcount(SourceIpAddress)`,
    ]) await same([sub], q2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
