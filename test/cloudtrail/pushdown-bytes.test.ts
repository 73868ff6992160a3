/**
 * The byte-level pre-filter (records found and ruled out before decoding) keeps every row the full
 * path keeps, whatever way the bytes arrive: small gzip files inflated into scanner memory, plain
 * JSON, streamed gzip whose 256 KiB chunks cut records, truncated gzip, broken records. Also:
 * the records, diagnostics and counts it reports are those of the full path.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ScanPredicate } from '../../src/kql/scan.ts';
import { openCloudTrail, type CloudTrailOptions } from '../../src/cloudtrail/index.ts';
import { collect, INVICTUS_DAY, tempDir, type Row } from './helpers.ts';

type Obj = Record<string, unknown>;

const GOOD_FILE = '218007301253_CloudTrail_us-east-1_20230710T1145Z_s7dpHbl38neqZbm2.json.gz';

function sampleRecords(): Obj[] {
  return (JSON.parse(gunzipSync(readFileSync(join(INVICTUS_DAY, GOOD_FILE))).toString('utf8')) as { Records: Obj[] }).Records;
}

/** Records the byte filter must keep or must be allowed to drop, spelled every awkward way. */
function specialRecords(): string[] {
  const base = (id: string, rest: string) => `{"eventVersion":"1.08","eventID":"${id}","eventTime":"2023-07-10T11:55:00Z","eventSource":"health.amazonaws.com"${rest}}`;
  return [
    base('upper', ',"eventName":"DESCRIBEEVENTAGGREGATES","sourceIPAddress":"10.0.0.1"'),
    base('mixed', ',"eventName":"dEsCrIbEeVeNtAgGrEgAtEs","sourceIPAddress":"10.0.0.2"'),
    base('escaped', ',"eventName":"\\u0044escribeEventAggregates","sourceIPAddress":"10.0.0.3"'),
    base('escaped-mid', ',"eventName":"Describe\\u0045ventAggregates","sourceIPAddress":"10.0.0.4"'),
    base('kelvin', ',"eventName":"DescribeEventAggregates","userAgent":"\u212Aelvin","sourceIPAddress":"10.0.0.5"'),
    base('nested-only', ',"eventName":"Other","requestParameters":{"note":"DescribeEventAggregates"}'),
    base('near-miss', ',"eventName":"DescribeEventAggregate","sourceIPAddress":"10.0.0.6"'),
    base('huge', `,"requestParameters":{"pad":"${'q'.repeat(3 * 1024 * 1024)}"},"eventName":"DescribeEventAggregates","sourceIPAddress":"10.0.0.7"`),
    base('health', ',"eventName":"DescribeEventAggregates","sourceIPAddress":"health.amazonaws.com"'),
  ];
}

const PREDICATES: ScanPredicate[][] = [
  [
    { kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: false, negated: false },
    { kind: 'has', column: 'SourceIpAddress', term: 'health.amazonaws.com', caseSensitive: false, negated: true },
  ],
  [{ kind: 'has', column: 'EventName', term: 'DescribeEventAggregates', caseSensitive: true, negated: false }],
  [{ kind: 'in', column: 'EventName', values: ['consolelogin', 'DESCRIBEEVENTAGGREGATES', 'GetBucketAcl'], caseInsensitive: true }],
];

function holds(row: Row, p: ScanPredicate): boolean {
  const v = String(row[p.column]);
  if (p.kind === 'in') return p.values.some((x) => (p.caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v));
  if (p.kind !== 'has') return true;
  const hit = p.caseSensitive ? v.split(/[^A-Za-z0-9.]+/).includes(p.term) : v.toLowerCase().split(/[^a-z0-9.]+/).includes(p.term.toLowerCase());
  return p.negated ? !hit : hit;
}

const ids = (rows: Row[]) => rows.map((r) => String(r['AwsEventId'])).sort();

async function compare(paths: string[], options: CloudTrailOptions, what: string): Promise<void> {
  for (const preds of PREDICATES) {
    const full = openCloudTrail(paths, { ...options, keepDuplicates: true });
    const all = (await collect(full)).rows.filter((r) => preds.every((p) => holds(r, p)));
    const pushed = openCloudTrail(paths, { ...options, keepDuplicates: true });
    const got = (await collect(pushed, preds)).rows.filter((r) => preds.every((p) => holds(r, p)));
    assert.deepEqual(ids(got), ids(all), `${what}: ${JSON.stringify(preds)}`);
    assert.ok(all.length > 0, `${what}: some rows match`);
    const a = full.summary();
    const b = pushed.summary();
    assert.equal(b.records, a.records, `${what}: records seen`);
    assert.equal(b.partialFiles, a.partialFiles, `${what}: partial files`);
    // every problem the pushed-down scan reports is one the full scan reports, at the same place
    const known = new Set(full.diagnostics().map((d) => JSON.stringify(d)));
    for (const d of pushed.diagnostics()) assert.ok(known.has(JSON.stringify(d)), `${what}: ${JSON.stringify(d)}`);
  }
}

function documents(): { name: string; text: string }[] {
  const recs = sampleRecords().map((r) => JSON.stringify(r));
  const special = specialRecords();
  const mixed = recs.flatMap((r, i) => (i % 300 === 0 ? [special[(i / 300) % special.length]!, r] : [r]));
  return [
    { name: 'a.json', text: `{"Records":[${mixed.join(',')}]}` },
    { name: 'b.json', text: `{"Records":[\n${[...special, ...recs.slice(0, 200)].join(',\n  ')}\n]}` },
    // a broken record holding the needle, and a broken one without it
    { name: 'c.json', text: `{"Records":[${recs[0]},${special[0]!.slice(0, -1)}]x},${recs[1]},{"eventName":"Nothing",]},${special[4]}]}` },
  ];
}

test('byte pre-filter = full path: small gzip, plain JSON, streamed gzip cut into chunks, truncated gzip, broken records', async (t) => {
  const dir = tempDir(t);
  for (const d of documents()) {
    writeFileSync(join(dir, d.name), d.text);
    writeFileSync(join(dir, `${d.name}.gz`), gzipSync(d.text));
  }
  const gz = gzipSync(documents()[0]!.text);
  writeFileSync(join(dir, 'cut.json.gz'), gz.subarray(0, Math.floor(gz.length * 0.7)));
  await compare([dir], {}, 'read whole');
  await compare([dir], { wholeFileMaxBytes: 0 }, 'streamed');
  const cut = openCloudTrail([join(dir, 'cut.json.gz')]);
  const rows = (await collect(cut, PREDICATES[0])).rows;
  assert.ok(rows.length > 0, 'rows before the cut');
  assert.equal(cut.summary().partialFiles, 1);
  assert.match(cut.describeSummary(), /cut\.json\.gz: error: gzip stream unreadable after \d+ decompressed bytes/);
});

test('byte pre-filter: the special records are kept or dropped for the right reason', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'special.json.gz'), gzipSync(`{"Records":[${specialRecords().join(',')}]}`));
  const src = openCloudTrail([dir]);
  const got = ids((await collect(src, PREDICATES[0])).rows);
  // negated `has` is decided exactly on the mapped row: the companion record `health` goes
  assert.deepEqual(got, ['escaped', 'escaped-mid', 'huge', 'kelvin', 'mixed', 'upper']);
  const s = src.summary();
  assert.equal(s.records, 9);
  assert.equal(s.filteredRecords, 3, 'near-miss by its bytes; nested-only and the health companion by the row check');
});
